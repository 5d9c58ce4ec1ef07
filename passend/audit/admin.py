from django.contrib import admin
from django.http import HttpRequest

from passend.audit.models import Inzage


@admin.register(Inzage)
class InzageAdmin(admin.ModelAdmin):
    """Read-only: the log can be read, never changed or deleted through the app."""

    list_display = [
        "tijd",
        "swv_code",
        "gebruikersnaam",
        "gebeurtenis",
        "actie",
        "objecttype",
        "object_id",
        "grondslag",
    ]
    list_filter = ["swv_code", "actie", "objecttype", "gebeurtenis"]
    search_fields = ["gebruikersnaam", "object_id", "request_id"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

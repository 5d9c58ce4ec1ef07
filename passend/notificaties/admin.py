from typing import Any

from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from passend.notificaties.models import Bericht
from passend.notificaties.services import bericht_opnieuw_versturen


@admin.action(description=_("Opnieuw versturen"))
def opnieuw_versturen(modeladmin: Any, request: HttpRequest, berichten: QuerySet[Bericht]) -> None:
    # A wiped reset link cannot be sent again; it expired long ago anyway.
    for bericht in berichten.exclude(status=Bericht.Status.VERZONDEN).exclude(vertrouwelijk=True):
        bericht_opnieuw_versturen(bericht=bericht)
    messages.success(request, _("De gekozen berichten worden opnieuw verstuurd."))


@admin.register(Bericht)
class BerichtAdmin(admin.ModelAdmin[Bericht]):
    """The outbox: read, filter on state, send a failed mail again; never edited by hand."""

    list_display = ["aangemaakt_op", "onderwerp", "status", "pogingen", "verzonden_op", "swv"]
    list_filter = ["status", "swv"]
    search_fields = ["onderwerp"]
    actions = [opnieuw_versturen]
    fields = (
        "onderwerp",
        "aan",
        "inhoud",
        "status",
        "pogingen",
        "laatste_fout",
        "volgende_poging",
        "aangemaakt_op",
        "verzonden_op",
    )
    readonly_fields = fields

    @admin.display(description=_("tekst"))
    def inhoud(self, bericht: Bericht) -> str:
        # A reset link is a secret: not even an administrator reads it here.
        return str(_("(vertrouwelijk)")) if bericht.vertrouwelijk else bericht.tekst

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

from django.contrib import admin

from passend.accounts.models import Gebruiker, Rol, Schoolcontactpersoon


@admin.register(Rol)
class RolAdmin(admin.ModelAdmin):
    list_display = ["naam", "code", "kant", "aan_scholen_gekoppeld"]


@admin.register(Gebruiker)
class GebruikerAdmin(admin.ModelAdmin):
    list_display = ["gebruikersnaam", "volledige_naam", "swv", "email", "is_active"]
    list_filter = ["swv", "rollen", "is_active"]
    search_fields = ["gebruikersnaam", "voornaam", "achternaam", "email"]
    filter_horizontal = ["rollen", "scholen"]
    fields = [
        "swv",
        "gebruikersnaam",
        ("voornaam", "tussenvoegsel", "achternaam"),
        "email",
        "rollen",
        "scholen",
        "statusmails_ontvangen",
        "is_active",
        "is_staff",
        "is_superuser",
        "last_login",
    ]
    readonly_fields = ["last_login"]


@admin.register(Schoolcontactpersoon)
class SchoolcontactpersoonAdmin(admin.ModelAdmin):
    list_display = ["school", "gebruiker"]
    list_filter = ["school__swv"]

from django.contrib import admin

from passend.organisaties.models import Bestuur, Regio, Samenwerkingsverband, School


@admin.register(Samenwerkingsverband)
class SamenwerkingsverbandAdmin(admin.ModelAdmin):
    list_display = ["code", "naam"]
    search_fields = ["code", "naam"]


@admin.register(Regio)
class RegioAdmin(admin.ModelAdmin):
    list_display = ["naam", "swv"]
    list_filter = ["swv"]


@admin.register(Bestuur)
class BestuurAdmin(admin.ModelAdmin):
    list_display = [
        "naam",
        "nummer",
        "swv",
        "verwerkersovereenkomst",
        "verwerkersovereenkomst_datum",
    ]
    list_filter = ["swv", "verwerkersovereenkomst"]
    search_fields = ["naam", "nummer"]


@admin.register(School)
class SchoolAdmin(admin.ModelAdmin):
    list_display = ["naam", "code", "swv", "regio", "bestuur", "aangesloten"]
    list_filter = ["swv", "regio", "aangesloten"]
    search_fields = ["naam", "code"]

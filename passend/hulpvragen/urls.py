from django.urls import path

from passend.hulpvragen.views import detail, dossier, export, overzicht

app_name = "hulpvragen"

urlpatterns = [
    path("hulpvragen/", overzicht.lijst, name="lijst"),
    path("hulpvragen/export.csv", export.export, name="export"),
    path("mijn-acties/", overzicht.mijn_acties_lijst, name="mijn_acties"),
    path("hulpvragen/toevoegen/", dossier.toevoegen, name="toevoegen"),
    path("hulpvragen/<str:referentie>/", detail.detail, name="detail"),
    path(
        "hulpvragen/<str:referentie>/status-wijzigen/",
        detail.status_wijzigen,
        name="status_wijzigen",
    ),
    path(
        "hulpvragen/<str:referentie>/statushistorie/", detail.statushistorie, name="statushistorie"
    ),
    path(
        "hulpvragen/<str:referentie>/coordinator-en-labels/",
        detail.behandeling_wijzigen,
        name="behandeling_wijzigen",
    ),
    path("hulpvragen/<str:referentie>/oppakken/", detail.oppakken, name="oppakken"),
    path(
        "hulpvragen/<str:referentie>/schoolgegevens-bewerken/",
        detail.schoolgegevens_bewerken,
        name="schoolgegevens_bewerken",
    ),
    path("dossiers/nieuw/", dossier.dossier_nieuw, name="dossier_nieuw"),
    path("dossiers/<int:pk>/", dossier.dossier, name="dossier"),
    path("dossiers/<int:pk>/adres-toevoegen/", dossier.adres_nieuw, name="adres_nieuw"),
    path(
        "dossiers/<int:pk>/basisgegevens/",
        dossier.basisgegevens_wijzigen,
        name="basisgegevens_wijzigen",
    ),
    path(
        "dossiers/<int:pk>/adressen/<int:adres_pk>/",
        dossier.adres_bewerken,
        name="adres_bewerken",
    ),
    path(
        "dossiers/<int:pk>/schoolgegevens/",
        dossier.dossier_schoolgegevens,
        name="dossier_schoolgegevens",
    ),
    path(
        "dossiers/<int:pk>/schoolgegevens/nieuw/",
        dossier.schoolgegevens_nieuw,
        name="schoolgegevens_nieuw",
    ),
    path("dossiers/<int:pk>/hulpvragen/", dossier.dossier_hulpvragen, name="dossier_hulpvragen"),
    path("dossiers/<int:pk>/hulpvragen/nieuw/", dossier.hulpvraag_nieuw, name="hulpvraag_nieuw"),
]

from django.urls import path

from passend.hulpvragen import dossier_views, views

app_name = "hulpvragen"

urlpatterns = [
    path("hulpvragen/", views.lijst, name="lijst"),
    path("hulpvragen/export.csv", views.export, name="export"),
    path("mijn-acties/", views.mijn_acties_lijst, name="mijn_acties"),
    path("hulpvragen/toevoegen/", views.toevoegen, name="toevoegen"),
    path("hulpvragen/<str:referentie>/", views.detail, name="detail"),
    path(
        "hulpvragen/<str:referentie>/status-wijzigen/",
        views.status_wijzigen,
        name="status_wijzigen",
    ),
    path(
        "hulpvragen/<str:referentie>/statushistorie/", views.statushistorie, name="statushistorie"
    ),
    path(
        "hulpvragen/<str:referentie>/coordinator-en-labels/",
        views.behandeling_wijzigen,
        name="behandeling_wijzigen",
    ),
    path(
        "hulpvragen/<str:referentie>/schoolgegevens-bewerken/",
        views.schoolgegevens_bewerken,
        name="schoolgegevens_bewerken",
    ),
    path("dossiers/nieuw/", dossier_views.dossier_nieuw, name="dossier_nieuw"),
    path("dossiers/<int:pk>/", dossier_views.dossier, name="dossier"),
    path("dossiers/<int:pk>/adres-toevoegen/", dossier_views.adres_nieuw, name="adres_nieuw"),
    path(
        "dossiers/<int:pk>/basisgegevens/",
        dossier_views.basisgegevens_wijzigen,
        name="basisgegevens_wijzigen",
    ),
    path(
        "dossiers/<int:pk>/adressen/<int:adres_pk>/",
        dossier_views.adres_bewerken,
        name="adres_bewerken",
    ),
    path(
        "dossiers/<int:pk>/schoolgegevens/",
        dossier_views.dossier_schoolgegevens,
        name="dossier_schoolgegevens",
    ),
    path(
        "dossiers/<int:pk>/schoolgegevens/nieuw/",
        dossier_views.schoolgegevens_nieuw,
        name="schoolgegevens_nieuw",
    ),
    path(
        "dossiers/<int:pk>/hulpvragen/", dossier_views.dossier_hulpvragen, name="dossier_hulpvragen"
    ),
    path(
        "dossiers/<int:pk>/hulpvragen/nieuw/", dossier_views.hulpvraag_nieuw, name="hulpvraag_nieuw"
    ),
]

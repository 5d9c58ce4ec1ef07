from django.urls import path

from passend.inzagerecht import views

app_name = "inzagerecht"

urlpatterns = [
    path("dossiers/<int:pk>/inzage-en-export/", views.dossier, name="dossier"),
    path(
        "dossiers/<int:pk>/inzage-en-export/ouders/<int:inzage_pk>/intrekken/",
        views.intrekken,
        name="intrekken",
    ),
    path("dossiers/<int:pk>/inzage-en-export/export/", views.exporteren, name="exporteren"),
    path("hulpvragen/<str:referentie>/delen-met-ouders/", views.delen, name="delen"),
    path("ouders/", views.ouder_start, name="ouder_start"),
    path("ouders/kinderen/<int:pk>/", views.ouder_kind, name="ouder_kind"),
    path("ouders/hulpvragen/<str:referentie>/", views.ouder_hulpvraag, name="ouder_hulpvraag"),
    path(
        "ouders/hulpvragen/<str:referentie>/bijlagen/<int:pk>/",
        views.ouder_bijlage,
        name="ouder_bijlage",
    ),
]

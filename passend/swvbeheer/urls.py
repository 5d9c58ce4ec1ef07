from django.urls import path

from passend.swvbeheer import views

app_name = "swvbeheer"

# Under /swv-beheer/, before the configuration admin there (whose /accounts/ path is taken).
urlpatterns = [
    path("overzicht/", views.index, name="index"),
    path("personeelswissel/", views.personeelswissel, name="personeelswissel"),
    path("scholen/", views.scholen, name="scholen"),
    path("scholen/nieuw/", views.school_nieuw, name="school_nieuw"),
    path("scholen/export/", views.scholen_export, name="scholen_export"),
    path("besturen/", views.besturen, name="besturen"),
    path("besturen/<int:pk>/", views.bestuur, name="bestuur"),
    path("scholen/<int:pk>/", views.school, name="school"),
    path("scholen/<int:pk>/sluiten/", views.school_sluiten, name="school_sluiten"),
    path("scholen/<int:pk>/samenvoegen/", views.school_samenvoegen, name="school_samenvoegen"),
    path("gebruikers/", views.gebruikers, name="gebruikers"),
    path("gebruikers/uitnodigen/", views.uitnodigen, name="uitnodigen"),
    path("gebruikers/<int:pk>/", views.gebruiker, name="gebruiker"),
    path("gebruikers/<int:pk>/uitzetten/", views.deactiveren, name="deactiveren"),
    path("gebruikers/<int:pk>/heractiveren/", views.heractiveren, name="heractiveren"),
    path(
        "gebruikers/<int:pk>/activatielink/", views.uitnodiging_opnieuw, name="uitnodiging_opnieuw"
    ),
    path(
        "gebruikers/<int:pk>/authenticator-herstellen/",
        views.authenticator_herstellen,
        name="authenticator_herstellen",
    ),
]

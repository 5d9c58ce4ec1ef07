from django.urls import path

from passend.accounts import views

app_name = "accounts"

urlpatterns = [
    path("aanmelden/", views.aanmelden, name="aanmelden"),
    path("aanmelden/authenticator/", views.authenticator_inrichten, name="authenticator_inrichten"),
    path("uitloggen/", views.AfmeldenView.as_view(), name="uitloggen"),
    path("wachtwoord-vergeten/", views.wachtwoord_vergeten, name="wachtwoord_vergeten"),
    path(
        "wachtwoord-vergeten/verstuurd/",
        views.wachtwoord_vergeten_verstuurd,
        name="wachtwoord_vergeten_verstuurd",
    ),
    path(
        "wachtwoord-vergeten/<uidb64>/<token>/",
        views.WachtwoordHerstellenView.as_view(),
        name="wachtwoord_herstellen",
    ),
    path(
        "wachtwoord-vergeten/gewijzigd/",
        views.WachtwoordHersteldView.as_view(),
        name="wachtwoord_hersteld",
    ),
    path("activeren/<str:token>/", views.activeren, name="activeren"),
    path(
        "authenticator-herstellen/<str:token>/",
        views.authenticator_herstellen,
        name="authenticator_herstellen",
    ),
    path("account/", views.mijn_account, name="mijn_account"),
    path(
        "account/wachtwoord-wijzigen/",
        views.WachtwoordWijzigenView.as_view(),
        name="wachtwoord_wijzigen",
    ),
]

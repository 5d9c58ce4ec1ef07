from django.urls import path

from passend.bijlagen import views

app_name = "bijlagen"

urlpatterns = [
    path("hulpvragen/<str:referentie>/bijlagen/", views.lijst, name="lijst"),
    path("hulpvragen/<str:referentie>/bijlagen/toevoegen/", views.toevoegen, name="toevoegen"),
    path(
        "hulpvragen/<str:referentie>/bijlagen/wachtend/<int:pk>/",
        views.wachtend,
        name="wachtend",
    ),
    path("hulpvragen/<str:referentie>/bijlagen/<int:pk>/openen/", views.openen, name="openen"),
    path(
        "hulpvragen/<str:referentie>/bijlagen/<int:pk>/downloaden/",
        views.downloaden,
        name="downloaden",
    ),
    path(
        "hulpvragen/<str:referentie>/bijlagen/<int:pk>/verwijderen/",
        views.verwijderen,
        name="verwijderen",
    ),
]

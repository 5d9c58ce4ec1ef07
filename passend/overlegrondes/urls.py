from django.urls import path

from passend.overlegrondes import views

app_name = "overlegrondes"

urlpatterns = [
    path("overlegrondes/", views.lijst, name="lijst"),
    path("overlegrondes/nieuw/", views.kies_hulpvraag, name="kies_hulpvraag"),
    path("overlegrondes/<int:pk>/", views.detail, name="detail"),
    path("overlegrondes/<int:pk>/dossier/", views.dossier, name="dossier"),
    path("overlegrondes/<int:pk>/reageren/", views.reageren, name="reageren"),
    path("overlegrondes/<int:pk>/bewerken/", views.bewerken, name="bewerken"),
    path("overlegrondes/<int:pk>/sluiten/", views.sluiten, name="sluiten"),
    path("overlegrondes/<int:pk>/bijlagen/<int:bijlage_pk>/", views.bijlage, name="bijlage"),
    path(
        "overlegrondes/<int:pk>/reacties/<int:reactie_pk>/bijlage/",
        views.reactiebijlage,
        name="reactiebijlage",
    ),
    path(
        "overlegrondes/<int:pk>/deelnemers/<int:deelnemer_pk>/activatielink/",
        views.activatielink,
        name="activatielink",
    ),
    path("hulpvragen/<str:referentie>/overlegrondes/", views.hulpvraag, name="hulpvraag"),
    path("hulpvragen/<str:referentie>/overlegrondes/nieuw/", views.nieuw, name="nieuw"),
]

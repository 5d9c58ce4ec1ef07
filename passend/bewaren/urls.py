from django.urls import path

from passend.bewaren import views

app_name = "bewaren"

# Under /swv-beheer/bewaren/.
urlpatterns = [
    path("", views.index, name="index"),
    path("proefronde/", views.proefronde, name="proefronde"),
    path("bewaarplicht/", views.bewaarplichten, name="bewaarplichten"),
    path("bewaarplicht/<int:pk>/", views.bewaarplicht, name="bewaarplicht"),
    path(
        "bewaarplicht/<int:pk>/opheffen/",
        views.bewaarplicht_opheffen,
        name="bewaarplicht_opheffen",
    ),
]

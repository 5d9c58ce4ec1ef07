from django.urls import path

from passend.verantwoording import views

app_name = "verantwoording"

# Under /verantwoording/.
urlpatterns = [
    path("", views.index, name="index"),
    path("export.csv", views.export, name="export"),
    path("leerlingen/<int:leerling_id>/", views.leerling, name="leerling"),
]

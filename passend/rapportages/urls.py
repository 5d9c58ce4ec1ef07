from django.urls import path

from passend.rapportages import views

app_name = "rapportages"

urlpatterns = [
    path("managementoverzicht/", views.managementoverzicht, name="managementoverzicht"),
]

from django.urls import path

from passend.koppelingen import views

app_name = "koppelingen"

urlpatterns = [
    path("hulpvragen/<str:referentie>/oso/", views.oso_gegevens, name="oso_gegevens"),
]

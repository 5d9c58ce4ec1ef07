from django.urls import path

from passend.notificaties import views

app_name = "notificaties"

urlpatterns = [path("lokale-mailbox/", views.mailbox, name="mailbox")]

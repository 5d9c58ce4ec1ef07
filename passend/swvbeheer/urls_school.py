from django.urls import path

from passend.swvbeheer import views

app_name = "wijzigingsverzoeken"

# R44: the school's side of a wijzigingsverzoek, under /wijzigingsverzoeken/ (not under
# /swv-beheer/, which is the SWV's).
urlpatterns = [
    path("", views.mijn_wijzigingsverzoeken, name="lijst"),
    path("nieuw/", views.wijzigingsverzoek_nieuw, name="nieuw"),
    path("<int:pk>/", views.mijn_wijzigingsverzoek, name="verzoek"),
]

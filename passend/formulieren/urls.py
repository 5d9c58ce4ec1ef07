from django.urls import path

from passend.formulieren import views

app_name = "formulieren"

urlpatterns = [
    path("termijnen/", views.termijnen, name="termijnen"),
    path("hulpvragen/<str:referentie>/formulieren/", views.lijst, name="lijst"),
    path("hulpvragen/<str:referentie>/formulieren/<int:pk>/", views.tonen, name="tonen"),
    path("hulpvragen/<str:referentie>/formulieren/<int:pk>/pdf/", views.pdf, name="pdf"),
    path(
        "hulpvragen/<str:referentie>/formulieren/<int:pk>/bewerken/",
        views.bewerken,
        name="bewerken",
    ),
    path(
        "hulpvragen/<str:referentie>/formulieren/<int:pk>/ondertekenen/<slug:vraag>/",
        views.ondertekenen_view,
        name="ondertekenen",
    ),
    path(
        "hulpvragen/<str:referentie>/formulieren/<int:pk>/ondertekeningen/<int:ondertekening>/intrekken/",
        views.intrekken,
        name="intrekken",
    ),
]

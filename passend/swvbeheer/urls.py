from django.urls import path
from django.views.generic import RedirectView

from passend.swvbeheer import (
    views,
    views_formulieren,
    views_instellingen,
    views_koppelingen,
    views_processen,
)

app_name = "swvbeheer"

# Under /swv-beheer/: every screen of the SWV's application administrator (issue 16).
urlpatterns = [
    path("", RedirectView.as_view(pattern_name="swvbeheer:index")),
    path("overzicht/", views.index, name="index"),
    path("personeelswissel/", views.personeelswissel, name="personeelswissel"),
    path("wijzigingsverzoeken/", views.wijzigingsverzoeken, name="wijzigingsverzoeken"),
    path("wijzigingsverzoeken/<int:pk>/", views.wijzigingsverzoek, name="wijzigingsverzoek"),
    path("scholen/", views.scholen, name="scholen"),
    path("scholen/nieuw/", views.school_nieuw, name="school_nieuw"),
    path("scholen/export/", views.scholen_export, name="scholen_export"),
    path("besturen/", views.besturen, name="besturen"),
    path("besturen/<int:pk>/", views.bestuur, name="bestuur"),
    path("scholen/<int:pk>/", views.school, name="school"),
    path("scholen/<int:pk>/sluiten/", views.school_sluiten, name="school_sluiten"),
    path("scholen/<int:pk>/samenvoegen/", views.school_samenvoegen, name="school_samenvoegen"),
    path("gebruikers/", views.gebruikers, name="gebruikers"),
    path("gebruikers/uitnodigen/", views.uitnodigen, name="uitnodigen"),
    path("gebruikers/<int:pk>/", views.gebruiker, name="gebruiker"),
    path("gebruikers/<int:pk>/uitzetten/", views.deactiveren, name="deactiveren"),
    path("gebruikers/<int:pk>/heractiveren/", views.heractiveren, name="heractiveren"),
    path(
        "gebruikers/<int:pk>/activatielink/", views.uitnodiging_opnieuw, name="uitnodiging_opnieuw"
    ),
    path(
        "gebruikers/<int:pk>/authenticator-herstellen/",
        views.authenticator_herstellen,
        name="authenticator_herstellen",
    ),
    # Processes, statuses, transitions and titles (issue 16 item 6).
    path("processen/", views_processen.processen, name="processen"),
    path("processen/nieuw/", views_processen.proces_nieuw, name="proces_nieuw"),
    path("processen/<int:pk>/", views_processen.proces, name="proces"),
    path("processen/<int:pk>/statussen/nieuw/", views_processen.status_nieuw, name="status_nieuw"),
    path(
        "processen/<int:pk>/overgangen/nieuw/",
        views_processen.overgang_nieuw,
        name="overgang_nieuw",
    ),
    path("processen/<int:pk>/titels/nieuw/", views_processen.titel_nieuw, name="titel_nieuw"),
    path("statussen/<int:pk>/", views_processen.status, name="status"),
    path(
        "statussen/<int:pk>/verwijderen/",
        views_processen.status_verwijderen,
        name="status_verwijderen",
    ),
    path("overgangen/<int:pk>/", views_processen.overgang, name="overgang"),
    path(
        "overgangen/<int:pk>/verwijderen/",
        views_processen.overgang_verwijderen,
        name="overgang_verwijderen",
    ),
    path("titels/<int:pk>/", views_processen.titel, name="titel"),
    # Forms and the outbox (issue 16 item 1).
    path("formulieren/", views_formulieren.formulieren, name="formulieren"),
    path("formulieren/nieuw/", views_formulieren.formulier_nieuw, name="formulier_nieuw"),
    path("formulieren/<int:pk>/", views_formulieren.formulier, name="formulier"),
    path(
        "formulieren/<int:pk>/voorbeeld/",
        views_formulieren.formulier_voorbeeld,
        name="formulier_voorbeeld",
    ),
    path("berichten/", views_formulieren.berichten, name="berichten"),
    path(
        "berichten/opnieuw-versturen/",
        views_formulieren.berichten_opnieuw_versturen,
        name="berichten_opnieuw_versturen",
    ),
    path("berichten/<int:pk>/", views_formulieren.bericht, name="bericht"),
    path(
        "berichten/<int:pk>/opnieuw-versturen/",
        views_formulieren.bericht_opnieuw_versturen,
        name="bericht_opnieuw_versturen",
    ),
    # The SWV's simple configuration: labels, document types, SCPs, settings (issue 16 item 1).
    path("instellingen/<str:soort>/", views_instellingen.lijst, name="instellingen"),
    path("instellingen/<str:soort>/nieuw/", views_instellingen.nieuw, name="instelling_nieuw"),
    path("instellingen/<str:soort>/wijzigen/", views_instellingen.enkel, name="instelling_enkel"),
    path("instellingen/<str:soort>/<int:pk>/", views_instellingen.wijzigen, name="instelling"),
    path(
        "instellingen/<str:soort>/<int:pk>/verwijderen/",
        views_instellingen.verwijderen,
        name="instelling_verwijderen",
    ),
    # Koppelingen: API clients, Esis codes, OSO (issue 16 item 1).
    path("koppelingen/clients/", views_koppelingen.api_clients, name="api_clients"),
    path("koppelingen/clients/nieuw/", views_koppelingen.api_client_nieuw, name="api_client_nieuw"),
    path("koppelingen/clients/<int:pk>/", views_koppelingen.api_client, name="api_client"),
    path(
        "koppelingen/clients/<int:pk>/intrekken/",
        views_koppelingen.api_client_intrekken,
        name="api_client_intrekken",
    ),
    path(
        "koppelingen/clients/<int:pk>/scholen/nieuw/",
        views_koppelingen.schoolkoppeling_nieuw,
        name="schoolkoppeling_nieuw",
    ),
    path(
        "koppelingen/clients/<int:pk>/scholen/<int:koppeling_pk>/",
        views_koppelingen.schoolkoppeling,
        name="schoolkoppeling",
    ),
    path(
        "koppelingen/clients/<int:pk>/scholen/<int:koppeling_pk>/verwijderen/",
        views_koppelingen.schoolkoppeling_verwijderen,
        name="schoolkoppeling_verwijderen",
    ),
    path(
        "koppelingen/verificatiecodes/",
        views_koppelingen.verificatiecodes,
        name="verificatiecodes",
    ),
    path(
        "koppelingen/verificatiecodes/nieuw/",
        views_koppelingen.verificatiecode_nieuw,
        name="verificatiecode_nieuw",
    ),
    path(
        "koppelingen/verificatiecodes/<int:pk>/pauzeren/",
        views_koppelingen.verificatiecode_pauzeren,
        name="verificatiecode_pauzeren",
    ),
    path("koppelingen/oso/", views_koppelingen.osoinstellingen, name="osoinstellingen"),
    path("koppelingen/aanvraagtypen/", views_koppelingen.aanvraagtypen, name="aanvraagtypen"),
    path(
        "koppelingen/aanvraagtypen/nieuw/",
        views_koppelingen.aanvraagtype_nieuw,
        name="aanvraagtype_nieuw",
    ),
    path(
        "koppelingen/aanvraagtypen/<int:pk>/",
        views_koppelingen.aanvraagtype,
        name="aanvraagtype",
    ),
    path(
        "koppelingen/aanvraagtypen/<int:pk>/verwijderen/",
        views_koppelingen.aanvraagtype_verwijderen,
        name="aanvraagtype_verwijderen",
    ),
]

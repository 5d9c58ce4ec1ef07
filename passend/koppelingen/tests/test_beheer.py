"""SWV-beheer for the koppelingen: an application administrator registers an API client (its
token shown once), revokes it, and registers, pauses and resumes a school's Esis code (R10);
nothing of another SWV is visible."""

import re

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from passend.hulpvragen.tests.conftest import Omgeving
from passend.koppelingen.models import ApiClient, Verificatiecode
from passend.koppelingen.services import client_registreren, verificatiecode_registreren
from passend.koppelingen.tests.conftest import CODE_REGENBOOG, Esis

pytestmark = pytest.mark.django_db


def test_client_registreren_toont_het_token_een_keer(omgeving: Omgeving) -> None:
    beheer = omgeving.client(omgeving.beheerder)
    antwoord = beheer.post(
        reverse("swv_beheer:koppelingen_apiclient_add"),
        {
            "naam": "Esis",
            "soort": "esis",
            "max_per_minuut": 600,
            "schoolkoppelingen-TOTAL_FORMS": 0,
            "schoolkoppelingen-INITIAL_FORMS": 0,
        },
    )
    assert antwoord.status_code == 200
    token = re.search(r'value="(psd_[^"]+)"', antwoord.content.decode())
    assert token is not None
    client = ApiClient.objects.get(naam="Esis")
    assert client.swv == omgeving.ppo and client.aangemaakt_door == omgeving.beheerder
    assert token.group(1) not in str(ApiClient.objects.filter(pk=client.pk).values().get())
    # Not shown again: neither in the list nor on the client's page.
    for url in (
        reverse("swv_beheer:koppelingen_apiclient_changelist"),
        reverse("swv_beheer:koppelingen_apiclient_change", args=[client.pk]),
    ):
        assert token.group(1) not in beheer.get(url).content.decode()
    api = APIClient()
    assert (
        api.get("/api/v1/titels/", HTTP_AUTHORIZATION=f"Bearer {token.group(1)}").status_code == 403
    )

    beheer.post(
        reverse("swv_beheer:koppelingen_apiclient_changelist"),
        {"action": "intrekken", "_selected_action": [client.pk]},
    )
    client.refresh_from_db()
    assert client.ingetrokken_op is not None
    antwoord = api.get("/api/v1/titels/", HTTP_AUTHORIZATION=f"Bearer {token.group(1)}")
    assert (antwoord.status_code, antwoord.json()["code"]) == (401, "token_ingetrokken")


def test_r10_swv_registreert_pauzeert_en_hervat_een_verificatiecode(
    esis: Esis, omgeving: Omgeving
) -> None:
    Verificatiecode.objects.all().delete()
    beheer = omgeving.client(omgeving.beheerder)
    toevoegen = reverse("swv_beheer:koppelingen_verificatiecode_add")
    te_kort = beheer.post(toevoegen, {"school": omgeving.regenboog.pk, "code": "12AB00-kort"})
    assert te_kort.status_code == 200
    assert "20 tot 50 tekens" in te_kort.content.decode()
    assert "12AB00-kort" in te_kort.content.decode()  # what was typed stays (P4)
    assert (
        beheer.post(
            toevoegen, {"school": omgeving.regenboog.pk, "code": CODE_REGENBOOG}
        ).status_code
        == 302
    )
    assert esis.indienen().status_code == 201

    rij = Verificatiecode.objects.get()
    lijst = reverse("swv_beheer:koppelingen_verificatiecode_changelist")
    beheer.post(lijst, {"action": "pauzeren", "_selected_action": [rij.pk]})
    assert esis.indienen().json()["code"] == "koppeling_gepauzeerd"
    assert "Gepauzeerd sinds" in beheer.get(lijst).content.decode()

    beheer.post(toevoegen, {"school": omgeving.regenboog.pk, "code": CODE_REGENBOOG})
    assert Verificatiecode.objects.count() == 1  # the same row, resumed
    assert esis.indienen().status_code == 201


def test_beheer_van_koppelingen_blijft_binnen_het_eigen_swv(omgeving: Omgeving) -> None:
    vreemde_client, _token = client_registreren(
        swv=omgeving.ander_swv, naam="Vreemd", soort="esis", door=None
    )
    from passend.organisaties.tests.factories import SchoolFactory

    vreemde_school = SchoolFactory.create(swv=omgeving.ander_swv, code="99ZZ00")
    vreemde_code = verificatiecode_registreren(
        school=vreemde_school, code="99ZZ00-vreemde-code-123", door=None
    )
    beheer = omgeving.client(omgeving.beheerder)
    assert (
        "Vreemd"
        not in beheer.get(reverse("swv_beheer:koppelingen_apiclient_changelist")).content.decode()
    )
    assert (
        beheer.get(
            reverse("swv_beheer:koppelingen_apiclient_change", args=[vreemde_client.pk])
        ).status_code
        == 302
    )
    assert (
        beheer.get(
            reverse("swv_beheer:koppelingen_verificatiecode_change", args=[vreemde_code.pk])
        ).status_code
        == 302
    )
    formulier = beheer.get(reverse("swv_beheer:koppelingen_verificatiecode_add")).content.decode()
    assert "99ZZ00" not in formulier and "De Regenboog" in formulier
    for gebruiker in (omgeving.ib_regenboog, omgeving.scp, omgeving.coordinator):
        assert (
            omgeving.client(gebruiker)
            .get(reverse("swv_beheer:koppelingen_apiclient_add"))
            .status_code
            == 302
        )


def test_r8_swv_legt_per_school_mandaat_en_routeringskenmerk_vast(omgeving: Omgeving) -> None:
    beheer = omgeving.client(omgeving.beheerder)
    antwoord = beheer.post(
        reverse("swv_beheer:koppelingen_apiclient_add"),
        {
            "naam": "ParnasSys",
            "soort": "oso",
            "max_per_minuut": 600,
            "schoolkoppelingen-TOTAL_FORMS": 1,
            "schoolkoppelingen-INITIAL_FORMS": 0,
            "schoolkoppelingen-0-school": omgeving.kompas.pk,
            "schoolkoppelingen-0-mandaat": "OSR-mandaat bestuur 41234",
            "schoolkoppelingen-0-routeringskenmerk": "PO2806-KK",
            "schoolkoppelingen-0-sinds": "01-11-2026",
        },
    )
    assert antwoord.status_code == 200, antwoord.content.decode()[:2000]
    client = ApiClient.objects.get(naam="ParnasSys")
    koppeling = client.schoolkoppelingen.get()
    assert (koppeling.school, koppeling.mandaat, koppeling.routeringskenmerk) == (
        omgeving.kompas,
        "OSR-mandaat bestuur 41234",
        "PO2806-KK",
    )
    pagina = beheer.get(reverse("swv_beheer:koppelingen_apiclient_change", args=[client.pk]))
    assert "PO2806-KK" in pagina.content.decode()


def test_b7_swv_kiest_welke_oso_blokken_het_bewaart(omgeving: Omgeving) -> None:
    from passend.koppelingen.models import Aanvraagtype, Osoinstellingen

    beheer = omgeving.client(omgeving.beheerder)
    instellingen = Osoinstellingen.objects.get(swv=omgeving.ppo)  # from the preset
    assert instellingen.te_bewaren == ["bijlagen"]
    url = reverse("swv_beheer:koppelingen_osoinstellingen_change", args=[instellingen.pk])
    assert "Verzuim" in beheer.get(url).content.decode()
    antwoord = beheer.post(url, {"te_bewaren": ["bijlagen", "verzuim"]})
    assert antwoord.status_code == 302
    instellingen.refresh_from_db()
    assert instellingen.te_bewaren == ["bijlagen", "verzuim"]
    lijst = beheer.get(reverse("swv_beheer:koppelingen_aanvraagtype_changelist")).content.decode()
    assert "TLV" in lijst
    tlv = Aanvraagtype.objects.get(swv=omgeving.ppo, code="TLV")
    assert {t.naam for t in tlv.titels.all()} == {"TLV -Nieuw", "TLV-aanvraag (IJsselmonde)"}

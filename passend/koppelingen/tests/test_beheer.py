"""SWV-beheer for the koppelingen, on SWV-beheer's own screens (issue 16 item 1): an
application administrator registers an API client (its token shown once), revokes it, links
schools to it (R8), registers, pauses and resumes a school's Esis code (R10), chooses the OSO
blocks kept (B7) and maps aanvraagtypen; every change is in the beheerlog with before and after
(never a token or a code); nothing of another SWV is visible."""

import re

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from passend.audit.models import Beheerhandeling
from passend.hulpvragen.tests.conftest import Omgeving
from passend.koppelingen.models import (
    Aanvraagtype,
    ApiClient,
    Osoinstellingen,
    Schoolkoppeling,
    Verificatiecode,
)
from passend.koppelingen.services import client_registreren, verificatiecode_registreren
from passend.koppelingen.tests.conftest import CODE_REGENBOOG, Esis
from passend.processen.models import Hulpvraagtitel

pytestmark = pytest.mark.django_db


def _log(objecttype: str) -> list[Beheerhandeling]:
    return list(Beheerhandeling.objects.filter(objecttype=objecttype).order_by("pk"))


def test_r8_client_registreren_toont_het_token_een_keer(omgeving: Omgeving) -> None:
    beheer = omgeving.client(omgeving.beheerder)
    antwoord = beheer.post(
        reverse("swvbeheer:api_client_nieuw"),
        {"naam": "Esis", "soort": "esis", "max_per_minuut": 600},
    )
    assert antwoord.status_code == 200
    token = re.search(r'value="(psd_[^"]+)"', antwoord.content.decode())
    assert token is not None
    # Rendered, not carried: no cookie (a message) holds it, and the page is not cached.
    assert token.group(1) not in str(antwoord.cookies)
    assert "no-store" in antwoord["Cache-Control"]
    client = ApiClient.objects.get(naam="Esis")
    assert client.swv == omgeving.ppo and client.aangemaakt_door == omgeving.beheerder
    assert token.group(1) not in str(ApiClient.objects.filter(pk=client.pk).values().get())
    # Not shown again: neither in the list nor on the client's page; not in the beheerlog.
    for url in (
        reverse("swvbeheer:api_clients"),
        reverse("swvbeheer:api_client", args=[client.pk]),
    ):
        pagina = beheer.get(url).content.decode()
        assert token.group(1) not in pagina and "Esis" in pagina
    [aangemaakt] = _log("api_client")
    assert aangemaakt.gebeurtenis == "instelling_aangemaakt"
    assert aangemaakt.na == {
        "naam": "Esis",
        "soort": "esis",
        "max_per_minuut": 600,
        "ingetrokken_op": None,
    }
    assert token.group(1).split("_", 2)[2] not in str(aangemaakt.na) + str(aangemaakt.details)
    api = APIClient()
    assert (
        api.get("/api/v1/titels/", HTTP_AUTHORIZATION=f"Bearer {token.group(1)}").status_code == 403
    )

    # Revoking asks first; only the POST revokes.
    intrekken = reverse("swvbeheer:api_client_intrekken", args=[client.pk])
    assert "Ja, intrekken" in beheer.get(intrekken).content.decode()
    client.refresh_from_db()
    assert client.ingetrokken_op is None
    assert beheer.post(intrekken).status_code == 302
    client.refresh_from_db()
    assert client.ingetrokken_op is not None
    antwoord = api.get("/api/v1/titels/", HTTP_AUTHORIZATION=f"Bearer {token.group(1)}")
    assert (antwoord.status_code, antwoord.json()["code"]) == (401, "token_ingetrokken")
    ingetrokken = _log("api_client")[-1]
    assert ingetrokken.gebeurtenis == "instelling_gewijzigd"
    assert ingetrokken.voor["ingetrokken_op"] is None and ingetrokken.na["ingetrokken_op"]
    beheer.post(intrekken)  # twice: nothing new
    assert len(_log("api_client")) == 2


def test_r8_client_wijzigen_naam_en_limiet_soort_ligt_vast(omgeving: Omgeving) -> None:
    client, _token = client_registreren(swv=omgeving.ppo, naam="Esis", soort="esis", door=None)
    beheer = omgeving.client(omgeving.beheerder)
    url = reverse("swvbeheer:api_client", args=[client.pk])
    assert 'name="soort"' not in beheer.get(url).content.decode()
    leeg = beheer.post(url, {"naam": "", "max_per_minuut": "veel"})
    assert leeg.status_code == 200
    assert "veel" in leeg.content.decode()  # what was typed stays
    assert "veld--fout" in leeg.content.decode()
    assert (
        beheer.post(url, {"naam": "Esis productie", "max_per_minuut": 120, "soort": "oso"})[
            "Location"
        ]
        == url
    )
    client.refresh_from_db()
    assert (client.naam, client.max_per_minuut, client.soort) == ("Esis productie", 120, "esis")
    [gewijzigd] = _log("api_client")
    assert gewijzigd.voor == {"naam": "Esis", "max_per_minuut": 600}
    assert gewijzigd.na == {"naam": "Esis productie", "max_per_minuut": 120}


def test_r10_swv_registreert_pauzeert_en_hervat_een_verificatiecode(
    esis: Esis, omgeving: Omgeving
) -> None:
    Verificatiecode.objects.all().delete()
    beheer = omgeving.client(omgeving.beheerder)
    toevoegen = reverse("swvbeheer:verificatiecode_nieuw")
    te_kort = beheer.post(toevoegen, {"school": omgeving.regenboog.pk, "code": "12AB00-kort"})
    assert te_kort.status_code == 200
    assert "20 tot 50 tekens" in te_kort.content.decode()
    assert "12AB00-kort" in te_kort.content.decode()  # what was typed stays (P4)
    andere_brin = beheer.post(
        toevoegen, {"school": omgeving.regenboog.pk, "code": "99XX00-verkeerde-school-code"}
    )
    assert "begint met de BRIN en vestiging van de school (12AB00)" in andere_brin.content.decode()
    assert (
        beheer.post(
            toevoegen, {"school": omgeving.regenboog.pk, "code": CODE_REGENBOOG}
        ).status_code
        == 302
    )
    assert esis.indienen().status_code == 201

    rij = Verificatiecode.objects.get()
    lijst = reverse("swvbeheer:verificatiecodes")
    assert "Actief" in beheer.get(lijst).content.decode()
    assert CODE_REGENBOOG not in beheer.get(lijst).content.decode()
    assert (
        beheer.post(reverse("swvbeheer:verificatiecode_pauzeren", args=[rij.pk])).status_code == 302
    )
    assert esis.indienen().json()["code"] == "koppeling_gepauzeerd"
    assert "Gepauzeerd sinds" in beheer.get(lijst).content.decode()
    assert "Gepauzeerd sinds" in beheer.get(lijst, {"status": "gepauzeerd"}).content.decode()
    assert "De Regenboog" not in beheer.get(lijst, {"status": "actief"}).content.decode()

    beheer.post(toevoegen, {"school": omgeving.regenboog.pk, "code": CODE_REGENBOOG})
    assert Verificatiecode.objects.count() == 1  # the same row, resumed
    assert esis.indienen().status_code == 201

    # The beheerlog: made, paused, resumed; the school and omgeving, never the code.
    log = _log("verificatiecode")
    assert [rij.gebeurtenis for rij in log] == [
        "instelling_aangemaakt",
        "instelling_gewijzigd",
        "instelling_gewijzigd",
    ]
    assert log[0].na == {"school": omgeving.regenboog.pk, "omgeving": "", "verwijderd_op": None}
    assert log[1].voor["verwijderd_op"] is None and log[1].na["verwijderd_op"]
    assert log[2].voor["verwijderd_op"] and log[2].na["verwijderd_op"] is None
    for regel in log:
        assert CODE_REGENBOOG not in str(regel.voor) + str(regel.na) + str(regel.details)


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
    assert "Vreemd" not in beheer.get(reverse("swvbeheer:api_clients")).content.decode()
    assert beheer.get(reverse("swvbeheer:api_client", args=[vreemde_client.pk])).status_code == 404
    assert "99ZZ00" not in beheer.get(reverse("swvbeheer:verificatiecodes")).content.decode()
    assert (
        beheer.post(
            reverse("swvbeheer:verificatiecode_pauzeren", args=[vreemde_code.pk])
        ).status_code
        == 404
    )
    vreemde_code.refresh_from_db()
    assert vreemde_code.verwijderd_op is None
    formulier = beheer.get(reverse("swvbeheer:verificatiecode_nieuw")).content.decode()
    assert "99ZZ00" not in formulier and "De Regenboog" in formulier
    # A school of another SWV is no choice: the form says so, nothing is stored.
    antwoord = beheer.post(
        reverse("swvbeheer:verificatiecode_nieuw"),
        {"school": vreemde_school.pk, "code": "99ZZ00-nog-een-vreemde-code"},
    )
    assert antwoord.status_code == 200 and Verificatiecode.objects.count() == 1
    for gebruiker in (omgeving.ib_regenboog, omgeving.scp, omgeving.coordinator):
        assert (
            omgeving.client(gebruiker).get(reverse("swvbeheer:api_client_nieuw")).status_code == 404
        )


def test_r8_swv_legt_per_school_mandaat_en_routeringskenmerk_vast(omgeving: Omgeving) -> None:
    beheer = omgeving.client(omgeving.beheerder)
    antwoord = beheer.post(
        reverse("swvbeheer:api_client_nieuw"),
        {"naam": "ParnasSys", "soort": "oso", "max_per_minuut": 600},
    )
    assert antwoord.status_code == 200, antwoord.content.decode()[:2000]
    client = ApiClient.objects.get(naam="ParnasSys")
    nieuw = reverse("swvbeheer:schoolkoppeling_nieuw", args=[client.pk])
    assert "Het Kompas" in beheer.get(nieuw).content.decode()
    gegevens = {
        "school": omgeving.kompas.pk,
        "mandaat": "OSR-mandaat bestuur 41234",
        "routeringskenmerk": "PO2806-KK",
        "sinds": "01-11-2026",
    }
    fout = beheer.post(nieuw, {**gegevens, "sinds": "31-02-2026"})
    assert fout.status_code == 200 and "bestaat niet" in fout.content.decode()
    assert "PO2806-KK" in fout.content.decode()  # what was typed stays
    assert beheer.post(nieuw, gegevens).status_code == 302
    koppeling = client.schoolkoppelingen.get()
    assert (koppeling.school, koppeling.mandaat, koppeling.routeringskenmerk) == (
        omgeving.kompas,
        "OSR-mandaat bestuur 41234",
        "PO2806-KK",
    )
    assert koppeling.sinds.isoformat() == "2026-11-01"
    pagina = beheer.get(reverse("swvbeheer:api_client", args=[client.pk]))
    assert "PO2806-KK" in pagina.content.decode() and "01-11-2026" in pagina.content.decode()
    dubbel = beheer.post(nieuw, gegevens)
    assert "gebruikt deze koppeling al" in dubbel.content.decode()

    wijzigen = reverse("swvbeheer:schoolkoppeling", args=[client.pk, koppeling.pk])
    assert beheer.post(wijzigen, {**gegevens, "routeringskenmerk": "PO2806-K2"}).status_code == 302
    koppeling.refresh_from_db()
    assert koppeling.routeringskenmerk == "PO2806-K2"
    weg = reverse("swvbeheer:schoolkoppeling_verwijderen", args=[client.pk, koppeling.pk])
    assert beheer.post(weg).status_code == 302
    assert not Schoolkoppeling.objects.filter(pk=koppeling.pk).exists()
    assert [
        (r.gebeurtenis, r.voor.get("routeringskenmerk"), r.na.get("routeringskenmerk"))
        for r in _log("schoolkoppeling")
    ] == [
        ("instelling_aangemaakt", None, "PO2806-KK"),
        ("instelling_gewijzigd", "PO2806-KK", "PO2806-K2"),
        ("instelling_verwijderd", "PO2806-K2", None),
    ]


def test_b7_swv_kiest_welke_oso_blokken_het_bewaart(omgeving: Omgeving) -> None:
    beheer = omgeving.client(omgeving.beheerder)
    instellingen = Osoinstellingen.objects.get(swv=omgeving.ppo)  # from the preset
    assert instellingen.te_bewaren == ["bijlagen"]
    url = reverse("swvbeheer:osoinstellingen")
    assert "Verzuim" in beheer.get(url).content.decode()
    antwoord = beheer.post(url, {"te_bewaren": ["bijlagen", "verzuim"]})
    assert antwoord.status_code == 302
    instellingen.refresh_from_db()
    assert instellingen.te_bewaren == ["bijlagen", "verzuim"]
    [gewijzigd] = _log("osoinstellingen")
    assert (gewijzigd.voor, gewijzigd.na) == (
        {"te_bewaren": ["bijlagen"]},
        {"te_bewaren": ["bijlagen", "verzuim"]},
    )
    lijst = beheer.get(reverse("swvbeheer:aanvraagtypen")).content.decode()
    assert "TLV" in lijst
    tlv = Aanvraagtype.objects.get(swv=omgeving.ppo, code="TLV")
    assert {t.naam for t in tlv.titels.all()} == {"TLV -Nieuw", "TLV-aanvraag (IJsselmonde)"}


def test_b7_osoinstellingen_worden_bij_de_eerste_keer_opslaan_gemaakt(omgeving: Omgeving) -> None:
    Osoinstellingen.objects.filter(swv=omgeving.ppo).delete()
    beheer = omgeving.client(omgeving.beheerder)
    url = reverse("swvbeheer:osoinstellingen")
    pagina = beheer.get(url).content.decode()
    assert re.search(r'value="bijlagen"[^>]*checked', pagina)  # the default: only attachments
    assert beheer.post(url, {"te_bewaren": ["bijlagen", "verzuim"]}).status_code == 302
    assert Osoinstellingen.objects.get(swv=omgeving.ppo).te_bewaren == ["bijlagen", "verzuim"]
    [aangemaakt] = _log("osoinstellingen")
    assert aangemaakt.gebeurtenis == "instelling_aangemaakt"


def test_aanvraagtypen_toevoegen_wijzigen_en_verwijderen(omgeving: Omgeving) -> None:
    beheer = omgeving.client(omgeving.beheerder)
    nieuw = reverse("swvbeheer:aanvraagtype_nieuw")
    ob = Hulpvraagtitel.objects.get(swv=omgeving.ppo, naam="Ondersteuningsbudget")
    from passend.processen.models import Proces, Status

    proces = Proces.objects.create(swv=omgeving.ander_swv, code="p", naam="P")
    vreemd = Hulpvraagtitel.objects.create(
        swv=omgeving.ander_swv,
        naam="Vreemde titel",
        proces=proces,
        beginstatus=Status.objects.create(proces=proces, code="a", naam="A", volgorde=1),
    )
    formulier = beheer.get(nieuw).content.decode()
    assert "Ondersteuningsbudget" in formulier and "Vreemde titel" not in formulier
    geen_titel = beheer.post(nieuw, {"code": "OB-aanvraag"})
    assert geen_titel.status_code == 200 and "OB-aanvraag" in geen_titel.content.decode()
    assert beheer.post(nieuw, {"code": "OB-aanvraag", "titels": [vreemd.pk]}).status_code == 200
    dubbel = beheer.post(nieuw, {"code": "tlv", "titels": [ob.pk]})
    assert "Dit aanvraagtype bestaat al." in dubbel.content.decode()
    assert beheer.post(nieuw, {"code": "OB-aanvraag", "titels": [ob.pk]}).status_code == 302
    rij = Aanvraagtype.objects.get(swv=omgeving.ppo, code="OB-aanvraag")
    assert list(rij.titels.all()) == [ob]

    ab = Hulpvraagtitel.objects.get(swv=omgeving.ppo, naam="Ambulante Begeleiding")
    url = reverse("swvbeheer:aanvraagtype", args=[rij.pk])
    assert beheer.post(url, {"code": "OBA", "titels": [ob.pk, ab.pk]}).status_code == 302
    rij.refresh_from_db()
    assert rij.code == "OBA" and set(rij.titels.all()) == {ob, ab}
    assert (
        beheer.post(reverse("swvbeheer:aanvraagtype_verwijderen", args=[rij.pk])).status_code == 302
    )
    assert not Aanvraagtype.objects.filter(pk=rij.pk).exists()
    log = _log("aanvraagtype")
    assert [r.gebeurtenis for r in log] == [
        "instelling_aangemaakt",
        "instelling_gewijzigd",
        "instelling_verwijderd",
    ]
    assert log[0].na == {"code": "OB-aanvraag", "titels": [ob.pk]}
    assert log[1].voor == {"code": "OB-aanvraag", "titels": [ob.pk]}
    assert log[1].na == {"code": "OBA", "titels": sorted([ob.pk, ab.pk])}
    assert log[2].voor == {"code": "OBA", "titels": sorted([ob.pk, ab.pk])}

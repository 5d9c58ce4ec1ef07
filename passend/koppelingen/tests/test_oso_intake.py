"""ParnasSys (and other school systems) through OSO: an official sample dossier becomes a
hulpvraag of kanaal OSO, keeping only what the SWV keeps (B7), with the request's metadata
(R6), the school's channel (R8) and the status read back (R7); every bad dossier is refused
with a code and a Dutch message and leaves nothing behind."""

import contextlib
import json
from datetime import date
from typing import Any

import pytest
from django.apps import apps
from django.core.files.storage import storages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from rest_framework.test import APIClient

from passend.accounts.tests.factories import account_maken
from passend.audit.models import Inzage
from passend.bijlagen.models import Bijlage
from passend.dossiers.models import Leerling
from passend.hulpvragen.models import Hulpvraag
from passend.hulpvragen.tests.conftest import Omgeving
from passend.koppelingen.models import (
    Aanvraag,
    ApiClient,
    Osogegevens,
    Osoinstellingen,
    Schoolkoppeling,
)
from passend.koppelingen.oso import voorbeelden
from passend.koppelingen.services import client_registreren
from passend.notificaties.models import Bericht
from passend.organisaties.models import School
from passend.organisaties.tests.factories import SchoolFactory

pytestmark = pytest.mark.django_db

EMAIL = "jhulst@demoschool.nl"


class Parnassys:
    def __init__(self, client: ApiClient, token: str) -> None:
        self.client, self.token, self.http = client, token, APIClient()

    def indienen(self, xml: bytes, **anders: Any) -> Any:
        metadata = {
            "samenwerkingsverband": "PO2806",
            "aanvraagtype": "Ambulante Begeleiding",
            "datum": "2026-11-02",
            "omschrijving": "Op het gebied van gedrag.",
            "contactpersoon": {
                "naam": "Jan Hulst",
                "email": EMAIL,
                "telefoon": "0612345678",
                "functie": "IB",
            },
            "aanleverpunt": "11",
        } | anders
        return self.http.post(
            "/api/v1/oso/aanvragen/",
            {
                "aanvraag": json.dumps(metadata),
                "dossier": SimpleUploadedFile("dossier.xml", xml, "application/xml"),
            },
            format="multipart",
            HTTP_AUTHORIZATION=f"Bearer {self.token}",
        )

    def lezen(self, uuid: str) -> Any:
        return self.http.get(
            f"/api/v1/aanvragen/{uuid}/",
            HTTP_AUTHORIZATION=f"Bearer {self.token}",
            HTTP_X_SCHOOL="00YY00",
            HTTP_X_CONTACTPERSOON=EMAIL,
        )


@pytest.fixture
def demoschool(omgeving: Omgeving) -> School:
    school = SchoolFactory.create(
        swv=omgeving.ppo, naam="Demoschool", code="00YY00", regio=omgeving.ijsselmonde
    )
    account_maken(omgeving.ppo, "jhulst", scholen=(school,), email=EMAIL)
    return school


@pytest.fixture
def parnassys(omgeving: Omgeving, demoschool: School) -> Parnassys:
    client, token = client_registreren(
        swv=omgeving.ppo, naam="ParnasSys", soort=ApiClient.Soort.OSO, door=None
    )
    Schoolkoppeling.objects.create(
        client=client, school=demoschool, mandaat="OSR 41234", routeringskenmerk="PO2806-KK"
    )
    return Parnassys(client, token)


def _fout(antwoord: Any) -> tuple[int, str]:
    return antwoord.status_code, antwoord.json()["code"]


def _niets_opgeslagen() -> None:
    assert not Hulpvraag.objects.exists() and not Leerling.objects.exists()
    assert not Aanvraag.objects.exists() and not Osogegevens.objects.exists()
    with contextlib.suppress(FileNotFoundError):  # the folder is made with the first file
        assert storages["bijlagen"].listdir("")[1] == []


def _alle_tekst_in_de_database() -> str:
    """Every row of every table as text: what a database dump would hold."""
    return "\n".join(
        str(list(model._default_manager.values()))
        for model in apps.get_models()
        if model._meta.managed
    )


@pytest.mark.parametrize("naam", list(voorbeelden.VOORBEELDEN))
def test_r6_r7_officiele_voorbeelddossiers_worden_een_hulpvraag(
    parnassys: Parnassys, naam: str, caplog: pytest.LogCaptureFixture
) -> None:
    antwoord = parnassys.indienen(voorbeelden.voorbeeld(naam))
    assert antwoord.status_code == 201, antwoord.json()
    data = antwoord.json()
    hulpvraag = Hulpvraag.objects.select_related("leerling").get(referentie=data["referentie"])
    assert (hulpvraag.bron, hulpvraag.status.code, hulpvraag.titel.naam) == (
        "oso",
        "aanmelding",
        "Ambulante Begeleiding",
    )
    assert hulpvraag.hulpvraagdatum == date(2026, 11, 2)
    leerling = hulpvraag.leerling
    assert (leerling.roepnaam, leerling.achternaam, leerling.geboortedatum) == (
        "Daan",
        "Berg",
        date(2003, 3, 17),
    )
    assert hulpvraag.schoolgegevens.contactpersoon == "Jan Hulst"
    # The OPP came along (a readable file); the truncated ZIPs of the samples are named.
    namen = set(Bijlage.objects.filter(hulpvraag=hulpvraag).values_list("bestandsnaam", flat=True))
    assert "opp.docx" in namen
    assert "Toelichting.pdf" in data["onleesbare_bijlagen"]
    # PPO keeps only the attachments: every other block is named as dropped, and is absent.
    assert {"Ouders/verzorgers", "Schoolloopbaan"} <= set(data["weggelaten_blokken"])
    assert Osogegevens.objects.get(hulpvraag=hulpvraag).weggelaten == data["weggelaten_blokken"]
    # R7: the status read back by the school's system.
    assert parnassys.lezen(data["uuid"]).json()["status"] == "aanmelding"


def test_b7_weggelaten_blokken_staan_niet_in_de_database_of_het_log(
    parnassys: Parnassys, caplog: pytest.LogCaptureFixture
) -> None:
    xml = voorbeelden.voorbeeld("po_full")
    # Names that occur only in dropped blocks of the full sample (the reader's own tests list
    # them): a parent, a test's supervisor, the previous school.
    for naam in ("Zwieten", "Triangel"):
        assert naam.encode() in xml
    assert parnassys.indienen(xml).status_code == 201
    dump = _alle_tekst_in_de_database()
    logs = caplog.text
    for naam in ("Zwieten", "Triangel"):
        assert naam not in dump
        assert naam not in logs


def test_b7_wat_het_swv_bewaart_staat_leesbaar_bij_de_hulpvraag_en_in_het_dossier(
    parnassys: Parnassys, omgeving: Omgeving
) -> None:
    Osoinstellingen.objects.update_or_create(
        swv=omgeving.ppo, defaults={"te_bewaren": ["bijlagen", "verzuim", "toetsresultaten"]}
    )
    data = parnassys.indienen(voorbeelden.voorbeeld("po_full")).json()
    ib = omgeving.client(
        account_maken(omgeving.ppo, "ibdemo", scholen=(School.objects.get(code="00YY00"),))
    )
    url = reverse("koppelingen:oso_gegevens", args=[data["referentie"]])
    detail = ib.get(reverse("hulpvragen:detail", args=[data["referentie"]])).content.decode()
    assert url in detail
    # The pupil's dossier links to it too, beside the hulpvraag it came with.
    leerling_id = Hulpvraag.objects.get(referentie=data["referentie"]).leerling_id
    dossier = ib.get(reverse("hulpvragen:dossier_hulpvragen", args=[leerling_id]))
    assert f'href="{url}"' in dossier.content.decode()
    pagina = ib.get(url).content.decode()
    assert "Verzuim" in pagina and "Toetsresultaten" in pagina
    assert "<table" in pagina and "<?xml" not in pagina
    assert Inzage.objects.filter(gebeurtenis="hulpvraag_bekeken", details__onderdeel="oso").exists()
    # Not for another school's staff.
    assert omgeving.client(omgeving.ib_kompas).get(url).status_code == 404


def test_r8_aanvraagtype_wordt_de_titel_van_de_regio_van_de_school(parnassys: Parnassys) -> None:
    # De Demoschool is in IJsselmonde: "TLV" is its own TLV title, not "TLV -Nieuw".
    data = parnassys.indienen(voorbeelden.voorbeeld("po_opt_out"), aanvraagtype="TLV").json()
    assert Hulpvraag.objects.get(referentie=data["referentie"]).titel.naam == (
        "TLV-aanvraag (IJsselmonde)"
    )


def test_r6_onbekend_aanvraagtype_noemt_wat_wel_kan(parnassys: Parnassys) -> None:
    antwoord = parnassys.indienen(voorbeelden.voorbeeld("po_opt_out"), aanvraagtype="Rekenhulp")
    assert _fout(antwoord) == (400, "titel_onbekend")
    toegestaan = antwoord.json()["fouten"][0]["toegestaan"]
    assert "TLV" in toegestaan and "Ambulante Begeleiding" in toegestaan
    _niets_opgeslagen()


def test_r8_school_moet_de_koppeling_gebruiken(parnassys: Parnassys, omgeving: Omgeving) -> None:
    Schoolkoppeling.objects.all().delete()
    assert _fout(parnassys.indienen(voorbeelden.voorbeeld("po_opt_out"))) == (
        403,
        "school_niet_gekoppeld",
    )
    School.objects.filter(code="00YY00").update(code="00YY01")
    assert _fout(parnassys.indienen(voorbeelden.voorbeeld("po_opt_out"))) == (
        400,
        "school_onbekend",
    )
    _niets_opgeslagen()


@pytest.mark.parametrize(
    ("variant", "status", "code"),
    [
        (lambda xml: voorbeelden.kapot(xml), 400, "xml_ongeldig"),
        (lambda xml: voorbeelden.billion_laughs(), 400, "doctype_verboden"),
        (lambda xml: voorbeelden.externe_entiteit(), 400, "doctype_verboden"),
        (
            lambda xml: voorbeelden.namespace_vervangen(xml, "http://example.org/ander"),
            400,
            "namespace_onbekend",
        ),
        (lambda xml: voorbeelden.met_bsn(xml), 400, "identificatienummer_verboden"),
        (
            lambda xml: voorbeelden.blok_overnemen(
                xml, voorbeelden.voorbeeld("po_full"), "verzuim"
            ),
            400,
            "blok_niet_toegestaan",
        ),
        (
            lambda xml: voorbeelden.bijlage_vervangen(xml, "opp.docx", voorbeelden.zip_bom()),
            400,
            "bijlage_te_groot",
        ),
        (
            lambda xml: voorbeelden.bijlage_vervangen(
                xml, "opp.docx", voorbeelden.zip_van({"opp.pdf": voorbeelden.pdf_met_javascript()})
            ),
            400,
            "bijlage_geweigerd",
        ),
    ],
    ids=[
        "kapot",
        "billion_laughs",
        "xxe",
        "namespace",
        "bsn",
        "verboden_blok",
        "zip_bom",
        "js_pdf",
    ],
)
def test_b7_slecht_dossier_krijgt_code_en_melding_en_niets_wordt_opgeslagen(
    parnassys: Parnassys, variant: Any, status: int, code: str
) -> None:
    antwoord = parnassys.indienen(variant(voorbeelden.voorbeeld("po_opt_out")))
    assert _fout(antwoord) == (status, code), antwoord.json()
    assert antwoord.json()["melding"]
    _niets_opgeslagen()


def test_r6_toelichting_of_opp_verplicht(parnassys: Parnassys) -> None:
    xml = voorbeelden.zonder(
        voorbeelden.voorbeeld("po_opt_out"), "toelichting_onderwijsbehoeften", "opp"
    )
    antwoord = parnassys.indienen(xml)
    assert _fout(antwoord) == (400, "toelichting_ontbreekt"), antwoord.json()
    _niets_opgeslagen()


def test_te_groot_dossier(parnassys: Parnassys, settings: Any) -> None:
    settings.PASSEND_API_MAX_BYTES = 10_000
    assert _fout(parnassys.indienen(voorbeelden.voorbeeld("po_opt_out"))) == (413, "te_groot")


def test_b6_oso_herhaald_met_dezelfde_sleutel(parnassys: Parnassys) -> None:
    xml = voorbeelden.voorbeeld("po_opt_out")
    parnassys.http.credentials(HTTP_IDEMPOTENCY_KEY="parnassys-1")
    eerste, tweede = parnassys.indienen(xml), parnassys.indienen(xml)
    assert eerste.json()["uuid"] == tweede.json()["uuid"]
    assert Hulpvraag.objects.count() == 1


def test_b7_geweigerde_poging_staat_in_het_log_zonder_inhoud(
    parnassys: Parnassys, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level("INFO", logger="passend.koppelingen")
    antwoord = parnassys.indienen(voorbeelden.met_bsn(voorbeelden.voorbeeld("po_opt_out")))
    assert _fout(antwoord) == (400, "identificatienummer_verboden")
    assert "OSO-dossier geweigerd" in caplog.text
    for inhoud in ("Daan", "Berg", "123456782", "Adelaarslaan"):
        assert inhoud not in caplog.text
        assert inhoud not in json.dumps(antwoord.json())


# The readable OSO page in the role x object matrix: who sees the hulpvraag sees its kept
# blocks; nobody else learns it exists (404).
# fmt: off
ZIET_OSO = {
    "ib": True, "directeur": True, "ib_kompas": False, "scp": True, "coordinator": True,
    "tlv_administratie": True, "deskundige": True, "regiomanager": True, "beheerder": True,
    "ouder": False, "externe_deelnemer": False, "ib_ander_swv": False,
    "beheerder_ander_swv": False,
}
# fmt: on


def test_p1_p2_oso_gegevens_in_de_rechtenmatrix(
    parnassys: Parnassys, omgeving: Omgeving, demoschool: School
) -> None:
    data = parnassys.indienen(voorbeelden.voorbeeld("po_opt_out")).json()
    url = reverse("koppelingen:oso_gegevens", args=[data["referentie"]])
    ppo, ander = omgeving.ppo, omgeving.ander_swv
    accounts = {
        "ib": account_maken(ppo, "ibdemo", scholen=(demoschool,)),
        "directeur": account_maken(ppo, "dirdemo", rol="directeur", scholen=(demoschool,)),
        "ib_kompas": omgeving.ib_kompas,
        "scp": omgeving.scp,
        "coordinator": omgeving.coordinator,
        "tlv_administratie": account_maken(ppo, "tlvadmin", rol="tlv_administratie"),
        "deskundige": account_maken(ppo, "deskundige", rol="deskundige"),
        "regiomanager": omgeving.regiomanager,
        "beheerder": omgeving.beheerder,
        "ouder": omgeving.ouder,
        "externe_deelnemer": account_maken(ppo, "extern", rol="externe_deelnemer"),
        "ib_ander_swv": omgeving.ib_ander_swv,
        "beheerder_ander_swv": account_maken(ander, "bhendriks", rol="applicatiebeheerder"),
    }
    for rol, gebruiker in accounts.items():
        client = omgeving.client(gebruiker)
        voor = Inzage.objects.filter(gebruiker_id=gebruiker.pk, details__onderdeel="oso").count()
        status = client.get(url).status_code
        assert status == (200 if ZIET_OSO[rol] else 404), rol
        na = Inzage.objects.filter(gebruiker_id=gebruiker.pk, details__onderdeel="oso").count()
        assert na - voor == (1 if ZIET_OSO[rol] else 0), rol
        assert client.post(url).status_code in (404, 405), rol


def test_r19_oso_aanvraag_krijgt_een_ontvangstbevestiging(parnassys: Parnassys) -> None:
    """A dossier from ParnasSys is a submission like any other: the school's contact gets the
    receipt, without the pupil's name, and a repeat of the same request mails nothing more."""

    parnassys.http.credentials(HTTP_IDEMPOTENCY_KEY="parnassys-ontvangst")
    xml = voorbeelden.voorbeeld("po_opt_out")
    data = parnassys.indienen(xml).json()
    assert parnassys.indienen(xml).json()["uuid"] == data["uuid"]
    bericht = Bericht.objects.get()
    assert (bericht.sjabloon, bericht.aan) == ("hulpvragen/mail/ontvangen.txt", [EMAIL])
    assert bericht.onderwerp == f"Hulpvraag {data['referentie']} ontvangen"
    for verboden in ("Daan", "Berg", "2003"):
        assert verboden not in bericht.tekst and verboden not in bericht.onderwerp, verboden

"""The Esis channel through the open API, step by step as the manual's Esis chapter: the
verification code (R10), the request as draft or sent, changed and sent again, removed, read
back (R7, R11), retried safely (B6), and refused clearly (P4)."""

import json
import os
import threading
from datetime import date
from typing import Any

import pytest
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.files.storage import storages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection, connections
from django.test.utils import CaptureQueriesContext

from passend.audit.models import Inzage
from passend.bijlagen.models import Bijlage
from passend.bijlagen.tests import bestanden
from passend.dossiers.models import Leerling
from passend.hulpvragen.models import Hulpvraag
from passend.hulpvragen.services import hulpvraag_status_wijzigen
from passend.hulpvragen.tests.conftest import Omgeving
from passend.hulpvragen.tests.factories import leerling_op_school
from passend.koppelingen.models import Aanvraag, ApiClient, Conceptbijlage, Verificatiecode
from passend.koppelingen.services import (
    client_intrekken,
    client_registreren,
    verificatiecode_registreren,
    verificatiecode_verwijderen,
)
from passend.koppelingen.tests.conftest import (
    CODE_KOMPAS,
    CODE_REGENBOOG,
    Esis,
    aanvraag_json,
    base64_van,
    code_van,
)
from passend.notificaties.models import Bericht
from passend.processen.models import Status

pytestmark = pytest.mark.django_db


def _fout(antwoord: Any) -> tuple[int, str, list[str]]:
    data = antwoord.json()
    return antwoord.status_code, data["code"], [f["veld"] for f in data.get("fouten", [])]


def _bestanden_in_opslag() -> list[str]:
    try:
        return storages["bijlagen"].listdir("")[1]
    except FileNotFoundError:
        return []


# --- R10: the verification code -------------------------------------------------------------


def test_r10_code_begint_met_brin_en_vestiging_en_is_20_tot_50_tekens(omgeving: Omgeving) -> None:
    for code, melding in [
        ("23CD00-verkeerde-school-code", "begint met de BRIN"),
        ("12AB00-te-kort-code", "20 tot 50 tekens"),  # 19 characters
        ("12AB00" + "x" * 45, "20 tot 50 tekens"),  # 51 characters
    ]:
        with pytest.raises(ValidationError, match=melding):
            verificatiecode_registreren(school=omgeving.regenboog, code=code, door=None)
    assert verificatiecode_registreren(
        school=omgeving.regenboog, code="12AB00" + "x" * 14, door=None
    )
    assert verificatiecode_registreren(
        school=omgeving.regenboog, code="12AB00" + "y" * 44, door=None, omgeving="Tweede omgeving"
    )


def test_r10_code_wordt_niet_leesbaar_bewaard(esis: Esis) -> None:
    rij = code_van("12AB00")
    assert CODE_REGENBOOG not in str(Verificatiecode.objects.filter(pk=rij.pk).values().get())
    assert len(rij.code_hmac) == 64


def test_r10_verwijderen_pauzeert_en_terugzetten_hervat(esis: Esis, omgeving: Omgeving) -> None:
    verificatiecode_verwijderen(verificatiecode=code_van("12AB00"))
    assert _fout(esis.indienen()) == (403, "koppeling_gepauzeerd", ["X-Verificatiecode"])
    assert Hulpvraag.objects.count() == 0
    verificatiecode_registreren(school=omgeving.regenboog, code=CODE_REGENBOOG, door=None)
    assert esis.indienen().status_code == 201


def test_r10_code_van_school_x_dient_niet_in_voor_school_y(esis: Esis) -> None:
    # The code names the school; a contact of Het Kompas cannot act under De Regenboog's code.
    andere = aanvraag_json()
    andere["contactpersoon"]["email"] = "hschaap@po2806.example.nl"
    assert _fout(esis.indienen(andere)) == (
        400,
        "contactpersoon_onbekend",
        ["contactpersoon.email"],
    )
    # Under its own code, Het Kompas's IB'er files for Het Kompas, never for De Regenboog.
    antwoord = esis.indienen(andere, x_verificatiecode=CODE_KOMPAS)
    assert antwoord.status_code == 201
    assert antwoord.json()["school"] == "23CD00"


def test_r10_code_werkt_niet_bij_een_ander_swv(esis: Esis, omgeving: Omgeving) -> None:
    _client, token = client_registreren(
        swv=omgeving.ander_swv, naam="Esis", soort=ApiClient.Soort.ESIS, door=None
    )
    ander = Esis(client=_client, token=token)
    assert _fout(ander.indienen()) == (403, "verificatiecode_onjuist", ["X-Verificatiecode"])
    assert _fout(esis.indienen(x_verificatiecode="12AB00-geraden-code-123456")) == (
        403,
        "verificatiecode_onjuist",
        ["X-Verificatiecode"],
    )


def test_r10_code_staat_nooit_in_het_log(esis: Esis) -> None:
    esis.indienen()
    assert not any(CODE_REGENBOOG in str(rij) for rij in Inzage.objects.values())


# --- R11: Opslaan, Opslaan en verzenden, wijzigen, opnieuw verzenden, verwijderen ------------


def test_r11_opslaan_en_verzenden_maakt_de_hulpvraag_met_bijlagen(
    esis: Esis, omgeving: Omgeving
) -> None:
    antwoord = esis.indienen()
    assert antwoord.status_code == 201, antwoord.json()
    data = antwoord.json()
    hulpvraag = Hulpvraag.objects.select_related("leerling", "schoolgegevens").get(
        referentie=data["referentie"]
    )
    assert (data["status"], data["statusnaam"]) == ("aanmelding", "Aanmelding")
    assert hulpvraag.bron == "esis"
    assert hulpvraag.omschrijving == "Op het gebied van gedrag."
    assert hulpvraag.aangemaakt_door == omgeving.ib_regenboog
    assert hulpvraag.coordinator == omgeving.scp  # R32, as in the web
    leerling = hulpvraag.leerling
    assert (leerling.roepnaam, leerling.achternaam, str(leerling.geboortedatum)) == (
        "Hasna",
        "El-Makrini",
        "2016-04-12",
    )
    assert leerling.adressen.get().straat == "Molenstraat"
    assert hulpvraag.schoolgegevens.telefoon == "010-1234567"
    bijlage = Bijlage.objects.get(hulpvraag=hulpvraag)
    assert bijlage.documenttype is not None
    assert (bijlage.bestandsnaam, bijlage.documenttype.code, bijlage.bron) == (
        "OPP120426.pdf",
        "opp",
        "esis",
    )
    assert data["statushistorie"] == [
        {"van": None, "naar": "Aanmelding", "op": data["statushistorie"][0]["op"], "reden": ""}
    ]
    assert antwoord["ETag"]


def test_r11_opslaan_bewaart_een_concept_dat_later_verzonden_wordt(esis: Esis) -> None:
    antwoord = esis.indienen(aanvraag_json(verzenden=False))
    assert antwoord.status_code == 201
    concept = antwoord.json()
    assert (concept["status"], concept["referentie"]) == ("concept", "")
    assert [b["bestandsnaam"] for b in concept["bijlagen"]] == ["OPP120426.pdf"]
    assert Hulpvraag.objects.count() == 0 and Leerling.objects.count() == 0

    gewijzigd = esis.wijzigen(concept["uuid"], {"zorgvraag": "Gedrag en werkhouding."})
    assert gewijzigd.status_code == 200, gewijzigd.json()
    assert gewijzigd.json()["versie"] == 2

    extra = {"bestandsnaam": "Toetsoverzicht.pdf", "inhoud": base64_van(bestanden.pdf("Toetsen"))}
    verzonden = esis.wijzigen(concept["uuid"], {"bijlagen": [extra], "verzenden": True})
    assert verzonden.status_code == 200, verzonden.json()
    hulpvraag = Hulpvraag.objects.get(referentie=verzonden.json()["referentie"])
    assert hulpvraag.omschrijving == "Gedrag en werkhouding."
    assert sorted(hulpvraag.bijlagen.values_list("bestandsnaam", flat=True)) == [
        "OPP120426.pdf",
        "Toetsoverzicht.pdf",
    ]
    # Sent: the pupil data lives in the dossier only, and the draft's files became attachments.
    assert Aanvraag.objects.get(uuid=concept["uuid"]).gegevens == {}
    assert Conceptbijlage.objects.count() == 0


def test_r19_api_submission_queues_one_receipt_and_a_draft_none(
    esis: Esis, omgeving: Omgeving
) -> None:
    ontvangen = "hulpvragen/mail/ontvangen.txt"
    concept = esis.indienen(aanvraag_json(verzenden=False)).json()
    assert not Bericht.objects.exists()  # "Opslaan": a draft mails nobody

    data = esis.indienen().json()  # "Opslaan en verzenden"
    bericht = Bericht.objects.get()
    assert (bericht.sjabloon, bericht.aan) == (ontvangen, ["iverhoef@po2806.example.nl"])
    assert bericht.onderwerp == f"Hulpvraag {data['referentie']} ontvangen"
    for verboden in ("Hasna", "Makrini", "2016", "Ambulante", "gedrag"):
        assert verboden not in bericht.tekst and verboden not in bericht.onderwerp, verboden

    # The draft sent later gets its receipt too, in the same request.
    verzonden = esis.wijzigen(concept["uuid"], {"verzenden": True}).json()
    assert Bericht.objects.filter(
        sjabloon=ontvangen, tekst__contains=verzonden["referentie"]
    ).exists()

    # Sent again after "Dossier incompleet": the status mails, no second receipt.
    hulpvraag = Hulpvraag.objects.get(referentie=data["referentie"])
    hulpvraag_status_wijzigen(
        hulpvraag=hulpvraag,
        naar=Status.objects.get(proces=hulpvraag.titel.proces, code="dossier_incompleet"),
        door=omgeving.scp,
        reden="Het toetsoverzicht ontbreekt.",
    )
    assert esis.wijzigen(data["uuid"], {"verzenden": True}).status_code == 200
    assert sorted(
        Bericht.objects.filter(tekst__contains=data["referentie"]).values_list(
            "sjabloon", flat=True
        )
    ) == [ontvangen, "hulpvragen/mail/status_gewijzigd.txt", "hulpvragen/mail/status_gewijzigd.txt"]


def test_r11_na_dossier_incompleet_opnieuw_verzenden_in_dezelfde_hulpvraag(
    esis: Esis, omgeving: Omgeving
) -> None:
    data = esis.indienen().json()
    hulpvraag = Hulpvraag.objects.get(referentie=data["referentie"])
    hulpvraag_status_wijzigen(
        hulpvraag=hulpvraag,
        naar=Status.objects.get(proces=hulpvraag.titel.proces, code="dossier_incompleet"),
        door=omgeving.scp,
        reden="Het toetsoverzicht ontbreekt.",
    )
    teruggelezen = esis.lezen(data["uuid"]).json()
    assert teruggelezen["status"] == "dossier_incompleet"
    assert teruggelezen["statushistorie"][-1]["reden"] == "Het toetsoverzicht ontbreekt."

    extra = {"bestandsnaam": "Toetsoverzicht.pdf", "inhoud": base64_van(bestanden.pdf("Toetsen"))}
    antwoord = esis.wijzigen(data["uuid"], {"bijlagen": [extra], "verzenden": True})
    assert antwoord.status_code == 200, antwoord.json()
    assert antwoord.json()["referentie"] == data["referentie"]
    assert antwoord.json()["status"] == "aanmelding"
    assert Hulpvraag.objects.count() == 1
    assert hulpvraag.bijlagen.count() == 2
    laatste = hulpvraag.statuswijzigingen.order_by("-op", "-pk").first()
    assert laatste is not None and laatste.door == omgeving.ib_regenboog
    assert "Esis" in laatste.reden


def test_r11_gegevens_van_een_verzonden_aanvraag_wijzigen_niet(esis: Esis) -> None:
    data = esis.indienen().json()
    assert _fout(esis.wijzigen(data["uuid"], {"zorgvraag": "Iets anders."}))[:2] == (
        409,
        "al_verzonden",
    )


def test_r11_concept_verwijderen_neemt_de_bestanden_mee(
    esis: Esis, django_capture_on_commit_callbacks: Any
) -> None:
    concept = esis.indienen(aanvraag_json(verzenden=False)).json()
    assert len(_bestanden_in_opslag()) == 1
    with django_capture_on_commit_callbacks(execute=True):
        assert esis.verwijderen(concept["uuid"]).status_code == 204
    assert not Aanvraag.objects.exists()
    assert _bestanden_in_opslag() == []
    assert esis.lezen(concept["uuid"]).status_code == 404


def test_r11_afgehandelde_aanvraag_verdwijnt_alleen_aan_de_kant_van_de_school(
    esis: Esis, omgeving: Omgeving
) -> None:
    data = esis.indienen().json()
    assert _fout(esis.verwijderen(data["uuid"]))[:2] == (409, "nog_in_behandeling")
    hulpvraag = Hulpvraag.objects.get(referentie=data["referentie"])
    hulpvraag_status_wijzigen(
        hulpvraag=hulpvraag,
        naar=Status.objects.get(proces=hulpvraag.titel.proces, code="niet_ontvankelijk"),
        door=omgeving.scp,
        reden="Hoort niet bij dit samenwerkingsverband.",
    )
    assert esis.verwijderen(data["uuid"]).status_code == 204
    assert esis.lezen(data["uuid"]).status_code == 404
    assert Hulpvraag.objects.filter(pk=hulpvraag.pk).exists()  # the SWV keeps its dossier


def test_r11_titel_buiten_de_lijst_noemt_de_toegestane(esis: Esis) -> None:
    antwoord = esis.indienen(aanvraag_json(korte_omschrijving="Hulp bij rekenen"))
    assert antwoord.status_code == 400
    fout = antwoord.json()["fouten"][0]
    assert (fout["veld"], fout["code"]) == ("korte_omschrijving", "titel_onbekend")
    # De Regenboog is in IJsselmonde: its TLV title, not the other regions' (R31).
    assert "TLV-aanvraag (IJsselmonde)" in fout["toegestaan"]
    assert "TLV -Nieuw" not in fout["toegestaan"]
    titels = esis.http.get("/api/v1/titels/", **esis.kopjes()).json()
    assert [t["naam"] for t in titels] == fout["toegestaan"]


def test_r11_opp_toevoegen_ja_vraagt_een_opp(esis: Esis) -> None:
    zonder = aanvraag_json()
    zonder["bijlagen"][0]["soort"] = "verslag"
    assert _fout(esis.indienen(zonder))[:2] == (400, "opp_ontbreekt")


def test_r11_bestaande_leerling_wordt_herkend(esis: Esis, omgeving: Omgeving) -> None:
    leerling, _schoolgegevens = leerling_op_school(
        omgeving.ib_regenboog,
        omgeving.regenboog,
        roepnaam="Hasna",
        tussenvoegsel="",
        achternaam="El-Makrini",
        geboortedatum=date(2016, 4, 12),
    )
    data = esis.indienen().json()
    assert Hulpvraag.objects.get(referentie=data["referentie"]).leerling == leerling
    assert Leerling.objects.count() == 1


def test_r7_status_teruglezen_in_de_lijst_met_filter(esis: Esis) -> None:
    verzonden = esis.indienen().json()
    concept = esis.indienen(aanvraag_json(verzenden=False, bijlagen=[], opp_toevoegen=False)).json()
    alles = esis.lijst().json()
    assert alles["count"] == 2
    assert {a["uuid"] for a in esis.lijst(status="concept").json()["results"]} == {concept["uuid"]}
    assert {a["uuid"] for a in esis.lijst(status="aanmelding").json()["results"]} == {
        verzonden["uuid"]
    }
    assert esis.lijst(gewijzigd_vanaf="2099-01-01").json()["count"] == 0


def test_p1_lijst_doet_een_vast_aantal_queries(esis: Esis) -> None:
    esis.indienen()

    def aantal() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert esis.lijst().status_code == 200
        return len(queries)

    een = aantal()
    for _ in range(3):
        esis.indienen(aanvraag_json(bijlagen=[], opp_toevoegen=False, zorgvraag=f"{_}"))
    assert aantal() == een


# --- B6: retries ------------------------------------------------------------------------------


def test_b6_herhaald_verzoek_met_dezelfde_sleutel_maakt_niets_dubbel(esis: Esis) -> None:
    gegevens = aanvraag_json()  # one body: a PDF made twice differs in its /ID
    eerste = esis.indienen(gegevens, idempotency_key="esis-123")
    tweede = esis.indienen(gegevens, idempotency_key="esis-123")
    assert (eerste.status_code, tweede.status_code) == (201, 201)
    assert eerste.json() == tweede.json()
    assert tweede["Idempotent-Replayed"] == "true"
    assert Hulpvraag.objects.count() == 1 and Bijlage.objects.count() == 1
    ander = esis.indienen(aanvraag_json(zorgvraag="Anders."), idempotency_key="esis-123")
    assert _fout(ander)[:2] == (422, "idempotency_key_hergebruikt")


def test_b6_geweigerd_verzoek_houdt_de_sleutel_vrij(esis: Esis) -> None:
    fout = esis.indienen(aanvraag_json(korte_omschrijving="Onbekend"), idempotency_key="k-1")
    assert fout.status_code == 400
    assert esis.indienen(idempotency_key="k-1").status_code == 201


@pytest.mark.skipif(
    not os.environ.get("DATABASE_URL", "").startswith("postgres"),
    reason="SQLite serialises writers per database; the race needs PostgreSQL's locks.",
)
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_b6_twee_gelijktijdige_verzoeken_een_resultaat(esis: Esis) -> None:
    antwoorden: list[Any] = []
    start = threading.Barrier(2)
    gegevens = aanvraag_json()

    def verzoek() -> None:
        try:
            start.wait()
            antwoorden.append(esis.indienen(gegevens, idempotency_key="tegelijk-1"))
        finally:
            connections.close_all()

    draden = [threading.Thread(target=verzoek) for _ in range(2)]
    for draad in draden:
        draad.start()
    for draad in draden:
        draad.join()
    assert [a.status_code for a in antwoorden] == [201, 201]
    assert antwoorden[0].json()["uuid"] == antwoorden[1].json()["uuid"]
    assert Hulpvraag.objects.count() == 1 and Bijlage.objects.count() == 1


def test_b6_tweede_schrijver_met_oude_etag_wordt_geweigerd(esis: Esis) -> None:
    concept = esis.indienen(aanvraag_json(verzenden=False)).json()
    oud = esis.lezen(concept["uuid"])["ETag"]
    assert esis.wijzigen(concept["uuid"], {"zorgvraag": "Eerste."}, etag=oud).status_code == 200
    assert _fout(esis.wijzigen(concept["uuid"], {"zorgvraag": "Tweede."}, etag=oud))[:2] == (
        412,
        "versie_verouderd",
    )
    zonder = esis.http.patch(
        f"/api/v1/aanvragen/{concept['uuid']}/", {"zorgvraag": "x"}, format="json", **esis.kopjes()
    )
    assert _fout(zonder)[:2] == (428, "if_match_verplicht")


# --- Tokens and scope -------------------------------------------------------------------------


def test_r34_geen_token_geen_toegang_ook_niet_met_een_websessie(
    esis: Esis, omgeving: Omgeving
) -> None:
    web = omgeving.client(omgeving.ib_regenboog)
    antwoord = web.get("/api/v1/aanvragen/", HTTP_X_VERIFICATIECODE=CODE_REGENBOOG)
    assert antwoord.status_code == 401
    assert antwoord.json()["code"] == "niet_aangemeld"
    assert antwoord["WWW-Authenticate"].startswith("Bearer")


def test_ingetrokken_of_onjuist_token_wordt_geweigerd(esis: Esis) -> None:
    goed = esis.token
    esis.token = goed[:-2] + "xx"
    assert _fout(esis.indienen())[:2] == (401, "token_ongeldig")
    esis.token = "geen-token"
    assert _fout(esis.indienen())[:2] == (401, "token_ongeldig")
    esis.token = goed
    client_intrekken(client=esis.client)
    assert _fout(esis.indienen())[:2] == (401, "token_ingetrokken")
    assert Hulpvraag.objects.count() == 0


def test_p1_aanvraag_van_een_andere_client_of_school_bestaat_niet(
    esis: Esis, omgeving: Omgeving
) -> None:
    data = esis.indienen().json()
    ander_client, token = client_registreren(
        swv=omgeving.ppo, naam="Esis 2", soort=ApiClient.Soort.ESIS, door=None
    )
    assert Esis(client=ander_client, token=token).lezen(data["uuid"]).status_code == 404
    kompas = Esis(
        client=esis.client,
        token=esis.token,
        code=CODE_KOMPAS,
        contactpersoon="hschaap@po2806.example.nl",
    )
    assert kompas.lezen(data["uuid"]).status_code == 404
    assert kompas.lijst().json()["count"] == 0


def test_te_veel_verzoeken_per_minuut(esis: Esis) -> None:
    cache.clear()
    ApiClient.objects.filter(pk=esis.client.pk).update(max_per_minuut=2)
    assert esis.lijst().status_code == 200
    assert esis.lijst().status_code == 200
    antwoord = esis.lijst()
    assert _fout(antwoord)[:2] == (429, "te_veel_verzoeken")
    assert int(antwoord["Retry-After"]) >= 1
    cache.clear()


def test_p2_elke_inzage_via_de_api_staat_in_het_log_met_de_client(
    esis: Esis, omgeving: Omgeving
) -> None:
    data = esis.indienen().json()
    esis.lezen(data["uuid"])
    rijen = Inzage.objects.filter(systeem__contains=str(esis.client.uuid))
    assert {r.gebeurtenis for r in rijen} >= {
        "leerling_aangemaakt",
        "hulpvraag_aangemaakt",
        "bijlage_toegevoegd",
        "hulpvraag_bekeken",
    }
    assert {r.gebruiker_id for r in rijen} == {omgeving.ib_regenboog.pk}


# --- P4: bad input ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("wijziging", "status", "code", "veld"),
    [
        ({"onbekend": 1}, 400, "onbekend_veld", "onbekend"),
        ({"leerling": {"roepnaam": "A"}}, 400, "verplicht", "leerling.achternaam"),
        ({"verzenden": "misschien"}, 400, "ongeldig", "verzenden"),
        (
            {"leerling": {**aanvraag_json()["leerling"], "geboortedatum": "2099-01-01"}},
            400,
            "ongeldig",
            "leerling.geboortedatum",
        ),
        (
            {
                "bijlagen": [
                    {"bestandsnaam": "OPP.pdf", "inhoud": "@@geen base64@@", "soort": "opp"}
                ]
            },
            400,
            "base64_ongeldig",
            "bijlagen.0.inhoud",
        ),
        ({"zorgvraag": "Hasna heeft moeite met lezen."}, 400, "naam_in_omschrijving", "zorgvraag"),
    ],
)
def test_p4_slechte_invoer_krijgt_code_en_nederlandse_melding_en_slaat_niets_op(
    esis: Esis, wijziging: dict[str, Any], status: int, code: str, veld: str
) -> None:
    antwoord = esis.indienen(aanvraag_json(**wijziging))
    assert antwoord.status_code == status, antwoord.json()
    fouten = antwoord.json()["fouten"]
    assert (fouten[0]["code"], fouten[0]["veld"]) == (code, veld)
    assert fouten[0]["melding"]
    assert not Hulpvraag.objects.exists() and not Leerling.objects.exists()
    assert not Aanvraag.objects.exists() and _bestanden_in_opslag() == []


def test_p4_een_geweigerde_bijlage_weigert_de_hele_aanvraag(esis: Esis) -> None:
    gegevens = aanvraag_json()
    gegevens["bijlagen"].append(
        {
            "bestandsnaam": "Verslag.pdf",
            "inhoud": base64_van(bestanden.pdf_met_javascript_in_annotatie()),
        }
    )
    antwoord = esis.indienen(gegevens)
    assert _fout(antwoord) == (400, "bijlage_geweigerd", ["bijlagen"])
    assert antwoord.json()["fouten"][0]["bestandsnaam"] == "Verslag.pdf"
    assert not Hulpvraag.objects.exists() and not Leerling.objects.exists()
    assert not Bijlage.objects.exists()


def test_p4_ongeldige_json_en_te_groot_verzoek(esis: Esis, settings: Any) -> None:
    antwoord = esis.http.post(
        "/api/v1/aanvragen/", "{niet json", content_type="application/json", **esis.kopjes()
    )
    assert _fout(antwoord)[:2] == (400, "json_ongeldig")
    settings.PASSEND_API_MAX_BYTES = 1000
    assert _fout(esis.indienen())[:2] == (413, "te_groot")


def test_multipart_met_bestanden(esis: Esis) -> None:
    gegevens = aanvraag_json()
    del gegevens["bijlagen"]
    antwoord = esis.http.post(
        "/api/v1/aanvragen/",
        {
            "gegevens": json.dumps(gegevens),
            "bijlagen": [SimpleUploadedFile("OPP120426.pdf", bestanden.pdf())],
            "soorten": ["opp"],
        },
        format="multipart",
        **esis.kopjes(),
    )
    assert antwoord.status_code == 201, antwoord.json()
    assert [b["soort"] for b in antwoord.json()["bijlagen"]] == ["opp"]

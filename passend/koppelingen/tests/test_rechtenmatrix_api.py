"""The role x object x action matrix for the API (P1): every role of the web matrix acts, as
the X-Contactpersoon of PPO's Esis client under De Regenboog's verification code, on a sent
request and a draft of De Regenboog; a client of the other SWV and a code of the other school
act on the same objects. + allowed (2xx, and the change is made); - refused (4xx, nothing
changed, nothing about the object revealed)."""

from typing import Any

import pytest

from passend.accounts.models import Gebruiker
from passend.accounts.tests.factories import account_maken
from passend.hulpvragen.models import Hulpvraag
from passend.hulpvragen.tests.conftest import Omgeving
from passend.koppelingen.models import Aanvraag, ApiClient
from passend.koppelingen.services import client_registreren, verificatiecode_registreren
from passend.koppelingen.tests.conftest import CODE_KOMPAS, Esis, aanvraag_json
from passend.organisaties.tests.factories import SchoolFactory

pytestmark = pytest.mark.django_db

ACTIES = ("lijst", "lezen", "wijzigen", "verwijderen", "indienen")
# fmt: off
MATRIX: dict[str, str] = {
    #                      lijst lezen wijzigen verwijderen indienen
    "ib":                  "+++++",
    "directeur":           "+++++",
    "ib_kompas":           "-----",
    "scp":                 "-----",
    "coordinator":         "-----",
    "tlv_administratie":   "-----",
    "deskundige":          "-----",
    "regiomanager":        "-----",
    "beheerder":           "-----",
    "ouder":               "-----",
    "externe_deelnemer":   "-----",
    "ib_ander_swv":        "-----",
    "beheerder_ander_swv": "-----",
}
# fmt: on


def _accounts(omgeving: Omgeving) -> dict[str, Gebruiker]:
    ppo, ander = omgeving.ppo, omgeving.ander_swv
    return {
        "ib": omgeving.ib_regenboog,
        "directeur": account_maken(ppo, "dvries", rol="directeur", scholen=(omgeving.regenboog,)),
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


def _cel(esis: Esis, actie: str, verzonden: str, concept: str, email: str) -> int:
    if actie == "lijst":
        antwoord = esis.lijst()
        return (
            antwoord.status_code
            if antwoord.status_code != 200
            else (200 if antwoord.json()["count"] == 2 else 404)
        )
    if actie == "lezen":
        return esis.lezen(verzonden).status_code
    if actie in ("wijzigen", "verwijderen"):
        # The ETag as the school would have it: the refusal is the scope's, not a stale version.
        huidige = f'"{Aanvraag.objects.get(uuid=concept).versie}-0.000000"'
    if actie == "wijzigen":
        return esis.wijzigen(concept, {"zorgvraag": "Gewijzigd."}, etag=huidige).status_code
    if actie == "verwijderen":
        return esis.verwijderen(concept, etag=huidige).status_code
    gegevens = aanvraag_json()
    gegevens["contactpersoon"]["email"] = email
    return esis.indienen(gegevens).status_code


@pytest.mark.parametrize("rol", list(MATRIX))
def test_p1_api_rechtenmatrix(esis: Esis, omgeving: Omgeving, rol: str) -> None:
    verzonden = esis.indienen().json()["uuid"]
    concept = esis.indienen(aanvraag_json(verzenden=False)).json()["uuid"]
    gebruiker = _accounts(omgeving)[rol]
    esis.contactpersoon = gebruiker.email
    for actie, teken in zip(ACTIES, MATRIX[rol], strict=True):
        voor = (Hulpvraag.objects.count(), list(Aanvraag.objects.values_list("versie", flat=True)))
        status = _cel(esis, actie, verzonden, concept, gebruiker.email)
        if teken == "+":
            assert status in (200, 201, 204), (rol, actie, status)
        else:
            assert status in (400, 403, 404), (rol, actie, status)
            assert (
                Hulpvraag.objects.count(),
                list(Aanvraag.objects.values_list("versie", flat=True)),
            ) == voor, (rol, actie)


def test_p1_andere_school_en_ander_swv_zien_de_aanvraag_niet(
    esis: Esis, omgeving: Omgeving
) -> None:
    verzonden = esis.indienen().json()["uuid"]
    kompas = Esis(
        esis.client, esis.token, code=CODE_KOMPAS, contactpersoon=omgeving.ib_kompas.email
    )
    assert kompas.lezen(verzonden).status_code == 404
    assert kompas.lijst().json()["count"] == 0

    client, token = client_registreren(
        swv=omgeving.ander_swv, naam="Esis", soort=ApiClient.Soort.ESIS, door=None
    )
    school = SchoolFactory.create(swv=omgeving.ander_swv, code="99ZZ00")
    account_maken(omgeving.ander_swv, "izwart", scholen=(school,), email="izwart@example.nl")
    verificatiecode_registreren(school=school, code="99ZZ00-code-van-ander-swv", door=None)
    ander = Esis(
        client, token, code="99ZZ00-code-van-ander-swv", contactpersoon="izwart@example.nl"
    )
    assert ander.lezen(verzonden).status_code == 404
    for wijziging in ({"x_verificatiecode": esis.code}, {"authorization": ""}):
        antwoord: Any = ander.lezen(verzonden, **wijziging)
        assert antwoord.status_code in (401, 403)

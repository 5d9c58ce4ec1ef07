"""An API-created hulpvraag obeys the same rules as a web-created one: one table of cases, run
through the web screen "Nieuwe hulpvraag toevoegen" and through the Esis API, with the same
outcome (beginstatus, coördinator, who sees it, refusals) — R1, R11, R16, R21, R31, R32, R35."""

from dataclasses import dataclass
from datetime import date

import pytest
from django.urls import reverse
from django.utils import timezone

from passend.hulpvragen.models import Hulpvraag
from passend.hulpvragen.tests.conftest import Omgeving
from passend.hulpvragen.tests.factories import leerling_op_school
from passend.koppelingen.tests.conftest import Esis, aanvraag_json
from passend.processen.models import Hulpvraagtitel

pytestmark = pytest.mark.django_db


@dataclass(frozen=True)
class Geval:
    titel: str
    zorgvraag: str = "Op het gebied van gedrag."
    naam_toch_opslaan: bool = False


GEVALLEN = [
    Geval("Ambulante Begeleiding"),
    Geval("Informatieuitwisseling overig"),  # R35: stays invisible to SWV staff
    Geval("Ondersteuningsbudget"),  # begins "voorlopig": the SWV does not see it yet
    Geval("TLV-aanvraag (IJsselmonde)"),
    Geval("TLV -Nieuw"),  # R31: not for IJsselmonde, De Regenboog's region
    Geval("Ambulante Begeleiding", zorgvraag="Hasna heeft moeite met lezen."),  # R16
    Geval("Ambulante Begeleiding", zorgvraag="Hasna leest slecht.", naam_toch_opslaan=True),
]


def _uitkomst(omgeving: Omgeving, hulpvraag: Hulpvraag | None) -> tuple[object, ...]:
    if hulpvraag is None:
        return ("geweigerd",)
    return (
        hulpvraag.status.naam,
        hulpvraag.coordinator,
        Hulpvraag.objects.zichtbaar_voor(omgeving.coordinator).filter(pk=hulpvraag.pk).exists(),
        Hulpvraag.objects.zichtbaar_voor(omgeving.beheerder).filter(pk=hulpvraag.pk).exists(),
        Hulpvraag.objects.zichtbaar_voor(omgeving.ib_kompas).filter(pk=hulpvraag.pk).exists(),
    )


def _via_web(omgeving: Omgeving, geval: Geval) -> Hulpvraag | None:
    leerling, schoolgegevens = leerling_op_school(
        omgeving.ib_regenboog,
        omgeving.regenboog,
        roepnaam="Hasna",
        tussenvoegsel="",
        achternaam="El-Makrini",
        geboortedatum=date(2015, 1, 1),
    )
    titel = Hulpvraagtitel.objects.get(swv=omgeving.ppo, naam=geval.titel)
    gegevens = {
        "schoolgegevens": schoolgegevens.pk,
        "titel": titel.pk,
        "omschrijving": geval.zorgvraag,
        "hulpvraagdatum": timezone.localdate().strftime("%d-%m-%Y"),
    }
    if geval.naam_toch_opslaan:
        gegevens["naam_toch_opslaan"] = "on"
    omgeving.client(omgeving.ib_regenboog).post(
        reverse("hulpvragen:hulpvraag_nieuw", args=[leerling.pk]), gegevens
    )
    return Hulpvraag.objects.filter(leerling=leerling).first()


def _via_api(esis: Esis, geval: Geval) -> Hulpvraag | None:
    antwoord = esis.indienen(
        aanvraag_json(
            korte_omschrijving=geval.titel,
            zorgvraag=geval.zorgvraag,
            naam_toch_opslaan=geval.naam_toch_opslaan,
        )
    )
    if antwoord.status_code != 201:
        assert antwoord.status_code == 400, antwoord.json()
        return None
    return Hulpvraag.objects.get(referentie=antwoord.json()["referentie"])


@pytest.mark.parametrize("geval", GEVALLEN, ids=lambda g: f"{g.titel}|{g.zorgvraag[:12]}")
def test_r1_r11_api_en_web_volgen_dezelfde_regels(
    esis: Esis, omgeving: Omgeving, geval: Geval
) -> None:
    web = _uitkomst(omgeving, _via_web(omgeving, geval))
    api = _uitkomst(omgeving, _via_api(esis, geval))
    assert web == api
    if geval.titel == "Informatieuitwisseling overig":
        assert web == ("Voorlopige aanmelding", None, False, True, False)
    if geval.titel == "TLV -Nieuw" or "moeite" in geval.zorgvraag:
        assert web == ("geweigerd",)

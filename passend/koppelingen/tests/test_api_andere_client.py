"""A client of another supplier (not Esis) names its school in X-School, among the schools that
switched it on; R8's schools of another SWV submit when this SWV admitted them."""

import pytest

from passend.accounts.tests.factories import account_maken
from passend.hulpvragen.models import Hulpvraag
from passend.hulpvragen.tests.conftest import Omgeving
from passend.koppelingen.models import ApiClient
from passend.koppelingen.services import client_registreren
from passend.koppelingen.tests.conftest import Esis, aanvraag_json

pytestmark = pytest.mark.django_db


@pytest.fixture
def systeem(omgeving: Omgeving) -> Esis:
    client, token = client_registreren(
        swv=omgeving.ppo, naam="Testclient", soort=ApiClient.Soort.API, door=None
    )
    client.scholen.set([omgeving.regenboog, omgeving.extern])
    return Esis(client=client, token=token, code="")


def test_x_school_kiest_een_school_die_de_client_gebruikt(
    systeem: Esis, omgeving: Omgeving
) -> None:
    antwoord = systeem.indienen(x_school="12ab00")
    assert antwoord.status_code == 201, antwoord.json()
    assert Hulpvraag.objects.get(referentie=antwoord.json()["referentie"]).bron == "api"
    geweigerd = systeem.indienen(x_school="23CD00")  # Het Kompas did not switch it on
    assert (geweigerd.status_code, geweigerd.json()["code"]) == (403, "school_niet_gekoppeld")
    assert systeem.indienen().json()["code"] == "school_niet_gekoppeld"  # no X-School at all


def test_r8_school_van_een_ander_swv_dient_in_als_het_swv_dat_toelaat(
    systeem: Esis, omgeving: Omgeving
) -> None:
    account_maken(omgeving.ppo, "aleren", scholen=(omgeving.extern,), email="ib@andersleren.nl")
    gegevens = aanvraag_json(korte_omschrijving="Ambulante Begeleiding")
    gegevens["contactpersoon"]["email"] = "ib@andersleren.nl"
    antwoord = systeem.indienen(gegevens, x_school="09BA00")
    assert antwoord.status_code == 201, antwoord.json()
    assert antwoord.json()["school"] == "09BA00"

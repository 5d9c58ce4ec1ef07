"""The hulpvragen tests' PPO Rotterdam with an Esis client, a verification code for De
Regenboog, and a small helper that calls the API as Esis does."""

import base64
from dataclasses import dataclass, field
from typing import Any

import pytest
from rest_framework.test import APIClient

from passend.bijlagen.tests import bestanden
from passend.hulpvragen.tests import conftest as hulpvragen_conftest
from passend.hulpvragen.tests.conftest import Omgeving
from passend.koppelingen.models import ApiClient, Verificatiecode
from passend.koppelingen.services import client_registreren, verificatiecode_registreren

omgeving = hulpvragen_conftest.omgeving

CODE_REGENBOOG = "12AB00-regenboog-esis-2026-x"
CODE_KOMPAS = "23CD00-kompas-esis-omgeving-1"


def base64_van(inhoud: bytes) -> str:
    return base64.b64encode(inhoud).decode()


def aanvraag_json(**anders: Any) -> dict[str, Any]:
    """An Esis request as R11 describes it, with the OPP as an attachment."""
    gegevens: dict[str, Any] = {
        "leerling": {
            "roepnaam": "Hasna",
            "achternaam": "El-Makrini",
            "geboortedatum": "2016-04-12",
            "geslacht": 1,
            "ouder_emailadressen": ["ouder@example.nl"],
            "adressen": [
                {
                    "straat": "Molenstraat",
                    "huisnummer": 12,
                    "postcode": "3071AB",
                    "plaats": "Rotterdam",
                }
            ],
        },
        "groep": "6",
        "contactpersoon": {
            "naam": "Ingrid Verhoef",
            "email": "iverhoef@po2806.example.nl",
            "telefoon": "010-1234567",
            "functie": "IB'er",
        },
        "korte_omschrijving": "Ambulante Begeleiding",
        "zorgvraag": "Op het gebied van gedrag.",
        "opp_toevoegen": True,
        "bijlagen": [
            {"bestandsnaam": "OPP120426.pdf", "inhoud": base64_van(bestanden.pdf()), "soort": "opp"}
        ],
        "verzenden": True,
    }
    gegevens.update(anders)
    return gegevens


@dataclass
class Esis:
    """Esis at one school: its client token and the school's verification code."""

    client: ApiClient
    token: str
    code: str = CODE_REGENBOOG
    contactpersoon: str = "iverhoef@po2806.example.nl"
    http: APIClient = field(default_factory=APIClient)

    def kopjes(self, **anders: str) -> dict[str, str]:
        kopjes = {
            "HTTP_AUTHORIZATION": f"Bearer {self.token}",
            "HTTP_X_VERIFICATIECODE": self.code,
            "HTTP_X_CONTACTPERSOON": self.contactpersoon,
        }
        kopjes.update({f"HTTP_{k.upper().replace('-', '_')}": v for k, v in anders.items()})
        return {k: v for k, v in kopjes.items() if v}

    def indienen(self, gegevens: dict[str, Any] | None = None, **kopjes: str) -> Any:
        return self.http.post(
            "/api/v1/aanvragen/",
            gegevens or aanvraag_json(),
            format="json",
            **self.kopjes(**kopjes),
        )

    def lezen(self, uuid: str, **kopjes: str) -> Any:
        return self.http.get(f"/api/v1/aanvragen/{uuid}/", **self.kopjes(**kopjes))

    def lijst(self, **params: str) -> Any:
        return self.http.get("/api/v1/aanvragen/", params, **self.kopjes())

    def wijzigen(
        self, uuid: str, gegevens: dict[str, Any], etag: str | None = None, **kopjes: str
    ) -> Any:
        if etag is None:
            etag = self.lezen(uuid)["ETag"]
        return self.http.patch(
            f"/api/v1/aanvragen/{uuid}/",
            gegevens,
            format="json",
            **self.kopjes(if_match=etag, **kopjes),
        )

    def verwijderen(self, uuid: str, etag: str | None = None) -> Any:
        if etag is None:
            etag = self.lezen(uuid)["ETag"]
        return self.http.delete(f"/api/v1/aanvragen/{uuid}/", **self.kopjes(if_match=etag))


@pytest.fixture
def esis(omgeving: Omgeving) -> Esis:
    client, token = client_registreren(
        swv=omgeving.ppo, naam="Esis", soort=ApiClient.Soort.ESIS, door=omgeving.beheerder
    )
    verificatiecode_registreren(
        school=omgeving.regenboog, code=CODE_REGENBOOG, door=omgeving.beheerder
    )
    verificatiecode_registreren(school=omgeving.kompas, code=CODE_KOMPAS, door=omgeving.beheerder)
    return Esis(client=client, token=token)


def code_van(school_code: str) -> Verificatiecode:
    return Verificatiecode.objects.get(school__code=school_code)

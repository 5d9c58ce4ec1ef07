"""The Esis channel through the open API, step by step as the manual's Esis chapter (R10, R11)."""

import pytest

from passend.hulpvragen.models import Hulpvraag
from passend.koppelingen.tests.conftest import Esis

pytestmark = pytest.mark.django_db


def test_r11_opslaan_en_verzenden_maakt_de_hulpvraag(esis: Esis) -> None:
    antwoord = esis.indienen()
    assert antwoord.status_code == 201, antwoord.json()
    data = antwoord.json()
    assert data["status"] == "aanmelding"
    hulpvraag = Hulpvraag.objects.get(referentie=data["referentie"])
    assert hulpvraag.bron == "esis"
    assert [b["bestandsnaam"] for b in data["bijlagen"]] == ["OPP120426.pdf"]

"""Every intake channel fills the Managementoverzicht's summary (Hulpvraagverloop, issue 20
item 3) as the web does: Esis and ParnasSys (OSO) through the one intake path
(`services.aanvraag_indienen`, which calls the hulpvragen services), including a request sent
again after "Dossier incompleet", which changes the status of the same hulpvraag."""

import pytest

from passend.bijlagen.tests import bestanden
from passend.hulpvragen.models import Hulpvraag
from passend.hulpvragen.services import hulpvraag_status_wijzigen
from passend.hulpvragen.tests.conftest import Omgeving
from passend.hulpvragen.tests.verloop import geschreven, verloop_klopt
from passend.koppelingen.oso import voorbeelden
from passend.koppelingen.tests.conftest import Esis, base64_van
from passend.koppelingen.tests.test_oso_intake import (  # noqa: F401  (fixtures)
    Parnassys,
    demoschool,
    parnassys,
)
from passend.processen.models import Status

pytestmark = pytest.mark.django_db


def test_r1_i20_esis_fills_the_summary_and_a_resubmission_updates_it(
    esis: Esis, omgeving: Omgeving
) -> None:
    data = esis.indienen().json()
    hulpvraag = Hulpvraag.objects.get(referentie=data["referentie"])
    assert verloop_klopt() == 1
    hulpvraag_status_wijzigen(
        hulpvraag=hulpvraag,
        naar=Status.objects.get(proces=hulpvraag.titel.proces, code="dossier_incompleet"),
        door=omgeving.scp,
        reden="Het toetsoverzicht ontbreekt.",
    )
    assert geschreven(hulpvraag)["status_id"] == hulpvraag.status_id
    extra = {"bestandsnaam": "Toetsoverzicht.pdf", "inhoud": base64_van(bestanden.pdf("Toetsen"))}
    antwoord = esis.wijzigen(data["uuid"], {"bijlagen": [extra], "verzenden": True})
    assert antwoord.status_code == 200, antwoord.json()
    hulpvraag.refresh_from_db()
    assert (hulpvraag.status.code, geschreven(hulpvraag)["status_id"]) == (
        "aanmelding",
        hulpvraag.status_id,
    )
    assert verloop_klopt() == 1


def test_r1_i20_parnassys_oso_fills_the_summary(parnassys: Parnassys) -> None:  # noqa: F811
    antwoord = parnassys.indienen(voorbeelden.voorbeeld("po_full"))
    assert antwoord.status_code == 201, antwoord.json()
    assert verloop_klopt() == 1

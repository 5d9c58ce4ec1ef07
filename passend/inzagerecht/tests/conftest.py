"""The hulpvragen tests' PPO Rotterdam, with a pupil of De Regenboog whose parents' addresses
are in the dossier and whose hulpvraag the SWV sees, and one attachment."""

from dataclasses import dataclass

import pytest

from passend.bijlagen.models import Bijlage
from passend.bijlagen.tests import bestanden
from passend.bijlagen.tests.conftest import toevoegen
from passend.dossiers.models import Leerling
from passend.hulpvragen.models import Hulpvraag
from passend.hulpvragen.tests import conftest as hulpvragen_conftest
from passend.hulpvragen.tests.conftest import Omgeving
from passend.hulpvragen.tests.factories import hulpvraag_op_school

omgeving = hulpvragen_conftest.omgeving

OUDER_EMAIL = "ouders.boven@example.nl"


@dataclass
class Kind:
    o: Omgeving
    leerling: Leerling
    hulpvraag: Hulpvraag
    gedeeld: Bijlage
    niet_gedeeld: Bijlage


@pytest.fixture
def kind(omgeving: Omgeving) -> Kind:
    hulpvraag = hulpvraag_op_school(omgeving.ib_regenboog, omgeving.regenboog)
    leerling = hulpvraag.leerling
    Leerling.objects.filter(pk=leerling.pk).update(
        ouder_emailadressen=f"{OUDER_EMAIL}\ntweede.ouder@example.nl"
    )
    leerling.refresh_from_db()
    return Kind(
        o=omgeving,
        leerling=leerling,
        hulpvraag=hulpvraag,
        gedeeld=toevoegen(
            hulpvraag, omgeving.ib_regenboog, "Verslag.pdf", bestanden.pdf("Gedeeld")
        ),
        niet_gedeeld=toevoegen(
            hulpvraag, omgeving.ib_regenboog, "Intern.pdf", bestanden.pdf("Niet gedeeld")
        ),
    )

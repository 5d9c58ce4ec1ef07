"""The hulpvragen tests' PPO Rotterdam (with the preset's forms), a directeur at De Regenboog,
and an Ondersteuningsbudget request of De Regenboog with its application form."""

from dataclasses import dataclass

import pytest

from passend.accounts.models import Gebruiker
from passend.accounts.tests.factories import account_maken
from passend.formulieren.models import Formulier
from passend.hulpvragen.models import Hulpvraag
from passend.hulpvragen.tests import conftest as hulpvragen_conftest
from passend.hulpvragen.tests.conftest import Omgeving
from passend.hulpvragen.tests.factories import hulpvraag_op_school

omgeving = hulpvragen_conftest.omgeving


@dataclass
class ObAanvraag:
    hulpvraag: Hulpvraag
    formulier: Formulier
    directeur: Gebruiker


@pytest.fixture
def directeur(omgeving: Omgeving) -> Gebruiker:
    return account_maken(omgeving.ppo, "dvries", rol="directeur", scholen=(omgeving.regenboog,))


@pytest.fixture
def ob(omgeving: Omgeving, directeur: Gebruiker) -> ObAanvraag:
    hulpvraag = hulpvraag_op_school(
        omgeving.ib_regenboog, omgeving.regenboog, "Ondersteuningsbudget"
    )
    return ObAanvraag(
        hulpvraag=hulpvraag,
        formulier=Formulier.objects.get(hulpvraag=hulpvraag),
        directeur=directeur,
    )

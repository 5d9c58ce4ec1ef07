"""The hulpvragen tests' PPO Rotterdam (schools, accounts on every side, a second SWV), plus a
privacy officer in each SWV."""

import pytest

from passend.accounts.models import Gebruiker
from passend.accounts.tests.factories import account_maken
from passend.hulpvragen.tests import conftest as hulpvragen_conftest
from passend.hulpvragen.tests.conftest import Omgeving

omgeving = hulpvragen_conftest.omgeving


@pytest.fixture
def privacy(omgeving: Omgeving) -> Gebruiker:
    return account_maken(omgeving.ppo, "privacy", rol="privacyfunctionaris")


@pytest.fixture
def privacy_ander_swv(omgeving: Omgeving) -> Gebruiker:
    return account_maken(omgeving.ander_swv, "privacy", rol="privacyfunctionaris")

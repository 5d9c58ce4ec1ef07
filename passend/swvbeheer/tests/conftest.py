import pytest
from django.core.management import call_command
from django.test import Client

from passend.accounts.tests.factories import account_maken, inloggen
from passend.hulpvragen.tests import conftest as hulpvragen_conftest
from passend.organisaties.tests.factories import RegioFactory, SamenwerkingsverbandFactory

omgeving = hulpvragen_conftest.omgeving


@pytest.fixture
def twee_swvs(ppo):  # type: ignore[no-untyped-def]
    """PPO Rotterdam and SWV PO9999, each with the PPO preset: the same processes, titles and
    forms in two SWVs, for the tests of tenant isolation."""
    RegioFactory.create(swv=ppo, naam="IJsselmonde")
    call_command("preset_laden", "PO2806", verbosity=0)
    ander = SamenwerkingsverbandFactory.create(code="PO9999", naam="SWV Voorbeeldstad")
    RegioFactory.create(swv=ander, naam="IJsselmonde")
    call_command("preset_laden", "PO9999", verbosity=0)
    return ppo, ander


def beheerder_client(swv, gebruikersnaam: str = "bhendriks") -> Client:  # type: ignore[no-untyped-def]
    client = Client()
    inloggen(client, account_maken(swv, gebruikersnaam, rol="applicatiebeheerder"))
    return client

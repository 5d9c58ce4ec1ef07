"""Behind the reverse proxy, the lockout counts per real client, not per proxy: one attacker
cannot lock out everyone with the same browser (ASVS V2.2.1)."""

import pytest
from django.test import Client

from passend.accounts.tests.factories import WACHTWOORD, account_maken, huidige_code
from passend.accounts.tests.test_aanmelden import aanmelden

pytestmark = pytest.mark.django_db


def test_asvs_v2_2_1_behind_the_proxy_the_lockout_counts_the_real_client(ppo, school, settings):
    settings.PASSEND_PROXY_AANTAL = 1
    settings.PASSEND_LOGIN_MAX_MISLUKT_PER_ADRES = 3
    ib = account_maken(ppo, scholen=(school,))

    def browser(client_adres: str) -> Client:
        """The same browser version, through the same proxy, from another client."""
        return Client(
            HTTP_USER_AGENT="Chrome/150", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR=client_adres
        )

    aanvaller = browser("7.7.7.7")
    for naam in ("a", "b", "c"):
        aanmelden(aanvaller, gebruikersnaam=naam, wachtwoord="fout", code="000000")
    geweigerd = aanmelden(
        aanvaller, gebruikersnaam="iverhoef", wachtwoord=WACHTWOORD, code=huidige_code(ib)
    )
    assert geweigerd.status_code == 429
    # Another client with the same browser, through the same proxy, logs in as usual.
    ander = browser("8.8.8.8")
    antwoord = aanmelden(
        ander, gebruikersnaam="iverhoef", wachtwoord=WACHTWOORD, code=huidige_code(ib)
    )
    assert antwoord.status_code == 302

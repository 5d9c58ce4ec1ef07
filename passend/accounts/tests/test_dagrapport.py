"""The daily report of mails that failed for good goes to the SWV's application administrators
(accounts gives notificaties their addresses, through `manage.py periodiek`)."""

import pytest
from django.core.management import call_command

from passend.accounts.tests.factories import account_maken
from passend.notificaties.models import Bericht
from passend.notificaties.services import MAXIMUM_POGINGEN, bericht_bezorgen_nu
from passend.notificaties.tests.factories import wachtend_bericht

pytestmark = pytest.mark.django_db


def test_mail_is_given_up_after_the_last_attempt_and_reported_once_a_day(
    ppo, smtp_server, settings
):
    beheerder = account_maken(ppo, "bhendriks", rol="applicatiebeheerder")
    bericht = wachtend_bericht(ppo, pogingen=MAXIMUM_POGINGEN - 1)
    smtp_server.stop()
    bericht_bezorgen_nu(bericht.pk)
    bericht.refresh_from_db()
    assert bericht.status == Bericht.Status.MISLUKT
    assert bericht.pogingen == MAXIMUM_POGINGEN

    smtp_server.start()
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    call_command("periodiek", verbosity=0)
    rapport = Bericht.objects.get(sjabloon="notificaties/mail/mislukte_berichten.txt")
    assert rapport.aan == [beheerder.email]
    assert "Onderwerp" in rapport.tekst and "ib@school.example.nl" in rapport.tekst
    call_command("periodiek", verbosity=0)  # the same day: no second report
    assert Bericht.objects.filter(sjabloon__contains="mislukte_berichten").count() == 1

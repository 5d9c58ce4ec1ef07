"""The outbox itself: retries with growing pauses, what is not due, the local mailbox."""

from datetime import timedelta

import pytest
from django.core import mail
from django.test import Client
from django.utils import timezone

from passend.notificaties.models import Bericht
from passend.notificaties.services import (
    bericht_bezorgen_nu,
    bericht_versturen,
    wachttijd,
)
from passend.notificaties.tests.factories import wachtend_bericht

pytestmark = pytest.mark.django_db
SJABLOON = "notificaties/mail/mislukte_berichten.txt"


def test_growing_pause_between_attempts():
    assert [wachttijd(n) for n in (1, 2, 3, 4)] == [timedelta(minutes=m) for m in (1, 4, 16, 64)]
    assert wachttijd(20) == timedelta(days=1)


CONTEXT = {"swv": "PO2806 PPO Rotterdam", "berichten": []}


def test_no_recipients_means_no_mail(ppo, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        bericht = bericht_versturen(swv=ppo, aan=["", " "], sjabloon=SJABLOON, context=CONTEXT)
    assert bericht is None
    assert not Bericht.objects.exists() and mail.outbox == []
    # One address among the blanks is mailed: the silence above is for want of recipients.
    with django_capture_on_commit_callbacks(execute=True):
        bericht_versturen(
            swv=ppo,
            aan=["", "ib@school.example.nl"],
            sjabloon=SJABLOON,
            context=CONTEXT,
        )
    assert [verstuurd.to for verstuurd in mail.outbox] == [["ib@school.example.nl"]]


def test_not_yet_due_mail_waits_until_it_is_due(ppo):
    bericht = wachtend_bericht(ppo, volgende_poging=timezone.now() + timedelta(minutes=5))
    bericht_bezorgen_nu(bericht.pk)
    assert mail.outbox == []
    bericht.refresh_from_db()
    assert (bericht.status, bericht.pogingen) == (Bericht.Status.WACHTEND, 0)
    # Once due, the same call sends it: the silence above is the schedule's.
    Bericht.objects.filter(pk=bericht.pk).update(volgende_poging=timezone.now())
    bericht_bezorgen_nu(bericht.pk)
    assert [verstuurd.to for verstuurd in mail.outbox] == [["ib@school.example.nl"]]


def test_local_mailbox_shows_caught_mail_only_in_a_local_run(
    ppo, settings, tmp_path, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = "passend.notificaties.opvang.OpvangBackend"
    settings.PASSEND_MAIL_MAP = tmp_path
    with django_capture_on_commit_callbacks(execute=True):
        bericht_versturen(
            swv=ppo,
            aan=["ib@school.example.nl"],
            sjabloon=SJABLOON,
            context={"swv": ppo, "berichten": [wachtend_bericht(ppo, onderwerp="OPP ontbreekt")]},
        )
    assert len(list(tmp_path.glob("*.eml"))) == 1
    settings.PASSEND_LOKALE_MAILBOX = True
    pagina = Client().get("/lokale-mailbox/").content.decode()
    assert "Passend: 1 e-mail kon niet worden bezorgd" in pagina
    assert "OPP ontbreekt" in pagina
    settings.PASSEND_LOKALE_MAILBOX = False  # production, or mail sent through a server
    assert Client().get("/lokale-mailbox/").status_code == 404


def test_i19_local_mailbox_answers_only_requests_from_this_computer(settings):
    """The mailbox shows live reset links without a login (the demo needs it): a dev server
    bound to 0.0.0.0, or behind a proxy, shows it to no other machine."""
    settings.PASSEND_LOKALE_MAILBOX = True
    pagina = Client(REMOTE_ADDR="127.0.0.1").get("/lokale-mailbox/")
    assert pagina.status_code == 200
    assert "alleen te lezen vanaf deze computer" in pagina.content.decode()
    assert "no-store" in pagina["Cache-Control"]
    assert Client(REMOTE_ADDR="::1").get("/lokale-mailbox/").status_code == 200
    assert Client(REMOTE_ADDR="192.168.1.20").get("/lokale-mailbox/").status_code == 404
    # Through a proxy on this machine that Passend was not told about: the client is unknown.
    via_proxy = Client(REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="192.168.1.20")
    assert via_proxy.get("/lokale-mailbox/").status_code == 404
    settings.PASSEND_PROXY_AANTAL = 1
    assert via_proxy.get("/lokale-mailbox/").status_code == 404
    lokaal_via_proxy = Client(REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="127.0.0.1")
    assert lokaal_via_proxy.get("/lokale-mailbox/").status_code == 200

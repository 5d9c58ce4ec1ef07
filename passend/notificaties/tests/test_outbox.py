"""The outbox itself: retries until it gives up, the daily report, the admin, the local mailbox."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from passend.accounts.tests.factories import account_maken, inloggen
from passend.notificaties.models import Bericht
from passend.notificaties.services import (
    MAXIMUM_POGINGEN,
    bericht_bezorgen_nu,
    bericht_versturen,
    wachttijd,
)
from passend.organisaties.tests.factories import SamenwerkingsverbandFactory

pytestmark = pytest.mark.django_db


def wachtend_bericht(swv, **velden):  # type: ignore[no-untyped-def]
    standaard = {"sjabloon": "test", "aan": ["ib@school.example.nl"], "onderwerp": "Onderwerp"}
    return Bericht.objects.create(swv=swv, tekst="Tekst", **{**standaard, **velden})


def test_growing_pause_between_attempts():
    assert [wachttijd(n) for n in (1, 2, 3, 4)] == [timedelta(minutes=m) for m in (1, 4, 16, 64)]
    assert wachttijd(20) == timedelta(days=1)


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
    rapport = Bericht.objects.get(sjabloon="mislukte_berichten")
    assert rapport.aan == [beheerder.email]
    assert "Onderwerp" in rapport.tekst and "ib@school.example.nl" in rapport.tekst
    call_command("periodiek", verbosity=0)  # the same day: no second report
    assert Bericht.objects.filter(sjabloon="mislukte_berichten").count() == 1


STATUSMAIL = {"referentie": "HV-2026-000007", "status": "Aanmelding", "reden": ""}


def test_no_recipients_means_no_mail(ppo, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        bericht = bericht_versturen(
            swv=ppo, aan=["", " "], sjabloon="status_gewijzigd", context=STATUSMAIL
        )
    assert bericht is None
    assert not Bericht.objects.exists() and mail.outbox == []
    # One address among the blanks is mailed: the silence above is for want of recipients.
    with django_capture_on_commit_callbacks(execute=True):
        bericht_versturen(
            swv=ppo,
            aan=["", "ib@school.example.nl"],
            sjabloon="status_gewijzigd",
            context=STATUSMAIL,
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


def test_application_administrator_sees_and_resends_only_the_own_outbox(
    ppo, smtp_server, django_capture_on_commit_callbacks
):
    ander = SamenwerkingsverbandFactory.create(code="PO9999")
    eigen = wachtend_bericht(ppo, status=Bericht.Status.MISLUKT, pogingen=MAXIMUM_POGINGEN)
    vreemd = wachtend_bericht(ander, status=Bericht.Status.MISLUKT, onderwerp="Vreemd")
    client = Client()
    inloggen(client, account_maken(ppo, "bhendriks", rol="applicatiebeheerder"))
    lijst = reverse("swv_beheer:notificaties_bericht_changelist")
    pagina = client.get(lijst, {"status__exact": "mislukt"}).content.decode()
    assert "Onderwerp" in pagina and "Vreemd" not in pagina
    vreemde_url = reverse("swv_beheer:notificaties_bericht_change", args=[vreemd.pk])
    assert client.get(vreemde_url).status_code == 302  # not in this SWV: "does not exist"

    with django_capture_on_commit_callbacks(execute=True):
        antwoord = client.post(
            lijst, {"action": "opnieuw_versturen", "_selected_action": [eigen.pk, vreemd.pk]}
        )
    assert antwoord.status_code == 302
    eigen.refresh_from_db()
    vreemd.refresh_from_db()
    assert eigen.status == Bericht.Status.VERZONDEN
    assert vreemd.status == Bericht.Status.MISLUKT
    assert len(smtp_server.berichten) == 1


def test_local_mailbox_shows_caught_mail_only_with_debug_settings(
    ppo, settings, tmp_path, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = "passend.notificaties.opvang.OpvangBackend"
    settings.PASSEND_MAIL_MAP = tmp_path
    with django_capture_on_commit_callbacks(execute=True):
        bericht_versturen(
            swv=ppo,
            aan=["ib@school.example.nl"],
            sjabloon="status_gewijzigd",
            context={
                "referentie": "HV-2026-000007",
                "status": "Dossier incompleet",
                "reden": "OPP ontbreekt",
            },
        )
    assert len(list(tmp_path.glob("*.eml"))) == 1
    settings.DEBUG = True
    pagina = Client().get("/lokale-mailbox/").content.decode()
    assert "Status van hulpvraag HV-2026-000007 gewijzigd: Dossier incompleet" in pagina
    assert "OPP ontbreekt" in pagina
    settings.DEBUG = False
    assert Client().get("/lokale-mailbox/").status_code == 404

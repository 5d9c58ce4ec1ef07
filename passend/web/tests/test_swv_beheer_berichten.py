"""SWV-beheer's outbox: the application administrator sees and resends only the own SWV's
mails, and never reads a confidential one (a password-reset link)."""

import pytest
from django.test import Client
from django.urls import reverse

from passend.accounts.tests.factories import account_maken, inloggen
from passend.notificaties.models import Bericht
from passend.notificaties.services import MAXIMUM_POGINGEN
from passend.notificaties.tests.factories import wachtend_bericht
from passend.organisaties.tests.factories import SamenwerkingsverbandFactory

pytestmark = pytest.mark.django_db


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


def test_a_confidential_mail_is_never_shown_nor_sent_again_from_the_outbox(ppo):
    """A password-reset link is a secret: the administrator sees that the mail exists, not its
    text; once it failed for good it is not offered again (the link expired long ago)."""
    geheim = wachtend_bericht(
        ppo,
        tekst="https://passend.example.nl/wachtwoord-vergeten/Mw/geheim-token/",
        vertrouwelijk=True,
        status=Bericht.Status.MISLUKT,
    )
    client = Client()
    inloggen(client, account_maken(ppo, "bhendriks", rol="applicatiebeheerder"))
    pagina = client.get(reverse("swv_beheer:notificaties_bericht_change", args=[geheim.pk]))
    assert pagina.status_code == 200
    html = pagina.content.decode()
    assert "geheim-token" not in html and "(vertrouwelijk)" in html
    client.post(
        reverse("swv_beheer:notificaties_bericht_changelist"),
        {"action": "opnieuw_versturen", "_selected_action": [geheim.pk]},
    )
    geheim.refresh_from_db()
    assert geheim.status == Bericht.Status.MISLUKT

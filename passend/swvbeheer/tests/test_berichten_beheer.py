"""SWV-beheer's outbox (issue 16 item 1): the application administrator sees and resends only
the own SWV's mails, filtered on state and 25 a page, never reads a confidential one (a
password-reset link), and every resend is in the beheerlog. Reading a mail that names a
hulpvraag is logged as a read of that hulpvraag."""

import re

import pytest
from django.test import Client
from django.urls import reverse

from passend.accounts.tests.factories import account_maken, inloggen
from passend.audit.models import Beheerhandeling, Inzage
from passend.hulpvragen.tests.factories import hulpvraag_op_school
from passend.notificaties.models import Bericht
from passend.notificaties.services import MAXIMUM_POGINGEN
from passend.notificaties.tests.factories import wachtend_bericht
from passend.organisaties.tests.factories import SamenwerkingsverbandFactory

pytestmark = pytest.mark.django_db


def _beheerder(swv, gebruikersnaam: str = "bhendriks") -> Client:  # type: ignore[no-untyped-def]
    client = Client()
    inloggen(client, account_maken(swv, gebruikersnaam, rol="applicatiebeheerder"))
    return client


def test_issue16_application_administrator_sees_and_resends_only_the_own_outbox(
    ppo, smtp_server, django_capture_on_commit_callbacks
):
    ander = SamenwerkingsverbandFactory.create(code="PO9999")
    eigen = wachtend_bericht(
        ppo,
        status=Bericht.Status.MISLUKT,
        pogingen=MAXIMUM_POGINGEN,
        onderwerp="Eigen mislukt",
        laatste_fout="550 mailbox unavailable",
    )
    wachtend_bericht(ppo, onderwerp="Eigen wachtend")
    vreemd = wachtend_bericht(ander, status=Bericht.Status.MISLUKT, onderwerp="Vreemd")
    client = _beheerder(ppo)
    lijst = reverse("swvbeheer:berichten")
    pagina = client.get(lijst, {"status": "mislukt"}).content.decode()
    assert "Eigen mislukt" in pagina
    assert "Eigen wachtend" not in pagina and "Vreemd" not in pagina
    assert "Eigen wachtend" in client.get(lijst).content.decode()
    vreemde_url = reverse("swvbeheer:bericht", args=[vreemd.pk])
    assert client.get(vreemde_url).status_code == 404
    detail = client.get(reverse("swvbeheer:bericht", args=[eigen.pk])).content.decode()
    assert "550 mailbox unavailable" in detail and "ib@school.example.nl" in detail
    assert "Opnieuw versturen" in detail

    log_voor = Beheerhandeling.objects.count()
    with django_capture_on_commit_callbacks(execute=True):
        antwoord = client.post(reverse("swvbeheer:bericht_opnieuw_versturen", args=[eigen.pk]))
    assert antwoord.status_code == 302
    with django_capture_on_commit_callbacks(execute=True):
        antwoord = client.post(reverse("swvbeheer:bericht_opnieuw_versturen", args=[vreemd.pk]))
    assert antwoord.status_code == 404
    eigen.refresh_from_db()
    vreemd.refresh_from_db()
    assert eigen.status == Bericht.Status.VERZONDEN
    assert vreemd.status == Bericht.Status.MISLUKT
    assert len(smtp_server.berichten) == 1
    assert Beheerhandeling.objects.count() == log_voor + 1
    log = Beheerhandeling.objects.order_by("-pk")[0]
    assert log.gebeurtenis == "bericht_opnieuw_verstuurd"
    assert (log.objecttype, log.object_id) == ("bericht", str(eigen.pk))
    assert log.voor == {"status": "mislukt", "pogingen": MAXIMUM_POGINGEN}
    assert log.na == {"status": "wachtend", "pogingen": 0}
    # A mail already delivered is not offered again, nor sent twice by a replayed post.
    assert (
        "Opnieuw versturen"
        not in client.get(reverse("swvbeheer:bericht", args=[eigen.pk])).content.decode()
    )
    antwoord = client.post(
        reverse("swvbeheer:bericht_opnieuw_versturen", args=[eigen.pk]), follow=True
    )
    assert "kan niet opnieuw worden verstuurd" in antwoord.content.decode()
    assert Beheerhandeling.objects.count() == log_voor + 1


def test_issue16_a_confidential_mail_is_never_shown_nor_sent_again_from_the_outbox(ppo):
    """A password-reset link is a secret: the administrator sees that the mail exists, not its
    text; once it failed for good it is not offered again (the link expired long ago)."""
    geheim = wachtend_bericht(
        ppo,
        tekst="https://passend.example.nl/wachtwoord-vergeten/Mw/geheim-token/",
        vertrouwelijk=True,
        status=Bericht.Status.MISLUKT,
    )
    client = _beheerder(ppo)
    pagina = client.get(reverse("swvbeheer:bericht", args=[geheim.pk]))
    assert pagina.status_code == 200
    html = pagina.content.decode()
    assert "geheim-token" not in html and "(vertrouwelijk)" in html
    assert "Opnieuw versturen" not in html
    client.post(reverse("swvbeheer:bericht_opnieuw_versturen", args=[geheim.pk]))
    geheim.refresh_from_db()
    assert geheim.status == Bericht.Status.MISLUKT
    assert not Beheerhandeling.objects.filter(gebeurtenis="bericht_opnieuw_verstuurd").exists()


def test_issue16_the_outbox_is_paginated(ppo):
    for nummer in range(30):
        wachtend_bericht(ppo, onderwerp=f"Bericht {nummer:02d}")
    client = _beheerder(ppo)
    eerste = client.get(reverse("swvbeheer:berichten")).content.decode()
    tweede = client.get(reverse("swvbeheer:berichten"), {"pagina": 2}).content.decode()
    assert len(re.findall(r'href="/swv-beheer/berichten/\d+/"', eerste)) == 25
    assert len(re.findall(r'href="/swv-beheer/berichten/\d+/"', tweede)) == 5
    assert "26 t/m 30 (van 30)" in tweede


def test_issue16_p2_reading_a_mail_that_names_a_hulpvraag_is_logged_as_its_read(omgeving):
    """A mail names no pupil (P3), but a status mail names its hulpvraag and may carry a
    reason typed about the pupil: the administrator's read of its text is in the access log
    under that hulpvraag, as reading the hulpvraag itself would be."""
    hulpvraag = hulpvraag_op_school(omgeving.ib_regenboog, omgeving.regenboog)
    bericht = Bericht.objects.filter(swv=omgeving.ppo, tekst__contains=hulpvraag.referentie).first()
    assert bericht is not None
    zonder = wachtend_bericht(omgeving.ppo, onderwerp="Uitnodiging", tekst="Welkom.")
    client = omgeving.client(omgeving.beheerder)
    voor = Inzage.objects.count()
    assert client.get(reverse("swvbeheer:bericht", args=[zonder.pk])).status_code == 200
    assert Inzage.objects.count() == voor
    assert client.get(reverse("swvbeheer:bericht", args=[bericht.pk])).status_code == 200
    assert Inzage.objects.count() == voor + 1
    inzage = Inzage.objects.order_by("-pk")[0]
    assert inzage.gebeurtenis == "hulpvraag_bekeken"
    assert inzage.leerling_id == hulpvraag.leerling_id
    assert inzage.details == {"scherm": "uitbak", "bericht": str(bericht.pk)}
    assert inzage.gebruikersnaam == "bhendriks"


def test_issue16_only_the_application_administrator_reaches_the_outbox(omgeving):
    bericht = wachtend_bericht(omgeving.ppo, status=Bericht.Status.MISLUKT)
    for gebruiker in (omgeving.coordinator, omgeving.ib_regenboog, omgeving.scp):
        client = omgeving.client(gebruiker)
        assert client.get(reverse("swvbeheer:berichten")).status_code == 404
        assert client.get(reverse("swvbeheer:bericht", args=[bericht.pk])).status_code == 404
        url = reverse("swvbeheer:bericht_opnieuw_versturen", args=[bericht.pk])
        assert client.post(url).status_code == 404
    bericht.refresh_from_db()
    assert bericht.status == Bericht.Status.MISLUKT


def test_issue16_the_mails_ticked_in_the_list_are_sent_again(
    ppo, django_capture_on_commit_callbacks
):
    """The admin's action on the list, kept: the ticked mails not yet delivered go again, a
    delivered or confidential one is left alone; one of another SWV refuses the whole post."""
    ander = SamenwerkingsverbandFactory.create(code="PO9999")
    mislukt = [
        wachtend_bericht(ppo, status=Bericht.Status.MISLUKT, pogingen=5, onderwerp=f"M{n}")
        for n in range(2)
    ]
    verzonden = wachtend_bericht(ppo, status=Bericht.Status.VERZONDEN, onderwerp="Verzonden")
    geheim = wachtend_bericht(ppo, status=Bericht.Status.MISLUKT, vertrouwelijk=True)
    vreemd = wachtend_bericht(ander, status=Bericht.Status.MISLUKT, onderwerp="Vreemd")
    client = _beheerder(ppo)
    html = client.get(reverse("swvbeheer:berichten"), {"status": "mislukt"}).content.decode()
    assert f'name="berichten" value="{mislukt[0].pk}"' in html
    assert f'name="berichten" value="{geheim.pk}"' not in html
    url = reverse("swvbeheer:berichten_opnieuw_versturen")
    log_voor = Beheerhandeling.objects.count()

    antwoord = client.post(url, {"berichten": [mislukt[0].pk, vreemd.pk]})
    assert antwoord.status_code == 404
    mislukt[0].refresh_from_db()
    assert mislukt[0].status == Bericht.Status.MISLUKT
    assert Beheerhandeling.objects.count() == log_voor

    with django_capture_on_commit_callbacks(execute=True):
        antwoord = client.post(
            url,
            {
                "berichten": [*(b.pk for b in mislukt), verzonden.pk, geheim.pk],
                "status": "mislukt",
            },
        )
    assert antwoord.status_code == 302
    assert antwoord["Location"] == reverse("swvbeheer:berichten") + "?status=mislukt"
    for bericht in (*mislukt, verzonden, geheim, vreemd):
        bericht.refresh_from_db()
    assert [b.status for b in mislukt] == [Bericht.Status.VERZONDEN] * 2
    assert geheim.status == vreemd.status == Bericht.Status.MISLUKT
    assert Beheerhandeling.objects.count() == log_voor + 2
    assert (
        "2 berichten worden opnieuw verstuurd." in client.get(antwoord["Location"]).content.decode()
    )
    antwoord = client.post(url, {"berichten": [geheim.pk]}, follow=True)
    assert "Kies een of meer berichten" in antwoord.content.decode()
    assert Beheerhandeling.objects.count() == log_voor + 2

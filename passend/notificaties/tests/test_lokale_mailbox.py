"""Issue 18.8: the local mailbox shows the time a mail was sent in Dutch time, as the app does."""

import pytest
from django.core.mail import EmailMessage
from django.test import Client

from passend.notificaties.opvang import OpvangBackend

pytestmark = pytest.mark.django_db


def test_i18_local_mailbox_shows_dutch_time(settings, tmp_path):
    settings.PASSEND_MAIL_MAP = tmp_path
    settings.PASSEND_LOKALE_MAILBOX = True
    # Django writes the Date header in UTC as "-0000" (EMAIL_USE_LOCALTIME is off): 12:00 UTC
    # is 14:00 in Amsterdam in summer, 13:00 in winter.
    for datum in ("Mon, 15 Jul 2024 12:00:00 -0000", "Wed, 15 Jan 2025 12:00:00 -0000"):
        bericht = EmailMessage("Proef", "Tekst", to=["ib@school.example.nl"])
        bericht.extra_headers["Date"] = datum
        OpvangBackend().send_messages([bericht])
    pagina = Client().get("/lokale-mailbox/").content.decode()
    assert "15-07-2024 14:00" in pagina
    assert "15-01-2025 13:00" in pagina

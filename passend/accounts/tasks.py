import logging
from datetime import timedelta

from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django_tasks import task

from passend.accounts.models import Gebruiker, Herstelmail
from passend.accounts.selectors import gebruikers_voor_wachtwoordherstel
from passend.notificaties.services import bericht_versturen
from passend.organisaties.models import Samenwerkingsverband

# The window of both limits on password resets.
HERSTEL_VENSTER = timedelta(hours=1)
logger = logging.getLogger("passend.beveiliging")


@task()
def wachtwoordherstel_verwerken(swv_id: int, gebruikersnaam: str, email: str) -> None:
    """One "Wachtwoord vergeten" request: every request queues this task, and the task decides
    whether an account matches, so the answer to the request takes as long either way (no
    account enumeration by timing). Each matching account gets at most
    PASSEND_WACHTWOORD_HERSTEL_MAX_PER_ACCOUNT mails an hour; more requests are ignored
    silently, so a flood of requests cannot flood a mailbox."""
    swv = Samenwerkingsverband.objects.filter(pk=swv_id).first()
    if swv is None:
        return
    for gebruiker in gebruikers_voor_wachtwoordherstel(
        swv=swv, gebruikersnaam=gebruikersnaam, email=email
    ):
        _herstelmail_versturen(gebruiker.pk)


def _herstelmail_versturen(gebruiker_id: int) -> None:
    """Writes the reset mail to the outbox, which delivers it with retries like every mail."""
    with transaction.atomic():
        # Locked, so two workers with requests for one account count each other's mails.
        gebruiker = (
            Gebruiker.objects.select_for_update()
            .select_related("swv")
            .filter(pk=gebruiker_id, is_active=True)
            .first()
        )
        if gebruiker is None:
            return
        nu = timezone.now()
        Herstelmail.objects.filter(gebruiker=gebruiker, tijd__lt=nu - HERSTEL_VENSTER).delete()
        if (
            Herstelmail.objects.filter(gebruiker=gebruiker).count()
            >= settings.PASSEND_WACHTWOORD_HERSTEL_MAX_PER_ACCOUNT
        ):
            logger.warning(
                "wachtwoordherstel: te veel herstelmails voor dit account",
                extra={"gebeurtenis": "herstel_account_begrensd", "gebruiker_id": gebruiker.pk},
            )
            return
        Herstelmail.objects.create(gebruiker=gebruiker, tijd=nu)
        pad = reverse(
            "accounts:wachtwoord_herstellen",
            kwargs={
                "uidb64": urlsafe_base64_encode(force_bytes(gebruiker.pk)),
                "token": default_token_generator.make_token(gebruiker),
            },
        )
        bericht_versturen(
            swv=gebruiker.swv,
            aan=[gebruiker.email],
            sjabloon="accounts/mail/wachtwoordherstel.txt",
            context={
                "gebruiker": gebruiker,
                "link": settings.PASSEND_BASIS_URL + pad,
                "geldig_minuten": settings.PASSWORD_RESET_TIMEOUT // 60,
            },
            vertrouwelijk=True,
        )

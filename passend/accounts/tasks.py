from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.db import transaction
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django_tasks import task

from passend.accounts.models import Gebruiker
from passend.notificaties.services import bericht_versturen


@task()
def wachtwoordherstel_mail_versturen(gebruiker_id: int) -> None:
    """Writes the reset mail to the outbox, which delivers it with retries like every mail. A
    task rather than the request itself, so the answer to "Wachtwoord vergeten" takes as long
    whether or not an account matched (no account enumeration by timing)."""
    gebruiker = (
        Gebruiker.objects.select_related("swv").filter(pk=gebruiker_id, is_active=True).first()
    )
    if gebruiker is None:
        return
    pad = reverse(
        "accounts:wachtwoord_herstellen",
        kwargs={
            "uidb64": urlsafe_base64_encode(force_bytes(gebruiker.pk)),
            "token": default_token_generator.make_token(gebruiker),
        },
    )
    with transaction.atomic():
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

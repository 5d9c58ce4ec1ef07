from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django_tasks import task

from passend.accounts.models import Gebruiker


@task()
def wachtwoordherstel_mail_versturen(gebruiker_id: int) -> None:
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
    context = {
        "gebruiker": gebruiker,
        "link": settings.PASSEND_BASIS_URL + pad,
        "geldig_minuten": settings.PASSWORD_RESET_TIMEOUT // 60,
    }
    send_mail(
        subject=render_to_string("accounts/mail/wachtwoordherstel_onderwerp.txt", context).strip(),
        message=render_to_string("accounts/mail/wachtwoordherstel.txt", context),
        from_email=None,
        recipient_list=[gebruiker.email],
    )

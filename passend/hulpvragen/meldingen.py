"""Status mails (R19): every status change mails the school, through the outbox."""

from typing import Any

from django.conf import settings
from django.dispatch import receiver
from django.urls import reverse

from passend.accounts.models import Gebruiker
from passend.hulpvragen.models import Statuswijziging
from passend.hulpvragen.signals import status_gewijzigd
from passend.notificaties.services import bericht_versturen


def ontvangers_statusmail(statuswijziging: Statuswijziging) -> list[str]:
    """The aanvrager, and the contactpersoon's address when it differs, except addresses of
    accounts that switched status mails off in "Mijn account"."""
    schoolgegevens = statuswijziging.hulpvraag.schoolgegevens
    adressen = {schoolgegevens.aanvrager.email.lower(), schoolgegevens.email.lower()} - {""}
    uitgezet = {
        adres.lower()
        for adres in Gebruiker.objects.filter(
            swv=statuswijziging.hulpvraag.swv_id, statusmails_ontvangen=False
        ).values_list("email", flat=True)
    }
    if not schoolgegevens.aanvrager.statusmails_ontvangen:
        uitgezet.add(schoolgegevens.aanvrager.email.lower())
    return sorted(adressen - uitgezet)


@receiver(status_gewijzigd)
def statusmail_versturen(sender: Any, statuswijziging: Statuswijziging, **kwargs: Any) -> None:
    """Runs inside the status change's transaction: the mail and the change commit together.

    P3: the mail names the status, the reason, the instruction and the reference; never the
    pupil's name, birth date, the title or the omschrijving.
    """
    hulpvraag = statuswijziging.hulpvraag
    status = statuswijziging.naar
    bericht_versturen(
        swv=hulpvraag.swv,
        aan=ontvangers_statusmail(statuswijziging),
        sjabloon="hulpvragen/mail/status_gewijzigd.txt",
        context={
            "referentie": hulpvraag.referentie,
            "status": status.naam,
            "reden": statuswijziging.reden,
            "instructie": status.instructie,
            "school_moet_actie_ondernemen": status.school_moet_actie_ondernemen,
            "link": settings.PASSEND_BASIS_URL
            + reverse("hulpvragen:detail", args=[hulpvraag.referentie]),
            "swv": hulpvraag.swv,
        },
    )

"""Status mails (R19): every status change mails the school, through the outbox; a hulpvraag
submitted in a status the SWV sees gets one receipt mail (ontvangstbevestiging)."""

from typing import Any

from django.conf import settings
from django.dispatch import receiver
from django.urls import reverse

from passend.accounts.models import Gebruiker
from passend.hulpvragen.models import Hulpvraag, Statuswijziging
from passend.hulpvragen.signals import hulpvraag_ingediend, status_gewijzigd
from passend.notificaties.services import bericht_opmaken, bericht_versturen
from passend.organisaties.models import Samenwerkingsverband
from passend.processen.models import Status


def ontvangers_statusmail(statuswijziging: Statuswijziging) -> list[str]:
    return ontvangers(statuswijziging.hulpvraag)


def ontvangers(hulpvraag: Hulpvraag) -> list[str]:
    """The aanvrager, and the contactpersoon's address when it differs, except addresses of
    accounts that switched status mails off in "Mijn account"."""
    schoolgegevens = hulpvraag.schoolgegevens
    adressen = {schoolgegevens.aanvrager.email.lower(), schoolgegevens.email.lower()} - {""}
    uitgezet = {
        adres.lower()
        for adres in Gebruiker.objects.filter(
            swv=hulpvraag.swv_id, statusmails_ontvangen=False
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
    bericht_versturen(
        swv=hulpvraag.swv,
        aan=ontvangers_statusmail(statuswijziging),
        sjabloon=STATUSMAIL,
        context=statusmail_context(
            referentie=hulpvraag.referentie,
            status=statuswijziging.naar,
            reden=statuswijziging.reden,
            swv=hulpvraag.swv,
        ),
    )


STATUSMAIL = "hulpvragen/mail/status_gewijzigd.txt"
VOORBEELDREFERENTIE = "HV-2026-000123"


def statusmail_context(
    *, referentie: str, status: Status, reden: str, swv: Samenwerkingsverband
) -> dict[str, Any]:
    """What the status mail says: status, reason, instruction, reference and link (P3)."""
    return {
        "referentie": referentie,
        "status": status.naam,
        "reden": reden,
        "instructie": status.instructie,
        "school_moet_actie_ondernemen": status.school_moet_actie_ondernemen,
        "link": settings.PASSEND_BASIS_URL + reverse("hulpvragen:detail", args=[referentie]),
        "swv": swv,
    }


def statusmail_voorbeeld(status: Status, *, reden: str = "") -> tuple[str, str]:
    """Issue 16 item 6: subject and body of the mail a school gets when a hulpvraag reaches
    `status`, rendered as the real one is, for an example reference (no pupil, no hulpvraag)."""
    return bericht_opmaken(
        sjabloon=STATUSMAIL,
        context=statusmail_context(
            referentie=VOORBEELDREFERENTIE, status=status, reden=reden, swv=status.proces.swv
        ),
    )


@receiver(hulpvraag_ingediend)
def ontvangstbevestiging_versturen(sender: Any, hulpvraag: Hulpvraag, **kwargs: Any) -> None:
    """Runs inside the creating transaction. P3 as for the status mail: the reference and the
    status, never the pupil's name, birth date, the title or the omschrijving."""
    bericht_versturen(
        swv=hulpvraag.swv,
        aan=ontvangers(hulpvraag),
        sjabloon="hulpvragen/mail/ontvangen.txt",
        context={
            "referentie": hulpvraag.referentie,
            "status": hulpvraag.status.naam,
            "link": settings.PASSEND_BASIS_URL
            + reverse("hulpvragen:detail", args=[hulpvraag.referentie]),
            "swv": hulpvraag.swv,
        },
    )

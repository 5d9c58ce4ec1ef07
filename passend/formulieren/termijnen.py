"""The periodic job (`manage.py periodiek`) for dates on forms with `herinneren` (R28, R31): from
`dagen_vooraf` days before, the school (aanvrager and contactpersoon) and the coördinator are
reminded once; when the date has passed, the coördinator is told once (without a coördinator:
the function that handles the process). A closed hulpvraag is
left alone unless the question says `ook_na_einde` (an issued TLV is closed). Idempotent: a
second run the same day sends nothing."""

from datetime import date

from django.db import transaction
from django.utils import timezone

from passend.accounts.models import Gebruiker
from passend.formulieren.models import Termijn
from passend.formulieren.services import link_naar
from passend.notificaties.services import bericht_versturen


def _versturen(termijn: Termijn, sjabloon: str, aan: list[str]) -> None:
    formulier = termijn.formulier
    hulpvraag = formulier.hulpvraag
    vraag = formulier.definitie.vraag(termijn.vraag)
    bericht_versturen(
        swv=hulpvraag.swv,
        aan=aan,
        sjabloon=sjabloon,
        context={
            "formulier": formulier.versie.definitie.naam,
            "vraag": vraag.vraag if vraag else termijn.vraag,
            "datum": termijn.datum.strftime("%d-%m-%Y"),
            "referentie": hulpvraag.referentie,
            "link": link_naar(formulier),
            "swv": hulpvraag.swv,
        },
    )


def _swv_kant(termijn: Termijn) -> list[str]:
    """The coördinator; without one, the accounts of the function that handles the process."""
    hulpvraag = termijn.formulier.hulpvraag
    if hulpvraag.coordinator is not None:
        return [hulpvraag.coordinator.email]
    rol = hulpvraag.titel.proces.behandelende_rol_id
    if rol is None:
        return []
    return list(
        Gebruiker.objects.filter(swv=hulpvraag.swv_id, rollen=rol, is_active=True).values_list(
            "email", flat=True
        )
    )


def termijnen_bewaken(vandaag: date | None = None) -> str:
    vandaag = vandaag or timezone.localdate()
    # Only dates of submitted forms and decisions made: a draft decision reminds nobody.
    lopend = (
        Termijn.objects.filter(formulier__ingediend_op__isnull=False)
        .exclude(formulier__hulpvraag__status__eindstatus=True, ook_na_einde=False)
        .select_related(
            "formulier__versie__definitie",
            "formulier__hulpvraag__swv",
            "formulier__hulpvraag__coordinator",
            "formulier__hulpvraag__titel__proces",
            "formulier__hulpvraag__schoolgegevens__aanvrager",
        )
    )
    herinnerd = verlopen = 0
    for termijn in lopend.filter(
        herinneren_vanaf__lte=vandaag, datum__gte=vandaag, school_herinnerd_op__isnull=True
    ):
        schoolgegevens = termijn.formulier.hulpvraag.schoolgegevens
        aan = [schoolgegevens.aanvrager.email, schoolgegevens.email, *_swv_kant(termijn)]
        with transaction.atomic():
            _versturen(termijn, "formulieren/mail/termijn_nadert.txt", aan)
            termijn.school_herinnerd_op = timezone.now()
            termijn.save(update_fields=["school_herinnerd_op"])
        herinnerd += 1
    for termijn in lopend.filter(datum__lt=vandaag, verlopen_gemeld_op__isnull=True):
        with transaction.atomic():
            if swv_kant := _swv_kant(termijn):
                _versturen(termijn, "formulieren/mail/termijn_verlopen.txt", swv_kant)
            termijn.verlopen_gemeld_op = timezone.now()
            termijn.save(update_fields=["verlopen_gemeld_op"])
        verlopen += 1
    return (
        f"Termijnen op formulieren: {herinnerd} herinnering(en) verstuurd, "
        f"{verlopen} verstreken datum(s) gemeld."
    )

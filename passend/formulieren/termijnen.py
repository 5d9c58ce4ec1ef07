"""The periodic job (`manage.py periodiek`) for dates on forms with `herinneren` (R28, R31): from
`dagen_vooraf` days before, the school (aanvrager and contactpersoon) and the coördinator are
reminded once; when the date has passed, the coördinator is told once. Closed hulpvragen are
left alone. Idempotent: a second run the same day sends nothing."""

from datetime import date

from django.db import transaction
from django.utils import timezone

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


def termijnen_bewaken(vandaag: date | None = None) -> str:
    vandaag = vandaag or timezone.localdate()
    lopend = Termijn.objects.exclude(formulier__hulpvraag__status__eindstatus=True).select_related(
        "formulier__versie__definitie",
        "formulier__hulpvraag__swv",
        "formulier__hulpvraag__coordinator",
        "formulier__hulpvraag__schoolgegevens__aanvrager",
    )
    herinnerd = verlopen = 0
    for termijn in lopend.filter(
        herinneren_vanaf__lte=vandaag, datum__gte=vandaag, school_herinnerd_op__isnull=True
    ):
        hulpvraag = termijn.formulier.hulpvraag
        schoolgegevens = hulpvraag.schoolgegevens
        aan = [schoolgegevens.aanvrager.email, schoolgegevens.email]
        if hulpvraag.coordinator is not None:
            aan.append(hulpvraag.coordinator.email)
        with transaction.atomic():
            _versturen(termijn, "formulieren/mail/termijn_nadert.txt", aan)
            termijn.school_herinnerd_op = timezone.now()
            termijn.save(update_fields=["school_herinnerd_op"])
        herinnerd += 1
    for termijn in lopend.filter(datum__lt=vandaag, verlopen_gemeld_op__isnull=True):
        coordinator = termijn.formulier.hulpvraag.coordinator
        with transaction.atomic():
            if coordinator is not None:
                _versturen(termijn, "formulieren/mail/termijn_verlopen.txt", [coordinator.email])
            termijn.verlopen_gemeld_op = timezone.now()
            termijn.save(update_fields=["verlopen_gemeld_op"])
        verlopen += 1
    return (
        f"Termijnen op formulieren: {herinnerd} herinnering(en) verstuurd, "
        f"{verlopen} verstreken datum(s) gemeld."
    )

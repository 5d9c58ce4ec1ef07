"""Reading forms for the screens: always from the hulpvragen the user may see."""

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from django.utils import formats
from django.utils.translation import gettext as _

from passend.accounts.models import Gebruiker
from passend.bijlagen.models import Bijlage
from passend.formulieren.definitie import Soort, Vraag
from passend.formulieren.models import Formulier, Ondertekening
from passend.formulieren.rechten import mag_formulier_zien
from passend.formulieren.services import geldige_ondertekeningen, getoonde_vragen
from passend.formulieren.waarden import uit_opslag
from passend.hulpvragen.models import Hulpvraag


def formulieren_van(gebruiker: Gebruiker, hulpvraag: Hulpvraag) -> list[Formulier]:
    """The forms of a hulpvraag the user sees, read through `hulpvraag_voor_bijlagen`."""
    formulieren = Formulier.objects.filter(hulpvraag=hulpvraag).select_related(
        "versie__definitie", "hulpvraag__status"
    )
    return [f for f in formulieren if mag_formulier_zien(gebruiker, f)]


def formulier_voor(gebruiker: Gebruiker, hulpvraag: Hulpvraag, pk: int) -> Formulier:
    """Raises Formulier.DoesNotExist for a form the user may not see."""
    formulier = Formulier.objects.select_related(
        "versie__definitie", "hulpvraag__status", "hulpvraag__schoolgegevens"
    ).get(hulpvraag=hulpvraag, pk=pk)
    if not mag_formulier_zien(gebruiker, formulier):
        raise Formulier.DoesNotExist
    return formulier


@dataclass
class Regel:
    vraag: Vraag
    antwoord: str
    ondertekening: Ondertekening | None = None


@dataclass
class Sectieweergave:
    titel: str
    regels: list[Regel] = field(default_factory=list)


def weergave(formulier: Formulier) -> list[Sectieweergave]:
    """The shown questions with their answers as text, section by section, as a reader and a
    PDF show them."""
    getoond = {v.code for v in getoonde_vragen(formulier.definitie, formulier.antwoorden)}
    getekend = geldige_ondertekeningen(formulier)
    verwezen = {
        vraag.soort: vraag
        for vraag in formulier.definitie.vragen
        if vraag.soort in (Soort.ACCOUNT, Soort.BIJLAGE)
    }
    namen = {}
    if Soort.ACCOUNT in verwezen:
        ids = [
            formulier.antwoorden.get(v.code)
            for v in formulier.definitie.vragen
            if v.soort == Soort.ACCOUNT
        ]
        namen = {
            g.pk: g.volledige_naam for g in Gebruiker.objects.filter(pk__in=[i for i in ids if i])
        }
    bestanden = {}
    if Soort.BIJLAGE in verwezen:
        bestanden = dict(
            Bijlage.objects.filter(hulpvraag=formulier.hulpvraag_id).values_list(
                "pk", "bestandsnaam"
            )
        )
    secties = []
    for sectie in formulier.definitie.secties:
        weer = Sectieweergave(titel=sectie.titel)
        for vraag in sectie.vragen:
            if vraag.code not in getoond:
                continue
            waarde = uit_opslag(vraag, formulier.antwoorden.get(vraag.code))
            weer.regels.append(
                Regel(
                    vraag=vraag,
                    antwoord=_als_tekst(vraag, waarde, namen, bestanden),
                    ondertekening=getekend.get(vraag.code),
                )
            )
        secties.append(weer)
    return secties


def _als_tekst(vraag: Vraag, waarde: Any, namen: dict[int, str], bestanden: dict[int, str]) -> str:
    if waarde is None:
        return ""
    if isinstance(waarde, bool):
        return _("Ja") if waarde else _("Nee")
    if isinstance(waarde, date):
        return waarde.strftime("%d-%m-%Y")
    if isinstance(waarde, Decimal):
        return "€ " + formats.number_format(waarde, 2, use_l10n=True, force_grouping=True)
    if isinstance(waarde, list):
        return ", ".join(waarde)
    if vraag.soort == Soort.ACCOUNT:
        return namen.get(waarde, _("(account bestaat niet meer)"))
    if vraag.soort == Soort.BIJLAGE:
        return bestanden.get(waarde, _("(bijlage verwijderd)"))
    return str(waarde)

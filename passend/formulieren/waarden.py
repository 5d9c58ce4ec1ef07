"""How an answer is stored in `Formulier.antwoorden` (JSON) and read back, per kind of
question. The service stores only what passes here; a crafted value is refused in Dutch."""

from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from passend.formulieren.definitie import Soort, Vraag

MAX_KORTE_TEKST = 200
MAX_LANGE_TEKST = 10_000
MAX_BEDRAG = Decimal("10000000")


def is_leeg(waarde: Any) -> bool:
    return waarde is None or waarde == "" or waarde == []


def naar_opslag(vraag: Vraag, waarde: Any) -> Any:
    """The JSON value for `waarde` (a Python value as a form field cleans it: str, date,
    Decimal, bool, list, or a model's primary key for an account or attachment); None for an
    empty answer. Raises ValidationError with a Dutch message."""
    if is_leeg(waarde):
        return None
    soort = vraag.soort
    if soort in (Soort.KORTE_TEKST, Soort.LANGE_TEKST):
        if not isinstance(waarde, str):
            raise ValidationError(_("Vul tekst in."))
        tekst = waarde.strip()
        grens = MAX_KORTE_TEKST if soort == Soort.KORTE_TEKST else MAX_LANGE_TEKST
        if len(tekst) > grens:
            raise ValidationError(
                _("Gebruik hoogstens %(grens)s tekens; nu zijn het er %(aantal)s.")
                % {"grens": grens, "aantal": len(tekst)}
            )
        return tekst or None
    if soort == Soort.DATUM:
        if not isinstance(waarde, date):
            raise ValidationError(_("Vul de datum in als dd-mm-jjjj."))
        return waarde.isoformat()
    if soort == Soort.GETAL:
        if isinstance(waarde, bool) or not isinstance(waarde, int):
            raise ValidationError(_("Vul een heel getal in."))
        return waarde
    if soort == Soort.BEDRAG:
        return str(_bedrag(waarde))
    if soort == Soort.KEUZE:
        if waarde not in vraag.keuzes:
            raise ValidationError(_("Kies een van de mogelijkheden."))
        return waarde
    if soort == Soort.MEERKEUZE:
        if not isinstance(waarde, list | tuple) or not set(waarde) <= set(vraag.keuzes):
            raise ValidationError(_("Kies uit de mogelijkheden."))
        return [keuze for keuze in vraag.keuzes if keuze in waarde]  # the definition's order
    if soort == Soort.JA_NEE:
        if not isinstance(waarde, bool):
            raise ValidationError(_("Kies ja of nee."))
        return waarde
    if soort in (Soort.ACCOUNT, Soort.BIJLAGE, Soort.HULPVRAAG):
        if isinstance(waarde, bool) or not isinstance(waarde, int):
            raise ValidationError(_("Kies uit de lijst."))
        return waarde
    raise ValidationError(_("Deze vraag wordt niet zo beantwoord."))


def _bedrag(waarde: Any) -> Decimal:
    try:
        bedrag = Decimal(waarde) if not isinstance(waarde, float) else Decimal(str(waarde))
    except (InvalidOperation, TypeError, ValueError) as fout:
        raise ValidationError(_("Vul een bedrag in euro in, bijvoorbeeld 1250,00.")) from fout
    if not bedrag.is_finite() or bedrag <= 0:
        raise ValidationError(_("Een bedrag is groter dan € 0,00."))
    if bedrag >= MAX_BEDRAG or bedrag != bedrag.quantize(Decimal("0.01")):
        raise ValidationError(
            _("Vul een bedrag in euro in, met hoogstens twee cijfers na de komma.")
        )
    return bedrag.quantize(Decimal("0.01"))


def uit_opslag(vraag: Vraag, opgeslagen: Any) -> Any:
    """The Python value of a stored answer, as a form field shows it."""
    if opgeslagen is None:
        return None
    if vraag.soort == Soort.DATUM:
        return date.fromisoformat(opgeslagen)
    if vraag.soort == Soort.BEDRAG:
        return Decimal(opgeslagen)
    return opgeslagen

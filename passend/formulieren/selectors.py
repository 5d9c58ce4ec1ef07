"""Reading forms for the screens: always from the hulpvragen the user may see."""

from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from django.db.models import QuerySet
from django.utils import formats
from django.utils.translation import gettext as _

from passend.accounts.models import Gebruiker
from passend.bijlagen.models import Bijlage
from passend.formulieren.definitie import Soort, Vraag
from passend.formulieren.models import Formulier, Formulierdefinitie, Ondertekening, Termijn
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
    namen = _verwezen(formulier)
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
                    antwoord=_als_tekst(vraag, waarde, namen),
                    ondertekening=getekend.get(vraag.code),
                )
            )
        secties.append(weer)
    return secties


def _verwezen(formulier: Formulier) -> dict[str, dict[int, str]]:
    """What the account, attachment and hulpvraag answers name, one query per kind used."""
    ids: dict[str, set[int]] = {Soort.ACCOUNT: set(), Soort.BIJLAGE: set(), Soort.HULPVRAAG: set()}
    for vraag in formulier.definitie.vragen:
        waarde = formulier.antwoorden.get(vraag.code)
        if vraag.soort in ids and waarde is not None:
            ids[vraag.soort].add(waarde)
    namen: dict[str, dict[int, str]] = {soort: {} for soort in ids}
    if ids[Soort.ACCOUNT]:
        namen[Soort.ACCOUNT] = {
            g.pk: g.volledige_naam for g in Gebruiker.objects.filter(pk__in=ids[Soort.ACCOUNT])
        }
    if ids[Soort.BIJLAGE]:
        namen[Soort.BIJLAGE] = dict(
            Bijlage.objects.filter(
                hulpvraag=formulier.hulpvraag_id, pk__in=ids[Soort.BIJLAGE]
            ).values_list("pk", "bestandsnaam")
        )
    if ids[Soort.HULPVRAAG]:
        namen[Soort.HULPVRAAG] = {
            h.pk: f"{h.referentie} · {h.titel.naam}"
            for h in Hulpvraag.objects.filter(
                pk__in=ids[Soort.HULPVRAAG], leerling=formulier.hulpvraag.leerling_id
            ).select_related("titel")
        }
    return namen


def _als_tekst(vraag: Vraag, waarde: Any, namen: dict[str, dict[int, str]]) -> str:
    if waarde is None:
        return ""
    if isinstance(waarde, bool):
        return _("Ja") if waarde else _("Nee")
    if isinstance(waarde, date) and vraag.bezwaartermijn_weken:
        einde = waarde + timedelta(weeks=vraag.bezwaartermijn_weken)
        return _("%(datum)s (bezwaar mogelijk tot en met %(einde)s)") % {
            "datum": waarde.strftime("%d-%m-%Y"),
            "einde": einde.strftime("%d-%m-%Y"),
        }
    if isinstance(waarde, date):
        return waarde.strftime("%d-%m-%Y")
    if isinstance(waarde, Decimal):
        return "€ " + formats.number_format(waarde, 2, use_l10n=True, force_grouping=True)
    if isinstance(waarde, list):
        return ", ".join(waarde)
    if vraag.soort in namen:
        return namen[vraag.soort].get(waarde, _("(bestaat niet meer)"))
    return str(waarde)


def termijnen_voor(gebruiker: Gebruiker, definitie: str = "") -> QuerySet[Termijn]:
    """R31: the dates on forms of the hulpvragen the user sees, soonest first; `definitie`
    narrows them to one form (the Besluit TLV: every issued TLV with its end date). A decision
    the school cannot see yet is the SWV's own, so nothing here needs that exception."""
    termijnen = Termijn.objects.filter(
        formulier__hulpvraag__in=Hulpvraag.objects.zichtbaar_voor(gebruiker).values("pk"),
        formulier__ingediend_op__isnull=False,
    )
    if definitie:
        termijnen = termijnen.filter(formulier__versie__definitie__code=definitie)
    return termijnen.select_related(
        "formulier__versie__definitie",
        "formulier__hulpvraag__titel",
        "formulier__hulpvraag__status",
        "formulier__hulpvraag__schoolgegevens__school",
    ).order_by("datum", "pk")


def definities_met_termijnen(gebruiker: Gebruiker) -> QuerySet[Formulierdefinitie]:
    return Formulierdefinitie.objects.filter(
        swv=gebruiker.swv_id,
        pk__in=Termijn.objects.values("formulier__versie__definitie"),
    ).order_by("naam")


def bezwaartermijnen(_gebruiker: Gebruiker, hulpvraag: Hulpvraag) -> list[tuple[str, str]]:
    """R30: the objection period of each decision made on this hulpvraag, among its kenmerken.
    A decision made is visible to whoever sees the hulpvraag."""
    regels = []
    for formulier in Formulier.objects.filter(
        hulpvraag=hulpvraag, ingediend_op__isnull=False
    ).select_related("versie__definitie"):
        for vraag in formulier.definitie.vragen:
            datum = formulier.antwoorden.get(vraag.code) if vraag.bezwaartermijn_weken else None
            if datum:
                einde = date.fromisoformat(datum) + timedelta(weeks=vraag.bezwaartermijn_weken or 0)
                regels.append(
                    (
                        str(_("Bezwaartermijn")),
                        str(
                            _("tot en met %(einde)s (%(formulier)s)")
                            % {
                                "einde": einde.strftime("%d-%m-%Y"),
                                "formulier": formulier.versie.definitie.naam,
                            }
                        ),
                    )
                )
    return regels

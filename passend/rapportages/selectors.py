"""The Managementoverzicht's figures: aggregates over the hulpvragen the user may see.

Every figure starts from the summary per hulpvraag (`Hulpvraagverloop`, written with each
status change) filtered by the visibility rule of hulpvragen (`zichtbaar_voor`, the same rule
as `Hulpvraag.objects.zichtbaar_voor`), so it never counts what the user could not open (P1),
and is aggregated in the database: a fixed number of queries, never a million rows in Python.
Only the lead-time percentiles on SQLite (development) are computed here, from one row per
finished hulpvraag.
"""

import math
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.db import connection
from django.db.models import (
    Count,
    F,
    QuerySet,
)
from django.db.models.functions import TruncMonth
from django.utils import timezone
from django.utils.translation import gettext as _

from passend.accounts.models import Gebruiker
from passend.core.expressies import IsOneOf
from passend.core.tijd import VROEGSTE_DATUM
from passend.hulpvragen.keuzelijsten import Keuzelijsten, keuzelijsten
from passend.hulpvragen.models import Hulpvraagverloop, Statuswijziging
from passend.organisaties.models import Regio, School

MAANDEN_STANDAARD = 12


def regios_voor(gebruiker: Gebruiker) -> QuerySet[Regio]:
    return Regio.objects.filter(swv=gebruiker.swv_id).order_by("naam")


@dataclass(frozen=True)
class Periode:
    """The filter of the page: hulpvraagdatum from/to (inclusive) and a regio, each optional."""

    van: date | None = None
    tot: date | None = None
    regio: Regio | None = None


@dataclass(frozen=True)
class Staaf:
    label: str
    waarde: float


@dataclass(frozen=True)
class Aantallen:
    totaal: int
    per_status: list[Staaf]
    per_proces: list[Staaf]
    per_regio: list[Staaf]
    per_school: list[Staaf]


@dataclass(frozen=True)
class Doorlooptijd:
    proces: str
    afgerond: int
    mediaan: float | None  # days
    p90: float | None


@dataclass(frozen=True)
class Thuiszitters:
    bekend: bool  # False: no status of this SWV registers a thuiszitter
    nu: int
    per_maand: list[Staaf]
    eerste_maand: date
    laatste_maand: date


def _in_periode(gebruiker: Gebruiker, periode: Periode) -> QuerySet[Hulpvraagverloop]:
    hulpvragen = _in_regio(gebruiker, periode)
    if periode.van:
        hulpvragen = hulpvragen.filter(hulpvraagdatum__gte=periode.van)
    if periode.tot:
        hulpvragen = hulpvragen.filter(hulpvraagdatum__lte=periode.tot)
    return hulpvragen


def _in_regio(gebruiker: Gebruiker, periode: Periode) -> QuerySet[Hulpvraagverloop]:
    hulpvragen = Hulpvraagverloop.objects.zichtbaar_voor(gebruiker)
    if periode.regio is not None:
        # The school's regio now (as the school says), not a copy: a school that moved counts
        # in its new regio. Its few schools as a list, not a join (see core.expressies).
        hulpvragen = hulpvragen.filter(
            IsOneOf("school", School.objects.filter(regio=periode.regio).values("pk"))
        )
    return hulpvragen


def _staven(teller: Counter[str], volgorde: Iterable[str] | None = None) -> list[Staaf]:
    labels = list(volgorde) if volgorde is not None else sorted(teller)
    return [Staaf(label, teller[label]) for label in labels if teller[label]]


def aantallen(gebruiker: Gebruiker, periode: Periode) -> Aantallen:
    """Hulpvragen with a hulpvraagdatum in the period, by current status, process, regio and
    school: one grouped query; the names come from the SWV's lists kept per process
    (hulpvragen/keuzelijsten.py), not read on every request (issue 20 item 3)."""
    rijen = list(
        _in_periode(gebruiker, periode)
        .values_list("status_id", "school_id")
        .annotate(aantal=Count("pk"))
        .order_by()
    )
    try:
        return _optellen(rijen, keuzelijsten(gebruiker.swv))
    except KeyError:  # a status or school written past the signals: not in the kept lists yet
        return _optellen(rijen, keuzelijsten(gebruiker.swv, opnieuw=True))


def _optellen(rijen: list[tuple[int, int, int]], lijsten: Keuzelijsten) -> Aantallen:
    statussen = {
        pk: (f"{naam} ({procesnaam})", procesnaam)
        for _proces, procesnaam, pk, naam, _zichtbaar in lijsten.statussen
    }
    regios = dict(lijsten.regios)
    scholen = {
        pk: (naam, regios[regio] if regio is not None else _("Geen regio"))
        for pk, naam, _code, regio in lijsten.scholen
    }
    per_status: Counter[str] = Counter()
    per_proces: Counter[str] = Counter()
    per_regio: Counter[str] = Counter()
    per_school: Counter[str] = Counter()
    for status_id, school_id, aantal in rijen:
        (statuslabel, proces), (school, regio) = statussen[status_id], scholen[school_id]
        per_status[statuslabel] += aantal
        per_proces[proces] += aantal
        per_regio[regio] += aantal
        per_school[school] += aantal
    return Aantallen(
        totaal=sum(per_proces.values()),
        # The lists keep the statuses by process name, then volgorde.
        per_status=_staven(per_status, (label for label, _proces in statussen.values())),
        per_proces=_staven(per_proces),
        per_regio=_staven(per_regio),
        per_school=_staven(per_school),
    )


def percentiel(waarden: list[float], fractie: float) -> float:
    """The arithmetic of PostgreSQL's percentile_cont, for SQLite: position fractie * (n - 1)
    in the sorted values, interpolated linearly between the two nearest."""
    geordend = sorted(waarden)
    positie = fractie * (len(geordend) - 1)
    onder = math.floor(positie)
    boven = min(onder + 1, len(geordend) - 1)
    return geordend[onder] + (positie - onder) * (geordend[boven] - geordend[onder])


# Per finished hulpvraag its lead time: the first moment in an SWV-visible status and the first
# final status at or after it, both kept in the summary (Hulpvraagverloop, written with each
# status change) instead of read from every history row on each request.
_DUREN_SQL = """
SELECT proces_id, {dagen} AS dagen FROM ({hulpvragen}) AS duren
"""
_DAGEN = {
    # date_part gives a double; EXTRACT a numeric (PostgreSQL 14+), slow to sort per group.
    "postgresql": "date_part('epoch', einde - begin) / 86400",
    "sqlite": "julianday(einde) - julianday(begin)",
}
_PERCENTIELEN_SQL = """
SELECT proces_id, COUNT(*), percentile_cont(ARRAY[0.5, 0.9]) WITHIN GROUP (ORDER BY dagen)
FROM ({duren}) AS per_hulpvraag GROUP BY proces_id
"""


def doorlooptijden(gebruiker: Gebruiker, periode: Periode) -> list[Doorlooptijd]:
    """Per process: from the first status the SWV sees to the first final status after it, in
    days; median and 90th percentile over the finished hulpvragen with a hulpvraagdatum in the
    period. A hulpvraag not finished yet does not count; going back and forth in between does
    not matter, only the first visible and the first final moment. PostgreSQL computes the
    percentiles; SQLite (development) returns one row per finished hulpvraag."""
    hulpvragen, parameters = (
        _in_periode(gebruiker, periode)
        .filter(eerst_afgerond__isnull=False)
        .order_by()
        .values(
            proces_id=F("titel__proces_id"),
            begin=F("eerst_zichtbaar"),
            einde=F("eerst_afgerond"),
        )
        .query.sql_with_params()
    )
    duren = _DUREN_SQL.format(hulpvragen=hulpvragen, dagen=_DAGEN[connection.vendor])
    uitkomst: dict[int, tuple[int, float | None, float | None]] = {}
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(_PERCENTIELEN_SQL.format(duren=duren), parameters)
            # One sort per process for both percentiles.
            for proces_id, aantal, (mediaan, p90) in cursor.fetchall():
                uitkomst[proces_id] = (aantal, float(mediaan), float(p90))
        else:
            cursor.execute(duren, parameters)
            per_proces: dict[int, list[float]] = {}
            for proces_id, dagen in cursor.fetchall():
                per_proces.setdefault(proces_id, []).append(dagen)
            for proces_id, waarden in per_proces.items():
                uitkomst[proces_id] = (
                    len(waarden),
                    percentiel(waarden, 0.5),
                    percentiel(waarden, 0.9),
                )
    return [
        Doorlooptijd(naam, *uitkomst.get(pk, (0, None, None)))
        for pk, naam in keuzelijsten(gebruiker.swv).processen
    ]


def _maand(datum: date) -> date:
    return datum.replace(day=1)


def _volgende_maand(maand: date) -> date:
    return (maand + timedelta(days=32)).replace(day=1)


def thuiszitters(gebruiker: Gebruiker, periode: Periode) -> Thuiszitters:
    """ "Nu": hulpvragen whose current status registers a thuiszitter without a solution yet
    (`Status.telt_als_thuiszitter`; "Thuiszitter" in the PPO preset), in the regio; the period
    does not apply. "Per maand": the hulpvragen that entered such a status in that month
    (Europe/Amsterdam), each counted once a month; the months of the period, or the last twelve
    without one."""
    statussen = sorted(keuzelijsten(gebruiker.swv).thuiszitterstatussen)
    vandaag = timezone.localdate()
    laatste = _maand(min(periode.tot or vandaag, vandaag))
    if periode.van:
        # The form refuses earlier dates; a caller without it still gets a bounded chart.
        eerste = _maand(max(periode.van, VROEGSTE_DATUM))
    else:
        eerste = laatste
        for _stap in range(MAANDEN_STANDAARD - 1):
            eerste = _maand(eerste - timedelta(days=1))
    if not statussen:
        return Thuiszitters(False, 0, [], eerste, laatste)
    zichtbaar = _in_regio(gebruiker, periode)
    nu = zichtbaar.filter(status__in=statussen).count()
    rijen = (
        Statuswijziging.objects.filter(
            hulpvraag__in=zichtbaar.values("hulpvraag_id"),
            naar__in=statussen,
            op__gte=_begin_van_dag(eerste),
            op__lt=_begin_van_dag(_volgende_maand(laatste)),
        )
        .annotate(maand=TruncMonth("op"))
        .values_list("maand")
        .annotate(aantal=Count("hulpvraag", distinct=True))
        .order_by()
    )
    per_maand = {_als_datum(maand): aantal for maand, aantal in rijen}
    staven = []
    maand = eerste
    while maand <= laatste:
        staven.append(Staaf(f"{maand.month:02d}-{maand.year}", per_maand.get(maand, 0)))
        maand = _volgende_maand(maand)
    return Thuiszitters(True, nu, staven, eerste, laatste)


def _begin_van_dag(datum: date) -> datetime:
    return timezone.make_aware(datetime.combine(datum, datetime.min.time()))


def _als_datum(maand: date | datetime) -> date:
    # TruncMonth gives an aware datetime in the current time zone.
    return timezone.localtime(maand).date() if isinstance(maand, datetime) else maand

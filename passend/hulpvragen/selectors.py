"""Reads of hulpvragen that depend on who asks: the overview and its filters, Mijn acties, the
detail page. Each starts from `Hulpvraag.objects.zichtbaar_voor` (query.py), the one place that
decides visibility (P1, ARCHITECTURE.md rule 2).
"""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from itertools import groupby
from operator import itemgetter

from django.db.models import (
    DateTimeField,
    Exists,
    ExpressionWrapper,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
)
from django.db.models.functions import TruncDate

from passend.accounts.models import Gebruiker
from passend.accounts.rechten import eigen_scholen, eigen_scholen_voorwaarde, rolfeiten
from passend.core.expressies import IsOneOf
from passend.core.normalize import zoeksleutel
from passend.dossiers.models import Leerling
from passend.dossiers.selectors import leerlingen_van_swv_zoeken
from passend.hulpvragen.keuzelijsten import Keuze, keuzelijsten
from passend.hulpvragen.models import Hulpvraag, Label, Statuswijziging
from passend.hulpvragen.onderdelen import onderdelen
from passend.hulpvragen.query import op_scholen
from passend.hulpvragen.rechten import in_wachtrij_van
from passend.organisaties.models import Schoolgeschiedenis


def hulpvragen_van_leerling(gebruiker: Gebruiker, leerling: Leerling) -> QuerySet[Hulpvraag]:
    """The dossier's Hulpvraag tab: the pupil's hulpvragen this user may see, each with the
    counts of the parts other apps add (attachments, forms, what came in through OSO), so the
    dossier links to them as the hulpvraag page does, in the same one query."""
    return (
        Hulpvraag.objects.zichtbaar_voor(gebruiker)
        .filter(leerling=leerling)
        .select_related("titel", "status", "schoolgegevens__school")
        .annotate(**{onderdeel.aantal_naam: onderdeel.aantal() for onderdeel in onderdelen()})
    )


def hulpvraag_voor_detail(gebruiker: Gebruiker, referentie: str) -> Hulpvraag:
    """One hulpvraag with all the detail page shows, in a fixed number of queries."""
    return (
        Hulpvraag.objects.zichtbaar_voor(gebruiker)
        .select_related(
            "leerling",
            "titel",
            "status",
            "coordinator",
            "schoolgegevens__school__opgegaan_in",
            "schoolgegevens__aanvrager",
        )
        .prefetch_related(
            "labels",
            Prefetch(
                "statuswijzigingen",
                queryset=Statuswijziging.objects.select_related("van", "naar", "door"),
            ),
        )
        # The counts on the buttons of parts other apps add ("N Bijlagen", R17, R53).
        .annotate(**{onderdeel.aantal_naam: onderdeel.aantal() for onderdeel in onderdelen()})
        .annotate(**_school_bij_indienen())
        .get(referentie=referentie)
    )


def _school_bij_indienen() -> dict[str, Subquery]:
    """R45: the school's name and code on the day the hulpvraag was filed, from its history,
    in the detail page's one query. A history row counts from its day on; a row of that very
    day only when it was recorded before the hulpvraag (a rename later that day came after)."""
    ingediend = ExpressionWrapper(OuterRef("aangemaakt_op"), output_field=DateTimeField())
    rij = (
        Schoolgeschiedenis.objects.filter(school=OuterRef("schoolgegevens__school"))
        .filter(
            Q(ingangsdatum__lt=TruncDate(ingediend))
            | Q(ingangsdatum=TruncDate(ingediend), vastgelegd_op__lte=ingediend)
        )
        .order_by("-ingangsdatum", "-vastgelegd_op", "-pk")
    )
    return {
        "school_bij_indienen_naam": Subquery(rij.values("naam")[:1]),
        "school_bij_indienen_code": Subquery(rij.values("code")[:1]),
    }


@dataclass(frozen=True)
class SchoolToenEnNu:
    toen: str
    nu: str


def school_toen_en_nu(hulpvraag: Hulpvraag) -> SchoolToenEnNu | None:
    """R45: a hulpvraag shows the school as it was named when filed and as it is now, when the
    two differ (renamed, new BRIN/vestiging, or merged into another school, which may itself
    have merged since). For a hulpvraag read by `hulpvraag_voor_detail`: no query, and one per
    further merge step."""
    school = hulpvraag.schoolgegevens.school
    nu = school
    while nu.opgegaan() and nu.opgegaan_in is not None:
        nu = nu.opgegaan_in
    naam = getattr(hulpvraag, "school_bij_indienen_naam", None) or school.naam
    code = getattr(hulpvraag, "school_bij_indienen_code", None) or school.code
    if (naam, code) == (nu.naam, nu.code):
        return None
    return SchoolToenEnNu(toen=f"{naam} ({code})", nu=f"{nu.naam} ({nu.code})")


def _voor_lijst(hulpvragen: QuerySet[Hulpvraag]) -> QuerySet[Hulpvraag]:
    """What a row of a list shows: the page query joins what filters and sorts need most and
    the coördinators come in one small query; title and school names come from the SWV's
    lists (`namen_voor_rijen`). Joining all seven tables costs PostgreSQL 5 ms of planning per
    page at national scale, each extra query about 0.7 ms (bench/README.md)."""
    return hulpvragen.select_related("leerling", "status", "schoolgegevens").prefetch_related(
        "coordinator"
    )


def namen_voor_rijen(gebruiker: Gebruiker) -> dict[str, dict[int, str]]:
    """The names of the SWV's titles and schools, for the rows of `_voor_lijst`: names of the
    user's own SWV's configuration, no pupil data."""
    return keuzelijsten(gebruiker.swv).namen


# The overview's column sorts (?sorteer=...): the fields, ending on pk so paging is stable.
SORTERINGEN: dict[str, tuple[str, ...]] = {
    "datum": ("hulpvraagdatum",),
    "status": ("status__naam",),
    "school": ("schoolgegevens__school__naam",),
    "leerling": ("leerling__achternaam", "leerling__roepnaam"),
}
STANDAARD_SORTERING = "-datum"


def _volgorde(sorteer: str) -> list[str]:
    aflopend = sorteer.startswith("-")
    velden = SORTERINGEN.get(sorteer.removeprefix("-")) or SORTERINGEN["datum"]
    teken = "-" if aflopend else ""
    return [teken + veld for veld in (*velden, "pk")]


def hulpvragen_zoeken(
    gebruiker: Gebruiker,
    *,
    naam: str = "",
    geboortedatum: date | None = None,
    school: int | None = None,
    regio: int | None = None,
    titel: int | None = None,
    statussen: Sequence[int] = (),
    coordinator: int | None = None,
    label: int | None = None,
    van: date | None = None,
    tot: date | None = None,
    actie: bool = False,
    sorteer: str = STANDAARD_SORTERING,
) -> QuerySet[Hulpvraag]:
    """R50, R51: the overview's search, always within what the user may see, so a school never
    finds another school's pupil by name. Ids come from the filter form, which offers only the
    user's own SWV; an id of anything else simply matches nothing here."""
    if rolfeiten(gebruiker).werkt_voor_school:
        eigen_scholen(gebruiker)  # the school filter reads them too: visibility uses the list
    hulpvragen = Hulpvraag.objects.zichtbaar_voor(gebruiker)
    # Each word typed must occur in the name, accents and case ignored; `contains` becomes
    # LIKE '%woord%', which PostgreSQL answers from the trigram index on (swv, zoeknaam). The
    # pupil's SWV is the hulpvraag's (services set it so); naming it lets that index skip the
    # other SWVs' pupils instead of reading every match in the country. The few pupils found
    # go in as a list, not a join: joined, PostgreSQL reads all of the SWV's hulpvragen to
    # match them (bench/README.md, issue 20 item 2).
    if zoeksleutel(naam).strip():
        leerlingen = leerlingen_van_swv_zoeken(swv_id=gebruiker.swv_id, tekst=naam)
        hulpvragen = hulpvragen.filter(IsOneOf("leerling", leerlingen.values("pk")))
    if school is not None:
        hulpvragen = hulpvragen.filter(op_scholen(school=school))
    if regio is not None:
        hulpvragen = hulpvragen.filter(op_scholen(school__regio=regio))
    velden: dict[str, object] = {
        "leerling__geboortedatum": geboortedatum,
        "titel": titel,
        "coordinator": coordinator,
        "hulpvraagdatum__gte": van,
        "hulpvraagdatum__lte": tot,
    }
    hulpvragen = hulpvragen.filter(**{k: v for k, v in velden.items() if v is not None})
    if statussen:
        hulpvragen = hulpvragen.filter(status__in=statussen)
    if label is not None:
        # EXISTS instead of a join: no duplicate rows, so no DISTINCT in the count.
        hulpvragen = hulpvragen.filter(
            Exists(Hulpvraag.labels.through.objects.filter(hulpvraag=OuterRef("pk"), label=label))
        )
    if actie:
        hulpvragen = hulpvragen.filter(status__school_moet_actie_ondernemen=True)
    return _voor_lijst(hulpvragen).order_by(*_volgorde(sorteer))


def voor_export(hulpvragen: QuerySet[Hulpvraag]) -> QuerySet[Hulpvraag]:
    """The overview's result (from `hulpvragen_zoeken`) with what the CSV adds: regio, process
    and labels."""
    return hulpvragen.select_related(
        "schoolgegevens__school__regio", "titel__proces"
    ).prefetch_related("labels")


def mijn_acties(gebruiker: Gebruiker) -> QuerySet[Hulpvraag]:
    """ "Mijn acties": what waits on this user, the longest waiting first. School staff: their
    schools' hulpvragen whose status asks the school to act. SWV staff: hulpvragen in a status
    that waits on the SWV (visible to it, not the school's turn, not final) that they
    coordinate, and those without a coördinator in their function's queue (B5: nothing waiting
    on the SWV is in no one's list)."""
    feiten = rolfeiten(gebruiker)
    wacht = Q(pk__in=[])
    if feiten.werkt_voor_school:
        wacht |= Q(
            schoolgegevens__school__in=eigen_scholen_voorwaarde(gebruiker),
            status__school_moet_actie_ondernemen=True,
        )
    if feiten.werkt_voor_swv:
        # Subqueries, not joins: the page keeps its fixed number of queries and no duplicates.
        wacht |= Q(
            Q(coordinator=gebruiker) | in_wachtrij_van(gebruiker),
            status__zichtbaar_voor_swv=True,
            status__school_moet_actie_ondernemen=False,
            status__eindstatus=False,
        )
    return _voor_lijst(Hulpvraag.objects.zichtbaar_voor(gebruiker).filter(wacht)).order_by(
        "status_sinds", "pk"
    )


# The overview's filter choices: only the user's own SWV, and only what can match for them.


def filterkeuzes(gebruiker: Gebruiker) -> dict[str, list[Keuze]]:
    """What the overview's filter selects offer, as (pk, label), from the SWV's lists kept per
    process (keuzelijsten.py). Accounts that work for neither a school nor the SWV (parents,
    external participants) see no hulpvraag, so they are offered nothing: not even the SWV's
    staff names or labels."""
    feiten = rolfeiten(gebruiker)
    if not feiten.werkt_voor_school_of_swv:
        return {veld: [] for veld in ("school", "regio", "titel", "coordinator", "label")}
    lijsten = keuzelijsten(gebruiker.swv)
    if feiten.werkt_voor_swv:
        scholen = lijsten.scholen
    else:  # a school user picks among their own schools: no other can match for them
        scholen = [(s.pk, s.naam, s.code, s.regio_id) for s in eigen_scholen(gebruiker)]
    regios_met_school = {regio for _pk, _naam, _code, regio in scholen}
    return {
        "school": [(pk, f"{naam} ({code})") for pk, naam, code, _regio in scholen],
        "regio": [(pk, naam) for pk, naam in lijsten.regios if pk in regios_met_school],
        "titel": lijsten.titels,
        "coordinator": lijsten.coordinatoren,
        "label": lijsten.labels,
    }


def statussen_voor_filter(gebruiker: Gebruiker) -> list[tuple[str, list[Keuze]]]:
    """The statuses per process ("Aanmelding" exists in several). SWV staff are not offered
    statuses they can never see (school-only); school staff only the processes their schools
    can have a hulpvraag in (an IJsselmonde school never has the other TLV process). The
    schools are the ones visibility reads anyway: no extra query."""
    feiten = rolfeiten(gebruiker)
    if not feiten.werkt_voor_school_of_swv:
        return []
    lijsten = keuzelijsten(gebruiker.swv)
    alle = feiten.is_applicatiebeheerder or feiten.werkt_voor_school
    processen = None
    if not (feiten.werkt_voor_swv or feiten.is_applicatiebeheerder):
        processen = lijsten.processen_voor_regios(
            {school.regio_id for school in eigen_scholen(gebruiker)}
        )
    statussen = [
        rij
        for rij in lijsten.statussen
        if (alle or rij[4]) and (processen is None or rij[0] in processen)
    ]
    return [
        (procesnaam, [(pk, naam) for _proces, _procesnaam, pk, naam, _zichtbaar in groep])
        for (_proces, procesnaam), groep in groupby(statussen, key=itemgetter(0, 1))
    ]


def labels_van_swv(gebruiker: Gebruiker) -> QuerySet[Label]:
    """The labels SWV staff may put on the own SWV's hulpvragen (R32)."""
    return Label.objects.filter(swv=gebruiker.swv_id).order_by("naam")

"""The one place that decides who sees which pupils and hulpvragen (P1, ARCHITECTURE.md rule 2).

Lists, search, detail pages and forms all start from these querysets; what is not in them does
not exist for the user (a 404, never a 403 that confirms it exists).
"""

from collections.abc import Sequence
from datetime import date
from itertools import groupby
from operator import itemgetter

from django.db.models import (
    BigIntegerField,
    Count,
    Exists,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Value,
)
from django.db.models.functions import Cast

from passend.accounts import rollen
from passend.accounts.models import Gebruiker
from passend.accounts.selectors import kanten, rolcodes
from passend.core.expressies import IsOneOf
from passend.core.normalize import zonder_accenten
from passend.dossiers.models import Leerling, Schoolgegevens
from passend.hulpvragen.keuzelijsten import Keuze, keuzelijsten
from passend.hulpvragen.models import Hulpvraag, Statuswijziging
from passend.organisaties.models import School


def _scholen(gebruiker: Gebruiker) -> QuerySet[School]:
    return gebruiker.scholen.filter(swv=gebruiker.swv_id)


def scholen_van(gebruiker: Gebruiker) -> list[School]:
    """The account's own schools (of its SWV) by name, read once per request object: the
    overview's search and its school filter share them."""
    cache = getattr(gebruiker, "_scholen_cache", None)
    if cache is None:
        cache = list(_scholen(gebruiker).order_by("naam", "code"))
        gebruiker._scholen_cache = cache  # type: ignore[attr-defined]
    return cache


def _eigen_scholen(gebruiker: Gebruiker) -> list[int] | QuerySet[School]:
    """The account's schools for a visibility condition: as a list of ids once read (PostgreSQL
    then estimates the rows well; a subquery it guesses at 1 row and joins the whole SWV
    first), else as a subquery, so pages that do not need the list take no extra query. The
    same schools either way."""
    cache = getattr(gebruiker, "_scholen_cache", None)
    return _scholen(gebruiker) if cache is None else [school.pk for school in cache]


def is_applicatiebeheerder(gebruiker: Gebruiker) -> bool:
    return rollen.APPLICATIEBEHEERDER in rolcodes(gebruiker)


def werkt_voor_school(gebruiker: Gebruiker) -> bool:
    return "school" in kanten(gebruiker)


def werkt_voor_swv(gebruiker: Gebruiker) -> bool:
    return "swv" in kanten(gebruiker)


def grondslag(gebruiker: Gebruiker) -> str:
    """On what grounds this user sees pupil data, for the access log (NEN 7513)."""
    if is_applicatiebeheerder(gebruiker):
        return "applicatiebeheerder van het samenwerkingsverband"
    delen = []
    if werkt_voor_school(gebruiker):
        delen.append("medewerker van de school van de leerling")
    if werkt_voor_swv(gebruiker):
        delen.append("medewerker van het samenwerkingsverband")
    return "; ".join(delen) or "geen"


def _op_scholen(**scholen: object) -> IsOneOf:
    """Hulpvragen filed under schoolgegevens at these schools. Not a join: PostgreSQL would
    guess a school has two of the SWV's hulpvragen and read all of them (bench/README.md)."""
    return IsOneOf("schoolgegevens", Schoolgegevens.objects.filter(**scholen).values("pk"))


def hulpvragen_zichtbaar_voor(gebruiker: Gebruiker) -> QuerySet[Hulpvraag]:
    """School users: their own schools' hulpvragen, in any status. SWV staff: hulpvragen in a
    status visible to the SWV. Application administrators: all of their SWV. Never another SWV."""
    hulpvragen = Hulpvraag.objects.filter(swv=gebruiker.swv_id)
    if is_applicatiebeheerder(gebruiker):
        return hulpvragen
    zichtbaar = Q(pk__in=[])
    if werkt_voor_school(gebruiker):
        zichtbaar |= Q(_op_scholen(school__in=_eigen_scholen(gebruiker)))
    if werkt_voor_swv(gebruiker):
        zichtbaar |= Q(status__zichtbaar_voor_swv=True)
    return hulpvragen.filter(zichtbaar)


def _swv_voor_naamindex(gebruiker: Gebruiker) -> Cast:
    """The user's SWV id typed as bigint. The name index is `gin (swv_id, zoeknaam)`, and
    btree_gin compares a bigint column only with a bigint: with a plain integer PostgreSQL
    uses the index for the name alone and reads every match in the country (bench/README.md)."""
    return Cast(Value(gebruiker.swv_id), output_field=BigIntegerField())


def leerlingen_zichtbaar_voor(gebruiker: Gebruiker) -> QuerySet[Leerling]:
    """School users: pupils with schoolgegevens at their schools, and dossiers they started but
    have not yet given schoolgegevens. SWV staff: pupils with a hulpvraag they may see."""
    leerlingen = Leerling.objects.filter(swv=_swv_voor_naamindex(gebruiker))
    if is_applicatiebeheerder(gebruiker):
        return leerlingen
    zichtbaar = Q(pk__in=[])
    if werkt_voor_school(gebruiker):
        zichtbaar |= Q(
            Exists(
                Schoolgegevens.objects.filter(
                    leerling=OuterRef("pk"), school__in=_scholen(gebruiker)
                )
            )
        ) | Q(aangemaakt_door=gebruiker, schoolgegevens__isnull=True)
    if werkt_voor_swv(gebruiker):
        zichtbaar |= Q(Exists(hulpvragen_zichtbaar_voor(gebruiker).filter(leerling=OuterRef("pk"))))
    return leerlingen.filter(zichtbaar).distinct()


def leerlingen_zoeken(gebruiker: Gebruiker, tekst: str) -> QuerySet[Leerling]:
    """R13: the pupil searched by name, within what the user may see; every word typed must
    appear in the name, case and accents ignored ("zoe" finds "Zoë")."""
    woorden = zonder_accenten(tekst).split()
    if not woorden:
        return Leerling.objects.none()
    gevonden = leerlingen_zichtbaar_voor(gebruiker)
    for woord in woorden:
        gevonden = gevonden.filter(zoeknaam__contains=woord)
    return gevonden.order_by("achternaam", "roepnaam", "geboortedatum")


def mogelijke_dubbele_leerlingen(
    gebruiker: Gebruiker, *, roepnaam: str, achternaam: str, geboortedatum: date
) -> QuerySet[Leerling]:
    """R13: a probable duplicate has the same name and birth date. Only among the pupils this
    user may see: telling a school that another school's pupil is known here would leak it."""
    return leerlingen_zichtbaar_voor(gebruiker).filter(
        geboortedatum=geboortedatum,
        zoeknaam__startswith=zonder_accenten(roepnaam.strip()) + " ",
        zoeknaam__endswith=" " + zonder_accenten(achternaam.strip()),
    )


def mag_dossiers_invoeren(gebruiker: Gebruiker) -> bool:
    """School staff and SWV staff enter dossiers; external participants and parents do not."""
    return werkt_voor_school(gebruiker) or werkt_voor_swv(gebruiker)


def scholen_voor_schoolgegevens(gebruiker: Gebruiker) -> QuerySet[School]:
    """The schools a user may pick in "Schoolgegevens": their own, or any of the SWV for staff."""
    if is_applicatiebeheerder(gebruiker) or werkt_voor_swv(gebruiker):
        return School.objects.filter(swv=gebruiker.swv_id)
    return _scholen(gebruiker)


def aanvragers_voor_scholen(scholen: QuerySet[School]) -> QuerySet[Gebruiker]:
    """Active school staff of these schools: who may be the aanvrager of a hulpvraag."""
    return (
        Gebruiker.objects.filter(is_active=True, rollen__kant="school", scholen__in=scholen)
        .distinct()
        .order_by("achternaam", "voornaam")
    )


def schoolgegevens_voor_hulpvraag(
    gebruiker: Gebruiker, leerling: Leerling
) -> QuerySet[Schoolgegevens]:
    """The pupil's schoolgegevens this user may file a hulpvraag under, newest first."""
    return leerling.schoolgegevens.filter(
        school__in=scholen_voor_schoolgegevens(gebruiker)
    ).order_by("-aangemaakt_op")


def hulpvraag_voor_detail(gebruiker: Gebruiker, referentie: str) -> Hulpvraag:
    """One hulpvraag with all the detail page shows, in a fixed number of queries."""
    return (
        hulpvragen_zichtbaar_voor(gebruiker)
        .select_related(
            "leerling",
            "titel",
            "status",
            "coordinator",
            "schoolgegevens__school",
            "schoolgegevens__aanvrager",
        )
        .prefetch_related(
            "labels",
            Prefetch(
                "statuswijzigingen",
                queryset=Statuswijziging.objects.select_related("van", "naar", "door"),
            ),
        )
        # The "N Bijlagen" button (R17, R53); by name, as bijlagen sits above this app.
        .annotate(aantal_bijlagen=Count("bijlagen"))
        .get(referentie=referentie)
    )


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
    if werkt_voor_school(gebruiker):
        scholen_van(gebruiker)  # the school filter reads them too: visibility uses the list
    hulpvragen = hulpvragen_zichtbaar_voor(gebruiker)
    # Each word typed must occur in the name, accents and case ignored; `contains` becomes
    # LIKE '%woord%', which PostgreSQL answers from the trigram index on (swv, zoeknaam). The
    # pupil's SWV is the hulpvraag's (services set it so); naming it lets that index skip the
    # other SWVs' pupils instead of reading every match in the country.
    woorden = zonder_accenten(naam).split()
    if woorden:
        hulpvragen = hulpvragen.filter(leerling__swv=_swv_voor_naamindex(gebruiker))
    for woord in woorden:
        hulpvragen = hulpvragen.filter(leerling__zoeknaam__contains=woord)
    if school is not None:
        hulpvragen = hulpvragen.filter(_op_scholen(school=school))
    if regio is not None:
        hulpvragen = hulpvragen.filter(_op_scholen(school__regio=regio))
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


def mag_exporteren(gebruiker: Gebruiker) -> bool:
    """The CSV export is for SWV staff; a school has its own pupils in its own systems."""
    return werkt_voor_swv(gebruiker) or is_applicatiebeheerder(gebruiker)


def mijn_acties(gebruiker: Gebruiker) -> QuerySet[Hulpvraag]:
    """ "Mijn acties": what waits on this user, the longest waiting first. School staff: their
    schools' hulpvragen whose status asks the school to act. SWV staff: hulpvragen they
    coordinate in a status that waits on the SWV (visible to it, not the school's turn, not
    final)."""
    wacht = Q(pk__in=[])
    if werkt_voor_school(gebruiker):
        wacht |= Q(
            schoolgegevens__school__in=_scholen(gebruiker),
            status__school_moet_actie_ondernemen=True,
        )
    if werkt_voor_swv(gebruiker) or is_applicatiebeheerder(gebruiker):
        wacht |= Q(
            coordinator=gebruiker,
            status__zichtbaar_voor_swv=True,
            status__school_moet_actie_ondernemen=False,
            status__eindstatus=False,
        )
    return _voor_lijst(hulpvragen_zichtbaar_voor(gebruiker).filter(wacht)).order_by(
        "status_sinds", "pk"
    )


# The overview's filter choices: only the user's own SWV, and only what can match for them.


def filterkeuzes(gebruiker: Gebruiker) -> dict[str, list[Keuze]]:
    """What the overview's filter selects offer, as (pk, label), from the SWV's lists kept per
    process (keuzelijsten.py). Accounts that work for neither a school nor the SWV (parents,
    external participants) see no hulpvraag, so they are offered nothing: not even the SWV's
    staff names or labels."""
    if not mag_dossiers_invoeren(gebruiker):
        return {veld: [] for veld in ("school", "regio", "titel", "coordinator", "label")}
    lijsten = keuzelijsten(gebruiker.swv)
    if is_applicatiebeheerder(gebruiker) or werkt_voor_swv(gebruiker):
        scholen = lijsten.scholen
    else:  # a school user picks among their own schools: no other can match for them
        scholen = [(s.pk, s.naam, s.code, s.regio_id) for s in scholen_van(gebruiker)]
    regios_met_school = {regio for _pk, _naam, _code, regio in scholen}
    return {
        "school": [(pk, f"{naam} ({code})") for pk, naam, code, _regio in scholen],
        "regio": [(pk, naam) for pk, naam in lijsten.regios if pk in regios_met_school],
        "titel": lijsten.titels,
        "coordinator": lijsten.coordinatoren,
        "label": lijsten.labels,
    }


def statussen_voor_filter(gebruiker: Gebruiker) -> list[tuple[str, list[Keuze]]]:
    """The statuses per process ("Aanmelding" exists in several); SWV staff are not offered
    statuses they can never see (school-only)."""
    if not mag_dossiers_invoeren(gebruiker):
        return []
    alle = is_applicatiebeheerder(gebruiker) or werkt_voor_school(gebruiker)
    statussen = [rij for rij in keuzelijsten(gebruiker.swv).statussen if alle or rij[3]]
    return [
        (proces, [(pk, naam) for _proces, pk, naam, _zichtbaar in groep])
        for proces, groep in groupby(statussen, key=itemgetter(0))
    ]


def mag_schoolgegevens_bewerken(gebruiker: Gebruiker, hulpvraag: Hulpvraag) -> bool:
    """R46: the school's own staff and SWV staff; the caller already checked visibility."""
    if werkt_voor_swv(gebruiker) or is_applicatiebeheerder(gebruiker):
        return True
    return werkt_voor_school(gebruiker) and (
        gebruiker.scholen.filter(pk=hulpvraag.schoolgegevens.school_id).exists()
    )


def mag_behandeling_wijzigen(gebruiker: Gebruiker) -> bool:
    """R32: the coördinator and labels are set by SWV staff, never by the school."""
    return werkt_voor_swv(gebruiker) or is_applicatiebeheerder(gebruiker)

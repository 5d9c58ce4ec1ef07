"""Reads of dossiers that depend on who asks; visibility itself is `dossiers/query.py`."""

from collections.abc import Iterable
from datetime import date

from django.db.models import Q, QuerySet
from django.utils import timezone

from passend.accounts.models import Gebruiker, Rol
from passend.accounts.rechten import eigen_scholen, rolfeiten
from passend.core.normalize import zoeksleutel
from passend.dossiers.models import Leerling, Schoolgegevens
from passend.dossiers.query import swv_als_bigint
from passend.dossiers.rechten import mag_dossier_wijzigen
from passend.organisaties.models import School


def leerling_voor(gebruiker: Gebruiker, pk: int) -> Leerling:
    """One pupil the user may see; raises Leerling.DoesNotExist otherwise."""
    return Leerling.objects.zichtbaar_voor(gebruiker).get(pk=pk)


def leerlingen_zoeken(gebruiker: Gebruiker, tekst: str) -> QuerySet[Leerling]:
    """R13: the pupil searched by name, within what the user may see; every word typed must
    appear in the name, case, accents and invisible characters ignored ("zoe" finds "Zoë")."""
    woorden = zoeksleutel(tekst).split()
    if not woorden:
        return Leerling.objects.none()
    gevonden = Leerling.objects.zichtbaar_voor(gebruiker)
    for woord in woorden:
        gevonden = gevonden.filter(zoeknaam__contains=woord)
    return gevonden.order_by("achternaam", "roepnaam", "geboortedatum")


def leerlingen_van_swv_zoeken(*, swv_id: int, tekst: str) -> QuerySet[Leerling]:
    """The pupils of one SWV whose name has every word typed: for the audit viewer's pupil
    filter (B8) and, within the visible hulpvragen, the overview's name search (R50). Not
    limited to what the asker may see of dossiers: the SWV's privacy officer sees no dossier,
    only who read or changed it. Callers check that right and log the search."""
    woorden = zoeksleutel(tekst).split()
    if not woorden:
        return Leerling.objects.none()
    gevonden = Leerling.objects.filter(swv=swv_als_bigint(swv_id))
    for woord in woorden:
        gevonden = gevonden.filter(zoeknaam__contains=woord)
    return gevonden.order_by("achternaam", "roepnaam", "geboortedatum")


def leerlingnamen(*, swv_id: int, leerling_ids: Iterable[int]) -> dict[int, str]:
    """B8: the names of these pupils of one SWV, in one query, for the rows of the audit
    viewer (the log keeps ids, never names)."""
    return {
        leerling.pk: leerling.volledige_naam
        for leerling in Leerling.objects.filter(swv=swv_id, pk__in=set(leerling_ids))
    }


def mogelijke_dubbele_leerlingen(
    gebruiker: Gebruiker, *, roepnaam: str, achternaam: str, geboortedatum: date
) -> QuerySet[Leerling]:
    """R13: a probable duplicate has the same name and birth date. Only among the pupils this
    user may see: telling a school that another school's pupil is known here would leak it."""
    return Leerling.objects.zichtbaar_voor(gebruiker).filter(
        geboortedatum=geboortedatum,
        zoeknaam__startswith=zoeksleutel(roepnaam) + " ",
        zoeknaam__endswith=" " + zoeksleutel(achternaam),
    )


def scholen_voor_schoolgegevens(gebruiker: Gebruiker) -> QuerySet[School]:
    """The schools a user may pick in "Schoolgegevens": their own, or any of the SWV for staff."""
    if rolfeiten(gebruiker).werkt_voor_swv:
        return School.objects.filter(swv=gebruiker.swv_id)
    # R45: a school merged into an own school is seen, but takes no new pupils or hulpvragen.
    return School.objects.filter(
        pk__in=[school.pk for school in eigen_scholen(gebruiker) if not school.opgegaan()]
    )


def aanvragers_voor_scholen(scholen: Iterable[School] | QuerySet[School]) -> QuerySet[Gebruiker]:
    """Active school staff of these schools: who may be the aanvrager of a hulpvraag. R45: also
    the staff of the school one of these went up in, from the merge day on (they took over its
    pupils)."""
    opgenomen = Q(
        scholen__opgenomen_scholen__in=scholen,
        scholen__opgenomen_scholen__opgegaan_op__lte=timezone.localdate(),
    )
    return (
        Gebruiker.objects.filter(is_active=True, rollen__kant=Rol.Kant.SCHOOL)
        .filter(Q(scholen__in=scholen) | opgenomen)
        .distinct()
        .order_by("achternaam", "voornaam")
    )


def schoolgegevens_van(gebruiker: Gebruiker, leerling: Leerling) -> QuerySet[Schoolgegevens]:
    """The pupil's schoolgegevens this user may see, newest first (the Schoolgegevens tab)."""
    return (
        Schoolgegevens.objects.zichtbaar_voor(gebruiker)
        .filter(leerling=leerling)
        .select_related("school", "aanvrager")
        .order_by("-aangemaakt_op", "-pk")
    )


def schoolgegevens_voor_hulpvraag(
    gebruiker: Gebruiker, leerling: Leerling
) -> QuerySet[Schoolgegevens]:
    """The pupil's schoolgegevens this user may file a hulpvraag under, newest first."""
    if not mag_dossier_wijzigen(gebruiker, leerling):  # a school the pupil left files none
        return Schoolgegevens.objects.none()
    return schoolgegevens_van(gebruiker, leerling).filter(
        school__in=scholen_voor_schoolgegevens(gebruiker)
    )

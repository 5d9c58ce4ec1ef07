"""Who may do what with a hulpvraag. The services call these and refuse; views call them only to
decide what to show. Each takes the object as it is and answers completely: visibility
included, so a new channel (the API, an intake, a task) cannot skip a rule by skipping a view.
"""

from dataclasses import dataclass

from django.db.models import Exists, OuterRef, Q, QuerySet

from passend.accounts.models import Gebruiker
from passend.accounts.rechten import rolfeiten
from passend.dossiers.models import Schoolgegevens
from passend.dossiers.rechten import mag_hulpvraag_indienen_onder
from passend.hulpvragen.models import Hulpvraag
from passend.processen.models import Status, Statusovergang
from passend.processen.selectors import overgangen_voor
from passend.processen.voorwaarden import Ontbrekend, ontbrekend


def is_zichtbaar(gebruiker: Gebruiker, hulpvraag: Hulpvraag) -> bool:
    return Hulpvraag.objects.zichtbaar_voor(gebruiker).filter(pk=hulpvraag.pk).exists()


def mag_hulpvraag_aanmaken(gebruiker: Gebruiker, schoolgegevens: Schoolgegevens) -> bool:
    """R16: under schoolgegevens of the own school; SWV staff who enter dossiers under any."""
    return mag_hulpvraag_indienen_onder(gebruiker, schoolgegevens)


@dataclass(frozen=True)
class Statuskeuze:
    """A status the process offers this user from the current one, and what is still missing
    before it can be chosen (empty: it can be chosen now)."""

    status: Status
    plaatsen: list[Ontbrekend]

    @property
    def ontbreekt(self) -> list[str]:
        return [plaats.tekst for plaats in self.plaatsen]


def statuskeuzes(gebruiker: Gebruiker, hulpvraag: Hulpvraag) -> list[Statuskeuze]:
    """R20-R22: the process's transitions from the current status for one of the user's roles,
    each with the conditions that do not hold yet for this hulpvraag (a form, its history).
    Nothing for a hulpvraag the user cannot see."""
    if not is_zichtbaar(gebruiker, hulpvraag):
        return []
    overgangen = overgangen_voor(hulpvraag.status, rolfeiten(gebruiker).rolcodes).select_related(
        "naar"
    )
    keuzes = [Statuskeuze(o.naar, ontbrekend(o.voorwaarden, hulpvraag)) for o in overgangen]
    return sorted(keuzes, key=lambda keuze: (keuze.status.volgorde, keuze.status.naam))


def heeft_statuskeuzes(gebruiker: Gebruiker, hulpvraag: Hulpvraag) -> bool:
    """Whether "Status wijzigen" offers anything, allowed now or not yet, without evaluating
    the conditions."""
    return (
        is_zichtbaar(gebruiker, hulpvraag)
        and overgangen_voor(hulpvraag.status, rolfeiten(gebruiker).rolcodes).exists()
    )


def toegestane_statussen(gebruiker: Gebruiker, hulpvraag: Hulpvraag) -> QuerySet[Status]:
    """The statuses this user may choose now: offered and with every condition met."""
    naar = [k.status.pk for k in statuskeuzes(gebruiker, hulpvraag) if not k.ontbreekt]
    return Status.objects.filter(pk__in=naar).order_by("volgorde", "naam")


def mag_behandeling_wijzigen(gebruiker: Gebruiker, hulpvraag: Hulpvraag) -> bool:
    """R32: the coördinator and labels are set by SWV staff, never by the school."""
    return rolfeiten(gebruiker).werkt_voor_swv and is_zichtbaar(gebruiker, hulpvraag)


def mag_exporteren(gebruiker: Gebruiker) -> bool:
    """The CSV export is for SWV staff; a school has its own pupils in its own systems."""
    return rolfeiten(gebruiker).werkt_voor_swv


def in_wachtrij_van(gebruiker: Gebruiker) -> Q:
    """B5, R32: a hulpvraag without a coördinator waits in the queue of the function that
    handles its process (the TLV-administratie for a TLV); a process that names none waits on
    every role that may move it on from its status."""
    rolcodes = sorted(rolfeiten(gebruiker).rolcodes)
    mag_verder = Exists(
        Statusovergang.objects.filter(van=OuterRef("status"), rollen__code__in=rolcodes)
    )
    return Q(coordinator__isnull=True) & (
        Q(titel__proces__behandelende_rol__code__in=rolcodes)
        | Q(mag_verder, titel__proces__behandelende_rol__isnull=True)
    )


def mag_oppakken(gebruiker: Gebruiker, hulpvraag: Hulpvraag) -> bool:
    """ "Oppakken": who finds it in their queue becomes its coördinator (R32: never the
    school)."""
    return (
        rolfeiten(gebruiker).werkt_voor_swv
        and Hulpvraag.objects.zichtbaar_voor(gebruiker)
        .filter(in_wachtrij_van(gebruiker), pk=hulpvraag.pk)
        .exists()
    )

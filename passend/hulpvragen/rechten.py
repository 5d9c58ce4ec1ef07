"""Who may do what with a hulpvraag. The services call these and refuse; views call them only to
decide what to show. Each takes the object as it is and answers completely: visibility
included, so a new channel (the API, an intake, a task) cannot skip a rule by skipping a view.
"""

from django.db.models import QuerySet

from passend.accounts.models import Gebruiker
from passend.accounts.rechten import rolfeiten
from passend.dossiers.models import Schoolgegevens
from passend.dossiers.rechten import mag_hulpvraag_indienen_onder
from passend.hulpvragen.models import Hulpvraag
from passend.processen.models import Status
from passend.processen.selectors import overgangen_voor
from passend.processen.voorwaarden import ontbrekend


def is_zichtbaar(gebruiker: Gebruiker, hulpvraag: Hulpvraag) -> bool:
    return Hulpvraag.objects.zichtbaar_voor(gebruiker).filter(pk=hulpvraag.pk).exists()


def mag_hulpvraag_aanmaken(gebruiker: Gebruiker, schoolgegevens: Schoolgegevens) -> bool:
    """R16: under schoolgegevens of the own school; SWV staff who enter dossiers under any."""
    return mag_hulpvraag_indienen_onder(gebruiker, schoolgegevens)


def toegestane_statussen(gebruiker: Gebruiker, hulpvraag: Hulpvraag) -> QuerySet[Status]:
    """R20-R22: the statuses this user may choose now: the process's transitions from the
    current status for one of the user's roles, whose conditions hold for this hulpvraag (its
    history, say). Nothing for a hulpvraag the user cannot see."""
    if not is_zichtbaar(gebruiker, hulpvraag):
        return Status.objects.none()
    overgangen = overgangen_voor(hulpvraag.status, rolfeiten(gebruiker).rolcodes)
    naar = [o.naar_id for o in overgangen if not ontbrekend(o.voorwaarden, hulpvraag)]
    return Status.objects.filter(pk__in=naar).order_by("volgorde", "naam")


def mag_behandeling_wijzigen(gebruiker: Gebruiker, hulpvraag: Hulpvraag) -> bool:
    """R32: the coördinator and labels are set by SWV staff, never by the school."""
    return rolfeiten(gebruiker).werkt_voor_swv and is_zichtbaar(gebruiker, hulpvraag)


def mag_exporteren(gebruiker: Gebruiker) -> bool:
    """The CSV export is for SWV staff; a school has its own pupils in its own systems."""
    return rolfeiten(gebruiker).werkt_voor_swv

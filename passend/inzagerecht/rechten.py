"""Who may export a pupil's data (B10), invite and remove parents (R14) and mark attachments
as shareable with parents: the SWV's application administrator and its coördinators, for the
pupils and hulpvragen they see. Parents read only through their active inzage. Services call
these and refuse; views call them to decide what to show (a 404 otherwise)."""

from passend.accounts import rollen
from passend.accounts.models import Gebruiker
from passend.accounts.rechten import rolfeiten
from passend.dossiers.models import Leerling
from passend.hulpvragen.models import Hulpvraag

BEHEERROLLEN = frozenset({rollen.APPLICATIEBEHEERDER, rollen.COORDINATOR})


def mag_inzagerecht_beheren(gebruiker: Gebruiker) -> bool:
    return gebruiker.is_active and bool(rolfeiten(gebruiker).rolcodes & BEHEERROLLEN)


def mag_leerling_beheren(gebruiker: Gebruiker, leerling: Leerling) -> bool:
    """Export and parents' inzage of a pupil the user sees, of the own SWV."""
    return (
        mag_inzagerecht_beheren(gebruiker)
        and leerling.swv_id == gebruiker.swv_id
        and Leerling.objects.zichtbaar_voor(gebruiker).filter(pk=leerling.pk).exists()
    )


def mag_bijlagen_delen(gebruiker: Gebruiker, hulpvraag: Hulpvraag) -> bool:
    return (
        mag_inzagerecht_beheren(gebruiker)
        and hulpvraag.swv_id == gebruiker.swv_id
        and Hulpvraag.objects.zichtbaar_voor(gebruiker).filter(pk=hulpvraag.pk).exists()
    )


def is_ouder(gebruiker: Gebruiker) -> bool:
    return gebruiker.is_active and rollen.OUDER in rolfeiten(gebruiker).rolcodes


def is_alleen_ouder(gebruiker: Gebruiker) -> bool:
    """A parent's account: the role ouder and no side of school or SWV."""
    feiten = rolfeiten(gebruiker)
    return rollen.OUDER in feiten.rolcodes and not feiten.werkt_voor_school_of_swv

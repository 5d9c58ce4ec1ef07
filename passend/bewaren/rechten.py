"""Who may see and change retention: the SWV's application administrator, for its own SWV
only. Services call these and refuse; views call them to decide what to show (a 404)."""

from passend.accounts.models import Gebruiker
from passend.accounts.rechten import rolfeiten
from passend.dossiers.models import Leerling


def mag_bewaren_beheren(gebruiker: Gebruiker) -> bool:
    return gebruiker.is_active and rolfeiten(gebruiker).is_applicatiebeheerder


def mag_bewaarplicht_zetten(gebruiker: Gebruiker, leerling: Leerling) -> bool:
    return mag_bewaren_beheren(gebruiker) and leerling.swv_id == gebruiker.swv_id

"""Who may change an SWV's processes, statuses, transitions and titles (issue 16 item 6): its
application administrator, for its own SWV only. Services call these and refuse; views call
them to decide what to show (a 404 otherwise)."""

from passend.accounts.models import Gebruiker
from passend.accounts.rechten import rolfeiten
from passend.processen.models import Proces


def mag_processen_beheren(gebruiker: Gebruiker) -> bool:
    return gebruiker.is_active and rolfeiten(gebruiker).is_applicatiebeheerder


def mag_proces_beheren(gebruiker: Gebruiker, proces: Proces) -> bool:
    return mag_processen_beheren(gebruiker) and proces.swv_id == gebruiker.swv_id

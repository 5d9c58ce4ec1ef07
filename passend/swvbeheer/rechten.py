"""Who may use the SWV-beheer screens: an SWV's application administrator, for its own SWV
only. Services call these and refuse; views call them to decide what to show (a 404 otherwise)."""

from passend.accounts.models import Gebruiker
from passend.accounts.rechten import rolfeiten


def mag_accounts_beheren(gebruiker: Gebruiker) -> bool:
    return gebruiker.is_active and rolfeiten(gebruiker).is_applicatiebeheerder


def mag_account_beheren(gebruiker: Gebruiker, account: Gebruiker) -> bool:
    return mag_accounts_beheren(gebruiker) and account.swv_id == gebruiker.swv_id

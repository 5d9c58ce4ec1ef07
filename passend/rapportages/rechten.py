from passend.accounts.models import Gebruiker
from passend.accounts.rechten import rolfeiten


def mag_managementoverzicht_zien(gebruiker: Gebruiker) -> bool:
    """SWV staff and the application administrator; school users and outsiders never."""
    return rolfeiten(gebruiker).werkt_voor_swv

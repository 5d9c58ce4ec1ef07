"""Who may read the access log (B8, P2): the SWV's privacy officer and its application
administrator, for their own SWV only. Views call these and answer 404 otherwise."""

from passend.accounts import rollen
from passend.accounts.models import Gebruiker
from passend.accounts.rechten import rolfeiten


def mag_auditlog_bekijken(gebruiker: Gebruiker) -> bool:
    feiten = rolfeiten(gebruiker)
    return gebruiker.is_active and (
        feiten.is_applicatiebeheerder or rollen.PRIVACYFUNCTIONARIS in feiten.rolcodes
    )


def is_alleen_privacyfunctionaris(gebruiker: Gebruiker) -> bool:
    """A privacy officer without a side of school or SWV: no hulpvragen and no actions, so the
    start page and the menu lead to the audit viewer instead."""
    feiten = rolfeiten(gebruiker)
    return rollen.PRIVACYFUNCTIONARIS in feiten.rolcodes and not feiten.werkt_voor_school_of_swv

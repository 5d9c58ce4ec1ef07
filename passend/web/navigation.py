"""The main navigation. An item appears only when its page exists and the account may open it:
no placeholder pages, and the same rights the pages themselves check.

"Mijn acties" comes first: it is the page after login, where an IB'er or SCP starts the day.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _
from django_stubs_ext import StrOrPromise

from passend.accounts.models import Gebruiker
from passend.accounts.rechten import rolfeiten
from passend.formulieren.rechten import mag_termijnen_zien
from passend.inzagerecht.rechten import is_alleen_ouder
from passend.overlegrondes.rechten import is_alleen_externe_deelnemer, mag_overlegrondes_openen
from passend.rapportages.rechten import mag_managementoverzicht_zien
from passend.swvbeheer.rechten import mag_wijzigingsverzoeken_indienen
from passend.verantwoording.rechten import is_alleen_privacyfunctionaris, mag_auditlog_bekijken


def _zonder_hulpvragen(gebruiker: Gebruiker) -> bool:
    """External participants, parents and privacy officers handle no hulpvragen: no Mijn
    acties, no Hulpvragen."""
    return (
        is_alleen_externe_deelnemer(gebruiker)
        or is_alleen_ouder(gebruiker)
        or is_alleen_privacyfunctionaris(gebruiker)
    )


@dataclass(frozen=True)
class NavigatieItem:
    label: StrOrPromise
    url_name: str
    voor: Callable[[Gebruiker], bool] = lambda _gebruiker: True


HOOFDMENU: list[NavigatieItem] = [
    # The home page ("/") is Mijn acties; /mijn-acties/ is the same page under its own name.
    NavigatieItem(
        label=_("Mijn acties"),
        url_name="start",
        voor=lambda gebruiker: not _zonder_hulpvragen(gebruiker),
    ),
    NavigatieItem(
        label=_("Hulpvragen"),
        url_name="hulpvragen:lijst",
        voor=lambda gebruiker: not _zonder_hulpvragen(gebruiker),
    ),
    # A parent sees only the file of their child (R14).
    NavigatieItem(
        label=_("Inzage in het dossier"),
        url_name="inzagerecht:ouder_start",
        voor=is_alleen_ouder,
    ),
    # External participants see only their rounds: "Mijn overlegrondes" (R39).
    NavigatieItem(
        label=_("Mijn overlegrondes"),
        url_name="overlegrondes:lijst",
        voor=is_alleen_externe_deelnemer,
    ),
    NavigatieItem(
        label=_("Overlegrondes"),
        url_name="overlegrondes:lijst",
        voor=lambda gebruiker: (
            mag_overlegrondes_openen(gebruiker) and not is_alleen_externe_deelnemer(gebruiker)
        ),
    ),
    NavigatieItem(
        label=_("Managementoverzicht"),
        url_name="rapportages:managementoverzicht",
        voor=mag_managementoverzicht_zien,
    ),
    NavigatieItem(label=_("Termijnen"), url_name="formulieren:termijnen", voor=mag_termijnen_zien),
    NavigatieItem(
        label=_("Wijzigingsverzoeken"),
        url_name="wijzigingsverzoeken:lijst",
        voor=mag_wijzigingsverzoeken_indienen,
    ),
    NavigatieItem(
        label=_("SWV-beheer"),
        url_name="swvbeheer:index",
        voor=lambda gebruiker: rolfeiten(gebruiker).is_applicatiebeheerder,
    ),
    # B8: the access log, for the SWV's privacy officer and application administrator.
    NavigatieItem(
        label=_("Inzagelog"), url_name="verantwoording:index", voor=mag_auditlog_bekijken
    ),
]

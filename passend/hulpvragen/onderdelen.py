"""Parts of the hulpvraag page that other apps add: a button with a count that opens the part
("3 Bijlagen", forms, later overlegrondes), and lines among its kenmerken. The apps register
their part from their AppConfig.ready(), so this app names none of them (Open Formulieren's
plugin registry).

The detail page reads every count in its one query (`aantal` is an expression over the
hulpvraag row), so a new part adds no query.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import Expression
from django.urls import reverse
from django_stubs_ext import StrOrPromise

from passend.accounts.models import Gebruiker
from passend.dossiers.models import Leerling
from passend.hulpvragen.models import Hulpvraag


@dataclass(frozen=True)
class Onderdeel:
    code: str
    label: Callable[[int], str]  # the button's text for a count, e.g. "3 Bijlagen"
    url_naam: str  # a URL name that takes the hulpvraag's referentie
    aantal: Callable[[], Expression]
    # Who sees the button; the part's own pages check their rights themselves.
    zichtbaar_voor: Callable[[Gebruiker, Hulpvraag], bool] = lambda _gebruiker, _hulpvraag: True
    volgorde: int = 100

    @property
    def aantal_naam(self) -> str:
        return f"aantal_{self.code}"


@dataclass(frozen=True)
class Knop:
    label: str
    url: str


_onderdelen: dict[str, Onderdeel] = {}


def registreren(onderdeel: Onderdeel) -> None:
    _onderdelen[onderdeel.code] = onderdeel


def onderdelen() -> list[Onderdeel]:
    return sorted(_onderdelen.values(), key=lambda onderdeel: (onderdeel.volgorde, onderdeel.code))


def knoppen(gebruiker: Gebruiker, hulpvraag: Hulpvraag) -> list[Knop]:
    """The buttons of the parts for a hulpvraag read by `hulpvraag_voor_detail` (which holds
    the counts)."""
    return [
        Knop(
            label=onderdeel.label(getattr(hulpvraag, onderdeel.aantal_naam, 0)),
            url=reverse(onderdeel.url_naam, args=[hulpvraag.referentie]),
        )
        for onderdeel in onderdelen()
        if onderdeel.zichtbaar_voor(gebruiker, hulpvraag)
    ]


# Lines other apps add to the hulpvraag's kenmerken (formulieren: the bezwaartermijn of a
# decision), each a function of the user and the hulpvraag giving (label, value) pairs.
Kenmerken = Callable[[Gebruiker, Hulpvraag], list[tuple[str, str]]]
_kenmerken: list[Kenmerken] = []


def kenmerken_registreren(kenmerken: Kenmerken) -> None:
    if kenmerken not in _kenmerken:
        _kenmerken.append(kenmerken)


def extra_kenmerken(gebruiker: Gebruiker, hulpvraag: Hulpvraag) -> list[tuple[str, str]]:
    return [paar for kenmerken in _kenmerken for paar in kenmerken(gebruiker, hulpvraag)]


# Tabs and notices other apps add to a pupil's dossier header (`_dossier_kop.html`): a tab is
# a URL name that takes the pupil's pk, shown to whom `zichtbaar_voor` allows; a notice is a
# function of the user and the pupil giving lines of text.
@dataclass(frozen=True)
class Dossiertab:
    code: str
    label: StrOrPromise
    url_naam: str
    zichtbaar_voor: Callable[[Gebruiker, Leerling], bool]


Dossiermeldingen = Callable[[Gebruiker, Leerling], list[str]]
_dossiertabs: dict[str, Dossiertab] = {}
_dossiermeldingen: list[Dossiermeldingen] = []


def dossiertab_registreren(tab: Dossiertab) -> None:
    _dossiertabs[tab.code] = tab


def dossiermeldingen_registreren(meldingen: Dossiermeldingen) -> None:
    if meldingen not in _dossiermeldingen:
        _dossiermeldingen.append(meldingen)


def dossierkop(gebruiker: Gebruiker, leerling: Leerling) -> dict[str, object]:
    """The extra tabs and notices of the dossier header, for its template's context."""
    return {
        "dossiertabs": [
            {"code": tab.code, "label": tab.label, "url": reverse(tab.url_naam, args=[leerling.pk])}
            for tab in _dossiertabs.values()
            if tab.zichtbaar_voor(gebruiker, leerling)
        ],
        "dossiermeldingen": [
            regel for meldingen in _dossiermeldingen for regel in meldingen(gebruiker, leerling)
        ],
    }

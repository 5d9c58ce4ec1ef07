"""The main navigation. An item appears only when its page exists: no placeholder pages.

"Mijn acties" comes first: it is the page after login, where an IB'er or SCP starts the day.
"""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _
from django_stubs_ext import StrOrPromise


@dataclass(frozen=True)
class NavigatieItem:
    label: StrOrPromise
    url_name: str
    alleen_voor_rol: str | None = None
    alleen_voor_kant: str | None = None  # "school", "swv" or "extern" (Rol.kant)


HOOFDMENU: list[NavigatieItem] = [
    # The home page ("/") is Mijn acties; /mijn-acties/ is the same page under its own name.
    NavigatieItem(label=_("Mijn acties"), url_name="start"),
    NavigatieItem(label=_("Hulpvragen"), url_name="hulpvragen:lijst"),
    NavigatieItem(
        label=_("Managementoverzicht"),
        url_name="rapportages:managementoverzicht",
        alleen_voor_kant="swv",
    ),
    NavigatieItem(
        label=_("SWV-beheer"), url_name="swv_beheer:index", alleen_voor_rol="applicatiebeheerder"
    ),
]

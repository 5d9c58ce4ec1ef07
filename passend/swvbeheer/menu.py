"""More entries on the SWV-beheer page, which higher apps add from their AppConfig.ready()
(retention, the audit viewer), so this app names none of them."""

from dataclasses import dataclass

from django_stubs_ext import StrOrPromise


@dataclass(frozen=True)
class Menuitem:
    url_naam: str
    label: StrOrPromise
    omschrijving: StrOrPromise


_items: dict[str, Menuitem] = {}


def registreren(item: Menuitem) -> None:
    _items[item.url_naam] = item


def items() -> list[Menuitem]:
    return sorted(_items.values(), key=lambda item: str(item.label))

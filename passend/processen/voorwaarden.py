"""Conditions on status transitions: a transition may name conditions (by code) that must hold
for the hulpvraag before it can be chosen. This app owns the registry; the apps that know
what a condition looks at (hulpvragen its history, formulieren its forms) add theirs from their
AppConfig.ready(), so a process stays data and this app names none of them.

A family of conditions takes an argument after a colon: "formulier_compleet:besluit_ob" is the
family "formulier_compleet" asked about the form with code "besluit_ob".
"""

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django_stubs_ext import StrOrPromise


@dataclass(frozen=True)
class Voorwaarde:
    code: str
    omschrijving: StrOrPromise  # shown to an administrator choosing it
    # Given the hulpvraag, what is missing, one Dutch sentence each; empty when it holds.
    ontbreekt: Callable[[Any], list[str]]
    # Where on the hulpvraag the user fixes it (a URL), if anywhere.
    waar: Callable[[Any], str | None] = lambda _hulpvraag: None


# A code, or codes joined by "." and "=" (formulier_antwoord:besluit_tlv.soort=so).
ARGUMENT = re.compile(r"^[a-z0-9_]+([.=][a-z0-9_]+)*$")


@dataclass(frozen=True)
class Voorwaardefamilie:
    code: str
    omschrijving: StrOrPromise  # with %(argument)s for the argument
    # Given the hulpvraag and the argument, what is missing; also when the argument names
    # nothing in the hulpvraag's SWV (fail closed).
    ontbreekt: Callable[[Any, str], list[str]]
    # The arguments an SWV can choose (its forms, its kinds of document), with a label each.
    argumenten: Callable[[int], list[tuple[str, str]]] = lambda _swv_id: []
    # Where on the hulpvraag the user fixes it (a URL), if anywhere.
    waar: Callable[[Any, str], str | None] = lambda _hulpvraag, _argument: None


_voorwaarden: dict[str, Voorwaarde] = {}
_families: dict[str, Voorwaardefamilie] = {}


def registreren(voorwaarde: Voorwaarde | Voorwaardefamilie) -> None:
    if isinstance(voorwaarde, Voorwaardefamilie):
        _families[voorwaarde.code] = voorwaarde
    else:
        _voorwaarden[voorwaarde.code] = voorwaarde


def voorwaarde(code: str) -> Voorwaarde | None:
    familiecode, dubbelepunt, argument = code.partition(":")
    if not dubbelepunt:
        return _voorwaarden.get(code)
    familie = _families.get(familiecode)
    if familie is None or not ARGUMENT.match(argument):
        return None
    return Voorwaarde(
        code=code,
        omschrijving=familie.omschrijving % {"argument": argument},
        ontbreekt=lambda hulpvraag: familie.ontbreekt(hulpvraag, argument),
        waar=lambda hulpvraag: familie.waar(hulpvraag, argument),
    )


def argumenten(familiecode: str, codes: list[str]) -> list[str]:
    """The arguments of one family among a transition's condition codes."""
    voorvoegsel = f"{familiecode}:"
    return [code.removeprefix(voorvoegsel) for code in codes if code.startswith(voorvoegsel)]


def keuzes(swv_id: int | None = None) -> list[tuple[str, StrOrPromise]]:
    """What an administrator of this SWV can choose: every condition, and every family with
    the arguments of this SWV (its forms, its kinds of document)."""
    enkel = [(v.code, v.omschrijving) for v in sorted(_voorwaarden.values(), key=lambda v: v.code)]
    if swv_id is None:
        return list(enkel)
    familie: list[tuple[str, StrOrPromise]] = [
        (f"{code}:{argument}", label)
        for code, f in sorted(_families.items())
        for argument, label in f.argumenten(swv_id)
    ]
    return [*enkel, *familie]


@dataclass(frozen=True)
class Ontbrekend:
    tekst: str
    url: str | None = None  # where to fix it


def ontbrekend(codes: list[str], hulpvraag: Any) -> list[Ontbrekend]:
    """Everything missing for these conditions, each with where to fix it; an unknown code is
    missing itself, so a transition that names a condition no app provides stays closed (fail
    closed)."""
    gevonden: list[Ontbrekend] = []
    for code in codes:
        regel = voorwaarde(code)
        if regel is None:
            gevonden.append(Ontbrekend(f"Onbekende voorwaarde ‘{code}’."))
            continue
        teksten = regel.ontbreekt(hulpvraag)
        url = regel.waar(hulpvraag) if teksten else None
        gevonden.extend(Ontbrekend(tekst, url) for tekst in teksten)
    return gevonden

"""Conditions on status transitions: a transition may name conditions (by code) that must hold
for the hulpvraag before it can be chosen. This app owns the registry; the apps that know
what a condition looks at (hulpvragen its history, later formulieren its forms) add theirs from
their AppConfig.ready(), so a process stays data and this app names none of them.
"""

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


_voorwaarden: dict[str, Voorwaarde] = {}


def registreren(voorwaarde: Voorwaarde) -> None:
    _voorwaarden[voorwaarde.code] = voorwaarde


def voorwaarde(code: str) -> Voorwaarde | None:
    return _voorwaarden.get(code)


def keuzes() -> list[tuple[str, StrOrPromise]]:
    return [(v.code, v.omschrijving) for v in sorted(_voorwaarden.values(), key=lambda v: v.code)]


def ontbrekend(codes: list[str], hulpvraag: Any) -> list[str]:
    """Everything missing for these conditions; an unknown code is missing itself, so a
    transition that names a condition no app provides stays closed (fail closed)."""
    berichten: list[str] = []
    for code in codes:
        gevonden = voorwaarde(code)
        if gevonden is None:
            berichten.append(f"Onbekende voorwaarde ‘{code}’.")
        else:
            berichten.extend(gevonden.ontbreekt(hulpvraag))
    return berichten

"""Periodic work that apps register (from their AppConfig.ready()), run by `manage.py
periodiek` from cron or a systemd timer (docs/installatie.md). Each job is due-driven and
idempotent: running the command twice in a row does nothing the second time."""

from collections.abc import Callable

# A job runs and returns one line saying what it did, in Dutch.
Werk = Callable[[], str]
_werk: dict[str, Werk] = {}


def registreren(naam: str, werk: Werk) -> None:
    _werk[naam] = werk


def alles_uitvoeren() -> list[str]:
    return [werk() for _naam, werk in sorted(_werk.items())]

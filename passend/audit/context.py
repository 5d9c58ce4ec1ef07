"""Where a read or change comes from, for the access log, without passing the request around.

The middleware sets it once per request; a background task or a command has none, so its rows
carry no address, user agent or request id (the actor is still named). A channel that acts for
someone else (the Esis link on behalf of a school's contact) sets `namens` with
`verzoekcontext(...)`.
"""

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, replace


@dataclass(frozen=True)
class Verzoekcontext:
    client_adres: str | None = None
    user_agent: str = ""
    request_id: str = ""
    namens: str = ""
    systeem: str = ""


SYSTEEM = Verzoekcontext()
_huidige: ContextVar[Verzoekcontext | None] = ContextVar("passend_verzoekcontext", default=None)


def huidige_context() -> Verzoekcontext:
    return _huidige.get() or SYSTEEM


@contextmanager
def verzoekcontext(context: Verzoekcontext | None = None, **wijzigingen: str) -> Iterator[None]:
    """Runs the block with this context, or the current one with some fields changed."""
    token = _huidige.set(replace(context or huidige_context(), **wijzigingen))
    try:
        yield
    finally:
        _huidige.reset(token)


def verzoekcontext_aanvullen(**wijzigingen: str) -> None:
    """Changes fields of the current request's context for the rest of the request (an API
    call learns its client only after authentication); the middleware's block restores the
    context when the request ends."""
    _huidige.set(replace(huidige_context(), **wijzigingen))

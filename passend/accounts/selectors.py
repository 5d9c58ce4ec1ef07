from django.core.exceptions import PermissionDenied
from django.http import HttpRequest

from passend.accounts.models import Gebruiker


def ingelogde_gebruiker(request: HttpRequest) -> Gebruiker:
    """The account behind a request that passed the login middleware; fails closed otherwise."""
    if not isinstance(request.user, Gebruiker) or not request.user.is_authenticated:
        raise PermissionDenied
    return request.user


def _rollen(gebruiker: Gebruiker) -> list[tuple[str, str]]:
    """(code, kant) of each of the account's roles, read once per request object."""
    cache = getattr(gebruiker, "_rollen_cache", None)
    if cache is None:
        cache = list(gebruiker.rollen.values_list("code", "kant"))
        gebruiker._rollen_cache = cache  # type: ignore[attr-defined]
    return cache


def rolcodes(gebruiker: Gebruiker) -> frozenset[str]:
    return frozenset(code for code, _ in _rollen(gebruiker))


def kanten(gebruiker: Gebruiker) -> frozenset[str]:
    """Which sides the account works on: "school", "swv" and/or "extern"."""
    return frozenset(kant for _, kant in _rollen(gebruiker))

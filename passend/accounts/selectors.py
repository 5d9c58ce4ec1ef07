from django.core.exceptions import PermissionDenied
from django.http import HttpRequest

from passend.accounts.models import Gebruiker


def ingelogde_gebruiker(request: HttpRequest) -> Gebruiker:
    """The account behind a request that passed the login middleware; fails closed otherwise."""
    if not isinstance(request.user, Gebruiker) or not request.user.is_authenticated:
        raise PermissionDenied
    return request.user

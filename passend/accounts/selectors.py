from django.core.exceptions import PermissionDenied
from django.http import HttpRequest

from passend.accounts import rollen
from passend.accounts.models import Gebruiker
from passend.organisaties.models import Samenwerkingsverband


def ingelogde_gebruiker(request: HttpRequest) -> Gebruiker:
    """The account behind a request that passed the login middleware; fails closed otherwise."""
    if not isinstance(request.user, Gebruiker) or not request.user.is_authenticated:
        raise PermissionDenied
    return request.user


def adressen_van_applicatiebeheerders(swv: Samenwerkingsverband) -> list[str]:
    """Who hears of the SWV's mails that failed for good: its active application
    administrators."""
    return list(
        Gebruiker.objects.filter(
            swv=swv, is_active=True, rollen__code=rollen.APPLICATIEBEHEERDER
        ).values_list("email", flat=True)
    )

from django.core.exceptions import PermissionDenied
from django.db.models import Q
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


def gebruikers_voor_wachtwoordherstel(
    *, swv: Samenwerkingsverband, gebruikersnaam: str, email: str
) -> list[Gebruiker]:
    """The active accounts meant by a "Wachtwoord vergeten" request.

    The manual warns that filling in both username and e-mail gets a Kindkans user stuck (R42).
    Here either one is enough, and with both, each account that matches either gets its own mail
    at its own registered address, so nothing is sent to an address the account does not have.
    """
    criteria = Q()
    if gebruikersnaam.strip():
        criteria |= Q(gebruikersnaam__iexact=gebruikersnaam.strip())
    if email.strip():
        criteria |= Q(email__iexact=email.strip())
    if not criteria:
        return []
    return list(Gebruiker.objects.filter(criteria, swv=swv, is_active=True))

from typing import Any

from django.contrib.auth.backends import ModelBackend
from django.http import HttpRequest

from passend.accounts.models import Gebruiker
from passend.organisaties.models import Samenwerkingsverband
from passend.organisaties.selectors import samenwerkingsverbanden_zoeken


class OrganisatieBackend(ModelBackend):
    """Checks a password for a username *within one samenwerkingsverband*.

    The same username may exist at another SWV (R43); without the organisation there is no
    account to check. The second factor is checked by the login view after this backend.
    """

    def authenticate(  # type: ignore[override]
        self,
        request: HttpRequest | None,
        username: str | None = None,
        password: str | None = None,
        swv: Samenwerkingsverband | None = None,
        **kwargs: Any,
    ) -> Gebruiker | None:
        if swv is None or not username or not password:
            return None
        try:
            gebruiker = Gebruiker.objects.select_related("swv").get(
                swv=swv, gebruikersnaam=username
            )
        except Gebruiker.DoesNotExist:
            # Hash anyway, so the response time does not tell whether the account exists.
            Gebruiker().set_password(password)
            return None
        if gebruiker.check_password(password) and self.user_can_authenticate(gebruiker):
            return gebruiker
        return None

    def user_can_authenticate(self, user: Any) -> bool:
        """Active and not past its planned day to stop (R44)."""
        from passend.accounts.services import kan_aanmelden

        return isinstance(user, Gebruiker) and kan_aanmelden(user)

    def get_user(self, user_id: int) -> Gebruiker | None:  # type: ignore[override]
        """The account of every request, with its SWV: each page shows the SWV's name."""
        gebruiker = Gebruiker.objects.select_related("swv").filter(pk=user_id).first()
        return (
            gebruiker if gebruiker is not None and self.user_can_authenticate(gebruiker) else None
        )


def axes_username(request: HttpRequest, credentials: dict[str, Any] | None) -> str:
    """The key that django-axes counts failures on: organisation and username together."""
    credentials = credentials or {}
    swv = credentials.get("swv")
    username = credentials.get("username")
    if swv is None:
        gevonden = samenwerkingsverbanden_zoeken(request.POST.get("organisatie", ""))
        swv = gevonden[0] if len(gevonden) == 1 else None
    if username is None:
        username = request.POST.get("gebruikersnaam", "")
    return f"{swv.code if swv else '?'}/{username}"

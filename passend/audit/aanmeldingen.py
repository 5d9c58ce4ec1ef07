"""Login events into the audit app's append-only log (B8, ASVS V7.2.1), from the same signals
`accounts.security_log` writes to the Python logger: the audit viewer shows them to the SWV's
privacy officer. Connected in `AuditConfig.ready()`."""

from typing import Any

from axes.signals import user_locked_out
from django.contrib.auth.signals import user_logged_in, user_login_failed
from django.dispatch import receiver
from django.http import HttpRequest

from passend.accounts.models import Gebruiker
from passend.audit import gebeurtenissen


def _account(swv_code: str, gebruikersnaam: object) -> Gebruiker | None:
    """The account the attempt named, if it exists; otherwise the name is not kept at all."""
    if not swv_code or not isinstance(gebruikersnaam, str) or not gebruikersnaam:
        return None
    return (
        Gebruiker.objects.select_related("swv")
        .filter(swv__code=swv_code, gebruikersnaam=gebruikersnaam)
        .first()
    )


@receiver(user_logged_in, dispatch_uid="audit_aanmelden_gelukt")
def _gelukt(sender: Any, request: HttpRequest, user: Any, **kwargs: Any) -> None:
    if isinstance(user, Gebruiker):
        gebeurtenissen.aanmelden_gelukt(user)


@receiver(user_login_failed, dispatch_uid="audit_aanmelden_mislukt")
def _mislukt(
    sender: Any, credentials: dict[str, Any], request: HttpRequest | None = None, **kwargs: Any
) -> None:
    swv_code = getattr(credentials.get("swv"), "code", "") or ""
    gebeurtenissen.aanmelden_mislukt(
        swv_code=swv_code, account=_account(swv_code, credentials.get("username"))
    )


@receiver(user_locked_out, dispatch_uid="audit_aanmelden_geblokkeerd")
def _geblokkeerd(
    sender: Any, request: HttpRequest, username: str, ip_address: str, **kwargs: Any
) -> None:
    # The lockout key is "<SWV code>/<name>" (accounts.backends.axes_username); "?" when the
    # organisation was not found.
    swv_code, _sep, naam = (username or "").partition("/")
    swv_code = "" if swv_code == "?" else swv_code[:6]
    gebeurtenissen.aanmelden_geblokkeerd(swv_code=swv_code, account=_account(swv_code, naam))

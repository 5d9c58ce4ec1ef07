"""Login events for the security log (ASVS V7.2.1): ids and outcomes, never secrets."""

import logging
from typing import Any

from axes.signals import user_locked_out
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver
from django.http import HttpRequest

from passend.core.clientadres import clientadres

logger = logging.getLogger("passend.beveiliging")


def _client(request: HttpRequest | None) -> dict[str, Any]:
    """Where the attempt came from: the client address through the configured proxies, as
    the lockout (django-axes) reads it, so the log and the lockout name the same address."""
    if request is None:
        return {}
    return {
        "client_adres": clientadres(request) or "",
        "user_agent": request.META.get("HTTP_USER_AGENT", "")[:200],
    }


def _account(gebruiker: Any) -> dict[str, Any]:
    return {
        "gebruiker_id": gebruiker.pk,
        "swv": gebruiker.swv.code,
        "gebruikersnaam": gebruiker.gebruikersnaam,
    }


@receiver(user_logged_in)
def _aangemeld(sender: Any, request: HttpRequest, user: Any, **kwargs: Any) -> None:
    logger.info(
        "aanmelden gelukt",
        extra={"gebeurtenis": "aanmelden_gelukt", **_account(user), **_client(request)},
    )


@receiver(user_logged_out)
def _afgemeld(sender: Any, request: HttpRequest, user: Any, **kwargs: Any) -> None:
    if user is not None:
        logger.info(
            "afgemeld", extra={"gebeurtenis": "afgemeld", **_account(user), **_client(request)}
        )


@receiver(user_login_failed)
def _mislukt(
    sender: Any, credentials: dict[str, Any], request: HttpRequest | None = None, **kwargs: Any
) -> None:
    swv = credentials.get("swv")
    logger.warning(
        "aanmelden mislukt",
        extra={
            "gebeurtenis": "aanmelden_mislukt",
            "swv": getattr(swv, "code", None),
            "gebruikersnaam": credentials.get("username"),
            **_client(request),
        },
    )


@receiver(user_locked_out)
def _geblokkeerd(
    sender: Any, request: HttpRequest, username: str, ip_address: str, **kwargs: Any
) -> None:
    logger.warning(
        "aanmelden geblokkeerd",
        extra={"gebeurtenis": "aanmelden_geblokkeerd", "sleutel": username, **_client(request)},
    )


def code_mislukt(request: HttpRequest, gebruiker: Any) -> None:
    """A wrong, malformed or replayed code after a correct password (ASVS V2.8.5)."""
    logger.warning(
        "code onjuist of al gebruikt",
        extra={"gebeurtenis": "code_mislukt", **_account(gebruiker), **_client(request)},
    )


def authenticator_ingesteld(request: HttpRequest, gebruiker: Any) -> None:
    logger.info(
        "authenticator ingesteld",
        extra={"gebeurtenis": "authenticator_ingesteld", **_account(gebruiker), **_client(request)},
    )

"""The client's address, as every part of Passend reads it: the lockout (django-axes), the
access log and the security log."""

import ipaddress

from django.conf import settings
from django.http import HttpRequest


def _geldig(adres: str) -> bool:
    try:
        ipaddress.ip_address(adres)
    except ValueError:
        return False
    return True


def clientadres(request: HttpRequest) -> str | None:
    """Behind PASSEND_PROXY_AANTAL trusted reverse proxies, each of which appends the address
    it received the request from to X-Forwarded-For, the client is the last but (N - 1) entry;
    whatever stands left of it the client wrote itself and is never believed. Without proxies,
    or for a request that did not pass them all, the connection's own address."""
    aantal = settings.PASSEND_PROXY_AANTAL
    if aantal:
        doorgestuurd = request.META.get("HTTP_X_FORWARDED_FOR", "")
        delen = [deel.strip() for deel in doorgestuurd.split(",") if deel.strip()]
        if len(delen) >= aantal and _geldig(delen[-aantal]):
            return delen[-aantal]
    adres = request.META.get("REMOTE_ADDR", "")
    return adres if _geldig(adres) else None

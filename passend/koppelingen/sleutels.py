"""Secrets of the koppelingen: API client tokens and Esis verification codes. Neither is ever
stored, logged or put in a URL as it is (SECURITY.md: API secrets)."""

import hashlib
import hmac
import secrets

from django.utils.crypto import salted_hmac

TOKEN_VOORVOEGSEL = "psd"  # noqa: S105  (a prefix, not a secret)


def nieuw_token() -> tuple[str, str, str]:
    """(sleutel_id, geheim, token): the id finds the client, the 256-bit secret proves it; the
    token "psd_<id>_<secret>" is what the supplier puts in its Authorization header."""
    sleutel_id = secrets.token_hex(8)
    geheim = secrets.token_urlsafe(32)
    return sleutel_id, geheim, f"{TOKEN_VOORVOEGSEL}_{sleutel_id}_{geheim}"


def token_delen(token: str) -> tuple[str, str] | None:
    voorvoegsel, _, rest = token.partition("_")
    sleutel_id, _, geheim = rest.partition("_")
    if voorvoegsel != TOKEN_VOORVOEGSEL or not sleutel_id or not geheim:
        return None
    return sleutel_id, geheim


def geheim_sha256(geheim: str) -> str:
    return hashlib.sha256(geheim.encode()).hexdigest()


def geheim_klopt(geheim: str, opgeslagen_sha256: str) -> bool:
    return hmac.compare_digest(geheim_sha256(geheim), opgeslagen_sha256)


def verificatiecode_hmac(code: str) -> str:
    """Keyed with the SECRET_KEY: a school's code may be guessable text, so a plain hash of it
    in a database dump could be brute-forced; without the key it cannot. Rotating the
    SECRET_KEY therefore means registering the codes again (docs/installatie.md)."""
    return salted_hmac("passend.koppelingen.verificatiecode", code, algorithm="sha256").hexdigest()

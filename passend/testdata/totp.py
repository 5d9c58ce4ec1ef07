"""Fixed TOTP secrets for the accounts that `demo` and `genereer_data` make, and the code an
authenticator app shows for such a secret.

A secret is derived from its account, so every run on every machine gives the same one: a
person keeps the demo accounts in their authenticator app across runs of `make run`, and a
walkthrough or a benchmark computes codes without the database. This module imports no
models, so the scripts in bench/ use it without setting Django up.
"""

import hashlib
from base64 import b32decode, b32encode

from django_otp.oath import totp


def totp_sleutel(soort: str, swv: str, gebruikersnaam: str) -> str:
    """The TOTPDevice key (40 hex digits) of a demo or generated account; `soort` ("demo",
    "genereer-data") keeps the two sets of secrets apart."""
    return hashlib.sha1(  # noqa: S324  (a fixed test secret, not a hash for security)
        f"passend-{soort}:{swv}:{gebruikersnaam}".encode()
    ).hexdigest()


def totp_geheim(sleutel: str) -> str:
    """The secret as an authenticator app takes it (base32), for a TOTPDevice key (hex)."""
    return b32encode(bytes.fromhex(sleutel)).decode()


def huidige_code(geheim: str) -> str:
    """The code an authenticator app shows now for a base32 secret (spaces allowed), with
    django-otp's defaults: six digits, a new code every 30 seconds."""
    return f"{totp(b32decode(''.join(geheim.split()))):06d}"

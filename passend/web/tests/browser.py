"""Helpers for the browser tests: Debian's Chromium, the login form, TOTP codes and axe-core."""

import os
from base64 import b32decode
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from django_otp.oath import totp
from playwright.sync_api import Page

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def chromium_pad() -> str:
    """Debian's Chromium; never a downloaded browser. Missing fails in CI, skips elsewhere."""
    if CHROMIUM.is_file() and os.access(CHROMIUM, os.X_OK):
        return str(CHROMIUM)
    reden = f"{CHROMIUM} ontbreekt; installeer Chromium voor de browsertests (make chromium)."
    if os.environ.get("CI") == "true":
        pytest.fail(reden)
    pytest.skip(reden)


def aanmeldformulier_invullen(
    page: Page, *, organisatie: str, gebruikersnaam: str, wachtwoord: str, code: str = ""
) -> None:
    page.get_by_label("Organisatie", exact=True).fill(organisatie)
    page.get_by_label("Gebruikersnaam", exact=True).fill(gebruikersnaam)
    page.get_by_label("Wachtwoord", exact=True).fill(wachtwoord)
    page.get_by_label("Code", exact=True).fill(code)


def code_uit_geheim(geheim: str) -> str:
    """The code an authenticator app shows for the secret as the enrolment page displays it."""
    return f"{totp(b32decode(''.join(geheim.split()))):06d}"


def geen_axe_overtredingen(page: Page) -> None:
    # axe-core is injected with page.evaluate, which the CSP does not block: no bypass_csp.
    resultaat = Axe().run(page)
    assert resultaat.violations_count == 0, (
        f"axe-core op {page.url}:\n{resultaat.generate_report()}"
    )

"""Helpers for the browser tests: Debian's Chromium, the login form, TOTP codes and axe-core."""

import io
import json
import os
import re
from dataclasses import dataclass
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.core.management import call_command
from playwright.sync_api import Locator, Page, expect

from passend.accounts.tests.factories import code_uit_geheim

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


def geen_axe_overtredingen(page: Page) -> None:
    # axe-core is injected with page.evaluate, which the CSP does not block: no bypass_csp.
    resultaat = Axe().run(page)
    assert resultaat.violations_count == 0, (
        f"axe-core op {page.url}:\n{resultaat.generate_report()}"
    )


# Demo accounts and the steps every walkthrough repeats ------------------------------------

ORGANISATIE = "PO2806 PPO Rotterdam"
REFERENTIE = re.compile(r"^HV-\d{4}-\d{6}$")


@dataclass(frozen=True)
class DemoAccount:
    gebruikersnaam: str
    wachtwoord: str
    totp_secret: str


def demo_laden() -> dict[str, DemoAccount]:
    """Loads the demo inside the test; PPO Rotterdam's accounts by user name."""
    uit = io.StringIO()
    call_command("demo", "--json", stdout=uit)
    return {
        account["gebruikersnaam"]: DemoAccount(
            account["gebruikersnaam"], account["wachtwoord"], account["totp_secret"]
        )
        for account in json.loads(uit.getvalue())["accounts"]
        if account["organisatie"] == "PO2806"
    }


def inloggen(page: Page, account: DemoAccount, *, volgende_code: bool = False) -> None:
    """Stap 1: type "PPO", pick the organisation, then user name, password and code.
    `volgende_code`: the code of the next 30 seconds, for a second login of the same account
    in one test (a code is accepted once; the next one is within the allowed drift)."""
    page.goto("/aanmelden/")
    page.get_by_label("Organisatie", exact=True).press_sequentially("PPO")
    expect(page.locator(f'#organisaties option[value="{ORGANISATIE}"]')).to_have_count(1)
    aanmeldformulier_invullen(
        page,
        organisatie=ORGANISATIE,
        gebruikersnaam=account.gebruikersnaam,
        wachtwoord=account.wachtwoord,
        code=code_uit_geheim(account.totp_secret, verschuiving=int(volgende_code)),
    )
    page.get_by_role("button", name="Aanmelden").click()
    # The first page after login is "Mijn acties".
    expect(page.get_by_role("heading", name="Mijn acties")).to_be_visible()


def uitloggen(page: Page) -> None:
    page.locator("details.accountmenu > summary").click()
    page.get_by_role("button", name="Uitloggen").click()
    expect(page.get_by_role("status")).to_contain_text("U bent uitgelogd.")


def naar_hulpvragen(page: Page) -> None:
    hoofdmenu = page.get_by_role("navigation", name="Hoofdmenu")
    hoofdmenu.get_by_role("link", name="Hulpvragen").click()
    expect(page.get_by_role("heading", name="Hulpvragen", exact=True)).to_be_visible()


def tab_openen(page: Page, tab: str) -> None:
    page.get_by_role("navigation", name="Dossier").get_by_role("link", name=tab).click()
    expect(
        page.get_by_role("navigation", name="Dossier").get_by_role("link", name=tab)
    ).to_have_attribute("aria-current", "page")


def kenmerk(page: Page, naam: str) -> Locator:
    """The value beside a label in the detail page's list of kenmerken."""
    return page.locator(f'dl.kenmerken > dt:text-is("{naam}") + dd')


def opties(select: Locator) -> list[str]:
    return [tekst.strip() for tekst in select.locator("option").all_inner_texts()]


def fout_bij_veld(page: Page, veld: Locator, tekst: str) -> None:
    """The message in the field's own block, announced with the field by screen readers."""
    expect(page.locator(".veld--fout", has=veld)).to_contain_text(tekst)
    expect(veld).to_have_attribute("aria-invalid", "true")
    expect(veld).to_have_accessible_description(re.compile(re.escape(tekst)))


def open_hulpvraag(page: Page, leerling: str) -> str:
    """Clicks the reference of the pupil's row in the Hulpvragen list; returns it."""
    rij = page.get_by_role("row").filter(has_text=leerling)
    expect(rij).to_have_count(1)
    referentie = rij.get_by_role("link", name=REFERENTIE).inner_text()
    rij.get_by_role("link", name=referentie).click()
    expect(page).to_have_url(re.compile(f"/hulpvragen/{referentie}/$"))
    return referentie

"""Logging in, in a real browser (R12, R43): two factors, messages beside fields, enrolment."""

import re

import pytest
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import Page, expect

from passend.accounts.tests.factories import (
    WACHTWOORD,
    account_maken,
    code_uit_geheim,
    huidige_code,
)
from passend.organisaties.models import Samenwerkingsverband, School
from passend.web.tests.browser import aanmeldformulier_invullen, geen_axe_overtredingen

AANMELDPAGINA = re.compile(r"/aanmelden/(\?next=.*)?$")


@pytest.mark.browser
def test_r12_login_happy_path_in_chromium(
    page: Page, ppo: Samenwerkingsverband, school: School
) -> None:
    gebruiker = account_maken(ppo, scholen=(school,))
    page.goto("/aanmelden/")

    organisatie = page.get_by_label("Organisatie", exact=True)
    organisatie.press_sequentially("PPO")
    expect(organisatie).to_have_attribute("list", "organisaties")
    expect(page.locator('#organisaties option[value="PO2806 PPO Rotterdam"]')).to_have_count(1)

    aanmeldformulier_invullen(
        page,
        organisatie="PO2806 PPO Rotterdam",
        gebruikersnaam="iverhoef",
        wachtwoord=WACHTWOORD,
        code=huidige_code(gebruiker),
    )
    page.get_by_role("button", name="Aanmelden").click()

    expect(page).to_have_url(re.compile(r"/$"))
    expect(page.get_by_role("heading", name="Mijn acties")).to_be_visible()
    expect(page.get_by_text("Welkom, Ingrid.")).to_be_visible()
    hoofdmenu = page.get_by_role("navigation", name="Hoofdmenu")
    expect(hoofdmenu.get_by_role("link", name="Mijn acties")).to_have_attribute(
        "aria-current", "page"
    )
    wachtwoord_wijzigen = page.get_by_role("link", name="Wachtwoord wijzigen")
    uitloggen = page.get_by_role("button", name="Uitloggen")
    expect(wachtwoord_wijzigen).to_be_hidden()

    page.locator("details.accountmenu > summary").click()
    expect(wachtwoord_wijzigen).to_be_visible()
    expect(uitloggen).to_be_visible()
    uitloggen.click()

    expect(page).to_have_url(AANMELDPAGINA)
    expect(page.get_by_role("heading", name="Aanmelden")).to_be_visible()
    expect(page.get_by_role("status")).to_contain_text("U bent uitgelogd.")

    page.goto("/")
    expect(page).to_have_url(re.compile(r"/aanmelden/\?next=/$"))
    expect(page.get_by_role("heading", name="Aanmelden")).to_be_visible()


@pytest.mark.browser
def test_r12_p4_bad_input_messages_beside_fields_and_values_kept(
    page: Page, ppo: Samenwerkingsverband
) -> None:
    page.goto("/aanmelden/")
    aanmeldformulier_invullen(
        page, organisatie="Bestaat Niet", gebruikersnaam="", wachtwoord="x", code="12ab"
    )
    page.get_by_role("button", name="Aanmelden").click()

    verwacht = {
        "id_organisatie": "Geen organisatie gevonden bij ‘Bestaat Niet’",
        "id_gebruikersnaam": "Vul uw gebruikersnaam in.",
        "id_code": "De code bestaat uit 6 cijfers",
    }
    for veld_id, tekst in verwacht.items():
        veld = page.locator(f"#{veld_id}")
        fout = page.locator(f"#{veld_id}_error")
        expect(fout).to_contain_text(tekst)
        # The message sits in the field's own block, and screen readers announce it with it.
        expect(page.locator(".veld--fout", has=veld)).to_contain_text(tekst)
        expect(veld).to_have_attribute("aria-invalid", "true")
        beschreven_door = (veld.get_attribute("aria-describedby") or "").split()
        assert f"{veld_id}_error" in beschreven_door, (veld_id, beschreven_door)
        expect(veld).to_have_accessible_description(re.compile(re.escape(tekst)))

    expect(page.locator("#id_wachtwoord_error")).to_have_count(0)
    expect(page.get_by_label("Organisatie", exact=True)).to_have_value("Bestaat Niet")
    expect(page.get_by_label("Code", exact=True)).to_have_value("12ab")
    expect(page.get_by_label("Wachtwoord", exact=True)).to_have_value("")


@pytest.mark.browser
def test_r12_r43_first_login_enrols_authenticator(page: Page, ppo: Samenwerkingsverband) -> None:
    gebruiker = account_maken(ppo, rol="coordinator", met_authenticator=False)
    page.goto("/aanmelden/")
    aanmeldformulier_invullen(
        page, organisatie="PPO", gebruikersnaam="iverhoef", wachtwoord=WACHTWOORD
    )
    page.get_by_role("button", name="Aanmelden").click()

    expect(page).to_have_url(re.compile(r"/aanmelden/authenticator/$"))
    expect(page.get_by_role("heading", name="Authenticator-app instellen")).to_be_visible()
    expect(page.get_by_role("img", name=re.compile("QR-code")).locator("svg")).to_be_visible()
    expect(page.locator(".inhoud")).to_contain_text("‘Passend PO2806 PPO Rotterdam’")
    geheim = page.locator("#geheim").inner_text()
    assert re.fullmatch(r"[A-Z2-7]{4}( [A-Z2-7]{1,4})*", geheim), geheim

    page.get_by_label("Code", exact=True).fill(code_uit_geheim(geheim))
    page.get_by_role("button", name="Bevestigen").click()

    expect(page).to_have_url(re.compile(r"/$"))
    expect(page.get_by_role("heading", name="Mijn acties")).to_be_visible()
    expect(page.get_by_text("Welkom, Ingrid.")).to_be_visible()
    expect(page.get_by_role("status")).to_contain_text("Uw authenticator-app is ingesteld.")
    assert TOTPDevice.objects.filter(user=gebruiker, confirmed=True).count() == 1
    geen_axe_overtredingen(page)

    page.goto("/account/")
    expect(page.get_by_role("heading", name="Mijn account")).to_be_visible()
    geen_axe_overtredingen(page)


@pytest.mark.browser
def test_login_and_enrolment_pages_have_no_axe_violations(
    page: Page, ppo: Samenwerkingsverband
) -> None:
    account_maken(ppo, rol="coordinator", met_authenticator=False)

    page.goto("/aanmelden/")
    geen_axe_overtredingen(page)

    aanmeldformulier_invullen(
        page, organisatie="Bestaat Niet", gebruikersnaam="", wachtwoord="x", code="12ab"
    )
    page.get_by_role("button", name="Aanmelden").click()
    expect(page.locator(".veld--fout").first).to_be_visible()
    geen_axe_overtredingen(page)

    aanmeldformulier_invullen(
        page, organisatie="PO2806", gebruikersnaam="iverhoef", wachtwoord=WACHTWOORD
    )
    page.get_by_role("button", name="Aanmelden").click()
    expect(page.get_by_role("heading", name="Authenticator-app instellen")).to_be_visible()
    geen_axe_overtredingen(page)

    page.goto("/wachtwoord-vergeten/")
    expect(page.get_by_role("heading", name="Wachtwoord vergeten")).to_be_visible()
    geen_axe_overtredingen(page)

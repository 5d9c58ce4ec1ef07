"""SWV-beheer's accounts end to end in Chromium (issue 16; R42, R43, B11): the demo's
applicatiebeheerder invites a new IB'er, who activates with a password and an authenticator
app and logs in; then "I have a new phone": the beheerder records the identity check, the old
authenticator stops at once, the mailed link enrols a new one and the old codes are refused.
axe-core on every SWV-beheer page. Mails land in the local mailbox's catcher."""

import re
from base64 import b32decode
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect
from pytest_django import Settings
from pytest_django.live_server_helper import LiveServer

from passend.accounts.models import Gebruiker
from passend.accounts.tests.factories import account_maken, code_uit_geheim, totp_code
from passend.hulpvragen.models import Hulpvraag
from passend.hulpvragen.services import hulpvraag_status_wijzigen
from passend.hulpvragen.tests.factories import hulpvraag_op_school
from passend.organisaties.models import School
from passend.web.tests.browser import (
    ORGANISATIE,
    aanmeldformulier_invullen,
    demo_laden,
    geen_axe_overtredingen,
    inloggen,
    uitloggen,
)
from passend.web.tests.test_browser_overlegronde import mails_aan

NIEUW_EMAIL = "m.dekker@regenboog.example.nl"
WACHTWOORD = "Dinsdag-is-de-IB-dag-op-school"


def _aanmelden(page: Page, code: str) -> None:
    page.goto("/aanmelden/")
    aanmeldformulier_invullen(
        page, organisatie=ORGANISATIE, gebruikersnaam="mdekker", wachtwoord=WACHTWOORD, code=code
    )
    page.get_by_role("button", name="Aanmelden").click()


@pytest.mark.browser
def test_r42_r43_b11_invite_activate_login_then_lost_phone_reset_old_codes_refused(
    page: Page,
    browser: Browser,
    live_server: LiveServer,
    settings: Settings,
    tmp_path: Path,
) -> None:
    settings.PASSEND_LOKALE_MAILBOX = True
    settings.EMAIL_BACKEND = "passend.notificaties.opvang.OpvangBackend"
    settings.PASSEND_MAIL_MAP = tmp_path / "mail"
    settings.PASSEND_BASIS_URL = live_server.url
    accounts = demo_laden()

    # The beheerder finds the screens through the menu.
    inloggen(page, accounts["bhendriks"])
    page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="SWV-beheer").click()
    expect(page.get_by_role("heading", name="SWV-beheer")).to_be_visible()
    geen_axe_overtredingen(page)
    page.get_by_role("link", name="Accounts", exact=True).click()
    expect(page.get_by_role("heading", name="Accounts")).to_be_visible()
    page.get_by_label("Rol").select_option(label="Applicatiebeheerder")
    page.get_by_role("button", name="Tonen").click()
    expect(page.get_by_role("cell", name="bhendriks", exact=True)).to_be_visible()
    expect(page.get_by_role("cell", name="iverhoef", exact=True)).to_have_count(0)
    geen_axe_overtredingen(page)

    # B11: invite; an e-mail already in this SWV is refused beside the field, nothing lost.
    page.get_by_role("link", name="Account uitnodigen").first.click()
    expect(page.get_by_role("heading", name="Account uitnodigen")).to_be_visible()
    geen_axe_overtredingen(page)
    page.get_by_label("Gebruikersnaam").fill("mdekker")
    page.get_by_label("Voornaam").fill("Marit")
    page.get_by_label("Achternaam").fill("Dekker")
    page.get_by_label("E-mailadres").fill("iverhoef@po2806.demo.passend.nl")
    page.get_by_label("Intern begeleider").check()
    page.locator("fieldset", has_text="Scholen").locator("input").first.check()
    page.get_by_role("button", name="Uitnodigen").click()
    expect(page.locator(".veld--fout")).to_contain_text("al een account met dit e-mailadres")
    expect(page.get_by_label("Voornaam")).to_have_value("Marit")
    geen_axe_overtredingen(page)
    page.get_by_label("E-mailadres").fill(NIEUW_EMAIL)
    page.get_by_role("button", name="Uitnodigen").click()
    expect(page.get_by_role("status")).to_contain_text("Marit Dekker is uitgenodigd")
    expect(page.get_by_role("heading", name="Marit Dekker")).to_be_visible()
    geen_axe_overtredingen(page)
    account_url = page.url

    mails = mails_aan(settings.PASSEND_MAIL_MAP, NIEUW_EMAIL)
    assert len(mails) == 1
    link = re.search(r"http://\S+/activeren/\S+/", mails[0])
    assert link is not None

    # The invitee activates in a browser of her own: password, then the authenticator app.
    ib = browser.new_context(base_url=live_server.url, locale="nl-NL").new_page()
    ib.set_default_timeout(10_000)
    ib.goto(link.group(0))
    ib.get_by_label("Nieuw wachtwoord").fill(WACHTWOORD)
    ib.get_by_label("Herhaal het wachtwoord").fill(WACHTWOORD)
    ib.get_by_role("button", name="Wachtwoord opslaan").click()
    expect(ib.get_by_role("heading", name="Authenticator-app instellen")).to_be_visible()
    # R43: the entry in the app names the SWV.
    expect(ib.get_by_text("Passend PO2806 PPO Rotterdam").first).to_be_visible()
    oud_geheim = ib.locator("#geheim").inner_text()
    ib.get_by_label("Code", exact=True).fill(code_uit_geheim(oud_geheim))
    ib.get_by_role("button", name="Bevestigen").click()
    expect(ib.get_by_role("heading", name="Mijn acties")).to_be_visible()
    # And logs in again with both factors (the next code: a code works once).
    uitloggen(ib)
    _aanmelden(ib, totp_code(b32decode("".join(oud_geheim.split())), verschuiving=1))
    expect(ib.get_by_role("heading", name="Mijn acties")).to_be_visible()

    # "I have a new phone": the beheerder checks who calls and records it.
    page.goto(account_url)
    page.reload()
    expect(page.locator("dl.kenmerken")).to_contain_text("authenticator-app ingesteld")
    page.get_by_role("link", name="Authenticator-app herstellen").click()
    geen_axe_overtredingen(page)
    page.get_by_label("Identiteit gecontroleerd door").fill("")
    page.get_by_role("button", name="Herstellen").click()
    expect(page.locator(".veld--fout").first).to_be_visible()
    geen_axe_overtredingen(page)
    page.get_by_label("Identiteit gecontroleerd door").fill("Bram Hendriks")
    page.get_by_label("Hoe is de identiteit gecontroleerd?").fill(
        "Teruggebeld op het nummer van De Regenboog"
    )
    page.get_by_role("button", name="Herstellen").click()
    expect(page.get_by_role("status")).to_contain_text("De oude authenticator-app werkt niet meer")
    expect(page.locator("dl.kenmerken")).to_contain_text("niet ingesteld")

    # Her session ended at once; the old codes and the password alone do not get her in.
    ib.reload()
    expect(ib.get_by_role("button", name="Aanmelden")).to_be_visible()
    _aanmelden(ib, totp_code(b32decode("".join(oud_geheim.split())), verschuiving=-1))
    expect(ib.get_by_role("alert")).to_contain_text("link uit de e-mail")

    mails = mails_aan(settings.PASSEND_MAIL_MAP, NIEUW_EMAIL)
    assert len(mails) == 2
    herstel = re.search(r"http://\S+/authenticator-herstellen/\S+/", mails[1])
    assert herstel is not None
    ib.goto(herstel.group(0))
    expect(ib.get_by_role("heading", name="Nieuwe authenticator-app instellen")).to_be_visible()
    geen_axe_overtredingen(ib)
    ib.get_by_label("Uw wachtwoord").fill(WACHTWOORD)
    ib.get_by_role("button", name="Verder").click()
    expect(ib.get_by_role("heading", name="Authenticator-app instellen")).to_be_visible()
    nieuw_geheim = ib.locator("#geheim").inner_text()
    assert nieuw_geheim != oud_geheim
    ib.get_by_label("Code", exact=True).fill(code_uit_geheim(nieuw_geheim))
    ib.get_by_role("button", name="Bevestigen").click()
    expect(ib.get_by_role("heading", name="Mijn acties")).to_be_visible()
    # The link worked once; the old app's codes stay refused.
    ib.goto(herstel.group(0))
    expect(ib.get_by_role("alert")).to_contain_text("al gebruikt")
    geen_axe_overtredingen(ib)
    uitloggen(ib)
    _aanmelden(ib, totp_code(b32decode("".join(oud_geheim.split())), verschuiving=1))
    expect(ib.get_by_role("alert")).to_contain_text("Aanmelden is niet gelukt")
    ib.context.close()

    # The remaining page: deactivation with the open work listed.
    page.get_by_role("link", name="Account uitzetten").click()
    expect(page.get_by_role("heading", name="Account uitzetten: Marit Dekker")).to_be_visible()
    geen_axe_overtredingen(page)


@pytest.mark.browser
def test_r44_staff_change_of_a_leaving_ib_with_three_open_hulpvragen_in_one_action(
    page: Page, live_server: LiveServer, settings: Settings, tmp_path: Path
) -> None:
    """The leaving IB'er of De Regenboog has three open hulpvragen; the beheerder moves them to
    the new IB'er in one action, after a preview; the next status mail goes to the new one."""
    settings.PASSEND_LOKALE_MAILBOX = True
    settings.EMAIL_BACKEND = "passend.notificaties.opvang.OpvangBackend"
    settings.PASSEND_MAIL_MAP = tmp_path / "mail"
    settings.PASSEND_BASIS_URL = live_server.url
    accounts = demo_laden()
    regenboog = School.objects.get(code="12AB00")
    ppo = regenboog.swv
    vertrekt = account_maken(ppo, "lvertrek", scholen=(regenboog,), email="l.vertrek@example.nl")
    Gebruiker.objects.filter(pk=vertrekt.pk).update(voornaam="Lotte", achternaam="Vertrek")
    opvolger = account_maken(ppo, "nopvolg", scholen=(regenboog,), email="n.opvolg@example.nl")
    Gebruiker.objects.filter(pk=opvolger.pk).update(voornaam="Noor", achternaam="Opvolger")
    hulpvragen = [
        hulpvraag_op_school(vertrekt, regenboog, roepnaam=naam, achternaam="Wissel")
        for naam in ("Anna", "Bram", "Cas")
    ]
    # While the leaving IB'er was the aanvrager, each submission sent them its receipt.
    ontvangen_voor_wissel = mails_aan(settings.PASSEND_MAIL_MAP, "l.vertrek@example.nl")
    assert len(ontvangen_voor_wissel) == 3

    inloggen(page, accounts["bhendriks"])
    page.goto("/swv-beheer/overzicht/")
    page.get_by_role("link", name="Personeelswissel").click()
    expect(page.get_by_role("heading", name="Personeelswissel")).to_be_visible()
    geen_axe_overtredingen(page)
    page.get_by_label("Vertrekkende medewerker").select_option(label="Lotte Vertrek (lvertrek)")
    page.get_by_label("Neemt het werk over").select_option(label="Noor Opvolger (nopvolg)")
    page.get_by_role("button", name="Voorbeeld tonen").click()
    tabel = page.get_by_role("table", name="Hulpvragen die overgaan")
    for hulpvraag in hulpvragen:
        expect(tabel).to_contain_text(hulpvraag.referentie)
    geen_axe_overtredingen(page)
    page.get_by_role("button", name="3 hulpvragen overdragen").click()
    expect(page.get_by_role("status")).to_contain_text(
        "Overgedragen aan Noor Opvolger: 3 hulpvraag/hulpvragen"
    )
    for hulpvraag in hulpvragen:
        schoolgegevens = Hulpvraag.objects.get(pk=hulpvraag.pk).schoolgegevens
        assert schoolgegevens.aanvrager_id == opvolger.pk
        assert schoolgegevens.email == "n.opvolg@example.nl"
    samenvatting = mails_aan(settings.PASSEND_MAIL_MAP, "n.opvolg@example.nl")
    assert len(samenvatting) == 1
    assert all(h.referentie in samenvatting[0] for h in hulpvragen)
    assert "Anna" not in samenvatting[0] and "Wissel" not in samenvatting[0]

    # The SWV changes a status: the mail goes to the new IB'er, not to the one who left.
    hulpvraag = Hulpvraag.objects.get(pk=hulpvragen[0].pk)
    hulpvraag_status_wijzigen(
        hulpvraag=hulpvraag,
        naar=hulpvraag.status.proces.statussen.get(naam="Dossier incompleet"),
        door=Gebruiker.objects.get(swv=ppo, gebruikersnaam="pjansen"),
        reden="Het OPP ontbreekt.",
    )
    statusmails = mails_aan(settings.PASSEND_MAIL_MAP, "n.opvolg@example.nl")
    assert len(statusmails) == 2 and hulpvraag.referentie in statusmails[1]
    assert mails_aan(settings.PASSEND_MAIL_MAP, "l.vertrek@example.nl") == ontvangen_voor_wissel


@pytest.mark.browser
def test_r45_school_renamed_with_history_and_every_school_page_passes_axe(
    page: Page, live_server: LiveServer
) -> None:
    accounts = demo_laden()
    inloggen(page, accounts["bhendriks"])
    page.goto("/swv-beheer/overzicht/")
    page.get_by_role("link", name="Scholen", exact=True).click()
    expect(page.get_by_role("heading", name="Scholen")).to_be_visible()
    geen_axe_overtredingen(page)
    page.get_by_role("link", name="Nieuwe school").click()
    page.get_by_label("BRIN en vestiging").fill("12A")
    page.get_by_label("Naam").fill("De Horizon")
    page.get_by_role("button", name="Toevoegen").click()
    expect(page.get_by_label("Naam")).to_have_value("De Horizon")
    expect(page.locator(".veld--fout").first).to_be_visible()
    geen_axe_overtredingen(page)
    page.goto("/swv-beheer/scholen/")
    page.get_by_role("link", name="De Regenboog").click()
    page.get_by_label("Naam").fill("De Regenboog Slinge")
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_role("status")).to_contain_text("opgeslagen")
    geschiedenis = page.get_by_role("table", name="Geschiedenis")
    expect(geschiedenis).to_contain_text("De Regenboog")
    expect(geschiedenis).to_contain_text("De Regenboog Slinge")
    geen_axe_overtredingen(page)
    page.get_by_role("link", name="School sluiten").click()
    expect(page.get_by_role("heading", name="School sluiten: De Regenboog Slinge")).to_be_visible()
    geen_axe_overtredingen(page)


@pytest.mark.browser
def test_r33_besturen_pages_pass_axe_and_refuse_an_end_before_signing(
    page: Page, live_server: LiveServer
) -> None:
    accounts = demo_laden()
    inloggen(page, accounts["bhendriks"])
    page.goto("/swv-beheer/overzicht/")
    page.get_by_role("link", name="Besturen", exact=True).click()
    expect(page.get_by_role("heading", name="Besturen")).to_be_visible()
    geen_axe_overtredingen(page)
    page.get_by_role("table", name="Besturen").get_by_role("link").first.click()
    page.get_by_label("Verwerkersovereenkomst getekend op").fill("01-09-2025")
    page.get_by_label("Verwerkersovereenkomst loopt af op").fill("31-08-2025")
    page.get_by_role("button", name="Opslaan").click()
    expect(page.locator(".veld--fout").first).to_contain_text("vóór de datum")
    expect(page.get_by_label("Verwerkersovereenkomst loopt af op")).to_have_value("31-08-2025")
    geen_axe_overtredingen(page)
    page.get_by_label("Verwerkersovereenkomst loopt af op").fill("31-08-2029")
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_role("status")).to_contain_text("opgeslagen")
    page.goto("/swv-beheer/scholen/")
    expect(page.get_by_role("link", name="Schoollijst downloaden (CSV)")).to_be_visible()

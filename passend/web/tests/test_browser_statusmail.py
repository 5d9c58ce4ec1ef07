"""The status mail (R19) end to end in Chromium: the schoolcontactpersoon sets "Dossier
incompleet", the mail lands in the local mailbox (`make run`'s mail catcher), and its link takes
the intern begeleider, through the login page, to the hulpvraag.

The data is the demo's (`manage.py demo --json`), so the walkthrough is the one a person can
repeat by hand on `make run`: log in as pjansen, change the status, open /lokale-mailbox/."""

import re
from email import message_from_bytes, policy
from email.message import EmailMessage
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect
from pytest_django import Settings
from pytest_django.live_server_helper import LiveServer

from passend.accounts.tests.factories import code_uit_geheim
from passend.web.tests.browser import (
    ORGANISATIE,
    aanmeldformulier_invullen,
    demo_laden,
    geen_axe_overtredingen,
    inloggen,
    kenmerk,
    naar_hulpvragen,
    open_hulpvraag,
    uitloggen,
)

REDEN = "Het OPP ontbreekt nog."
HSCHAAP_EMAIL = "hschaap@po2806.demo.passend.nl"
# P3: a status mail names no pupil; the demo's hulpvraag is Pedro Fortes Monteiro's, born
# 12-04-2015, titled "Ambulante Begeleiding" with the omschrijving "Op het gebied van gedrag.".
VERBODEN_IN_MAIL = [
    "Pedro",
    "Fortes",
    "Monteiro",
    "12-04-2015",
    "2015-04-12",
    "Ambulante Begeleiding",
    "Op het gebied van gedrag",
]


def opgevangen_eml(map_: Path) -> list[EmailMessage]:
    """The mails the catcher wrote, parsed; what the mail server would have received."""
    mails = []
    for pad in sorted(map_.glob("*.eml")):
        mail = message_from_bytes(pad.read_bytes(), policy=policy.default)
        assert isinstance(mail, EmailMessage)
        mails.append(mail)
    return mails


@pytest.mark.browser
def test_r19_scp_sets_incompleet_ib_reads_mail_in_local_mailbox_and_link_opens_hulpvraag(
    page: Page, live_server: LiveServer, settings: Settings, tmp_path: Path
) -> None:
    # The mailbox only answers in a local run; the catcher writes into this test's own folder,
    # and the link in the mail points at the test server. The live server thread reads the
    # same settings object, so the delivery after commit uses these too.
    settings.PASSEND_LOKALE_MAILBOX = True
    settings.EMAIL_BACKEND = "passend.notificaties.opvang.OpvangBackend"
    settings.PASSEND_MAIL_MAP = tmp_path / "mail"
    settings.PASSEND_BASIS_URL = live_server.url
    accounts = demo_laden()

    # Loading the demo mails nobody: its hulpvraag is created, its status never changed.
    page.goto("/lokale-mailbox/")
    expect(page.get_by_role("heading", name="Lokale mailbox")).to_be_visible()
    expect(page.get_by_text("Nog geen e-mails.")).to_be_visible()

    # The schoolcontactpersoon finds the file incomplete.
    inloggen(page, accounts["pjansen"])
    naar_hulpvragen(page)
    referentie = open_hulpvraag(page, "Pedro Fortes Monteiro")
    expect(kenmerk(page, "Status")).to_have_text("Aanmelding")
    expect(kenmerk(page, "Schoolgegevens")).to_have_text("Het Kompas (23CD00) (Herbert Schaap)")
    page.get_by_role("link", name="Status wijzigen").click()
    expect(page.get_by_role("heading", name="Status wijzigen")).to_be_visible()
    page.get_by_label("Nieuwe status").select_option(label="Dossier incompleet")
    page.get_by_label("Reden").fill(REDEN)
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_role("status")).to_contain_text(
        "De status is gewijzigd in ‘Dossier incompleet’."
    )
    expect(kenmerk(page, "Status")).to_have_text("Dossier incompleet")
    uitloggen(page)

    # The mail as the catcher stored it: one message, to the aanvrager (who is also the
    # contactpersoon, so the address appears once), without anything about the pupil.
    link = f"{live_server.url}/hulpvragen/{referentie}/"
    onderwerp = f"Status van hulpvraag {referentie} gewijzigd: Dossier incompleet"
    eml = opgevangen_eml(settings.PASSEND_MAIL_MAP)
    assert len(eml) == 1, [mail["Subject"] for mail in eml]
    assert eml[0]["Subject"] == onderwerp
    assert eml[0]["To"] == HSCHAAP_EMAIL
    tekst = eml[0].get_body(preferencelist=("plain",))
    assert tekst is not None
    inhoud = f"{eml[0]['Subject']}\n{tekst.get_content()}"
    assert REDEN in inhoud
    assert link in inhoud
    for verboden in VERBODEN_IN_MAIL:
        assert verboden not in inhoud, f"{verboden!r} staat in de statusmail:\n{inhoud}"

    # The same mail in the local mailbox, readable without logging in.
    page.goto("/lokale-mailbox/")
    expect(page.get_by_role("heading", name="Lokale mailbox")).to_be_visible()
    mails = page.locator("article.mail")
    expect(mails).to_have_count(1)
    mail = mails.first
    expect(mail.get_by_role("heading", level=2)).to_have_text(
        re.compile(r"^Status van hulpvraag HV-\d{4}-\d{6} gewijzigd: Dossier incompleet$")
    )
    expect(mail.get_by_role("heading", level=2)).to_have_text(onderwerp)
    expect(mail.locator(".mail__kop")).to_contain_text(f"Aan: {HSCHAAP_EMAIL}")
    expect(mail.locator(".mail__tekst")).to_contain_text(f"Reden:\n{REDEN}")
    expect(mail.locator(".mail__tekst")).to_contain_text("Er is actie van u nodig")
    for verboden in VERBODEN_IN_MAIL:
        expect(mail).not_to_contain_text(verboden)
    mail_link = mail.get_by_role("link", name=link)
    expect(mail_link).to_have_count(1)
    expect(mail_link).to_have_attribute("href", link)
    geen_axe_overtredingen(page)

    # The link asks the intern begeleider to log in first, and the login form keeps where to.
    mail_link.click()
    expect(page).to_have_url(re.compile(r"/aanmelden/\?next="))
    expect(page.get_by_role("heading", name="Aanmelden")).to_be_visible()
    expect(page.locator('input[type="hidden"][name="next"]')).to_have_value(
        f"/hulpvragen/{referentie}/"
    )
    hschaap = accounts["hschaap"]
    aanmeldformulier_invullen(
        page,
        organisatie=ORGANISATIE,
        gebruikersnaam=hschaap.gebruikersnaam,
        wachtwoord=hschaap.wachtwoord,
        code=code_uit_geheim(hschaap.totp_secret),
    )
    page.get_by_role("button", name="Aanmelden").click()

    # ... and lands on the hulpvraag, with the reason where the school acts on it.
    expect(page).to_have_url(link)
    expect(page.get_by_text(referentie)).to_be_visible()
    expect(page.get_by_role("heading", name="Ambulante Begeleiding")).to_be_visible()
    expect(kenmerk(page, "Status")).to_have_text("Dossier incompleet")
    actie = page.locator(".waarschuwing")
    expect(actie).to_contain_text("Actie van de school nodig")
    expect(actie).to_contain_text(f"Reden: {REDEN}")
    geen_axe_overtredingen(page)

    # Outside a local run (production, or mail through a server) the mailbox does not exist.
    settings.PASSEND_LOKALE_MAILBOX = False
    antwoord = page.goto("/lokale-mailbox/")
    assert antwoord is not None
    assert antwoord.status == 404
    expect(page.get_by_role("heading", name="Pagina niet gevonden")).to_be_visible()
    expect(page.locator("article.mail")).to_have_count(0)

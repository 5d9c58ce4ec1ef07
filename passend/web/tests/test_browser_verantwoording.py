"""The audit viewer end to end in Chromium (issue 17 item 1; B8, P2): the demo's IB'er opens a
hulpvraag; the demo's privacy officer logs in, lands on the Inzagelog, finds that read by the
IB'er's user name, opens the pupil's timeline "Wie zag of wijzigde wat", and gets a Dutch
message beside the field for a period that ends before it starts. axe-core on every page."""

import re

import pytest
from playwright.sync_api import Page, expect
from pytest_django.live_server_helper import LiveServer

from passend.accounts.tests.factories import code_uit_geheim
from passend.web.tests.browser import (
    ORGANISATIE,
    aanmeldformulier_invullen,
    demo_laden,
    fout_bij_veld,
    geen_axe_overtredingen,
    inloggen,
    naar_hulpvragen,
    open_hulpvraag,
    uitloggen,
)


@pytest.mark.browser
def test_p2_b8_privacy_officer_finds_who_read_a_pupils_hulpvraag(
    page: Page, live_server: LiveServer
) -> None:
    accounts = demo_laden()

    # The IB'er reads a hulpvraag of Zoë Jansen.
    inloggen(page, accounts["iverhoef"])
    naar_hulpvragen(page)
    referentie = open_hulpvraag(page, "Zoë Jansen")
    uitloggen(page)

    # The privacy officer's first page is the Inzagelog, with one sentence on what it is for.
    privacy = accounts["privacy"]
    page.goto("/aanmelden/")
    aanmeldformulier_invullen(
        page,
        organisatie=ORGANISATIE,
        gebruikersnaam=privacy.gebruikersnaam,
        wachtwoord=privacy.wachtwoord,
        code=code_uit_geheim(privacy.totp_secret),
    )
    page.get_by_role("button", name="Aanmelden").click()
    expect(page.get_by_role("heading", name="Inzagelog")).to_be_visible()
    hoofdmenu = page.get_by_role("navigation", name="Hoofdmenu")
    expect(hoofdmenu.get_by_role("link", name="Inzagelog")).to_be_visible()
    expect(hoofdmenu.get_by_role("link", name="Hulpvragen")).to_have_count(0)
    geen_axe_overtredingen(page)

    page.get_by_label("Gebruikersnaam").fill("iverhoef")
    page.get_by_label("Hulpvraag").fill(referentie)
    page.get_by_role("button", name="Tonen").click()
    rij = page.get_by_role("row").filter(has_text="hulpvraag bekeken")
    expect(rij.first).to_contain_text("medewerker van de school van de leerling")
    expect(rij.first).to_contain_text("Passend (web)")
    geen_axe_overtredingen(page)

    # The pupil's timeline.
    rij.first.get_by_role("link", name="Zoë Jansen").click()
    expect(page.get_by_role("heading", name="Wie zag of wijzigde wat")).to_be_visible()
    expect(page.get_by_role("row").filter(has_text="hulpvraag bekeken").first).to_contain_text(
        "iverhoef"
    )
    geen_axe_overtredingen(page)

    # Login events, and a period that ends before it starts.
    page.get_by_role("link", name="Inzagelog").first.click()
    page.get_by_label("Soort").select_option(label="Aanmeldingen")
    page.get_by_role("button", name="Tonen").click()
    expect(page.get_by_role("row").filter(has_text="aanmelden gelukt").first).to_be_visible()
    page.get_by_label("Van").fill("10-03-2026")
    page.get_by_label("Tot en met").fill("01-03-2026")
    page.get_by_role("button", name="Tonen").click()
    fout_bij_veld(
        page,
        page.get_by_label("Tot en met"),
        "De einddatum ligt voor de begindatum. Kies een datum vanaf 10-03-2026.",
    )
    expect(page.get_by_label("Tot en met")).to_have_value("01-03-2026")
    expect(page).to_have_url(re.compile(r"tot=01-03-2026"))
    geen_axe_overtredingen(page)

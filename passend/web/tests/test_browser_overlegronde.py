"""The overlegronde end to end in Chromium (issue 13, R33-R40): the IB'er of De Regenboog makes
an "Informatieuitwisseling overig" hulpvraag with an attachment and starts a round with an
existing participant (the demo's external account yakbar) and a new one; the new participant
activates (password and authenticator app) through the mailed link, reads the shared
attachment and reacts; the other participant and the IB'er get the mail; with the round's
einddatum inzage behind the clock, every content URL gives the expiry message, in the same
session. axe-core on every new page.

The data is the demo's; mails land in the local mailbox's catcher, as in test_browser_statusmail.
The clock is "moved" by moving the round's dates into the past in the database (no service
allows that): what the pages compare is today's date against those dates, on every request.
"""

import re
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from django.utils import timezone
from playwright.sync_api import Browser, Page, expect
from pytest_django import Settings
from pytest_django.live_server_helper import LiveServer

from passend.accounts.tests.factories import code_uit_geheim
from passend.bijlagen.tests import bestanden
from passend.dossiers.models import Leerling
from passend.overlegrondes.models import Overlegronde
from passend.web.tests.browser import demo_laden, geen_axe_overtredingen, inloggen
from passend.web.tests.test_browser_statusmail import opgevangen_eml

NIEUW_EMAIL = "s.dewit@praktijk.example.nl"
VERBODEN_IN_MAIL = [
    "Zoë",
    "Jansen",
    "01-05-2016",
    "logopedie",
    "taalontwikkeling",
    "Informatieuitwisseling",
]


def mails_aan(map_: Path, adres: str) -> list[str]:
    return [
        str(mail["Subject"]) + "\n" + mail.get_content()
        for mail in opgevangen_eml(map_)
        if adres in str(mail["To"])
    ]


@pytest.mark.browser
def test_r33_r40_ib_starts_a_round_new_participant_activates_reads_reacts_and_expiry(
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
    pdf = bestanden.schrijven(tmp_path / "Verslag logopedie.pdf", bestanden.pdf())
    advies = bestanden.schrijven(tmp_path / "Advies.txt", b"Oefenen met klanken.\n")

    # R35: the IB'er makes an "Informatieuitwisseling overig" for Zoë Jansen.
    inloggen(page, accounts["iverhoef"])
    zoe = Leerling.objects.get(roepnaam="Zoë", achternaam="Jansen")
    page.goto(f"/dossiers/{zoe.pk}/hulpvragen/")
    page.get_by_role("link", name="Nieuwe hulpvraag toevoegen").click()
    page.get_by_label("Titel").select_option(label="Informatieuitwisseling overig")
    page.get_by_label("Omschrijving").fill("Verslag ten behoeve van logopedie.")
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_role("status")).to_contain_text("Voorlopige aanmelding")

    # The attachment to share.
    page.get_by_role("link", name="0 Bijlagen").click()
    page.get_by_role("link", name="+ Bijlage toevoegen").click()
    page.get_by_label("Bestanden").set_input_files([pdf])
    page.get_by_label("Soort document").select_option(label="Verslag of rapport")
    page.get_by_role("button", name="Toevoegen").click()
    expect(page.get_by_role("status")).to_contain_text("toegevoegd")
    page.get_by_role("link", name="Sluiten").click()

    # R33, R36: the tab, then "Nieuwe overlegronde toevoegen".
    page.get_by_role("link", name="0 Overlegrondes").click()
    expect(page.get_by_role("heading", name="Overlegrondes hulpvraag")).to_be_visible()
    geen_axe_overtredingen(page)
    page.get_by_role("link", name="Nieuwe overlegronde toevoegen").click()
    expect(page.get_by_role("heading", name="Nieuwe overlegronde toevoegen")).to_be_visible()
    reacties = page.get_by_label("Einddatum reacties").input_value()
    inzage = page.get_by_label("Einddatum inzage").input_value()
    assert datetime.strptime(inzage, "%d-%m-%Y") - datetime.strptime(
        reacties, "%d-%m-%Y"
    ) == timedelta(days=7)
    page.wait_for_load_state()  # the page's script is in place
    # Changing the reacties date moves inzage along; a shorter gap warns with a suggestion.
    later = timezone.localdate() + timedelta(days=20)
    page.get_by_label("Einddatum reacties").fill(f"{later:%d-%m-%Y}")
    expect(page.get_by_label("Einddatum inzage")).to_have_value(
        f"{later + timedelta(days=7):%d-%m-%Y}"
    )
    page.get_by_label("Einddatum inzage").fill(f"{later + timedelta(days=3):%d-%m-%Y}")
    expect(page.locator("#datums-melding")).to_have_text(
        "Kies de einddatum inzage minstens zeven dagen na de einddatum reacties, bijvoorbeeld "
        f"{later + timedelta(days=7):%d-%m-%Y}."
    )
    page.get_by_label("Einddatum inzage").fill(f"{later + timedelta(days=7):%d-%m-%Y}")
    expect(page.locator("#datums-melding")).to_have_text("")
    geen_axe_overtredingen(page)
    page.get_by_label("Onderwerp").fill("Advies taalontwikkeling")
    page.get_by_label("Omschrijving").fill("Graag uw advies over de taalontwikkeling.")
    page.get_by_label("Verslag logopedie.pdf").check()

    # R37: an existing participant by keyboard: search, tick with Space, Toevoegen with Enter.
    page.get_by_label("Zoeken op naam of e-mailadres").fill("Akbar")
    page.get_by_role("button", name="Zoeken", exact=True).click()
    vinkje = page.get_by_label("Yasmina Akbar (yakbar@po2806.demo.passend.nl)")
    vinkje.focus()
    page.keyboard.press("Space")
    expect(vinkje).to_be_checked()
    page.get_by_role("button", name="Toevoegen aan geselecteerde deelnemers").focus()
    page.keyboard.press("Enter")
    geselecteerd = page.get_by_role("region", name="Geselecteerde deelnemers")
    expect(geselecteerd).to_contain_text("Yasmina Akbar")
    # A new user by mouse; what was typed above is kept.
    page.get_by_label("Voornaam", exact=True).fill("Sanne")
    page.get_by_label("Achternaam", exact=True).fill("de Wit")
    page.get_by_label("E-mailadres", exact=True).fill(NIEUW_EMAIL)
    page.get_by_label("Specialisme").fill("logopedist")
    page.get_by_role("button", name="Toevoegen", exact=True).click()
    expect(geselecteerd).to_contain_text("Sanne de Wit")
    expect(page.get_by_label("Onderwerp")).to_have_value("Advies taalontwikkeling")
    geen_axe_overtredingen(page)
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_role("status")).to_contain_text("De overlegronde is opgeslagen.")
    expect(
        page.get_by_role("heading", name="Overlegronde: Advies taalontwikkeling")
    ).to_be_visible()
    geen_axe_overtredingen(page)
    ronde = Overlegronde.objects.get(onderwerp="Advies taalontwikkeling")

    # R38: the mails name the round, no pupil; the new participant's holds the activation link.
    uitnodiging = mails_aan(settings.PASSEND_MAIL_MAP, NIEUW_EMAIL)
    assert len(uitnodiging) == 1
    assert mails_aan(settings.PASSEND_MAIL_MAP, "yakbar@po2806.demo.passend.nl")
    for tekst in uitnodiging:
        assert ronde.referentie in tekst
        for verboden in VERBODEN_IN_MAIL:
            assert verboden not in tekst, verboden
    link = re.search(r"http://\S+/activeren/\S+/", uitnodiging[0])
    assert link is not None

    # The new participant activates in a browser of her own.
    deelnemer = browser.new_context(base_url=live_server.url, locale="nl-NL").new_page()
    deelnemer.set_default_timeout(10_000)
    deelnemer.goto(link.group(0))
    expect(deelnemer.get_by_role("heading", name="Account activeren")).to_be_visible()
    geen_axe_overtredingen(deelnemer)
    deelnemer.get_by_label("Nieuw wachtwoord").fill("Logopedie-op-dinsdagmiddag")
    deelnemer.get_by_label("Herhaal het wachtwoord").fill("Logopedie-op-dinsdagmiddag")
    deelnemer.get_by_role("button", name="Wachtwoord opslaan").click()
    expect(deelnemer.get_by_role("heading", name="Authenticator-app instellen")).to_be_visible()
    geheim = deelnemer.locator("#geheim").inner_text()
    deelnemer.get_by_label("Code", exact=True).fill(code_uit_geheim(geheim))
    deelnemer.get_by_role("button", name="Bevestigen").click()
    expect(deelnemer.get_by_role("heading", name="Mijn overlegrondes")).to_be_visible()
    menu = deelnemer.get_by_role("navigation", name="Hoofdmenu")
    expect(menu.get_by_role("link")).to_have_text(["Mijn overlegrondes"])
    geen_axe_overtredingen(deelnemer)
    # The link worked once.
    deelnemer.goto(link.group(0))
    expect(deelnemer.get_by_role("alert")).to_contain_text("al gebruikt")
    geen_axe_overtredingen(deelnemer)

    # R39: the round, the dossier (read-only), the shared attachment, a reaction with a file.
    deelnemer.goto("/overlegrondes/")
    deelnemer.get_by_role("link", name=ronde.referentie).click()
    expect(deelnemer.get_by_text("Graag uw advies over de taalontwikkeling.")).to_be_visible()
    geen_axe_overtredingen(deelnemer)
    deelnemer.get_by_role("link", name="Dossier bekijken").click()
    expect(deelnemer.get_by_text("Zoë Jansen")).to_be_visible()
    geen_axe_overtredingen(deelnemer)
    deelnemer.get_by_role("link", name="Terug naar de overlegronde").click()
    with deelnemer.expect_download() as download:
        deelnemer.get_by_role("link", name="Download Verslag logopedie.pdf").click()
    assert Path(download.value.path()).read_bytes() == pdf.read_bytes()
    deelnemer.get_by_label("Reactie", exact=True).fill("Mijn advies staat in de bijlage.")
    deelnemer.get_by_label("Bijlage (niet verplicht)").set_input_files([advies])
    deelnemer.get_by_role("button", name="Reactie plaatsen").click()
    expect(deelnemer.get_by_role("status")).to_contain_text("Uw reactie is geplaatst.")
    expect(deelnemer.get_by_text("Mijn advies staat in de bijlage.")).to_be_visible()
    geen_axe_overtredingen(deelnemer)
    for adres in ("yakbar@po2806.demo.passend.nl", "iverhoef@po2806.demo.passend.nl"):
        reactiemails = [m for m in mails_aan(settings.PASSEND_MAIL_MAP, adres) if "reactie" in m]
        assert len(reactiemails) == 1, adres
        assert "Mijn advies" not in reactiemails[0] and ronde.referentie in reactiemails[0]
    assert not [m for m in mails_aan(settings.PASSEND_MAIL_MAP, NIEUW_EMAIL) if "reactie" in m]

    # The school sees the reaction, and the page to extend the round.
    page.reload()
    expect(page.get_by_text("Mijn advies staat in de bijlage.")).to_be_visible()
    page.get_by_role("link", name="Overlegronde bewerken").click()
    expect(page.get_by_role("heading", name="Overlegronde bewerken")).to_be_visible()
    geen_axe_overtredingen(page)
    page.goto("/overlegrondes/")
    expect(page.get_by_role("heading", name="Overlegrondes", exact=True)).to_be_visible()
    geen_axe_overtredingen(page)
    page.get_by_role("link", name="Nieuwe overlegronde toevoegen").click()
    expect(page.get_by_label("Hulpvraag")).to_be_visible()
    geen_axe_overtredingen(page)

    # R40: the clock past the einddatum inzage; the same session sees only the message.
    reactie = ronde.reacties.get()
    urls = [
        f"/overlegrondes/{ronde.pk}/",
        f"/overlegrondes/{ronde.pk}/dossier/",
        f"/overlegrondes/{ronde.pk}/bijlagen/{ronde.gedeelde_bijlagen.get().pk}/",
        f"/overlegrondes/{ronde.pk}/reacties/{reactie.pk}/bijlage/",
    ]
    vandaag = timezone.localdate()
    Overlegronde.objects.filter(pk=ronde.pk).update(
        einddatum_reacties=vandaag - timedelta(days=8), einddatum_inzage=vandaag - timedelta(days=1)
    )
    melding = (
        "De inzagetermijn van deze overlegronde is verlopen op "
        f"{vandaag - timedelta(days=1):%d-%m-%Y}. Neem contact op met de school als u nog "
        "inzage nodig hebt."
    )
    for url in urls:
        antwoord = deelnemer.goto(url)
        assert antwoord is not None and antwoord.status == 410, url
        expect(deelnemer.get_by_text(melding)).to_be_visible()
        expect(deelnemer.get_by_text("Advies taalontwikkeling")).to_have_count(0)
    geen_axe_overtredingen(deelnemer)
    deelnemer.goto("/overlegrondes/")
    expect(deelnemer.get_by_text(melding)).to_be_visible()
    expect(deelnemer.get_by_text("Advies taalontwikkeling")).to_have_count(0)
    geen_axe_overtredingen(deelnemer)
    deelnemer.context.close()

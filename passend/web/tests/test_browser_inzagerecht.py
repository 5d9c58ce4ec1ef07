"""Parents' inzage end to end in Chromium (issue 17 item 4; R14, P2): the demo's coördinator
invites a parent from the pupil's dossier by one of the addresses the school entered (another
address is refused beside the field), marks one attachment as shareable; the parent activates
from the mailed link (password and authenticator app), sees the child's hulpvraag and the
shared attachment, and gets a 404 for another child's URLs and for the unshared attachment.
axe-core on every page the parent sees and on the SWV's new pages."""

import re
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect
from pytest_django import Settings
from pytest_django.live_server_helper import LiveServer

from passend.accounts.models import Gebruiker
from passend.accounts.tests.factories import code_uit_geheim
from passend.bijlagen.tests import bestanden
from passend.bijlagen.tests.conftest import toevoegen
from passend.dossiers.models import Leerling
from passend.hulpvragen.tests.factories import hulpvraag_op_school
from passend.organisaties.models import School
from passend.web.tests.browser import demo_laden, geen_axe_overtredingen, inloggen
from passend.web.tests.test_browser_overlegronde import mails_aan

OUDER_EMAIL = "ouders.vanboven@example.nl"
WACHTWOORD = "Tien-minuten-gesprek-in-maart"


@pytest.mark.browser
def test_r14_swv_invites_a_parent_who_activates_and_sees_only_the_childs_hulpvraag_and_shared_file(
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
    regenboog = School.objects.get(code="12AB00")
    ib = Gebruiker.objects.get(swv=regenboog.swv, gebruikersnaam="iverhoef")
    hulpvraag = hulpvraag_op_school(ib, regenboog, roepnaam="Jan", achternaam="Boven")
    Leerling.objects.filter(pk=hulpvraag.leerling_id).update(ouder_emailadressen=OUDER_EMAIL)
    gedeeld = toevoegen(hulpvraag, ib, "Verslag voor ouders.pdf", bestanden.pdf("Gedeeld"))
    intern = toevoegen(hulpvraag, ib, "Intern verslag.pdf", bestanden.pdf("Intern"))
    ander = hulpvraag_op_school(ib, regenboog, roepnaam="Mila", achternaam="Sterk")

    # The coördinator opens the pupil's dossier, tab "Inzage en export".
    inloggen(page, accounts["kbakker"])
    page.goto(f"/dossiers/{hulpvraag.leerling_id}/")
    page.get_by_role("link", name="Inzage en export").click()
    expect(page.get_by_role("heading", name="Inzage voor ouders/verzorgers")).to_be_visible()
    geen_axe_overtredingen(page)
    veld = page.get_by_label("E-mailadres van de ouder/verzorger")
    veld.fill("buurvrouw@example.nl")
    page.get_by_role("button", name="Uitnodigen").click()
    expect(page.locator(".veld--fout")).to_contain_text("staat niet in het dossier")
    expect(veld).to_have_value("buurvrouw@example.nl")
    geen_axe_overtredingen(page)
    veld.fill(OUDER_EMAIL)
    page.get_by_role("button", name="Uitnodigen").click()
    expect(page.get_by_role("status")).to_contain_text("heeft inzage gekregen")
    expect(page.get_by_role("cell", name=OUDER_EMAIL, exact=True)).to_be_visible()
    geen_axe_overtredingen(page)

    # One attachment is marked as shareable with parents, from the hulpvraag page.
    page.goto(f"/hulpvragen/{hulpvraag.referentie}/")
    expect(page.locator("dl.kenmerken")).to_contain_text("Een ouder/verzorger heeft sinds")
    page.get_by_role("link", name=re.compile("Delen met ouders")).click()
    geen_axe_overtredingen(page)
    page.get_by_label(re.compile("Verslag voor ouders.pdf")).check()
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_role("status")).to_contain_text("Opgeslagen")

    # The parent activates from the mail, in a browser of their own.
    mails = mails_aan(settings.PASSEND_MAIL_MAP, OUDER_EMAIL)
    assert len(mails) == 1 and "Jan" not in mails[0] and "Boven" not in mails[0]
    link = re.search(r"http://\S+/activeren/\S+/", mails[0])
    assert link is not None
    ouder = browser.new_context(base_url=live_server.url, locale="nl-NL").new_page()
    ouder.set_default_timeout(10_000)
    ouder.goto(link.group(0))
    ouder.get_by_label("Nieuw wachtwoord").fill(WACHTWOORD)
    ouder.get_by_label("Herhaal het wachtwoord").fill(WACHTWOORD)
    ouder.get_by_role("button", name="Wachtwoord opslaan").click()
    expect(ouder.get_by_role("heading", name="Authenticator-app instellen")).to_be_visible()
    geheim = ouder.locator("#geheim").inner_text()
    ouder.get_by_label("Code", exact=True).fill(code_uit_geheim(geheim))
    ouder.get_by_role("button", name="Bevestigen").click()

    # The start page is the parent's own; the menu has nothing else.
    expect(ouder.get_by_role("heading", name="Inzage in het dossier")).to_be_visible()
    hoofdmenu = ouder.get_by_role("navigation", name="Hoofdmenu")
    expect(hoofdmenu.get_by_role("link", name="Hulpvragen")).to_have_count(0)
    geen_axe_overtredingen(ouder)
    ouder.get_by_role("link", name="Jan van Boven").click()
    expect(ouder.get_by_role("heading", name="Wie heeft dit gezien")).to_be_visible()
    expect(ouder.get_by_role("link", name=ander.referentie)).to_have_count(0)
    geen_axe_overtredingen(ouder)
    ouder.get_by_role("link", name=hulpvraag.referentie).click()
    expect(ouder.get_by_role("heading", name="Statushistorie")).to_be_visible()
    expect(ouder.get_by_text("Intern verslag.pdf")).to_have_count(0)
    geen_axe_overtredingen(ouder)
    downloadlink = ouder.get_by_role("link", name="Verslag voor ouders.pdf downloaden")
    assert ouder.request.get(str(downloadlink.get_attribute("href"))).status == 200

    # Another child's URLs and the unshared attachment do not exist for the parent.
    for url in (
        f"/ouders/hulpvragen/{ander.referentie}/",
        f"/ouders/kinderen/{ander.leerling_id}/",
        f"/ouders/hulpvragen/{hulpvraag.referentie}/bijlagen/{intern.pk}/",
        f"/ouders/hulpvragen/{ander.referentie}/bijlagen/{gedeeld.pk}/",
        f"/hulpvragen/{hulpvraag.referentie}/",
        f"/dossiers/{hulpvraag.leerling_id}/",
    ):
        assert ouder.goto(url).status == 404, url  # type: ignore[union-attr]
    ouder.context.close()

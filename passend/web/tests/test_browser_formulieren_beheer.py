"""SWV-beheer's form-definition and outbox screens in Chromium (issue 16 item 1; issue 12 item
8): the demo's applicatiebeheerder edits a form's questions with a YAML error (the message
beside the field, the typed text kept), fixes it, sees version 2 and its preview as the school
sees it; then opens the outbox, filters on failed mails and sends one again. axe-core on every
page: 0 violations."""

import pytest
from playwright.sync_api import Page, expect
from pytest_django.live_server_helper import LiveServer

from passend.audit.models import Beheerhandeling
from passend.notificaties.models import Bericht
from passend.notificaties.tests.factories import wachtend_bericht
from passend.organisaties.models import Samenwerkingsverband
from passend.web.tests.browser import demo_laden, geen_axe_overtredingen, inloggen

OUD = "Wat zijn de onderwijsbehoeften van de leerling?"
NIEUW = "Welke onderwijsbehoeften heeft de leerling?"
KAPOT = "secties:\n  - titel: Aanvraag\n    vragen: [code: {"


@pytest.mark.browser
def test_i12_r24_issue16_a_form_edited_with_a_yaml_error_fixed_and_previewed_passes_axe(
    page: Page, live_server: LiveServer
) -> None:
    accounts = demo_laden()
    inloggen(page, accounts["bhendriks"])
    page.goto("/swv-beheer/formulieren/")
    expect(page.get_by_role("heading", name="Formulieren", exact=True)).to_be_visible()
    geen_axe_overtredingen(page)
    page.get_by_role("table", name="Formulieren").get_by_role(
        "link", name="Aanvraag Ondersteuningsbudget", exact=True
    ).click()
    expect(
        page.get_by_role("heading", name="Formulier: Aanvraag Ondersteuningsbudget")
    ).to_be_visible()
    geen_axe_overtredingen(page)
    vragen = page.get_by_label("Vragen", exact=True)
    origineel = vragen.input_value()
    assert OUD in origineel

    # A YAML error: the message beside the field, what was typed still there.
    vragen.fill(KAPOT)
    page.get_by_role("button", name="Opslaan").click()
    expect(page.locator(".veld__fout")).to_contain_text("Dit is geen geldige YAML")
    expect(page.get_by_label("Vragen", exact=True)).to_have_value(KAPOT)
    geen_axe_overtredingen(page)

    # A definition error: every error in Dutch, the text kept.
    onbekend = origineel.replace("soort: lange_tekst", "soort: tekening", 1)
    page.get_by_label("Vragen", exact=True).fill(onbekend)
    page.get_by_role("button", name="Opslaan").click()
    expect(page.locator(".veld__fout")).to_contain_text("onbekende soort ‘tekening’")
    expect(page.get_by_label("Vragen", exact=True)).to_have_value(onbekend)

    # Fixed: version 2, and the preview shows the new question.
    page.get_by_label("Vragen", exact=True).fill(origineel.replace(OUD, NIEUW))
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_role("status")).to_contain_text("versie 2 van de vragen")
    expect(page.locator(".kenmerken")).to_contain_text("2, opgeslagen op")
    geen_axe_overtredingen(page)
    page.get_by_role("link", name="Voorbeeld zoals de school het ziet").click()
    expect(
        page.get_by_role("heading", name="Voorbeeld: Aanvraag Ondersteuningsbudget (versie 2)")
    ).to_be_visible()
    expect(page.get_by_label(NIEUW)).to_be_visible()
    geen_axe_overtredingen(page)

    # A new form: the page with its starting questions.
    page.goto("/swv-beheer/formulieren/")
    page.get_by_role("link", name="Nieuw formulier").click()
    expect(page.get_by_role("heading", name="Nieuw formulier")).to_be_visible()
    geen_axe_overtredingen(page)


@pytest.mark.browser
def test_issue16_the_outbox_filters_and_sends_a_failed_mail_again_passes_axe(
    page: Page, live_server: LiveServer
) -> None:
    accounts = demo_laden()
    ppo = Samenwerkingsverband.objects.get(code="PO2806")
    mislukt = wachtend_bericht(
        ppo,
        onderwerp="Uw account bij Passend",
        status=Bericht.Status.MISLUKT,
        pogingen=5,
        laatste_fout="550 5.1.1 mailbox unavailable",
    )
    inloggen(page, accounts["bhendriks"])
    page.goto("/swv-beheer/berichten/")
    expect(page.get_by_role("heading", name="Berichten", exact=True)).to_be_visible()
    geen_axe_overtredingen(page)
    page.get_by_label("Status", exact=True).select_option(label="mislukt")
    page.get_by_role("button", name="Tonen").click()
    tabel = page.get_by_role("table", name="Berichten")
    expect(tabel.get_by_role("row")).to_have_count(2)  # the header and the failed mail
    geen_axe_overtredingen(page)
    tabel.get_by_role("link", name="Uw account bij Passend").click()
    expect(page.get_by_role("heading", name="Bericht: Uw account bij Passend")).to_be_visible()
    expect(page.locator(".kenmerken")).to_contain_text("550 5.1.1 mailbox unavailable")
    geen_axe_overtredingen(page)
    page.get_by_role("button", name="Opnieuw versturen").click()
    expect(page.get_by_role("status")).to_contain_text("Het bericht wordt opnieuw verstuurd")
    expect(page.get_by_role("button", name="Opnieuw versturen")).to_have_count(0)
    geen_axe_overtredingen(page)
    mislukt.refresh_from_db()
    assert mislukt.status == Bericht.Status.VERZONDEN

    # Several at once from the list, as the admin's action did: tick, send, the filter kept.
    tweede = wachtend_bericht(
        ppo, onderwerp="Status gewijzigd", status=Bericht.Status.MISLUKT, pogingen=5
    )
    page.get_by_role("link", name="Berichten", exact=True).click()
    page.get_by_label("Status", exact=True).select_option(label="mislukt")
    page.get_by_role("button", name="Tonen").click()
    page.get_by_label("Kies Status gewijzigd").check()
    page.get_by_role("button", name="Gekozen berichten opnieuw versturen").click()
    expect(page.get_by_role("status")).to_contain_text("1 bericht wordt opnieuw verstuurd")
    expect(page.get_by_label("Status", exact=True)).to_have_value("mislukt")
    expect(page.get_by_text("Geen berichten gevonden.")).to_be_visible()
    geen_axe_overtredingen(page)
    tweede.refresh_from_db()
    assert tweede.status == Bericht.Status.VERZONDEN
    assert Beheerhandeling.objects.filter(
        gebeurtenis="bericht_opnieuw_verstuurd", object_id=str(mislukt.pk)
    ).exists()

"""Retention's screens in Chromium (B9, issue 17 item 2): the demo's applicatiebeheerder goes
from SWV-beheer to Bewaartermijnen, types a bad term (refused beside the field, what was typed
kept), saves a good one, opens the dry run and reviews it, and puts a pupil under a legal hold.
axe-core on every page."""

import pytest
from playwright.sync_api import Page, expect
from pytest_django.live_server_helper import LiveServer

from passend.audit.models import Beheerhandeling
from passend.bewaren.models import Bewaarplicht, Proefronde
from passend.dossiers.models import Leerling
from passend.web.tests.browser import demo_laden, geen_axe_overtredingen, inloggen


@pytest.mark.browser
def test_b9_retention_screens_terms_dry_run_review_and_legal_hold(
    page: Page, live_server: LiveServer
) -> None:
    accounts = demo_laden()
    leerling = Leerling.objects.filter(swv__code="PO2806").order_by("pk").first()
    assert leerling is not None

    inloggen(page, accounts["bhendriks"])
    page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="SWV-beheer").click()
    page.get_by_role("link", name="Bewaartermijnen").click()
    expect(page.get_by_role("heading", name="Bewaartermijnen")).to_be_visible()
    geen_axe_overtredingen(page)

    veld = page.get_by_label("Afgesloten ondersteuningsdossier", exact=True)
    veld.fill("0")
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_text("Een termijn is minstens 1.")).to_be_visible()
    expect(page.get_by_label("Afgesloten ondersteuningsdossier", exact=True)).to_have_value("0")
    geen_axe_overtredingen(page)
    page.get_by_label("Afgesloten ondersteuningsdossier", exact=True).fill("2")
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_text("De bewaartermijnen zijn opgeslagen.")).to_be_visible()
    expect(page.get_by_label("Afgesloten ondersteuningsdossier", exact=True)).to_have_value("2")
    assert Beheerhandeling.objects.filter(gebeurtenis="bewaartermijnen_gewijzigd").exists()

    page.get_by_role("link", name="Wat gaat er bij de volgende ronde weg").click()
    expect(
        page.get_by_role("heading", name="Wat gaat er bij de volgende ronde weg")
    ).to_be_visible()
    geen_axe_overtredingen(page)
    page.get_by_role("button", name="Proefronde beoordeeld").click()
    expect(page.get_by_text("De proefronde is beoordeeld.")).to_be_visible()
    assert Proefronde.objects.filter(swv__code="PO2806").exists()

    page.goto("/swv-beheer/bewaren/bewaarplicht/")
    geen_axe_overtredingen(page)
    page.get_by_label("Zoek een leerling op naam").fill(leerling.achternaam)
    page.get_by_role("button", name="Zoeken").click()
    page.get_by_role("link", name=leerling.volledige_naam).first.click()
    expect(page.get_by_role("heading", name=f"Bewaarplicht voor {leerling.volledige_naam}"))
    page.get_by_role("button", name="Bewaarplicht zetten").click()
    expect(page.get_by_text("Vul de reden van de bewaarplicht in.")).to_be_visible()
    geen_axe_overtredingen(page)
    page.get_by_label("Reden").fill("Lopende bezwaarprocedure")
    page.get_by_role("button", name="Bewaarplicht zetten").click()
    expect(page.get_by_text("De bewaarplicht is vastgelegd.")).to_be_visible()
    assert Bewaarplicht.objects.filter(leerling=leerling).exists()

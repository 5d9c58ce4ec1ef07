"""R44 "Wijzigingsverzoek" end to end in Chromium: the demo's IB'er of De Regenboog files a
staff change in the app (a date in the past is refused beside the field, nothing lost), sees its
state; the SWV's applicatiebeheerder finds it in SWV-beheer, opens the staff-change screen from
it and marks it handled with a note; the IB'er reads the note. axe-core on every page."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect
from pytest_django.live_server_helper import LiveServer

from passend.swvbeheer.models import Wijzigingsverzoek
from passend.web.tests.browser import demo_laden, geen_axe_overtredingen, inloggen, uitloggen


@pytest.mark.browser
def test_r44_school_files_a_wijzigingsverzoek_and_the_swv_handles_it(
    page: Page, live_server: LiveServer
) -> None:
    accounts = demo_laden()
    gisteren = f"{timezone.localdate() - timedelta(days=1):%d-%m-%Y}"
    volgende_week = f"{timezone.localdate() + timedelta(days=7):%d-%m-%Y}"

    inloggen(page, accounts["iverhoef"])
    menu = page.get_by_role("navigation", name="Hoofdmenu")
    menu.get_by_role("link", name="Wijzigingsverzoeken").click()
    expect(page.get_by_role("heading", name="Wijzigingsverzoeken")).to_be_visible()
    expect(page.get_by_text("Uw school heeft nog geen wijzigingsverzoeken")).to_be_visible()
    geen_axe_overtredingen(page)
    page.get_by_role("link", name="Nieuw wijzigingsverzoek").click()
    geen_axe_overtredingen(page)
    page.get_by_label("Personeelswissel").check()
    page.get_by_label("School", exact=True).select_option(label="De Regenboog (12AB00)")
    page.get_by_label("Medewerker die vertrekt").select_option(index=1)
    page.get_by_label("Naam van de nieuwe medewerker").fill("Noor Vos")
    page.get_by_label("E-mailadres van de nieuwe medewerker").fill("n.vos@regenboog.example.nl")
    page.get_by_label("Met ingang van").fill(gisteren)
    page.get_by_role("button", name="Indienen").click()
    expect(page.locator(".veld--fout")).to_have_count(1)
    expect(page.locator(".veld--fout")).to_contain_text("Deze datum ligt in het verleden")
    expect(page.get_by_label("Naam van de nieuwe medewerker")).to_have_value("Noor Vos")
    geen_axe_overtredingen(page)
    page.get_by_label("Met ingang van").fill(volgende_week)
    page.get_by_role("button", name="Indienen").click()
    expect(page.get_by_role("status")).to_contain_text("is ingediend")
    expect(page.get_by_text("Open", exact=True)).to_be_visible()
    geen_axe_overtredingen(page)
    referentie = Wijzigingsverzoek.objects.get().referentie
    uitloggen(page)

    inloggen(page, accounts["bhendriks"])
    page.goto("/swv-beheer/overzicht/")
    page.get_by_role("link", name="Wijzigingsverzoeken").click()
    geen_axe_overtredingen(page)
    page.get_by_role("link", name=referentie).click()
    expect(page.get_by_role("heading", name=f"Wijzigingsverzoek {referentie}")).to_be_visible()
    geen_axe_overtredingen(page)
    page.get_by_role("link", name="Personeelswissel (vertrekkende medewerker ingevuld)").click()
    expect(page.get_by_role("heading", name="Personeelswissel")).to_be_visible()
    page.go_back()
    page.get_by_role("button", name="Afgehandeld").click()
    expect(page.locator(".veld--fout").first).to_contain_text("Schrijf in een notitie")
    page.get_by_label("Notitie: wat is er gedaan?").fill("Account voor Noor Vos gemaakt.")
    page.get_by_role("button", name="Afgehandeld").click()
    expect(page.get_by_role("status")).to_contain_text("afgehandeld")
    page.get_by_role("link", name="Afgehandeld").click()
    expect(page.get_by_role("link", name=referentie)).to_be_visible()
    geen_axe_overtredingen(page)
    uitloggen(page)

    inloggen(page, accounts["iverhoef"], volgende_code=True)
    page.goto("/wijzigingsverzoeken/")
    page.get_by_role("link", name=referentie).click()
    expect(page.get_by_text("Account voor Noor Vos gemaakt.")).to_be_visible()

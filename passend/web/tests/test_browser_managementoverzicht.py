"""The Managementoverzicht in Chromium: charts with their tables, the filter, and no axe-core
violations (issue 6, item 3)."""

import re

import pytest
from playwright.sync_api import Page, expect

from passend.web.tests.browser import demo_laden, geen_axe_overtredingen, inloggen


@pytest.mark.browser
def test_managementoverzicht_voor_de_schoolcontactpersoon(page: Page) -> None:
    accounts = demo_laden()
    inloggen(page, accounts["pjansen"])
    page.get_by_role("navigation", name="Hoofdmenu").get_by_role(
        "link", name="Managementoverzicht"
    ).click()
    expect(page.get_by_role("heading", name="Managementoverzicht", level=1)).to_be_visible()
    expect(page.get_by_role("img", name="Hulpvragen per proces")).to_be_visible()
    tabel = page.get_by_role("table", name="Hulpvragen per proces")
    expect(tabel.get_by_role("rowheader", name="Algemeen")).to_be_visible()
    expect(page.get_by_role("table", name="Doorlooptijd in dagen, per proces")).to_be_visible()
    geen_axe_overtredingen(page)

    # A wrong period: the message beside the field, what was typed stays, and no figures that
    # would read as the answer to it (issue 18.6).
    page.get_by_label("Hulpvraagdatum vanaf").fill("31-12-2024")
    page.get_by_label("Hulpvraagdatum tot en met").fill("01-01-2020")
    page.get_by_label("Regio", exact=True).select_option(label="Noord")
    page.get_by_role("button", name="Toon").click()
    expect(page.get_by_text("Deze datum ligt vóór de datum ‘vanaf’.")).to_be_visible()
    expect(page.get_by_label("Hulpvraagdatum vanaf")).to_have_value("31-12-2024")
    expect(page.get_by_role("table", name="Hulpvragen per proces")).to_have_count(0)
    geen_axe_overtredingen(page)

    page.get_by_label("Hulpvraagdatum vanaf").fill("01-01-2020")
    page.get_by_label("Hulpvraagdatum tot en met").fill("")
    page.get_by_role("button", name="Toon").click()
    expect(page).to_have_url(re.compile(r"van=01-01-2020.*regio=\d+"))
    expect(page.get_by_role("table", name="Hulpvragen per regio")).to_contain_text("Noord")
    page.get_by_role("link", name="Wissen").click()
    expect(page.get_by_label("Regio", exact=True)).to_have_value("")


@pytest.mark.browser
def test_geen_managementoverzicht_voor_de_school(page: Page) -> None:
    accounts = demo_laden()
    inloggen(page, accounts["iverhoef"])
    menu = page.get_by_role("navigation", name="Hoofdmenu")
    expect(menu.get_by_role("link", name="Managementoverzicht")).to_have_count(0)
    antwoord = page.goto("/managementoverzicht/")
    assert antwoord is not None and antwoord.status == 404

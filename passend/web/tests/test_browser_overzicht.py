"""The Hulpvragen overview and Mijn acties in Chromium, on the demo's data (R50, R51): an SCP
filters on two statuses and part of a name and clears it all with Wissen; the IB'er then finds
the hulpvraag the SCP set to Dossier incompleet in Mijn acties, the page after login."""

import pytest
from playwright.sync_api import Page, expect

from passend.web.tests.browser import (
    demo_laden,
    geen_axe_overtredingen,
    inloggen,
    kenmerk,
    naar_hulpvragen,
    open_hulpvraag,
    uitloggen,
)


def statuskeuze(page: Page, proces: str, status: str) -> None:
    groep = page.get_by_role("group", name=proces, exact=True)
    # The process is part of each checkbox's name: "Aanmelding" is in several (issue 18).
    groep.get_by_role("checkbox", name=f"{status} ({proces})", exact=True).check()


@pytest.mark.browser
def test_r50_r51_scp_filters_on_two_statuses_and_a_name_then_wissen(page: Page) -> None:
    accounts = demo_laden()
    inloggen(page, accounts["pjansen"])
    geen_axe_overtredingen(page)  # Mijn acties
    naar_hulpvragen(page)
    rijen = page.locator("table.tabel tbody tr")
    expect(rijen).to_have_count(3)  # the demo's hulpvragen in a status the SWV sees
    expect(page.get_by_text("1 t/m 3 (van 3)")).to_be_visible()

    page.locator("details.statuskeuze > summary").click()  # opens the status choice
    statuskeuze(page, "Algemeen", "Aanmelding")
    statuskeuze(page, "TLV", "TLV_2_indienen")
    page.get_by_label("Leerlingnaam").fill("O")
    page.get_by_role("button", name="Zoeken").click()
    expect(rijen).to_have_count(2)
    # Daan de Vries is in TLV_2_indienen but has no "o" in his name.
    expect(rijen.filter(has_text="Pedro Fortes Monteiro")).to_contain_text("Aanmelding")
    expect(rijen.filter(has_text="Zoë Jansen")).to_contain_text("Aanmelding")
    expect(page.get_by_text("1 t/m 2 (van 2)")).to_be_visible()
    expect(page.get_by_label("Leerlingnaam")).to_have_value("O")
    expect(page.get_by_text("Status (2 gekozen)")).to_be_visible()
    geen_axe_overtredingen(page)

    # Sorting keeps the filters.
    page.get_by_role("link", name="Leerling", exact=True).click()
    expect(page.get_by_role("columnheader", name="Leerling")).to_have_attribute(
        "aria-sort", "ascending"
    )
    expect(rijen.first).to_contain_text("Pedro Fortes Monteiro")  # by achternaam: F before J
    expect(page.get_by_text("1 t/m 2 (van 2)")).to_be_visible()

    page.get_by_role("link", name="Wissen").click()
    expect(rijen).to_have_count(3)
    expect(page.get_by_text("1 t/m 3 (van 3)")).to_be_visible()
    expect(page.get_by_label("Leerlingnaam")).to_have_value("")

    # The SCP finds a hulpvraag of De Regenboog incomplete.
    page.get_by_label("Leerlingnaam").fill("zoe")
    page.get_by_role("button", name="Zoeken").click()
    expect(rijen).to_have_count(1)
    open_hulpvraag(page, "Zoë Jansen")
    page.get_by_role("link", name="Status wijzigen").click()
    page.get_by_label("Nieuwe status").select_option(label="Dossier incompleet")
    page.get_by_label("Reden").fill("Het OPP ontbreekt.")
    page.get_by_role("button", name="Opslaan").click()
    expect(kenmerk(page, "Status")).to_have_text("Dossier incompleet")
    uitloggen(page)

    # The IB'er of De Regenboog lands on Mijn acties and sees it there.
    inloggen(page, accounts["iverhoef"])
    acties = page.locator("table.tabel tbody tr")
    expect(acties.filter(has_text="Zoë Jansen")).to_contain_text("Dossier incompleet")
    # Oldest first: the demo's own voorlopige aanvragen waited longer.
    expect(acties.last).to_contain_text("Zoë Jansen")
    expect(acties.filter(has_text="Sem Bakker")).to_contain_text("OB voorlopige aanvraag")
    geen_axe_overtredingen(page)

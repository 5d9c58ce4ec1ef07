"""SWV-beheer's process screens in Chromium (issue 16 item 6; R19-R22): the demo's
applicatiebeheerder finds the processes, edits a status's instruction and sees it in the preview
of the status mail, is refused removing a status in use and adding one nobody can reach (the
typed name kept), and opens a transition and a title. axe-core on every page: 0 violations."""

import pytest
from playwright.sync_api import Page, expect
from pytest_django.live_server_helper import LiveServer

from passend.web.tests.browser import demo_laden, geen_axe_overtredingen, inloggen

INSTRUCTIE = "Vul het dossier binnen twee weken aan en zet de status dan op Aanmelding."


@pytest.mark.browser
def test_r19_r22_processes_statuses_and_titles_on_swv_beheers_own_screens_pass_axe(
    page: Page, live_server: LiveServer
) -> None:
    accounts = demo_laden()
    inloggen(page, accounts["bhendriks"])
    page.goto("/swv-beheer/overzicht/")
    page.get_by_role("link", name="Processen", exact=True).click()
    expect(page.get_by_role("heading", name="Processen")).to_be_visible()
    geen_axe_overtredingen(page)
    page.get_by_role("table", name="Processen").get_by_role("link", name="Algemeen").click()
    expect(page.get_by_role("heading", name="Algemeen")).to_be_visible()
    geen_axe_overtredingen(page)

    # R19: the instruction text, and the status mail as the school will get it.
    page.get_by_role("table", name="Statussen").get_by_role(
        "link", name="Dossier incompleet"
    ).click()
    expect(page.get_by_role("heading", name="Voorbeeld van de statusmail")).to_be_visible()
    geen_axe_overtredingen(page)
    page.get_by_label("Instructie voor de school").fill(INSTRUCTIE)
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_role("status")).to_contain_text("De status is opgeslagen")
    expect(page.locator("pre.mail__tekst")).to_contain_text(INSTRUCTIE)
    expect(page.locator(".mail__kop")).to_contain_text("gewijzigd: Dossier incompleet")

    # R22: a status hulpvragen have cannot be removed; the reason is given.
    page.get_by_role("link", name="Algemeen").first.click()
    page.get_by_role("table", name="Statussen").get_by_role(
        "link", name="Aanmelding", exact=True
    ).click()
    page.get_by_role("button", name="Status verwijderen").click()
    expect(page.get_by_role("status")).to_contain_text(
        "is in gebruik en kan niet worden verwijderd"
    )
    geen_axe_overtredingen(page)

    # A status nobody can reach is refused; the name typed stays.
    page.get_by_role("link", name="Algemeen").first.click()
    page.get_by_role("link", name="Nieuwe status").click()
    geen_axe_overtredingen(page)
    page.get_by_label("Naam").fill("Nergens vandaan")
    page.get_by_label("Komt na status").select_option(index=0)
    page.get_by_label("Eindstatus").check()
    page.get_by_role("button", name="Toevoegen").click()
    expect(page.get_by_role("alert")).to_contain_text("is niet te bereiken")
    expect(page.get_by_label("Naam")).to_have_value("Nergens vandaan")
    geen_axe_overtredingen(page)

    # A transition and a title.
    page.get_by_role("link", name="Algemeen").first.click()
    page.get_by_role("table", name="Overgangen").get_by_role("link").first.click()
    expect(page.get_by_role("heading", name="Overgang:")).to_be_visible()
    geen_axe_overtredingen(page)
    page.get_by_role("link", name="Algemeen").first.click()
    page.get_by_role("table", name="Hulpvraagtitels").get_by_role("link").first.click()
    expect(page.get_by_role("heading", name="Hulpvraagtitel:")).to_be_visible()
    geen_axe_overtredingen(page)
    page.get_by_role("link", name="Algemeen").first.click()
    page.get_by_role("link", name="Nieuwe hulpvraagtitel").click()
    geen_axe_overtredingen(page)

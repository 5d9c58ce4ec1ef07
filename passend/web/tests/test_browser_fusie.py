"""Merging two schools end to end in Chromium (issue 16 item 4; R45): the demo's
applicatiebeheerder merges Het Kompas into De Regenboog ("Samenvoegen"), after a date too far
ahead is refused beside the field with what was typed kept; then De Regenboog's IB'er logs in,
finds Het Kompas's hulpvraag in her list, opens it and sees the school as it was when filed
and as it is now. axe-core on every page of the walk."""

import pytest
from django.utils import timezone
from playwright.sync_api import Browser, Page, expect
from pytest_django.live_server_helper import LiveServer

from passend.hulpvragen.models import Hulpvraag
from passend.organisaties.models import School
from passend.web.tests.browser import (
    demo_laden,
    geen_axe_overtredingen,
    inloggen,
    kenmerk,
    naar_hulpvragen,
)


@pytest.mark.browser
def test_r45_beheerder_merges_two_schools_then_the_receiving_ib_finds_the_hulpvraag(
    page: Page, browser: Browser, live_server: LiveServer
) -> None:
    accounts = demo_laden()
    daan = Hulpvraag.objects.get(
        swv__code="PO2806", leerling__roepnaam="Daan", schoolgegevens__school__code="23CD00"
    )

    inloggen(page, accounts["bhendriks"])
    page.goto("/swv-beheer/scholen/")
    page.get_by_role("link", name="Het Kompas").click()
    page.get_by_role("link", name="Samenvoegen").click()
    expect(page.get_by_role("heading", name="Samenvoegen: Het Kompas")).to_be_visible()
    expect(page.get_by_text(daan.referentie)).to_be_visible()  # its open hulpvragen listed
    geen_axe_overtredingen(page)
    page.get_by_label("Opgaan in school").select_option(label="De Regenboog (12AB00)")
    page.get_by_label("Samengevoegd op").fill("01-01-2099")
    page.get_by_role("button", name="Samenvoegen").click()
    expect(page.locator(".veld--fout").first).to_contain_text("binnen een jaar")
    expect(page.get_by_label("Samengevoegd op")).to_have_value("01-01-2099")
    regenboog = School.objects.get(swv__code="PO2806", code="12AB00")
    expect(page.get_by_label("Opgaan in school")).to_have_value(str(regenboog.pk))
    geen_axe_overtredingen(page)
    page.get_by_label("Samengevoegd op").fill(f"{timezone.localdate():%d-%m-%Y}")
    page.get_by_role("button", name="Samenvoegen").click()
    expect(page.get_by_role("status")).to_contain_text("op in De Regenboog")
    expect(page.get_by_role("table", name="Geschiedenis")).to_contain_text(
        "opgegaan in een andere school: De Regenboog (12AB00)"
    )
    geen_axe_overtredingen(page)
    page.goto("/swv-beheer/scholen/")
    expect(page.get_by_role("table", name="Scholen")).to_contain_text("opgegaan in De Regenboog")
    geen_axe_overtredingen(page)

    # De Regenboog's IB'er, in a browser of her own.
    ib = browser.new_context(base_url=live_server.url, locale="nl-NL").new_page()
    ib.set_default_timeout(10_000)
    inloggen(ib, accounts["iverhoef"])
    naar_hulpvragen(ib)
    ib.get_by_label("Leerlingnaam").fill("Daan")
    ib.get_by_role("button", name="Zoeken").click()
    rij = ib.get_by_role("row").filter(has_text=daan.referentie)
    expect(rij).to_contain_text("Het Kompas")
    geen_axe_overtredingen(ib)
    rij.get_by_role("link").first.click()
    expect(ib.get_by_role("heading", name=daan.titel.naam)).to_be_visible()
    expect(kenmerk(ib, "School bij indienen")).to_have_text("Het Kompas (23CD00)")
    expect(kenmerk(ib, "School nu")).to_have_text("De Regenboog (12AB00)")
    geen_axe_overtredingen(ib)
    ib.context.close()

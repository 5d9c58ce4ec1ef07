"""SWV-beheer's configuration screens in Chromium (issue 16 item 1; R31, R32, R3): the demo's
applicatiebeheerder adds a label, is told beside the field that a name is taken (the text kept),
retires a document type, names a school's contactpersoon and raises the attachment limit.
axe-core on every page: 0 violations."""

import pytest
from playwright.sync_api import Page, expect
from pytest_django.live_server_helper import LiveServer

from passend.bijlagen.models import Documenttype
from passend.bijlagen.selectors import bijlageinstellingen
from passend.hulpvragen.models import Label
from passend.web.tests.browser import demo_laden, geen_axe_overtredingen, inloggen


@pytest.mark.browser
def test_r31_r32_r3_configuration_on_swv_beheers_own_screens_passes_axe(
    page: Page, live_server: LiveServer
) -> None:
    accounts = demo_laden()
    inloggen(page, accounts["bhendriks"])
    page.goto("/swv-beheer/overzicht/")

    # R31: labels; a taken name is refused beside the field, the typed text stays.
    page.get_by_role("link", name="Labels", exact=True).click()
    expect(page.get_by_role("heading", name="Labels")).to_be_visible()
    geen_axe_overtredingen(page)
    page.get_by_role("link", name="Nieuw label").click()
    page.get_by_label("Naam").fill("Wachtlijst")
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_role("status")).to_contain_text("De wijziging is opgeslagen")
    page.get_by_role("link", name="Nieuw label").click()
    page.get_by_label("Naam").fill("Wachtlijst")
    page.get_by_role("button", name="Opslaan").click()
    expect(page.locator(".veld__fout")).to_contain_text("Er is al een label met deze naam.")
    expect(page.get_by_label("Naam")).to_have_value("Wachtlijst")
    geen_axe_overtredingen(page)
    assert Label.objects.filter(swv__code="PO2806", naam="Wachtlijst").count() == 1

    # Document types: retired with 'actief', never removed.
    page.goto("/swv-beheer/overzicht/")
    page.get_by_role("link", name="Soorten documenten").click()
    geen_axe_overtredingen(page)
    eerste = Documenttype.objects.filter(swv__code="PO2806", actief=True).order_by(
        "volgorde", "naam"
    )[0]
    page.get_by_role("table").get_by_role("link", name=eerste.naam, exact=True).click()
    geen_axe_overtredingen(page)
    page.get_by_label("Actief").uncheck()
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_role("status")).to_contain_text("De wijziging is opgeslagen")
    eerste.refresh_from_db()
    assert not eerste.actief

    # R32: a school's contactpersoon.
    page.goto("/swv-beheer/overzicht/")
    page.get_by_role("link", name="Schoolcontactpersonen").click()
    geen_axe_overtredingen(page)
    page.get_by_role("table").get_by_role("link").first.click()
    geen_axe_overtredingen(page)

    # R3: the attachment limit, with a value out of range refused beside the field.
    page.goto("/swv-beheer/overzicht/")
    page.get_by_role("link", name="Instellingen voor bijlagen").click()
    geen_axe_overtredingen(page)
    page.get_by_label("grootste bijlage (MB)").fill("500")
    page.get_by_role("button", name="Opslaan").click()
    expect(page.locator(".veld__fout")).to_be_visible()
    expect(page.get_by_label("grootste bijlage (MB)")).to_have_value("500")
    geen_axe_overtredingen(page)
    page.get_by_label("grootste bijlage (MB)").fill("25")
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_role("status")).to_contain_text("De wijziging is opgeslagen")
    swv = Label.objects.get(swv__code="PO2806", naam="Wachtlijst").swv
    assert bijlageinstellingen(swv).max_bijlage_mb == 25

    page.goto("/swv-beheer/overzicht/")
    page.get_by_role("link", name="Instellingen voor overlegrondes").click()
    geen_axe_overtredingen(page)

"""SWV-beheer's koppelingen screens in Chromium (issue 16 item 1; issue 14 R8, R10, issue 15
B7): the demo's applicatiebeheerder registers an API client and sees its token once, links a
school to it, registers an Esis code (a wrong one first: the message beside the field, the
input kept), pauses it, changes the OSO settings and opens the aanvraagtypen. axe-core on every
page: 0 violations."""

import re

import pytest
from playwright.sync_api import Page, expect
from pytest_django.live_server_helper import LiveServer

from passend.web.tests.browser import demo_laden, fout_bij_veld, geen_axe_overtredingen, inloggen

CODE_VLINDERHOF = "12AB01-vlinderhof-esis-2026"


@pytest.mark.browser
def test_r8_r10_b7_koppelingen_on_swv_beheers_own_screens_pass_axe(
    page: Page, live_server: LiveServer
) -> None:
    accounts = demo_laden()
    inloggen(page, accounts["bhendriks"])

    # Issue 14: a new client; its token on the answer, once.
    page.goto("/swv-beheer/koppelingen/clients/")
    expect(page.get_by_role("heading", name="API-clients")).to_be_visible()
    expect(page.get_by_role("table", name="API-clients")).to_contain_text("Esis (demo)")
    geen_axe_overtredingen(page)
    page.get_by_role("link", name="Nieuwe client").click()
    geen_axe_overtredingen(page)
    page.get_by_label("Soort koppeling").select_option(label="OSO (ParnasSys en andere)")
    page.get_by_label("Maximaal aantal verzoeken per minuut").fill("120")
    page.get_by_role("button", name="Registreren").click()
    fout_bij_veld(page, page.get_by_label("Naam"), "Dit veld is vereist.")
    expect(page.get_by_label("Soort koppeling")).to_have_value("oso")
    expect(page.get_by_label("Maximaal aantal verzoeken per minuut")).to_have_value("120")
    geen_axe_overtredingen(page)
    page.get_by_label("Naam").fill("Leverancier X")
    page.get_by_role("button", name="Registreren").click()
    expect(page.get_by_role("heading", name="Token van Leverancier X")).to_be_visible()
    expect(page.get_by_text("U ziet het token nu één keer.")).to_be_visible()
    token = page.get_by_label("Token").input_value()
    assert re.fullmatch(r"psd_[0-9a-f]{16}_[\w-]+", token)
    geen_axe_overtredingen(page)
    page.get_by_role("link", name="Naar de client: scholen koppelen").click()
    expect(page.get_by_role("heading", name="API-client: Leverancier X")).to_be_visible()
    assert token not in page.content()
    geen_axe_overtredingen(page)

    # R8: a school uses the client, with its mandate and routeringskenmerk.
    page.get_by_role("link", name="School toevoegen").click()
    geen_axe_overtredingen(page)
    page.get_by_label("School").select_option(label="De Vlinderhof (12AB01)")
    page.get_by_label("Mandaat (OSR)").fill("OSR-mandaat 41234")
    page.get_by_label("Routeringskenmerk").fill("PO2806-VH")
    page.get_by_label("Actief sinds").fill("01-11-2026")
    page.get_by_role("button", name="Toevoegen").click()
    expect(page.get_by_role("status")).to_contain_text("De school gebruikt de koppeling nu.")
    tabel = page.get_by_role("table", name="Scholen die deze koppeling gebruiken")
    expect(tabel).to_contain_text("PO2806-VH")
    expect(tabel).to_contain_text("01-11-2026")
    geen_axe_overtredingen(page)
    tabel.get_by_role("link", name="De Vlinderhof (12AB01)").click()
    expect(page.get_by_label("Routeringskenmerk")).to_have_value("PO2806-VH")
    geen_axe_overtredingen(page)
    page.get_by_role("link", name="Leverancier X").first.click()

    # Revoking asks first.
    page.get_by_role("link", name="Intrekken").click()
    expect(page.get_by_role("heading", name="Client intrekken: Leverancier X")).to_be_visible()
    geen_axe_overtredingen(page)
    page.get_by_role("button", name="Ja, intrekken").click()
    expect(page.get_by_role("status")).to_contain_text("is ingetrokken")
    expect(page.get_by_role("link", name="Intrekken")).to_have_count(0)

    # R10: an Esis code; a wrong one is refused beside the field and stays typed.
    page.goto("/swv-beheer/koppelingen/verificatiecodes/")
    expect(page.get_by_role("table", name="Esis-verificatiecodes")).to_contain_text("De Regenboog")
    geen_axe_overtredingen(page)
    page.get_by_role("link", name="Verificatiecode vastleggen").click()
    geen_axe_overtredingen(page)
    page.get_by_label("School").select_option(label="De Vlinderhof (12AB01)")
    page.get_by_label("Verificatiecode").fill("12AB00-verkeerde-school-code")
    page.get_by_role("button", name="Vastleggen").click()
    fout_bij_veld(page, page.get_by_label("Verificatiecode"), "begint met de BRIN en vestiging")
    expect(page.get_by_label("Verificatiecode")).to_have_value("12AB00-verkeerde-school-code")
    geen_axe_overtredingen(page)
    page.get_by_label("Verificatiecode").fill(CODE_VLINDERHOF)
    page.get_by_role("button", name="Vastleggen").click()
    expect(page.get_by_role("status")).to_contain_text("De Vlinderhof")
    rij = page.get_by_role("row").filter(has_text="De Vlinderhof")
    expect(rij).to_contain_text("Actief")
    assert CODE_VLINDERHOF not in page.content()
    rij.get_by_role("button", name="Pauzeren").click()
    expect(page.get_by_role("row").filter(has_text="De Vlinderhof")).to_contain_text(
        "Gepauzeerd sinds"
    )
    page.get_by_label("Status").select_option(label="Actief")
    page.get_by_role("button", name="Tonen").click()
    tabel = page.get_by_role("table", name="Esis-verificatiecodes")
    expect(tabel).to_contain_text("De Regenboog")
    expect(tabel).not_to_contain_text("De Vlinderhof")
    geen_axe_overtredingen(page)

    # B7: the OSO blocks kept.
    page.goto("/swv-beheer/koppelingen/oso/")
    expect(page.get_by_role("heading", name="Instellingen voor OSO")).to_be_visible()
    geen_axe_overtredingen(page)
    blokken = page.get_by_role("group", name="Gegevensblokken die bewaard worden")
    expect(blokken.get_by_label("Bijlagen (de documenten van elk blok)")).to_be_checked()
    blokken.get_by_label("Verzuim").check()
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_role("status")).to_contain_text("De instellingen voor OSO zijn opgeslagen.")
    expect(blokken.get_by_label("Verzuim")).to_be_checked()

    # Issue 15: the aanvraagtypen of ParnasSys.
    page.get_by_role("link", name="Aanvraagtypen van ParnasSys").click()
    expect(page.get_by_role("table", name="Aanvraagtypen")).to_contain_text("TLV")
    geen_axe_overtredingen(page)
    page.get_by_role("table", name="Aanvraagtypen").get_by_role(
        "link", name="TLV", exact=True
    ).click()
    expect(page.get_by_role("heading", name="Aanvraagtype: TLV")).to_be_visible()
    geen_axe_overtredingen(page)
    page.get_by_role("link", name="Aanvraagtypen (OSO)").first.click()
    page.get_by_role("link", name="Nieuw aanvraagtype").click()
    geen_axe_overtredingen(page)
    page.get_by_label("Aanvraagtype").fill("Arrangement")
    page.get_by_role("button", name="Toevoegen").click()
    expect(page.get_by_label("Aanvraagtype")).to_have_value("Arrangement")
    geen_axe_overtredingen(page)
    page.get_by_role("group", name="Hulpvraagtitels").get_by_label(
        "Ambulante Begeleiding", exact=True
    ).check()
    page.get_by_role("button", name="Toevoegen").click()
    expect(page.get_by_role("status")).to_contain_text("Het aanvraagtype is toegevoegd.")
    expect(page.get_by_role("table", name="Aanvraagtypen")).to_contain_text("Arrangement")

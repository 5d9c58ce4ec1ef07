"""The manual's chapter "Nieuwe hulpvraag rechtstreeks in Kindkans aanmaken", Stap 1 to 5, in
Chromium with the manual's labels (R13-R16, R53), and a status round trip between the
schoolcontactpersoon and the school (R20, R22). Attachments (R17) are not built yet.

The data is the demo's (`manage.py demo --json`), so the walkthrough is the one a person can
repeat by hand on `make run`."""

import re

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from passend.web.tests.browser import (
    demo_laden,
    fout_bij_veld,
    geen_axe_overtredingen,
    inloggen,
    kenmerk,
    naar_hulpvragen,
    open_hulpvraag,
    opties,
    tab_openen,
    uitloggen,
)

DATUM_TIJD = re.compile(r"^\d{2}-\d{2}-\d{4} \d{2}:\d{2}$")


@pytest.mark.browser
def test_r13_r14_r15_r16_r53_manual_direct_entry_walkthrough(page: Page) -> None:
    accounts = demo_laden()

    # Stap 1. Inloggen
    inloggen(page, accounts["iverhoef"])
    naar_hulpvragen(page)
    geen_axe_overtredingen(page)

    # Stap 2. Leerling zoeken
    page.get_by_role("link", name="Toevoegen", exact=True).click()
    expect(page.get_by_role("heading", name="Hulpvraag toevoegen")).to_be_visible()
    page.get_by_label("Leerlingnaam").fill("Jan van Boven")
    page.get_by_role("button", name="Zoeken").click()
    expect(page.get_by_text("Geen leerling gevonden met deze naam.")).to_be_visible()
    expect(page.get_by_label("Leerlingnaam")).to_have_value("Jan van Boven")
    geen_axe_overtredingen(page)
    page.get_by_role("link", name="Dossier toevoegen").click()
    expect(page.get_by_role("heading", name="Nieuw dossier")).to_be_visible()
    geen_axe_overtredingen(page)

    # Stap 3. Basisgegevens toevoegen; first once with nothing filled in.
    page.get_by_role("button", name="Opslaan").click()
    fout_bij_veld(page, page.get_by_label("Roepnaam"), "Vul de roepnaam in.")
    fout_bij_veld(page, page.get_by_label("Achternaam"), "Vul de achternaam in.")
    fout_bij_veld(page, page.get_by_label("Geboortedatum"), "Vul de geboortedatum in.")
    geen_axe_overtredingen(page)

    page.get_by_label("Roepnaam").fill("Jan")
    page.get_by_label("Tussenvoegsel").fill("van")
    page.get_by_label("Achternaam").fill("Boven")
    page.get_by_label("Geboortedatum").fill("03-09-2016")
    page.get_by_label("E-mailadressen ouders/verzorgers").fill("ouder.boven@example.nl")
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_role("status")).to_contain_text("Het dossier is opgeslagen.")
    expect(page.get_by_role("heading", name="Jan van Boven (03-09-2016)")).to_be_visible()
    expect(kenmerk(page, "Roepnaam")).to_have_text("Jan")
    expect(kenmerk(page, "Tussenvoegsel")).to_have_text("van")
    expect(kenmerk(page, "Achternaam")).to_have_text("Boven")
    expect(kenmerk(page, "E-mailadressen ouders/verzorgers")).to_have_text("ouder.boven@example.nl")

    page.get_by_role("link", name="Adres toevoegen").click()
    expect(page.get_by_role("heading", name="Adres", exact=True)).to_be_visible()
    geen_axe_overtredingen(page)
    page.get_by_label("Soort adres").select_option(label="Woon- én postadres")
    page.get_by_label("Straat").fill("Slinge")
    page.get_by_label("Huisnummer").fill("150")
    page.get_by_label("Postcode").fill("3085 EA")
    page.get_by_label("Plaats").fill("Rotterdam")
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_role("status")).to_contain_text("Het adres is opgeslagen.")
    adres = page.get_by_role("row").filter(has_text="Slinge 150")
    expect(adres.get_by_role("cell")).to_have_text(
        ["Woon- én postadres", "Slinge 150, 3085 EA Rotterdam", "-", "Wijzigen (Slinge)"]
    )

    # Stap 4. Schoolgegevens toevoegen
    tab_openen(page, "Schoolgegevens")
    page.get_by_role("link", name="Nieuwe schoolgegevens toevoegen").click()
    expect(page.get_by_role("heading", name="Nieuwe schoolgegevens toevoegen")).to_be_visible()
    school = page.get_by_label("School", exact=True)
    expect(school).to_have_attribute("list", "scholen")
    school.clear()
    school.press_sequentially("Regen")
    expect(page.locator('#scholen option[value="De Regenboog (12AB00)"]')).to_have_count(1)
    school.fill("De Regenboog (12AB00)")  # what picking the suggestion puts in the field
    page.get_by_label("Groep").fill("5")
    expect(page.get_by_label("Aanvrager").locator("option:checked")).to_have_text("Ingrid Verhoef")
    expect(page.get_by_label("Contactpersoon")).to_have_value("Ingrid Verhoef")
    expect(page.get_by_label("E-mailadres")).to_have_value("iverhoef@po2806.demo.passend.nl")
    geen_axe_overtredingen(page)
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_role("status")).to_contain_text("De schoolgegevens zijn opgeslagen.")
    expect(
        page.get_by_role("row").filter(has_text="De Regenboog").get_by_role("cell")
    ).to_have_text(
        [
            "De Regenboog (12AB00)",
            "5",
            "Ingrid Verhoef",
            "Ingrid Verhoef",
            "iverhoef@po2806.demo.passend.nl",
            "-",
        ]
    )

    # Stap 5. Hulpvraag toevoegen
    tab_openen(page, "Hulpvraag")
    # The form proposes today: the date before or after it was shown, should midnight fall
    # in between (Amsterdam, the time zone of the app).
    dagen = {timezone.localdate().strftime("%d-%m-%Y")}
    page.get_by_role("link", name="Nieuwe hulpvraag toevoegen").click()
    expect(page.get_by_role("heading", name="Nieuwe hulpvraag toevoegen")).to_be_visible()
    dagen.add(timezone.localdate().strftime("%d-%m-%Y"))
    titel = page.get_by_label("Titel")
    titels = opties(titel)
    assert "TLV-aanvraag (IJsselmonde)" in titels, titels  # De Regenboog is in IJsselmonde
    assert "TLV -Nieuw" not in titels, titels
    titel.select_option(label="Ambulante Begeleiding")
    page.get_by_label("Omschrijving").fill("Op het gebied van gedrag.")
    vandaag = page.get_by_label("Hulpvraagdatum").input_value()
    assert vandaag in dagen, (vandaag, dagen)
    geen_axe_overtredingen(page)
    page.get_by_role("button", name="Opslaan").click()

    expect(page.get_by_role("status")).to_contain_text(
        "De hulpvraag is opgeslagen met status ‘Aanmelding’."
    )
    expect(page.get_by_role("heading", name="Ambulante Begeleiding")).to_be_visible()
    expect(kenmerk(page, "Hulpvraagdatum")).to_have_text(vandaag)
    expect(kenmerk(page, "Status")).to_have_text("Aanmelding")
    expect(kenmerk(page, "Schoolgegevens")).to_have_text("De Regenboog (12AB00) (Ingrid Verhoef)")
    expect(kenmerk(page, "Hulpvraag")).to_have_text("Ambulante Begeleiding")
    expect(kenmerk(page, "Omschrijving")).to_have_text("Op het gebied van gedrag.")
    expect(kenmerk(page, "Coördinator")).to_have_text("Petra Jansen")
    expect(page.get_by_role("link", name="Status wijzigen")).to_be_visible()
    expect(page.get_by_role("link", name="Statushistorie")).to_be_visible()
    geen_axe_overtredingen(page)

    # The pupil is known now: Toevoegen finds him and leads to his hulpvragen (R13).
    naar_hulpvragen(page)
    page.get_by_role("link", name="Toevoegen", exact=True).click()
    page.get_by_label("Leerlingnaam").fill("van boven")
    page.get_by_role("button", name="Zoeken").click()
    gevonden = page.get_by_role("table", name="Gevonden leerlingen")
    expect(gevonden.get_by_role("row").filter(has_text="Jan van Boven")).to_contain_text(
        "03-09-2016"
    )
    geen_axe_overtredingen(page)
    gevonden.get_by_role("link", name="Kies Jan van Boven").click()
    expect(page.get_by_role("row").filter(has_text="Ambulante Begeleiding")).to_contain_text(
        "Aanmelding"
    )

    # The schoolcontactpersoon sees it and who submitted it.
    uitloggen(page)
    inloggen(page, accounts["pjansen"])
    naar_hulpvragen(page)
    rij = page.get_by_role("row").filter(has_text="Jan van Boven")
    expect(rij).to_contain_text("Ambulante Begeleiding")
    expect(rij).to_contain_text("Aanmelding")
    expect(rij).to_contain_text("De Regenboog")
    geen_axe_overtredingen(page)
    open_hulpvraag(page, "Jan van Boven")
    expect(kenmerk(page, "Status")).to_have_text("Aanmelding")
    page.get_by_role("link", name="Statushistorie").click()
    expect(page.get_by_role("heading", name="Statushistorie")).to_be_visible()
    rijen = page.locator("tbody > tr")
    expect(rijen).to_have_count(1)
    expect(rijen.first.get_by_role("cell")).to_have_text(
        [DATUM_TIJD, "-", "Aanmelding", "Ingrid Verhoef", "-"]
    )
    geen_axe_overtredingen(page)


@pytest.mark.browser
def test_r20_r22_scp_sets_dossier_incompleet_and_school_resubmits(page: Page) -> None:
    accounts = demo_laden()
    reden_verplicht = "Geef een reden: de school leest die in de e-mail over deze status."

    inloggen(page, accounts["pjansen"])
    naar_hulpvragen(page)
    expect(page.get_by_role("row").filter(has_text="Pedro Fortes Monteiro")).to_contain_text(
        "Aanmelding"
    )
    referentie = open_hulpvraag(page, "Pedro Fortes Monteiro")
    expect(kenmerk(page, "Schoolgegevens")).to_have_text("Het Kompas (23CD00) (Herbert Schaap)")
    page.get_by_role("link", name="Status wijzigen").click()
    expect(page.get_by_role("heading", name="Status wijzigen")).to_be_visible()
    geen_axe_overtredingen(page)

    nieuwe_status = page.get_by_label("Nieuwe status")
    nieuwe_status.select_option(label="Dossier incompleet")
    page.get_by_role("button", name="Opslaan").click()
    reden = page.get_by_label("Reden")
    fout_bij_veld(page, reden, reden_verplicht)
    expect(nieuwe_status.locator("option:checked")).to_have_text("Dossier incompleet")
    geen_axe_overtredingen(page)

    reden.fill("Het OPP ontbreekt.")
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_role("status")).to_contain_text(
        "De status is gewijzigd in ‘Dossier incompleet’."
    )
    expect(kenmerk(page, "Status")).to_have_text("Dossier incompleet")

    # The school reads what is needed, completes the file and submits again.
    uitloggen(page)
    inloggen(page, accounts["hschaap"])
    naar_hulpvragen(page)
    expect(page.get_by_role("row").filter(has_text="Pedro Fortes Monteiro")).to_contain_text(
        "Dossier incompleet"
    )
    assert open_hulpvraag(page, "Pedro Fortes Monteiro") == referentie
    expect(kenmerk(page, "Status")).to_have_text("Dossier incompleet")
    instructie = page.locator(".waarschuwing")
    expect(instructie).to_contain_text("Actie van de school nodig")
    expect(instructie).to_contain_text("wijzig daarna zelf de status weer in Aanmelding")
    geen_axe_overtredingen(page)

    page.get_by_role("link", name="Status wijzigen").click()
    # Wait for the form: reading the options does not wait for the page to arrive.
    expect(page.get_by_role("heading", name="Status wijzigen")).to_be_visible()
    nieuwe_status = page.get_by_label("Nieuwe status")
    keuzes = opties(nieuwe_status)
    assert "Aanmelding" in keuzes, keuzes
    assert "Toegekend" not in keuzes, keuzes
    nieuwe_status.select_option(label="Aanmelding")
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_role("status")).to_contain_text("De status is gewijzigd in ‘Aanmelding’.")
    expect(kenmerk(page, "Status")).to_have_text("Aanmelding")
    expect(page.locator(".waarschuwing")).to_have_count(0)

    page.get_by_role("link", name="Statushistorie").click()
    rijen = page.locator("tbody > tr")
    expect(rijen).to_have_count(3)
    verwacht: list[list[str | re.Pattern[str]]] = [
        [DATUM_TIJD, "-", "Aanmelding", "Herbert Schaap", "-"],
        [DATUM_TIJD, "Aanmelding", "Dossier incompleet", "Petra Jansen", "Het OPP ontbreekt."],
        [DATUM_TIJD, "Dossier incompleet", "Aanmelding", "Herbert Schaap", "-"],
    ]
    for nummer, cellen in enumerate(verwacht):
        expect(rijen.nth(nummer).get_by_role("cell")).to_have_text(cellen)
    geen_axe_overtredingen(page)

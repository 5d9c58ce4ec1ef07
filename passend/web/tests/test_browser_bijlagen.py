"""The attachments screen in Chromium, as the manual shows it (R17, R49, R52): "+ Bijlage
toevoegen" with a PDF and a DOCX in one go, the Bestandsnaam search and "Wissen", the eye
opening the PDF inline in a new tab, and Download of the DOCX. The demo's hulpvraag of Pedro
Fortes Monteiro (Het Kompas), by its IB'er hschaap."""

import io
import re
import time
from pathlib import Path

import pytest
from PIL import Image
from playwright.sync_api import Page, Response, expect

from passend.bijlagen.models import Bijlageinstellingen
from passend.bijlagen.tests import bestanden
from passend.organisaties.models import Samenwerkingsverband
from passend.web.tests.browser import (
    demo_laden,
    geen_axe_overtredingen,
    inloggen,
    naar_hulpvragen,
    open_hulpvraag,
)


def rijen(page: Page) -> list[str]:
    return [
        tekst.strip()
        for tekst in page.locator("table.tabel tbody tr td:first-child").all_inner_texts()
    ]


def pdf_pagina_getekend(tabblad: Page, binnen: float = 10.0) -> tuple[float, float]:
    """The white and the dark share of the tab's pixels, from screenshots taken until a white
    page shows on a dark background (the viewer draws it when it is ready) or `binnen` seconds
    have passed: no fixed wait, and slow only when the page never shows."""
    einde = time.monotonic() + binnen
    while True:
        beeld = Image.open(io.BytesIO(tabblad.screenshot())).convert("L")
        grijswaarden = beeld.histogram()
        pixels = beeld.width * beeld.height
        wit, donker = grijswaarden[255] / pixels, sum(grijswaarden[:128]) / pixels
        if (wit > 0.2 and donker > 0.1) or time.monotonic() > einde:
            return wit, donker
        time.sleep(0.05)  # a breath between screenshots


@pytest.mark.browser
def test_r17_r49_r52_add_search_open_and_download_attachments(page: Page, tmp_path: Path) -> None:
    accounts = demo_laden()
    pdf = bestanden.schrijven(tmp_path / "OPP Pedro 2026.pdf", bestanden.pdf())
    docx = bestanden.schrijven(tmp_path / "Verslag groep 6.docx", bestanden.docx())

    inloggen(page, accounts["hschaap"])
    naar_hulpvragen(page)
    open_hulpvraag(page, "Pedro Fortes Monteiro")
    page.get_by_role("link", name="0 Bijlagen").click()
    expect(page.get_by_role("heading", name="Bijlagen hulpvraag")).to_be_visible()
    expect(page.get_by_text("Deze hulpvraag heeft nog geen bijlagen.")).to_be_visible()
    geen_axe_overtredingen(page)

    page.get_by_role("link", name="+ Bijlage toevoegen").click()
    expect(page.get_by_role("heading", name="Bijlage toevoegen")).to_be_visible()
    geen_axe_overtredingen(page)
    page.get_by_label("Bestanden").set_input_files([pdf, docx])
    page.get_by_label("Soort document").select_option(label="Verslag of rapport")
    page.get_by_role("button", name="Toevoegen").click()

    expect(page.get_by_role("heading", name="Bijlagen hulpvraag")).to_be_visible()
    expect(page.get_by_role("status")).to_contain_text("2 bijlagen zijn toegevoegd.")
    expect(page.get_by_text("1 t/m 2 (van 2)")).to_be_visible()
    assert sorted(rijen(page)) == ["OPP Pedro 2026.pdf", "Verslag groep 6.docx"]
    geen_axe_overtredingen(page)

    # Zoeken on Bestandsnaam, then Wissen.
    page.get_by_label("Bestandsnaam").fill("verslag")
    page.get_by_role("button", name="Zoeken").click()
    expect(page.get_by_text("1 t/m 1 (van 1)")).to_be_visible()
    assert rijen(page) == ["Verslag groep 6.docx"]
    page.get_by_role("link", name="Wissen").click()
    expect(page.get_by_text("1 t/m 2 (van 2)")).to_be_visible()
    expect(page.get_by_label("Bestandsnaam")).to_have_value("")

    # The eye opens the PDF inline in a new tab; the DOCX has no eye.
    expect(
        page.get_by_role("link", name="Open Verslag groep 6.docx (nieuw tabblad)")
    ).to_have_count(0)
    antwoorden: list[Response] = []
    page.context.on("response", lambda antwoord: antwoorden.append(antwoord))
    with page.expect_popup() as nieuw_tabblad:
        page.get_by_role("link", name="Open OPP Pedro 2026.pdf (nieuw tabblad)").click()
    tabblad = nieuw_tabblad.value
    tabblad.wait_for_load_state()
    expect(tabblad).to_have_url(re.compile(r"/bijlagen/\d+/openen/$"))
    pdf_antwoord = next(a for a in antwoorden if a.url == tabblad.url)
    assert pdf_antwoord.status == 200
    assert pdf_antwoord.headers["content-type"] == "application/pdf"
    assert pdf_antwoord.headers["content-disposition"].startswith(
        'inline; filename="OPP Pedro 2026.pdf"'
    )
    assert "sandbox" not in pdf_antwoord.headers["content-security-policy"]
    # Chromium's own PDF viewer draws it: a white page on the viewer's dark background (the
    # tab's DOM is only the viewer's placeholder, so the pixels are what shows it worked).
    wit, donker = pdf_pagina_getekend(tabblad)
    assert wit > 0.2 and donker > 0.1, (wit, donker)
    tabblad.close()

    # Download of the DOCX: the same bytes, under its own name.
    with page.expect_download() as download:
        page.get_by_role("link", name="Download Verslag groep 6.docx").click()
    assert download.value.suggested_filename == "Verslag groep 6.docx"
    opgeslagen = tmp_path / "gedownload.docx"
    download.value.save_as(opgeslagen)
    assert opgeslagen.read_bytes() == docx.read_bytes()

    # A refused file: the progress script puts the answer's message beside the field.
    page.get_by_role("link", name="+ Bijlage toevoegen").click()
    page.get_by_label("Bestanden").set_input_files(
        [bestanden.schrijven(tmp_path / "Rapport.pdf", bestanden.exe())]
    )
    page.get_by_role("button", name="Toevoegen").click()
    expect(page.locator(".veld--fout")).to_contain_text("Rapport.pdf is niet toegevoegd: ")
    expect(page.get_by_label("Bestanden")).to_have_attribute("aria-invalid", "true")
    geen_axe_overtredingen(page)
    page.get_by_role("link", name="Sluiten").click()

    page.get_by_role("link", name="Sluiten").click()
    expect(page.get_by_role("link", name="2 Bijlagen")).to_be_visible()


@pytest.mark.browser
def test_i18_progress_hidden_until_sent_and_each_toevoegen_button_names_its_file(
    page: Page, tmp_path: Path
) -> None:
    """Issue 18 item 3: "Bezig met versturen" and its bar show only once a file is being sent;
    with files waiting for an answer (a name that says nothing, a scan offered at 300 dpi)
    every button on the page has a name of its own."""
    accounts = demo_laden()
    Bijlageinstellingen.objects.create(
        swv=Samenwerkingsverband.objects.get(code="PO2806"), max_bijlage_mb=1
    )
    inloggen(page, accounts["hschaap"])
    naar_hulpvragen(page)
    open_hulpvraag(page, "Pedro Fortes Monteiro")
    page.get_by_role("link", name="0 Bijlagen").click()
    page.get_by_role("link", name="+ Bijlage toevoegen").click()
    expect(page.get_by_role("heading", name="Bijlage toevoegen")).to_be_visible()
    expect(page.get_by_text("Bezig met versturen")).to_be_hidden()
    expect(page.locator("progress")).to_be_hidden()

    page.get_by_label("Bestanden").set_input_files(
        [
            bestanden.schrijven(tmp_path / "scan001.pdf", bestanden.pdf()),
            bestanden.schrijven(tmp_path / "document.docx", bestanden.docx()),
            bestanden.schrijven(
                tmp_path / "OPP Pedro gescand.pdf", bestanden.pdf_gescand(paginas=3, dpi=600)
            ),
        ]
    )
    page.get_by_label("Soort document").select_option(label="Verslag of rapport")
    page.get_by_role("button", name="Toevoegen", exact=True).click()
    expect(page.get_by_role("heading", name="Wacht op uw antwoord")).to_be_visible()
    expect(page.get_by_text("Bezig met versturen")).to_be_hidden()

    for naam in (
        "Toevoegen",
        "Toevoegen scan001.pdf",
        "Niet toevoegen scan001.pdf",
        "Toevoegen document.docx",
        "Niet toevoegen document.docx",
        "Verkleinde kopie toevoegen OPP Pedro gescand.pdf",
        "Niet toevoegen OPP Pedro gescand.pdf",
    ):
        expect(page.get_by_role("button", name=naam, exact=True)).to_have_count(1)
    expect(page.get_by_role("button", name="toevoegen")).to_have_count(7)  # no other
    geen_axe_overtredingen(page)

    # The answer by name: the scan added as named, the document not at all.
    page.get_by_role("button", name="Toevoegen scan001.pdf", exact=True).click()
    expect(page.get_by_role("button", name="Toevoegen scan001.pdf")).to_have_count(0)
    page.get_by_role("button", name="Niet toevoegen document.docx", exact=True).click()
    expect(page.get_by_role("button", name="Niet toevoegen document.docx")).to_have_count(0)
    expect(page.get_by_role("button", name=re.compile("OPP Pedro gescand"))).to_have_count(2)

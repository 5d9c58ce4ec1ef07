"""Every check on an attachment, each proven with a real crafted file (bestanden.py)."""

from __future__ import annotations

import hashlib
import logging
import random
import re
import socket
import socketserver
import struct
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

import pikepdf
import pytest
from pytest_django.fixtures import Settings

from passend.bijlagen.controles import (
    BestandGeweigerd,
    GecontroleerdBestand,
    TeGrootMaarVerkleinbaar,
    bestand_controleren,
    betekenisloze_naam,
    pdf_verkleinen,
)
from passend.bijlagen.controles.tekst import _OPMAAK, _TEKSTBLOK, _opmaak_zoeken
from passend.bijlagen.tests import bestanden

MB = 1024 * 1024


def controleren(
    tmp_path: Path, naam: str, inhoud: bytes, *, max_bytes: int = MB
) -> GecontroleerdBestand:
    """Checks `inhoud` as if uploaded under `naam`; the temporary name says nothing."""
    return bestand_controleren(
        bestanden.schrijven(tmp_path / "upload.tmp", inhoud), bestandsnaam=naam, max_bytes=max_bytes
    )


def geweigerd(tmp_path: Path, naam: str, inhoud: bytes, **opties: int) -> str:
    with pytest.raises(BestandGeweigerd) as fout:
        controleren(tmp_path, naam, inhoud, **opties)
    return fout.value.melding


@pytest.mark.parametrize(
    ("naam", "bouwer", "soort", "mime", "inline"),
    [
        ("OPP Jansen.pdf", bestanden.pdf, "pdf", "application/pdf", True),
        (
            "Verslag.docx",
            bestanden.docx,
            "docx",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            False,
        ),
        (
            "Toetsen.xlsx",
            bestanden.xlsx,
            "xlsx",
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            False,
        ),
        (
            "Overleg.pptx",
            bestanden.pptx,
            "pptx",
            "application/vnd.openxmlformats-officedocument.presentationml.presentation",
            False,
        ),
        ("Plan.odt", bestanden.odt, "odt", "application/vnd.oasis.opendocument.text", False),
        (
            "Cijfers.ods",
            bestanden.ods,
            "ods",
            "application/vnd.oasis.opendocument.spreadsheet",
            False,
        ),
        ("Gesprek.txt", bestanden.txt, "txt", "text/plain; charset=utf-8", True),
        ("Foto.JPG", bestanden.jpg, "jpg", "image/jpeg", True),
        ("Foto.jpeg", bestanden.jpg, "jpg", "image/jpeg", True),
        ("C:\\fakepath\\Foto.jpeg", bestanden.jpg, "jpg", "image/jpeg", True),
        ("Tekening.png", bestanden.png, "png", "image/png", True),
        ("Oud verslag.doc", bestanden.doc, "doc", "application/msword", False),
        ("Oude cijfers.XLS", bestanden.xls, "xls", "application/vnd.ms-excel", False),
        ("Oud overleg.ppt", bestanden.ppt, "ppt", "application/vnd.ms-powerpoint", False),
    ],
)
def test_r3_toegestane_soorten_aangenomen(
    tmp_path: Path, naam: str, bouwer: Callable[[], bytes], soort: str, mime: str, inline: bool
) -> None:
    inhoud = bouwer()
    gecontroleerd = controleren(tmp_path, naam, inhoud)
    assert (gecontroleerd.soort, gecontroleerd.mime, gecontroleerd.inline_tonen) == (
        soort,
        mime,
        inline,
    )
    assert gecontroleerd.grootte == len(inhoud)
    assert gecontroleerd.sha256 == hashlib.sha256(inhoud).hexdigest()


# --- Content against name ----------------------------------------------------------------------


def test_exe_hernoemd_naar_pdf_geweigerd(tmp_path: Path) -> None:
    melding = geweigerd(tmp_path, "OPP.pdf", bestanden.exe())
    assert melding == (
        "‘OPP.pdf’ is een programma voor Windows. Programma’s en scripts kunnen nooit worden "
        "toegevoegd."
    )


@pytest.mark.parametrize(
    ("inhoud", "wat"),
    [
        (b"\x7fELF\x02\x01\x01" + bytes(100), "een programma voor Linux"),
        (b"\xcf\xfa\xed\xfe" + bytes(100), "een programma voor macOS"),
        (b"#!/bin/sh\ncurl https://example.org | sh\n", "een script"),
    ],
)
def test_programmas_en_scripts_geweigerd(tmp_path: Path, inhoud: bytes, wat: str) -> None:
    assert geweigerd(tmp_path, "verslag.txt", inhoud).startswith(f"‘verslag.txt’ is {wat}.")


def test_html_met_naam_txt_geweigerd(tmp_path: Path) -> None:
    melding = geweigerd(tmp_path, "verslag.txt", bestanden.html())
    assert melding == (
        "‘verslag.txt’ is een webpagina (HTML). Dat soort bestand kan niet worden toegevoegd. "
        "Toegestaan zijn PDF, Word (DOC, DOCX), Excel (XLS, XLSX), PowerPoint (PPT, PPTX), "
        "OpenDocument (ODT, ODS), tekst (TXT) en afbeeldingen (JPG, PNG)."
    )


def test_html_verstopt_na_het_eerste_blok_geweigerd(tmp_path: Path) -> None:
    """The marker straddles the 64 KB block boundary; a check of the start alone misses it."""
    inhoud = b"a" * (64 * 1024 - 3) + b"<script>alert(1)</script>"
    assert "een webpagina (HTML)" in geweigerd(tmp_path, "verslag.txt", inhoud)


@pytest.mark.parametrize(
    ("marker", "wat"),
    [
        (b"<SCRIPT>", "een webpagina (HTML)"),
        (b"<!DocType html>", "een webpagina (HTML)"),
        (b"<  iframe src=x>", "een webpagina (HTML)"),
        (b"JavaScript:alert(1)", "een webpagina (HTML)"),
        (b"<svg xmlns=x>", "een SVG-afbeelding"),
        (b"<?xml version", "een XML-bestand"),
        (b"<?php echo", "een script"),
    ],
)
def test_r3_a_marker_split_over_the_read_blocks_is_found(
    tmp_path: Path, marker: bytes, wat: str
) -> None:
    """The text check reads blocks of _TEKSTBLOK bytes; a marker over the seam, at every split,
    and one right after it."""
    for voor in range(len(marker) + 1):
        inhoud = b"x" * (_TEKSTBLOK - voor) + marker + b" en verder\n"
        assert f"is {wat}" in geweigerd(tmp_path, "verslag.txt", inhoud, max_bytes=2 * MB)


def test_r3_many_lone_angle_brackets_then_a_tag(tmp_path: Path) -> None:
    vergelijkingen = b"Rekenen: 3 < 5 en 7 <8.\n" * 5000
    assert controleren(tmp_path, "rekenen.txt", vergelijkingen).mime.endswith("utf-8")
    melding = geweigerd(tmp_path, "rekenen.txt", vergelijkingen + b"<body onload=x>")
    assert "een webpagina (HTML)" in melding


def test_r3_the_markup_search_finds_what_one_regex_over_the_whole_text_finds() -> None:
    """The block search (a byte search for "<", then the pattern) against the rule it
    implements: one case-insensitive regex over the whole folded text."""
    regel = re.compile(_OPMAAK.pattern + rb"|javascript:")
    stukken = [
        b"a",
        b" ",
        b"<",
        b"< ",
        b"<scrip",
        b"t",
        b"script",
        b"<!doctype",
        b"<?xml",
        b"javascript",
        b":",
        b"<b>",
        b"<html",
        b"\n",
        b"svg",
        b"<svg>",
    ]
    willekeur = random.Random(20)  # noqa: S311  (test texts, repeatable)
    for _ in range(3000):
        tekst = b"".join(willekeur.choices(stukken, k=willekeur.randint(0, 12)))
        verwacht = regel.search(tekst)
        assert _opmaak_zoeken(tekst) == (verwacht.group() if verwacht else None), tekst


def test_svg_met_naam_png_geweigerd(tmp_path: Path) -> None:
    melding = geweigerd(tmp_path, "tekening.png", bestanden.svg())
    assert melding.startswith("‘tekening.png’ is een SVG-afbeelding (tekst met opmaakcode).")


def test_docx_met_naam_pdf_geweigerd(tmp_path: Path) -> None:
    melding = geweigerd(tmp_path, "OPP.pdf", bestanden.docx())
    assert melding == (
        "De inhoud van ‘OPP.pdf’ past niet bij de extensie .pdf: het is een Word-document "
        "(.docx). Geef het bestand de juiste extensie, of sla het op in de juiste vorm."
    )


def test_pptx_met_naam_xlsx_geweigerd(tmp_path: Path) -> None:
    melding = geweigerd(tmp_path, "cijfers.xlsx", bestanden.pptx())
    assert "het is een PowerPoint-presentatie (.pptx)" in melding


def test_extensie_buiten_de_lijst_geweigerd(tmp_path: Path) -> None:
    melding = geweigerd(tmp_path, "foto.gif", b"GIF89a" + bytes(20))
    assert melding.startswith("Bestanden met de extensie .gif kunnen niet worden toegevoegd.")


def test_soort_buiten_de_lijst_met_toegestane_naam_geweigerd(tmp_path: Path) -> None:
    melding = geweigerd(tmp_path, "foto.jpg", b"GIF89a" + bytes(20))
    assert melding.startswith("‘foto.jpg’ is een GIF-afbeelding. Dat soort bestand kan niet")


def test_ole_bestand_dat_geen_office_is_geweigerd(tmp_path: Path) -> None:
    melding = geweigerd(tmp_path, "verslag.doc", bestanden.msi())
    assert melding.startswith(
        "‘verslag.doc’ is een Office- of Windows-bestand van een soort die niet is toegestaan."
    )


def test_naam_zonder_extensie_en_leeg_bestand_geweigerd(tmp_path: Path) -> None:
    assert geweigerd(tmp_path, "verslag", bestanden.pdf()).startswith(
        "‘verslag’ heeft geen extensie, zoals .pdf of .docx."
    )
    assert geweigerd(tmp_path, "verslag.pdf", b"") == "‘verslag.pdf’ is leeg."


# --- Text --------------------------------------------------------------------------------------


@pytest.mark.parametrize("begin", ["MZ-verslag", "BMI en groei"])
def test_tekst_die_begint_als_een_magisch_getal_aangenomen(tmp_path: Path, begin: str) -> None:
    inhoud = f"{begin}: gesprek met de ouders.\n".encode()
    assert controleren(tmp_path, "notitie.txt", inhoud).soort == "txt"


def test_tekst_in_windows_1252_aangenomen_met_die_tekenset(tmp_path: Path) -> None:
    gecontroleerd = controleren(tmp_path, "brief.txt", "Één café, € 5".encode("cp1252"))
    assert gecontroleerd.mime == "text/plain; charset=windows-1252"


@pytest.mark.parametrize(
    "inhoud",
    [b"tekst met een \x00 NUL-teken", bytes(range(256)) * 4, b"\x81\x8d ongeldig"],
)
def test_binaire_inhoud_met_naam_txt_geweigerd(tmp_path: Path, inhoud: bytes) -> None:
    assert geweigerd(tmp_path, "notitie.txt", inhoud).startswith(
        "‘notitie.txt’ is geen tekstbestand en ook geen ander toegestaan soort bestand."
    )


# --- Office: zip bombs and macros ----------------------------------------------------------------


def test_zipbom_docx_geweigerd(tmp_path: Path) -> None:
    inhoud = bestanden.docx_zipbom()
    assert len(inhoud) < 100 * 1024
    assert geweigerd(tmp_path, "verslag.docx", inhoud) == (
        "‘verslag.docx’ pakt uit tot een onredelijk grote hoeveelheid gegevens (een zogenaamde "
        "zip-bom) en wordt daarom niet aangenomen."
    )


def test_docx_met_te_groot_uitgepakt_totaal_geweigerd(tmp_path: Path) -> None:
    melding = geweigerd(tmp_path, "verslag.docx", bestanden.docx_met_groot_totaal())
    assert "zip-bom" in melding


def test_docx_met_duizenden_delen_geweigerd(tmp_path: Path) -> None:
    melding = geweigerd(tmp_path, "verslag.docx", bestanden.docx_met_veel_delen())
    assert "zip-bom" in melding


MACRO_MELDING = (
    "‘{naam}’ bevat macro’s of andere programmacode. Zulke bestanden kunnen schadelijk zijn en "
    "worden niet aangenomen. Sla het document op zonder macro’s (bijvoorbeeld als .docx of .xlsx "
    "in plaats van .docm of .xlsm) en probeer het opnieuw."
)


def test_docm_met_macros_geweigerd(tmp_path: Path) -> None:
    assert geweigerd(tmp_path, "plan.docm", bestanden.docm()).startswith(
        "Bestanden met de extensie .docm kunnen niet worden toegevoegd."
    )
    assert geweigerd(tmp_path, "plan.docx", bestanden.docm()) == MACRO_MELDING.format(
        naam="plan.docx"
    )


def test_docx_met_vbaproject_zonder_macrotype_geweigerd(tmp_path: Path) -> None:
    """The content type says plain docx, yet a VBA project travels along."""
    inhoud = bestanden.docx(extra={"word/vbaProject.bin": bestanden.ole({"VBA": {"dir": b"1"}})})
    assert geweigerd(tmp_path, "plan.docx", inhoud) == MACRO_MELDING.format(naam="plan.docx")


def test_doc_met_macros_geweigerd(tmp_path: Path) -> None:
    inhoud = bestanden.doc(macros=True)
    assert geweigerd(tmp_path, "plan.doc", inhoud) == MACRO_MELDING.format(naam="plan.doc")


def test_ppt_met_macros_geweigerd(tmp_path: Path) -> None:
    inhoud = bestanden.ppt(macros=True)
    assert geweigerd(tmp_path, "plan.ppt", inhoud) == MACRO_MELDING.format(naam="plan.ppt")


def test_xls_met_excel4_macroblad_geweigerd(tmp_path: Path) -> None:
    inhoud = bestanden.xls(macroblad=True)
    assert geweigerd(tmp_path, "cijfers.xls", inhoud) == MACRO_MELDING.format(naam="cijfers.xls")


def test_versleutelde_xls_geweigerd(tmp_path: Path) -> None:
    melding = geweigerd(tmp_path, "cijfers.xls", bestanden.xls(versleuteld=True))
    assert melding.startswith("‘cijfers.xls’ is beveiligd met een wachtwoord")


def test_versleutelde_doc_geweigerd(tmp_path: Path) -> None:
    melding = geweigerd(tmp_path, "plan.doc", bestanden.doc(versleuteld=True))
    assert melding.startswith("‘plan.doc’ is beveiligd met een wachtwoord")


def test_odt_met_basic_macro_geweigerd(tmp_path: Path) -> None:
    inhoud = bestanden.odt_met_macro()
    assert geweigerd(tmp_path, "plan.odt", inhoud) == MACRO_MELDING.format(naam="plan.odt")


def test_versleuteld_office_bestand_geweigerd(tmp_path: Path) -> None:
    """Word keeps a password-protected .docx as a compound file around the encrypted zip."""
    inhoud = bestanden.ole({"EncryptionInfo": b"\x04\x00\x04\x00", "EncryptedPackage": b"x"})
    assert geweigerd(tmp_path, "plan.docx", inhoud) == (
        "‘plan.docx’ is beveiligd met een wachtwoord, zodat Passend het niet kan controleren. "
        "Haal het wachtwoord eraf en probeer het opnieuw."
    )


def test_office_bestand_met_onbekende_compressie_geweigerd(tmp_path: Path) -> None:
    inhoud = bytearray(bestanden.docx())
    # Deflate64 (method 9) in the local and central headers of every part: zipfile cannot
    # unpack it, so [Content_Types].xml cannot be read.
    for kop, positie in ((b"PK\x03\x04", 8), (b"PK\x01\x02", 10)):
        start = inhoud.find(kop)
        while start != -1:
            inhoud[start + positie : start + positie + 2] = (9).to_bytes(2, "little")
            start = inhoud.find(kop, start + 4)
    assert geweigerd(tmp_path, "plan.docx", bytes(inhoud)) == (
        "‘plan.docx’ is beschadigd en kan niet worden gelezen."
    )


def test_beschadigd_office_bestand_geweigerd(tmp_path: Path) -> None:
    inhoud = bestanden.docx()[:200]
    assert geweigerd(tmp_path, "plan.docx", inhoud) == (
        "‘plan.docx’ is beschadigd en kan niet worden gelezen."
    )


# --- PDF ---------------------------------------------------------------------------------------

SCRIPT_MELDING = (
    "‘OPP.pdf’ bevat JavaScript of een ander script. Zulke PDF-bestanden kunnen schadelijk zijn "
    "en worden niet aangenomen. Druk het document af naar een nieuwe PDF (‘Afdrukken als PDF’) en "
    "probeer het opnieuw."
)


def test_pdf_met_javascript_in_objectstream_geweigerd(tmp_path: Path) -> None:
    inhoud = bestanden.pdf_met_javascript_in_objectstream()
    # The proof that parsing is needed: the bytes never name the script.
    assert b"JavaScript" not in inhoud
    assert b"/JS" not in inhoud
    assert geweigerd(tmp_path, "OPP.pdf", inhoud) == SCRIPT_MELDING


def test_pdf_met_javascript_in_annotatie_geweigerd(tmp_path: Path) -> None:
    inhoud = bestanden.pdf_met_javascript_in_annotatie()
    assert geweigerd(tmp_path, "OPP.pdf", inhoud) == SCRIPT_MELDING


def test_pdf_met_javascript_in_namenboom_geweigerd(tmp_path: Path) -> None:
    inhoud = bestanden.pdf_met_javascript_in_namen()
    assert b"JavaScript" not in inhoud
    assert geweigerd(tmp_path, "OPP.pdf", inhoud) == SCRIPT_MELDING


def test_pdf_met_javascript_in_formulierveld_geweigerd(tmp_path: Path) -> None:
    inhoud = bestanden.pdf_met_javascript_in_formulierveld()
    assert b"JavaScript" not in inhoud
    assert geweigerd(tmp_path, "OPP.pdf", inhoud) == SCRIPT_MELDING


def test_pdf_met_launch_actie_geweigerd(tmp_path: Path) -> None:
    assert geweigerd(tmp_path, "OPP.pdf", bestanden.pdf_met_launch()) == (
        "‘OPP.pdf’ bevat een opdracht om een programma of ander bestand te starten. Zulke "
        "PDF-bestanden kunnen schadelijk zijn en worden niet aangenomen. Druk het document af "
        "naar een nieuwe PDF en probeer het opnieuw."
    )


def test_pdf_met_ingesloten_bestand_geweigerd(tmp_path: Path) -> None:
    assert geweigerd(tmp_path, "OPP.pdf", bestanden.pdf_met_bijlage()) == (
        "‘OPP.pdf’ bevat ingesloten bestanden of media. Die kan Passend niet controleren. Voeg "
        "ingesloten bestanden los toe, en druk het document zelf af naar een nieuwe PDF."
    )


def test_pdf_met_bijlage_annotatie_geweigerd(tmp_path: Path) -> None:
    melding = geweigerd(tmp_path, "OPP.pdf", bestanden.pdf_met_bijlage_annotatie())
    assert melding.startswith("‘OPP.pdf’ bevat ingesloten bestanden of media.")


def test_versleutelde_pdf_geweigerd(tmp_path: Path) -> None:
    assert geweigerd(tmp_path, "OPP.pdf", bestanden.pdf_versleuteld()) == (
        "‘OPP.pdf’ is beveiligd met een wachtwoord, zodat Passend het niet kan controleren. Haal "
        "het wachtwoord eraf (sla het document op zonder beveiliging) en probeer het opnieuw."
    )


def test_pdf_met_alleen_rechtenbeveiliging_aangenomen(tmp_path: Path) -> None:
    """Encrypted with an empty user password, the PDF opens without one and is checked
    like any other: only copying or printing is restricted."""
    assert controleren(tmp_path, "OPP.pdf", bestanden.pdf_versleuteld(gebruiker="")).soort == "pdf"


def test_beschadigde_pdf_geweigerd(tmp_path: Path) -> None:
    inhoud = b"%PDF-1.7\n" + bytes(500)
    assert geweigerd(tmp_path, "OPP.pdf", inhoud) == (
        "‘OPP.pdf’ is beschadigd en kan niet worden gelezen."
    )


# --- Images ------------------------------------------------------------------------------------


def test_png_decompressiebom_geweigerd(tmp_path: Path) -> None:
    inhoud = bestanden.png_bom()
    assert len(inhoud) < 100 * 1024
    assert geweigerd(tmp_path, "foto.png", inhoud) == (
        "‘foto.png’ heeft te veel beeldpunten (meer dan 100 miljoen). Verklein de afbeelding en "
        "probeer het opnieuw."
    )


def test_png_met_beschadigde_gegevens_geweigerd(tmp_path: Path) -> None:
    inhoud = bytearray(bestanden.png())
    idat = inhoud.index(b"IDAT")
    inhoud[idat + 6] ^= 0xFF  # a flipped byte in the image data: its CRC no longer matches
    assert geweigerd(tmp_path, "foto.png", bytes(inhoud)) == (
        "‘foto.png’ is beschadigd en kan niet worden gelezen."
    )


def test_afgebroken_jpg_geweigerd(tmp_path: Path) -> None:
    inhoud = bestanden.jpg(800, 600)
    assert geweigerd(tmp_path, "foto.jpg", inhoud[: len(inhoud) // 2]) == (
        "‘foto.jpg’ is beschadigd en kan niet worden gelezen."
    )


# --- Size (R3) ---------------------------------------------------------------------------------


def test_r3_bestand_van_11_mb_boven_limiet_van_10_mb_geweigerd(tmp_path: Path) -> None:
    inhoud = bestanden.pdf()
    inhoud += b"%" * (11 * MB - len(inhoud))
    melding = geweigerd(tmp_path, "OPP.pdf", inhoud, max_bytes=10 * MB)
    assert melding == "‘OPP.pdf’ is 11 MB; een bijlage mag hoogstens 10 MB zijn."


def test_r3_net_boven_de_limiet_noemt_de_grootte_naar_boven_afgerond(tmp_path: Path) -> None:
    inhoud = bestanden.pdf() + b"%" * (10 * MB)
    melding = geweigerd(tmp_path, "OPP.pdf", inhoud, max_bytes=10 * MB)
    assert melding == "‘OPP.pdf’ is 10,1 MB; een bijlage mag hoogstens 10 MB zijn."


def test_r3_precies_op_de_limiet_aangenomen(tmp_path: Path) -> None:
    inhoud = bestanden.pdf()
    assert controleren(tmp_path, "OPP.pdf", inhoud, max_bytes=len(inhoud)).grootte == len(inhoud)


def test_r3_gescande_pdf_boven_limiet_verkleinbaar(tmp_path: Path) -> None:
    bron = bestanden.schrijven(tmp_path / "scan.tmp", bestanden.pdf_gescand(dpi=600))
    limiet = 300 * 1024
    assert bron.stat().st_size > limiet
    with pytest.raises(TeGrootMaarVerkleinbaar) as fout:
        bestand_controleren(bron, bestandsnaam="OPP scan.pdf", max_bytes=limiet)
    assert fout.value.melding == (
        "‘OPP scan.pdf’ is 0,7 MB; een bijlage mag hoogstens 0,3 MB zijn. Het bestaat uit "
        "gescande pagina’s: Passend kan er een kleinere kopie van maken, met de afbeeldingen op "
        "300 dpi."
    )

    doel = tmp_path / "kleiner.tmp"
    grootte = pdf_verkleinen(bron, doel, dpi=300)
    assert grootte == doel.stat().st_size < limiet
    gecontroleerd = bestand_controleren(doel, bestandsnaam="OPP scan.pdf", max_bytes=limiet)
    assert (gecontroleerd.soort, gecontroleerd.grootte) == ("pdf", grootte)
    with pikepdf.open(bron) as origineel, pikepdf.open(doel) as kopie:
        assert len(kopie.pages) == len(origineel.pages) == 2
        for oud, nieuw in zip(origineel.pages, kopie.pages, strict=True):
            assert list(nieuw.mediabox) == list(oud.mediabox)
            beeld = nieuw.resources.XObject.Scan
            # One inch drawn: 600 pixels become 300.
            assert (int(beeld.Width), int(beeld.Height), beeld.Filter) == (
                300,
                300,
                pikepdf.Name.DCTDecode,
            )


def test_r3_scan_die_verkleind_nog_te_groot_is_blijft_te_groot_maar_verkleinbaar(
    tmp_path: Path,
) -> None:
    """Already JPEG at 300 dpi: the copy cannot shrink, and checking it again says
    TeGrootMaarVerkleinbaar once more, so the caller can tell the user that even the 300 dpi
    copy is too large (instead of offering a copy again)."""
    bron = bestanden.schrijven(tmp_path / "scan.tmp", bestanden.pdf_gescand(dpi=300, jpeg=True))
    limiet = bron.stat().st_size // 2
    with pytest.raises(TeGrootMaarVerkleinbaar):
        bestand_controleren(bron, bestandsnaam="OPP.pdf", max_bytes=limiet)
    doel = tmp_path / "kleiner.tmp"
    assert pdf_verkleinen(bron, doel) > limiet
    with pytest.raises(TeGrootMaarVerkleinbaar):
        bestand_controleren(doel, bestandsnaam="OPP.pdf", max_bytes=limiet)


def test_r3_pdf_met_tekst_boven_limiet_niet_verkleinbaar(tmp_path: Path) -> None:
    inhoud = bestanden.pdf() + b"%" * (2 * MB)
    with pytest.raises(BestandGeweigerd) as fout:
        controleren(tmp_path, "OPP.pdf", inhoud, max_bytes=MB)
    assert type(fout.value) is BestandGeweigerd


def test_r3_gescande_pdf_met_javascript_niet_verkleinbaar(tmp_path: Path) -> None:
    """No one is offered a smaller copy of a file that would then be refused for its script."""
    with pikepdf.open(bestanden.schrijven(tmp_path / "scan.pdf", bestanden.pdf_gescand())) as pdf:
        pdf.Root.OpenAction = pikepdf.Dictionary(
            S=pikepdf.Name.JavaScript, JS=pikepdf.String("app.alert(1)")
        )
        pdf.save(tmp_path / "scan-met-script.pdf")
    with pytest.raises(BestandGeweigerd) as fout:
        bestand_controleren(
            tmp_path / "scan-met-script.pdf", bestandsnaam="OPP.pdf", max_bytes=300 * 1024
        )
    assert fout.value.melding == SCRIPT_MELDING


# --- Meaningless names (R4) --------------------------------------------------------------------


@pytest.mark.parametrize(
    "naam",
    [
        "scan.pdf",
        "Scan_20240312_0001.pdf",
        "SCAN0001.PDF",
        "IMG_1234.jpg",
        "DSC01234.JPG",
        "document1.docx",
        "Document (2).docx",
        "naamloos.odt",
        "Naamloos document.odt",
        "untitled.txt",
        "Nieuw document.docx",
        "12-03-2024.pdf",
        "20240312.pdf",
        "bestand.pdf",
        "Bijlage 3.pdf",
        "WhatsApp Image 2024-03-12 at 10.15.22.jpeg",
        "Kopie van scan (1).pdf",
        "IMG-20240312-WA0001.jpg",
        "PXL_20240312_101522123.jpg",
        "Map1.xlsx",
        "Nieuw tekstdocument.txt",
        "CamScanner 12-03-2024 10.15.pdf",
        "Adobe Scan 12 mrt. 2024.pdf",
        ".pdf",
    ],
)
def test_r4_betekenisloze_naam_gesignaleerd(naam: str) -> None:
    assert betekenisloze_naam(naam)


@pytest.mark.parametrize(
    "naam",
    [
        "OPP_Jansen_120324.pdf",
        "Scan OPP Jansen.pdf",
        "Verslag intelligentieonderzoek.pdf",
        "Groeidocument 2024.docx",
        "scanverslag.pdf",
    ],
)
def test_r4_betekenisvolle_naam_niet_gesignaleerd(naam: str) -> None:
    assert not betekenisloze_naam(naam)


# --- Virus scanner (clamd over INSTREAM) -------------------------------------------------------


class NepClamd(socketserver.BaseRequestHandler):
    """Speaks clamd's INSTREAM protocol: answers FOUND for the EICAR test string, OK otherwise,
    or the fixed `antwoord` of its server. Keeps what it received."""

    server: NepClamdServer

    def lezen(self, aantal: int) -> bytes:
        data = b""
        while len(data) < aantal:
            deel = self.request.recv(aantal - len(data))
            if not deel:
                raise ConnectionError("verbinding verbroken")
            data += deel
        return data

    def handle(self) -> None:
        assert self.lezen(len(b"zINSTREAM\0")) == b"zINSTREAM\0"
        ontvangen = b""
        while lengte := struct.unpack(">I", self.lezen(4))[0]:
            ontvangen += self.lezen(lengte)
            self.server.blokken += 1
        self.server.ontvangen.append(ontvangen)
        self.server.gelezen.set()
        if self.server.zwijgen is not None:
            # Silent until the test lets go; the client has usually hung up by then.
            self.server.zwijgen.wait()
            with suppress(OSError):
                self.request.sendall(b"stream: OK\0")
            return
        if self.server.antwoord:
            antwoord = self.server.antwoord
        elif bestanden.EICAR in ontvangen:
            antwoord = b"stream: Eicar-Test-Signature FOUND\0"
        else:
            antwoord = b"stream: OK\0"
        self.request.sendall(antwoord)


class NepClamdServer(socketserver.ThreadingMixIn, socketserver.TCPServer):
    daemon_threads = True
    ontvangen: list[bytes]
    gelezen: threading.Event
    blokken = 0
    antwoord = b""
    zwijgen: threading.Event | None = None


class NepClamdUnixServer(socketserver.ThreadingMixIn, socketserver.UnixStreamServer):
    daemon_threads = True
    ontvangen: list[bytes]
    gelezen: threading.Event
    blokken = 0
    antwoord = b""
    zwijgen: threading.Event | None = None


@contextmanager
def draaiend(server: NepClamdServer | NepClamdUnixServer) -> Iterator[None]:
    server.ontvangen = []
    server.gelezen = threading.Event()
    draad = threading.Thread(target=server.serve_forever, args=(0.02,), daemon=True)
    draad.start()
    try:
        yield
    finally:
        if server.zwijgen is not None:
            server.zwijgen.set()
        server.shutdown()
        server.server_close()
        draad.join()


@pytest.fixture
def clamd(settings: Settings) -> Iterator[NepClamdServer]:
    server = NepClamdServer(("127.0.0.1", 0), NepClamd)
    settings.CLAMD_ADRES = f"tcp://127.0.0.1:{server.server_address[1]}"
    settings.CLAMD_TIMEOUT = 5
    with draaiend(server):
        yield server


ONBEREIKBAAR = (
    "‘{naam}’ kon niet op virussen worden gecontroleerd, omdat de virusscanner nu niet "
    "bereikbaar is. Het bestand is niet toegevoegd. Probeer het later opnieuw."
)


def test_virusscanner_vindt_eicar(tmp_path: Path, clamd: NepClamdServer) -> None:
    assert geweigerd(tmp_path, "notitie.txt", bestanden.eicar()) == (
        "De virusscanner heeft in ‘notitie.txt’ schadelijke inhoud gevonden "
        "(Eicar-Test-Signature). Het bestand is niet toegevoegd."
    )


def test_virusscanner_keurt_schoon_bestand_goed_en_kreeg_het_helemaal(
    tmp_path: Path, clamd: NepClamdServer
) -> None:
    inhoud = bestanden.pdf_gescand()
    assert len(inhoud) > 64 * 1024  # more than one chunk
    assert controleren(tmp_path, "scan.pdf", inhoud).soort == "pdf"
    assert clamd.ontvangen == [inhoud]
    assert clamd.blokken > 1


def test_virusscanner_over_unix_socket(tmp_path: Path, settings: Settings) -> None:
    server = NepClamdUnixServer(str(tmp_path / "clamd.ctl"), NepClamd)
    settings.CLAMD_ADRES = f"unix://{tmp_path / 'clamd.ctl'}"
    with draaiend(server):
        assert "schadelijke inhoud gevonden" in geweigerd(tmp_path, "a.txt", bestanden.eicar())
        assert controleren(tmp_path, "a.txt", bestanden.txt()).soort == "txt"


def test_virusscanner_onbereikbaar_weigert(tmp_path: Path, settings: Settings) -> None:
    with socket.socket() as bezet:
        # Bound but not listening: a connection is refused, and while the test runs no other
        # process can take the port and answer in the scanner's place.
        bezet.bind(("127.0.0.1", 0))
        settings.CLAMD_ADRES = f"tcp://127.0.0.1:{bezet.getsockname()[1]}"
        assert geweigerd(tmp_path, "verslag.pdf", bestanden.pdf()) == ONBEREIKBAAR.format(
            naam="verslag.pdf"
        )


def test_virusscanner_die_niet_antwoordt_weigert_na_timeout(
    tmp_path: Path, clamd: NepClamdServer, settings: Settings, caplog: pytest.LogCaptureFixture
) -> None:
    """A scanner that takes the whole file and then says nothing: the check gives up after
    CLAMD_TIMEOUT and refuses the file (fail closed). The scanner stays silent until the check
    has returned, so however slow the machine, only the timeout can end the wait. A check that
    waited without one would get "OK" after 30 seconds and fail this test instead of hanging."""
    clamd.zwijgen = threading.Event()
    settings.CLAMD_TIMEOUT = 0.2
    inhoud = bestanden.pdf()
    noodrem = threading.Timer(30, clamd.zwijgen.set)
    noodrem.start()
    try:
        with caplog.at_level(logging.WARNING, logger="passend.bijlagen"):
            melding = geweigerd(tmp_path, "verslag.pdf", inhoud)
    finally:
        noodrem.cancel()
    assert melding == ONBEREIKBAAR.format(naam="verslag.pdf")
    # The scanner had the whole file: it was the silence that timed out, not the connection.
    assert clamd.gelezen.wait(10)
    assert clamd.ontvangen == [inhoud]
    fouten = [
        getattr(r, "fout", "") for r in caplog.records if r.msg == "Virusscanner niet bereikbaar"
    ]
    assert len(fouten) == 1 and "TimeoutError" in fouten[0]


def test_virusscanner_met_foutantwoord_weigert(tmp_path: Path, clamd: NepClamdServer) -> None:
    clamd.antwoord = b"INSTREAM size limit exceeded. ERROR\0"
    assert geweigerd(tmp_path, "verslag.pdf", bestanden.pdf()) == ONBEREIKBAAR.format(
        naam="verslag.pdf"
    )


def test_zonder_virusscanner_wordt_niet_gescand(tmp_path: Path, settings: Settings) -> None:
    settings.CLAMD_ADRES = ""
    assert controleren(tmp_path, "notitie.txt", bestanden.eicar()).soort == "txt"

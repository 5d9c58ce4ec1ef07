"""Every check on an attachment, each proven with a real crafted file (bestanden.py)."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from pathlib import Path

import pytest

from passend.bijlagen.controles import BestandGeweigerd, bestand_controleren
from passend.bijlagen.tests import bestanden

MB = 1024 * 1024


def controleren(tmp_path: Path, naam: str, inhoud: bytes, *, max_bytes: int = MB):
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
        ("Tekening.png", bestanden.png, "png", "image/png", True),
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


def test_exe_hernoemd_naar_pdf_geweigerd(tmp_path: Path) -> None:
    melding = geweigerd(tmp_path, "OPP.pdf", bestanden.exe())
    assert melding == (
        "‘OPP.pdf’ is een programma voor Windows. Programma’s en scripts kunnen nooit worden "
        "toegevoegd."
    )


def test_html_met_naam_txt_geweigerd(tmp_path: Path) -> None:
    melding = geweigerd(tmp_path, "verslag.txt", bestanden.html())
    assert melding.startswith("‘verslag.txt’ is een webpagina (HTML). Dat soort bestand kan niet")


def test_docx_met_naam_pdf_geweigerd(tmp_path: Path) -> None:
    melding = geweigerd(tmp_path, "OPP.pdf", bestanden.docx())
    assert melding.startswith(
        "De inhoud van ‘OPP.pdf’ past niet bij de extensie .pdf: het is een Word-document (.docx)."
    )


def test_r3_bestand_boven_de_limiet_geweigerd(tmp_path: Path) -> None:
    melding = geweigerd(tmp_path, "groot.txt", b"a" * (11 * MB), max_bytes=10 * MB)
    assert melding == "‘groot.txt’ is 11 MB; een bijlage mag hoogstens 10 MB zijn."

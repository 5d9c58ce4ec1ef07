"""Real files, crafted byte by byte or with the libraries that read them, for the tests of the
checks and of everything built on them. Each builder returns the file's bytes; `schrijven`
puts them in a path."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pikepdf
from PIL import Image


def schrijven(pad: Path, inhoud: bytes) -> Path:
    pad.write_bytes(inhoud)
    return pad


# --- PDF -------------------------------------------------------------------------------------


def _pdf_bytes(pdf: pikepdf.Pdf, **opties: object) -> bytes:
    uit = io.BytesIO()
    pdf.save(uit, **opties)  # type: ignore[arg-type]
    return uit.getvalue()


def _pdf_met_tekst(tekst: str = "Ontwikkelingsperspectief") -> pikepdf.Pdf:
    """A one-page A4 PDF with a line of text in Helvetica."""
    pdf = pikepdf.new()
    pdf.add_blank_page(page_size=(595, 842))
    pagina = pdf.pages[0]
    pagina.Resources = pikepdf.Dictionary(
        Font=pikepdf.Dictionary(
            F1=pikepdf.Dictionary(
                Type=pikepdf.Name.Font, Subtype=pikepdf.Name.Type1, BaseFont=pikepdf.Name.Helvetica
            )
        )
    )
    pagina.Contents = pdf.make_stream(f"BT /F1 14 Tf 72 770 Td ({tekst}) Tj ET".encode("latin-1"))
    return pdf


def pdf() -> bytes:
    return _pdf_bytes(_pdf_met_tekst())


# --- Office Open XML and OpenDocument --------------------------------------------------------

_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" '
    'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
    'Target="{doel}"/></Relationships>'
)


def _content_types(hoofddeel: str, type_: str, extra: str = "") -> str:
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" '
        'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        f'<Override PartName="/{hoofddeel}" ContentType="{type_}"/>{extra}</Types>'
    )


def _zip(delen: dict[str, bytes | str]) -> bytes:
    uit = io.BytesIO()
    with zipfile.ZipFile(uit, "w", zipfile.ZIP_DEFLATED) as archief:
        for naam, inhoud in delen.items():
            # OpenDocument wants its mimetype first and uncompressed.
            soort = zipfile.ZIP_STORED if naam == "mimetype" else zipfile.ZIP_DEFLATED
            archief.writestr(naam, inhoud, compress_type=soort)
    return uit.getvalue()


WORD_HOOFDDEEL = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"


def docx(
    tekst: str = "Ontwikkelingsperspectief",
    *,
    type_: str = WORD_HOOFDDEEL,
    extra: dict[str, bytes | str] | None = None,
    extra_typen: str = "",
) -> bytes:
    """A minimal WordprocessingML package: content types, the package relationship and a
    document with one paragraph, which Word and LibreOffice open."""
    document = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        f"<w:body><w:p><w:r><w:t>{tekst}</w:t></w:r></w:p></w:body></w:document>"
    )
    return _zip(
        {
            "[Content_Types].xml": _content_types("word/document.xml", type_, extra_typen),
            "_rels/.rels": _RELS.format(doel="word/document.xml"),
            "word/document.xml": document,
            **(extra or {}),
        }
    )


def xlsx() -> bytes:
    werkmap = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
        'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
        '<sheets><sheet name="Blad1" sheetId="1" r:id="rId1"/></sheets></workbook>'
    )
    werkmap_rels = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" '
        'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" '
        'Target="worksheets/sheet1.xml"/></Relationships>'
    )
    blad = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        '<sheetData><row r="1"><c r="A1"><v>42</v></c></row></sheetData></worksheet>'
    )
    blad_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"
    return _zip(
        {
            "[Content_Types].xml": _content_types(
                "xl/workbook.xml",
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
                f'<Override PartName="/xl/worksheets/sheet1.xml" ContentType="{blad_type}"/>',
            ),
            "_rels/.rels": _RELS.format(doel="xl/workbook.xml"),
            "xl/workbook.xml": werkmap,
            "xl/_rels/workbook.xml.rels": werkmap_rels,
            "xl/worksheets/sheet1.xml": blad,
        }
    )


def pptx() -> bytes:
    presentatie = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<p:presentation xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main">'
        '<p:sldSz cx="9144000" cy="6858000"/><p:notesSz cx="6858000" cy="9144000"/>'
        "</p:presentation>"
    )
    return _zip(
        {
            "[Content_Types].xml": _content_types(
                "ppt/presentation.xml",
                "application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml",
            ),
            "_rels/.rels": _RELS.format(doel="ppt/presentation.xml"),
            "ppt/presentation.xml": presentatie,
        }
    )


def _odf(mimetype: str, inhoud: str, extra: dict[str, bytes | str] | None = None) -> bytes:
    manifest = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" '
        'manifest:version="1.2">'
        f'<manifest:file-entry manifest:full-path="/" manifest:media-type="{mimetype}"/>'
        '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
        "</manifest:manifest>"
    )
    document = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
        'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" office:version="1.2">'
        f"<office:body>{inhoud}</office:body></office:document-content>"
    )
    return _zip(
        {
            "mimetype": mimetype,
            "META-INF/manifest.xml": manifest,
            "content.xml": document,
            **(extra or {}),
        }
    )


def odt(*, extra: dict[str, bytes | str] | None = None) -> bytes:
    return _odf(
        "application/vnd.oasis.opendocument.text",
        "<office:text><text:p>Ontwikkelingsperspectief</text:p></office:text>",
        extra,
    )


def ods() -> bytes:
    return _odf(
        "application/vnd.oasis.opendocument.spreadsheet",
        '<office:spreadsheet><table:table table:name="Blad1"><table:table-row>'
        "<table:table-cell><text:p>42</text:p></table:table-cell>"
        "</table:table-row></table:table></office:spreadsheet>",
    )


# --- Text, images, programs ------------------------------------------------------------------


def txt() -> bytes:
    return "Verslag van het gesprek met de ouders, 12-03-2024.\nZorg: één op één, € 0.\n".encode()


def jpg(breedte: int = 64, hoogte: int = 48) -> bytes:
    uit = io.BytesIO()
    Image.new("RGB", (breedte, hoogte), (200, 60, 30)).save(uit, "JPEG")
    return uit.getvalue()


def png(breedte: int = 64, hoogte: int = 48) -> bytes:
    uit = io.BytesIO()
    Image.new("RGB", (breedte, hoogte), (30, 60, 200)).save(uit, "PNG")
    return uit.getvalue()


def exe() -> bytes:
    """The start of a Windows program: the DOS header with its stub and the PE signature."""
    dos = bytearray(128)
    dos[0:2] = b"MZ"
    dos[0x3C:0x40] = (128).to_bytes(4, "little")
    return bytes(dos) + b"PE\x00\x00" + bytes(256)


def html() -> bytes:
    return (
        b"<!DOCTYPE html>\n<html><head><title>Verslag</title></head>"
        b"<body><script>fetch('/hulpvragen/')</script></body></html>\n"
    )


def svg() -> bytes:
    return (
        b'<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">'
        b"<script>alert(document.cookie)</script></svg>"
    )

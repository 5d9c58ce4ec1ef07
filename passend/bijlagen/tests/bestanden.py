"""Real files, crafted byte by byte or with the libraries that read them, for the tests of the
checks and of everything built on them. Each builder returns the file's bytes; `schrijven`
puts them in a path."""

from __future__ import annotations

import io
import itertools
import random
import struct
import zipfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path

import pikepdf
from PIL import Image

from passend.bijlagen.controles.office import VBA_INFO_RECORDS


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


def pdf(tekst: str = "Ontwikkelingsperspectief") -> bytes:
    return _pdf_bytes(_pdf_met_tekst(tekst))


def pdf_met_javascript_in_objectstream() -> bytes:
    """JavaScript as the document's open action, in an indirect object that lands in a
    compressed object stream: the bytes of the file never spell /JavaScript."""
    document = _pdf_met_tekst()
    document.Root.OpenAction = document.make_indirect(
        pikepdf.Dictionary(S=pikepdf.Name.JavaScript, JS=pikepdf.String("app.alert('hallo')"))
    )
    return _pdf_bytes(document, object_stream_mode=pikepdf.ObjectStreamMode.generate)


def pdf_met_javascript_in_annotatie() -> bytes:
    """A link annotation whose mouse-up action (/AA /U) runs JavaScript, as a direct object."""
    document = _pdf_met_tekst()
    document.pages[0].Annots = document.make_indirect(
        pikepdf.Array(
            [
                pikepdf.Dictionary(
                    Type=pikepdf.Name.Annot,
                    Subtype=pikepdf.Name.Link,
                    Rect=[72, 760, 300, 790],
                    AA=pikepdf.Dictionary(
                        U=pikepdf.Dictionary(
                            S=pikepdf.Name.JavaScript, JS=pikepdf.String("this.print()")
                        )
                    ),
                )
            ]
        )
    )
    return _pdf_bytes(document)


def pdf_met_javascript_in_namen() -> bytes:
    """Document-level JavaScript in the /Names tree, its code in a compressed stream."""
    document = _pdf_met_tekst()
    script = document.make_stream(b"app.alert('bij openen')")
    actie = pikepdf.Dictionary(S=pikepdf.Name.JavaScript, JS=script)
    document.Root.Names = pikepdf.Dictionary(
        JavaScript=pikepdf.Dictionary(Names=pikepdf.Array([pikepdf.String("start"), actie]))
    )
    return _pdf_bytes(document, object_stream_mode=pikepdf.ObjectStreamMode.generate)


def pdf_met_javascript_in_formulierveld() -> bytes:
    """A form text field whose keystroke action (/AA /K) runs JavaScript, the field in a
    compressed object stream."""
    document = _pdf_met_tekst()
    veld = document.make_indirect(
        pikepdf.Dictionary(
            FT=pikepdf.Name.Tx,
            T=pikepdf.String("naam"),
            Type=pikepdf.Name.Annot,
            Subtype=pikepdf.Name.Widget,
            Rect=[72, 700, 300, 720],
            P=document.pages[0].obj,
            AA=pikepdf.Dictionary(
                K=pikepdf.Dictionary(S=pikepdf.Name.JavaScript, JS=pikepdf.String("event.rc=1"))
            ),
        )
    )
    document.pages[0].Annots = pikepdf.Array([veld])
    document.Root.AcroForm = pikepdf.Dictionary(Fields=pikepdf.Array([veld]))
    return _pdf_bytes(document, object_stream_mode=pikepdf.ObjectStreamMode.generate)


def pdf_met_bijlage_annotatie() -> bytes:
    """A file attachment annotation (the paperclip on a page) carrying a program."""
    document = _pdf_met_tekst()
    bestand = document.make_stream(exe(), Type=pikepdf.Name.EmbeddedFile)
    document.pages[0].Annots = pikepdf.Array(
        [
            pikepdf.Dictionary(
                Type=pikepdf.Name.Annot,
                Subtype=pikepdf.Name.FileAttachment,
                Rect=[72, 700, 90, 720],
                FS=pikepdf.Dictionary(
                    Type=pikepdf.Name.Filespec,
                    F=pikepdf.String("factuur.exe"),
                    EF=pikepdf.Dictionary(F=bestand),
                ),
            )
        ]
    )
    return _pdf_bytes(document)


def pdf_met_launch() -> bytes:
    """An open action that starts a program."""
    document = _pdf_met_tekst()
    document.Root.OpenAction = pikepdf.Dictionary(
        S=pikepdf.Name.Launch, F=pikepdf.String("C:\\Windows\\System32\\cmd.exe")
    )
    return _pdf_bytes(document)


def pdf_met_bijlage() -> bytes:
    """A file attached to the document (/EmbeddedFiles in the names tree)."""
    document = _pdf_met_tekst()
    document.attachments["leerlingen.xlsx"] = pikepdf.AttachedFileSpec(document, xlsx())
    return _pdf_bytes(document)


def pdf_versleuteld(*, gebruiker: str = "geheim") -> bytes:
    """AES-256 encrypted. With an empty user password it opens without one (only the owner's
    permissions are protected)."""
    return _pdf_bytes(
        _pdf_met_tekst(),
        encryption=pikepdf.Encryption(user=gebruiker, owner="eigenaar", R=6),
    )


def pdf_gescand(
    *, paginas: int = 2, dpi: int = 600, inch: float = 1.0, jpeg: bool = False, seed: int = 1
) -> bytes:
    """Pages that are each one raster image covering the page, as a scanner makes them: grey
    noise, so the image does not compress, at `dpi`, stored losslessly (Flate) or as JPEG."""
    generator = random.Random(seed)  # noqa: S311 -- reproducible noise, not a secret
    kant = round(inch * dpi)
    document = pikepdf.new()
    for _ in range(paginas):
        punten = inch * 72
        document.add_blank_page(page_size=(punten, punten))
        pagina = document.pages[-1]
        pixels = generator.randbytes(kant * kant)
        if jpeg:
            uit = io.BytesIO()
            Image.frombytes("L", (kant, kant), pixels).save(uit, "JPEG", quality=95)
            data, filter_ = uit.getvalue(), pikepdf.Name.DCTDecode
        else:
            data, filter_ = zlib.compress(pixels), pikepdf.Name.FlateDecode
        beeld = document.make_stream(
            data,
            Type=pikepdf.Name.XObject,
            Subtype=pikepdf.Name.Image,
            Width=kant,
            Height=kant,
            ColorSpace=pikepdf.Name.DeviceGray,
            BitsPerComponent=8,
            Filter=filter_,
        )
        pagina.Resources = pikepdf.Dictionary(XObject=pikepdf.Dictionary(Scan=beeld))
        pagina.Contents = document.make_stream(
            f"q {punten} 0 0 {punten} 0 0 cm /Scan Do Q".encode()
        )
    return _pdf_bytes(document)


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


# --- Legacy Office: OLE compound files -------------------------------------------------------

_SECTOR = 512
_EINDE = 0xFFFFFFFE
_VRIJ = 0xFFFFFFFF
_FAT_SECTOR = 0xFFFFFFFD
_GEEN = 0xFFFFFFFF


def _word_fib(*, versleuteld: bool = False) -> bytes:
    """The File Information Block's start: wIdent 0xA5EC, nFib 0xC1 (Word 97 and later),
    unused, lid (language), pnNext, then the flags with fEncrypted (0x0100)."""
    return struct.pack("<HHHHHH", 0xA5EC, 0x00C1, 0, 0x0413, 0, 0x0100 if versleuteld else 0)


OleInhoud = dict[str, "bytes | OleInhoud"]


@dataclass
class _OleItem:
    naam: str
    soort: int  # 1 storage, 2 stream, 5 root
    data: bytes = b""
    kinderen: list[int] = field(default_factory=list)


_OLE_ITEM = struct.Struct("<64sHBBIII16sIQQIQ")


def ole(inhoud: OleInhoud) -> bytes:
    """A compound file (MS-CFB version 3) holding `inhoud`: a name maps to a stream's bytes or
    to a storage's own mapping. Streams are padded to 4096 bytes so every one lives in regular
    sectors (no mini stream); siblings hang as a sorted chain, which readers accept."""
    items = [_OleItem("Root Entry", 5)]

    def vullen(ouder: _OleItem, inhoud: OleInhoud) -> None:
        for naam, waarde in inhoud.items():
            ouder.kinderen.append(len(items))
            if isinstance(waarde, dict):
                items.append(_OleItem(naam, 1))
                vullen(items[-1], waarde)
            else:
                items.append(_OleItem(naam, 2, waarde.ljust(4096, b"\0")))

    vullen(items[0], inhoud)
    directory_sectoren = -(-len(items) // 4)
    data_sectoren = [-(-len(item.data) // _SECTOR) for item in items]
    fat_sectoren = 1
    while fat_sectoren * 128 < fat_sectoren + directory_sectoren + sum(data_sectoren):
        fat_sectoren += 1

    # The FAT: its own sectors, then one chain for the directory and one per stream.
    fat = [_FAT_SECTOR] * fat_sectoren
    starts = []
    for aantal in [directory_sectoren, *data_sectoren]:
        starts.append(len(fat) if aantal else _EINDE)
        if aantal:
            fat += [*range(len(fat) + 1, len(fat) + aantal), _EINDE]
    fat += [_VRIJ] * (fat_sectoren * 128 - len(fat))

    rechts: dict[int, int] = {}
    eerste_kind: dict[int, int] = {}
    for index, item in enumerate(items):
        kinderen = sorted(item.kinderen, key=lambda k: (len(items[k].naam), items[k].naam.upper()))
        eerste_kind[index] = kinderen[0] if kinderen else _GEEN
        rechts.update(itertools.pairwise(kinderen))
    directory = b"".join(
        _OLE_ITEM.pack(
            (item.naam + "\0").encode("utf-16-le"),
            len((item.naam + "\0").encode("utf-16-le")),
            item.soort,
            1,  # black
            _GEEN,
            rechts.get(index, _GEEN),
            eerste_kind[index],
            bytes(16),
            0,
            0,
            0,
            starts[index + 1] if item.data else (_EINDE if index == 0 else 0),
            len(item.data),
        )
        for index, item in enumerate(items)
    )
    # Unused directory slots are empty entries without siblings or children.
    leeg = _OLE_ITEM.pack(b"", 0, 0, 0, _GEEN, _GEEN, _GEEN, bytes(16), 0, 0, 0, 0, 0)
    directory += leeg * (directory_sectoren * 4 - len(items))

    kop = struct.pack(
        "<8s16sHHHHH6sIIIIIIIII109I",
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",
        bytes(16),
        0x3E,  # minor version
        3,  # major version: 512-byte sectors
        0xFFFE,  # little-endian
        9,  # sector size 2**9
        6,  # mini sector size 2**6
        bytes(6),
        0,
        fat_sectoren,
        starts[0],
        0,
        4096,  # streams smaller than this would live in the mini stream
        _EINDE,
        0,
        _EINDE,
        0,
        *range(fat_sectoren),
        *[_VRIJ] * (109 - fat_sectoren),
    )
    data = b"".join(
        item.data.ljust(aantal * _SECTOR, b"\0")
        for item, aantal in zip(items, data_sectoren, strict=True)
    )
    return kop + struct.pack(f"<{len(fat)}I", *fat) + directory + data


def doc(*, macros: bool = False, versleuteld: bool = False) -> bytes:
    """A Word 97 file's streams: WordDocument (starting with the FIB) and 1Table; with macros,
    the Macros storage in which Word keeps a VBA project."""
    inhoud: OleInhoud = {"WordDocument": _word_fib(versleuteld=versleuteld), "1Table": b"\0"}
    if macros:
        inhoud["Macros"] = {"VBA": {"dir": b"\x01"}, "PROJECT": b'ID="{0}"'}
    return ole(inhoud)


def _biff(soort: int, data: bytes) -> bytes:
    return struct.pack("<HH", soort, len(data)) + data


def xls(*, macroblad: bool = False, versleuteld: bool = False) -> bytes:
    """An Excel 97 workbook stream: the globals' BOF (BIFF8, workbook globals), a BOUNDSHEET
    per sheet, EOF. With `macroblad` the second sheet is an Excel 4.0 macro sheet (sheet type
    1), the kind malware hides its code in; `versleuteld` adds the FILEPASS record."""
    globals_ = _biff(0x0809, struct.pack("<HHHHII", 0x0600, 0x0005, 0, 0, 0, 0))
    if versleuteld:
        globals_ += _biff(0x002F, struct.pack("<H", 0) + bytes(4))
    globals_ += _biff(0x0085, struct.pack("<IBBBB", 0, 0, 0, 5, 0) + b"Blad1")
    if macroblad:
        globals_ += _biff(0x0085, struct.pack("<IBBBB", 0, 2, 1, 6, 0) + b"Macro1")
    return ole({"Workbook": globals_ + _biff(0x000A, b"")})


def ppt(*, macros: bool = False) -> bytes:
    """A PowerPoint 97 file's streams. With macros, the "PowerPoint Document" stream holds the
    VBAInfoContainer record that points to a VBA project (MS-PPT 2.4.10 and 2.4.11), as
    PowerPoint writes it in the document's DocInfoList."""
    document = b"\0" * 8
    if macros:
        document += VBA_INFO_RECORDS + struct.pack("<III", 7, 1, 2)
    return ole({"PowerPoint Document": document, "Current User": b"\0" * 8})


def msi() -> bytes:
    """A compound file that is no Office document (an installer's kind of streams)."""
    return ole({"\u4840\u3f3f": b"\0"})


# --- Files that must be refused --------------------------------------------------------------

MACRO_HOOFDDEEL = "application/vnd.ms-word.document.macroEnabled.main+xml"


def docm() -> bytes:
    """A macro-enabled Word document: its VBA project in word/vbaProject.bin."""
    return docx(
        type_=MACRO_HOOFDDEEL,
        extra={"word/vbaProject.bin": ole({"VBA": {"dir": b"\x01"}, "PROJECT": b"ID="})},
        extra_typen='<Default Extension="bin" ContentType="application/vnd.ms-office.vbaProject"/>',
    )


def docx_zipbom(megabytes: int = 20) -> bytes:
    """A DOCX with an image part of zeros that packs a thousandfold: a few KB that unpack to
    `megabytes` MB."""
    uit = io.BytesIO(docx())
    with (
        zipfile.ZipFile(uit, "a", zipfile.ZIP_DEFLATED) as archief,
        archief.open("word/media/image1.png", "w") as deel,
    ):
        for _ in range(megabytes):
            deel.write(bytes(1024 * 1024))
    return uit.getvalue()


def docx_met_groot_totaal(megabytes: int = 400) -> bytes:
    """A DOCX whose zip directory says a media part unpacks to `megabytes` MB from
    `megabytes` / 200 MB: each part within the ratio limit, the whole far over the total."""
    inhoud = bytearray(docx(extra={"word/media/image1.png": b"x"}))
    centraal = inhoud.rindex(b"PK\x01\x02")  # the last part's central directory record
    inhoud[centraal + 20 : centraal + 28] = struct.pack(
        "<II", megabytes * 1024 * 1024 // 200, megabytes * 1024 * 1024
    )
    return bytes(inhoud)


def docx_met_veel_delen(aantal: int = 5_001) -> bytes:
    return docx(extra={f"word/media/{nummer}.xml": "" for nummer in range(aantal)})


def odt_met_macro() -> bytes:
    return odt(
        extra={
            "Basic/Standard/Module1.xml": '<script:module>Sub Main\nShell("cmd")\nEnd Sub',
            "Basic/script-lc.xml": "<library:libraries/>",
        }
    )


def png_bom(kant: int = 20_000) -> bytes:
    """A PNG header announcing kant by kant pixels (400 million for 20 000) over almost no
    data: decoded, it would take gigabytes."""

    def blok(soort: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data))
            + soort
            + data
            + struct.pack(">I", zlib.crc32(soort + data))
        )

    kop = struct.pack(">IIBBBBB", kant, kant, 8, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + blok(b"IHDR", kop)
        + blok(b"IDAT", zlib.compress(bytes(kant + 1)))
        + blok(b"IEND", b"")
    )


# The EICAR test file: harmless, and recognised by every virus scanner as a test virus.
EICAR = rb"X5O!P%@AP[4\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*"


def eicar() -> bytes:
    return EICAR

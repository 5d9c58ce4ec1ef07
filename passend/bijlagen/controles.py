"""The checks every attachment passes, whatever channel it came through (R3, R4, SECURITY.md).

`bestand_controleren` decides a file's kind by its content, never by its name: the name only
tells which extension the user claims, and content and claim must agree. The file waits in a
temporary path and is read in blocks, so a file far over the limit costs no memory.
"""

from __future__ import annotations

import codecs
import hashlib
import re
import struct
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import olefile
from django.utils.translation import gettext as _

BLOK = 64 * 1024

# Zip limits, read from the zip's directory without extracting. A real Office file of 10 MB
# holds at most some hundreds of MB of XML; more than this is a bomb, not a document.
ZIP_MAX_ITEMS = 5_000
ZIP_MAX_UITGEPAKT = 300 * 1024 * 1024
ZIP_MAX_VERHOUDING = 200  # per entry, for entries over ZIP_VERHOUDING_VANAF
ZIP_VERHOUDING_VANAF = 1024 * 1024
# The parts we do read are read with a cap, so a header that lies about their size cannot
# make us unpack more.
ZIP_MAX_DEEL = 2 * 1024 * 1024


class BestandGeweigerd(Exception):
    """A file refused; .melding is the clear Dutch message shown to the user (gettext)."""

    def __init__(self, melding: str) -> None:
        super().__init__(melding)
        self.melding = melding


class TeGrootMaarVerkleinbaar(BestandGeweigerd):
    """R3: a PDF over the limit that is made of scanned pages; the caller may offer
    pdf_verkleinen."""


@dataclass(frozen=True)
class GecontroleerdBestand:
    soort: str  # canonical kind and extension: "pdf", "docx", …
    mime: str  # the Content-Type to serve it with
    inline_tonen: bool  # R49: pdf, txt, jpg and png are shown inline, the rest downloads only
    sha256: str  # hex digest of the content (the duplicate nudge)
    grootte: int  # bytes


@dataclass(frozen=True)
class _Soort:
    mime: str
    inline: bool
    omschrijving: str


# The allow-list (R3). Kinds outside it are refused whatever their name.
SOORTEN: dict[str, _Soort] = {
    "pdf": _Soort("application/pdf", True, "een PDF-document"),
    "doc": _Soort("application/msword", False, "een Word-document (.doc)"),
    "docx": _Soort(
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        False,
        "een Word-document (.docx)",
    ),
    "odt": _Soort(
        "application/vnd.oasis.opendocument.text", False, "een OpenDocument-tekst (.odt)"
    ),
    "xls": _Soort("application/vnd.ms-excel", False, "een Excel-werkmap (.xls)"),
    "xlsx": _Soort(
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        False,
        "een Excel-werkmap (.xlsx)",
    ),
    "ods": _Soort(
        "application/vnd.oasis.opendocument.spreadsheet",
        False,
        "een OpenDocument-rekenblad (.ods)",
    ),
    "ppt": _Soort("application/vnd.ms-powerpoint", False, "een PowerPoint-presentatie (.ppt)"),
    "pptx": _Soort(
        "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        False,
        "een PowerPoint-presentatie (.pptx)",
    ),
    "txt": _Soort("text/plain; charset=utf-8", True, "een tekstbestand (.txt)"),
    "jpg": _Soort("image/jpeg", True, "een JPG-afbeelding"),
    "png": _Soort("image/png", True, "een PNG-afbeelding"),
}
EXTENSIE_ALIASSEN = {"jpeg": "jpg", "jpe": "jpg"}


def _toegestaan() -> str:
    return _(
        "Toegestaan zijn PDF, Word (DOC, DOCX), Excel (XLS, XLSX), PowerPoint (PPT, PPTX), "
        "OpenDocument (ODT, ODS), tekst (TXT) en afbeeldingen (JPG, PNG)."
    )


class _Onbekend(Exception):
    """Content recognised as something outside the allow-list; .omschrijving says what."""

    def __init__(self, omschrijving: str, *, uitvoerbaar: bool = False) -> None:
        super().__init__(omschrijving)
        self.omschrijving = omschrijving
        self.uitvoerbaar = uitvoerbaar


def _blokken(pad: Path) -> Iterator[bytes]:
    with pad.open("rb") as bestand:
        while blok := bestand.read(BLOK):
            yield blok


def _geclaimde_extensie(bestandsnaam: str) -> str:
    naam = bestandsnaam.strip().rsplit("/", 1)[-1].rsplit("\\", 1)[-1]
    if "." not in naam.strip("."):
        return ""
    extensie = naam.rsplit(".", 1)[1].lower()
    return EXTENSIE_ALIASSEN.get(extensie, extensie)


def bestand_controleren(pad: Path, *, bestandsnaam: str, max_bytes: int) -> GecontroleerdBestand:
    """Every check on a file waiting in a temporary path; raises BestandGeweigerd (or
    TeGrootMaarVerkleinbaar).

    Order: the claimed extension, the size, the kind by content (with the checks that go with
    it: zip bombs, macros, PDF actions, image decoding, text encoding), content against claim,
    then the virus scanner when one is configured.
    """
    extensie = _geclaimde_extensie(bestandsnaam)
    if not extensie:
        raise BestandGeweigerd(
            _("‘%(naam)s’ heeft geen extensie, zoals .pdf of .docx. %(toegestaan)s")
            % {"naam": bestandsnaam, "toegestaan": _toegestaan()}
        )
    if extensie not in SOORTEN:
        raise BestandGeweigerd(
            _("Bestanden met de extensie .%(extensie)s kunnen niet worden toegevoegd. %(t)s")
            % {"extensie": extensie, "t": _toegestaan()}
        )
    grootte = pad.stat().st_size
    if grootte == 0:
        raise BestandGeweigerd(_("‘%(naam)s’ is leeg.") % {"naam": bestandsnaam})
    if grootte > max_bytes:
        _te_groot(pad, bestandsnaam=bestandsnaam, extensie=extensie, max_bytes=max_bytes)

    try:
        soort, mime = _soort_herkennen(pad, bestandsnaam)
    except _Onbekend as onbekend:
        if onbekend.uitvoerbaar:
            raise BestandGeweigerd(
                _("‘%(naam)s’ is %(wat)s. Programma’s en scripts kunnen nooit worden toegevoegd.")
                % {"naam": bestandsnaam, "wat": onbekend.omschrijving}
            ) from None
        raise BestandGeweigerd(
            _("‘%(naam)s’ is %(wat)s. Dat soort bestand kan niet worden toegevoegd. %(t)s")
            % {"naam": bestandsnaam, "wat": onbekend.omschrijving, "t": _toegestaan()}
        ) from None
    if soort != extensie:
        raise BestandGeweigerd(
            _(
                "De inhoud van ‘%(naam)s’ past niet bij de extensie .%(extensie)s: het is "
                "%(wat)s. Geef het bestand de juiste extensie, of sla het op in de juiste vorm."
            )
            % {"naam": bestandsnaam, "extensie": extensie, "wat": SOORTEN[soort].omschrijving}
        )

    sha256 = hashlib.sha256()
    for blok in _blokken(pad):
        sha256.update(blok)
    return GecontroleerdBestand(
        soort=soort,
        mime=mime,
        inline_tonen=SOORTEN[soort].inline,
        sha256=sha256.hexdigest(),
        grootte=grootte,
    )


def _te_groot(pad: Path, *, bestandsnaam: str, extensie: str, max_bytes: int) -> None:
    melding = _("‘%(naam)s’ is %(grootte)s MB; een bijlage mag hoogstens %(max)s MB zijn.") % {
        "naam": bestandsnaam,
        "grootte": _megabytes(pad.stat().st_size),
        "max": _megabytes(max_bytes),
    }
    raise BestandGeweigerd(melding)


def _megabytes(aantal: int) -> str:
    waarde = aantal / (1024 * 1024)
    tekst = f"{waarde:.0f}" if waarde >= 10 or waarde == int(waarde) else f"{waarde:.1f}"
    return tekst.replace(".", ",")


# --- Recognising the kind ----------------------------------------------------------------------

_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_UITVOERBAAR = [
    (b"MZ", "een programma voor Windows"),
    (b"\x7fELF", "een programma voor Linux"),
    (b"\xfe\xed\xfa\xce", "een programma voor macOS"),
    (b"\xfe\xed\xfa\xcf", "een programma voor macOS"),
    (b"\xce\xfa\xed\xfe", "een programma voor macOS"),
    (b"\xcf\xfa\xed\xfe", "een programma voor macOS"),
    (b"\xca\xfe\xba\xbe", "een programma voor macOS of Java"),
    (b"#!", "een script"),
]
_ANDERE_SOORTEN = [
    (b"GIF87a", "een GIF-afbeelding"),
    (b"GIF89a", "een GIF-afbeelding"),
    (b"BM", "een BMP-afbeelding"),
    (b"II*\x00", "een TIFF-afbeelding"),
    (b"MM\x00*", "een TIFF-afbeelding"),
    (b"{\\rtf", "een RTF-document"),
    (b"Rar!", "een RAR-archief"),
    (b"7z\xbc\xaf\x27\x1c", "een 7-Zip-archief"),
    (b"\x1f\x8b", "een gzip-archief"),
]


def _soort_herkennen(pad: Path, bestandsnaam: str) -> tuple[str, str]:
    """The kind of the content and its Content-Type, with the kind's own checks done.

    Raises _Onbekend for content outside the allow-list, BestandGeweigerd for a kind on the
    list that fails its checks.
    """
    with pad.open("rb") as bestand:
        kop = bestand.read(64)
    for magie, wat in _UITVOERBAAR:
        if kop.startswith(magie):
            raise _Onbekend(wat, uitvoerbaar=True)
    if kop.startswith(b"%PDF-"):
        return "pdf", SOORTEN["pdf"].mime
    if kop.startswith(b"\xff\xd8\xff"):
        return "jpg", SOORTEN["jpg"].mime
    if kop.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png", SOORTEN["png"].mime
    if kop.startswith(_OLE):
        soort = _ole_soort(pad, bestandsnaam)
        return soort, SOORTEN[soort].mime
    if kop.startswith(b"PK\x03\x04"):
        soort = _zip_soort(pad, bestandsnaam)
        return soort, SOORTEN[soort].mime
    for magie, wat in _ANDERE_SOORTEN:
        if kop.startswith(magie):
            raise _Onbekend(wat)
    if kop.startswith(b"RIFF") and kop[8:12] == b"WEBP":
        raise _Onbekend(_("een WebP-afbeelding"))
    charset = _tekst_controleren(pad)
    return "txt", f"text/plain; charset={charset}"


# --- Zip: OOXML and OpenDocument ---------------------------------------------------------------

_OOXML_HOOFDDELEN = {
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml": "docx",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml": "xlsx",
    "application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml": "pptx",
}
_ODF_SOORTEN = {
    "application/vnd.oasis.opendocument.text": "odt",
    "application/vnd.oasis.opendocument.spreadsheet": "ods",
}


def _zip_soort(pad: Path, bestandsnaam: str) -> str:
    try:
        with zipfile.ZipFile(pad) as archief:
            items = archief.infolist()
            _zipbom_controleren(items, bestandsnaam)
            namen = {item.filename for item in items}
            if "[Content_Types].xml" in namen:
                return _ooxml_soort(archief, namen, bestandsnaam)
            if "mimetype" in namen:
                return _odf_soort(archief, namen, bestandsnaam)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, ValueError):
        raise BestandGeweigerd(
            _("‘%(naam)s’ is beschadigd en kan niet worden gelezen.") % {"naam": bestandsnaam}
        ) from None
    raise _Onbekend(_("een zip-archief"))


def _zipbom_controleren(items: list[zipfile.ZipInfo], bestandsnaam: str) -> None:
    bom = BestandGeweigerd(
        _(
            "‘%(naam)s’ pakt uit tot een onredelijk grote hoeveelheid gegevens (een "
            "zogenaamde zip-bom) en wordt daarom niet aangenomen."
        )
        % {"naam": bestandsnaam}
    )
    if len(items) > ZIP_MAX_ITEMS:
        raise bom
    if sum(item.file_size for item in items) > ZIP_MAX_UITGEPAKT:
        raise bom
    for item in items:
        if item.file_size > ZIP_VERHOUDING_VANAF and item.file_size > ZIP_MAX_VERHOUDING * max(
            item.compress_size, 1
        ):
            raise bom


def _deel_lezen(archief: zipfile.ZipFile, naam: str) -> bytes:
    with archief.open(naam) as deel:
        inhoud = deel.read(ZIP_MAX_DEEL + 1)
    if len(inhoud) > ZIP_MAX_DEEL:
        raise zipfile.BadZipFile(naam)
    return inhoud


def _macros_geweigerd(bestandsnaam: str) -> BestandGeweigerd:
    return BestandGeweigerd(
        _(
            "‘%(naam)s’ bevat macro’s of andere programmacode. Zulke bestanden kunnen schadelijk "
            "zijn en worden niet aangenomen. Sla het document op zonder macro’s (bijvoorbeeld "
            "als .docx of .xlsx in plaats van .docm of .xlsm) en probeer het opnieuw."
        )
        % {"naam": bestandsnaam}
    )


def _ooxml_soort(archief: zipfile.ZipFile, namen: set[str], bestandsnaam: str) -> str:
    typen = re.findall(
        r'ContentType\s*=\s*"([^"]+)"',
        _deel_lezen(archief, "[Content_Types].xml").decode("utf-8", errors="replace"),
    )
    kleine_namen = {naam.lower() for naam in namen}
    if any(
        "macroenabled" in type_.lower()
        or "vbaproject" in type_.lower()
        or "macrosheet" in type_.lower()
        or "activex" in type_.lower()
        for type_ in typen
    ) or any(
        naam.endswith("vbaproject.bin") or "/macrosheets/" in naam or "/activex/" in naam
        for naam in kleine_namen
    ):
        raise _macros_geweigerd(bestandsnaam)
    soorten = {_OOXML_HOOFDDELEN[type_] for type_ in typen if type_ in _OOXML_HOOFDDELEN}
    if len(soorten) != 1:
        raise _Onbekend(_("een Office-bestand van een soort die niet is toegestaan"))
    return soorten.pop()


def _odf_soort(archief: zipfile.ZipFile, namen: set[str], bestandsnaam: str) -> str:
    if any(naam.startswith(("Basic/", "Scripts/")) for naam in namen):
        raise _macros_geweigerd(bestandsnaam)
    mimetype = _deel_lezen(archief, "mimetype").decode("ascii", errors="replace").strip()
    if mimetype in _ODF_SOORTEN:
        return _ODF_SOORTEN[mimetype]
    if mimetype.startswith("application/vnd.oasis.opendocument."):
        raise _Onbekend(_("een OpenDocument-bestand van een soort die niet is toegestaan"))
    raise _Onbekend(_("een zip-archief"))


# --- Text ------------------------------------------------------------------------------------

# Markup or code that a browser or editor might run or render; a letter in plain text has none.
_OPMAAK = re.compile(
    rb"<\s*(?:!doctype|html|head|body|script|svg|iframe|object|embed|meta|link|form|style)\b"
    rb"|<\?xml|<\?php|javascript:",
    re.IGNORECASE,
)
# Control characters other than tab, newline, form feed, carriage return and escape: binary.
_STUURTEKENS = re.compile(rb"[\x00-\x08\x0b\x0e-\x1a\x1c-\x1f\x7f]")


def _tekst_controleren(pad: Path) -> str:
    """The charset of a plain-text file: "utf-8", or "windows-1252" for the older Windows
    texts that are not valid UTF-8. Raises _Onbekend for binary content or markup."""
    vorige = b""
    for blok in _blokken(pad):
        if _STUURTEKENS.search(blok):
            raise _Onbekend(_("geen tekstbestand en ook geen ander toegestaan soort bestand"))
        # The overlap finds a marker split over two blocks.
        gevonden = _OPMAAK.search(vorige[-32:] + blok)
        if gevonden:
            raise _Onbekend(_opmaak_omschrijving(gevonden.group().lower()))
        vorige = blok
    for charset in ("utf-8", "windows-1252"):
        decoder = codecs.getincrementaldecoder(charset)()
        try:
            for blok in _blokken(pad):
                decoder.decode(blok)
            decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            continue
        return charset
    raise _Onbekend(_("geen tekstbestand en ook geen ander toegestaan soort bestand"))


def _opmaak_omschrijving(gevonden: bytes) -> str:
    if b"svg" in gevonden:
        return _("een SVG-afbeelding (tekst met opmaakcode)")
    if b"php" in gevonden:
        return _("een script")
    if b"xml" in gevonden:
        return _("een XML-bestand")
    return _("een webpagina (HTML)")


# --- Legacy Office: OLE compound files -------------------------------------------------------

# The stream that makes a compound file a Word, Excel or PowerPoint file.
_OLE_HOOFDSTROMEN = {
    "worddocument": "doc",
    "workbook": "xls",
    "book": "xls",
    "powerpoint document": "ppt",
}
# Storages where Word, Excel and PowerPoint keep VBA macros.
_OLE_MACROS = {"macros", "_vba_project_cur", "vba"}


def _ole_soort(pad: Path, bestandsnaam: str) -> str:
    try:
        with olefile.OleFileIO(str(pad)) as ole:
            paden = [
                [deel.lower() for deel in item] for item in ole.listdir(streams=True, storages=True)
            ]
    except (OSError, ValueError, IndexError, struct.error, RecursionError):
        raise BestandGeweigerd(
            _("‘%(naam)s’ is beschadigd en kan niet worden gelezen.") % {"naam": bestandsnaam}
        ) from None
    if any(deel in _OLE_MACROS for item in paden for deel in item):
        raise _macros_geweigerd(bestandsnaam)
    bovenste = {item[0] for item in paden if len(item) == 1}
    if "encryptedpackage" in bovenste or "encryptioninfo" in bovenste:
        raise BestandGeweigerd(
            _(
                "‘%(naam)s’ is beveiligd met een wachtwoord, zodat Passend het niet kan "
                "controleren. Haal het wachtwoord eraf en probeer het opnieuw."
            )
            % {"naam": bestandsnaam}
        )
    soorten = {_OLE_HOOFDSTROMEN[naam] for naam in bovenste if naam in _OLE_HOOFDSTROMEN}
    if len(soorten) != 1:
        raise _Onbekend(_("een Office- of Windows-bestand van een soort die niet is toegestaan"))
    return soorten.pop()


def pdf_verkleinen(bron: Path, doel: Path, *, dpi: int = 300) -> int:
    """Writes a copy of a scanned PDF with its page images downsampled to dpi; returns the new
    size in bytes."""
    raise NotImplementedError


def betekenisloze_naam(bestandsnaam: str) -> bool:
    """R4 nudge: scan…, IMG_…, document1, naamloos, a bare date, … (a warning, not a refusal)."""
    return False

"""The checks every attachment passes, whatever channel it came through (R3, R4, SECURITY.md).

`bestand_controleren` decides a file's kind by its content, never by its name: the name only
tells which extension the user claims, and content and claim must agree. The file waits in a
temporary path and is read in blocks, so a file far over the limit costs no memory.
"""

from __future__ import annotations

import codecs
import hashlib
import io
import logging
import math
import re
import socket
import struct
import warnings
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import olefile
import pikepdf
from django.conf import settings
from django.utils.translation import gettext as _
from PIL import Image

logger = logging.getLogger("passend.bijlagen")

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

    if soort == "pdf":
        with _pdf_openen(pad, bestandsnaam) as pdf:
            _pdf_controleren(pdf, bestandsnaam)
    elif soort in _PIL_FORMATEN:
        _afbeelding_controleren(pad, soort, bestandsnaam)
    _virusscanner(pad, bestandsnaam)
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
    """Refuses a file over the limit; a clean PDF of scanned pages as TeGrootMaarVerkleinbaar.

    The other checks run on the smaller copy; only the PDF's own checks run here, so no one is
    offered a copy that would be refused for a script after all.
    """
    melding = _("‘%(naam)s’ is %(grootte)s MB; een bijlage mag hoogstens %(max)s MB zijn.") % {
        "naam": bestandsnaam,
        "grootte": _megabytes(pad.stat().st_size),
        "max": _megabytes(max_bytes),
    }
    with pad.open("rb") as bestand:
        is_pdf = bestand.read(5) == b"%PDF-"
    if extensie == "pdf" and is_pdf:
        with _pdf_openen(pad, bestandsnaam) as pdf:
            _pdf_controleren(pdf, bestandsnaam)
            if _is_gescand(pdf, pad.stat().st_size):
                raise TeGrootMaarVerkleinbaar(
                    melding
                    + " "
                    + _(
                        "Het bestaat uit gescande pagina’s: Passend kan er een kleinere kopie "
                        "van maken, met de afbeeldingen op %(dpi)s dpi."
                    )
                    % {"dpi": VERKLEIN_DPI}
                )
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
    # RuntimeError: an encrypted entry; NotImplementedError: a compression method unknown here.
    except (
        zipfile.BadZipFile,
        zipfile.LargeZipFile,
        OSError,
        EOFError,
        ValueError,
        RuntimeError,
        NotImplementedError,
    ):
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


# --- PDF -------------------------------------------------------------------------------------

# Keys whose presence means active or hidden content, and the values of /S, /Type and /Subtype
# that do (an action's kind, an embedded file, a file attachment annotation).
_PDF_SCRIPT_SLEUTELS = {"/JS", "/JavaScript", "/XFA"}
_PDF_INGESLOTEN_SLEUTELS = {"/EmbeddedFiles", "/EF", "/RichMedia"}
_PDF_SOORT_SLEUTELS = {"/S", "/Type", "/Subtype"}
_PDF_SCRIPT_SOORTEN = {"/JavaScript", "/ECMAScript"}
_PDF_START_SOORTEN = {"/Launch"}
_PDF_INGESLOTEN_SOORTEN = {
    "/EmbeddedFile",
    "/FileAttachment",
    "/GoToE",
    "/RichMedia",
    "/Movie",
    "/Sound",
    "/Screen",
}


def _pdf_openen(pad: Path, bestandsnaam: str) -> pikepdf.Pdf:
    try:
        return pikepdf.open(pad)
    except pikepdf.PasswordError:
        raise BestandGeweigerd(
            _(
                "‘%(naam)s’ is beveiligd met een wachtwoord, zodat Passend het niet kan "
                "controleren. Haal het wachtwoord eraf (sla het document op zonder beveiliging) "
                "en probeer het opnieuw."
            )
            % {"naam": bestandsnaam}
        ) from None
    except (pikepdf.PdfError, OSError, ValueError, RecursionError):
        raise BestandGeweigerd(
            _("‘%(naam)s’ is beschadigd en kan niet worden gelezen.") % {"naam": bestandsnaam}
        ) from None


def _pdf_controleren(pdf: pikepdf.Pdf, bestandsnaam: str) -> None:
    """Refuses JavaScript, launch actions and embedded files wherever they are.

    Every indirect object is visited once, from the file's object table, so the walk meets
    objects in compressed object streams too and cannot loop: within one object only its
    direct parts are followed, and those form a tree. An object nobody references is checked
    as well; a PDF has no business carrying a script, even an unreachable one.
    """
    try:
        if len(pdf.pages) == 0:
            raise pikepdf.PdfError("geen pagina's")
        for object_ in pdf.objects:
            _pdf_object_controleren(object_, bestandsnaam)
    except (pikepdf.PdfError, RecursionError, ValueError):
        raise BestandGeweigerd(
            _("‘%(naam)s’ is beschadigd en kan niet worden gelezen.") % {"naam": bestandsnaam}
        ) from None


def _pdf_object_controleren(object_: pikepdf.Object, bestandsnaam: str) -> None:
    stapel = [object_]
    while stapel:
        huidig = stapel.pop()
        if isinstance(huidig, pikepdf.Stream):
            huidig = huidig.stream_dict
        if isinstance(huidig, pikepdf.Dictionary):
            onderdelen = list(huidig.items())
        elif isinstance(huidig, pikepdf.Array):
            onderdelen = [("", onderdeel) for onderdeel in huidig]
        else:
            continue
        for sleutel, waarde in onderdelen:
            if sleutel in _PDF_SCRIPT_SLEUTELS:
                raise _pdf_script(bestandsnaam)
            if sleutel in _PDF_INGESLOTEN_SLEUTELS:
                raise _pdf_ingesloten(bestandsnaam)
            if sleutel in _PDF_SOORT_SLEUTELS and isinstance(waarde, pikepdf.Name):
                soort = str(waarde)
                if soort in _PDF_SCRIPT_SOORTEN:
                    raise _pdf_script(bestandsnaam)
                if soort in _PDF_START_SOORTEN:
                    raise BestandGeweigerd(
                        _(
                            "‘%(naam)s’ bevat een opdracht om een programma of ander bestand te "
                            "starten. Zulke PDF-bestanden kunnen schadelijk zijn en worden niet "
                            "aangenomen. Druk het document af naar een nieuwe PDF en probeer "
                            "het opnieuw."
                        )
                        % {"naam": bestandsnaam}
                    )
                if soort in _PDF_INGESLOTEN_SOORTEN:
                    raise _pdf_ingesloten(bestandsnaam)
            # An indirect object has its own turn in the object table.
            if isinstance(waarde, pikepdf.Dictionary | pikepdf.Array | pikepdf.Stream) and (
                not waarde.is_indirect
            ):
                stapel.append(waarde)


def _pdf_script(bestandsnaam: str) -> BestandGeweigerd:
    return BestandGeweigerd(
        _(
            "‘%(naam)s’ bevat JavaScript of een ander script. Zulke PDF-bestanden kunnen "
            "schadelijk zijn en worden niet aangenomen. Druk het document af naar een nieuwe PDF "
            "(‘Afdrukken als PDF’) en probeer het opnieuw."
        )
        % {"naam": bestandsnaam}
    )


def _pdf_ingesloten(bestandsnaam: str) -> BestandGeweigerd:
    return BestandGeweigerd(
        _(
            "‘%(naam)s’ bevat ingesloten bestanden of media. Die kan Passend niet controleren. "
            "Voeg ingesloten bestanden los toe, en druk het document zelf af naar een nieuwe "
            "PDF."
        )
        % {"naam": bestandsnaam}
    )


# --- Images ----------------------------------------------------------------------------------

# A photo from a phone has some 12 to 50 million pixels; more is a decompression bomb.
AFBEELDING_MAX_PIXELS = 100_000_000
_PIL_FORMATEN = {"jpg": "JPEG", "png": "PNG"}


def _afbeelding_controleren(pad: Path, soort: str, bestandsnaam: str) -> None:
    """Opens the image with Pillow and verifies it, without decoding a bomb's pixels."""
    beschadigd = BestandGeweigerd(
        _("‘%(naam)s’ is beschadigd en kan niet worden gelezen.") % {"naam": bestandsnaam}
    )
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            with Image.open(pad, formats=[_PIL_FORMATEN[soort]]) as afbeelding:
                breedte, hoogte = afbeelding.size
                if breedte * hoogte > AFBEELDING_MAX_PIXELS:
                    raise _afbeelding_te_groot(bestandsnaam)
                afbeelding.verify()
            if soort == "jpg":
                # verify() reads only the JPEG headers; decoding at 1/8 scale reads all data.
                with Image.open(pad, formats=["JPEG"]) as afbeelding:
                    afbeelding.draft(afbeelding.mode, (breedte // 8, hoogte // 8))
                    afbeelding.load()
    except Image.DecompressionBombError:
        raise _afbeelding_te_groot(bestandsnaam) from None
    except (OSError, SyntaxError, ValueError, struct.error, EOFError):
        raise beschadigd from None


def _afbeelding_te_groot(bestandsnaam: str) -> BestandGeweigerd:
    return BestandGeweigerd(
        _(
            "‘%(naam)s’ heeft te veel beeldpunten (meer dan %(max)s miljoen). Verklein de "
            "afbeelding en probeer het opnieuw."
        )
        % {"naam": bestandsnaam, "max": AFBEELDING_MAX_PIXELS // 1_000_000}
    )


# --- Scanned PDFs: recognising them and making them smaller (R3) -----------------------------

VERKLEIN_DPI = 300
# A page counts as scanned when its images cover this share of it, a PDF when every page is
# and images hold this share of the file's bytes.
GESCAND_BEDEKKING = 0.7
GESCAND_AANDEEL_BEELD = 0.75
_JPEG_KWALITEIT = 80


@dataclass(frozen=True)
class _Getekend:
    beeld: pikepdf.Stream
    breedte_inch: float
    hoogte_inch: float


def _getekende_beelden(pagina: pikepdf.Page) -> list[_Getekend]:
    """The page's image XObjects with the size each is drawn at, from the transformation
    matrix in force at its `Do` in the page's content stream."""
    beelden = pagina.resources.get("/XObject")
    if not isinstance(beelden, pikepdf.Dictionary):
        return []
    getekend = []
    for naam, ctm in pikepdf.get_objects_with_ctm(pagina):
        beeld = beelden.get(naam)
        if isinstance(beeld, pikepdf.Stream) and beeld.get("/Subtype") == pikepdf.Name.Image:
            getekend.append(
                _Getekend(beeld, math.hypot(ctm.a, ctm.b) / 72, math.hypot(ctm.c, ctm.d) / 72)
            )
    return getekend


def _is_gescand(pdf: pikepdf.Pdf, grootte: int) -> bool:
    """Whether the PDF is made of scanned pages, so that downsampling its images shrinks it.

    Scanned means: every page draws raster images covering at least 70% of its area (measured
    with the transformation matrices in the page's content stream), and image streams hold at
    least 75% of the file's bytes. Text does not disqualify: scanners often lay an invisible
    OCR text layer over the image, which is small. Images drawn inside form XObjects are not
    seen, so such a PDF is refused plainly rather than offered a copy that would not shrink.
    """
    beeld_bytes = 0
    gezien: set[tuple[int, int]] = set()
    try:
        for pagina in pdf.pages:
            kader = pagina.mediabox
            oppervlak = abs(float(kader[2]) - float(kader[0])) * abs(
                float(kader[3]) - float(kader[1])
            )
            getekend = _getekende_beelden(pagina)
            bedekt = sum(beeld.breedte_inch * beeld.hoogte_inch * 72 * 72 for beeld in getekend)
            if not oppervlak or bedekt / oppervlak < GESCAND_BEDEKKING:
                return False
            for beeld in getekend:
                if beeld.beeld.objgen not in gezien:
                    gezien.add(beeld.beeld.objgen)
                    beeld_bytes += int(beeld.beeld.get("/Length", 0))
    except (pikepdf.PdfError, ValueError, TypeError, IndexError):
        return False
    return beeld_bytes >= GESCAND_AANDEEL_BEELD * grootte


def pdf_verkleinen(bron: Path, doel: Path, *, dpi: int = VERKLEIN_DPI) -> int:
    """Writes a copy of a scanned PDF with its page images downsampled to dpi; returns the new
    size in bytes.

    Each image drawn at more than `dpi` (its pixels over the largest size it is drawn at on
    any page) is re-encoded as JPEG at `dpi`; a losslessly stored image at or below `dpi` is
    re-encoded as JPEG at its own resolution when that is smaller. Pages, their order and
    their size stay as they are. Kept unchanged: black-and-white images (already small, and
    blurred by JPEG), images with a decode array or colour-key mask (their meaning is tied to
    the old samples) and images Pillow cannot decode. The copy still has to pass
    `bestand_controleren`; a PDF that cannot be read or written raises BestandGeweigerd.
    """
    try:
        with pikepdf.open(bron) as pdf:
            grootste: dict[tuple[int, int], _Getekend] = {}
            for pagina in pdf.pages:
                for getekend in _getekende_beelden(pagina):
                    eerder = grootste.get(getekend.beeld.objgen)
                    if eerder is None or getekend.breedte_inch > eerder.breedte_inch:
                        grootste[getekend.beeld.objgen] = getekend
            for getekend in grootste.values():
                _beeld_verkleinen(getekend, dpi)
            pdf.remove_unreferenced_resources()
            pdf.save(doel, compress_streams=True)
    except (pikepdf.PdfError, ValueError, OSError) as fout:
        logger.warning("PDF verkleinen mislukt", extra={"fout": repr(fout)})
        raise BestandGeweigerd(
            _(
                "Het verkleinen van de PDF is mislukt. Verklein het bestand zelf en probeer het "
                "opnieuw."
            )
        ) from None
    return doel.stat().st_size


def _beeld_verkleinen(getekend: _Getekend, dpi: int) -> None:
    beeld = getekend.beeld
    if (
        beeld.get("/ImageMask")
        or int(beeld.get("/BitsPerComponent", 8)) == 1
        or "/Decode" in beeld
        or "/Mask" in beeld
    ):
        return
    breedte, hoogte = int(beeld.Width), int(beeld.Height)
    schaal = min(
        1.0,
        dpi * getekend.breedte_inch / breedte if getekend.breedte_inch else 1.0,
        dpi * getekend.hoogte_inch / hoogte if getekend.hoogte_inch else 1.0,
    )
    if schaal > 0.99 and beeld.get("/Filter") == pikepdf.Name.DCTDecode:
        return
    try:
        afbeelding = pikepdf.PdfImage(beeld).as_pil_image()
    except (pikepdf.PdfError, NotImplementedError, ValueError, OSError):
        return
    # Grey and RGB samples keep their colour space (an ICC profile stays valid); anything
    # else (indexed, CMYK, Lab) becomes plain RGB.
    kleurruimte = beeld.get("/ColorSpace")
    if afbeelding.mode not in ("L", "RGB") or (
        isinstance(kleurruimte, pikepdf.Array) and kleurruimte[0] == pikepdf.Name.Indexed
    ):
        afbeelding = afbeelding.convert("RGB")
        kleurruimte = pikepdf.Name.DeviceRGB
    elif kleurruimte is None:
        kleurruimte = pikepdf.Name.DeviceGray if afbeelding.mode == "L" else pikepdf.Name.DeviceRGB
    if schaal < 0.99:
        afbeelding = afbeelding.resize(
            (max(1, round(breedte * schaal)), max(1, round(hoogte * schaal))),
            Image.Resampling.LANCZOS,
        )
    uit = io.BytesIO()
    afbeelding.save(uit, "JPEG", quality=_JPEG_KWALITEIT)
    if schaal > 0.99 and uit.tell() >= int(beeld.get("/Length", 0)):
        return
    beeld.write(uit.getvalue(), filter=pikepdf.Name.DCTDecode)
    beeld.Width, beeld.Height = afbeelding.size
    beeld.ColorSpace = kleurruimte
    beeld.BitsPerComponent = 8
    if "/DecodeParms" in beeld:
        del beeld["/DecodeParms"]


# --- Meaningless names (R4) ------------------------------------------------------------------

# Words that name no content: what scanners, cameras, phones and "new document" make up.
_BETEKENISLOZE_WOORDEN = {
    "scan", "scans", "scanned", "gescand", "scanner", "img", "image", "afbeelding", "dsc",
    "dscn", "dscf", "dcim", "pxl", "photo", "foto", "screenshot", "schermafbeelding",
    "whatsapp", "document", "documenten", "doc", "naamloos", "untitled", "unnamed", "nieuw",
    "new", "bestand", "file", "bijlage", "attachment", "kopie", "copy", "van", "of", "at",
    "zonder", "titel", "pdf", "page", "pagina", "wa", "camscanner", "adobe", "microsoft", "word",
    "map", "book", "werkmap", "presentatie", "presentation", "text", "tekst", "tekstdocument",
    "jan", "januari", "january", "feb", "februari", "february", "mrt", "maart", "march", "mar",
    "apr", "april", "mei", "may", "jun", "juni", "june", "jul", "juli", "july", "aug",
    "augustus", "august", "sep", "sept", "september", "okt", "oktober", "oct", "october",
    "nov", "november", "dec", "december",
}  # fmt: skip


def betekenisloze_naam(bestandsnaam: str) -> bool:
    """R4 nudge: scan…, IMG_…, document1, naamloos, a bare date, … (a warning, not a refusal).

    A name is meaningless when, without its extension, it holds nothing but such words,
    numbers and dates: "Scan_20240312_0001", "IMG_1234", "Document (2)", "12-03-2024". One
    meaningful word is enough: "OPP_Jansen_120324" and "Scan OPP Jansen" pass.
    """
    naam = bestandsnaam.strip().rsplit("/", 1)[-1].rsplit("\\", 1)[-1]
    stam = naam.rsplit(".", 1)[0] if "." in naam.strip(".") else naam
    woorden = re.findall(r"[^\W\d_]+", stam.lower())
    return all(woord in _BETEKENISLOZE_WOORDEN for woord in woorden)


# --- Virus scanner: clamd's INSTREAM protocol ------------------------------------------------


def _virusscanner(pad: Path, bestandsnaam: str) -> None:
    """Streams the file to clamd when CLAMD_ADRES is set. A file the scanner does not clear
    is refused: a find, but also no answer, an error or a timeout (fail closed)."""
    adres = settings.CLAMD_ADRES
    if not adres:
        return
    try:
        antwoord = _clamd_instream(adres, pad, timeout=settings.CLAMD_TIMEOUT)
    except (OSError, ValueError) as fout:
        # The file's name is left out of the log: it may name a pupil.
        logger.warning("Virusscanner niet bereikbaar", extra={"fout": repr(fout)})
        raise _scanner_onbereikbaar(bestandsnaam) from None
    if antwoord == "stream: OK":
        return
    if antwoord.startswith("stream: ") and antwoord.endswith(" FOUND"):
        virus = antwoord.removeprefix("stream: ").removesuffix(" FOUND")
        logger.warning("Virusscanner vond schadelijke inhoud", extra={"virus": virus})
        raise BestandGeweigerd(
            _(
                "De virusscanner heeft in ‘%(naam)s’ schadelijke inhoud gevonden (%(virus)s). "
                "Het bestand is niet toegevoegd."
            )
            % {"naam": bestandsnaam, "virus": virus}
        )
    logger.warning("Virusscanner gaf geen bruikbaar antwoord", extra={"antwoord": antwoord})
    raise _scanner_onbereikbaar(bestandsnaam)


def _scanner_onbereikbaar(bestandsnaam: str) -> BestandGeweigerd:
    return BestandGeweigerd(
        _(
            "‘%(naam)s’ kon niet op virussen worden gecontroleerd, omdat de virusscanner nu niet "
            "bereikbaar is. Het bestand is niet toegevoegd. Probeer het later opnieuw."
        )
        % {"naam": bestandsnaam}
    )


def _clamd_instream(adres: str, pad: Path, *, timeout: float) -> str:
    """clamd's answer for the file: "stream: OK", "stream: <name> FOUND" or an error.

    The protocol: the command "zINSTREAM" ending in NUL, the content in chunks each preceded
    by its length as 4 bytes big-endian, a zero length to end, then one NUL-terminated reply.
    The timeout holds for connecting and for each send and receive.
    """
    if adres.startswith("unix://"):
        verbinding = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        verbinding.settimeout(timeout)
        try:
            verbinding.connect(adres.removeprefix("unix://"))
        except OSError:
            verbinding.close()
            raise
    else:
        delen = urlsplit(adres)
        if delen.scheme != "tcp" or not delen.hostname or not delen.port:
            raise ValueError(f"CLAMD_ADRES onbruikbaar: {adres!r}")
        verbinding = socket.create_connection((delen.hostname, delen.port), timeout=timeout)
    with verbinding:
        try:
            verbinding.sendall(b"zINSTREAM\0")
            for blok in _blokken(pad):
                verbinding.sendall(struct.pack(">I", len(blok)) + blok)
            verbinding.sendall(struct.pack(">I", 0))
        except (BrokenPipeError, ConnectionResetError):
            pass  # clamd hangs up on a stream over its StreamMaxLength; its reply says so
        antwoord = b""
        while not antwoord.endswith(b"\0") and len(antwoord) < 4096:
            deel = verbinding.recv(4096)
            if not deel:
                break
            antwoord += deel
    return antwoord.rstrip(b"\0").decode("utf-8", errors="replace").strip()

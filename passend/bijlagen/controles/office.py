"""Office files: OOXML and OpenDocument (zip) and legacy Office (OLE compound files)."""

from __future__ import annotations

import re
import struct
import zipfile
from pathlib import Path

import olefile
from django.utils.translation import gettext as _

from passend.bijlagen.controles.basis import BestandGeweigerd, Onbekend, beschadigd

OLE_MAGIE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"

# Zip limits, read from the zip's directory without extracting. A real Office file of 10 MB
# holds at most some hundreds of MB of XML; more than this is a bomb, not a document.
ZIP_MAX_ITEMS = 5_000
ZIP_MAX_UITGEPAKT = 300 * 1024 * 1024
ZIP_MAX_VERHOUDING = 200  # per entry, for entries over ZIP_VERHOUDING_VANAF
ZIP_VERHOUDING_VANAF = 1024 * 1024
# The parts we do read are read with a cap, so a header that lies about their size cannot
# make us unpack more.
ZIP_MAX_DEEL = 2 * 1024 * 1024


_OOXML_HOOFDDELEN = {
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml": "docx",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml": "xlsx",
    "application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml": "pptx",
}
_ODF_SOORTEN = {
    "application/vnd.oasis.opendocument.text": "odt",
    "application/vnd.oasis.opendocument.spreadsheet": "ods",
}


def zip_soort(pad: Path, bestandsnaam: str) -> str:
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
        raise beschadigd(bestandsnaam) from None
    raise Onbekend(_("een zip-archief"))


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


# A relationship to something outside the package is fetched when the document opens: an
# attached template, a linked image, frame or OLE object on a share (\\server\share: Windows
# sends the user's NTLM hash), or a web bug. Only hyperlinks are followed on a click alone.
_RELATIE = re.compile(r"<(?:\w+:)?Relationship\b[^>]*>", re.IGNORECASE)
_EXTERN = re.compile(r"""TargetMode\s*=\s*["']External["']""", re.IGNORECASE)
_HYPERLINK = re.compile(r"""Type\s*=\s*["'][^"']*/hyperlink["']""", re.IGNORECASE)
# OLE objects embedded in the document: a compound file that may wrap any program ("Package"),
# which the reader opens with a double click and Passend cannot check. An embedded OOXML
# file (the workbook behind a chart) is not one: its content types are checked here too.
_OLE_OBJECT = re.compile(r"(^|/)embeddings/[^/]*\.bin$|(^|/)oleobject[^/]*\.bin$")
_OLE_OBJECT_TYPE = "application/vnd.openxmlformats-officedocument.oleobject"


def _ooxml_extern_of_ole(archief: zipfile.ZipFile, namen: set[str], typen: list[str]) -> str:
    """ "extern", "ole" or "" (issue 19 item 11c)."""
    for naam in namen:
        if naam.lower().endswith(".rels"):
            for relatie in _RELATIE.findall(
                _deel_lezen(archief, naam).decode("utf-8", errors="replace")
            ):
                if _EXTERN.search(relatie) and not _HYPERLINK.search(relatie):
                    return "extern"
    if any(_OLE_OBJECT.search(naam.lower()) for naam in namen) or any(
        type_.lower() == _OLE_OBJECT_TYPE for type_ in typen
    ):
        return "ole"
    return ""


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
    bijzonder = _ooxml_extern_of_ole(archief, namen, typen)
    if bijzonder == "extern":
        raise BestandGeweigerd(
            _(
                "‘%(naam)s’ verwijst naar een sjabloon, afbeelding of ander bestand buiten het "
                "document, bijvoorbeeld op een netwerkmap. Dat wordt bij het openen opgehaald "
                "en kan schadelijk zijn; zulke bestanden worden niet aangenomen. Sla het "
                "document op als PDF (‘Opslaan als’ en dan PDF) en voeg die PDF toe."
            )
            % {"naam": bestandsnaam}
        )
    if bijzonder == "ole":
        raise BestandGeweigerd(
            _(
                "‘%(naam)s’ bevat een ingesloten object (OLE), zoals een ingevoegd bestand of "
                "programma. Dat kan Passend niet controleren. Voeg het ingesloten bestand los "
                "toe, of sla het document op als PDF en voeg die PDF toe."
            )
            % {"naam": bestandsnaam}
        )
    soorten = {_OOXML_HOOFDDELEN[type_] for type_ in typen if type_ in _OOXML_HOOFDDELEN}
    if len(soorten) != 1:
        raise Onbekend(_("een Office-bestand van een soort die niet is toegestaan"))
    return soorten.pop()


def _odf_soort(archief: zipfile.ZipFile, namen: set[str], bestandsnaam: str) -> str:
    if any(naam.startswith(("Basic/", "Scripts/")) for naam in namen):
        raise _macros_geweigerd(bestandsnaam)
    mimetype = _deel_lezen(archief, "mimetype").decode("ascii", errors="replace").strip()
    if mimetype in _ODF_SOORTEN:
        return _ODF_SOORTEN[mimetype]
    if mimetype.startswith("application/vnd.oasis.opendocument."):
        raise Onbekend(_("een OpenDocument-bestand van een soort die niet is toegestaan"))
    raise Onbekend(_("een zip-archief"))


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


def ole_soort(pad: Path, bestandsnaam: str) -> str:
    try:
        with olefile.OleFileIO(str(pad)) as ole:
            paden = [
                [deel.lower() for deel in item] for item in ole.listdir(streams=True, storages=True)
            ]
            bovenste = {item[0] for item in paden if len(item) == 1}
            # "macros" and "versleuteld", from the storages and from the streams' records.
            bijzonderheden = set()
            if any(deel in _OLE_MACROS for item in paden for deel in item):
                bijzonderheden.add("macros")
            if bovenste & {"encryptedpackage", "encryptioninfo"}:
                bijzonderheden.add("versleuteld")
            if "powerpoint document" in bovenste and _ppt_heeft_macros(
                ole.openstream("PowerPoint Document").read()
            ):
                bijzonderheden.add("macros")
            if "workbook" in bovenste:
                bijzonderheden |= _xls_bijzonderheden(ole.openstream("Workbook").read())
            if "worddocument" in bovenste and _doc_versleuteld(
                ole.openstream("WordDocument").read(_FIB_VLAGGEN + 2)
            ):
                bijzonderheden.add("versleuteld")
    except (OSError, ValueError, IndexError, struct.error, RecursionError):
        raise beschadigd(bestandsnaam) from None
    if "macros" in bijzonderheden:
        raise _macros_geweigerd(bestandsnaam)
    if "versleuteld" in bijzonderheden:
        raise BestandGeweigerd(
            _(
                "‘%(naam)s’ is beveiligd met een wachtwoord, zodat Passend het niet kan "
                "controleren. Haal het wachtwoord eraf en probeer het opnieuw."
            )
            % {"naam": bestandsnaam}
        )
    soorten = {_OLE_HOOFDSTROMEN[naam] for naam in bovenste if naam in _OLE_HOOFDSTROMEN}
    if len(soorten) != 1:
        raise Onbekend(_("een Office- of Windows-bestand van een soort die niet is toegestaan"))
    return soorten.pop()


# Word 97's File Information Block: a 16-bit field of flags at offset 10, fEncrypted its bit 8.
_FIB_VLAGGEN = 10
_FIB_VERSLEUTELD = 0x0100


def _doc_versleuteld(fib: bytes) -> bool:
    return len(fib) >= _FIB_VLAGGEN + 2 and bool(
        struct.unpack_from("<H", fib, _FIB_VLAGGEN)[0] & _FIB_VERSLEUTELD
    )


# PowerPoint 97 keeps its VBA project compressed inside the "PowerPoint Document" stream, not
# as a storage. The VBAInfoContainer record (MS-PPT 2.4.10) with its VBAInfoAtom (2.4.11)
# points to it: their two 8-byte record headers, fixed by the specification, then the
# atom's persist reference and its fHasMacros flag.
VBA_INFO_RECORDS = bytes.fromhex("1f00ff0314000000020000040c000000")


def _ppt_heeft_macros(stroom: bytes) -> bool:
    positie = stroom.find(VBA_INFO_RECORDS)
    while positie != -1:
        vlag = stroom[positie + 20 : positie + 24]
        if len(vlag) == 4 and struct.unpack("<I", vlag)[0] != 0:
            return True
        positie = stroom.find(VBA_INFO_RECORDS, positie + 1)
    return False


# BIFF8 records in an Excel 97 workbook's globals: FILEPASS (the workbook is encrypted) and
# BOUNDSHEET, whose sheet-type byte marks an Excel 4.0 macro sheet (1) or a VBA module (6).
_BIFF_FILEPASS = 0x002F
_BIFF_BOUNDSHEET = 0x0085
_BIFF_EOF = 0x000A
_BIFF_MACROBLADEN = {0x01, 0x06}


def _xls_bijzonderheden(stroom: bytes) -> set[str]:
    """ "macros" and/or "versleuteld", read from the workbook globals' records up to their EOF."""
    gevonden = set()
    positie = 0
    while positie + 4 <= len(stroom):
        soort, lengte = struct.unpack_from("<HH", stroom, positie)
        data = stroom[positie + 4 : positie + 4 + lengte]
        if soort == _BIFF_FILEPASS:
            gevonden.add("versleuteld")
        elif soort == _BIFF_BOUNDSHEET and len(data) >= 6 and data[5] in _BIFF_MACROBLADEN:
            gevonden.add("macros")
        elif soort == _BIFF_EOF:
            break
        positie += 4 + lengte
    return gevonden

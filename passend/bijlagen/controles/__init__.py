"""The checks every attachment passes, whatever channel it came through (R3, R4, SECURITY.md).

`bestand_controleren` decides a file's kind by its content, never by its name: the name only
tells which extension the user claims, and content and claim must agree. The file waits in a
temporary path and is read in blocks, so a file far over the limit costs no memory.
"""

from __future__ import annotations

import hashlib
import math
from dataclasses import dataclass
from pathlib import Path

from django.utils.translation import gettext as _

from passend.bijlagen.controles.afbeeldingen import PIL_FORMATEN, afbeelding_controleren
from passend.bijlagen.controles.basis import (
    BestandGeweigerd,
    Onbekend,
    TeGrootMaarVerkleinbaar,
    blokken,
    stam_en_extensie,
)
from passend.bijlagen.controles.namen import betekenisloze_naam
from passend.bijlagen.controles.office import OLE_MAGIE, ole_soort, zip_soort
from passend.bijlagen.controles.pdf import (
    VERKLEIN_DPI,
    is_gescand,
    pdf_controleren,
    pdf_openen,
    pdf_verkleinen,
)
from passend.bijlagen.controles.tekst import is_binair, tekst_controleren
from passend.bijlagen.controles.virusscanner import virusscanner_controleren

__all__ = [
    "BestandGeweigerd",
    "GecontroleerdBestand",
    "TeGrootMaarVerkleinbaar",
    "bestand_controleren",
    "betekenisloze_naam",
    "pdf_verkleinen",
]


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


def _geclaimde_extensie(bestandsnaam: str) -> str:
    extensie = stam_en_extensie(bestandsnaam)[1]
    return EXTENSIE_ALIASSEN.get(extensie, extensie)


def bestand_controleren(
    pad: Path, *, bestandsnaam: str, max_bytes: int, sha256: str | None = None
) -> GecontroleerdBestand:
    """Every check on a file waiting in a temporary path; raises BestandGeweigerd (or
    TeGrootMaarVerkleinbaar). `sha256`: the digest of the file at `pad` when it is already
    known (computed while the upload was received); otherwise the file is read for it.

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
    except Onbekend as onbekend:
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
        with pdf_openen(pad, bestandsnaam) as pdf:
            pdf_controleren(pdf, bestandsnaam)
    elif soort in PIL_FORMATEN:
        afbeelding_controleren(pad, soort, bestandsnaam)
    virusscanner_controleren(pad, bestandsnaam)
    if sha256 is None:
        hasher = hashlib.sha256()
        for blok in blokken(pad):
            hasher.update(blok)
        sha256 = hasher.hexdigest()
    return GecontroleerdBestand(
        soort=soort,
        mime=mime,
        inline_tonen=SOORTEN[soort].inline,
        sha256=sha256,
        grootte=grootte,
    )


def _te_groot(pad: Path, *, bestandsnaam: str, extensie: str, max_bytes: int) -> None:
    """Refuses a file over the limit; a clean PDF of scanned pages as TeGrootMaarVerkleinbaar.

    The other checks run on the smaller copy; only the PDF's own checks run here, so no one is
    offered a copy that would be refused for a script after all.
    """
    melding = _("‘%(naam)s’ is %(grootte)s; een bijlage mag hoogstens %(max)s zijn.") % {
        "naam": bestandsnaam,
        "grootte": grootte_tekst(pad.stat().st_size, naar_boven=True),
        "max": grootte_tekst(max_bytes),
    }
    with pad.open("rb") as bestand:
        is_pdf = bestand.read(5) == b"%PDF-"
    if extensie == "pdf" and is_pdf:
        with pdf_openen(pad, bestandsnaam) as pdf:
            pdf_controleren(pdf, bestandsnaam)
            if is_gescand(pdf, pad.stat().st_size):
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


def grootte_tekst(aantal: int, *, naar_boven: bool = False) -> str:
    """'10 MB', '10,5 MB': a size with one decimal when it has one; the one formatter of sizes
    in messages and screens. A file's size is rounded up (`naar_boven`), so that one just over
    the limit never reads as the limit itself."""
    tienden = aantal * 10 / (1024 * 1024)
    tienden = math.ceil(tienden) if naar_boven else round(tienden)
    getal = f"{tienden // 10}" if tienden % 10 == 0 else f"{tienden // 10},{tienden % 10}"
    return f"{getal} MB"


# --- Recognising the kind ----------------------------------------------------------------------

# Magic numbers. "MZ" and "BM" also begin ordinary words, so those two count only in a binary
# header; a text that starts with "#!" is a script whatever follows.
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
    (b"Rar!\x1a\x07", "een RAR-archief"),
    (b"7z\xbc\xaf\x27\x1c", "een 7-Zip-archief"),
    (b"\x1f\x8b", "een gzip-archief"),
]


def _soort_herkennen(pad: Path, bestandsnaam: str) -> tuple[str, str]:
    """The kind of the content and its Content-Type, with the kind's own checks done.

    Raises Onbekend for content outside the allow-list, BestandGeweigerd for a kind on the
    list that fails its checks.
    """
    with pad.open("rb") as bestand:
        kop = bestand.read(64)
    binair = is_binair(kop)
    for magie, wat in _UITVOERBAAR:
        if kop.startswith(magie) and (magie != b"MZ" or binair):
            raise Onbekend(wat, uitvoerbaar=True)
    if kop.startswith(b"%PDF-"):
        return "pdf", SOORTEN["pdf"].mime
    if kop.startswith(b"\xff\xd8\xff"):
        return "jpg", SOORTEN["jpg"].mime
    if kop.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png", SOORTEN["png"].mime
    if kop.startswith(OLE_MAGIE):
        soort = ole_soort(pad, bestandsnaam)
        return soort, SOORTEN[soort].mime
    if kop.startswith(b"PK\x03\x04"):
        soort = zip_soort(pad, bestandsnaam)
        return soort, SOORTEN[soort].mime
    for magie, wat in _ANDERE_SOORTEN:
        if kop.startswith(magie) and (magie != b"BM" or binair):
            raise Onbekend(wat)
    if kop.startswith(b"RIFF") and kop[8:12] == b"WEBP":
        raise Onbekend(_("een WebP-afbeelding"))
    charset = tekst_controleren(pad)
    return "txt", f"text/plain; charset={charset}"

"""The nudge on a meaningless file name (R4)."""

from __future__ import annotations

import re

from passend.bijlagen.controles.basis import stam_en_extensie

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
    stam = stam_en_extensie(bestandsnaam)[0]
    woorden = re.findall(r"[^\W\d_]+", stam.lower())
    return all(woord in _BETEKENISLOZE_WOORDEN for woord in woorden)

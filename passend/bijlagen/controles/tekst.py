"""Plain text: an encoding we can serve, and no markup or code in disguise."""

from __future__ import annotations

import codecs
import re
from pathlib import Path

from django.utils.translation import gettext as _

from passend.bijlagen.controles.basis import Onbekend, blokken

# Markup or code that a browser or editor might run or render; a letter in plain text has none.
_OPMAAK = re.compile(
    rb"<\s*(?:!doctype|html|head|body|script|svg|iframe|object|embed|meta|link|form|style)\b"
    rb"|<\?xml|<\?php|javascript:",
    re.IGNORECASE,
)
# Control characters other than tab, newline, form feed, carriage return and escape: binary.
_STUURTEKENS = re.compile(rb"[\x00-\x08\x0b\x0e-\x1a\x1c-\x1f\x7f]")


def is_binair(data: bytes) -> bool:
    return bool(_STUURTEKENS.search(data))


def tekst_controleren(pad: Path) -> str:
    """The charset of a plain-text file: "utf-8", or "windows-1252" for the older Windows
    texts that are not valid UTF-8. Raises Onbekend for binary content or markup."""
    vorige = b""
    for blok in blokken(pad):
        if is_binair(blok):
            raise Onbekend(_("geen tekstbestand en ook geen ander toegestaan soort bestand"))
        # The overlap finds a marker split over two blocks.
        gevonden = _OPMAAK.search(vorige[-32:] + blok)
        if gevonden:
            raise Onbekend(_opmaak_omschrijving(gevonden.group().lower()))
        vorige = blok
    for charset in ("utf-8", "windows-1252"):
        decoder = codecs.getincrementaldecoder(charset)()
        try:
            for blok in blokken(pad):
                decoder.decode(blok)
            decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            continue
        return charset
    raise Onbekend(_("geen tekstbestand en ook geen ander toegestaan soort bestand"))


def _opmaak_omschrijving(gevonden: bytes) -> str:
    if b"svg" in gevonden:
        return _("een SVG-afbeelding (tekst met opmaakcode)")
    if b"php" in gevonden:
        return _("een script")
    if b"xml" in gevonden:
        return _("een XML-bestand")
    return _("een webpagina (HTML)")

"""Plain text: an encoding we can serve, and no markup or code in disguise.

The file is read once (a second time only for an older Windows text that is not UTF-8). Each
block is folded through one translation table, ASCII upper case to lower case (what
re.IGNORECASE does for bytes) and every control character to NUL, so that the binary check and
the markup search are plain byte searches instead of a case-insensitive regex over every byte:
for a 10 MB text that was most of an upload's time.
"""

from __future__ import annotations

import codecs
import re
from pathlib import Path

from django.utils.translation import gettext as _

from passend.bijlagen.controles.basis import Onbekend, blokken

# Control characters other than tab, newline, form feed, carriage return and escape: binary.
_STUURTEKENS = re.compile(rb"[\x00-\x08\x0b\x0e-\x1a\x1c-\x1f\x7f]")
_STUURTEKEN_BYTES = bytes(b for b in range(256) if _STUURTEKENS.match(bytes([b])))
_VOUWEN = bytes.maketrans(
    bytes(range(ord("A"), ord("Z") + 1)) + _STUURTEKEN_BYTES,
    bytes(range(ord("a"), ord("z") + 1)) + b"\x00" * len(_STUURTEKEN_BYTES),
)
# Markup or code that a browser or editor might run or render; a letter in plain text has none.
# Searched in folded (lower-case) text; the tags start with a literal "<", which the regex
# engine finds with a fast scan, and "javascript:" is a plain substring.
_OPMAAK = re.compile(
    rb"<(?:\s*(?:!doctype|html|head|body|script|svg|iframe|object|embed|meta|link|form|style)\b"
    rb"|\?xml|\?php)"
)
_JAVASCRIPT = b"javascript:"
# Large blocks: the work per block is a handful of C calls, so fewer blocks is less overhead;
# the memory stays a few MB whatever the file's size.
_TEKSTBLOK = 1024 * 1024
# Longer than any marker without padding: "<!doctype", "javascript:".
_NAAD = 32
_TAGPOGINGEN = 64


def _geen_tekst() -> Onbekend:
    return Onbekend(_("geen tekstbestand en ook geen ander toegestaan soort bestand"))


def is_binair(data: bytes) -> bool:
    return bool(_STUURTEKENS.search(data))


def _opmaak_zoeken(gevouwen: bytes, *, voor: int | None = None) -> bytes | None:
    """The first markup marker in folded text, as the old single regex would have found it;
    with `voor`, only one that starts before that position."""
    tag = _tag_zoeken(gevouwen, voor)
    einde = tag.start() if tag else voor
    script = gevouwen.find(_JAVASCRIPT, 0, None if einde is None else einde + len(_JAVASCRIPT) - 1)
    if script != -1:
        return _JAVASCRIPT
    return tag.group() if tag else None


def _tag_zoeken(gevouwen: bytes, voor: int | None) -> re.Match[bytes] | None:
    # A "<" is rare in a letter: a plain byte search finds it (the regex engine's own scan for
    # it took a few times as long), and the pattern is tried there. A text full of them goes
    # to the regex engine after a few tries.
    begin = gevouwen.find(b"<", 0, voor)
    for _poging in range(_TAGPOGINGEN):
        if begin == -1:
            return None
        if tag := _OPMAAK.match(gevouwen, begin):
            return tag
        begin = gevouwen.find(b"<", begin + 1, voor)
    if begin == -1:
        return None
    tag = _OPMAAK.search(gevouwen, begin)
    return tag if tag is None or voor is None or tag.start() < voor else None


def tekst_controleren(pad: Path) -> str:
    """The charset of a plain-text file: "utf-8", or "windows-1252" for the older Windows
    texts that are not valid UTF-8. Raises Onbekend for binary content or markup."""
    vorige = b""
    utf8: codecs.IncrementalDecoder | None = codecs.getincrementaldecoder("utf-8")()
    for blok in blokken(pad, _TEKSTBLOK):
        gevouwen = blok.translate(_VOUWEN)
        if b"\x00" in gevouwen:
            raise _geen_tekst()
        # The seam finds a marker split over two blocks (one that starts in the previous
        # block); the rest of the block is searched where it is, without a copy.
        naad = vorige[-_NAAD:]
        gevonden = _opmaak_zoeken(naad + gevouwen[:_NAAD], voor=len(naad))
        gevonden = gevonden or _opmaak_zoeken(gevouwen)
        if gevonden:
            raise Onbekend(_opmaak_omschrijving(gevonden))
        vorige = gevouwen
        # ASCII is valid UTF-8: only a block with other bytes, or one that continues a
        # character split over the previous block, needs the decoder.
        if utf8 is not None and (not blok.isascii() or utf8.getstate()[0]):
            try:
                utf8.decode(blok)
            except UnicodeDecodeError:
                utf8 = None
    if utf8 is not None:
        try:
            utf8.decode(b"", final=True)
            return "utf-8"
        except UnicodeDecodeError:
            pass
    decoder = codecs.getincrementaldecoder("windows-1252")()
    try:
        for blok in blokken(pad, _TEKSTBLOK):
            decoder.decode(blok)
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        raise _geen_tekst() from None
    return "windows-1252"


def _opmaak_omschrijving(gevonden: bytes) -> str:
    if b"svg" in gevonden:
        return _("een SVG-afbeelding (tekst met opmaakcode)")
    if b"php" in gevonden:
        return _("een script")
    if b"xml" in gevonden:
        return _("een XML-bestand")
    return _("een webpagina (HTML)")

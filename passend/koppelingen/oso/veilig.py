"""Safe, strict parsing of an OSO dossier: bytes in, an lxml tree out, or OsoGeweigerd.

- A size limit on the bytes before anything is parsed (a stream is read up to the limit and
  no further).
- No DTD at all: a DOCTYPE (billion laughs, XXE, parameter entities) is refused before parsing
  and again after it, and the parser itself neither loads a DTD, resolves entities nor touches
  the network.
- An element depth limit checked while parsing (incrementally, so a deep document stops early).
- libxml2's own 10 MB limit per text node is lifted (huge_tree, see _parser): attachments are
  single base64 text nodes; the limits above hold instead.
"""

from __future__ import annotations

import re
from collections.abc import Sized
from typing import Protocol

from django.utils.translation import gettext as _
from lxml import etree

from .fouten import DOCTYPE_VERBODEN, TE_DIEP, TE_GROOT, XML_ONGELDIG, OsoGeweigerd

# Setting-like limits. A full PaO dossier with attachments is a few MB; 50 MB leaves room for
# many scanned attachments (base64 costs a third more).
MAX_DOSSIER_BYTES = 50 * 1024 * 1024
# The deepest path of the 2019.1 schema is about 15 elements; 40 leaves a margin for later
# releases while stopping a nesting attack at once.
MAX_DIEPTE = 40

_LEESBLOK = 1024 * 1024
_FEEDBLOK = 64 * 1024

# A DOCTYPE or ENTITY declaration in any of the encodings an XML document may use. Checked on
# the raw bytes before the parser sees them; the parsed tree is checked again afterwards.
_VERBODEN = re.compile(
    rb"<!\s*(DOCTYPE|ENTITY)"
    rb"|<\x00!\x00(D\x00O\x00C\x00T\x00Y\x00P\x00E|E\x00N\x00T\x00I\x00T\x00Y)\x00"
    rb"|\x00<\x00!(\x00D\x00O\x00C\x00T\x00Y\x00P\x00E|\x00E\x00N\x00T\x00I\x00T\x00Y)",
    re.IGNORECASE,
)


class Leesbaar(Protocol):
    """A binary stream: a file, a Django UploadedFile, a request body stream."""

    def read(self, n: int = -1, /) -> bytes: ...


def bytes_lezen(bron: bytes | bytearray | memoryview | Leesbaar, *, max_bytes: int) -> bytes:
    """The document's bytes, refused with `te_groot` beyond max_bytes. A bytes-like is judged
    by its length before it is touched; a stream is read in blocks and never past the limit."""
    if isinstance(bron, Sized) and not hasattr(bron, "read"):
        if len(bron) > max_bytes:
            raise _te_groot(max_bytes)
        return bytes(bron)
    stroom: Leesbaar = bron  # type: ignore[assignment]
    delen: list[bytes] = []
    gelezen = 0
    while True:
        deel = stroom.read(min(_LEESBLOK, max_bytes + 1 - gelezen))
        if not deel:
            break
        gelezen += len(deel)
        if gelezen > max_bytes:
            raise _te_groot(max_bytes)
        delen.append(deel)
    return b"".join(delen)


def _te_groot(max_bytes: int) -> OsoGeweigerd:
    return OsoGeweigerd(
        TE_GROOT,
        [
            _("Het dossier is groter dan %(mb)s MB en wordt niet gelezen.")
            % {"mb": max_bytes // (1024 * 1024) or f"{max_bytes / (1024 * 1024):.2f}"}
        ],
    )


def _parser() -> etree.XMLPullParser:
    return etree.XMLPullParser(
        events=("start", "end"),
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        # huge_tree lifts libxml2's 10 MB limit on one text node. An attachment travels as one
        # base64 text node, and R3 allows 10 MB attachments (13.3 MB as base64): without it a
        # dossier with one large scan is refused. What else XML_PARSE_HUGE loosens is held by
        # our own limits: the byte size above (50 MB), MAX_DIEPTE, and no DTD at all (so no
        # entity amplification).
        huge_tree=True,
        remove_comments=True,
        remove_pis=True,
    )


def xml_lezen(inhoud: bytes, *, max_diepte: int = MAX_DIEPTE) -> etree._Element:
    """The root element of a well-formed document without DTD, at most max_diepte deep."""
    if _VERBODEN.search(inhoud):
        raise OsoGeweigerd(
            DOCTYPE_VERBODEN,
            [_("Het dossier bevat een DOCTYPE- of ENTITY-declaratie; die is niet toegestaan.")],
        )
    parser = _parser()
    diepte = 0
    try:
        for begin in range(0, len(inhoud), _FEEDBLOK):
            parser.feed(inhoud[begin : begin + _FEEDBLOK])
            for gebeurtenis, element in parser.read_events():
                if gebeurtenis == "start":
                    diepte += 1
                    if diepte > max_diepte:
                        raise OsoGeweigerd(
                            TE_DIEP,
                            [
                                _(
                                    "Het dossier is dieper genest dan %(max)s niveaus "
                                    "(regel %(regel)s)."
                                )
                                % {"max": max_diepte, "regel": element.sourceline}
                            ],
                        )
                else:
                    diepte -= 1
        root = parser.close()
    except etree.XMLSyntaxError as fout:
        if "depth" in str(fout.msg).lower():  # libxml2's own limit (256) when fed a block
            raise OsoGeweigerd(
                TE_DIEP,
                [
                    _("Het dossier is dieper genest dan %(max)s niveaus (regel %(regel)s).")
                    % {"max": max_diepte, "regel": fout.lineno}
                ],
            ) from None
        raise OsoGeweigerd(
            XML_ONGELDIG,
            [
                _("Het dossier is geen geldige XML (regel %(regel)s, kolom %(kolom)s).")
                % {"regel": fout.lineno, "kolom": fout.offset}
            ],
            [_zonder_inhoud(str(fout.msg))],
        ) from None
    boom = root.getroottree()
    if boom.docinfo.doctype or boom.docinfo.internalDTD is not None:  # belt and braces
        raise OsoGeweigerd(
            DOCTYPE_VERBODEN,
            [_("Het dossier bevat een DOCTYPE- of ENTITY-declaratie; die is niet toegestaan.")],
        )
    return root


_GEQUOTE = re.compile(r"'[^']*'")


def _zonder_inhoud(tekst: str) -> str:
    """A parser or validator message with every quoted value blanked: they may hold pupil
    content. Element names are restored by the callers that know them."""
    return _GEQUOTE.sub("'…'", tekst)

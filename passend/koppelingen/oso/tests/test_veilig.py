"""Hostile and malformed XML is refused fast and safely (B7): no DTD, no entity, no network,
no file read, a size and a depth limit."""

from __future__ import annotations

import io
import os
import time
from concurrent.futures import ThreadPoolExecutor

import pytest
from lxml import etree

from passend.koppelingen.oso import OsoGeweigerd, fouten, lees_dossier
from passend.koppelingen.oso.veilig import MAX_DOSSIER_BYTES, _parser, bytes_lezen, xml_lezen
from passend.koppelingen.oso.voorbeelden import (
    bijlage_vervangen,
    billion_laughs,
    diep_genest,
    externe_dtd,
    externe_entiteit,
    kapot,
    namespace_vervangen,
    parameter_entiteit,
    tekst_vervangen,
    voorbeeld,
    zip_van,
)


def geweigerd(xml: object, **opties: object) -> OsoGeweigerd:
    begin = time.perf_counter()
    with pytest.raises(OsoGeweigerd) as fout:
        lees_dossier(xml, te_bewaren=set(), **opties)  # type: ignore[arg-type]
    assert time.perf_counter() - begin < 2, "refused, but not fast"
    return fout.value


def test_b7_billion_laughs_geweigerd() -> None:
    assert geweigerd(billion_laughs()).code == fouten.DOCTYPE_VERBODEN


@pytest.mark.parametrize(
    "xml",
    [
        externe_entiteit("file:///etc/passwd"),
        externe_entiteit("http://127.0.0.1:9/geheim"),
        parameter_entiteit(),
        externe_dtd(),
    ],
    ids=["xxe-bestand", "xxe-http", "parameter-entiteit", "externe-dtd"],
)
def test_b7_externe_entiteiten_en_dtd_geweigerd(xml: bytes) -> None:
    fout = geweigerd(xml)
    assert fout.code == fouten.DOCTYPE_VERBODEN
    assert "root:" not in str(fout)


def test_b7_doctype_in_utf16_ook_geweigerd() -> None:
    xml = billion_laughs().decode().replace('<?xml version="1.0"?>', "").encode("utf-16")
    assert geweigerd(xml).code == fouten.DOCTYPE_VERBODEN


def test_b7_parser_zelf_laadt_niets_en_vervangt_geen_entiteiten() -> None:
    # Belt and braces: even past the DOCTYPE refusal, the parser neither reads the file nor
    # expands entities.
    parser = _parser()
    parser.feed(externe_entiteit("file:///etc/passwd"))
    root = parser.close()
    assert "root:" not in etree.tostring(root, encoding="unicode")
    parser = _parser()
    try:  # libxml2 may stop it itself (amplification limit); either way nothing blows up
        parser.feed(billion_laughs())
        root = parser.close()
    except etree.XMLSyntaxError:
        return
    assert len(etree.tostring(root)) < 10_000


class Groot:
    """A bytes-like whose length is 200 MB, without 200 MB in memory: the guard must judge
    by the length alone."""

    def __len__(self) -> int:
        return 200 * 1024 * 1024

    def __bytes__(self) -> bytes:  # pragma: no cover - must never be called
        raise AssertionError("the document was read despite its size")


def test_b7_document_van_200_mb_geweigerd_op_lengte() -> None:
    fout = geweigerd(Groot())
    assert fout.code == fouten.TE_GROOT
    assert "50 MB" in fout.meldingen[0]
    assert MAX_DOSSIER_BYTES == 50 * 1024 * 1024


class Nullen(io.RawIOBase):
    """A stream of 200 MB of spaces, made as it is read; counts what was read."""

    def __init__(self, grootte: int) -> None:
        self.over = grootte
        self.gelezen = 0

    def readable(self) -> bool:
        return True

    def read(self, n: int = -1) -> bytes:
        n = self.over if n < 0 else min(n, self.over)
        self.over -= n
        self.gelezen += n
        return b" " * n


def test_b7_stroom_van_200_mb_wordt_niet_verder_gelezen_dan_de_grens() -> None:
    stroom = Nullen(200 * 1024 * 1024)
    with pytest.raises(OsoGeweigerd) as fout:
        bytes_lezen(stroom, max_bytes=1024 * 1024)
    assert fout.value.code == fouten.TE_GROOT
    assert stroom.gelezen <= 1024 * 1024 + 1


def test_stroom_onder_de_grens_wordt_gelezen() -> None:
    xml = voorbeeld("po_opt_out")
    aanvraag = lees_dossier(io.BytesIO(xml), te_bewaren=set())
    assert aanvraag.leerling.roepnaam == "Daan"


@pytest.mark.parametrize("diepte", [41, 300, 100_000])
def test_b7_diep_genest_geweigerd(diepte: int) -> None:
    assert geweigerd(diep_genest(diepte)).code == fouten.TE_DIEP


def test_diepte_van_een_echt_dossier_past_ruim() -> None:
    xml_lezen(voorbeeld("vo_full"), max_diepte=20)


@pytest.mark.parametrize(
    "namespace",
    [
        "http://www.edustandaard.nl/oso_gegevensset/2017/dossier",
        "http://www.edustandaard.nl/oso_gegevensset/2099/dossier",
        "http://example.org/dossier",
    ],
)
def test_onbekende_namespace_geweigerd(namespace: str) -> None:
    fout = geweigerd(namespace_vervangen(voorbeeld("po_full"), namespace))
    assert fout.code == fouten.NAMESPACE_ONBEKEND
    assert "2019/dossier" in fout.meldingen[0]  # says which one Passend knows


def test_zonder_namespace_geweigerd() -> None:
    assert geweigerd(b"<dossier/>").code == fouten.NAMESPACE_ONBEKEND


def test_kapotte_xml_geweigerd_met_regelnummer_zonder_inhoud() -> None:
    fout = geweigerd(kapot(voorbeeld("po_full")))
    assert fout.code == fouten.XML_ONGELDIG
    assert "regel" in fout.meldingen[0]
    assert "Berg" not in str(fout) + " ".join(fout.details)


def test_geen_xml_geweigerd() -> None:
    assert geweigerd(b"%PDF-1.7 dit is geen xml").code == fouten.XML_ONGELDIG
    assert geweigerd(b"").code == fouten.XML_ONGELDIG


def test_ongedefinieerde_entiteit_zonder_dtd_is_ongeldige_xml() -> None:
    xml = voorbeeld("po_full").replace(b"<achternaam>Berg<", b"<achternaam>&lol;<", 1)
    assert geweigerd(xml).code == fouten.XML_ONGELDIG


def test_r6_dossier_met_een_bijlage_van_9_mb_wordt_gelezen() -> None:
    # One attachment is one base64 text node of 12 MB: over libxml2's default 10 MB limit.
    groot = os.urandom(9 * 1024 * 1024)
    xml = bijlage_vervangen(
        voorbeeld("po_full"), "groepsplan.txt", zip_van({"scan.pdf": groot}, compressie=0)
    )
    aanvraag = lees_dossier(xml, te_bewaren={"bijlagen"})
    (bijlage,) = [b for b in aanvraag.bijlagen if b.bestandsnaam == "groepsplan.txt"]
    assert bijlage.bestanden[0].inhoud == groot


def test_b7_gelijktijdig_lezen_in_draden_houdt_meldingen_gescheiden() -> None:
    goed = voorbeeld("po_opt_out")
    fout = tekst_vervangen(goed, "huidigeschool/brincode", "ABCD")

    def lezen(xml: bytes) -> str:
        try:
            lees_dossier(xml, te_bewaren=set())
        except OsoGeweigerd as weigering:
            return weigering.code
        return "ok"

    with ThreadPoolExecutor(max_workers=4) as uitvoerder:
        uitkomsten = list(uitvoerder.map(lezen, [goed, fout] * 8))
    assert uitkomsten == ["ok", fouten.SCHEMA_ONGELDIG] * 8

"""Minimised at the door (B7): only the kept blocks leave the reader; the dropped ones are
named for the school; no national identifier ever leaves it."""

from __future__ import annotations

import json

import pytest
from lxml import etree

from passend.koppelingen.oso import BLOKNAMEN, OsoGeweigerd, dossier_omzetten, lees_dossier
from passend.koppelingen.oso.veilig import xml_lezen
from passend.koppelingen.oso.voorbeelden import andere_leerling, met_bsn, met_element, voorbeeld

# Each name below occurs in the full PO sample only inside the block that is dropped.
ALLEEN_IN = {
    "Zwieten": "leerling",  # huisarts
    "Ruyter": "oudersverzorgers",  # a verzorger without e-mail address
    "NL51RABO0307495248": "oudersverzorgers",  # IBAN: never shown at all
    "Mevr. de Graaf": "toetsresultaten",
    "De Triangel": "vve",
    "Alfa Ziekenhuis": "onderwijsondersteuning",
    "Teveel zorggegevens": "ouderinzage",
    "smits@school.nl": "overstapadvies",
    "Geschiedenis": "cijferlijsten",
    "instroomklas": "schoolloopbaan",
}


def als_tekst(aanvraag) -> str:  # type: ignore[no-untyped-def]
    return json.dumps(aanvraag.als_json(), ensure_ascii=False)


def test_b7_ppo_bewaart_alleen_bijlagen() -> None:
    aanvraag = lees_dossier(voorbeeld("po_full"), te_bewaren={"bijlagen"})
    assert aanvraag.blokken == []
    assert set(aanvraag.weggelaten_blokken) == {
        "ouderinzage", "school", "leerling", "oudersverzorgers", "vve", "schoolloopbaan",
        "overstapadvies", "onderwijsondersteuning", "verzuim", "toetsresultaten",
        "handelingsplannen", "cijferlijsten", "bijlagedocs",
    }  # fmt: skip
    assert "Toetsresultaten" in aanvraag.weggelaten_bloktitels
    # Every attachment of the dossier, whatever its block, as files.
    namen = {b.bestandsnaam for b in aanvraag.bijlagen}
    assert {"opp.docx", "drem8.jpg", "groepsplan.txt", "verzuimrapport.txt"} <= namen
    tekst = als_tekst(aanvraag)
    for naam in ALLEEN_IN:
        assert naam not in tekst, naam
    # The basics needed to file the request are always there.
    assert aanvraag.leerling.roepnaam == "Daan"
    assert aanvraag.school.code == "00YY00"


def test_b7_niets_bewaren_laat_ook_de_bijlagen_weg() -> None:
    aanvraag = lees_dossier(voorbeeld("po_full"), te_bewaren=set())
    assert aanvraag.bijlagen == () and aanvraag.blokken == []
    assert aanvraag.bewaarde_blokken == ("metadata",)
    # R6 still answerable without keeping the block: whether a toelichting/OPP came along.
    assert aanvraag.heeft_opp and aanvraag.heeft_toelichting_onderwijsbehoeften


@pytest.mark.parametrize("blok", sorted(set(ALLEEN_IN.values())))
def test_b7_naam_uit_een_weggelaten_blok_komt_niet_in_de_uitvoer(blok: str) -> None:
    te_bewaren = set(BLOKNAMEN) - {blok, "bijlagen"}
    aanvraag = lees_dossier(voorbeeld("po_full"), te_bewaren=te_bewaren)
    assert blok in aanvraag.weggelaten_blokken
    tekst = als_tekst(aanvraag)
    for naam, waar in ALLEEN_IN.items():
        if waar == blok or naam.startswith("NL51"):
            assert naam not in tekst, naam


def test_b7_bewaard_blok_staat_in_de_uitvoer() -> None:
    aanvraag = lees_dossier(voorbeeld("po_full"), te_bewaren={"toetsresultaten", "vve"})
    assert [b["naam"] for b in aanvraag.blokken] == ["vve", "toetsresultaten"]
    tekst = als_tekst(aanvraag)
    assert "Mevr. de Graaf" not in tekst  # the table shows no employee names
    assert "Drempelonderzoek 678 2010 Technisch lezen" in tekst
    assert "De Triangel" in tekst
    assert "Zwieten" not in tekst


def test_andere_leerling_variant() -> None:
    from datetime import date

    xml = andere_leerling(
        voorbeeld("po_full"), roepnaam="Sanne", achternaam="Jansen", geboortedatum=date(2015, 6, 1)
    )
    aanvraag = lees_dossier(xml, te_bewaren=set())
    assert (aanvraag.leerling.roepnaam, aanvraag.leerling.achternaam) == ("Sanne", "Jansen")
    assert aanvraag.leerling.geboortedatum == date(2015, 6, 1)


def test_b7_bsn_en_onderwijsnummer_nooit_in_de_uitvoer() -> None:
    # The checks refuse them (see test_controles); the mapping drops them even unchecked.
    xml = met_element(met_bsn(voorbeeld("po_full"), "123456782"), "leerlingid", "LN1")
    root = xml_lezen(xml)
    aanvraag = dossier_omzetten(root, te_bewaren=frozenset(BLOKNAMEN))
    tekst = als_tekst(aanvraag)
    assert "123456782" not in tekst
    assert "bestandsinhoud" not in tekst and "UEsDB" not in tekst  # no attachment content
    assert etree.tostring(root).count(b"123456782") == 1  # it was there


def test_onbekende_bloknaam_is_een_programmeerfout() -> None:
    with pytest.raises(ValueError):
        lees_dossier(voorbeeld("po_full"), te_bewaren={"zorg"})


def test_weigering_draagt_geen_leerlinginhoud() -> None:
    xml = met_bsn(voorbeeld("po_full"), "123456782")
    with pytest.raises(OsoGeweigerd) as fout:
        lees_dossier(xml, te_bewaren=set())
    assert "123456782" not in str(fout.value) + " ".join(fout.value.details)

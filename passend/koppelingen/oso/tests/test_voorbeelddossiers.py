"""The four official sample dossiers read, checked and mapped (R6), with values from the files."""

from __future__ import annotations

import json
from datetime import date

import pytest

from passend.dossiers.models import Adres, Leerling
from passend.koppelingen.oso import BLOKNAMEN, OsoAanvraag, lees_dossier
from passend.koppelingen.oso.fouten import BIJLAGE_ZIP_ONGELDIG
from passend.koppelingen.oso.voorbeelden import VOORBEELDEN, voorbeeld

ALLES = BLOKNAMEN


def lezen(naam: str, te_bewaren: frozenset[str] | set[str] = ALLES) -> OsoAanvraag:
    return lees_dossier(voorbeeld(naam), te_bewaren=te_bewaren)


@pytest.mark.parametrize("naam", sorted(VOORBEELDEN))
def test_r6_elk_officieel_voorbeeld_wordt_gelezen(naam: str) -> None:
    aanvraag = lezen(naam)
    assert aanvraag.metadata.release == "2019"
    assert aanvraag.metadata.standaardversie == "2019.1"
    assert aanvraag.metadata.overdrachtsoort == "swv-dossier"
    assert aanvraag.metadata.overstap == ("POSWV" if naam.startswith("po") else "VOSWV")
    assert aanvraag.metadata.datum == date(2016, 1, 2)
    assert aanvraag.school.code == "00YY00"
    assert aanvraag.school.naam == "Testschool"
    assert aanvraag.leerling.achternaam == "Berg"
    assert aanvraag.leerling.geboortedatum == date(2003, 3, 17)
    json.dumps(aanvraag.als_json())  # JSON-able throughout


def test_r6_po_full_leerling_school_en_metadata() -> None:
    aanvraag = lezen("po_full")
    leerling = aanvraag.leerling
    assert leerling.roepnaam == "Daan"
    assert leerling.voornamen == ("Björn", "Johannes", "Martinus", "Franciscus")
    assert leerling.tussenvoegsel == "van de"
    assert leerling.geslacht == Leerling.Geslacht.MAN == 2
    assert leerling.adresgeheim is False
    # The verzorgers' e-mail addresses, without the one marked geheim.
    assert leerling.ouder_emailadressen == ("Berg@werk.nl",)
    eerste, post, gba = leerling.adressen
    assert (eerste.soort, eerste.oso_soort) == (Adres.Soort.WOONADRES, "bezoek")
    assert (eerste.straat, eerste.huisnummer, eerste.toevoeging) == ("Hoofdstraat", 136, "a")
    assert (eerste.postcode, eerste.plaats, eerste.land) == ("7311BA", "Apeldoorn", "Nederland")
    assert (post.soort, post.straat, post.plaats) == (
        Adres.Soort.POSTADRES,
        "Hoogstraat",
        "Abcoude",
    )
    assert gba.oso_soort == "gba"
    assert aanvraag.school.brin == "00YY"
    assert aanvraag.school.vestiging == "00"
    assert aanvraag.school.aanleverpunt == aanvraag.metadata.aanleverpunt == "1"
    assert aanvraag.metadata.pakketnaam == "LeerlingInZicht"
    assert aanvraag.metadata.categorieen["eindtoetsbo"] == "VERBODEN"
    assert aanvraag.metadata.categorieen["verzuim"] == "OPTIONEEL"


def test_r6_po_full_bijlagen_uitgepakt_en_opp_herkend() -> None:
    aanvraag = lezen("po_full")
    per_naam = {b.bestandsnaam: b for b in aanvraag.bijlagen}
    opp = per_naam["opp.docx"]
    assert opp.is_opp and opp.blok == "onderwijsondersteuning"
    (bestand,) = opp.bestanden
    assert bestand.bestandsnaam == "opp.docx"
    assert len(bestand.inhoud) == 25036 and bestand.inhoud.startswith(b"PK")
    drempel = per_naam["drem8.jpg"]
    assert drempel.blok == "toetsresultaten"
    assert drempel.bestanden[0].inhoud.startswith(b"\xff\xd8")
    assert per_naam["groepsplan.txt"].blok == "bijlagedocs"
    # The official samples carry a truncated ZIP for the Toelichting: reported, not refused.
    toelichting = per_naam["Toelichting.pdf"]
    assert toelichting.is_toelichting_onderwijsbehoeften
    assert toelichting.bestanden == ()
    assert toelichting.probleem_code == BIJLAGE_ZIP_ONGELDIG
    assert "toelichting_onderwijsbehoeften/document" in toelichting.probleem
    assert "Toelichting.pdf" in aanvraag.onleesbare_bijlagen
    assert aanvraag.heeft_toelichting_onderwijsbehoeften and aanvraag.heeft_opp
    assert not aanvraag.toelichting_ontbreekt


def test_r6_vo_full_bevat_eindtoets_en_vo_mbo() -> None:
    aanvraag = lezen("vo_full")
    assert {"eindtoetsbo", "vombo"} <= set(aanvraag.bewaarde_blokken)
    assert {"rvcrapport.xlsx", "cet_uitslag.png"} <= {b.bestandsnaam for b in aanvraag.bijlagen}


@pytest.mark.parametrize("naam", ["po_opt_out", "vo_opt_out"])
def test_b7_opt_out_voorbeeld_mist_de_uitgesloten_blokken(naam: str) -> None:
    aanvraag = lezen(naam)
    uitgesloten = {
        blok for blok, waarde in aanvraag.metadata.categorieen.items() if waarde == "OPT-UIT"
    }
    assert {"verzuim", "toetsresultaten", "vve", "ouderinzage"} & uitgesloten
    aanwezig = set(aanvraag.bewaarde_blokken) | set(aanvraag.weggelaten_blokken)
    assert not uitgesloten & aanwezig
    assert {b.blok for b in aanvraag.bijlagen}.isdisjoint(uitgesloten)
    tekst = json.dumps(aanvraag.als_json(), ensure_ascii=False)
    assert "Drempelonderzoek" not in tekst  # toetsresultaten
    assert "De Triangel" not in tekst  # VVE

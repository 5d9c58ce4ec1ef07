"""Attachments: base64 ZIP → files, within limits; hostile ZIPs refuse the dossier; the files
fit passend.bijlagen's checks (the handoff the intake will make)."""

from __future__ import annotations

import base64

import pytest

from passend.bijlagen.controles import bestand_controleren
from passend.bijlagen.controles.basis import BestandGeweigerd
from passend.koppelingen.oso import BLOKNAMEN, OsoAanvraag, OsoGeweigerd, fouten, lees_dossier
from passend.koppelingen.oso.uitpakken import (
    MAX_BESTANDEN_PER_ZIP,
    Onleesbaar,
    Teller,
    uitpakken,
)
from passend.koppelingen.oso.voorbeelden import (
    EICAR,
    bijlage_vervangen,
    met_toelichting,
    pdf_met_javascript,
    voorbeeld,
    zip_bom,
    zip_van,
    zip_versleuteld,
    zonder,
)


def met_groepsplan(zip_inhoud: bytes) -> bytes:
    return bijlage_vervangen(voorbeeld("po_full"), "groepsplan.txt", zip_inhoud)


def lezen(xml: bytes) -> OsoAanvraag:
    return lees_dossier(xml, te_bewaren=BLOKNAMEN)


def geweigerd(xml: bytes) -> OsoGeweigerd:
    with pytest.raises(OsoGeweigerd) as fout:
        lezen(xml)
    return fout.value


def groepsplan(aanvraag: OsoAanvraag):  # type: ignore[no-untyped-def]
    (bijlage,) = [b for b in aanvraag.bijlagen if b.bestandsnaam == "groepsplan.txt"]
    return bijlage


def test_zip_bom_geweigerd() -> None:
    fout = geweigerd(met_groepsplan(zip_bom(100)))
    assert fout.code == fouten.BIJLAGE_TE_GROOT
    assert "overigdocumentlijst/document[1]" in fout.meldingen[0]


def test_te_veel_bestanden_in_een_zip_geweigerd() -> None:
    bestanden = {f"deel{i}.txt": b"x" for i in range(MAX_BESTANDEN_PER_ZIP + 1)}
    assert geweigerd(met_groepsplan(zip_van(bestanden))).code == fouten.BIJLAGE_ZIP_ONGELDIG


@pytest.mark.parametrize("naam", ["../../etc/cron.d/x", "/etc/passwd", "C:\\Windows\\x.txt"])
def test_pad_in_de_zip_geweigerd(naam: str) -> None:
    assert geweigerd(met_groepsplan(zip_van({naam: b"x"}))).code == fouten.BIJLAGE_ZIP_ONGELDIG


def test_versleutelde_zip_geweigerd() -> None:
    assert geweigerd(met_groepsplan(zip_versleuteld())).code == fouten.BIJLAGE_ZIP_ONGELDIG


def test_mappen_in_de_zip_worden_weggelaten_uit_de_naam() -> None:
    bijlage = groepsplan(lezen(met_groepsplan(zip_van({"map/sub/plan.txt": b"plan"}))))
    assert [(b.bestandsnaam, b.inhoud) for b in bijlage.bestanden] == [("plan.txt", b"plan")]


def test_zip_in_zip_wordt_niet_uitgepakt() -> None:
    binnen = zip_van({"diep.txt": b"diep"})
    bijlage = groepsplan(lezen(met_groepsplan(zip_van({"binnen.zip": binnen}))))
    (bestand,) = bijlage.bestanden
    assert bestand.bestandsnaam == "binnen.zip" and bestand.inhoud == binnen


def test_beschadigde_bijlage_wordt_gemeld_niet_geweigerd() -> None:
    xml = voorbeeld("po_full").replace(
        b"UEsDBAoAAAAAAG1+WkgMsVk+FQAAABUAAAAOAAAAZ3JvZXBzcGxhbi50eHRk",
        b"!!geen-base64!!",
        1,
    )
    bijlage = groepsplan(lezen(xml))
    assert bijlage.bestanden == () and bijlage.probleem_code == fouten.BIJLAGE_ZIP_ONGELDIG
    assert "base64" in bijlage.probleem


def test_teller_per_dossier() -> None:
    teller = Teller(maximum=10)
    gepakt = base64.b64encode(zip_van({"a.txt": b"x" * 8})).decode()
    uitpakken(gepakt, plaats="a", teller=teller)
    with pytest.raises(OsoGeweigerd) as fout:
        uitpakken(gepakt, plaats="b", teller=teller)
    assert fout.value.code == fouten.BIJLAGE_TE_GROOT


def test_lege_zip_is_onleesbaar() -> None:
    with pytest.raises(Onleesbaar):
        uitpakken(base64.b64encode(zip_van({})).decode(), plaats="x", teller=Teller())


# --- the handoff to passend.bijlagen --------------------------------------------------------


def test_r6_uitgepakte_bestanden_gaan_door_de_bijlagencontroles() -> None:
    aanvraag = lezen(met_toelichting(voorbeeld("po_full")))
    per_naam = {b.bestandsnaam: b for b in aanvraag.bijlagen}
    for naam, soort in [("opp.docx", "docx"), ("drem8.jpg", "jpg"), ("Toelichting.pdf", "pdf")]:
        (bestand,) = per_naam[naam].bestanden
        with bestand.tijdelijk() as pad:
            gecontroleerd = bestand_controleren(
                pad, bestandsnaam=bestand.bestandsnaam, max_bytes=10 * 1024 * 1024
            )
        assert gecontroleerd.soort == soort
        assert not pad.exists()
    assert per_naam["Toelichting.pdf"].is_toelichting_onderwijsbehoeften


def test_pdf_met_javascript_in_een_bijlage_valt_af_bij_de_bijlagencontroles() -> None:
    xml = met_toelichting(voorbeeld("po_full"), pdf_met_javascript())
    (bijlage,) = [b for b in lezen(xml).bijlagen if b.is_toelichting_onderwijsbehoeften]
    (bestand,) = bijlage.bestanden
    with bestand.tijdelijk() as pad, pytest.raises(BestandGeweigerd):
        bestand_controleren(pad, bestandsnaam=bestand.bestandsnaam, max_bytes=10 * 1024 * 1024)


def test_eicar_komt_ongeschonden_door_voor_de_virusscanner() -> None:
    bijlage = groepsplan(lezen(met_groepsplan(zip_van({"eicar.txt": EICAR}))))
    assert bijlage.bestanden[0].inhoud == EICAR


def test_r6_toelichting_ontbreekt_zonder_toelichting_en_zonder_opp() -> None:
    zonder_beide = zonder(voorbeeld("po_full"), "toelichting_onderwijsbehoeften", "opp")
    aanvraag = lees_dossier(zonder_beide, te_bewaren=set())
    assert aanvraag.toelichting_ontbreekt
    alleen_opp = zonder(voorbeeld("po_full"), "toelichting_onderwijsbehoeften")
    aanvraag = lees_dossier(alleen_opp, te_bewaren=set())
    assert not aanvraag.toelichting_ontbreekt and aanvraag.heeft_opp

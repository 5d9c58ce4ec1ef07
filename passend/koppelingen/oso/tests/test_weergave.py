"""The kept blocks render as a readable page: headings, tables for toetsresultaten and
verzuim, dates dd-mm-jjjj, no raw XML and no attachment content."""

from __future__ import annotations

import json
import re

from django.template.loader import render_to_string

from passend.koppelingen.oso import BLOKNAMEN, lees_dossier
from passend.koppelingen.oso.voorbeelden import voorbeeld


def html_van(naam: str) -> str:
    aanvraag = lees_dossier(voorbeeld(naam), te_bewaren=BLOKNAMEN)
    # As the intake will store it: JSON, read back.
    blokken = json.loads(json.dumps(aanvraag.blokken))
    return render_to_string("koppelingen/oso_blokken.html", {"oso_blokken": blokken})


def test_volledig_voorbeeld_leesbaar() -> None:
    html = html_van("po_full")
    for titel in ["Toetsresultaten", "Verzuim", "Onderwijsondersteuning", "Schoolloopbaan",
                  "Ouders/verzorgers", "VVE", "Cijferlijsten", "Leerling", "School"]:  # fmt: skip
        assert f"<h3>{titel}</h3>" in html, titel
    # toetsresultaten: a table, a row per toets, dates dd-mm-jjjj
    toetsen = html[html.index("<h3>Toetsresultaten</h3>") :]
    toetsen = toetsen[: toetsen.index("</section>")]
    assert '<th scope="col">Afnamedatum</th>' in toetsen
    assert '<th scope="row">Drempelonderzoek 678 2010 Technisch lezen</th>' in toetsen
    assert "<td>10-04-2015</td>" in toetsen
    assert "AE D" in toetsen
    assert toetsen.count("<tr>") == 1 + 5  # header + the sample's five toetsen
    # verzuim: a table with Dutch labels
    verzuim = html[html.index("<h3>Verzuim</h3>") :]
    verzuim = verzuim[: verzuim.index("</section>")]
    assert '<th scope="row">Dagdelen geoorloofd verzuim (12 maanden)</th>' in verzuim
    assert "<td>12</td>" in verzuim
    assert "<td>ja</td>" in verzuim  # contactleerplicht true
    # sections with headings for repeated parts
    assert "<h4>Diagnose 1</h4>" in html and "<h4>Diagnose 2</h4>" in html
    assert "<dt>Geboortedatum</dt><dd>17-03-2003</dd>" in html
    # no raw XML, no ISO dates, no attachment content or bank numbers
    assert "<?xml" not in html and "<od:" not in html and "&lt;" not in html
    assert not re.search(r"\b\d{4}-\d{2}-\d{2}\b", html)
    assert "UEsDB" not in html and "NL51RABO" not in html
    assert "opp.docx — ontwikkelingsperspectiefplan" in html


def test_vo_voorbeeld_met_eindtoets_en_vo_mbo() -> None:
    html = html_van("vo_full")
    assert "<h3>Eindtoets basisonderwijs</h3>" in html
    assert "<h3>VO-MBO</h3>" in html


def test_geen_blokken() -> None:
    html = render_to_string("koppelingen/oso_blokken.html", {"oso_blokken": []})
    assert "geen gegevensblokken bewaard" in html

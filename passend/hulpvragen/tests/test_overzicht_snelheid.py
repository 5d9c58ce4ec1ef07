"""What the overview's speed-ups must not change: the filter selects' HTML, and on PostgreSQL
the index and statistics the plans rely on (bench/README.md)."""

import re
from typing import cast

import pytest
from django import forms
from django.db import connection
from django.http import QueryDict

from passend.hulpvragen.forms import HulpvraagZoekForm
from passend.hulpvragen.selectors import hulpvragen_zoeken


def _zonder_opmaak(html: str) -> tuple[set[str], str]:
    """The select's attributes (in any order) and its options, without whitespace."""
    html = re.sub(r">\s+<", "><", html).strip()
    kop, _, opties = html.partition(">")
    return set(re.findall(r'[\w-]+="[^"]*"', kop)), opties


@pytest.mark.parametrize("wie", ["scp", "ib_regenboog"])
def test_filter_selects_render_as_djangos_select_would(omgeving, wie):
    """Chosen option, id, aria-invalid and aria-describedby as Django's own Select renders."""
    gebruiker = getattr(omgeving, wie)
    data = QueryDict(f"school={omgeving.regenboog.pk}&regio=abc")
    form = HulpvraagZoekForm(data, gebruiker=gebruiker)
    assert not form.is_valid()
    for veld in ("school", "regio", "titel", "coordinator", "label"):
        snel = str(form[veld])
        keuzes = cast(forms.Select, form.fields[veld].widget).choices
        django_select = form[veld].as_widget(widget=forms.Select(choices=keuzes))
        assert _zonder_opmaak(snel) == _zonder_opmaak(django_select), veld
    gekozen = f'<option value="{omgeving.regenboog.pk}" selected>De Regenboog (12AB00)</option>'
    assert gekozen in str(form["school"])
    assert 'aria-invalid="true"' in str(form["regio"])


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL only")
def test_postgresql_has_the_name_index_per_swv_and_the_swv_status_statistics(db):
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexdef FROM pg_indexes WHERE indexname = 'leerling_swv_zoeknaam_trgm'"
        )
        (indexdef,) = cursor.fetchone()
        cursor.execute(
            "SELECT stxkind FROM pg_statistic_ext WHERE stxname = 'hulpvraag_swv_status_stat'"
        )
        (soorten,) = cursor.fetchone()
    assert "gin (swv_id, zoeknaam gin_trgm_ops)" in indexdef
    assert "f" in soorten  # functional dependencies


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL only")
@pytest.mark.parametrize("wie", ["scp", "ib_regenboog"])
def test_name_search_names_the_swv_as_the_name_index_compares_it(omgeving, wie):
    """The index is gin (swv_id, zoeknaam), and btree_gin compares bigint only with bigint: a
    plain integer leaves the index to the name alone, which reads every match in the country
    (at 1 million hulpvragen 18,133 instead of 176; bench/README.md). An empty test database
    plans differently, so this checks the comparison the index needs, not a plan."""
    zoeken = hulpvragen_zoeken(getattr(omgeving, wie), naam="bakk")
    sql, _params = zoeken.query.sql_with_params()
    assert re.search(r'U0\."swv_id" = \(%s\)::bigint AND U0\."zoeknaam"', sql), sql


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL only")
def test_name_search_finds_the_pupils_first_then_their_hulpvragen(omgeving):
    """The pupils a name finds (a few hundred at most in an SWV of 10,000) go in as an array:
    joined, PostgreSQL reads all of the SWV's hulpvragen to match them (bench/README.md,
    issue 20 item 2)."""
    zoeken = hulpvragen_zoeken(omgeving.scp, naam="bakk")
    sql, _params = zoeken.query.sql_with_params()
    assert '"hulpvragen_hulpvraag"."leerling_id" = ANY(ARRAY(SELECT U0."id"' in sql, sql


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL only")
def test_school_conditions_are_an_array_lookup_not_a_join(omgeving):
    """An IB'er's visibility and the school filter read the schools' schoolgegevens as an array
    first: joined, PostgreSQL guesses a school has two of the SWV's hulpvragen and reads all
    10,000 of them to find its 261 (bench/README.md)."""
    zoeken = hulpvragen_zoeken(omgeving.ib_regenboog, school=omgeving.regenboog.pk)
    sql, _params = zoeken.query.sql_with_params()
    assert sql.count('"hulpvragen_hulpvraag"."schoolgegevens_id" = ANY(ARRAY(SELECT') == 2, sql
    assert "ORDER BY" not in sql.split("ANY(ARRAY(", 1)[1].split(")))", 1)[0]

"""Samenwerkingsverband, Regio, Bestuur and School, with Dutch validation messages."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from passend.organisaties.models import Bestuur, Samenwerkingsverband, School
from passend.organisaties.selectors import samenwerkingsverbanden_zoeken
from passend.organisaties.tests.factories import (
    BestuurFactory,
    RegioFactory,
    SamenwerkingsverbandFactory,
    SchoolFactory,
)

pytestmark = pytest.mark.django_db


def fouten(model) -> dict[str, list[str]]:  # type: ignore[no-untyped-def]
    with translation.override("nl"), pytest.raises(ValidationError) as uitzondering:
        model.full_clean()
    return uitzondering.value.message_dict


def test_swv_code_is_normalised_and_checked():
    swv = Samenwerkingsverband(code=" po2806 ", naam="PPO Rotterdam")
    swv.full_clean()
    assert swv.code == "PO2806"
    assert (
        "PO of VO en vier cijfers" in fouten(Samenwerkingsverband(code="PPO", naam="x"))["code"][0]
    )


def school_bouwen(swv: Samenwerkingsverband, **velden: str) -> School:
    """An unsaved school with its own bestuur and regio, to validate."""
    return SchoolFactory.build(
        swv=swv,
        bestuur=BestuurFactory.create(swv=swv),
        regio=RegioFactory.create(swv=swv),
        **velden,
    )


@pytest.mark.parametrize("code", ["12AB00", "12ab00", " 12 AB 00 "])
def test_school_code_is_brin_plus_vestiging(ppo, code):
    school = school_bouwen(ppo, code=code)
    school.full_clean()
    assert school.code == "12AB00"
    assert (school.brin, school.vestiging) == ("12AB", "00")


@pytest.mark.parametrize("code", ["12AB0", "AB1200", "12ABC0", "12AB001"])
def test_school_code_refuses_what_is_not_brin_plus_vestiging(ppo, code):
    school = school_bouwen(ppo, code=code)
    melding = " ".join(fouten(school)["code"])
    assert "BRIN" in melding or "tekens" in melding


def test_school_code_unique_within_swv_but_not_across(ppo, school):
    dubbel = SchoolFactory.build(swv=ppo, code="12AB00", bestuur=school.bestuur, regio=school.regio)
    assert "al een school met deze BRIN" in fouten(dubbel)["__all__"][0]
    ander = SamenwerkingsverbandFactory.create()
    SchoolFactory.create(swv=ander, code="12AB00")  # an external school may be known at two SWVs


def test_school_bestuur_and_regio_belong_to_the_same_swv(ppo):
    ander = SamenwerkingsverbandFactory.create()
    school = SchoolFactory.build(
        swv=ppo,
        code="12AB00",
        bestuur=BestuurFactory.create(swv=ander),
        regio=RegioFactory.create(swv=ander),
    )
    melding = fouten(school)
    assert "hetzelfde samenwerkingsverband" in melding["bestuur"][0]
    assert "hetzelfde samenwerkingsverband" in melding["regio"][0]


def test_r8_external_school_needs_no_regio_but_an_aangesloten_school_does(ppo):
    bestuur = BestuurFactory.create(swv=ppo)
    extern = School(swv=ppo, naam="Anders Leren", code="09BA00", bestuur=bestuur, aangesloten=False)
    extern.full_clean()
    aangesloten = School(swv=ppo, naam="De Singel", code="34EF00", bestuur=bestuur)
    assert "hoort bij een regio" in fouten(aangesloten)["regio"][0]


def test_school_postcode_is_normalised(ppo):
    school = school_bouwen(ppo, code="12AB00", postcode="3085ea")
    school.full_clean()
    assert school.postcode == "3085 EA"
    school.postcode = "308 EA"
    assert "vier cijfers" in fouten(school)["postcode"][0]


def test_bestuur_verwerkersovereenkomst_needs_a_date_not_in_the_future(ppo):
    bestuur = Bestuur(
        swv=ppo, naam="Stichting Kindwijs", nummer="41234", verwerkersovereenkomst=True
    )
    assert "datum" in fouten(bestuur)["verwerkersovereenkomst_datum"][0]
    bestuur.verwerkersovereenkomst_datum = date.today() + timedelta(days=3)
    assert "toekomst" in fouten(bestuur)["verwerkersovereenkomst_datum"][0]
    bestuur.verwerkersovereenkomst_datum = date(2024, 9, 1)
    bestuur.full_clean()
    zonder_vinkje = Bestuur(
        swv=ppo, naam="X", nummer="41235", verwerkersovereenkomst_datum=date(2024, 9, 1)
    )
    assert "vink aan" in fouten(zonder_vinkje)["verwerkersovereenkomst"][0]


def test_bestuursnummer_is_five_digits(ppo):
    assert "vijf cijfers" in fouten(Bestuur(swv=ppo, naam="X", nummer="4123"))["nummer"][0]


def test_r12_organisation_search_by_code_name_or_label(ppo):
    SamenwerkingsverbandFactory.create(code="PO9999", naam="SWV Voorbeeldstad")
    assert samenwerkingsverbanden_zoeken("PPO") == [ppo]
    assert samenwerkingsverbanden_zoeken("  po2806 ") == [ppo]
    assert samenwerkingsverbanden_zoeken("PO2806 PPO Rotterdam") == [ppo]
    assert samenwerkingsverbanden_zoeken("rotter") == [ppo]
    assert len(samenwerkingsverbanden_zoeken("PO")) == 2
    assert samenwerkingsverbanden_zoeken("Amsterdam") == []
    assert samenwerkingsverbanden_zoeken("") == []

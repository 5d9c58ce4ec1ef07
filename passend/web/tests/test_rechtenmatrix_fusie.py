"""The role x object x action matrix for merging schools (issue 16 item 4; R45).

1. "Samenvoegen" in SWV-beheer, read (the page) and write (the merge): only the beheerder of
   the school's own SWV. "eigen" merges De Regenboog into Het Kompas, "ander" the school of
   PO9999's iverhoef into another PO9999 school.
2. Who sees De Regenboog's hulpvragen once De Regenboog went up in Het Kompas, on every read
   path of test_rechtenmatrix.py: Het Kompas's IB'er gains exactly what De Regenboog's IB'er
   has, from the merge day on and not before; nobody else gains or loses anything, and the
   other SWV never sees them.
"""

from datetime import timedelta
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from passend.audit.models import Beheerhandeling
from passend.organisaties.models import School
from passend.organisaties.tests.factories import SchoolFactory
from passend.swvbeheer.services import school_samenvoegen
from passend.web.tests.test_rechtenmatrix import (
    LEESPADEN,
    OBJECTEN,
    ROLLEN,
    ZIET,
    Matrix,
    Tabel,
    gezien,
)
from passend.web.tests.test_rechtenmatrix import (
    _bijlagen_in_tijdelijke_map as _bijlagen_in_tijdelijke_map,
)
from passend.web.tests.test_rechtenmatrix import matrix as matrix

SCHOLEN = ("eigen", "ander")

# + 200 (the page) or 302 and the merge made (a write); - 404 and nothing changed.
# fmt: off
SAMENVOEGEN: Tabel = {
    #                       pagina samenvoegen
    **{rol: ("--", "--") for rol in ROLLEN},
    "beheerder":           ("+-",  "+-"),
    "beheerder_ander_swv": ("-+",  "-+"),
}
# fmt: on


def _scholen(m: Matrix, object: str) -> tuple[School, School]:
    """The school that goes up (A) and the one it goes up in (B)."""
    if object == "eigen":
        return m.regenboog, m.kompas
    a = m.accounts["ib_ander_swv"].scholen.get()
    b = SchoolFactory.create(swv=a.swv, naam="Elders Samen", code="78YZ00", regio=None)
    return a, b


def _cellen(tabel: Tabel, acties: tuple[str, ...]) -> list[Any]:
    return [
        pytest.param(actie, rol, object, tabel[rol][kolom][index], id=f"{rol}-{object}-{actie}")
        for kolom, actie in enumerate(acties)
        for rol in ROLLEN
        for index, object in enumerate(SCHOLEN)
    ]


@pytest.mark.django_db
@pytest.mark.parametrize("actie, rol, object, teken", _cellen(SAMENVOEGEN, ("pagina", "samen")))
def test_r45_merge_only_by_the_own_swvs_beheerder(
    matrix: Matrix, actie: str, rol: str, object: str, teken: str
) -> None:
    a, b = _scholen(matrix, object)
    url = reverse("swvbeheer:school_samenvoegen", args=[a.pk])
    log_voor = Beheerhandeling.objects.count()
    client = matrix.clients[rol]
    if actie == "pagina":
        antwoord = client.get(url)
        assert antwoord.status_code == (200 if teken == "+" else 404)
        if teken == "+":
            assert f"Samenvoegen: {a.naam}" in antwoord.content.decode()
        return
    antwoord = client.post(url, {"in_school": b.pk, "op": f"{timezone.localdate():%d-%m-%Y}"})
    veranderd = School.objects.get(pk=a.pk).opgegaan_in_id == b.pk
    if teken == "+":
        assert antwoord.status_code == 302, antwoord.content.decode()[-2000:]
        assert veranderd and Beheerhandeling.objects.count() > log_voor
    else:
        assert antwoord.status_code == 404
        assert not veranderd and Beheerhandeling.objects.count() == log_voor


# After the merge day Het Kompas's IB'er sees what De Regenboog's IB'er sees; before it,
# nothing. Every other role keeps its row of test_rechtenmatrix.py.
VANAF: Tabel = {**ZIET, "ib_kompas": ZIET["ib"]}
VOOR: Tabel = {**ZIET, "ib_kompas": ("--",) * len(LEESPADEN)}


def _leescellen(tabel: Tabel) -> list[Any]:
    return [
        pytest.param(rol, object, pad, tabel[rol][kolom][index], id=f"{rol}-{object}-{pad}")
        for kolom, pad in enumerate(LEESPADEN)
        for rol in ROLLEN
        for index, object in enumerate(OBJECTEN)
    ]


def _regenboog_in_kompas(m: Matrix, *, over_dagen: int) -> None:
    school_samenvoegen(
        door=m.accounts["beheerder"],
        school=m.regenboog,
        in_school=m.kompas,
        op=timezone.localdate() + timedelta(days=over_dagen),
    )


@pytest.mark.django_db
@pytest.mark.parametrize("rol, object, pad, teken", _leescellen(VANAF))
def test_r45_from_the_merge_day_the_receiving_schools_staff_see_the_merged_schools_objects(
    matrix: Matrix, rol: str, object: str, pad: str, teken: str
) -> None:
    _regenboog_in_kompas(matrix, over_dagen=0)
    assert gezien(matrix, rol, object, pad) is (teken == "+")


@pytest.mark.django_db
@pytest.mark.parametrize("rol, object, pad, teken", _leescellen(VOOR))
def test_r45_before_the_merge_day_nothing_changes_for_anyone(
    matrix: Matrix, rol: str, object: str, pad: str, teken: str
) -> None:
    _regenboog_in_kompas(matrix, over_dagen=1)
    assert gezien(matrix, rol, object, pad) is (teken == "+")

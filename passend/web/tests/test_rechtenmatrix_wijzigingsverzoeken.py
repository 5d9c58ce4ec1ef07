"""The role x object x action matrix for wijzigingsverzoeken (R44): every role of
test_rechtenmatrix.py, both SWVs, every URL, reads and writes.

Objects: "eigen" is a request De Regenboog's IB'er (iverhoef) filed at PPO Rotterdam, "ander" a
request PO9999's IB'er filed for its own school. The school side (list, detail, new) is for a
school's IB'ers and directeur, their own schools' requests only; the SWV side (list, detail,
afhandelen) for the application administrator of the request's own SWV. Anyone else gets a 404
and nothing changes (no request, no beheerlog row).
"""

from typing import Any

import pytest
from django.urls import reverse

from passend.audit.models import Beheerhandeling
from passend.swvbeheer.models import Wijzigingsverzoek
from passend.swvbeheer.services import wijzigingsverzoek_indienen
from passend.web.tests.test_rechtenmatrix import ROLLEN, Matrix, Tabel
from passend.web.tests.test_rechtenmatrix import (
    _bijlagen_in_tijdelijke_map as _bijlagen_in_tijdelijke_map,
)
from passend.web.tests.test_rechtenmatrix import matrix as matrix

OBJECTEN = ("eigen", "ander")
INDIENER = {"eigen": "ib", "ander": "ib_ander_swv"}

# Signs as in test_rechtenmatrix.py, one per object (eigen, ander): + 200 (a read; in a list:
# the request is shown) or 302 and the change made (a write); - 404, or not in the list, and
# nothing changed; x the form is open to the user but not for this school (200, nothing filed).
# fmt: off
_GEEN = ("--",) * 5
_SCHOOL = ("+-", "+-", "++", "--", "--")
LEZEN: Tabel = {
    #                       school school nieuw beheer beheer
    #                       lijst  detail       lijst  detail
    **{rol: _GEEN for rol in ROLLEN},
    "ib":                  _SCHOOL,
    "directeur":           _SCHOOL,
    "ib_kompas":           ("--",  "--",  "++", "--",  "--"),
    "ib_ander_swv":        ("-+",  "-+",  "++", "--",  "--"),
    "beheerder":           ("--",  "--",  "--", "+-",  "+-"),
    "beheerder_ander_swv": ("--",  "--",  "--", "-+",  "-+"),
}
SCHRIJVEN: Tabel = {
    #                       indie- afhan-
    #                       nen    delen
    **{rol: ("--", "--") for rol in ROLLEN},
    "ib":                  ("+x",  "--"),
    "directeur":           ("+x",  "--"),
    "ib_kompas":           ("xx",  "--"),
    "ib_ander_swv":        ("x+",  "--"),
    "beheerder":           ("--",  "+-"),
    "beheerder_ander_swv": ("--",  "-+"),
}
# fmt: on
LEESACTIES = ("school_lijst", "school_detail", "nieuw", "beheer_lijst", "beheer_detail")
SCHRIJFACTIES = ("indienen", "afhandelen")


def _school(m: Matrix, object: str) -> Any:
    return m.regenboog if object == "eigen" else m.accounts["ib_ander_swv"].scholen.get()


def _verzoeken(m: Matrix) -> dict[str, Wijzigingsverzoek]:
    return {
        object: wijzigingsverzoek_indienen(
            door=m.accounts[INDIENER[object]],
            school=_school(m, object),
            soort="schoolgegevens",
            omschrijving=f"Nieuwe naam ({object}).",
        )
        for object in OBJECTEN
    }


def _url(actie: str, verzoek: Wijzigingsverzoek) -> str:
    return {
        "school_lijst": reverse("wijzigingsverzoeken:lijst"),
        "school_detail": reverse("wijzigingsverzoeken:verzoek", args=[verzoek.pk]),
        "nieuw": reverse("wijzigingsverzoeken:nieuw"),
        "beheer_lijst": reverse("swvbeheer:wijzigingsverzoeken"),
        "beheer_detail": reverse("swvbeheer:wijzigingsverzoek", args=[verzoek.pk]),
        "afhandelen": reverse("swvbeheer:wijzigingsverzoek", args=[verzoek.pk]),
        "indienen": reverse("wijzigingsverzoeken:nieuw"),
    }[actie]


def cellen(tabel: Tabel, acties: tuple[str, ...]) -> list[Any]:
    return [
        pytest.param(actie, rol, object, tabel[rol][kolom][index], id=f"{rol}-{object}-{actie}")
        for kolom, actie in enumerate(acties)
        for rol in ROLLEN
        for index, object in enumerate(OBJECTEN)
    ]


@pytest.mark.django_db
@pytest.mark.parametrize("actie, rol, object, teken", cellen(LEZEN, LEESACTIES))
def test_r44_wijzigingsverzoeken_seen_by_the_own_school_and_the_own_swvs_beheerder(
    matrix: Matrix, actie: str, rol: str, object: str, teken: str
) -> None:
    verzoek = _verzoeken(matrix)[object]
    antwoord = matrix.clients[rol].get(_url(actie, verzoek))
    if actie in ("school_lijst", "beheer_lijst"):
        gezien = antwoord.status_code == 200 and verzoek.referentie in antwoord.content.decode()
        assert gezien == (teken == "+")
        return
    assert antwoord.status_code == (200 if teken == "+" else 404)


@pytest.mark.django_db
@pytest.mark.parametrize("actie, rol, object, teken", cellen(SCHRIJVEN, SCHRIJFACTIES))
def test_r44_wijzigingsverzoeken_filed_by_the_school_handled_by_the_own_swvs_beheerder(
    matrix: Matrix, actie: str, rol: str, object: str, teken: str
) -> None:
    verzoeken = _verzoeken(matrix)
    client = matrix.clients[rol]
    log_voor = Beheerhandeling.objects.count()
    if actie == "indienen":
        school = _school(matrix, object)
        voor = Wijzigingsverzoek.objects.filter(school=school).count()
        antwoord = client.post(
            _url(actie, verzoeken[object]),
            {"soort": "schoolgegevens", "school": school.pk, "omschrijving": "Nieuw adres."},
        )
        veranderd = Wijzigingsverzoek.objects.filter(school=school).count() > voor
    else:
        verzoek = verzoeken[object]
        antwoord = client.post(_url(actie, verzoek), {"notitie": "Naam gewijzigd."})
        veranderd = Wijzigingsverzoek.objects.get(pk=verzoek.pk).stand == "afgehandeld"
    if teken == "+":
        assert antwoord.status_code == 302, antwoord.content.decode()[-2000:]
        assert veranderd and Beheerhandeling.objects.count() > log_voor
    elif teken == "x":
        assert antwoord.status_code == 200
        assert not veranderd and Beheerhandeling.objects.count() == log_voor
    else:
        assert antwoord.status_code == 404
        assert not veranderd and Beheerhandeling.objects.count() == log_voor

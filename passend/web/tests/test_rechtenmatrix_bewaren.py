"""The role x object x action matrix for retention's screens (B9, issue 17 item 2): every role
of test_rechtenmatrix.py (ouder included), both SWVs, every URL, reads and writes.

Objects: "eigen" is PPO Rotterdam's pupil Jan van Boven (the matrix's zichtbaar object), "ander"
a pupil of SWV PO9999. Pages without an object (the terms, the dry run, the list of holds)
answer per role and act on the user's own SWV. A school user, an SWV user without the beheer
role, a parent, an external participant and the beheerder of another SWV get a 404 and nothing
changes (no beheerlog row).
"""

from datetime import date
from typing import Any

import pytest
from django.urls import reverse

from passend.audit.models import Beheerhandeling
from passend.bewaren.models import Bewaarplicht, Bewaartermijn, Proefronde
from passend.bewaren.selectors import verlopen
from passend.dossiers.models import Leerling
from passend.web.tests.test_rechtenmatrix import ROLLEN, Matrix, Tabel
from passend.web.tests.test_rechtenmatrix import (
    _bijlagen_in_tijdelijke_map as _bijlagen_in_tijdelijke_map,
)
from passend.web.tests.test_rechtenmatrix import matrix as matrix

OBJECTEN = ("eigen", "ander")
BEHEERDERS = ("beheerder", "beheerder_ander_swv")

# Signs as in test_rechtenmatrix.py, one per object (eigen, ander): + 200 (a read) or 302 and
# the change made (a write); - 404 and nothing changed.
# fmt: off
_GEEN = ("--",) * 4
LEZEN: Tabel = {
    #                       termij- proef-  bewaar-   bewaar-
    #                       nen     ronde   plichten  plicht
    **{rol: _GEEN for rol in ROLLEN},
    "beheerder":           ("++",   "++",   "++",     "+-"),
    "beheerder_ander_swv": ("++",   "++",   "++",     "-+"),
}
SCHRIJVEN: Tabel = {
    #                       termij- proef-  bewaar-   bewaarplicht
    #                       nen     ronde   plicht    opheffen
    **{rol: _GEEN for rol in ROLLEN},
    "beheerder":           ("++",   "++",   "+-",     "+-"),
    "beheerder_ander_swv": ("++",   "++",   "-+",     "-+"),
}
# fmt: on
LEESACTIES = ("termijnen", "proefronde", "bewaarplichten", "bewaarplicht")
SCHRIJFACTIES = ("termijnen", "proefronde", "bewaarplicht", "opheffen")
URL_NAAM = {
    "termijnen": "bewaren:index",
    "proefronde": "bewaren:proefronde",
    "bewaarplichten": "bewaren:bewaarplichten",
    "bewaarplicht": "bewaren:bewaarplicht",
    "opheffen": "bewaren:bewaarplicht_opheffen",
}


def _leerling(m: Matrix, object: str) -> Leerling:
    if object == "eigen":
        return m.hulpvraag("zichtbaar").leerling
    return Leerling.objects.create(
        swv=m.ander_swv, roepnaam="Anna", achternaam="Elders", geboortedatum=date(2016, 1, 1)
    )


def _url(actie: str, leerling: Leerling) -> str:
    if actie in ("bewaarplicht", "opheffen"):
        return reverse(URL_NAAM[actie], args=[leerling.pk])
    return reverse(URL_NAAM[actie])


def cellen(tabel: Tabel, acties: tuple[str, ...]) -> list[Any]:
    return [
        pytest.param(actie, rol, object, tabel[rol][kolom][index], id=f"{rol}-{object}-{actie}")
        for kolom, actie in enumerate(acties)
        for rol in ROLLEN
        for index, object in enumerate(OBJECTEN)
    ]


@pytest.mark.django_db
@pytest.mark.parametrize("actie, rol, object, teken", cellen(LEZEN, LEESACTIES))
def test_b9_retention_pages_only_for_the_own_swvs_beheerder(
    matrix: Matrix, actie: str, rol: str, object: str, teken: str
) -> None:
    leerling = _leerling(matrix, object)
    antwoord = matrix.clients[rol].get(_url(actie, leerling))
    assert antwoord.status_code == (200 if teken == "+" else 404)
    if actie == "bewaarplicht" and teken == "+":
        assert leerling.achternaam in antwoord.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("actie, rol, object, teken", cellen(SCHRIJVEN, SCHRIJFACTIES))
def test_b9_retention_changes_only_by_the_own_swvs_beheerder(
    matrix: Matrix, actie: str, rol: str, object: str, teken: str
) -> None:
    leerling = _leerling(matrix, object)
    door = matrix.accounts[rol]
    client = matrix.clients[rol]
    if actie == "opheffen":
        Bewaarplicht.objects.create(
            leerling=leerling,
            reden="Bezwaar",
            gezet_door=matrix.accounts[BEHEERDERS[OBJECTEN.index(object)]],
        )
    log_voor = Beheerhandeling.objects.count()
    if actie == "termijnen":
        gegevens = {
            f"{soort}_{veld}": waarde
            for soort in ("nooit_ingediend", "afgesloten", "tlv_besluit", "inzagelog")
            for veld, waarde in (("aantal", "2"), ("eenheid", "jaren"))
        }
        antwoord = client.post(_url(actie, leerling), gegevens)
        veranderd = Bewaartermijn.objects.filter(
            swv=door.swv, soort="nooit_ingediend", aantal=2
        ).exists()
    elif actie == "proefronde":
        vingerafdruk = verlopen(door.swv).vingerafdruk
        antwoord = client.post(_url(actie, leerling), {"vingerafdruk": vingerafdruk})
        veranderd = Proefronde.objects.filter(swv=door.swv).exists()
    elif actie == "bewaarplicht":
        antwoord = client.post(_url(actie, leerling), {"reden": "Lopende bezwaarprocedure"})
        veranderd = Bewaarplicht.objects.filter(leerling=leerling).exists()
    else:
        antwoord = client.post(_url(actie, leerling))
        veranderd = not Bewaarplicht.objects.filter(leerling=leerling).exists()
    if teken == "+":
        assert antwoord.status_code == 302, antwoord.content.decode()[-2000:]
        assert veranderd
        assert Beheerhandeling.objects.count() > log_voor
    else:
        assert antwoord.status_code == 404
        assert not veranderd
        assert Beheerhandeling.objects.count() == log_voor

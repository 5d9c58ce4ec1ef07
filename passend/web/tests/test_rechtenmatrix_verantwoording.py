"""The role x object x action matrix for the audit viewer (issue 17 item 1; B8, P2): every role
of test_rechtenmatrix.py plus the privacy officer of each SWV, both SWVs, every URL, reads and
writes.

Objects: "eigen" is the log of PPO Rotterdam's pupil of the matrix object "zichtbaar" (and,
for the login events, kbakker's login at PPO); "ander" the log of a pupil of SWV PO9999 (and
the login of that SWV's privacy officer "avgvoorbeeld"). Only the privacy officer and the
application administrator of the object's own SWV see it; everyone else gets a 404 or, in their
own SWV's viewer, no row of it. The viewer has no writes: a POST changes nothing and writes no
log row. The privacy officer opens none of the hulpvragen, dossiers or attachments themselves
(the main matrix's read paths).
"""

from collections.abc import Iterator
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from pytest_django import DjangoDbBlocker

from passend.accounts.tests.factories import account_maken, inloggen
from passend.audit.models import Aanmelding, Inzage
from passend.hulpvragen.tests.factories import leerling_op_school
from passend.web.tests.test_rechtenmatrix import LEESPADEN, ROLLEN, Matrix, Tabel, gezien
from passend.web.tests.test_rechtenmatrix import (
    _bijlagen_in_tijdelijke_map as _bijlagen_in_tijdelijke_map,
)
from passend.web.tests.test_rechtenmatrix import matrix as matrix

ALLE_ROLLEN = (*ROLLEN, "privacyfunctionaris", "privacy_ander_swv")
OBJECTEN = ("eigen", "ander")

# Signs as in test_rechtenmatrix.py, one per object (eigen, ander): + the page shows the
# object's rows (200); - a 404, or the role's own SWV's page without a row of it.
# fmt: off
_GEEN = ("--",) * 4
LEZEN: Tabel = {
    #                       lijst tijd- export aanmel-
    #                             lijn         dingen
    **{rol: _GEEN for rol in ALLE_ROLLEN},
    "beheerder":           ("+-", "+-", "+-",  "+-"),
    "beheerder_ander_swv": ("-+", "-+", "-+",  "-+"),
    "privacyfunctionaris": ("+-", "+-", "+-",  "+-"),
    "privacy_ander_swv":   ("-+", "-+", "-+",  "-+"),
}
# fmt: on
LEESACTIES = ("lijst", "tijdlijn", "export", "aanmeldingen")
BEVOEGD = {"beheerder", "beheerder_ander_swv", "privacyfunctionaris", "privacy_ander_swv"}
AANMELDER = {"eigen": "kbakker", "ander": "avgvoorbeeld"}


@pytest.fixture(scope="module")
def verantwoording(matrix: Matrix, django_db_blocker: DjangoDbBlocker) -> Iterator[dict[str, int]]:
    """The privacy officers and a pupil of PO9999 with a log, inside the matrix's transaction
    (rolled back with it). Yields each object's pupil id."""
    with django_db_blocker.unblock():
        matrix.accounts["privacyfunctionaris"] = account_maken(
            matrix.ppo, "privacy", rol="privacyfunctionaris"
        )
        matrix.accounts["privacy_ander_swv"] = account_maken(
            matrix.ander_swv, "avgvoorbeeld", rol="privacyfunctionaris"
        )
        for rol in ("privacyfunctionaris", "privacy_ander_swv"):
            matrix.clients[rol] = Client()
            inloggen(matrix.clients[rol], matrix.accounts[rol])
        ib_ander = matrix.accounts["ib_ander_swv"]
        ander, _schoolgegevens = leerling_op_school(ib_ander, ib_ander.scholen.get())
    yield {"eigen": matrix.objecten["zichtbaar"].leerling_id, "ander": ander.pk}


def cellen(tabel: Tabel, acties: tuple[str, ...]) -> list[Any]:
    return [
        pytest.param(actie, rol, object, tabel[rol][kolom][index], id=f"{rol}-{object}-{actie}")
        for kolom, actie in enumerate(acties)
        for rol in ALLE_ROLLEN
        for index, object in enumerate(OBJECTEN)
    ]


def _gezien(m: Matrix, leerlingen: dict[str, int], actie: str, rol: str, object: str) -> bool:
    client = m.clients[rol]
    leerling_id = leerlingen[object]
    if actie == "tijdlijn":
        antwoord = client.get(reverse("verantwoording:leerling", args=[leerling_id]))
        assert antwoord.status_code in (200, 404)
        return (
            antwoord.status_code == 200 and "Wie zag of wijzigde wat" in antwoord.content.decode()
        )
    url, params = {
        "lijst": ("verantwoording:index", {"leerling": str(leerling_id)}),
        "export": ("verantwoording:export", {"leerling": str(leerling_id)}),
        "aanmeldingen": ("verantwoording:index", {"soort": "aanmeldingen"}),
    }[actie]
    antwoord = client.get(reverse(url), params)
    if rol not in BEVOEGD:
        assert antwoord.status_code == 404
        return False
    assert antwoord.status_code == 200
    inhoud = antwoord.content.decode("utf-8-sig")
    if actie == "lijst":
        return reverse("verantwoording:leerling", args=[leerling_id]) in inhoud
    if actie == "export":
        return any(f";{leerling_id};" in regel for regel in inhoud.splitlines()[1:])
    return f"<td>{AANMELDER[object]}</td>" in inhoud


@pytest.mark.django_db
@pytest.mark.parametrize("actie, rol, object, teken", cellen(LEZEN, LEESACTIES))
def test_p2_b8_the_log_only_for_the_own_swvs_privacy_officer_and_beheerder(
    matrix: Matrix, verantwoording: dict[str, int], actie: str, rol: str, object: str, teken: str
) -> None:
    assert _gezien(matrix, verantwoording, actie, rol, object) == (teken == "+")


@pytest.mark.django_db
@pytest.mark.parametrize("rol", ALLE_ROLLEN)
@pytest.mark.parametrize("actie", LEESACTIES)
def test_p2_b8_the_viewer_takes_no_writes(
    matrix: Matrix, verantwoording: dict[str, int], rol: str, actie: str
) -> None:
    url = {
        "lijst": reverse("verantwoording:index"),
        "tijdlijn": reverse("verantwoording:leerling", args=[verantwoording["eigen"]]),
        "export": reverse("verantwoording:export"),
        "aanmeldingen": reverse("verantwoording:index"),
    }[actie]
    voor = (Inzage.objects.count(), Aanmelding.objects.count())
    antwoord = matrix.clients[rol].post(url, {"soort": "aanmeldingen"})
    assert antwoord.status_code in (404, 405)
    assert (Inzage.objects.count(), Aanmelding.objects.count()) == voor


@pytest.mark.django_db
@pytest.mark.parametrize("rol", ["privacyfunctionaris", "privacy_ander_swv"])
@pytest.mark.parametrize("object", ["zichtbaar", "voorlopig"])
@pytest.mark.parametrize("pad", LEESPADEN)
def test_p1_b8_the_privacy_officer_sees_no_pupil_data_outside_the_viewer(
    matrix: Matrix, verantwoording: dict[str, int], rol: str, object: str, pad: str
) -> None:
    assert not gezien(matrix, rol, object, pad)

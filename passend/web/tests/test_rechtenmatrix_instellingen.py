"""The role x object x action matrix for SWV-beheer's configuration screens (issue 16 item 1;
R31 labels, R32 schoolcontactpersonen, R3 and the overlegronde settings): every role of
test_rechtenmatrix.py, both SWVs, every URL, reads and writes.

Objects: "eigen" is a row of PPO Rotterdam (the label Spoed, the document type Evaluatie, De
Regenboog's schoolcontactpersoon), "ander" the same kind of row of SWV PO9999. Only the
application administrator of the row's own SWV reads and changes it; a school user, an SWV user
without the beheer role, and the beheerder of another SWV get a 404 and nothing changes (no
beheerlog row). Pages without an object (a new label, the SWV's settings) work for either SWV's
beheerder on the own SWV's rows (++).
"""

from typing import Any

import pytest
from django.urls import reverse

from passend.accounts.models import Schoolcontactpersoon
from passend.accounts.tests.factories import account_maken
from passend.bijlagen.models import Bijlageinstellingen, Documenttype
from passend.hulpvragen.models import Label
from passend.organisaties.models import School
from passend.organisaties.tests.factories import SchoolFactory
from passend.overlegrondes.models import Overlegrondeinstellingen
from passend.web.tests.test_rechtenmatrix import (
    ROLLEN,
    Matrix,
    Tabel,
    beheer_schrijven_controleren,
    cellen_per_object,
)
from passend.web.tests.test_rechtenmatrix import (
    _bijlagen_in_tijdelijke_map as _bijlagen_in_tijdelijke_map,
)
from passend.web.tests.test_rechtenmatrix import matrix as matrix

OBJECTEN = ("eigen", "ander")
BEHEERDERS = ("beheerder", "beheerder_ander_swv")

# + 200 (a read; in the list: the row is shown) or 302 and the change made (a write);
# - 404, or not in the list, and nothing changed.
# fmt: off
LEZEN: Tabel = {
    #                       labels label docty. scp   nieuw bijl. overl.
    **{rol: ("--",) * 7 for rol in ROLLEN},
    "beheerder":           ("+-", "+-", "+-", "+-", "++", "++", "++"),
    "beheerder_ander_swv": ("-+", "-+", "-+", "-+", "++", "++", "++"),
}
SCHRIJVEN: Tabel = {
    #                       label label label docty. scp   bijl. overl.
    #                       nieuw wijz. weg   wijz.  wijz.
    **{rol: ("--",) * 7 for rol in ROLLEN},
    "beheerder":           ("++", "+-", "+-", "+-", "+-", "++", "++"),
    "beheerder_ander_swv": ("++", "-+", "-+", "-+", "-+", "++", "++"),
}
# fmt: on
LEESACTIES = (
    "labels",
    "label",
    "documenttype",
    "schoolcontactpersoon",
    "nieuw",
    "bijlagen",
    "overlegrondes",
)
SCHRIJFACTIES = (
    "label_nieuw",
    "label",
    "label_verwijderen",
    "documenttype",
    "schoolcontactpersoon",
    "bijlagen",
    "overlegrondes",
)


def _swv(m: Matrix, object: str) -> Any:
    return m.ppo if object == "eigen" else m.ander_swv


def _label(m: Matrix, object: str) -> Label:
    return m.spoed if object == "eigen" else m.label_ander_swv


def _documenttype(m: Matrix, object: str) -> Documenttype:
    rij, _ = Documenttype.objects.get_or_create(
        swv=_swv(m, object), code="evaluatie", defaults={"naam": "Evaluatie"}
    )
    return rij


def _schoolcontactpersoon(m: Matrix, object: str) -> Schoolcontactpersoon:
    if object == "eigen":
        school = m.regenboog
    else:
        school = School.objects.filter(swv=m.ander_swv).first() or SchoolFactory.create(
            swv=m.ander_swv, naam="De Ander", code="77ZZ00"
        )
    rij = Schoolcontactpersoon.objects.filter(school=school).first()
    if rij is None:
        scp = account_maken(_swv(m, object), f"scp{object}", rol="schoolcontactpersoon")
        rij = Schoolcontactpersoon.objects.create(school=school, gebruiker=scp)
    return rij


def _url(m: Matrix, actie: str, object: str) -> str:
    if actie == "labels":
        return reverse("swvbeheer:instellingen", args=["labels"])
    if actie in ("nieuw", "label_nieuw"):
        return reverse("swvbeheer:instelling_nieuw", args=["labels"])
    if actie in ("bijlagen", "overlegrondes"):
        return reverse("swvbeheer:instelling_enkel", args=[actie])
    if actie == "label":
        return reverse("swvbeheer:instelling", args=["labels", _label(m, object).pk])
    if actie == "label_verwijderen":
        return reverse("swvbeheer:instelling_verwijderen", args=["labels", _label(m, object).pk])
    if actie == "documenttype":
        return reverse("swvbeheer:instelling", args=["documenttypen", _documenttype(m, object).pk])
    rij = _schoolcontactpersoon(m, object)
    return reverse("swvbeheer:instelling", args=["schoolcontactpersonen", rij.pk])


def cellen(tabel: Tabel, acties: tuple[str, ...]) -> list[Any]:
    return cellen_per_object(tabel, acties, OBJECTEN)


@pytest.mark.django_db
@pytest.mark.parametrize("actie, rol, object, teken", cellen(LEZEN, LEESACTIES))
def test_issue16_r42_configuration_pages_only_for_the_own_swvs_beheerder(
    matrix: Matrix, actie: str, rol: str, object: str, teken: str
) -> None:
    url = _url(matrix, actie, object)
    antwoord = matrix.clients[rol].get(url)
    if actie == "labels":
        pad = reverse("swvbeheer:instelling", args=["labels", _label(matrix, object).pk])
        gezien = antwoord.status_code == 200 and f'href="{pad}"' in antwoord.content.decode()
        assert gezien == (teken == "+")
        if rol not in BEHEERDERS:
            assert antwoord.status_code == 404
        return
    assert antwoord.status_code == (200 if teken == "+" else 404)


def _schrijven(m: Matrix, actie: str, rol: str, object: str) -> tuple[Any, bool]:
    """Posts a valid change; returns the answer and whether the change was made."""
    client = m.clients[rol]
    url = _url(m, actie, object)
    eigen_swv = m.accounts[rol].swv_id
    if actie == "label_nieuw":
        antwoord = client.post(url, {"naam": f"Nieuw {object}"})
        return antwoord, Label.objects.filter(naam=f"Nieuw {object}", swv=eigen_swv).exists()
    if actie == "label":
        label = _label(m, object)
        antwoord = client.post(url, {"naam": "Hernoemd"})
        return antwoord, Label.objects.get(pk=label.pk).naam == "Hernoemd"
    if actie == "label_verwijderen":
        label = _label(m, object)
        antwoord = client.post(url)
        return antwoord, not Label.objects.filter(pk=label.pk).exists()
    if actie == "documenttype":
        rij = _documenttype(m, object)
        antwoord = client.post(url, {"naam": "Verslag", "code": rij.code, "volgorde": 3})
        return antwoord, Documenttype.objects.get(pk=rij.pk).naam == "Verslag"
    if actie == "schoolcontactpersoon":
        koppeling = _schoolcontactpersoon(m, object)
        nieuw = account_maken(_swv(m, object), f"nieuw{object}", rol="schoolcontactpersoon")
        antwoord = client.post(url, {"school": koppeling.school_id, "gebruiker": nieuw.pk})
        veranderd = Schoolcontactpersoon.objects.get(pk=koppeling.pk).gebruiker_id == nieuw.pk
        return antwoord, veranderd
    if actie == "bijlagen":
        antwoord = client.post(url, {"max_bijlage_mb": "33"})
        return antwoord, Bijlageinstellingen.objects.filter(
            swv=eigen_swv, max_bijlage_mb=33
        ).exists()
    antwoord = client.post(url, {"deactiveren_na_dagen": "33"})
    return antwoord, Overlegrondeinstellingen.objects.filter(
        swv=eigen_swv, deactiveren_na_dagen=33
    ).exists()


@pytest.mark.django_db
@pytest.mark.parametrize("actie, rol, object, teken", cellen(SCHRIJVEN, SCHRIJFACTIES))
def test_issue16_r42_configuration_changed_only_by_the_own_swvs_beheerder(
    matrix: Matrix, actie: str, rol: str, object: str, teken: str
) -> None:
    _url(matrix, actie, object)  # the rows exist before the count
    beheer_schrijven_controleren(lambda: _schrijven(matrix, actie, rol, object), teken)

"""The role x object x action matrix for SWV-beheer's process screens (issue 16 item 6; R19-R22,
R16, R29): every role of test_rechtenmatrix.py, both SWVs, every URL, reads and writes.

Objects: "eigen" is PPO Rotterdam's process Algemeen (its status Doorzetten SCP, the transition
Aanmelding → Doorzetten SCP, the title Ambulante Begeleiding); "ander" a small process of SWV
PO9999 made for the test. Only the application administrator of the object's own SWV reads and
changes; a school user, an SWV user without the beheer role, and the beheerder of another SWV
get a 404 and nothing changes (no beheerlog row).
"""

from itertools import pairwise
from typing import Any

import pytest
from django.urls import reverse

from passend.accounts.models import Rol
from passend.processen.models import Hulpvraagtitel, Proces, Status, Statusovergang
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

# + 200 (a read; in the list: the process is shown) or 302 and the change made (a write);
# - 404, or not in the list, and nothing changed. The new process has no object: the
# beheerder of either SWV may add one to the own SWV (++).
# fmt: off
_GEEN_LEZEN = ("--",) * 9
LEZEN: Tabel = {
    #                       lijst nieuw proces status overg. titel  nieuwe nieuwe nieuwe
    #                             proces                            status overg. titel
    **{rol: _GEEN_LEZEN for rol in ROLLEN},
    "beheerder":           ("+-", "++", "+-",  "+-",  "+-",  "+-",  "+-",  "+-",  "+-"),
    "beheerder_ander_swv": ("-+", "++", "-+",  "-+",  "-+",  "-+",  "-+",  "-+",  "-+"),
}
_GEEN_SCHRIJVEN = ("--",) * 10
SCHRIJVEN: Tabel = {
    #                       proces proces status status status overg. overg. overg. titel titel
    #                       nieuw  wijz.  nieuw  wijz.  weg    nieuw  wijz.  weg    nieuw wijz.
    **{rol: _GEEN_SCHRIJVEN for rol in ROLLEN},
    "beheerder":           ("++",  "+-",  "+-",  "+-",  "+-",  "+-",  "+-",  "+-",  "+-", "+-"),
    "beheerder_ander_swv": ("++",  "-+",  "-+",  "-+",  "-+",  "-+",  "-+",  "-+",  "-+", "-+"),
}
# fmt: on
LEESACTIES = (
    "lijst",
    "proces_nieuw",
    "proces",
    "status",
    "overgang",
    "titel",
    "status_nieuw",
    "overgang_nieuw",
    "titel_nieuw",
)
SCHRIJFACTIES = (
    "proces_nieuw",
    "proces",
    "status_nieuw",
    "status",
    "status_verwijderen",
    "overgang_nieuw",
    "overgang",
    "overgang_verwijderen",
    "titel_nieuw",
    "titel",
)


def _ander_proces(m: Matrix) -> Proces:
    """A small whole process of PO9999: Aanmelding → In behandeling → Afgerond, one title."""
    proces, nieuw = Proces.objects.get_or_create(swv=m.ander_swv, code="ander", naam="Ander")
    if nieuw:
        coordinator = Rol.objects.get(code="coordinator")
        namen = (("aanmelding", "Aanmelding", 10), ("doorzetten_scp", "In behandeling", 20))
        statussen = [
            Status.objects.create(proces=proces, code=code, naam=naam, volgorde=volgorde)
            for code, naam, volgorde in namen
        ]
        statussen.append(
            Status.objects.create(
                proces=proces, code="afgerond", naam="Afgerond", volgorde=90, eindstatus=True
            )
        )
        for van, naar in pairwise(statussen):
            Statusovergang.objects.create(proces=proces, van=van, naar=naar).rollen.set(
                [coordinator]
            )
        Hulpvraagtitel.objects.create(
            swv=m.ander_swv, naam="Ambulante Begeleiding", proces=proces, beginstatus=statussen[0]
        )
    return proces


def _proces(m: Matrix, object: str) -> Proces:
    if object == "eigen":
        return Proces.objects.get(swv=m.ppo, code="algemeen")
    return _ander_proces(m)


def _status(m: Matrix, object: str, code: str = "doorzetten_scp") -> Status:
    return _proces(m, object).statussen.get(code=code)


def _overgang(m: Matrix, object: str) -> Statusovergang:
    proces = _proces(m, object)
    return proces.overgangen.get(van__code="aanmelding", naar__code="doorzetten_scp")


def _titel(m: Matrix, object: str) -> Hulpvraagtitel:
    return _proces(m, object).titels.get(naam="Ambulante Begeleiding")


def _url(m: Matrix, actie: str, object: str) -> str:
    if actie == "lijst":
        return reverse("swvbeheer:processen")
    if actie == "proces_nieuw":
        return reverse("swvbeheer:proces_nieuw")
    if actie in ("proces", "status_nieuw", "overgang_nieuw", "titel_nieuw"):
        return reverse(f"swvbeheer:{actie}", args=[_proces(m, object).pk])
    if actie == "status":
        return reverse("swvbeheer:status", args=[_status(m, object).pk])
    if actie == "overgang":
        return reverse("swvbeheer:overgang", args=[_overgang(m, object).pk])
    return reverse("swvbeheer:titel", args=[_titel(m, object).pk])


def cellen(tabel: Tabel, acties: tuple[str, ...]) -> list[Any]:
    return cellen_per_object(tabel, acties, OBJECTEN)


@pytest.mark.django_db
@pytest.mark.parametrize("actie, rol, object, teken", cellen(LEZEN, LEESACTIES))
def test_issue16_r20_process_pages_only_for_the_own_swvs_beheerder(
    matrix: Matrix, actie: str, rol: str, object: str, teken: str
) -> None:
    _proces(matrix, object)  # the other SWV's process exists before the page is read
    antwoord = matrix.clients[rol].get(_url(matrix, actie, object))
    if actie == "lijst":
        pk = _proces(matrix, object).pk
        pad = reverse("swvbeheer:proces", args=[pk])
        gezien = antwoord.status_code == 200 and f'href="{pad}"' in antwoord.content.decode()
        assert gezien == (teken == "+")
        if rol not in ("beheerder", "beheerder_ander_swv"):
            assert antwoord.status_code == 404
        return
    assert antwoord.status_code == (200 if teken == "+" else 404)


def _schrijven(m: Matrix, actie: str, rol: str, object: str) -> tuple[Any, bool]:
    """Posts a valid change; returns the answer and whether the change was made."""
    client = m.clients[rol]
    proces = _proces(m, object)
    coordinator = Rol.objects.get(code="coordinator").pk
    if actie == "proces_nieuw":
        antwoord = client.post(_url(m, actie, object), {"naam": f"Nieuw {object}"})
        return antwoord, Proces.objects.filter(naam=f"Nieuw {object}").exists()
    if actie == "proces":
        antwoord = client.post(_url(m, actie, object), {"naam": "Hernoemd"})
        return antwoord, Proces.objects.get(pk=proces.pk).naam == "Hernoemd"
    if actie == "status_nieuw":
        antwoord = client.post(
            _url(m, actie, object),
            {
                "naam": "Extra",
                "volgorde": 95,
                "eindstatus": "on",
                "komt_na": _status(m, object).pk,
                "rollen": [coordinator],
            },
        )
        return antwoord, proces.statussen.filter(naam="Extra").exists()
    if actie == "status":
        status = _status(m, object)
        antwoord = client.post(
            _url(m, actie, object),
            {"naam": status.naam, "volgorde": status.volgorde, "instructie": "Nieuwe tekst."},
        )
        return antwoord, Status.objects.get(pk=status.pk).instructie == "Nieuwe tekst."
    if actie == "status_verwijderen":
        weg = Status.objects.create(proces=proces, naam="Weg", volgorde=99, eindstatus=True)
        Statusovergang.objects.create(proces=proces, van=_status(m, object), naar=weg)
        antwoord = client.post(reverse("swvbeheer:status_verwijderen", args=[weg.pk]))
        return antwoord, not Status.objects.filter(pk=weg.pk).exists()
    if actie == "overgang_nieuw":
        van, naar = _status(m, object, "aanmelding"), _status(m, object, "afgerond")
        Statusovergang.objects.filter(van=van, naar=naar).delete()
        antwoord = client.post(
            _url(m, actie, object), {"van": van.pk, "naar": naar.pk, "rollen": [coordinator]}
        )
        return antwoord, Statusovergang.objects.filter(van=van, naar=naar).exists()
    if actie == "overgang":
        overgang = _overgang(m, object)
        regiomanager = Rol.objects.get(code="regiomanager").pk
        antwoord = client.post(
            _url(m, actie, object),
            {"van": overgang.van_id, "naar": overgang.naar_id, "rollen": [regiomanager]},
        )
        rollen = set(overgang.rollen.values_list("code", flat=True))
        return antwoord, rollen == {"regiomanager"}
    if actie == "overgang_verwijderen":
        van, naar = _status(m, object, "aanmelding"), _status(m, object, "afgerond")
        extra, _ = Statusovergang.objects.get_or_create(proces=proces, van=van, naar=naar)
        antwoord = client.post(reverse("swvbeheer:overgang_verwijderen", args=[extra.pk]))
        return antwoord, not Statusovergang.objects.filter(pk=extra.pk).exists()
    titel = _titel(m, object)
    gegevens = {
        "naam": "Nieuwe titel" if actie == "titel_nieuw" else titel.naam,
        "proces": proces.pk,
        "beginstatus": titel.beginstatus_id,
        "coordinatortoewijzing": "geen",
        "volgorde": 77,
        "actief": "on",
    }
    antwoord = client.post(_url(m, actie, object), gegevens)
    if actie == "titel_nieuw":
        return antwoord, Hulpvraagtitel.objects.filter(naam="Nieuwe titel").exists()
    return antwoord, Hulpvraagtitel.objects.get(pk=titel.pk).volgorde == 77


@pytest.mark.django_db
@pytest.mark.parametrize("actie, rol, object, teken", cellen(SCHRIJVEN, SCHRIJFACTIES))
def test_issue16_r20_processes_changed_only_by_the_own_swvs_beheerder(
    matrix: Matrix, actie: str, rol: str, object: str, teken: str
) -> None:
    _proces(matrix, object)  # the other SWV's process exists before the count
    beheer_schrijven_controleren(lambda: _schrijven(matrix, actie, rol, object), teken)

"""The role x object x action matrix for SWV-beheer's own screens (issue 16; R42-R44, B11):
every role of test_rechtenmatrix.py, both SWVs, every URL, reads and writes.

Objects: "eigen" is PPO Rotterdam's account iverhoef (the matrix's ib), "ander" the account
iverhoef of SWV PO9999. Pages without an object (the index, the list, the invitation) answer
per role; the list shows an account's e-mail only to the beheerder of its own SWV. A school
user, an SWV user without the beheer role, and the beheerder of another SWV get a 404 and
nothing changes (no beheerlog row).
"""

from datetime import timedelta
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from passend.accounts.models import Gebruiker, Rol
from passend.accounts.tests.factories import account_maken
from passend.audit.models import Beheerhandeling
from passend.web.tests.test_rechtenmatrix import ROLLEN, Matrix, Tabel
from passend.web.tests.test_rechtenmatrix import (
    _bijlagen_in_tijdelijke_map as _bijlagen_in_tijdelijke_map,
)
from passend.web.tests.test_rechtenmatrix import matrix as matrix

OBJECTEN = ("eigen", "ander")
ACCOUNT = {"eigen": "ib", "ander": "ib_ander_swv"}

# Signs as in test_rechtenmatrix.py, one per object (eigen, ander): + 200 (a read; in the list:
# the account is shown) or 302 and the change made (a write); - 404, or not in the list, and
# nothing changed.
# fmt: off
_GEEN = ("--",) * 7
LEZEN: Tabel = {
    #                       index lijst uitno- detail uitzet- authen- perso-
    #                                   digen         ten     ticator neels-
    #                                                                 wissel
    **{rol: _GEEN for rol in ROLLEN},
    "beheerder":           ("++", "+-", "++",  "+-",  "+-",   "+-",   "++"),
    "beheerder_ander_swv": ("++", "-+", "++",  "-+",  "-+",   "-+",   "++"),
}
_NIETS = ("--",) * 6
# Personeelswissel: the leaving account is the object; another SWV's account is no choice in
# the form (x: 200, the form says so, nothing moves).
SCHRIJVEN: Tabel = {
    #                       uitno- wijzi- uitzet- authen- heracti- perso-
    #                       digen  gen    ten     ticator veren    neels-
    #                                                              wissel
    **{rol: _NIETS for rol in ROLLEN},
    "beheerder":           ("++",  "+-",  "+-",   "+-",   "+-",    "+x"),
    "beheerder_ander_swv": ("++",  "-+",  "-+",   "-+",   "-+",    "x+"),
}
# fmt: on
LEESACTIES = (
    "index",
    "lijst",
    "uitnodigen",
    "detail",
    "uitzetten",
    "authenticator",
    "personeelswissel",
)
SCHRIJFACTIES = (
    "uitnodigen",
    "wijzigen",
    "uitzetten",
    "authenticator",
    "heractiveren",
    "personeelswissel",
)
URL_NAAM = {
    "index": "swvbeheer:index",
    "lijst": "swvbeheer:gebruikers",
    "uitnodigen": "swvbeheer:uitnodigen",
    "detail": "swvbeheer:gebruiker",
    "wijzigen": "swvbeheer:gebruiker",
    "uitzetten": "swvbeheer:deactiveren",
    "authenticator": "swvbeheer:authenticator_herstellen",
    "heractiveren": "swvbeheer:heractiveren",
    "personeelswissel": "swvbeheer:personeelswissel",
}


def _url(m: Matrix, actie: str, object: str) -> str:
    if actie in ("index", "lijst", "uitnodigen", "personeelswissel"):
        return reverse(URL_NAAM[actie])
    return reverse(URL_NAAM[actie], args=[m.accounts[ACCOUNT[object]].pk])


def cellen(tabel: Tabel, acties: tuple[str, ...]) -> list[Any]:
    return [
        pytest.param(actie, rol, object, tabel[rol][kolom][index], id=f"{rol}-{object}-{actie}")
        for kolom, actie in enumerate(acties)
        for rol in ROLLEN
        for index, object in enumerate(OBJECTEN)
    ]


@pytest.mark.django_db
@pytest.mark.parametrize("actie, rol, object, teken", cellen(LEZEN, LEESACTIES))
def test_r42_r44_b11_swvbeheer_pages_only_for_the_own_swvs_beheerder(
    matrix: Matrix, actie: str, rol: str, object: str, teken: str
) -> None:
    antwoord = matrix.clients[rol].get(_url(matrix, actie, object))
    if actie == "lijst":
        email = matrix.accounts[ACCOUNT[object]].email
        gezien = antwoord.status_code == 200 and email in antwoord.content.decode()
        assert gezien == (teken == "+")
        if rol not in ("beheerder", "beheerder_ander_swv"):
            assert antwoord.status_code == 404
        return
    assert antwoord.status_code == (200 if teken == "+" else 404)


@pytest.mark.django_db
@pytest.mark.parametrize("actie, rol, object, teken", cellen(SCHRIJVEN, SCHRIJFACTIES))
def test_r42_r44_b11_swvbeheer_changes_only_by_the_own_swvs_beheerder(
    matrix: Matrix, actie: str, rol: str, object: str, teken: str
) -> None:
    account = matrix.accounts[ACCOUNT[object]]
    door = matrix.accounts[rol]
    client = matrix.clients[rol]
    log_voor = Beheerhandeling.objects.count()
    vandaag = timezone.localdate()
    if actie == "uitnodigen":
        naam = f"nieuw{object}"
        antwoord = client.post(
            _url(matrix, actie, object),
            {
                "gebruikersnaam": naam,
                "voornaam": "Nieuw",
                "achternaam": "Account",
                "email": f"{naam}@example.nl",
                "rollen": [Rol.objects.get(code="coordinator").pk],
            },
        )
        veranderd = Gebruiker.objects.filter(gebruikersnaam=naam, swv=door.swv).exists()
    elif actie == "wijzigen":
        antwoord = client.post(
            _url(matrix, actie, object),
            {
                "voornaam": "Anders",
                "achternaam": account.achternaam,
                "email": account.email,
                "rollen": [r.pk for r in account.rollen.all()],
                "scholen": [s.pk for s in account.scholen.all()],
            },
        )
        veranderd = Gebruiker.objects.get(pk=account.pk).voornaam == "Anders"
    elif actie == "uitzetten":
        antwoord = client.post(
            _url(matrix, actie, object), {"op": f"{vandaag + timedelta(days=3):%d-%m-%Y}"}
        )
        veranderd = Gebruiker.objects.get(pk=account.pk).deactiveren_op is not None
    elif actie == "authenticator":
        antwoord = client.post(
            _url(matrix, actie, object),
            {"gecontroleerd_door": "Beheer", "controle": "Teruggebeld op bekend nummer"},
        )
        veranderd = not TOTPDevice.objects.filter(user=account).exists()
    elif actie == "personeelswissel":
        # The one taking over: a school account of the object's own SWV and school.
        opvolger = account_maken(
            account.swv, f"opvolger{object}", scholen=tuple(account.scholen.all())
        )
        antwoord = client.post(
            _url(matrix, actie, object), {"vertrekkend": account.pk, "nieuw": opvolger.pk}
        )
        veranderd = Beheerhandeling.objects.filter(
            gebeurtenis="personeelswissel_uitgevoerd"
        ).exists()
    else:
        Gebruiker.objects.filter(pk=account.pk).update(deactiveren_op=vandaag + timedelta(days=9))
        antwoord = client.post(_url(matrix, actie, object))
        veranderd = Gebruiker.objects.get(pk=account.pk).deactiveren_op is None
    if teken == "+":
        assert antwoord.status_code == 302, antwoord.content.decode()[-2000:]
        assert veranderd
        assert Beheerhandeling.objects.count() > log_voor
    elif teken == "x":
        assert antwoord.status_code == 200
        assert not veranderd
        assert Beheerhandeling.objects.count() == log_voor
    else:
        assert antwoord.status_code == 404
        assert not veranderd
        assert Beheerhandeling.objects.count() == log_voor


# --- Schools (R45): "eigen" is De Regenboog, "ander" the school of PO9999's iverhoef ----------
# fmt: off
_SCHOOL_GEEN = ("--",) * 4
SCHOOL_LEZEN: Tabel = {
    #                       lijst nieuw detail sluiten
    **{rol: _SCHOOL_GEEN for rol in ROLLEN},
    "beheerder":           ("+-", "++", "+-",  "+-"),
    "beheerder_ander_swv": ("-+", "++", "-+",  "-+"),
}
_SCHOOL_NIETS = ("--",) * 2
SCHOOL_SCHRIJVEN: Tabel = {
    #                       wijzigen sluiten
    **{rol: _SCHOOL_NIETS for rol in ROLLEN},
    "beheerder":           ("+-",    "+-"),
    "beheerder_ander_swv": ("-+",    "-+"),
}
# fmt: on
SCHOOL_URL = {
    "lijst": "swvbeheer:scholen",
    "nieuw": "swvbeheer:school_nieuw",
    "detail": "swvbeheer:school",
    "wijzigen": "swvbeheer:school",
    "sluiten": "swvbeheer:school_sluiten",
}


def _school(m: Matrix, object: str) -> Any:
    if object == "eigen":
        return m.regenboog
    return m.accounts["ib_ander_swv"].scholen.get()


def _school_url(m: Matrix, actie: str, object: str) -> str:
    if actie in ("lijst", "nieuw"):
        return reverse(SCHOOL_URL[actie])
    return reverse(SCHOOL_URL[actie], args=[_school(m, object).pk])


@pytest.mark.django_db
@pytest.mark.parametrize(
    "actie, rol, object, teken", cellen(SCHOOL_LEZEN, ("lijst", "nieuw", "detail", "sluiten"))
)
def test_r45_school_pages_only_for_the_own_swvs_beheerder(
    matrix: Matrix, actie: str, rol: str, object: str, teken: str
) -> None:
    antwoord = matrix.clients[rol].get(_school_url(matrix, actie, object))
    if actie == "lijst":
        code = _school(matrix, object).code
        gezien = antwoord.status_code == 200 and f"<td>{code}</td>" in antwoord.content.decode()
        assert gezien == (teken == "+")
        return
    assert antwoord.status_code == (200 if teken == "+" else 404)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "actie, rol, object, teken", cellen(SCHOOL_SCHRIJVEN, ("wijzigen", "sluiten"))
)
def test_r45_schools_changed_only_by_the_own_swvs_beheerder(
    matrix: Matrix, actie: str, rol: str, object: str, teken: str
) -> None:
    from passend.organisaties.models import School

    school = _school(matrix, object)
    vandaag = f"{timezone.localdate():%d-%m-%Y}"
    log_voor = Beheerhandeling.objects.count()
    if actie == "wijzigen":
        antwoord = matrix.clients[rol].post(
            _school_url(matrix, actie, object),
            {
                "naam": "Hernoemd",
                "code": school.code,
                "regio": school.regio_id or "",
                "bestuur": school.bestuur_id,
                "ingangsdatum": vandaag,
            },
        )
        veranderd = School.objects.get(pk=school.pk).naam == "Hernoemd"
    else:
        antwoord = matrix.clients[rol].post(_school_url(matrix, actie, object), {"op": vandaag})
        veranderd = School.objects.get(pk=school.pk).gesloten_op is not None
    if teken == "+":
        assert antwoord.status_code == 302, antwoord.content.decode()[-2000:]
        assert veranderd and Beheerhandeling.objects.count() > log_voor
    else:
        assert antwoord.status_code == 404
        assert not veranderd and Beheerhandeling.objects.count() == log_voor


# --- School list as CSV (R45) and besturen (R33): "eigen" is De Regenboog and its bestuur,
# "ander" the school of PO9999's iverhoef and its bestuur ----------------------------------
# fmt: off
_BESTUUR_GEEN = ("--",) * 3
BESTUUR_LEZEN: Tabel = {
    #                       export lijst detail
    **{rol: _BESTUUR_GEEN for rol in ROLLEN},
    "beheerder":           ("+-",  "+-", "+-"),
    "beheerder_ander_swv": ("-+",  "-+", "-+"),
}
BESTUUR_SCHRIJVEN: Tabel = {
    #                       wijzigen
    **{rol: ("--",) for rol in ROLLEN},
    "beheerder":           ("+-",),
    "beheerder_ander_swv": ("-+",),
}
# fmt: on


def _bestuur_url(m: Matrix, actie: str, object: str) -> str:
    if actie == "export":
        return reverse("swvbeheer:scholen_export")
    if actie == "lijst":
        return reverse("swvbeheer:besturen")
    return reverse("swvbeheer:bestuur", args=[_school(m, object).bestuur_id])


@pytest.mark.django_db
@pytest.mark.parametrize(
    "actie, rol, object, teken", cellen(BESTUUR_LEZEN, ("export", "lijst", "detail"))
)
def test_r45_r33_school_export_and_besturen_only_for_the_own_swvs_beheerder(
    matrix: Matrix, actie: str, rol: str, object: str, teken: str
) -> None:
    school = _school(matrix, object)
    log_voor = Beheerhandeling.objects.count()
    antwoord = matrix.clients[rol].get(_bestuur_url(matrix, actie, object))
    if actie == "export":
        regel = f"{school.naam};{school.code[:4]};{school.code[4:]};"
        gezien = antwoord.status_code == 200 and regel in antwoord.content.decode()
        assert gezien == (teken == "+")
        if rol in ("beheerder", "beheerder_ander_swv"):
            # The download is logged, by whoever of a beheerder.
            assert Beheerhandeling.objects.filter(gebeurtenis="scholen_geexporteerd").exists()
        else:
            assert antwoord.status_code == 404
            assert Beheerhandeling.objects.count() == log_voor
        return
    if actie == "lijst":
        naam = str(school.bestuur.nummer)
        gezien = antwoord.status_code == 200 and f"<td>{naam}</td>" in antwoord.content.decode()
        assert gezien == (teken == "+")
        if rol not in ("beheerder", "beheerder_ander_swv"):
            assert antwoord.status_code == 404
        return
    assert antwoord.status_code == (200 if teken == "+" else 404)


@pytest.mark.django_db
@pytest.mark.parametrize("actie, rol, object, teken", cellen(BESTUUR_SCHRIJVEN, ("wijzigen",)))
def test_r33_besturen_changed_only_by_the_own_swvs_beheerder(
    matrix: Matrix, actie: str, rol: str, object: str, teken: str
) -> None:
    from passend.organisaties.models import Bestuur

    bestuur_id = _school(matrix, object).bestuur_id
    log_voor = Beheerhandeling.objects.count()
    antwoord = matrix.clients[rol].post(
        _bestuur_url(matrix, actie, object),
        {
            "verwerkersovereenkomst_datum": "01-01-2020",
            "verwerkersovereenkomst_einde": "31-12-2040",
        },
    )
    veranderd = Bestuur.objects.get(pk=bestuur_id).verwerkersovereenkomst_einde is not None
    if teken == "+":
        assert antwoord.status_code == 302, antwoord.content.decode()[-2000:]
        assert veranderd and Beheerhandeling.objects.count() > log_voor
    else:
        assert antwoord.status_code == 404
        assert not veranderd and Beheerhandeling.objects.count() == log_voor

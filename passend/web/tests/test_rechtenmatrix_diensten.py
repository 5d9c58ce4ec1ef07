"""The write matrix of test_rechtenmatrix.py one level down: each write service called directly,
as a new channel (the API, an OSO intake, a task) would call it, with the account of each role.
It proves that the rights live in the services (issue 11, item 1; ARCHITECTURE.md "rechten.py"),
not in the screens.

Size: 13 roles x 2 objects x 14 writes = 364 cells, plus 13 roles x 1 write of the account
itself (leerling_aanmaken, a new dossier) = 13 cells: 377 cells checked, each its own test.

Allowed: the service returns and the database shows the change. Refused: PermissionDenied, and
nothing is written, not even an access-log row. The environment is test_rechtenmatrix.py's,
built once for this module; each cell runs in a savepoint of its own.
"""

import tempfile
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from passend.accounts.models import Gebruiker
from passend.bijlagen.models import Bijlage, WachtendeBijlage
from passend.bijlagen.services import (
    bestand_aanbieden,
    bijlage_verwijderen,
    wachtende_bijlage_afwijzen,
    wachtende_bijlage_toevoegen,
)
from passend.bijlagen.tests import bestanden
from passend.dossiers.models import Adres, Leerling
from passend.dossiers.services import (
    adres_toevoegen,
    adres_wijzigen,
    leerling_aanmaken,
    leerling_wijzigen,
    schoolgegevens_bewerken,
    schoolgegevens_toevoegen,
)
from passend.hulpvragen.services import (
    hulpvraag_aanmaken,
    hulpvraag_behandeling_wijzigen,
    hulpvraag_status_wijzigen,
)
from passend.processen.models import Hulpvraagtitel
from passend.web.tests import test_rechtenmatrix as rechtenmatrix
from passend.web.tests.test_rechtenmatrix import (
    BIJLAGEN_ACTIES,
    DOSSIER_ACTIES,
    HULPVRAAG_ACTIES,
    OBJECTEN,
    ROLLEN,
    SCHOOLGEGEVENS_NIEUW,
    SCHRIJFACTIES,
    STATUS_NAAR,
    Matrix,
    Tabel,
    _status,
    inzage_aantal,
)

# The environment of test_rechtenmatrix.py, built once for this module too.
matrix = rechtenmatrix.matrix
_bijlagen_in_tijdelijke_map = rechtenmatrix._bijlagen_in_tijdelijke_map

# --- The decisions ---------------------------------------------------------------------------
#
# The roles and objects of test_rechtenmatrix.py. One sign per object, (zichtbaar, voorlopig):
#   +  the service makes the change
#   -  PermissionDenied: the user may not do this here
#   x  ValidationError: the user may use this service here, but not for this choice (a status
#      the process does not allow the role from the current one)
# They match the screens' table, except where the screen only offers what may be chosen: a
# school user's screen offers no other school for new schoolgegevens (the form refuses), the
# service refuses Het Kompas with PermissionDenied.

# hulpvraag_status_wijzigen (R20) to the school's or the SWV's step of STATUS_NAAR,
# hulpvraag_behandeling_wijzigen (R32), schoolgegevens_bewerken (R46).
# fmt: off
HULPVRAAG_DIENSTEN: Tabel = {
    #                       status_    status_    behandeling_  schoolgegevens_
    #                       wijzigen   wijzigen   wijzigen      bewerken
    #                       (school)   (swv)
    "ib":                  ("++",      "xx",      "--",         "++"),
    "directeur":           ("++",      "xx",      "--",         "++"),
    "ib_kompas":           ("--",      "--",      "--",         "--"),
    "scp":                 ("x-",      "+-",      "+-",         "+-"),
    "coordinator":         ("x-",      "+-",      "+-",         "+-"),
    "tlv_administratie":   ("x-",      "+-",      "+-",         "+-"),
    "deskundige":          ("x-",      "+-",      "+-",         "--"),
    "regiomanager":        ("x-",      "+-",      "+-",         "--"),
    "beheerder":           ("x-",      "+-",      "++",         "++"),
    "ouder":               ("--",      "--",      "--",         "--"),
    "externe_deelnemer":   ("--",      "--",      "--",         "--"),
    "ib_ander_swv":        ("--",      "--",      "--",         "--"),
    "beheerder_ander_swv": ("--",      "--",      "--",         "--"),
}

# leerling_wijzigen (R14), adres_toevoegen, adres_wijzigen, schoolgegevens_toevoegen at De
# Regenboog and at Het Kompas (R15), hulpvraag_aanmaken (R16).
DOSSIER_DIENSTEN: Tabel = {
    #                       leerling_  adres_     adres_     school-    school-    hulpvraag_
    #                       wijzigen   toevoegen  wijzigen   gegevens_  gegevens_  aanmaken
    #                                                        toevoegen  toevoegen
    #                                                        Regenboog  Kompas
    "ib":                  ("++",      "++",      "++",      "++",      "--",      "++"),
    "directeur":           ("++",      "++",      "++",      "++",      "--",      "++"),
    "ib_kompas":           ("--",      "--",      "--",      "--",      "--",      "--"),
    "scp":                 ("+-",      "+-",      "+-",      "+-",      "+-",      "+-"),
    "coordinator":         ("+-",      "+-",      "+-",      "+-",      "+-",      "+-"),
    "tlv_administratie":   ("+-",      "+-",      "+-",      "+-",      "+-",      "+-"),
    "deskundige":          ("--",      "--",      "--",      "--",      "--",      "--"),
    "regiomanager":        ("--",      "--",      "--",      "--",      "--",      "--"),
    "beheerder":           ("++",      "++",      "++",      "++",      "++",      "++"),
    "ouder":               ("--",      "--",      "--",      "--",      "--",      "--"),
    "externe_deelnemer":   ("--",      "--",      "--",      "--",      "--",      "--"),
    "ib_ander_swv":        ("--",      "--",      "--",      "--",      "--",      "--"),
    "beheerder_ander_swv": ("--",      "--",      "--",      "--",      "--",      "--"),
}

# bestand_aanbieden, bijlage_verwijderen, and the answers to a waiting file (uploaded by the
# ib): wachtende_bijlage_toevoegen, wachtende_bijlage_afwijzen.
BIJLAGEN_DIENSTEN: Tabel = {
    #                       bestand_   bijlage_     wachtende_  wachtende_
    #                       aanbieden  verwijderen  bijlage_    bijlage_
    #                                               toevoegen   afwijzen
    "ib":                  ("++",      "-+",        "++",       "++"),
    "directeur":           ("++",      "-+",        "--",       "--"),
    "ib_kompas":           ("--",      "--",        "--",       "--"),
    "scp":                 ("+-",      "+-",        "--",       "--"),
    "coordinator":         ("+-",      "+-",        "--",       "--"),
    "tlv_administratie":   ("+-",      "+-",        "--",       "--"),
    "deskundige":          ("+-",      "+-",        "--",       "--"),
    "regiomanager":        ("+-",      "+-",        "--",       "--"),
    "beheerder":           ("++",      "++",        "--",       "--"),
    "ouder":               ("--",      "--",        "--",       "--"),
    "externe_deelnemer":   ("--",      "--",        "--",       "--"),
    "ib_ander_swv":        ("--",      "--",        "--",       "--"),
    "beheerder_ander_swv": ("--",      "--",        "--",       "--"),
}

# leerling_aanmaken (R13): the DOSSIERINVOER roles, in their own SWV.
LEERLING_AANMAKEN = {
    "ib":                  "+",
    "directeur":           "+",
    "ib_kompas":           "+",
    "scp":                 "+",
    "coordinator":         "+",
    "tlv_administratie":   "+",
    "deskundige":          "-",
    "regiomanager":        "-",
    "beheerder":           "+",
    "ouder":               "-",
    "externe_deelnemer":   "-",
    "ib_ander_swv":        "+",
    "beheerder_ander_swv": "+",
}
# fmt: on

# Cells where a service does not follow the decisions above: (action, role, object) → what was
# observed. Each is an expected failure that must fail (strict), so a fix shows up at once.
AFWIJKINGEN: dict[tuple[str, str, str], str] = {}


# --- The calls, as a channel without screens makes them --------------------------------------


def _txt_aanbieden(m: Matrix, object: str, door: Gebruiker) -> object:
    with tempfile.TemporaryDirectory() as map:
        return bestand_aanbieden(
            hulpvraag=m.hulpvraag(object),
            pad=bestanden.schrijven(Path(map) / "upload.tmp", bestanden.txt()),
            bestandsnaam="Verslag groep 5.txt",
            door=door,
        )


def _schoolgegevens_toevoegen(kolom: str) -> Callable[[Matrix, str, Gebruiker], object]:
    code, aanvrager = SCHOOLGEGEVENS_NIEUW[kolom]

    def aanroep(m: Matrix, object: str, door: Gebruiker) -> object:
        gebruiker = m.accounts[aanvrager]
        return schoolgegevens_toevoegen(
            leerling=Leerling.objects.get(pk=m.objecten[object].leerling_id),
            school=m.regenboog if code == m.regenboog.code else m.kompas,
            door=door,
            aanvrager=gebruiker,
            contactpersoon=gebruiker.volledige_naam,
            email=gebruiker.email,
            groep="6",
        )

    return aanroep


def _status_wijzigen(kolom: str) -> Callable[[Matrix, str, Gebruiker], object]:
    def aanroep(m: Matrix, object: str, door: Gebruiker) -> object:
        assert STATUS_NAAR[kolom][object]
        return hulpvraag_status_wijzigen(
            hulpvraag=m.hulpvraag(object),
            naar=_status(m, object, kolom),
            door=door,
            reden="Volgende stap.",
        )

    return aanroep


# Keyed as test_rechtenmatrix.SCHRIJFACTIES, whose `stand` and `na` read the database.
DIENSTEN: dict[str, Callable[[Matrix, str, Gebruiker], object]] = {
    "status_school": _status_wijzigen("status_school"),
    "status_swv": _status_wijzigen("status_swv"),
    "behandeling": lambda m, o, door: hulpvraag_behandeling_wijzigen(
        hulpvraag=m.hulpvraag(o),
        door=door,
        coordinator=m.accounts["coordinator"],
        labels=[m.spoed],
    ),
    "schoolgegevens_bewerken": lambda m, o, door: schoolgegevens_bewerken(
        schoolgegevens=m.hulpvraag(o).schoolgegevens,
        door=door,
        aanvrager=m.accounts["directeur"],
        contactpersoon="Dirk Bos",
        email="directie@regenboog.example.nl",
        telefoon="010 765 43 21",
    ),
    "basisgegevens": lambda m, o, door: leerling_wijzigen(
        leerling=Leerling.objects.get(pk=m.objecten[o].leerling_id),
        door=door,
        achternaam="Visser",
    ),
    "adres_toevoegen": lambda m, o, door: adres_toevoegen(
        leerling=Leerling.objects.get(pk=m.objecten[o].leerling_id),
        door=door,
        soort="postadres",
        straat="Keizerstraat",
        huisnummer=7,
        postcode="3011 GA",
        plaats="Rotterdam",
    ),
    "adres_bewerken": lambda m, o, door: adres_wijzigen(
        adres=Adres.objects.get(pk=m.adressen[o].pk), door=door, huisnummer=2
    ),
    "schoolgegevens_regenboog": _schoolgegevens_toevoegen("schoolgegevens_regenboog"),
    "schoolgegevens_kompas": _schoolgegevens_toevoegen("schoolgegevens_kompas"),
    "hulpvraag_toevoegen": lambda m, o, door: hulpvraag_aanmaken(
        leerling=Leerling.objects.get(pk=m.objecten[o].leerling_id),
        schoolgegevens=m.hulpvraag(o).schoolgegevens,
        titel=Hulpvraagtitel.objects.get(swv=m.ppo, naam="Ambulante Begeleiding"),
        door=door,
        omschrijving="Op het gebied van rekenen.",
    ),
    "bijlage_toevoegen": _txt_aanbieden,
    "bijlage_verwijderen": lambda m, o, door: bijlage_verwijderen(
        bijlage=Bijlage.objects.get(pk=m.bijlagen[o].pk), door=door, reden="Dubbel aangeleverd."
    ),
    "wachtend_toevoegen": lambda m, o, door: wachtende_bijlage_toevoegen(
        wachtend=WachtendeBijlage.objects.get(pk=m.wachtend[o].pk),
        bestandsnaam="Leerlingkaart.png",
        door=door,
    ),
    "wachtend_afwijzen": lambda m, o, door: wachtende_bijlage_afwijzen(
        wachtend=WachtendeBijlage.objects.get(pk=m.wachtend[o].pk), door=door
    ),
}


def als_kanaal(m: Matrix, rol: str) -> Gebruiker:
    """The account as a channel loads it: afresh, nothing kept from a request."""
    return Gebruiker.objects.get(pk=m.accounts[rol].pk)


def dienst_aanroepen(m: Matrix, rol: str, object: str, actie: str, teken: str) -> None:
    """Calls the service as the role and checks the outcome and the database against the sign."""
    schrijfactie = SCHRIJFACTIES[actie]
    voor = schrijfactie.stand(m, object)
    inzage_voor = inzage_aantal()
    door = als_kanaal(m, rol)
    if teken == "+":
        DIENSTEN[actie](m, object, door)
        na = schrijfactie.stand(m, object)
        assert na == schrijfactie.na(m, object, voor)
        assert na != voor
        return
    with pytest.raises(PermissionDenied if teken == "-" else ValidationError) as fout:
        DIENSTEN[actie](m, object, door)
    if teken == "x":
        assert not isinstance(fout.value, PermissionDenied)
    assert schrijfactie.stand(m, object) == voor
    assert inzage_aantal() == inzage_voor


def dienstcellen(tabel: Tabel, acties: tuple[str, ...]) -> list[Any]:
    return [
        pytest.param(
            actie,
            rol,
            object,
            tabel[rol][kolom][index],
            id=f"{rol}-{object}-{actie}",
            marks=_afwijking(actie, rol, object),
        )
        for kolom, actie in enumerate(acties)
        for rol in ROLLEN
        for index, object in enumerate(OBJECTEN)
    ]


def _afwijking(actie: str, rol: str, object: str) -> list[pytest.MarkDecorator]:
    reden = AFWIJKINGEN.get((actie, rol, object))
    return [pytest.mark.xfail(strict=True, reason=reden)] if reden else []


@pytest.mark.django_db
@pytest.mark.parametrize(
    "actie, rol, object, teken", dienstcellen(HULPVRAAG_DIENSTEN, HULPVRAAG_ACTIES)
)
def test_r20_r32_r46_asvs_v4_2_1_hulpvraag_services_refuse_who_may_not_whatever_the_channel(
    matrix: Matrix, actie: str, rol: str, object: str, teken: str
) -> None:
    dienst_aanroepen(matrix, rol, object, actie, teken)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "actie, rol, object, teken", dienstcellen(DOSSIER_DIENSTEN, DOSSIER_ACTIES)
)
def test_r14_r15_r16_asvs_v4_2_1_dossier_services_refuse_who_may_not_whatever_the_channel(
    matrix: Matrix, actie: str, rol: str, object: str, teken: str
) -> None:
    dienst_aanroepen(matrix, rol, object, actie, teken)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "actie, rol, object, teken", dienstcellen(BIJLAGEN_DIENSTEN, BIJLAGEN_ACTIES)
)
def test_asvs_v4_2_1_attachment_services_refuse_who_may_not_whatever_the_channel(
    matrix: Matrix, actie: str, rol: str, object: str, teken: str
) -> None:
    dienst_aanroepen(matrix, rol, object, actie, teken)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "rol, teken",
    [
        pytest.param(rol, teken, id=rol, marks=_afwijking("leerling_aanmaken", rol, "-"))
        for rol, teken in LEERLING_AANMAKEN.items()
    ],
)
def test_r13_leerling_aanmaken_only_for_dossierinvoer_roles_whatever_the_channel(
    matrix: Matrix, rol: str, teken: str
) -> None:
    door = als_kanaal(matrix, rol)
    inzage_voor = inzage_aantal()

    def aanmaken() -> Leerling:
        return leerling_aanmaken(
            door=door,
            roepnaam="Noor",
            achternaam="Matrix",
            geboortedatum=date(2017, 5, 12),
            toch_nieuw_dossier=True,
        )

    if teken == "+":
        leerling = aanmaken()
        assert Leerling.objects.get(achternaam="Matrix") == leerling
        assert (leerling.swv_id, leerling.aangemaakt_door) == (door.swv_id, door)
    else:
        with pytest.raises(PermissionDenied):
            aanmaken()
        assert not Leerling.objects.filter(achternaam="Matrix").exists()
        assert inzage_aantal() == inzage_voor

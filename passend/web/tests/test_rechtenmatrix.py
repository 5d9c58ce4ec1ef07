"""The proof of access control (issue 11, items 1 and 7; SECURITY.md "Access control"): every
role x object x action through the screens, as a user meets them.

Size: 13 roles x 2 objects x 25 actions (11 read paths and 14 writes) = 650 cells, plus
13 roles x 6 pages of the account itself (Toevoegen, Nieuw dossier, CSV export,
Managementoverzicht, SWV-beheer and another SWV's rows there) = 78 cells, plus 13 roles x 8
reads and writes of a pupil who changed school (issue 19 item 11d) = 104 cells: 832 cells
checked, each its own test.

- Reads (P1, asvs_v4_2_1): who sees an object gets it on every path; everyone else a 404, and
  nothing of it in a list, a search or the CSV.
- Writes (R13-R16, R20, R32, R46, asvs_v4_2_1): each POST goes through the view as a browser
  sends it. Allowed: a redirect and the database shows the change. Refused: a 404 and nothing
  changed, not even an access-log row.
- The same write matrix one level down, through the services, is test_rechtenmatrix_diensten.py.

The environment (PPO Rotterdam with its preset, two schools, one account per role, a second SWV,
the two objects) is built once for this module inside a transaction that is rolled back at the
end; each cell runs in a savepoint of its own, so no write reaches the next cell.

The tables below are the decisions, written out; the tests only look them up.
"""

import hashlib
import tempfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, cast

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import transaction
from django.http import HttpResponse, HttpResponseBase, StreamingHttpResponse
from django.test import Client, override_settings
from django.urls import reverse
from django.utils import timezone
from pytest_django import DjangoDbBlocker

from passend.accounts.models import Gebruiker, Schoolcontactpersoon
from passend.accounts.tests.factories import account_maken, inloggen
from passend.audit.models import Beheerhandeling, Inzage
from passend.bijlagen.models import Bijlage, WachtendeBijlage
from passend.bijlagen.services import bestand_aanbieden
from passend.bijlagen.tests import bestanden
from passend.bijlagen.tests.conftest import toevoegen
from passend.dossiers.models import Adres, Leerling, Schoolgegevens
from passend.dossiers.services import adres_toevoegen, leerling_aanmaken, schoolgegevens_toevoegen
from passend.formulieren.tests.factories import ob_aanvraag_invullen
from passend.hulpvragen.models import Hulpvraag, Label
from passend.hulpvragen.services import hulpvraag_aanmaken
from passend.hulpvragen.tests.factories import hulpvraag_op_school
from passend.organisaties.models import Samenwerkingsverband, School
from passend.organisaties.tests.factories import (
    RegioFactory,
    SamenwerkingsverbandFactory,
    SchoolFactory,
)
from passend.processen.models import Hulpvraagtitel, Status

# --- The decisions ---------------------------------------------------------------------------
#
# Roles, all in PPO Rotterdam unless named: ib and directeur of De Regenboog, ib_kompas of Het
# Kompas; the SWV's staff; ouder and externe_deelnemer; and two accounts of SWV PO9999.
ROLLEN = (
    "ib",
    "directeur",
    "ib_kompas",
    "scp",
    "coordinator",
    "tlv_administratie",
    "deskundige",
    "regiomanager",
    "beheerder",
    "ouder",
    "externe_deelnemer",
    "ib_ander_swv",
    "beheerder_ander_swv",
)
# The objects, both of a De Regenboog pupil, each with one attachment (OPP.pdf):
#   zichtbaar  "Ambulante Begeleiding" in Aanmelding: the SWV sees it.
#   voorlopig  "Ondersteuningsbudget" in OB voorlopige aanvraag: the SWV does not see it yet.
OBJECTEN = ("zichtbaar", "voorlopig")

# A table: per role, one entry per action (or path).
Tabel = dict[str, tuple[str, ...]]

# Every table cell holds one sign per object, in the order (zichtbaar, voorlopig):
#   +  allowed: seen (200, in lists), or the change is made (302, and the database shows it)
#   -  refused: 404, not in any list, search or CSV; a write changes nothing
#   x  the user may use this form, but not for this choice: the form says why (200) and
#      nothing changes

# P1: who sees the object, its pupil (dossier) and its schoolgegevens, path by path. Search
# ("Toevoegen") is for DOSSIERINVOER roles and the CSV export for the SWV side: a role that sees
# the object but not the page (a 404) does not find it there.
# fmt: off
ZIET: Tabel = {
    #                       lijst deta- sta-  dos-  dos-  dos-  zoe-  CSV   bij-  open  down-
    #                             il    tus-  sier  sier  sier  ken         lagen       load
    #                                   hist. basis sch.  hulp
    "ib":                  ("++", "++", "++", "++", "++", "++", "++", "--", "++", "++", "++"),
    "directeur":           ("++", "++", "++", "++", "++", "++", "++", "--", "++", "++", "++"),
    "ib_kompas":           ("--", "--", "--", "--", "--", "--", "--", "--", "--", "--", "--"),
    "scp":                 ("+-", "+-", "+-", "+-", "+-", "+-", "+-", "+-", "+-", "+-", "+-"),
    "coordinator":         ("+-", "+-", "+-", "+-", "+-", "+-", "+-", "+-", "+-", "+-", "+-"),
    "tlv_administratie":   ("+-", "+-", "+-", "+-", "+-", "+-", "+-", "+-", "+-", "+-", "+-"),
    "deskundige":          ("+-", "+-", "+-", "+-", "+-", "+-", "--", "+-", "+-", "+-", "+-"),
    "regiomanager":        ("+-", "+-", "+-", "+-", "+-", "+-", "--", "+-", "+-", "+-", "+-"),
    "beheerder":           ("++", "++", "++", "++", "++", "++", "++", "++", "++", "++", "++"),
    "ouder":               ("--", "--", "--", "--", "--", "--", "--", "--", "--", "--", "--"),
    "externe_deelnemer":   ("--", "--", "--", "--", "--", "--", "--", "--", "--", "--", "--"),
    "ib_ander_swv":        ("--", "--", "--", "--", "--", "--", "--", "--", "--", "--", "--"),
    "beheerder_ander_swv": ("--", "--", "--", "--", "--", "--", "--", "--", "--", "--", "--"),
}
# fmt: on
LEESPADEN = (
    "lijst",  # a row in Hulpvragen
    "detail",
    "statushistorie",
    "dossier",  # the three dossier tabs: Basisgegevens,
    "dossier_schoolgegevens",  # Schoolgegevens,
    "dossier_hulpvragen",  # Hulpvraag
    "zoeken",  # "Toevoegen": the pupil searched by name
    "export",  # a row in the CSV export
    "bijlagen",  # "Bijlagen hulpvraag"
    "openen",  # the attachment opened in the browser
    "downloaden",
)

# Writes on the hulpvraag. Status: R20, the preset's transitions per role. The school's step
# from zichtbaar is back to Voorlopige aanmelding, from voorlopig to OB aanvraag indienen; the
# SWV's step from zichtbaar is Doorzetten SCP, and from OB voorlopige aanvraag nobody on the SWV
# side has one (OB in behandeling is tried). R32: coördinator and labels. R46: Schoolgegevens
# bewerken, of the hulpvraag's schoolgegevens.
STATUS_NAAR = {
    "status_school": {"zichtbaar": "Voorlopige aanmelding", "voorlopig": "OB aanvraag indienen"},
    "status_swv": {"zichtbaar": "Doorzetten SCP", "voorlopig": "OB in behandeling"},
}
# fmt: off
HULPVRAAG_SCHRIJVEN: Tabel = {
    #                       status_school  status_swv  behandeling  schoolgegevens_bewerken
    "ib":                  ("++",          "xx",       "--",        "++"),
    "directeur":           ("++",          "xx",       "--",        "++"),
    "ib_kompas":           ("--",          "--",       "--",        "--"),
    "scp":                 ("x-",          "+-",       "+-",        "+-"),
    "coordinator":         ("x-",          "+-",       "+-",        "+-"),
    "tlv_administratie":   ("x-",          "+-",       "+-",        "+-"),
    "deskundige":          ("x-",          "+-",       "+-",        "--"),
    "regiomanager":        ("x-",          "+-",       "+-",        "--"),
    "beheerder":           ("x-",          "+-",       "++",        "++"),
    "ouder":               ("--",          "--",       "--",        "--"),
    "externe_deelnemer":   ("--",          "--",       "--",        "--"),
    "ib_ander_swv":        ("--",          "--",       "--",        "--"),
    "beheerder_ander_swv": ("--",          "--",       "--",        "--"),
}
# fmt: on

# Writes on the object's pupil (R14 basisgegevens and addresses, R15 schoolgegevens, R16 a new
# hulpvraag): DOSSIERINVOER roles that see the pupil. A school adds schoolgegevens at an own
# school only (De Regenboog); SWV staff at any school of the SWV (Het Kompas too).
# fmt: off
DOSSIER_SCHRIJVEN: Tabel = {
    #                       basis-     adres      adres      school-    school-    hulpvraag
    #                       gegevens   toevoegen  bewerken   gegevens   gegevens   toevoegen
    #                                                        Regenboog  Kompas
    "ib":                  ("++",      "++",      "++",      "++",      "xx",      "++"),
    "directeur":           ("++",      "++",      "++",      "++",      "xx",      "++"),
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
# fmt: on

# Writes on the attachments: adding for school and SWV staff on what they see; removing for the
# SWV side always, for the school only while the SWV cannot see the hulpvraag. A file waiting
# for an answer to a warning (here: uploaded by the ib on each object) is answered only by its
# uploader (bijlagen/rechten.py).
# fmt: off
BIJLAGEN_SCHRIJVEN: Tabel = {
    #                       bijlage            bijlage              wachtende bijlage
    #                       toevoegen          verwijderen          toevoegen           afwijzen
    "ib":                  ("++",              "-+",                "++",               "++"),
    "directeur":           ("++",              "-+",                "--",               "--"),
    "ib_kompas":           ("--",              "--",                "--",               "--"),
    "scp":                 ("+-",              "+-",                "--",               "--"),
    "coordinator":         ("+-",              "+-",                "--",               "--"),
    "tlv_administratie":   ("+-",              "+-",                "--",               "--"),
    "deskundige":          ("+-",              "+-",                "--",               "--"),
    "regiomanager":        ("+-",              "+-",                "--",               "--"),
    "beheerder":           ("++",              "++",                "--",               "--"),
    "ouder":               ("--",              "--",                "--",               "--"),
    "externe_deelnemer":   ("--",              "--",                "--",               "--"),
    "ib_ander_swv":        ("--",              "--",                "--",               "--"),
    "beheerder_ander_swv": ("--",              "--",                "--",               "--"),
}
# fmt: on

# Pages of the account, not of an object; one sign each. Toevoegen and Nieuw dossier (R13):
# DOSSIERINVOER roles ("+" for Nieuw dossier: the POST makes the pupil). CSV export and
# Managementoverzicht: the SWV side. SWV-beheer: the application administrator, of the own SWV
# only ("-" there is the admin's redirect to the login page); the other SWV's rows ("label
# ander swv") are out of reach for everyone.
# fmt: off
ACCOUNTPAGINAS: Tabel = {
    #                       toevoegen  dossier_  export  management-  swv_beheer  label_ander_
    #                                  nieuw             overzicht                swv
    "ib":                  ("+",       "+",      "-",    "-",         "-",        "-"),
    "directeur":           ("+",       "+",      "-",    "-",         "-",        "-"),
    "ib_kompas":           ("+",       "+",      "-",    "-",         "-",        "-"),
    "scp":                 ("+",       "+",      "+",    "+",         "-",        "-"),
    "coordinator":         ("+",       "+",      "+",    "+",         "-",        "-"),
    "tlv_administratie":   ("+",       "+",      "+",    "+",         "-",        "-"),
    "deskundige":          ("-",       "-",      "+",    "+",         "-",        "-"),
    "regiomanager":        ("-",       "-",      "+",    "+",         "-",        "-"),
    "beheerder":           ("+",       "+",      "+",    "+",         "+",        "-"),
    "ouder":               ("-",       "-",      "-",    "-",         "-",        "-"),
    "externe_deelnemer":   ("-",       "-",      "-",    "-",         "-",        "-"),
    "ib_ander_swv":        ("+",       "+",      "-",    "-",         "-",        "-"),
    "beheerder_ander_swv": ("+",       "+",      "+",    "+",         "+",        "-"),
}
# fmt: on
# A pupil who changed school (issue 19 item 11d): schoolgegevens at De Regenboog with a
# hulpvraag the SWV sees ("Ambulante Begeleiding" in Aanmelding), then newer schoolgegevens at
# Het Kompas. The current school is the one of the newest schoolgegevens: it alone of the
# schools changes the dossier, files new hulpvragen and sees the addresses and the parents'
# e-mail addresses. The previous school still reads the name, its own schoolgegevens (and may
# correct their contact) and its own hulpvraag. One sign per role; reads as in ZIET, writes as
# in the write tables.
# fmt: off
VERHUISD: Tabel = {
    #                       dossier contact- sch.geg. sch.geg. basis-  adres    sch.geg.  hulpvraag
    #                               gegevens oud      nieuw    gegev.  toevoeg. oud bew.  nieuw
    "ib":                  ("+",    "-",     "+",     "-",     "-",    "-",     "+",      "-"),
    "directeur":           ("+",    "-",     "+",     "-",     "-",    "-",     "+",      "-"),
    "ib_kompas":           ("+",    "+",     "-",     "+",     "+",    "+",     "-",      "+"),
    "scp":                 ("+",    "+",     "+",     "+",     "+",    "+",     "+",      "+"),
    "coordinator":         ("+",    "+",     "+",     "+",     "+",    "+",     "+",      "+"),
    "tlv_administratie":   ("+",    "+",     "+",     "+",     "+",    "+",     "+",      "+"),
    "deskundige":          ("+",    "+",     "+",     "+",     "-",    "-",     "-",      "-"),
    "regiomanager":        ("+",    "+",     "+",     "+",     "-",    "-",     "-",      "-"),
    "beheerder":           ("+",    "+",     "+",     "+",     "+",    "+",     "+",      "+"),
    "ouder":               ("-",    "-",     "-",     "-",     "-",    "-",     "-",      "-"),
    "externe_deelnemer":   ("-",    "-",     "-",     "-",     "-",    "-",     "-",      "-"),
    "ib_ander_swv":        ("-",    "-",     "-",     "-",     "-",    "-",     "-",      "-"),
    "beheerder_ander_swv": ("-",    "-",     "-",     "-",     "-",    "-",     "-",      "-"),
}
# fmt: on
VERHUISD_ACTIES = (
    "dossier",
    "contactgegevens",
    "schoolgegevens_oud",
    "schoolgegevens_nieuw",
    "basisgegevens",
    "adres_toevoegen",
    "schoolgegevens_bewerken",
    "hulpvraag_nieuwe_school",
)
VERHUISD_LEZEN = VERHUISD_ACTIES[:4]
HULPVRAAG_ACTIES = ("status_school", "status_swv", "behandeling", "schoolgegevens_bewerken")
DOSSIER_ACTIES = (
    "basisgegevens",
    "adres_toevoegen",
    "adres_bewerken",
    "schoolgegevens_regenboog",
    "schoolgegevens_kompas",
    "hulpvraag_toevoegen",
)
BIJLAGEN_ACTIES = (
    "bijlage_toevoegen",
    "bijlage_verwijderen",
    "wachtend_toevoegen",
    "wachtend_afwijzen",
)
ACCOUNTACTIES = (
    "toevoegen",
    "dossier_nieuw",
    "export",
    "managementoverzicht",
    "swv_beheer",
    "label_ander_swv",
)

# Cells where the code does not follow the decisions above: (action, role, object) → what was
# observed. Each is an expected failure that must fail (strict), so a fix shows up at once.
AFWIJKINGEN: dict[tuple[str, str, str], str] = {}


# --- The environment, built once for the module ----------------------------------------------


@dataclass
class Matrix:
    ppo: Samenwerkingsverband
    ander_swv: Samenwerkingsverband
    regenboog: School
    kompas: School
    spoed: Label  # a label of PPO
    label_ander_swv: Label
    accounts: dict[str, Gebruiker] = field(default_factory=dict)
    clients: dict[str, Client] = field(default_factory=dict)
    objecten: dict[str, Hulpvraag] = field(default_factory=dict)
    bijlagen: dict[str, Bijlage] = field(default_factory=dict)
    wachtend: dict[str, WachtendeBijlage] = field(default_factory=dict)
    adressen: dict[str, Adres] = field(default_factory=dict)
    verhuisd_nieuw: Schoolgegevens | None = None  # the moved pupil's schoolgegevens at Het Kompas

    def hulpvraag(self, object: str) -> Hulpvraag:
        """The object as the database has it now (a cell never works on a stale copy)."""
        return Hulpvraag.objects.select_related("status", "leerling", "schoolgegevens").get(
            pk=self.objecten[object].pk
        )


NAMEN = {
    "zichtbaar": ("Jan", "van", "Boven"),
    "voorlopig": ("Mila", "", "Sterk"),
    "verhuisd": ("Daan", "", "Wisselink"),
}
VERHUISD_CONTACT = {"oud": "Contact Regenboog Wisselink", "nieuw": "Contact Kompas Wisselink"}


def volledige_naam(object: str) -> str:
    return " ".join(deel for deel in NAMEN[object] if deel)


def matrix_bouwen() -> Matrix:
    """PPO Rotterdam as the hulpvragen tests' `omgeving` has it (the preset, De Regenboog in
    IJsselmonde, Het Kompas in Noord, SWV PO9999), with an account for every role."""
    ppo = SamenwerkingsverbandFactory.create(code="PO2806", naam="PPO Rotterdam")
    ijsselmonde = RegioFactory.create(swv=ppo, naam="IJsselmonde")
    noord = RegioFactory.create(swv=ppo, naam="Noord")
    call_command("preset_laden", "PO2806", verbosity=0)
    regenboog = SchoolFactory.create(swv=ppo, naam="De Regenboog", code="12AB00", regio=ijsselmonde)
    kompas = SchoolFactory.create(swv=ppo, naam="Het Kompas", code="23CD00", regio=noord)
    ander_swv = SamenwerkingsverbandFactory.create(code="PO9999", naam="SWV Voorbeeldstad")
    m = Matrix(
        ppo=ppo,
        ander_swv=ander_swv,
        regenboog=regenboog,
        kompas=kompas,
        spoed=Label.objects.create(swv=ppo, naam="Spoed"),
        label_ander_swv=Label.objects.create(swv=ander_swv, naam="Voorbeeldstadlabel"),
    )
    scp = account_maken(ppo, "pjansen", rol="schoolcontactpersoon")
    for school in (regenboog, kompas):
        Schoolcontactpersoon.objects.create(school=school, gebruiker=scp)
    m.accounts = {
        "ib": account_maken(ppo, "iverhoef", scholen=(regenboog,)),
        "directeur": account_maken(ppo, "dbos", rol="directeur", scholen=(regenboog,)),
        "ib_kompas": account_maken(ppo, "hschaap", scholen=(kompas,)),
        "scp": scp,
        "coordinator": account_maken(ppo, "kbakker", rol="coordinator"),
        "tlv_administratie": account_maken(ppo, "tvos", rol="tlv_administratie"),
        "deskundige": account_maken(ppo, "dsmit", rol="deskundige"),
        "regiomanager": account_maken(ppo, "smeijer", rol="regiomanager"),
        "beheerder": account_maken(ppo, "bhendriks", rol="applicatiebeheerder"),
        "ouder": account_maken(ppo, "opeters", rol="ouder"),
        "externe_deelnemer": account_maken(ppo, "evisser", rol="externe_deelnemer"),
        "ib_ander_swv": account_maken(ander_swv, "iverhoef"),
        "beheerder_ander_swv": account_maken(ander_swv, "bhendriks", rol="applicatiebeheerder"),
    }
    assert tuple(m.accounts) == ROLLEN
    for rol, gebruiker in m.accounts.items():
        m.clients[rol] = Client()
        inloggen(m.clients[rol], gebruiker)

    ib = m.accounts["ib"]
    titels = {"zichtbaar": "Ambulante Begeleiding", "voorlopig": "Ondersteuningsbudget"}
    for object, titel in titels.items():
        roepnaam, tussenvoegsel, achternaam = NAMEN[object]
        hulpvraag = hulpvraag_op_school(
            ib,
            regenboog,
            titel,
            roepnaam=roepnaam,
            tussenvoegsel=tussenvoegsel,
            achternaam=achternaam,
        )
        m.objecten[object] = hulpvraag
        m.bijlagen[object] = toevoegen(hulpvraag, ib, "OPP.pdf", bestanden.pdf())
        with tempfile.TemporaryDirectory() as map:
            # A meaningless name: the file waits for its uploader's answer (R4).
            wachtend = bestand_aanbieden(
                hulpvraag=hulpvraag,
                pad=bestanden.schrijven(Path(map) / "upload.tmp", bestanden.png()),
                bestandsnaam="IMG_1234.png",
                door=ib,
            )
        assert isinstance(wachtend, WachtendeBijlage)
        m.wachtend[object] = wachtend
        m.adressen[object] = adres_toevoegen(
            leerling=hulpvraag.leerling,
            door=ib,
            straat="Slinge",
            huisnummer=1,
            postcode="3085 EA",
            plaats="Rotterdam",
        )
    # Ready to submit (R23): the school's status step is then allowed to the school alone.
    ob_aanvraag_invullen(m.hulpvraag("voorlopig"), ib, m.accounts["directeur"])
    verhuisd_bouwen(m)
    assert m.hulpvraag("zichtbaar").status.naam == "Aanmelding"
    assert m.hulpvraag("zichtbaar").status.zichtbaar_voor_swv
    assert m.hulpvraag("voorlopig").status.naam == "OB voorlopige aanvraag"
    assert not m.hulpvraag("voorlopig").status.zichtbaar_voor_swv
    return m


def verhuisd_bouwen(m: Matrix) -> None:
    """The pupil who moved from De Regenboog (with a hulpvraag there) to Het Kompas, whose
    newer schoolgegevens the SWV's coördinator enters; m.objecten["verhuisd"] is the old
    school's hulpvraag (not in OBJECTEN: only the VERHUISD table reads it)."""
    ib, ib_kompas = m.accounts["ib"], m.accounts["ib_kompas"]
    roepnaam, _, achternaam = NAMEN["verhuisd"]
    leerling = leerling_aanmaken(
        door=ib,
        roepnaam=roepnaam,
        achternaam=achternaam,
        geboortedatum=date(2015, 6, 1),
        ouder_emailadressen="ouders.wisselink@example.nl",
    )
    oud = schoolgegevens_toevoegen(
        leerling=leerling,
        school=m.regenboog,
        door=ib,
        aanvrager=ib,
        contactpersoon=VERHUISD_CONTACT["oud"],
        email=ib.email,
    )
    adres_toevoegen(
        leerling=leerling,
        door=ib,
        straat="Slinge",
        huisnummer=1,
        postcode="3085 EA",
        plaats="Rotterdam",
    )
    m.objecten["verhuisd"] = hulpvraag_aanmaken(
        leerling=leerling,
        schoolgegevens=oud,
        titel=Hulpvraagtitel.objects.get(swv=m.ppo, naam="Ambulante Begeleiding"),
        door=ib,
        omschrijving="Op het gebied van gedrag.",
    )
    m.verhuisd_nieuw = schoolgegevens_toevoegen(
        leerling=leerling,
        school=m.kompas,
        door=m.accounts["coordinator"],
        aanvrager=ib_kompas,
        contactpersoon=VERHUISD_CONTACT["nieuw"],
        email=ib_kompas.email,
    )


@pytest.fixture(scope="module")
def matrix(
    django_db_setup: None,
    django_db_blocker: DjangoDbBlocker,
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[Matrix]:
    """Built once per module in a transaction rolled back at its end. The settings the autouse
    fixtures of passend/conftest.py give each test are set here for the whole module: a fast
    password hasher, tasks run in the test, and one attachments folder (the files stored now
    are read by later cells)."""
    opslag = tmp_path_factory.mktemp("rechtenmatrix")
    instellingen = override_settings(
        PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"],
        TASKS={"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}},
        STORAGES={
            **settings.STORAGES,
            "bijlagen": {
                "BACKEND": "django.core.files.storage.FileSystemStorage",
                "OPTIONS": {"location": str(opslag), "base_url": None},
            },
        },
    )
    with instellingen, django_db_blocker.unblock(), transaction.atomic():
        yield matrix_bouwen()
        transaction.set_rollback(True)


@pytest.fixture(autouse=True)
def _bijlagen_in_tijdelijke_map(matrix: Matrix) -> None:
    """Replaces passend/conftest.py's folder per test: this module's cells share the folder the
    module's attachments were stored in."""


def cellen(tabel: Tabel, acties: tuple[str, ...]) -> list[Any]:
    """pytest parameters (action, role, object, sign) for every cell of a table, with the
    deviations of AFWIJKINGEN marked as strict expected failures."""
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


def cellen_per_object(
    tabel: Tabel, acties: tuple[str, ...], objecten: tuple[str, ...]
) -> list[Any]:
    """pytest parameters (action, role, object, sign) for every cell of a table of another
    matrix file (SWV-beheer's screens), which has no deviations."""
    return [
        pytest.param(actie, rol, object, tabel[rol][kolom][index], id=f"{rol}-{object}-{actie}")
        for kolom, actie in enumerate(acties)
        for rol in ROLLEN
        for index, object in enumerate(objecten)
    ]


def beheer_schrijven_controleren(schrijven: Callable[[], tuple[Any, bool]], teken: str) -> None:
    """A write of SWV-beheer: allowed (+), it redirects, changes and adds to the beheerlog;
    refused (-), a 404 and nothing changed, nothing logged."""
    log_voor = Beheerhandeling.objects.count()
    antwoord, veranderd = schrijven()
    if teken == "+":
        assert antwoord.status_code == 302, antwoord.content.decode()[-2000:]
        assert veranderd
        assert Beheerhandeling.objects.count() > log_voor
    else:
        assert antwoord.status_code == 404
        assert not veranderd
        assert Beheerhandeling.objects.count() == log_voor


def _afwijking(actie: str, rol: str, object: str) -> list[pytest.MarkDecorator]:
    reden = AFWIJKINGEN.get((actie, rol, object))
    return [pytest.mark.xfail(strict=True, reason=reden)] if reden else []


def inzage_aantal() -> int:
    return Inzage.objects.count()


# --- Reads -----------------------------------------------------------------------------------


def _bytes(antwoord: HttpResponseBase) -> bytes:
    if isinstance(antwoord, StreamingHttpResponse):  # a file, or the CSV export
        return b"".join(cast(Iterable[bytes], antwoord.streaming_content))
    assert isinstance(antwoord, HttpResponse)
    return antwoord.content


def _inhoud(antwoord: HttpResponseBase) -> str:
    return _bytes(antwoord).decode(errors="replace")


def gezien(m: Matrix, rol: str, object: str, pad: str) -> bool:
    """Whether the role gets the object on this path, as a user would notice: a page (200) that
    shows it, or a list that names it. A path refused is a 404, never a 403 or an error."""
    client = m.clients[rol]
    hulpvraag = m.hulpvraag(object)
    referentie, naam = hulpvraag.referentie, volledige_naam(object)
    bijlage = m.bijlagen[object]
    lijsten: dict[str, tuple[str, dict[str, str], list[str]]] = {
        "lijst": (reverse("hulpvragen:lijst"), {}, [referentie, naam]),
        "zoeken": (reverse("hulpvragen:toevoegen"), {"naam": NAMEN[object][2]}, [naam]),
        "export": (reverse("hulpvragen:export"), {}, [referentie, NAMEN[object][2]]),
    }
    if pad in lijsten:
        url, zoek, kenmerken = lijsten[pad]
        antwoord = client.get(url, zoek)
        assert antwoord.status_code in (200, 404), (pad, antwoord.status_code)
        if antwoord.status_code == 404:  # the page itself is not the role's
            return False
        inhoud = _inhoud(antwoord)
        aanwezig = [kenmerk in inhoud for kenmerk in kenmerken]
        assert all(aanwezig) or not any(aanwezig), (pad, kenmerken, aanwezig)
        return all(aanwezig)

    paginas: dict[str, tuple[str, Callable[[HttpResponseBase], bool]]] = {
        "detail": (
            reverse("hulpvragen:detail", args=[referentie]),
            lambda a: referentie in _inhoud(a),
        ),
        "statushistorie": (
            reverse("hulpvragen:statushistorie", args=[referentie]),
            lambda a: hulpvraag.status.naam in _inhoud(a),
        ),
        "dossier": (
            reverse("hulpvragen:dossier", args=[hulpvraag.leerling_id]),
            lambda a: naam in _inhoud(a),
        ),
        "dossier_schoolgegevens": (
            reverse("hulpvragen:dossier_schoolgegevens", args=[hulpvraag.leerling_id]),
            lambda a: naam in _inhoud(a) and "De Regenboog" in _inhoud(a),
        ),
        "dossier_hulpvragen": (
            reverse("hulpvragen:dossier_hulpvragen", args=[hulpvraag.leerling_id]),
            lambda a: naam in _inhoud(a) and referentie in _inhoud(a),
        ),
        "bijlagen": (
            reverse("bijlagen:lijst", args=[referentie]),
            lambda a: "OPP.pdf" in _inhoud(a),
        ),
        "openen": (
            reverse("bijlagen:openen", args=[referentie, bijlage.pk]),
            lambda a: hashlib.sha256(_bytes(a)).hexdigest() == bijlage.sha256,
        ),
        "downloaden": (
            reverse("bijlagen:downloaden", args=[referentie, bijlage.pk]),
            lambda a: hashlib.sha256(_bytes(a)).hexdigest() == bijlage.sha256,
        ),
    }
    url, toont = paginas[pad]
    antwoord = client.get(url)
    assert antwoord.status_code in (200, 404), (pad, antwoord.status_code)
    if antwoord.status_code == 404:
        return False
    assert toont(antwoord), f"{pad} answered 200 without showing the object"
    return True


def leescellen() -> list[Any]:
    return [
        pytest.param(
            rol,
            object,
            pad,
            ZIET[rol][kolom][index],
            id=f"{rol}-{object}-{pad}",
            marks=_afwijking(pad, rol, object),
        )
        for kolom, pad in enumerate(LEESPADEN)
        for rol in ROLLEN
        for index, object in enumerate(OBJECTEN)
    ]


@pytest.mark.django_db
@pytest.mark.parametrize("rol, object, pad, teken", leescellen())
def test_p1_asvs_v4_2_1_who_sees_an_object_gets_it_on_every_path_everyone_else_a_404(
    matrix: Matrix, rol: str, object: str, pad: str, teken: str
) -> None:
    assert gezien(matrix, rol, object, pad) is (teken == "+")


# --- Writes ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Schrijfactie:
    """One POST: where to, what a browser sends, what the database shows before and after, and
    the message the form shows when the user may use it but not for this choice."""

    url: Callable[[Matrix, str], str]
    gegevens: Callable[[Matrix, str], dict[str, Any]]
    stand: Callable[[Matrix, str], Any]
    na: Callable[[Matrix, str, Any], Any]
    melding: str = ""


def _status(m: Matrix, object: str, kolom: str) -> Status:
    hulpvraag = m.hulpvraag(object)
    return Status.objects.get(proces=hulpvraag.status.proces_id, naam=STATUS_NAAR[kolom][object])


def _statusactie(kolom: str) -> Schrijfactie:
    return Schrijfactie(
        url=lambda m, o: reverse("hulpvragen:status_wijzigen", args=[m.hulpvraag(o).referentie]),
        gegevens=lambda m, o: {
            "naar": _status(m, o, kolom).pk,
            "reden": "Volgende stap.",
            "huidige_status": m.hulpvraag(o).status_id,
        },
        stand=lambda m, o: (m.hulpvraag(o).status.naam, m.hulpvraag(o).statuswijzigingen.count()),
        na=lambda m, o, voor: (STATUS_NAAR[kolom][o], voor[1] + 1),
        melding="kunt u niet kiezen",
    )


def _behandeling(m: Matrix, object: str) -> tuple[str | None, list[str]]:
    hulpvraag = m.hulpvraag(object)
    coordinator = hulpvraag.coordinator.gebruikersnaam if hulpvraag.coordinator else None
    return coordinator, sorted(label.naam for label in hulpvraag.labels.all())


def _schoolgegevens(m: Matrix, object: str) -> Schoolgegevens:
    return Schoolgegevens.objects.get(pk=m.objecten[object].schoolgegevens_id)


def _leerling(m: Matrix, object: str) -> Leerling:
    return Leerling.objects.get(pk=m.objecten[object].leerling_id)


def _scholen_van_leerling(m: Matrix, object: str) -> list[str]:
    return sorted(
        Schoolgegevens.objects.filter(leerling=m.objecten[object].leerling_id).values_list(
            "school__code", flat=True
        )
    )


def _titels_van_leerling(m: Matrix, object: str) -> list[str]:
    return sorted(
        Hulpvraag.objects.filter(leerling=m.objecten[object].leerling_id).values_list(
            "titel__naam", flat=True
        )
    )


def bijlagenstand(m: Matrix, object: str) -> tuple[list[str], int]:
    """The attachments' names and the number of files still waiting."""
    hulpvraag = m.objecten[object]
    return (
        sorted(Bijlage.objects.filter(hulpvraag=hulpvraag).values_list("bestandsnaam", flat=True)),
        WachtendeBijlage.objects.filter(hulpvraag=hulpvraag).count(),
    )


SCHOOLGEGEVENS_NIEUW = {
    "schoolgegevens_regenboog": ("12AB00", "ib"),
    "schoolgegevens_kompas": ("23CD00", "ib_kompas"),
}


def _schoolgegevensactie(kolom: str) -> Schrijfactie:
    code, aanvrager = SCHOOLGEGEVENS_NIEUW[kolom]
    return Schrijfactie(
        url=lambda m, o: reverse(
            "hulpvragen:schoolgegevens_nieuw", args=[m.objecten[o].leerling_id]
        ),
        gegevens=lambda m, o: {
            "school": code,
            "groep": "6",
            "aanvrager": m.accounts[aanvrager].pk,
            "contactpersoon": m.accounts[aanvrager].volledige_naam,
            "email": m.accounts[aanvrager].email,
        },
        stand=_scholen_van_leerling,
        na=lambda m, o, voor: sorted([*voor, code]),
        melding="Geen school gevonden",
    )


SCHRIJFACTIES: dict[str, Schrijfactie] = {
    "status_school": _statusactie("status_school"),
    "status_swv": _statusactie("status_swv"),
    "behandeling": Schrijfactie(
        url=lambda m, o: reverse(
            "hulpvragen:behandeling_wijzigen", args=[m.objecten[o].referentie]
        ),
        gegevens=lambda m, o: {
            "coordinator": m.accounts["coordinator"].pk,
            "labels": [m.spoed.pk],
        },
        stand=_behandeling,
        na=lambda m, o, voor: ("kbakker", ["Spoed"]),
    ),
    "schoolgegevens_bewerken": Schrijfactie(
        url=lambda m, o: reverse(
            "hulpvragen:schoolgegevens_bewerken", args=[m.objecten[o].referentie]
        ),
        gegevens=lambda m, o: {
            "aanvrager": m.accounts["directeur"].pk,
            "contactpersoon": "Dirk Bos",
            "email": "directie@regenboog.example.nl",
            "telefoon": "010 765 43 21",
        },
        stand=lambda m, o: (
            _schoolgegevens(m, o).aanvrager.gebruikersnaam,
            _schoolgegevens(m, o).telefoon,
        ),
        na=lambda m, o, voor: ("dbos", "010 765 43 21"),
    ),
    "basisgegevens": Schrijfactie(
        url=lambda m, o: reverse(
            "hulpvragen:basisgegevens_wijzigen", args=[m.objecten[o].leerling_id]
        ),
        gegevens=lambda m, o: {
            "roepnaam": NAMEN[o][0],
            "tussenvoegsel": NAMEN[o][1],
            "achternaam": "Visser",
            "geboortedatum": "03-09-2016",
            "geslacht": "0",
        },
        stand=lambda m, o: _leerling(m, o).achternaam,
        na=lambda m, o, voor: "Visser",
    ),
    "adres_toevoegen": Schrijfactie(
        url=lambda m, o: reverse("hulpvragen:adres_nieuw", args=[m.objecten[o].leerling_id]),
        gegevens=lambda m, o: {
            "soort": "postadres",
            "straat": "Keizerstraat",
            "huisnummer": "7",
            "postcode": "3011 GA",
            "plaats": "Rotterdam",
            "land": "Nederland",
        },
        stand=lambda m, o: sorted(_leerling(m, o).adressen.values_list("straat", flat=True)),
        na=lambda m, o, voor: sorted([*voor, "Keizerstraat"]),
    ),
    "adres_bewerken": Schrijfactie(
        url=lambda m, o: reverse(
            "hulpvragen:adres_bewerken", args=[m.objecten[o].leerling_id, m.adressen[o].pk]
        ),
        gegevens=lambda m, o: {
            "soort": "woonadres",
            "straat": "Slinge",
            "huisnummer": "2",
            "postcode": "3085 EA",
            "plaats": "Rotterdam",
            "land": "Nederland",
        },
        stand=lambda m, o: Adres.objects.get(pk=m.adressen[o].pk).huisnummer,
        na=lambda m, o, voor: 2,
    ),
    "schoolgegevens_regenboog": _schoolgegevensactie("schoolgegevens_regenboog"),
    "schoolgegevens_kompas": _schoolgegevensactie("schoolgegevens_kompas"),
    "hulpvraag_toevoegen": Schrijfactie(
        url=lambda m, o: reverse("hulpvragen:hulpvraag_nieuw", args=[m.objecten[o].leerling_id]),
        gegevens=lambda m, o: {
            "schoolgegevens": m.objecten[o].schoolgegevens_id,
            "titel": Hulpvraagtitel.objects.get(swv=m.ppo, naam="Ambulante Begeleiding").pk,
            "omschrijving": "Op het gebied van rekenen.",
            "hulpvraagdatum": timezone.localdate().strftime("%d-%m-%Y"),
        },
        stand=_titels_van_leerling,
        na=lambda m, o, voor: sorted([*voor, "Ambulante Begeleiding"]),
    ),
    "bijlage_toevoegen": Schrijfactie(
        url=lambda m, o: reverse("bijlagen:toevoegen", args=[m.objecten[o].referentie]),
        gegevens=lambda m, o: {
            "documenttype": "overig",
            "bestanden": [
                SimpleUploadedFile(
                    "Verslag groep 5.txt",
                    bestanden.txt(),
                    content_type="application/octet-stream",
                )
            ],
        },
        stand=bijlagenstand,
        na=lambda m, o, voor: (sorted([*voor[0], "Verslag groep 5.txt"]), voor[1]),
    ),
    "bijlage_verwijderen": Schrijfactie(
        url=lambda m, o: reverse(
            "bijlagen:verwijderen", args=[m.objecten[o].referentie, m.bijlagen[o].pk]
        ),
        gegevens=lambda m, o: {"reden": "Dubbel aangeleverd."},
        stand=bijlagenstand,
        na=lambda m, o, voor: ([naam for naam in voor[0] if naam != "OPP.pdf"], voor[1]),
    ),
    "wachtend_toevoegen": Schrijfactie(
        url=lambda m, o: reverse(
            "bijlagen:wachtend", args=[m.objecten[o].referentie, m.wachtend[o].pk]
        ),
        gegevens=lambda m, o: {"bestandsnaam": "Leerlingkaart.png", "documenttype": "overig"},
        stand=bijlagenstand,
        na=lambda m, o, voor: (sorted([*voor[0], "Leerlingkaart.png"]), voor[1] - 1),
    ),
    "wachtend_afwijzen": Schrijfactie(
        url=lambda m, o: reverse(
            "bijlagen:wachtend", args=[m.objecten[o].referentie, m.wachtend[o].pk]
        ),
        gegevens=lambda m, o: {"niet_toevoegen": "Niet toevoegen"},
        stand=bijlagenstand,
        na=lambda m, o, voor: (voor[0], voor[1] - 1),
    ),
}


def schrijven_via_scherm(m: Matrix, rol: str, object: str, actie: str, teken: str) -> None:
    """POSTs as the role and checks the answer and the database against the sign."""
    schrijfactie = SCHRIJFACTIES[actie]
    voor = schrijfactie.stand(m, object)
    inzage_voor = inzage_aantal()
    antwoord = m.clients[rol].post(schrijfactie.url(m, object), schrijfactie.gegevens(m, object))
    na = schrijfactie.stand(m, object)
    if teken == "+":
        assert antwoord.status_code == 302, (antwoord.status_code, _inhoud(antwoord)[:3000])
        assert na == schrijfactie.na(m, object, voor)
        assert na != voor
    elif teken == "x":
        assert antwoord.status_code == 200, antwoord.status_code
        assert schrijfactie.melding in _inhoud(antwoord)
        assert na == voor
    else:
        assert antwoord.status_code == 404, antwoord.status_code
        assert na == voor
        assert inzage_aantal() == inzage_voor  # not even a read was logged


@pytest.mark.django_db
@pytest.mark.parametrize("actie, rol, object, teken", cellen(HULPVRAAG_SCHRIJVEN, HULPVRAAG_ACTIES))
def test_r20_r32_r46_asvs_v4_2_1_status_coordinator_labels_and_schoolgegevens_by_role(
    matrix: Matrix, actie: str, rol: str, object: str, teken: str
) -> None:
    schrijven_via_scherm(matrix, rol, object, actie, teken)


@pytest.mark.django_db
@pytest.mark.parametrize("actie, rol, object, teken", cellen(DOSSIER_SCHRIJVEN, DOSSIER_ACTIES))
def test_r14_r15_r16_asvs_v4_2_1_dossier_writes_only_by_dossierinvoer_roles_that_see_the_pupil(
    matrix: Matrix, actie: str, rol: str, object: str, teken: str
) -> None:
    schrijven_via_scherm(matrix, rol, object, actie, teken)


@pytest.mark.django_db
@pytest.mark.parametrize("actie, rol, object, teken", cellen(BIJLAGEN_SCHRIJVEN, BIJLAGEN_ACTIES))
def test_asvs_v4_2_1_attachments_added_and_removed_only_by_who_may(
    matrix: Matrix, actie: str, rol: str, object: str, teken: str
) -> None:
    schrijven_via_scherm(matrix, rol, object, actie, teken)


# --- Pages of the account --------------------------------------------------------------------


def _swv_beheer_label_url(label: Label) -> str:
    return reverse("swvbeheer:instelling", args=["labels", label.pk])


def accountpagina(m: Matrix, rol: str, actie: str, teken: str) -> None:
    client = m.clients[rol]
    gebruiker = m.accounts[rol]
    if actie in ("toevoegen", "export", "managementoverzicht"):
        naam = {
            "toevoegen": "hulpvragen:toevoegen",
            "export": "hulpvragen:export",
            "managementoverzicht": "rapportages:managementoverzicht",
        }[actie]
        assert client.get(reverse(naam)).status_code == (200 if teken == "+" else 404)
    elif actie == "dossier_nieuw":
        url = reverse("hulpvragen:dossier_nieuw")
        assert client.get(url).status_code == (200 if teken == "+" else 404)
        inzage_voor = inzage_aantal()
        antwoord = client.post(
            url,
            {
                "roepnaam": "Noor",
                "tussenvoegsel": "",
                "achternaam": "Matrix",
                "geboortedatum": "12-05-2017",
                "geslacht": "0",
            },
        )
        nieuw = Leerling.objects.filter(achternaam="Matrix")
        if teken == "+":
            assert antwoord.status_code == 302
            leerling = nieuw.get()
            assert leerling.swv_id == gebruiker.swv_id
            assert leerling.aangemaakt_door == gebruiker
            # Issue 19 item 11e: who enters a dossier sees it right after, SWV staff too.
            dossier = client.get(antwoord["Location"])
            assert dossier.status_code == 200
            assert "Noor Matrix" in _inhoud(dossier)
        else:
            assert antwoord.status_code == 404
            assert not nieuw.exists()
            assert inzage_aantal() == inzage_voor
    elif actie == "swv_beheer":
        eigen_label = m.spoed if gebruiker.swv_id == m.ppo.pk else m.label_ander_swv
        for url in (reverse("swvbeheer:index"), _swv_beheer_label_url(eigen_label)):
            assert client.get(url).status_code == (200 if teken == "+" else 404), url
        if teken == "+":
            assert eigen_label.naam in _inhoud(client.get(_swv_beheer_label_url(eigen_label)))
    else:  # label_ander_swv: another SWV's row in SWV-beheer, by its id
        vreemd = m.label_ander_swv if gebruiker.swv_id == m.ppo.pk else m.spoed
        assert teken == "-"
        assert client.get(_swv_beheer_label_url(vreemd)).status_code == 404
        lijst = client.get(reverse("swvbeheer:instellingen", args=["labels"]))
        assert vreemd.naam not in _inhoud(lijst)


def accountcellen() -> list[Any]:
    return [
        pytest.param(
            actie,
            rol,
            ACCOUNTPAGINAS[rol][kolom],
            id=f"{rol}-{actie}",
            marks=_afwijking(actie, rol, "-"),
        )
        for kolom, actie in enumerate(ACCOUNTACTIES)
        for rol in ROLLEN
    ]


@pytest.mark.django_db
@pytest.mark.parametrize("actie, rol, teken", accountcellen())
def test_r13_asvs_v4_2_1_account_pages_toevoegen_nieuw_dossier_export_overzicht_swv_beheer(
    matrix: Matrix, actie: str, rol: str, teken: str
) -> None:
    accountpagina(matrix, rol, actie, teken)


# --- A pupil who changed school (issue 19 item 11d) -------------------------------------------


def verhuisd_gezien(m: Matrix, rol: str, pad: str) -> bool:
    client = m.clients[rol]
    leerling_id = m.objecten["verhuisd"].leerling_id
    naam = volledige_naam("verhuisd")
    tab = (
        "hulpvragen:dossier_schoolgegevens"
        if pad.startswith("schoolgegevens")
        else ("hulpvragen:dossier")
    )
    antwoord = client.get(reverse(tab, args=[leerling_id]))
    assert antwoord.status_code in (200, 404), (pad, antwoord.status_code)
    if antwoord.status_code == 404:
        return False
    inhoud = _inhoud(antwoord)
    assert naam in inhoud
    if pad == "dossier":
        return True
    if pad == "contactgegevens":
        kenmerken = ["Slinge", "ouders.wisselink@example.nl"]
    else:
        kenmerken = [VERHUISD_CONTACT["oud" if pad == "schoolgegevens_oud" else "nieuw"]]
    aanwezig = [kenmerk in inhoud for kenmerk in kenmerken]
    assert all(aanwezig) or not any(aanwezig), (pad, aanwezig)
    return all(aanwezig)


VERHUISD_SCHRIJFACTIES: dict[str, Schrijfactie] = {
    "basisgegevens": SCHRIJFACTIES["basisgegevens"],
    "adres_toevoegen": SCHRIJFACTIES["adres_toevoegen"],
    "schoolgegevens_bewerken": SCHRIJFACTIES["schoolgegevens_bewerken"],
    "hulpvraag_nieuwe_school": Schrijfactie(
        url=lambda m, o: reverse("hulpvragen:hulpvraag_nieuw", args=[m.objecten[o].leerling_id]),
        gegevens=lambda m, o: {
            "schoolgegevens": cast(Schoolgegevens, m.verhuisd_nieuw).pk,
            "titel": Hulpvraagtitel.objects.get(swv=m.ppo, naam="Ambulante Begeleiding").pk,
            "omschrijving": "Op het gebied van rekenen.",
            "hulpvraagdatum": timezone.localdate().strftime("%d-%m-%Y"),
        },
        stand=_titels_van_leerling,
        na=lambda m, o, voor: sorted([*voor, "Ambulante Begeleiding"]),
    ),
}


def verhuisdcellen() -> list[Any]:
    return [
        pytest.param(actie, rol, VERHUISD[rol][kolom], id=f"{rol}-verhuisd-{actie}")
        for kolom, actie in enumerate(VERHUISD_ACTIES)
        for rol in ROLLEN
    ]


@pytest.mark.django_db
@pytest.mark.parametrize("actie, rol, teken", verhuisdcellen())
def test_i19_p1_r14_r16_after_a_move_only_the_current_school_changes_the_dossier(
    matrix: Matrix, actie: str, rol: str, teken: str
) -> None:
    if actie in VERHUISD_LEZEN:
        assert verhuisd_gezien(matrix, rol, actie) is (teken == "+")
        return
    schrijfactie = SCHRIJFACTIES.get(actie)
    SCHRIJFACTIES[actie] = VERHUISD_SCHRIJFACTIES[actie]
    try:
        schrijven_via_scherm(matrix, rol, "verhuisd", actie, teken)
    finally:
        if schrijfactie is None:
            del SCHRIJFACTIES[actie]
        else:
            SCHRIJFACTIES[actie] = schrijfactie

"""Issue 18: what a new user trips over on the entry screens. Names typed with invisible
characters (18.2), dates that do not exist or lie ahead (18.4), foreign addresses (18.5)."""

from datetime import date
from importlib import import_module
from types import SimpleNamespace

import pytest
from django.apps import apps
from django.db import connection
from django.urls import reverse

from passend.dossiers.models import Leerling
from passend.dossiers.services import leerling_aanmaken
from passend.hulpvragen.tests.factories import hulpvraag_op_school

pytestmark = pytest.mark.django_db

ZACHT = "\u00ad"  # soft hyphen: invisible in most fonts, pasted from word processors
LIJST = reverse("hulpvragen:lijst")
TOEVOEGEN = reverse("hulpvragen:toevoegen")
DOSSIER_NIEUW = reverse("hulpvragen:dossier_nieuw")


# --- 18.2: names and search texts normalised the same way -------------------------------------


def test_r13_name_typed_with_a_soft_hyphen_is_stored_without_it_and_found(omgeving):
    client = omgeving.client(omgeving.ib_regenboog)
    antwoord = client.post(
        DOSSIER_NIEUW,
        {
            "roepnaam": "\u200bElif",
            "tussenvoegsel": "",
            "achternaam": f"Öz{ZACHT}türk\u200e",
            "geboortedatum": "03-09-2016",
            "geslacht": "1",
        },
    )
    assert antwoord.status_code == 302
    leerling = Leerling.objects.get()
    assert (leerling.roepnaam, leerling.achternaam) == ("Elif", "Öztürk")
    assert leerling.zoeknaam == "elif ozturk"
    for zoek in ("ozturk", "öztürk", f"Öz{ZACHT}türk", "elif\u00a0öz"):
        pagina = client.get(TOEVOEGEN, {"naam": zoek}).content.decode()
        assert "Elif Öztürk" in pagina, zoek


def test_r13_soft_hyphen_does_not_escape_the_duplicate_warning(omgeving):
    hulpvraag_op_school(
        omgeving.ib_regenboog,
        omgeving.regenboog,
        roepnaam="Elif",
        tussenvoegsel="",
        achternaam="Öztürk",
        geboortedatum=date(2016, 9, 3),
    )
    client = omgeving.client(omgeving.ib_regenboog)
    pagina = client.post(
        DOSSIER_NIEUW,
        {
            "roepnaam": "Elif",
            "tussenvoegsel": "",
            "achternaam": f"Öz{ZACHT}türk",
            "geboortedatum": "03-09-2016",
            "geslacht": "1",
        },
    ).content.decode()
    assert "al een dossier van een leerling met dezelfde naam en geboortedatum" in pagina
    assert Leerling.objects.count() == 1
    assert f"Öz{ZACHT}türk" in pagina  # what was typed is shown again as typed


def test_r13_r50_overview_search_with_invisible_characters_finds_the_pupil(omgeving):
    # Another channel than the form (the API, an intake) goes through the same service.
    hulpvraag_op_school(
        omgeving.ib_regenboog,
        omgeving.regenboog,
        roepnaam="Elif",
        tussenvoegsel="",
        achternaam=f"Öz{ZACHT}türk",
    )
    assert Leerling.objects.get().achternaam == "Öztürk"
    client = omgeving.client(omgeving.scp)
    for zoek in ("ozturk", f"öz{ZACHT}türk", "Öz\u200btürk"):
        assert "Elif Öztürk" in client.get(LIJST, {"naam": zoek}).content.decode(), zoek


def test_r13_existing_names_are_normalised_by_the_migration(omgeving, monkeypatch):
    migratie = import_module("passend.dossiers.migrations.0005_namen_normaliseren")
    leerling = leerling_aanmaken(
        door=omgeving.ib_regenboog,
        roepnaam="Elif",
        achternaam="Öztürk",
        geboortedatum=date(2016, 9, 3),
    )
    schoon = leerling_aanmaken(
        door=omgeving.ib_regenboog,
        roepnaam="Jan",
        tussenvoegsel="van",
        achternaam="Boven",
        geboortedatum=date(2016, 9, 3),
    )
    # As rows typed before this change were stored: as typed, the search column with it.
    Leerling.objects.filter(pk=leerling.pk).update(
        roepnaam="Elif\u200d ", achternaam=f"Öz{ZACHT}türk", zoeknaam=f"elif oz{ZACHT}turk"
    )
    monkeypatch.setattr(migratie, "BATCH", 1)  # a batch per row: the paging is exercised
    migratie.namen_normaliseren(apps, SimpleNamespace(connection=connection))
    leerling.refresh_from_db()
    assert (leerling.roepnaam, leerling.achternaam, leerling.zoeknaam) == (
        "Elif",
        "Öztürk",
        "elif ozturk",
    )
    schoon.refresh_from_db()
    assert schoon.zoeknaam == "jan van boven"

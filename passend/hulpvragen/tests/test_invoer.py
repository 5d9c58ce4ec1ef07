"""Issue 18: what a new user trips over on the entry screens. Names typed with invisible
characters (18.2), dates that do not exist or lie ahead (18.4), foreign addresses (18.5)."""

from datetime import date, timedelta
from importlib import import_module
from types import SimpleNamespace

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from passend.dossiers.models import Leerling
from passend.dossiers.services import leerling_aanmaken
from passend.hulpvragen.models import Hulpvraag
from passend.hulpvragen.services import hulpvraag_aanmaken
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


# --- 18.4: dates that do not exist, lie ahead, or are missing ----------------------------------


def test_p4_a_well_formed_date_that_does_not_exist_is_called_so(omgeving):
    client = omgeving.client(omgeving.ib_regenboog)
    gegevens = {"roepnaam": "Jan", "achternaam": "Boven", "geslacht": "0"}
    pagina = client.post(DOSSIER_NIEUW, {**gegevens, "geboortedatum": "31-02-2016"})
    tekst = pagina.content.decode()
    assert "De datum 31-02-2016 bestaat niet. Controleer de dag en de maand." in tekst
    assert "Vul de datum in als dd-mm-jjjj" not in tekst
    assert 'value="31-02-2016"' in tekst
    # A date in another form still gets the format sentence.
    tekst = client.post(DOSSIER_NIEUW, {**gegevens, "geboortedatum": "3 sept 2016"}).content
    assert "Vul de datum in als dd-mm-jjjj, bijvoorbeeld 03-09-2016." in tekst.decode()
    assert not Leerling.objects.exists()


def test_p4_hulpvraagdatum_ahead_is_refused_and_an_empty_one_has_its_own_sentence(omgeving):
    hulpvraag = hulpvraag_op_school(omgeving.ib_regenboog, omgeving.regenboog)
    client = omgeving.client(omgeving.ib_regenboog)
    url = reverse("hulpvragen:hulpvraag_nieuw", args=[hulpvraag.leerling_id])
    gegevens = {
        "schoolgegevens": hulpvraag.schoolgegevens_id,
        "titel": hulpvraag.titel_id,
        "omschrijving": "Vraag over lezen.",
    }
    later = (timezone.localdate() + timedelta(days=7)).strftime("%d-%m-%Y")
    for datum in ("01-01-2030", later):
        pagina = client.post(url, {**gegevens, "hulpvraagdatum": datum}).content.decode()
        assert "Deze datum ligt in de toekomst. Kies vandaag of een eerdere datum." in pagina
        assert f'value="{datum}"' in pagina and "Vraag over lezen." in pagina
    pagina = client.post(url, {**gegevens, "hulpvraagdatum": "31-12-2013"}).content.decode()
    assert "Kies een datum vanaf 01-01-2014." in pagina
    pagina = client.post(url, {**gegevens, "hulpvraagdatum": ""}).content.decode()
    assert "Vul de hulpvraagdatum in." in pagina
    assert "Dit veld is verplicht." not in pagina
    assert Hulpvraag.objects.count() == 1
    assert not Hulpvraag.objects.filter(referentie__startswith="HV-2030-").exists()


def test_p4_every_channel_is_refused_a_hulpvraagdatum_ahead(omgeving):
    bestaand = hulpvraag_op_school(omgeving.ib_regenboog, omgeving.regenboog)
    with pytest.raises(ValidationError) as fout:
        hulpvraag_aanmaken(
            leerling=bestaand.leerling,
            schoolgegevens=bestaand.schoolgegevens,
            titel=bestaand.titel,
            door=omgeving.ib_regenboog,
            hulpvraagdatum=date(2030, 1, 1),
        )
    assert fout.value.message_dict == {"hulpvraagdatum": ["De hulpvraagdatum ligt in de toekomst."]}
    assert Hulpvraag.objects.count() == 1


# --- 19.9: the overview's date filters within a sensible range ----------------------------------


def test_r50_date_filters_accept_2014_to_today_with_a_dutch_message(omgeving):
    hulpvraag_op_school(omgeving.ib_regenboog, omgeving.regenboog)
    client = omgeving.client(omgeving.scp)
    assert "Jan van Boven" in client.get(LIJST, {"van": "01-01-2014"}).content.decode()
    later = (timezone.localdate() + timedelta(days=7)).strftime("%d-%m-%Y")
    oud = f"01-01-{timezone.localdate().year - 40}"
    for filters, melding in (
        ({"van": "01-01-0001"}, "Kies een datum vanaf 01-01-2014."),
        ({"tot": "31-12-2013"}, "Kies een datum vanaf 01-01-2014."),
        ({"tot": later}, "Deze datum ligt in de toekomst."),
        ({"geboortedatum": later}, "Deze datum ligt in de toekomst."),
        ({"geboortedatum": oud}, "Kies een datum vanaf 01-01-"),
    ):
        antwoord = client.get(LIJST, filters)
        assert antwoord.status_code == 200
        pagina = antwoord.content.decode()
        assert melding in pagina, filters
        assert "Jan van Boven" not in pagina, filters  # no rows with a filter in error
    # The export reads the same form: back to the overview, which says what is wrong.
    assert client.get(reverse("hulpvragen:export"), {"van": "01-01-0001"}).status_code == 302


# --- 18.5: Dutch and foreign addresses ----------------------------------------------------------


def test_r14_foreign_address_has_a_free_postcode_and_no_house_number_is_zero(omgeving):
    hulpvraag = hulpvraag_op_school(omgeving.ib_regenboog, omgeving.regenboog)
    client = omgeving.client(omgeving.ib_regenboog)
    url = reverse("hulpvragen:adres_nieuw", args=[hulpvraag.leerling_id])
    adres = {"soort": "woonadres", "straat": "Slinge", "huisnummer": "12", "plaats": "Rotterdam"}
    # Dutch: the postcode is required, in the Dutch form, whichever way Nederland is written.
    for land in ("Nederland", "nederland ", "Netherlands", "NL"):
        pagina = client.post(url, {**adres, "postcode": "", "land": land}).content.decode()
        assert "Vul de postcode in, zoals 3011 AB." in pagina, land
    pagina = client.post(url, {**adres, "postcode": "B-1000", "land": "Nederland"})
    assert "vier cijfers, een spatie en twee hoofdletters" in pagina.content.decode()
    # House number 0 exists nowhere: refused beside the field, at home and abroad.
    for land, postcode in (("Nederland", "3085 EA"), ("België", "1000")):
        pagina = client.post(
            url, {**adres, "huisnummer": "0", "postcode": postcode, "land": land}
        ).content.decode()
        assert "Vul een huisnummer van 1 of hoger in" in pagina, land
        assert 'value="Slinge"' in pagina and f'value="{postcode}"' in pagina
    assert not hulpvraag.leerling.adressen.exists()
    # Foreign: no postcode, or that country's own, stored as typed.
    buitenland = {"soort": "woonadres", "straat": "Rue Haute", "huisnummer": "12"}
    for postcode, plaats, land in (("", "Brussel", "België"), ("SW1A 1AA", "Londen", "UK")):
        antwoord = client.post(
            url, {**buitenland, "postcode": postcode, "plaats": plaats, "land": land}
        )
        assert antwoord.status_code == 302, land
    assert sorted(hulpvraag.leerling.adressen.values_list("land", "postcode")) == [
        ("België", ""),
        ("UK", "SW1A 1AA"),
    ]
    # The form says so before anyone trips over it.
    assert "Buiten Nederland zoals in dat land, of leeg." in client.get(url).content.decode()

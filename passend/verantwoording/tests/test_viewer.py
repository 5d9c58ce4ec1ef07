"""The audit viewer (issue 17 item 1; B8, P2): the reads of a dossier, an attachment and a
form show in the pupil's timeline with NEN 7513's fields; reading the log is logged; the CSV
export is logged and refuses above its maximum; a bad period is told beside the field; another
SWV's rows never show; the list takes a fixed number of queries."""

import csv
import io
from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from pytest_django import DjangoAssertNumQueries, Settings

from passend.accounts.models import Gebruiker
from passend.audit import gebeurtenissen
from passend.audit.context import verzoekcontext
from passend.audit.models import Inzage
from passend.bijlagen.tests import bestanden
from passend.bijlagen.tests.conftest import toevoegen
from passend.formulieren.models import Formulier
from passend.hulpvragen.models import Hulpvraag
from passend.hulpvragen.tests.conftest import Omgeving
from passend.hulpvragen.tests.factories import hulpvraag_op_school

pytestmark = pytest.mark.django_db

SCHOOL_GRONDSLAG = "medewerker van de school van de leerling"
LIJST_QUERIES = 11


def _ob(omgeving: Omgeving, **leerling: object) -> Hulpvraag:
    """An Ondersteuningsbudget request: its application form is attached at once."""
    leerling.setdefault("tussenvoegsel", "")
    return hulpvraag_op_school(
        omgeving.ib_regenboog, omgeving.regenboog, "Ondersteuningsbudget", **leerling
    )


def _tijdlijn(client: object, leerling_id: int) -> str:
    antwoord = client.get(reverse("verantwoording:leerling", args=[leerling_id]))  # type: ignore[attr-defined]
    assert antwoord.status_code == 200
    return str(antwoord.content.decode())


def test_p2_b8_dossier_attachment_and_form_reads_appear_in_the_pupils_timeline(
    omgeving: Omgeving, privacy: Gebruiker
) -> None:
    hulpvraag = _ob(omgeving, roepnaam="Noor", achternaam="Timmermans")
    leerling = hulpvraag.leerling
    bijlage = toevoegen(hulpvraag, omgeving.ib_regenboog, "Verslag.pdf", bestanden.pdf())
    formulier = Formulier.objects.get(hulpvraag=hulpvraag)
    ib = omgeving.client(omgeving.ib_regenboog)
    begin = timezone.now()

    # The IB'er reads the dossier, opens the attachment and the form, through the real views.
    assert ib.get(reverse("hulpvragen:dossier", args=[leerling.pk])).status_code == 200
    antwoord = ib.get(reverse("bijlagen:openen", args=[hulpvraag.referentie, bijlage.pk]))
    assert antwoord.status_code == 200
    antwoord = ib.get(reverse("formulieren:tonen", args=[hulpvraag.referentie, formulier.pk]))
    assert antwoord.status_code == 200

    gelezen = {
        inzage.gebeurtenis: inzage
        for inzage in Inzage.objects.filter(leerling_id=leerling.pk, tijd__gte=begin)
    }
    for gebeurtenis in ("leerling_bekeken", "bijlage_bekeken", "formulier_bekeken"):
        inzage = gelezen[gebeurtenis]
        assert inzage.gebruikersnaam == "iverhoef"
        assert inzage.grondslag == SCHOOL_GRONDSLAG
        assert inzage.client_adres == "127.0.0.1"
        assert inzage.swv_code == "PO2806"
    assert gelezen["bijlage_bekeken"].object_id == str(bijlage.pk)
    assert gelezen["formulier_bekeken"].details["formulier"] == "aanvraag_ondersteuningsbudget"

    # The privacy officer opens the pupil's timeline: each read, who, from where, on what
    # grounds.
    pagina = _tijdlijn(omgeving.client(privacy), leerling.pk)
    assert "Wie zag of wijzigde wat" in pagina
    assert "Noor Timmermans" in pagina
    for tekst in (
        "leerling bekeken",
        "bijlage bekeken",
        f"bijlage {bijlage.pk} ({hulpvraag.referentie})",
        "formulier bekeken",
        f"hulpvraag {hulpvraag.referentie}",
        "iverhoef",
        SCHOOL_GRONDSLAG,
        "127.0.0.1",
        "Passend (web)",
    ):
        assert tekst in pagina, tekst


def test_p2_b8_reading_the_log_is_logged_and_shows_in_the_timeline(
    omgeving: Omgeving, privacy: Gebruiker
) -> None:
    hulpvraag = _ob(omgeving)
    leerling_id = hulpvraag.leerling_id
    client = omgeving.client(privacy)

    assert client.get(reverse("verantwoording:index"), {"gebruiker": "iverhoef"}).status_code == 200
    lijst = Inzage.objects.filter(gebeurtenis="auditlog_bekeken").get()
    assert lijst.gebruikersnaam == "privacy"
    assert lijst.leerling_id is None
    assert "gebruiker=iverhoef" in lijst.details["filter"]

    _tijdlijn(client, leerling_id)
    tijdlijn = Inzage.objects.filter(gebeurtenis="auditlog_bekeken", leerling_id=leerling_id).get()
    assert tijdlijn.objecttype == Inzage.Objecttype.INZAGELOG
    assert tijdlijn.rollen == "privacyfunctionaris"
    # The next look at the timeline shows the officer's own earlier look.
    pagina = _tijdlijn(client, leerling_id)
    assert "auditlog bekeken" in pagina
    assert "privacy (privacyfunctionaris)" in pagina


def test_b8_a_name_search_logs_pupil_ids_never_the_name_typed(
    omgeving: Omgeving, privacy: Gebruiker
) -> None:
    hulpvraag = _ob(omgeving, roepnaam="Zoë", achternaam="Jansen")
    _ob(omgeving, roepnaam="Sem", achternaam="Bakker")
    antwoord = omgeving.client(privacy).get(reverse("verantwoording:index"), {"leerling": "zoe"})
    pagina = antwoord.content.decode()
    assert "Zoë Jansen" in pagina
    assert "Sem Bakker" not in pagina
    log = Inzage.objects.get(gebeurtenis="auditlog_bekeken")
    assert f"leerlingen={hulpvraag.leerling_id}" in log.details["filter"]
    assert "zoe" not in log.details["filter"].lower()


def test_b8_filters_user_hulpvraag_action_and_channel(
    omgeving: Omgeving, privacy: Gebruiker
) -> None:
    eerste, tweede = _ob(omgeving, roepnaam="Eva"), _ob(omgeving, roepnaam="Bas")
    omgeving.client(omgeving.coordinator)  # a login only
    client = omgeving.client(privacy)
    url = reverse("verantwoording:index")

    pagina = client.get(url, {"hulpvraag": eerste.referentie}).content.decode()
    assert eerste.referentie in pagina
    assert tweede.referentie not in pagina

    pagina = client.get(url, {"actie": "aangemaakt", "gebruiker": "IVERHOEF"}).content.decode()
    assert "hulpvraag aangemaakt" in pagina
    assert "leerling bekeken" not in pagina

    # Nothing came in through a koppeling yet.
    pagina = client.get(url, {"kanaal": "koppeling"}).content.decode()
    assert "Niets gevonden met deze filters." in pagina

    # A read through a koppeling (as the API logs it): its system and on whose behalf show.
    with verzoekcontext(systeem="Esis (demo)", namens="Ingrid Verhoef"):
        gebeurtenissen.leerling_bekeken(tweede.leerling, door=omgeving.ib_regenboog)
    pagina = client.get(url, {"kanaal": "koppeling"}).content.decode()
    assert "Esis (demo)" in pagina
    assert "Ingrid Verhoef" in pagina
    assert tweede.leerling.volledige_naam in pagina
    assert eerste.leerling.volledige_naam not in pagina
    pagina = client.get(url, {"kanaal": "web", "hulpvraag": tweede.referentie}).content.decode()
    assert "Esis (demo)" not in pagina


def test_b8_login_events_in_the_viewer_never_the_name_typed_for_an_unknown_account(
    omgeving: Omgeving, privacy: Gebruiker
) -> None:
    omgeving.client(omgeving.ib_regenboog)  # aanmelden gelukt
    anoniem = Client()
    anoniem.post(
        reverse("accounts:aanmelden"),
        {
            "organisatie": "PO2806",
            "gebruikersnaam": "Geheim-wachtwoord-1",
            "wachtwoord": "x",
            "code": "123456",
        },
    )
    anoniem.post(
        reverse("accounts:aanmelden"),
        {
            "organisatie": "PO2806",
            "gebruikersnaam": "hschaap",
            "wachtwoord": "fout",
            "code": "123456",
        },
    )
    client = omgeving.client(privacy)
    pagina = client.get(reverse("verantwoording:index"), {"soort": "aanmeldingen"}).content.decode()
    assert "aanmelden gelukt" in pagina
    assert "aanmelden mislukt" in pagina
    assert "onbekend account" in pagina
    assert "hschaap" in pagina
    assert "Geheim-wachtwoord-1" not in pagina
    assert "Geheim-wachtwoord-1" not in str(list(Inzage.objects.values()))
    # Filtered by user name.
    pagina = client.get(
        reverse("verantwoording:index"), {"soort": "aanmeldingen", "gebruiker": "hschaap"}
    ).content.decode()
    assert "aanmelden mislukt" in pagina
    assert "aanmelden gelukt" not in pagina


def test_b8_an_invalid_period_is_told_beside_the_field_and_kept(
    omgeving: Omgeving, privacy: Gebruiker
) -> None:
    _ob(omgeving)
    client = omgeving.client(privacy)
    voor = Inzage.objects.count()
    antwoord = client.get(
        reverse("verantwoording:index"),
        {"van": "10-03-2026", "tot": "01-03-2026", "gebruiker": "iverhoef"},
    )
    pagina = antwoord.content.decode()
    assert antwoord.status_code == 200
    assert "De einddatum ligt voor de begindatum. Kies een datum vanaf 10-03-2026." in pagina
    assert 'id="id_tot_error"' in pagina
    assert 'value="01-03-2026"' in pagina
    assert 'value="10-03-2026"' in pagina
    assert 'value="iverhoef"' in pagina
    assert Inzage.objects.count() == voor  # nothing was read, so nothing logged

    pagina = client.get(reverse("verantwoording:index"), {"van": "31-02-2026"}).content.decode()
    assert "De datum 31-02-2026 bestaat niet." in pagina
    assert 'value="31-02-2026"' in pagina
    pagina = client.get(reverse("verantwoording:index"), {"tot": "gisteren"}).content.decode()
    assert "Vul de datum in als dd-mm-jjjj" in pagina
    assert 'value="gisteren"' in pagina


def test_b8_the_period_includes_its_last_day(omgeving: Omgeving, privacy: Gebruiker) -> None:
    hulpvraag = _ob(omgeving)
    vandaag = timezone.localdate().strftime("%d-%m-%Y")
    gisteren = (timezone.localdate() - timedelta(days=1)).strftime("%d-%m-%Y")
    client = omgeving.client(privacy)
    url = reverse("verantwoording:index")
    assert (
        hulpvraag.referentie in client.get(url, {"van": vandaag, "tot": vandaag}).content.decode()
    )
    pagina = client.get(url, {"van": gisteren, "tot": gisteren}).content.decode()
    assert hulpvraag.referentie not in pagina


def _csv(antwoord: object) -> list[list[str]]:
    tekst = antwoord.content.decode("utf-8-sig")  # type: ignore[attr-defined]
    return list(csv.reader(io.StringIO(tekst), delimiter=";"))


def test_p2_b8_export_is_logged_and_its_cells_are_safe(
    omgeving: Omgeving, privacy: Gebruiker
) -> None:
    hulpvraag = _ob(omgeving, roepnaam="=Som", achternaam="Formule")
    client = omgeving.client(privacy)
    antwoord = client.get(reverse("verantwoording:export"), {"hulpvraag": hulpvraag.referentie})
    assert antwoord.status_code == 200
    assert antwoord["Content-Type"] == "text/csv; charset=utf-8"
    regels = _csv(antwoord)
    assert regels[0][:3] == ["Tijd", "Gebeurtenis", "Actie"]
    assert "Betrokkene (leerling)" in regels[0]
    kolom = regels[0].index("Betrokkene (leerling)")
    assert {regel[kolom] for regel in regels[1:]} == {"'=Som Formule"}
    log = Inzage.objects.get(gebeurtenis="auditlog_geexporteerd")
    assert log.gebruikersnaam == "privacy"
    assert log.details["aantal"] == len(regels) - 1
    assert f"hulpvraag={hulpvraag.referentie}" in log.details["filter"]


def test_p2_b8_export_above_the_maximum_asks_to_narrow_the_selection(
    omgeving: Omgeving, privacy: Gebruiker, settings: Settings
) -> None:
    _ob(omgeving)
    settings.PASSEND_AUDITLOG_EXPORT_MAX = 2
    client = omgeving.client(privacy)
    antwoord = client.get(reverse("verantwoording:export"), {"gebruiker": "iverhoef"}, follow=True)
    assert antwoord["Content-Type"].startswith("text/html")
    pagina = antwoord.content.decode()
    assert "een export bevat er hoogstens 2" in pagina
    assert "Maak de selectie kleiner" in pagina
    assert 'value="iverhoef"' in pagina  # the filter is kept
    assert not Inzage.objects.filter(gebeurtenis="auditlog_geexporteerd").exists()


def test_b8_login_events_export(omgeving: Omgeving, privacy: Gebruiker) -> None:
    antwoord = omgeving.client(privacy).get(
        reverse("verantwoording:export"), {"soort": "aanmeldingen", "gebruiker": "privacy"}
    )
    regels = _csv(antwoord)
    assert regels[0][:3] == ["Tijd", "Gebeurtenis", "Gebruiker"]
    assert [regel[1:3] for regel in regels[1:]] == [["aanmelden gelukt", "privacy"]]


def test_b8_another_swvs_rows_never_show(
    omgeving: Omgeving, privacy: Gebruiker, privacy_ander_swv: Gebruiker
) -> None:
    hulpvraag = _ob(omgeving, roepnaam="Lotte", achternaam="Rood")
    omgeving.client(omgeving.ib_regenboog).get(
        reverse("hulpvragen:dossier", args=[hulpvraag.leerling_id])
    )
    ander = omgeving.client(privacy_ander_swv)
    url = reverse("verantwoording:index")
    for params in ({}, {"leerling": str(hulpvraag.leerling_id)}, {"gebruiker": "iverhoef"}):
        pagina = ander.get(url, params).content.decode()
        assert hulpvraag.referentie not in pagina
        assert "Lotte" not in pagina
        assert "leerling bekeken" not in pagina
    pagina = ander.get(url, {"leerling": "Lotte"}).content.decode()
    assert "Niets gevonden met deze filters." in pagina
    assert "Rood" not in pagina
    # Their logins neither: the other SWV's iverhoef logged in, PPO's did too.
    pagina = ander.get(url, {"soort": "aanmeldingen"}).content.decode()
    assert "iverhoef" not in pagina
    assert (
        ander.get(reverse("verantwoording:leerling", args=[hulpvraag.leerling_id])).status_code
        == 404
    )
    regels = _csv(ander.get(reverse("verantwoording:export")))
    assert not any(hulpvraag.referentie in " ".join(regel) for regel in regels)
    # The own SWV's officer does see them.
    assert hulpvraag.referentie in omgeving.client(privacy).get(url).content.decode()


def test_b8_the_list_takes_a_fixed_number_of_queries(
    omgeving: Omgeving, privacy: Gebruiker, django_assert_num_queries: DjangoAssertNumQueries
) -> None:
    """Session, account, second factor, roles, the menu's rights, the count, the page, the
    pupils' names in one query, the log row: the same with 5 rows of 1 pupil or 28 of 7."""
    client = omgeving.client(privacy)
    url = reverse("verantwoording:index")
    _ob(omgeving, roepnaam="Een")
    with django_assert_num_queries(LIJST_QUERIES):
        assert client.get(url).status_code == 200
    ib = omgeving.client(omgeving.ib_regenboog)
    for roepnaam in ("Twee", "Drie", "Vier", "Vijf", "Zes", "Zeven"):
        ib.get(reverse("hulpvragen:dossier", args=[_ob(omgeving, roepnaam=roepnaam).leerling_id]))
    assert Inzage.objects.exclude(leerling_id=None).values("leerling_id").distinct().count() == 7
    assert Inzage.objects.count() > 25
    with django_assert_num_queries(LIJST_QUERIES):
        assert client.get(url).status_code == 200
    with django_assert_num_queries(LIJST_QUERIES):
        assert client.get(url, {"kanaal": "web", "actie": "bekeken"}).status_code == 200

"""The Hulpvragen overview (R50, R51): each filter, Wissen, sorting, paging, bad input, visibility
inside search and export (P1), the audit entries (P2), the CSV, Mijn acties and fixed query
counts whatever the number of rows."""

import csv
import io
import re
from datetime import UTC, date, datetime, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from passend.accounts.tests.factories import WACHTWOORD, account_maken, huidige_code
from passend.audit.models import Inzage
from passend.hulpvragen.models import Hulpvraag, Label
from passend.hulpvragen.services import hulpvraag_behandeling_wijzigen, hulpvraag_status_wijzigen
from passend.hulpvragen.tests.factories import hulpvraag_op_school
from passend.organisaties.tests.factories import SchoolFactory
from passend.processen.models import Hulpvraagtitel, Status

pytestmark = pytest.mark.django_db

LIJST = reverse("hulpvragen:lijst")
EXPORT = reverse("hulpvragen:export")
MIJN_ACTIES = reverse("hulpvragen:mijn_acties")


def leesregels():  # type: ignore[no-untyped-def]
    """The access log's reads; making the test data logs its creation too."""
    return Inzage.objects.filter(
        actie__in=[Inzage.Actie.BEKEKEN, Inzage.Actie.LIJST, Inzage.Actie.GEZOCHT]
    )


def status(proces: str, naam: str) -> Status:
    return Status.objects.get(proces__swv__code="PO2806", proces__code=proces, naam=naam)


def namen(antwoord) -> list[str]:  # type: ignore[no-untyped-def]
    """The pupils in the result table, in the order shown."""
    assert antwoord.status_code == 200
    tbody = re.search(r"<tbody>(.*?)</tbody>", antwoord.content.decode(), re.S)
    if tbody is None:
        return []
    return re.findall(r"</a></td>\s*<td>([^<]+)</td>", tbody.group(1))


def naar(hulpvraag: Hulpvraag, statusnaam: str, door, reden: str = "") -> None:  # type: ignore[no-untyped-def]
    hulpvraag_status_wijzigen(
        hulpvraag=hulpvraag,
        naar=hulpvraag.status.proces.statussen.get(naam=statusnaam),
        door=door,
        reden=reden,
    )


@pytest.fixture
def drie(omgeving):  # type: ignore[no-untyped-def]
    """Three hulpvragen: two at De Regenboog (IJsselmonde), one at Het Kompas (Noord)."""
    zoe = hulpvraag_op_school(
        omgeving.ib_regenboog,
        omgeving.regenboog,
        roepnaam="Zoë",
        tussenvoegsel="",
        achternaam="Jansen",
        geboortedatum=date(2016, 5, 1),
    )
    daan = hulpvraag_op_school(
        omgeving.ib_regenboog,
        omgeving.regenboog,
        "Psychodiagnostisch onderzoek",
        roepnaam="Daan",
        tussenvoegsel="de",
        achternaam="Vries",
        geboortedatum=date(2015, 2, 3),
    )
    noah = hulpvraag_op_school(
        omgeving.ib_kompas,
        omgeving.kompas,
        roepnaam="Noah",
        tussenvoegsel="",
        achternaam="Öztürk",
        geboortedatum=date(2014, 7, 8),
    )
    return zoe, daan, noah


# --- R50: each filter --------------------------------------------------------------------------


def test_r50_name_search_ignores_accents_and_case_and_needs_every_word(omgeving, drie):
    client = omgeving.client(omgeving.scp)
    assert namen(client.get(LIJST, {"naam": "zoe"})) == ["Zoë Jansen"]
    assert namen(client.get(LIJST, {"naam": "JANS"})) == ["Zoë Jansen"]
    assert namen(client.get(LIJST, {"naam": "ozt"})) == ["Noah Öztürk"]  # part of a word
    assert namen(client.get(LIJST, {"naam": "vries DA"})) == ["Daan de Vries"]
    assert namen(client.get(LIJST, {"naam": "zoe vries"})) == []
    # LIKE wildcards are typed text, not patterns.
    assert namen(client.get(LIJST, {"naam": "%"})) == []


def test_r50_each_filter_narrows_the_result(omgeving, drie):
    zoe, daan, noah = drie
    hulpvraag_behandeling_wijzigen(
        hulpvraag=daan,
        door=omgeving.scp,
        coordinator=omgeving.coordinator,
        labels=[Label.objects.create(swv=omgeving.ppo, naam="Spoed")],
    )
    Hulpvraag.objects.filter(pk=zoe.pk).update(hulpvraagdatum=date(2026, 1, 10))
    Hulpvraag.objects.filter(pk=daan.pk).update(hulpvraagdatum=date(2026, 2, 10))
    Hulpvraag.objects.filter(pk=noah.pk).update(hulpvraagdatum=date(2026, 3, 10))
    naar(daan, "Dossier incompleet", omgeving.scp, "Het OPP ontbreekt.")
    label = Label.objects.get(naam="Spoed")
    client = omgeving.client(omgeving.scp)

    def gevonden(**filters: object) -> set[str]:
        return set(namen(client.get(LIJST, filters)))

    assert gevonden() == {"Zoë Jansen", "Daan de Vries", "Noah Öztürk"}
    assert gevonden(geboortedatum="03-02-2015") == {"Daan de Vries"}
    assert gevonden(school=omgeving.kompas.pk) == {"Noah Öztürk"}
    assert gevonden(regio=omgeving.ijsselmonde.pk) == {"Zoë Jansen", "Daan de Vries"}
    assert gevonden(titel=daan.titel_id) == {"Daan de Vries"}
    assert gevonden(coordinator=omgeving.coordinator.pk) == {"Daan de Vries"}
    assert gevonden(label=label.pk) == {"Daan de Vries"}
    assert gevonden(van="01-02-2026") == {"Daan de Vries", "Noah Öztürk"}
    assert gevonden(tot="10-02-2026") == {"Zoë Jansen", "Daan de Vries"}
    assert gevonden(van="11-01-2026", tot="09-03-2026") == {"Daan de Vries"}
    assert gevonden(actie="1") == {"Daan de Vries"}  # Dossier incompleet: the school must act
    assert gevonden(naam="o", school=omgeving.regenboog.pk) == {"Zoë Jansen"}


def test_r51_several_statuses_at_once(omgeving, drie):
    _zoe, daan, noah = drie
    naar(daan, "Dossier incompleet", omgeving.scp, "Het OPP ontbreekt.")
    naar(noah, "Doorzetten SCP", omgeving.scp)
    client = omgeving.client(omgeving.scp)
    aanmelding = status("algemeen", "Aanmelding").pk
    incompleet = status("algemeen", "Dossier incompleet").pk
    doorzetten = status("algemeen", "Doorzetten SCP").pk
    assert set(namen(client.get(LIJST, {"status": [aanmelding, incompleet]}))) == {
        "Zoë Jansen",
        "Daan de Vries",
    }
    assert set(namen(client.get(LIJST, {"status": [incompleet, doorzetten]}))) == {
        "Daan de Vries",
        "Noah Öztürk",
    }
    # The checkboxes stay ticked, grouped per process.
    pagina = client.get(LIJST, {"status": [aanmelding, incompleet]}).content.decode()
    assert f'value="{aanmelding}" id="id_status_{aanmelding}" checked' in pagina
    assert f'value="{doorzetten}" id="id_status_{doorzetten}">' in pagina
    assert "<legend>Algemeen</legend>" in pagina and "<legend>TLV</legend>" in pagina
    assert "Status (2 gekozen)" in pagina


def test_r50_wissen_is_a_link_to_the_overview_without_filters(omgeving, drie):
    client = omgeving.client(omgeving.scp)
    pagina = client.get(LIJST, {"naam": "zoe", "actie": "1"}).content.decode()
    assert re.search(r'<a class="knop knop--secundair" href="/hulpvragen/">Wissen</a>', pagina)
    assert 'value="zoe"' in pagina  # the filter is kept in the form
    assert len(namen(client.get(LIJST))) == 3


def test_r50_sorting_on_pupil_status_school_and_date_keeps_the_filters(omgeving, drie):
    _zoe, daan, noah = drie
    Hulpvraag.objects.filter(pk=noah.pk).update(hulpvraagdatum=date(2026, 1, 1))
    naar(daan, "Dossier incompleet", omgeving.scp, "Het OPP ontbreekt.")
    client = omgeving.client(omgeving.scp)
    assert namen(client.get(LIJST, {"sorteer": "leerling"})) == [
        "Zoë Jansen",
        "Daan de Vries",
        "Noah Öztürk",
    ]
    assert namen(client.get(LIJST, {"sorteer": "-leerling"}))[0] == "Noah Öztürk"
    assert namen(client.get(LIJST, {"sorteer": "-status"}))[0] == "Daan de Vries"  # D > A
    assert namen(client.get(LIJST, {"sorteer": "-school"}))[0] == "Noah Öztürk"
    assert namen(client.get(LIJST, {"sorteer": "datum"}))[0] == "Noah Öztürk"
    assert namen(client.get(LIJST))[-1] == "Noah Öztürk"  # default: newest first
    assert len(namen(client.get(LIJST, {"sorteer": "onzin"}))) == 3  # falls back, no error

    pagina = client.get(LIJST, {"naam": "a", "sorteer": "leerling"}).content.decode()
    assert '<th scope="col" aria-sort="ascending">' in pagina
    assert 'href="?naam=a&amp;sorteer=-leerling"' in pagina  # click again: descending
    assert 'href="?naam=a&amp;sorteer=status"' in pagina
    standaard = client.get(LIJST).content.decode()
    assert re.search(
        r'aria-sort="descending">\s*<a href="\?sorteer=datum">Hulpvraagdatum', standaard
    )


def test_r50_paging_says_1_tm_25_van_n_and_keeps_the_filters(omgeving):
    for nummer in range(30):
        hulpvraag_op_school(omgeving.ib_regenboog, omgeving.regenboog, achternaam=f"Boven{nummer}")
    client = omgeving.client(omgeving.scp)
    eerste = client.get(LIJST, {"naam": "boven", "sorteer": "leerling"})
    assert "1 t/m 25 (van 30)" in eerste.content.decode()
    assert len(namen(eerste)) == 25
    assert 'href="?naam=boven&amp;sorteer=leerling&amp;pagina=2"' in eerste.content.decode()
    tweede = client.get(LIJST, {"naam": "boven", "sorteer": "leerling", "pagina": "2"})
    assert "26 t/m 30 (van 30)" in tweede.content.decode()
    assert len(namen(tweede)) == 5
    assert 'href="?naam=boven&amp;sorteer=leerling&amp;pagina=1"' in tweede.content.decode()
    # Every name on the two pages, none twice: a stable order.
    assert len(set(namen(eerste)) | set(namen(tweede))) == 30
    assert client.get(LIJST, {"pagina": "abc"}).status_code == 200


def test_r50_p4_bad_input_gets_a_dutch_message_by_the_field_and_no_rows(omgeving, drie):
    andere_school = SchoolFactory.create(swv=omgeving.ander_swv, code="99ZZ00")
    client = omgeving.client(omgeving.scp)
    antwoord = client.get(
        LIJST,
        {
            "geboortedatum": "31-02-2016",
            "school": andere_school.pk,
            "status": ["999999"],
            "regio": "abc",
            "van": "01-03-2026",
            "tot": "01-02-2026",
        },
    )
    assert antwoord.status_code == 200
    pagina = antwoord.content.decode()
    assert "De datum 31-02-2016 bestaat niet. Controleer de dag en de maand." in pagina
    assert "Kies een school uit de lijst." in pagina
    assert "Kies statussen uit de lijst." in pagina
    assert "Kies een regio uit de lijst." in pagina
    assert "Deze datum ligt vóór de datum bij ‘Hulpvraagdatum van’." in pagina
    assert 'value="31-02-2016"' in pagina  # what was typed stays
    assert namen(antwoord) == []
    assert not leesregels().exists()


def test_r50_choices_come_from_the_users_own_swv_and_schools(omgeving, drie):
    SchoolFactory.create(swv=omgeving.ander_swv, naam="Buitenschool", code="99ZZ00")
    scp = omgeving.client(omgeving.scp).get(LIJST).content.decode()
    assert "De Regenboog (12AB00)" in scp and "Het Kompas (23CD00)" in scp
    assert "Buitenschool" not in scp
    # SWV staff are not offered a status they can never see.
    assert "OB voorlopige aanvraag" not in scp
    ib = omgeving.client(omgeving.ib_regenboog).get(LIJST).content.decode()
    assert "De Regenboog (12AB00)" in ib and "Het Kompas" not in ib
    assert "OB voorlopige aanvraag" in ib


def statusgroepen(client) -> set[str]:  # type: ignore[no-untyped-def]
    """The processes whose statuses the overview's filter offers."""
    return set(
        re.findall(r'<fieldset class="statusgroep"><legend>([^<]+)</legend>', pagina(client))
    )


def pagina(client) -> str:  # type: ignore[no-untyped-def]
    return str(client.get(LIJST).content.decode())


def test_i18_a_school_is_offered_the_statuses_of_the_processes_its_regio_can_have(omgeving):
    """Issue 18 item 6: De Regenboog (IJsselmonde) never has the other TLV process, Het Kompas
    (Noord) never TLV IJsselmonde, an external school (no regio) only what has no regio
    limit; SWV staff see every process of their SWV."""
    # Informatieuitwisseling (R35) is the school's own: its one status the SWV never sees.
    iedereen = {
        "Algemeen",
        "Herstart/KANS",
        "Informatieuitwisseling",
        "Ondersteuningsbudget",
        "Thuiszitter",
    }
    ib_extern = account_maken(omgeving.ppo, "extern", scholen=(omgeving.extern,))
    ib_beide = account_maken(omgeving.ppo, "beide", scholen=(omgeving.regenboog, omgeving.kompas))
    regenboog = omgeving.client(omgeving.ib_regenboog)  # a second login reuses its code
    assert statusgroepen(regenboog) == iedereen | {"TLV IJsselmonde"}
    assert statusgroepen(omgeving.client(omgeving.ib_kompas)) == iedereen | {"TLV"}
    assert statusgroepen(omgeving.client(ib_extern)) == iedereen | {"TLV"}
    alle = iedereen | {"TLV", "TLV IJsselmonde"}
    assert statusgroepen(omgeving.client(ib_beide)) == alle
    for swv in (omgeving.scp, omgeving.coordinator):
        assert statusgroepen(omgeving.client(swv)) == alle - {"Informatieuitwisseling"}
    assert statusgroepen(omgeving.client(omgeving.beheerder)) == alle

    # A status of the other TLV process is refused like any id not on offer.
    tlv = status("tlv", "TLV_2_indienen").pk
    antwoord = regenboog.get(LIJST, {"status": [tlv]})
    assert "Kies statussen uit de lijst." in antwoord.content.decode()

    # The offer follows the titles' regio's at once: TLV -Nieuw now also for IJsselmonde.
    Hulpvraagtitel.objects.get(swv=omgeving.ppo, code="tlv_nieuw").niet_voor_regios.clear()
    assert statusgroepen(regenboog) == alle


def test_i18_each_status_checkbox_names_its_process(omgeving):
    """Issue 18 item 6: "Afgerond" and "TLV_2_indienen" are in several processes; each checkbox's
    accessible name (its label) says which, so no two are the same."""
    html = pagina(omgeving.client(omgeving.scp))
    namen = [
        re.sub(r"<[^>]+>", "", label)
        for label in re.findall(r'<label for="id_status_\d+">(.*?)</label>', html)
    ]
    for proces in ("Algemeen", "Ondersteuningsbudget", "Thuiszitter"):
        assert f"Afgerond ({proces})" in namen
    assert "TLV_2_indienen (TLV)" in namen and "TLV_2_indienen (TLV IJsselmonde)" in namen
    assert len(namen) > 20 and len(set(namen)) == len(namen)


def test_p1_parents_are_offered_no_choices_and_find_nothing(omgeving, drie):
    pagina = omgeving.client(omgeving.ouder).get(LIJST, {"naam": "o"})
    assert namen(pagina) == []
    tekst = pagina.content.decode()
    for veld in ("school", "regio", "titel", "coordinator", "label"):
        keuzes = re.search(rf'<select name="{veld}".*?</select>', tekst, re.S)
        assert keuzes is not None and keuzes.group(0).count("<option") == 1, veld  # "Alle ..."
    assert "<legend>Algemeen</legend>" not in tekst


# --- P1: visibility inside the search ----------------------------------------------------------


def test_p1_r50_a_school_never_finds_another_schools_pupil_by_name(omgeving, drie):
    kompas = omgeving.client(omgeving.ib_kompas)
    assert namen(kompas.get(LIJST, {"naam": "zoe"})) == []
    assert namen(kompas.get(LIJST, {"naam": "o"})) == ["Noah Öztürk"]
    # Not with the other school's id either: it is not a choice, and would match nothing.
    antwoord = kompas.get(LIJST, {"school": omgeving.regenboog.pk})
    assert "Kies een school uit de lijst." in antwoord.content.decode()
    assert namen(antwoord) == []
    assert namen(omgeving.client(omgeving.ib_ander_swv).get(LIJST, {"naam": "o"})) == []


def test_p1_r51_swv_staff_never_see_a_status_the_swv_may_not_see(omgeving, drie):
    hulpvraag_op_school(
        omgeving.ib_regenboog, omgeving.regenboog, "Ondersteuningsbudget", roepnaam="Sem"
    )
    ob = status("ondersteuningsbudget", "OB voorlopige aanvraag").pk
    scp = omgeving.client(omgeving.scp)
    assert "Sem van Boven" not in namen(scp.get(LIJST, {"naam": "sem"}))
    assert "Kies statussen uit de lijst." in scp.get(LIJST, {"status": ob}).content.decode()
    beheerder = omgeving.client(omgeving.beheerder)
    assert namen(beheerder.get(LIJST, {"status": ob})) == ["Sem van Boven"]
    assert namen(omgeving.client(omgeving.ib_regenboog).get(LIJST, {"status": ob})) == [
        "Sem van Boven"
    ]


def test_p2_the_overview_logs_the_page_and_the_filter(omgeving, drie):
    client = omgeving.client(omgeving.scp)
    client.get(LIJST, {"naam": "zoe"})
    regel = leesregels().get()
    assert regel.actie == Inzage.Actie.LIJST and regel.gebruikersnaam == "pjansen"
    assert regel.details == {"hulpvragen": [drie[0].referentie], "filter": "naam=zoe"}
    client.get(LIJST, {"naam": "niemand"})
    assert leesregels().count() == 1  # nothing shown, nothing logged


# --- The CSV export ----------------------------------------------------------------------------


def csv_rijen(antwoord) -> list[list[str]]:  # type: ignore[no-untyped-def]
    inhoud = b"".join(antwoord.streaming_content).decode("utf-8")
    assert inhoud.startswith("\ufeff")
    return list(csv.reader(io.StringIO(inhoud[1:]), delimiter=";"))


def test_r50_export_streams_the_filtered_result_as_csv_for_excel(omgeving, drie):
    zoe, daan, _noah = drie
    client = omgeving.client(omgeving.scp)
    antwoord = client.get(EXPORT, {"regio": omgeving.ijsselmonde.pk, "sorteer": "leerling"})
    assert antwoord.status_code == 200
    assert antwoord.streaming
    assert antwoord["Content-Type"] == "text/csv; charset=utf-8"
    assert antwoord["Content-Disposition"].startswith('attachment; filename="hulpvragen-')
    kop, *rijen = csv_rijen(antwoord)
    assert kop[:5] == ["Referentie", "Roepnaam", "Tussenvoegsel", "Achternaam", "Geboortedatum"]
    assert [rij[0] for rij in rijen] == [zoe.referentie, daan.referentie]
    zoe_rij = dict(zip(kop, rijen[0], strict=True))
    assert zoe_rij["Roepnaam"] == "Zoë"
    assert zoe_rij["Geboortedatum"] == "01-05-2016"
    assert zoe_rij["Hulpvraagdatum"] == f"{zoe.hulpvraagdatum:%d-%m-%Y}"
    assert zoe_rij["Status"] == "Aanmelding" and zoe_rij["Proces"] == "Algemeen"
    assert zoe_rij["Regio"] == "IJsselmonde" and zoe_rij["School"] == "De Regenboog"
    assert zoe_rij["Coördinator"] == omgeving.scp.volledige_naam


def test_r50_export_cells_cannot_become_formulas(omgeving):
    hulpvraag_op_school(
        omgeving.ib_regenboog,
        omgeving.regenboog,
        roepnaam="=HYPERLINK(1)",
        tussenvoegsel="@x",
        achternaam="-Boven",
    )
    kop, rij = csv_rijen(omgeving.client(omgeving.scp).get(EXPORT))
    cellen = dict(zip(kop, rij, strict=True))
    assert cellen["Roepnaam"] == "'=HYPERLINK(1)"
    assert cellen["Tussenvoegsel"] == "'@x"
    assert cellen["Achternaam"] == "'-Boven"


def test_p2_export_is_logged_with_who_which_filter_and_how_many_rows(omgeving, drie):
    client = omgeving.client(omgeving.scp)
    antwoord = client.get(EXPORT, {"naam": "o", "school": omgeving.regenboog.pk})
    assert len(csv_rijen(antwoord)) == 1 + 1  # Zoë Jansen
    regel = leesregels().get()
    assert (regel.gebruikersnaam, regel.actie, regel.object_id) == ("pjansen", "lijst", "export")
    assert regel.details == {
        "export": "csv",
        "filter": f"naam=o&school={omgeving.regenboog.pk}",
        "aantal": 1,
    }


def test_p1_export_obeys_visibility_and_is_refused_to_schools(omgeving, drie):
    hulpvraag_op_school(
        omgeving.ib_regenboog, omgeving.regenboog, "Ondersteuningsbudget", roepnaam="Sem"
    )
    # One client per account: a login code works only once.
    scp, ib = omgeving.client(omgeving.scp), omgeving.client(omgeving.ib_regenboog)
    rijen = csv_rijen(scp.get(EXPORT))
    assert {rij[1] for rij in rijen[1:]} == {"Zoë", "Daan", "Noah"}  # not Sem: not visible
    assert len(csv_rijen(omgeving.client(omgeving.beheerder).get(EXPORT))) == 1 + 4
    assert ib.get(EXPORT).status_code == 404
    for wie in ("ib_kompas", "ouder", "ib_ander_swv"):
        assert omgeving.client(getattr(omgeving, wie)).get(EXPORT).status_code == 404, wie
    assert "Exporteren" not in ib.get(LIJST).content.decode()
    assert "Exporteren" in scp.get(LIJST).content.decode()
    # A bad filter goes back to the overview, which says what is wrong; nothing was exported.
    voor = Inzage.objects.filter(object_id="export").count()
    fout = scp.get(EXPORT, {"van": "gisteren"})
    assert fout.status_code == 302 and fout["Location"] == f"{LIJST}?van=gisteren"
    assert Inzage.objects.filter(object_id="export").count() == voor


# --- Mijn acties -------------------------------------------------------------------------------


def test_mijn_acties_for_a_school_lists_what_the_school_must_do_oldest_first(omgeving, drie):
    _zoe, daan, _noah = drie
    ob = hulpvraag_op_school(
        omgeving.ib_regenboog, omgeving.regenboog, "Ondersteuningsbudget", roepnaam="Sem"
    )
    naar(daan, "Dossier incompleet", omgeving.scp, "Het OPP ontbreekt.")
    # 23:30 UTC is 00:30 the next day in Amsterdam: "Status sinds" is the Dutch date.
    sinds = datetime(2026, 3, 1, 23, 30, tzinfo=UTC)
    Hulpvraag.objects.filter(pk=ob.pk).update(status_sinds=sinds)
    regenboog = omgeving.client(omgeving.ib_regenboog).get(MIJN_ACTIES)
    assert namen(regenboog) == ["Sem van Boven", "Daan de Vries"]  # Zoë: Aanmelding, SWV's turn
    assert "<td>02-03-2026</td>" in regenboog.content.decode()
    assert "Welkom, Ingrid" in regenboog.content.decode()
    kompas = omgeving.client(omgeving.ib_kompas).get(MIJN_ACTIES)
    assert namen(kompas) == []
    assert "Er zijn nu geen hulpvragen waarin uw school actie moet ondernemen." in (
        kompas.content.decode()
    )


def test_mijn_acties_for_swv_staff_lists_what_they_coordinate_and_waits_on_the_swv(omgeving, drie):
    _zoe, daan, noah = drie
    naar(daan, "Dossier incompleet", omgeving.scp, "Het OPP ontbreekt.")
    naar(noah, "Doorzetten SCP", omgeving.scp)
    Hulpvraag.objects.filter(pk=noah.pk).update(status_sinds=timezone.now() - timedelta(days=9))
    # The SCP of the schools is the coördinator of all three (R32).
    scp = omgeving.client(omgeving.scp)
    assert namen(scp.get(MIJN_ACTIES)) == ["Noah Öztürk", "Zoë Jansen"]
    leeg = omgeving.client(omgeving.coordinator).get(MIJN_ACTIES).content.decode()
    assert "Er wachten nu geen hulpvragen op u" in leeg
    naar(noah, "Dossier compleet", omgeving.scp)
    naar(noah, "Afgerond", omgeving.scp)
    assert namen(scp.get(MIJN_ACTIES)) == ["Zoë Jansen"]


def test_login_lands_on_mijn_acties(client, omgeving):
    ib = omgeving.ib_regenboog
    client.get(reverse("accounts:aanmelden"))
    antwoord = client.post(
        reverse("accounts:aanmelden"),
        {
            "organisatie": "PO2806 PPO Rotterdam",
            "gebruikersnaam": ib.gebruikersnaam,
            "wachtwoord": WACHTWOORD,
            "code": huidige_code(ib),
        },
    )
    assert antwoord.status_code == 302 and antwoord["Location"] == "/"
    start = client.get("/").content.decode()
    assert "<h1>Mijn acties</h1>" in start
    assert re.search(r'<a href="/" aria-current="page">Mijn acties</a>.*Hulpvragen', start, re.S)
    assert "<h1>Mijn acties</h1>" in client.get(MIJN_ACTIES).content.decode()


def test_status_sinds_follows_every_status_change(omgeving):
    hulpvraag = hulpvraag_op_school(omgeving.ib_regenboog, omgeving.regenboog)
    eerste = hulpvraag.statuswijzigingen.get()
    assert hulpvraag.status_sinds == eerste.op
    naar(hulpvraag, "Doorzetten SCP", omgeving.scp)
    hulpvraag.refresh_from_db()
    assert hulpvraag.status_sinds == hulpvraag.statuswijzigingen.latest("op", "pk").op


def test_status_sinds_of_existing_hulpvragen_is_filled_from_the_statushistorie(omgeving):
    from importlib import import_module

    from django.apps import apps

    migratie = import_module("passend.hulpvragen.migrations.0002_status_sinds_en_indexen")
    hulpvraag = hulpvraag_op_school(omgeving.ib_regenboog, omgeving.regenboog)
    naar(hulpvraag, "Doorzetten SCP", omgeving.scp)
    Hulpvraag.objects.update(status_sinds=timezone.now() + timedelta(days=1))
    migratie.status_sinds_uit_historie(apps, None)
    hulpvraag.refresh_from_db()
    assert hulpvraag.status_sinds == hulpvraag.statuswijzigingen.latest("op", "pk").op


# --- Fixed query counts ------------------------------------------------------------------------

FILTERS = {"naam": "boven", "van": "01-01-2020", "sorteer": "school"}


@pytest.mark.parametrize("wie", ["scp", "ib_regenboog", "beheerder"])
def test_overview_and_mijn_acties_take_a_fixed_number_of_queries(omgeving, wie):
    """The same queries for 1 row as for 30: nothing is read per row."""
    gebruiker = getattr(omgeving, wie)
    client = omgeving.client(gebruiker)
    label = Label.objects.create(swv=omgeving.ppo, naam="Spoed")
    filters = {
        **FILTERS,
        "status": [
            status("algemeen", "Aanmelding").pk,
            status("algemeen", "Dossier incompleet").pk,
        ],
        "school": omgeving.regenboog.pk,
    }

    def tellen(pad: str, params: dict[str, object]) -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(pad, params).status_code == 200
        return len(queries)

    def maak(aantal: int) -> None:
        for _ in range(aantal):
            hulpvraag = hulpvraag_op_school(omgeving.ib_regenboog, omgeving.regenboog)
            coordinator = omgeving.scp if wie == "ib_regenboog" else gebruiker
            hulpvraag_behandeling_wijzigen(
                hulpvraag=hulpvraag, door=omgeving.scp, coordinator=coordinator, labels=[label]
            )
            if wie == "ib_regenboog":  # so the school has something to do
                naar(hulpvraag, "Dossier incompleet", omgeving.scp, "Het OPP ontbreekt.")

    def alles() -> tuple[int, int, int]:
        client.get(LIJST)  # the SWV's filter lists are read once, then kept (keuzelijsten.py)
        return (
            tellen(LIJST, filters),
            tellen(LIJST, {**filters, "label": label.pk, "regio": omgeving.ijsselmonde.pk}),
            tellen(MIJN_ACTIES, {}),
        )

    maak(1)
    een = alles()
    maak(29)
    dertig = alles()
    assert "1 t/m 25 (van 30)" in client.get(LIJST, filters).content.decode()
    assert "1 t/m 25 (van 30)" in client.get(MIJN_ACTIES).content.decode()
    assert een == dertig == VERWACHT[wie]


# 11 for the overview: session, account with its SWV, authenticator, roles (4); count, page,
# and the page's coördinators (3); the access log entry (1); the session's new activity time (3).
# The IB'er's own schools are one more (12): its visibility and its school filter read them.
# The SWV's filter lists, and the title and school names of the rows, are kept per process
# (next test). Mijn acties: the same 12.
VERWACHT = {"scp": (11, 11, 11), "ib_regenboog": (12, 12, 11), "beheerder": (11, 11, 11)}


def test_filter_lists_are_read_once_and_again_at_once_after_a_change(omgeving):
    """The SWV's lists behind the filter (schools, regio's, titles, staff, labels, statuses,
    the titles' regio limits, and the processes the Managementoverzicht names) cost eight
    queries once, then none; any change to them shows on the very next page."""
    client = omgeving.client(omgeving.scp)

    def pagina() -> tuple[int, str]:
        with CaptureQueriesContext(connection) as queries:
            html = client.get(LIJST).content.decode()
        return len(queries), html

    pagina()
    warm, _ = pagina()
    label = Label.objects.create(swv=omgeving.ppo, naam="Wachtlijst")
    koud, html = pagina()
    assert koud == warm + 8
    assert f'<option value="{label.pk}">Wachtlijst</option>' in html
    assert pagina()[0] == warm

    omgeving.regenboog.naam = "De Nieuwe Regenboog"
    omgeving.regenboog.save()
    assert "De Nieuwe Regenboog (12AB00)</option>" in pagina()[1]

    coordinator = (
        f'<option value="{omgeving.coordinator.pk}">{omgeving.coordinator.volledige_naam}</option>'
    )
    assert coordinator in pagina()[1]
    omgeving.coordinator.is_active = False
    omgeving.coordinator.save()
    assert coordinator not in pagina()[1]
    omgeving.coordinator.is_active = True
    omgeving.coordinator.save()
    omgeving.coordinator.rollen.clear()
    assert coordinator not in pagina()[1]

    # SWV staff are offered only statuses the SWV sees: a status made visible appears.
    voorlopig = status("algemeen", "Voorlopige aanmelding")
    vinkje = f'id="id_status_{voorlopig.pk}"'
    assert vinkje not in pagina()[1]
    voorlopig.zichtbaar_voor_swv = True
    voorlopig.save()
    assert vinkje in pagina()[1]

    # A login saves the account's last_login only: the lists stay as they are.
    warm, _ = pagina()
    omgeving.client(omgeving.ib_regenboog)
    assert pagina()[0] == warm


def test_r50_names_in_rows_options_and_checkboxes_are_escaped(omgeving):
    """Rows, filter options and status checkboxes are written out in Python, not by the
    template language: what a user typed must still reach the page as text, never as HTML."""
    hulpvraag = hulpvraag_op_school(omgeving.ib_regenboog, omgeving.regenboog, roepnaam="<b>Bo")
    omgeving.regenboog.naam = "School <i>&</i>"
    omgeving.regenboog.save()
    Label.objects.create(swv=omgeving.ppo, naam='"><script>x</script>')
    voorlopig = status("algemeen", "Voorlopige aanmelding")
    voorlopig.naam = "<u>Voorlopig</u>"
    voorlopig.save()
    html = omgeving.client(omgeving.ib_regenboog).get(LIJST).content.decode()
    assert hulpvraag.referentie in html
    for ruw in ("<b>Bo", "School <i>", "<script>x", "<u>Voorlopig"):
        assert ruw not in html
    for tekst in ("&lt;b&gt;Bo", "School &lt;i&gt;&amp;&lt;/i&gt;", "&lt;script&gt;x", "&lt;u&gt;"):
        assert tekst in html


def test_r50_rows_show_title_and_school_names_as_they_are_now(omgeving):
    """Rows take title and school names from the SWV's kept lists: a rename shows on the next
    page, and a title those lists do not know yet (made around Passend's models, so no new
    version) is read from the row itself."""
    hulpvraag_op_school(omgeving.ib_regenboog, omgeving.regenboog)
    client = omgeving.client(omgeving.scp)
    assert "<td>Ambulante Begeleiding</td><td>" in client.get(LIJST).content.decode()

    titel = Hulpvraagtitel.objects.get(swv=omgeving.ppo, naam="Ambulante Begeleiding")
    titel.naam = "Ambulante begeleiding (AB)"
    titel.save()
    omgeving.regenboog.naam = "De Nieuwe Regenboog"
    omgeving.regenboog.save()
    html = client.get(LIJST).content.decode()
    assert "<td>Ambulante begeleiding (AB)</td>" in html
    assert "<td>De Nieuwe Regenboog</td>" in html

    buiten_passend = Hulpvraagtitel.objects.get(pk=titel.pk)
    buiten_passend.pk, buiten_passend.naam = None, "Titel buiten Passend om"
    buiten_passend.code = "buiten_passend"
    Hulpvraagtitel.objects.bulk_create([buiten_passend])  # no signal: the lists stay as read
    hulpvraag_op_school(omgeving.ib_regenboog, omgeving.regenboog, titel=buiten_passend.naam)
    assert "<td>Titel buiten Passend om</td>" in client.get(LIJST).content.decode()

"""R33: besturen and their verwerkersovereenkomst (signed on, ends on) on SWV-beheer's own
screens; R45: the school list as CSV for the SWV's website."""

import csv
import io
from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from passend.audit.models import Beheerhandeling
from passend.hulpvragen.tests.conftest import Omgeving
from passend.organisaties.models import Bestuur, School
from passend.organisaties.tests.factories import BestuurFactory

pytestmark = pytest.mark.django_db


def _rijen(antwoord) -> list[list[str]]:  # type: ignore[no-untyped-def]
    tekst = antwoord.content.decode("utf-8")
    assert tekst.startswith("\ufeff")
    return list(csv.reader(io.StringIO(tekst[1:]), delimiter=";"))


def test_r45_school_list_as_csv_own_swv_only_formula_safe_and_logged(omgeving: Omgeving):
    school = omgeving.regenboog
    School.objects.filter(pk=school.pk).update(naam="=HYPERLINK(1)", gesloten_op=date(2026, 7, 31))
    client = omgeving.client(omgeving.beheerder)
    assert (
        'href="/swv-beheer/scholen/export/"'
        in client.get(reverse("swvbeheer:scholen")).content.decode()
    )
    antwoord = client.get(reverse("swvbeheer:scholen_export"))
    assert antwoord.status_code == 200
    assert antwoord["Content-Type"].startswith("text/csv")
    assert "attachment" in antwoord["Content-Disposition"]
    rijen = _rijen(antwoord)
    assert rijen[0] == ["Naam", "BRIN", "Vestiging", "Regio", "Bestuur", "Gesloten op"]
    eigen = School.objects.filter(swv=omgeving.ppo)
    assert len(rijen) == 1 + eigen.count()
    rij = next(r for r in rijen if r[1:3] == [school.code[:4], school.code[4:]])
    assert rij[0] == "'=HYPERLINK(1)" and rij[5] == "31-07-2026"
    assert rij[4] == school.bestuur.naam
    # No personal data: no account's name or e-mail.
    tekst = antwoord.content.decode()
    assert omgeving.ib_regenboog.email not in tekst
    assert omgeving.ib_regenboog.achternaam not in tekst
    log = Beheerhandeling.objects.get(gebeurtenis="scholen_geexporteerd")
    assert log.gebruikersnaam == omgeving.beheerder.gebruikersnaam
    assert log.details["aantal"] == eigen.count()


def test_r45_school_csv_and_r33_besturen_list_in_a_fixed_number_of_queries(
    omgeving: Omgeving,
):
    client = omgeving.client(omgeving.beheerder)
    urls = (reverse("swvbeheer:scholen_export"), reverse("swvbeheer:besturen"))
    tellingen = []
    for _ronde in range(2):
        for url in urls:
            with CaptureQueriesContext(connection) as vastgelegd:
                assert client.get(url).status_code == 200
            tellingen.append(len(vastgelegd))
        bestuur = BestuurFactory.create(swv=omgeving.ppo)
        for nummer in range(3):
            School.objects.create(
                swv=omgeving.ppo,
                naam=f"Extra {nummer}",
                code=f"9{nummer}XY{_ronde}0",
                bestuur=bestuur,
            )
    # More schools and besturen, the same number of queries.
    assert tellingen[:2] == tellingen[2:]


def test_r33_besturen_list_and_edit_with_before_and_after(omgeving: Omgeving):
    bestuur = omgeving.regenboog.bestuur
    client = omgeving.client(omgeving.beheerder)
    lijst = client.get(reverse("swvbeheer:besturen")).content.decode()
    assert bestuur.naam in lijst
    assert not any(b.naam in lijst for b in Bestuur.objects.filter(swv=omgeving.ander_swv))
    url = reverse("swvbeheer:bestuur", args=[bestuur.pk])
    assert client.get(url).status_code == 200
    voor_datum = bestuur.verwerkersovereenkomst_datum
    antwoord = client.post(
        url,
        {
            "verwerkersovereenkomst_datum": "01-09-2025",
            "verwerkersovereenkomst_einde": "31-08-2029",
        },
    )
    assert antwoord.status_code == 302
    bestuur.refresh_from_db()
    assert bestuur.verwerkersovereenkomst
    assert bestuur.verwerkersovereenkomst_datum == date(2025, 9, 1)
    assert bestuur.verwerkersovereenkomst_einde == date(2029, 8, 31)
    log = Beheerhandeling.objects.get(gebeurtenis="bestuur_gewijzigd")
    assert log.objecttype == "bestuur" and log.object_id == str(bestuur.pk)
    assert log.voor["verwerkersovereenkomst_datum"] == (
        voor_datum.isoformat() if voor_datum else None
    )
    assert log.voor["verwerkersovereenkomst_einde"] is None
    assert log.na["verwerkersovereenkomst_einde"] == "2029-08-31"
    assert "31-08-2029" in client.get(reverse("swvbeheer:besturen")).content.decode()
    # Saving the same again logs nothing new.
    client.post(
        url,
        {
            "verwerkersovereenkomst_datum": "01-09-2025",
            "verwerkersovereenkomst_einde": "31-08-2029",
        },
    )
    assert Beheerhandeling.objects.filter(gebeurtenis="bestuur_gewijzigd").count() == 1
    # Both dates emptied: not signed.
    client.post(url, {"verwerkersovereenkomst_datum": "", "verwerkersovereenkomst_einde": ""})
    bestuur.refresh_from_db()
    assert not bestuur.verwerkersovereenkomst and bestuur.verwerkersovereenkomst_datum is None


def test_r33_ends_on_before_signed_on_is_refused_beside_the_field_nothing_lost(
    omgeving: Omgeving,
):
    bestuur = omgeving.regenboog.bestuur
    voor = (bestuur.verwerkersovereenkomst_datum, bestuur.verwerkersovereenkomst_einde)
    client = omgeving.client(omgeving.beheerder)
    url = reverse("swvbeheer:bestuur", args=[bestuur.pk])
    antwoord = client.post(
        url,
        {
            "verwerkersovereenkomst_datum": "01-09-2025",
            "verwerkersovereenkomst_einde": "31-08-2025",
        },
    )
    assert antwoord.status_code == 200
    tekst = antwoord.content.decode()
    assert "vóór de datum waarop het bestuur tekende" in tekst
    assert 'value="01-09-2025"' in tekst and 'value="31-08-2025"' in tekst
    # An end without a signing date, and a signing date in the future.
    later = f"{timezone.localdate() + timedelta(days=2):%d-%m-%Y}"
    for gegevens, melding in (
        (
            {"verwerkersovereenkomst_datum": "", "verwerkersovereenkomst_einde": "31-08-2029"},
            "Vul de datum in waarop het bestuur tekende.",
        ),
        (
            {"verwerkersovereenkomst_datum": later, "verwerkersovereenkomst_einde": ""},
            "Deze datum ligt in de toekomst.",
        ),
    ):
        antwoord = client.post(url, gegevens)
        assert antwoord.status_code == 200 and melding in antwoord.content.decode()
    bestuur.refresh_from_db()
    assert (bestuur.verwerkersovereenkomst_datum, bestuur.verwerkersovereenkomst_einde) == voor
    assert not Beheerhandeling.objects.filter(gebeurtenis="bestuur_gewijzigd").exists()

"""The Managementoverzicht: the arithmetic, who may see it, visibility inside the counts, and a
fixed number of queries."""

from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from passend.hulpvragen.models import Hulpvraag, Statuswijziging
from passend.hulpvragen.services import hulpvraagverloop_bijwerken
from passend.hulpvragen.tests.factories import hulpvraag_op_school
from passend.processen.models import Status
from passend.rapportages.grafieken import getal, staafdiagram, tabelrijen
from passend.rapportages.selectors import (
    Periode,
    Staaf,
    aantallen,
    doorlooptijden,
    percentiel,
    thuiszitters,
)

pytestmark = pytest.mark.django_db
URL = "/managementoverzicht/"
T0 = timezone.now() - timedelta(days=200)


def _status(omgeving, proces: str, naam: str) -> Status:
    return Status.objects.get(proces__swv=omgeving.ppo, proces__code=proces, naam=naam)


def _geschiedenis(omgeving, hulpvraag: Hulpvraag, proces: str, *stappen: tuple[str, float]) -> None:
    """Adds hand-made rows to the history, (status, days after T0), the last one current. The
    history is appended to, never rewritten: the row the service wrote when it made the
    hulpvraag stays (today, in its beginstatus, which neither starts nor ends a lead time that
    began months ago). Written past the services, so it writes the Managementoverzicht's summary
    (Hulpvraagverloop) as they do, from the hulpvraag and its history."""
    vorige = None
    for naam, dagen in stappen:
        naar = _status(omgeving, proces, naam)
        Statuswijziging.objects.create(
            hulpvraag=hulpvraag, van=vorige, naar=naar, op=T0 + timedelta(days=dagen)
        )
        vorige = naar
    Hulpvraag.objects.filter(pk=hulpvraag.pk).update(status=vorige)
    hulpvraagverloop_bijwerken(hulpvragen=Hulpvraag.objects.filter(pk=hulpvraag.pk))


def _hulpvraag(omgeving, titel: str = "Ambulante Begeleiding", school=None) -> Hulpvraag:
    school = school or omgeving.regenboog
    ib = omgeving.ib_regenboog if school == omgeving.regenboog else omgeving.ib_kompas
    return hulpvraag_op_school(ib, school, titel=titel)


@pytest.fixture
def geschiedenissen(omgeving):
    """Algemeen: eight finished after 2, 4, 6, 8, 10, 12, 14 and 30 days, one not finished.
    The 4 started unseen by the SWV (Voorlopige aanmelding 20 days earlier: not counted); the
    12 went back and forth (Dossier incompleet and Aanmelding again) before it ended."""
    for dagen in (2, 6, 8, 10, 14, 30):
        _geschiedenis(
            omgeving, _hulpvraag(omgeving), "algemeen", ("Aanmelding", 0), ("Afgerond", dagen)
        )
    _geschiedenis(
        omgeving, _hulpvraag(omgeving), "algemeen",
        ("Voorlopige aanmelding", -20), ("Aanmelding", 0), ("Afgewezen", 4),
    )  # fmt: skip
    _geschiedenis(
        omgeving, _hulpvraag(omgeving, school=omgeving.kompas), "algemeen",
        ("Aanmelding", 0), ("Dossier incompleet", 3), ("Aanmelding", 5), ("Afgerond", 12),
    )  # fmt: skip
    _geschiedenis(
        omgeving, _hulpvraag(omgeving), "algemeen", ("Aanmelding", 0), ("Dossier incompleet", 1)
    )
    _geschiedenis(
        omgeving, _hulpvraag(omgeving, "Thuiszitter"), "thuiszitter",
        ("Aanmelding", 0), ("Thuiszitter", 1), ("Afgerond", 101),
    )  # fmt: skip


def test_percentiel_rekent_als_percentile_cont():
    assert percentiel([2, 4, 6, 8, 10, 12, 14, 30], 0.5) == 9
    assert percentiel([2, 4, 6, 8, 10, 12, 14, 30], 0.9) == pytest.approx(18.8)
    assert percentiel([7], 0.9) == 7


def test_doorlooptijden_op_een_handgemaakte_geschiedenis(omgeving, geschiedenissen):
    rijen = {rij.proces: rij for rij in doorlooptijden(omgeving.scp, Periode())}
    algemeen = rijen["Algemeen"]
    # Sorted: 2 4 6 8 10 12 14 30. Median: between 8 and 10. p90: position 6.3 -> 14 + .3 * 16.
    assert algemeen.afgerond == 8
    assert algemeen.mediaan == pytest.approx(9)
    assert algemeen.p90 == pytest.approx(18.8)
    # From Aanmelding (day 0, already visible to the SWV), not from Thuiszitter (day 1).
    assert (rijen["Thuiszitter"].afgerond, rijen["Thuiszitter"].mediaan) == (1, pytest.approx(101))
    assert rijen["TLV"].afgerond == 0 and rijen["TLV"].mediaan is None
    # The same figures on the page, as the table beside the chart.
    inhoud = omgeving.client(omgeving.scp).get(URL).content.decode()
    assert "<td>8</td><td>9</td><td>18,8</td>" in inhoud


def test_periode_en_regio_filteren(omgeving, geschiedenissen):
    oud = Hulpvraag.objects.filter(statuswijzigingen__naar__naam="Dossier incompleet")
    oud.update(hulpvraagdatum=date(2020, 1, 1))
    hulpvraagverloop_bijwerken(hulpvragen=Hulpvraag.objects.filter(pk__in=oud.values("pk")))
    alles = aantallen(omgeving.scp, Periode())
    assert alles.totaal == 10
    tot_2020 = aantallen(omgeving.scp, Periode(tot=date(2020, 12, 31)))
    assert tot_2020.totaal == 2  # the one that went back and forth, and the unfinished one
    noord = aantallen(omgeving.scp, Periode(regio=omgeving.noord))
    assert noord.totaal == 1 and noord.per_regio == [Staaf("Noord", 1)]
    assert noord.per_school == [Staaf("Het Kompas", 1)]
    # Through the page: the filter lives in the URL, dates as dd-mm-jjjj.
    client = omgeving.client(omgeving.scp)
    inhoud = client.get(URL, {"tot": "31-12-2020"}).content.decode()
    assert "2 hulpvragen met een hulpvraagdatum in de gekozen periode" in inhoud
    fout = client.get(URL, {"van": "31-12-2020", "tot": "1-1-2020"}).content.decode()
    assert "Deze datum ligt vóór de datum ‘vanaf’." in fout
    assert client.get(URL, {"van": "morgen"}).status_code == 200


def test_alleen_wat_de_gebruiker_mag_zien_telt_mee(omgeving, geschiedenissen):
    verborgen = _hulpvraag(omgeving)
    _geschiedenis(omgeving, verborgen, "algemeen", ("Voorlopige aanmelding", 0))
    scp = aantallen(omgeving.scp, Periode())
    beheerder = aantallen(omgeving.beheerder, Periode())
    assert beheerder.totaal == scp.totaal + 1
    assert Staaf("Voorlopige aanmelding (Algemeen)", 1) in beheerder.per_status
    assert not any(s.label.startswith("Voorlopige") for s in scp.per_status)
    # Another SWV's hulpvraag is never counted: the other SWV's administrator sees none of these.
    assert Hulpvraag.objects.exclude(swv=omgeving.ppo).count() == 0


def test_thuiszitters_nu_en_per_maand(omgeving):
    nog_thuis = _hulpvraag(omgeving, "Thuiszitter")
    opgelost = _hulpvraag(omgeving, "Thuiszitter")
    _geschiedenis(omgeving, nog_thuis, "thuiszitter", ("Aanmelding", 150), ("Thuiszitter", 160))
    _geschiedenis(
        omgeving,
        opgelost,
        "thuiszitter",
        ("Aanmelding", 150),
        ("Thuiszitter", 160),
        ("Afgerond", 170),
    )
    uitkomst = thuiszitters(omgeving.scp, Periode())
    assert uitkomst.nu == 1
    maand = timezone.localtime(T0 + timedelta(days=160)).date()
    assert Staaf(f"{maand.month:02d}-{maand.year}", 2) in uitkomst.per_maand
    assert len(uitkomst.per_maand) == 12
    assert sum(staaf.waarde for staaf in uitkomst.per_maand) == 2
    noord = thuiszitters(omgeving.scp, Periode(regio=omgeving.noord))
    assert (noord.nu, sum(s.waarde for s in noord.per_maand)) == (0, 0)


@pytest.mark.parametrize(
    ("wie", "status"),
    [("scp", 200), ("coordinator", 200), ("regiomanager", 200), ("beheerder", 200),
     ("ib_regenboog", 404), ("ouder", 404)],
)  # fmt: skip
def test_alleen_voor_het_swv(omgeving, wie, status):
    client = omgeving.client(getattr(omgeving, wie))
    assert client.get(URL).status_code == status
    menu = client.get(reverse("start")).content.decode()
    assert ("Managementoverzicht" in menu) == (status == 200)


def test_geen_leerlingnamen_op_de_pagina(omgeving, geschiedenissen):
    inhoud = omgeving.client(omgeving.beheerder).get(URL).content.decode()
    assert "Boven" not in inhoud  # the factory's pupils are all "Jan van Boven"


def _queries(client) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(URL, {"regio": ""}).status_code == 200
    return len(queries)


def test_vast_aantal_queries(omgeving, django_assert_num_queries):
    client = omgeving.client(omgeving.scp)
    client.get(URL)  # reads the SWV's lists, which each process then keeps (keuzelijsten.py)
    weinig = _queries(client)
    for _ in range(5):
        _hulpvraag(omgeving, school=omgeving.kompas)
    _hulpvraag(omgeving, "Thuiszitter")
    assert _queries(client) == weinig
    # Session, user with its SWV, OTP device, roles; lead times; counts; thuiszitters now and
    # per month; regio's (filter); the session's activity time saved (savepoint, update,
    # release). The names of statuses, schools and processes come from the kept lists.
    with django_assert_num_queries(12):
        client.get(URL)


def test_een_status_buiten_de_signalen_om_telt_mee_met_haar_naam(omgeving):
    """The kept lists do not know a status written past the ORM's signals (bulk, SQL by hand):
    the counts read the lists again instead of failing or leaving it out."""
    hulpvraag = _hulpvraag(omgeving)
    _geschiedenis(omgeving, hulpvraag, "algemeen", ("Aanmelding", 0))
    assert aantallen(omgeving.scp, Periode()).totaal == 1  # the lists are kept from here
    nieuw = _status(omgeving, "algemeen", "Aanmelding")
    nieuw.pk, nieuw.code, nieuw.naam, nieuw.volgorde = None, "heroverweging", "Heroverweging", 99
    [nieuw] = Status.objects.bulk_create([nieuw])
    Hulpvraag.objects.filter(pk=hulpvraag.pk).update(status=nieuw)
    hulpvraagverloop_bijwerken(hulpvragen=Hulpvraag.objects.filter(pk=hulpvraag.pk))
    assert aantallen(omgeving.scp, Periode()).per_status == [Staaf("Heroverweging (Algemeen)", 1)]


def test_getallen_op_zijn_nederlands():
    assert [getal(w) for w in (0, 2.0, 1234, 1234567, 3.5, 1234.56, 0.96, -0.01)] == [
        "0", "2", "1.234", "1.234.567", "3,5", "1.234,6", "1", "0",
    ]  # fmt: skip


def test_staafdiagram_is_een_toegankelijke_afbeelding():
    svg = staafdiagram(
        [Staaf("<b>De Regenboog</b>", 3), Staaf("Het Kompas", 1.5)],
        sleutel="proef",
        titel="Per school",
        beschrijving="Aantal per school",
    )
    assert 'role="img" aria-labelledby="proef-titel proef-beschrijving"' in svg
    assert '<title id="proef-titel">Per school</title>' in svg
    assert "&lt;b&gt;De Regenboog&lt;/b&gt;" in svg and "<b>" not in svg
    assert ">1,5</text>" in svg


def test_tabelrijen_naast_de_grafiek_tonen_namen_als_tekst():
    rijen = tabelrijen([Staaf("<b>De Regenboog</b>", 1234), Staaf("Het Kompas", 1.5)])
    assert '<tr><th scope="row">&lt;b&gt;De Regenboog&lt;/b&gt;</th><td>1.234</td></tr>' in rijen
    assert "<b>" not in rijen
    assert "<td>1,5</td>" in rijen

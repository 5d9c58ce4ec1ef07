"""`genereer_data` at small scale: the data obeys the rules the services enforce."""

import json
from collections import defaultdict
from itertools import pairwise
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.test import Client
from django.urls import reverse

from passend.accounts.models import Gebruiker
from passend.accounts.tests.factories import code_uit_geheim
from passend.core.normalize import zonder_accenten
from passend.dossiers.services import schoolgegevens_toevoegen
from passend.hulpvragen.models import Hulpvraag, Referentieteller, Statuswijziging
from passend.hulpvragen.services import hulpvraag_aanmaken
from passend.hulpvragen.tests.verloop import verloop_klopt
from passend.organisaties.models import Samenwerkingsverband
from passend.processen.models import Hulpvraagtitel, Statusovergang

pytestmark = pytest.mark.django_db


@pytest.fixture
def accounts(tmp_path: Path) -> list[dict[str, str]]:
    pad = tmp_path / "accounts.json"
    call_command("genereer_data", swvs=2, hulpvragen_per_swv=50, accounts_json=pad, verbosity=0)
    return list(json.loads(pad.read_text())["accounts"])


def test_statussen_volgen_de_overgangen_en_de_status_is_de_laatste(accounts):
    assert Samenwerkingsverband.objects.filter(code__in=["PO5000", "PO5001"]).count() == 2
    assert Hulpvraag.objects.count() == 100
    toegestaan = set(Statusovergang.objects.values_list("van_id", "naar_id"))
    rijen = defaultdict(list)
    for wijziging in Statuswijziging.objects.order_by("hulpvraag", "op", "pk"):
        rijen[wijziging.hulpvraag_id].append(wijziging)
    teruggegaan = 0
    for hulpvraag in Hulpvraag.objects.select_related("titel", "leerling", "schoolgegevens"):
        geschiedenis = rijen[hulpvraag.pk]
        assert geschiedenis[0].van_id is None
        assert geschiedenis[0].naar_id == hulpvraag.titel.beginstatus_id
        for vorige, volgende in pairwise(geschiedenis):
            assert volgende.van_id == vorige.naar_id
            assert (volgende.van_id, volgende.naar_id) in toegestaan
            assert volgende.op > vorige.op
            teruggegaan += volgende.naar.volgorde <= vorige.naar.volgorde
        assert hulpvraag.status_id == geschiedenis[-1].naar_id
        assert hulpvraag.status_sinds == geschiedenis[-1].op
        # What visibility and search depend on is filled in and consistent.
        assert hulpvraag.swv_id == hulpvraag.leerling.swv_id == hulpvraag.titel.swv_id
        assert hulpvraag.schoolgegevens.leerling_id == hulpvraag.leerling_id
        assert hulpvraag.schoolgegevens.school.swv_id == hulpvraag.swv_id
        assert hulpvraag.leerling.zoeknaam == zonder_accenten(hulpvraag.leerling.volledige_naam)
    assert teruggegaan > 0, "some histories go back and forth, as real ones do"


def test_i20_het_verloop_van_elke_hulpvraag_is_gevuld(accounts):
    """The Managementoverzicht's summary, in bulk per SWV, equal to what the services write."""
    assert verloop_klopt() == 100


def test_referenties_uniek_en_de_teller_loopt_door(accounts):
    referenties = list(Hulpvraag.objects.values_list("referentie", flat=True))
    assert len(set(referenties)) == len(referenties)
    for teller in Referentieteller.objects.all():
        jaar = [r for r in referenties if r.startswith(f"HV-{teller.jaar}-")]
        assert teller.laatste == max(int(r.rsplit("-", 1)[1]) for r in jaar)
    # A hulpvraag made the ordinary way afterwards gets the next free number.
    ib = Gebruiker.objects.get(swv__code="PO5000", gebruikersnaam="ib01")
    bestaande = Hulpvraag.objects.filter(aangemaakt_door=ib).select_related("leerling").first()
    assert bestaande is not None
    leerling = bestaande.leerling
    schoolgegevens = schoolgegevens_toevoegen(
        leerling=leerling,
        school=ib.scholen.get(),
        door=ib,
        aanvrager=ib,
        contactpersoon=ib.volledige_naam,
        email=ib.email,
    )
    nieuw = hulpvraag_aanmaken(
        leerling=leerling,
        schoolgegevens=schoolgegevens,
        titel=Hulpvraagtitel.objects.get(swv=ib.swv, naam="Ambulante Begeleiding"),
        door=ib,
    )
    assert nieuw.referentie not in referenties


def test_zichtbaarheid_per_rol(accounts):
    swv = Samenwerkingsverband.objects.get(code="PO5000")
    scp = Gebruiker.objects.get(swv=swv, gebruikersnaam="scp")
    ib = Gebruiker.objects.get(swv=swv, gebruikersnaam="ib01")
    beheerder = Gebruiker.objects.get(swv=swv, gebruikersnaam="beheerder")
    alle = Hulpvraag.objects.filter(swv=swv)
    assert Hulpvraag.objects.zichtbaar_voor(beheerder).count() == alle.count() == 50
    assert Hulpvraag.objects.zichtbaar_voor(scp).count() == (
        alle.filter(status__zichtbaar_voor_swv=True).count()
    )
    assert set(Hulpvraag.objects.zichtbaar_voor(ib)) == set(
        alle.filter(schoolgegevens__school__in=ib.scholen.all())
    )


def test_de_accounts_kunnen_inloggen_met_beide_factoren(accounts):
    assert {a["gebruikersnaam"] for a in accounts} == {"scp", "coordinator", "beheerder", "ib01"}
    for account in accounts:
        client = Client()
        antwoord = client.post(
            reverse("accounts:aanmelden"),
            {
                "organisatie": account["organisatie"],
                "gebruikersnaam": account["gebruikersnaam"],
                "wachtwoord": account["wachtwoord"],
                "code": code_uit_geheim(account["totp_secret"]),
            },
        )
        assert antwoord.status_code == 302, account
        assert client.get(reverse("hulpvragen:lijst")).status_code == 200


def test_tweede_keer_slaat_bestaande_swvs_over(accounts, capsys):
    call_command("genereer_data", swvs=3, hulpvragen_per_swv=10)
    assert "PO5000 bestaat al" in capsys.readouterr().out
    assert Hulpvraag.objects.count() == 110


def test_weigert_in_productie(settings):
    settings.PRODUCTION = True
    with pytest.raises(CommandError, match="productie"):
        call_command("genereer_data", swvs=1, hulpvragen_per_swv=1)

"""The Esis and ParnasSys simulators against a live server (R6-R8, R10, R11, B6): every scenario
over real HTTP, then the end state read from the database, not from the simulator's output."""

import io

import pytest
from django.core.management import CommandError, call_command
from pytest_django.live_server_helper import LiveServer

from passend.hulpvragen.models import Hulpvraag
from passend.koppelingen.models import Aanvraag, Conceptbijlage, Idempotentiesleutel
from passend.koppelingen.oso import voorbeelden
from passend.koppelingen.simulator import EsisSimulator, ParnassysSimulator
from passend.koppelingen.tests import test_oso_intake as oso
from passend.koppelingen.tests.conftest import Esis
from passend.koppelingen.tests.test_oso_intake import EMAIL, Parnassys
from passend.notificaties.models import Bericht

# Live server: committed data, restored afterwards (the roles come from a data migration).
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def simulator(live_server: LiveServer, esis: Esis, als_swv: str = "") -> EsisSimulator:
    regels: list[str] = []
    return EsisSimulator(
        url=live_server.url,
        token=esis.token,
        verificatiecode=esis.code,
        contactpersoon=esis.contactpersoon,
        als_swv=als_swv,
        uit=regels.append,
    )


def test_r11_simulator_plays_every_esis_scenario_against_a_live_server(
    live_server: LiveServer, esis: Esis
) -> None:
    sim = simulator(live_server, esis, als_swv="pjansen")
    sim.spelen("alles")

    # nieuw: one hulpvraag with both files, the retried POST made nothing twice.
    nieuw = Aanvraag.objects.select_related("hulpvraag__status").get(
        uuid=sim.gemaakt["nieuw"]["uuid"]
    )
    assert nieuw.hulpvraag is not None
    assert nieuw.hulpvraag.status.code == "aanmelding"
    assert nieuw.hulpvraag.bron == "esis"
    assert nieuw.hulpvraag.bijlagen.count() == 2
    assert Idempotentiesleutel.objects.filter(client=esis.client).count() == 1
    assert Hulpvraag.objects.filter(leerling=nieuw.hulpvraag.leerling).count() == 1

    # concept: the draft was sent; its files became the hulpvraag's, no draft file is left.
    concept = Aanvraag.objects.select_related("hulpvraag").get(uuid=sim.gemaakt["concept"]["uuid"])
    assert concept.hulpvraag is not None
    assert concept.verzonden_op is not None
    assert concept.gegevens == {}
    assert concept.hulpvraag.omschrijving.startswith("Op het gebied van taal en lezen")
    assert sorted(
        b.documenttype.code for b in concept.hulpvraag.bijlagen.all() if b.documenttype
    ) == [
        "opp",
        "toelichting_onderwijsbehoeften",
    ]
    assert not Conceptbijlage.objects.filter(aanvraag=concept).exists()

    # incompleet: the same hulpvraag after resending, back in Aanmelding, the file appended.
    incompleet = Aanvraag.objects.select_related("hulpvraag__status").get(
        uuid=sim.gemaakt["incompleet"]["uuid"]
    )
    hulpvraag = incompleet.hulpvraag
    assert hulpvraag is not None
    assert hulpvraag.referentie == sim.gemaakt["incompleet"]["referentie"]
    assert hulpvraag.status.code == "aanmelding"
    assert [
        (w.van.code if w.van else None, w.naar.code, w.door.gebruikersnaam)
        for w in hulpvraag.statuswijzigingen.select_related("van", "naar", "door").order_by("op")
    ] == [
        (None, "aanmelding", "iverhoef"),
        ("aanmelding", "dossier_incompleet", "pjansen"),
        ("dossier_incompleet", "aanmelding", "iverhoef"),
    ]
    assert [
        b.documenttype and b.documenttype.code
        for b in hulpvraag.bijlagen.order_by("toegevoegd_op", "pk")
    ] == [
        "opp",
        "verslag",
    ]
    # The submission's receipt and both status changes mailed the school (R19) through the outbox.
    assert Bericht.objects.filter(tekst__contains=hulpvraag.referentie).count() == 3
    assert Aanvraag.objects.filter(client=esis.client).count() == 3


def test_r11_command_stops_with_an_error_on_an_unexpected_answer(
    live_server: LiveServer, esis: Esis
) -> None:
    uit = io.StringIO()
    with pytest.raises(CommandError, match="token_ongeldig"):
        call_command(
            "lvs_simulator",
            "esis",
            "nieuw",
            url=live_server.url,
            token=esis.token[:-4] + "xxxx",
            verificatiecode=esis.code,
            contactpersoon=esis.contactpersoon,
            stdout=uit,
        )
    with pytest.raises(CommandError, match="--als-swv"):
        call_command(
            "lvs_simulator",
            "esis",
            "incompleet",
            url=live_server.url,
            token=esis.token,
            verificatiecode=esis.code,
            contactpersoon=esis.contactpersoon,
            stdout=uit,
        )
    assert not Aanvraag.objects.exists()


# --- ParnasSys through OSO (issue 15) ----------------------------------------------------------

# The OSO intake tests' fixtures: the sample dossiers' school and a ParnasSys client for it.
demoschool = oso.demoschool
parnassys = oso.parnassys


def test_r6_r7_parnassys_simulator_dient_de_voorbeelddossiers_in_via_http(
    live_server: LiveServer, parnassys: Parnassys
) -> None:
    regels: list[str] = []
    sim = ParnassysSimulator(
        url=live_server.url, token=parnassys.token, contactpersoon=EMAIL, uit=regels.append
    )
    sim.spelen("alles")

    # Every official sample became a hulpvraag of kanaal OSO at the sample's school.
    assert set(sim.gemaakt) == set(voorbeelden.VOORBEELDEN)
    for naam, gemaakt in sim.gemaakt.items():
        aanvraag = Aanvraag.objects.select_related(
            "hulpvraag__status", "hulpvraag__schoolgegevens__school"
        ).get(uuid=gemaakt["uuid"])
        hulpvraag = aanvraag.hulpvraag
        assert hulpvraag is not None, naam
        assert hulpvraag.referentie == gemaakt["referentie"]
        assert (hulpvraag.bron, hulpvraag.status.code) == ("oso", "aanmelding")
        assert hulpvraag.schoolgegevens.school.code == "00YY00"
        assert hulpvraag.leerling.achternaam == "Berg"
    # The refused variants left nothing behind.
    assert sim.geweigerd == {
        "verboden_blok": "blok_niet_toegestaan",
        "kapotte_xml": "xml_ongeldig",
    }
    assert Aanvraag.objects.filter(client=parnassys.client).count() == 4
    assert Hulpvraag.objects.filter(bron="oso").count() == 4
    uitvoer = "\n".join(regels)
    assert "Klaar" in uitvoer and "geweigerd" in uitvoer


def test_r6_lvs_simulator_parnassys_commando(live_server: LiveServer, parnassys: Parnassys) -> None:
    uit = io.StringIO()
    call_command(
        "lvs_simulator",
        "parnassys",
        "geweigerd",
        url=live_server.url,
        token=parnassys.token,
        contactpersoon=EMAIL,
        stdout=uit,
    )
    assert "blok_niet_toegestaan" in uit.getvalue()
    assert not Aanvraag.objects.exists()
    with pytest.raises(CommandError, match="token_ongeldig"):
        call_command(
            "lvs_simulator",
            "parnassys",
            "voorbeelden",
            url=live_server.url,
            token=parnassys.token[:-4] + "xxxx",
            contactpersoon=EMAIL,
            stdout=uit,
        )
    with pytest.raises(CommandError, match="bestaat niet voor parnassys"):
        call_command("lvs_simulator", "parnassys", "concept", url=live_server.url, stdout=uit)

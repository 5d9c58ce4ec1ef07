"""`manage.py demo`: the data `make run` shows, and the accounts a walkthrough logs in with."""

import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.test import Client
from rest_framework.test import APIClient

from passend.accounts.models import Gebruiker, Rol, Schoolcontactpersoon
from passend.accounts.tests.factories import code_uit_geheim
from passend.hulpvragen.models import Hulpvraag
from passend.hulpvragen.tests.verloop import verloop_klopt
from passend.koppelingen import simulator
from passend.koppelingen.models import ApiClient, Verificatiecode
from passend.organisaties.models import Bestuur, Regio, Samenwerkingsverband, School

pytestmark = pytest.mark.django_db


def demo_json() -> dict:  # type: ignore[type-arg]
    uit = StringIO()
    call_command("demo", "--json", stdout=uit)
    return json.loads(uit.getvalue())


def test_demo_is_idempotent_and_covers_every_role():
    eerste = demo_json()
    modellen = (Samenwerkingsverband, Regio, Bestuur, School, Gebruiker, Hulpvraag)
    aantallen = [m.objects.count() for m in modellen]
    tweede = demo_json()
    assert eerste == tweede
    assert [m.objects.count() for m in modellen] == aantallen

    ppo_rollen = {
        r for a in eerste["accounts"] if a["organisatie"] == "PO2806" for r in a["rollen"]
    }
    assert ppo_rollen == set(Rol.objects.values_list("code", flat=True))
    assert {a["organisatie"] for a in eerste["accounts"]} == {"PO2806", "PO9999"}
    ppo = Samenwerkingsverband.objects.get(code="PO2806")
    assert ppo.naam == "PPO Rotterdam"
    assert {"IJsselmonde"} < set(ppo.regios.values_list("naam", flat=True))
    assert ppo.besturen.filter(verwerkersovereenkomst=True).exists()
    assert ppo.besturen.filter(verwerkersovereenkomst=False).exists()
    assert ppo.scholen.count() >= 6
    assert ppo.scholen.values("regio").distinct().count() >= 3
    for account in eerste["accounts"]:
        assert all(len(code) == 6 for code in account["scholen"])


def test_i20_the_demos_hulpvragen_have_their_summary():
    """The demo makes its hulpvragen and status changes through the services."""
    call_command("demo", verbosity=0)
    assert verloop_klopt() > 0


def test_demo_json_accounts_can_log_in():
    for account in demo_json()["accounts"]:
        client = Client()
        code = code_uit_geheim(account["totp_secret"])
        antwoord = client.post(
            "/aanmelden/",
            {
                "organisatie": account["organisatie"],
                "gebruikersnaam": account["gebruikersnaam"],
                "wachtwoord": account["wachtwoord"],
                "code": code,
            },
        )
        assert antwoord.status_code == 302, account["gebruikersnaam"]
        # The external participant starts on "Mijn overlegrondes", the privacy officer on the
        # Inzagelog, the others on Mijn acties.
        assert "Welkom" in client.get("/", follow=True).content.decode()


def test_demo_table_lists_every_account():
    uit = StringIO()
    call_command("demo", stdout=uit)
    tabel = uit.getvalue()
    for account in demo_json()["accounts"]:
        assert account["gebruikersnaam"] in tabel
        assert account["totp_secret"] in tabel


def test_demo_code_prints_the_current_code():
    account = demo_json()["accounts"][0]
    uit = StringIO()
    # The code changes every 30 seconds, also between two lines of this test: the command's
    # code is the one from just before or just after the call (which takes far less than 30
    # seconds), whichever side of a step boundary the call fell.
    voor = code_uit_geheim(account["totp_secret"])
    call_command("demo_code", f"{account['organisatie']}/{account['gebruikersnaam']}", stdout=uit)
    na = code_uit_geheim(account["totp_secret"])
    assert uit.getvalue().strip() in {voor, na}


def test_demo_loads_the_preset_and_gives_every_ppo_school_its_scp():
    demo_json()
    ppo = Samenwerkingsverband.objects.get(code="PO2806")
    assert ppo.hulpvraagtitels.count() == 23
    scps = Schoolcontactpersoon.objects.filter(school__swv=ppo)
    assert set(scps.values_list("gebruiker__gebruikersnaam", flat=True)) == {"pjansen"}
    assert scps.count() == ppo.scholen.count()
    assert Hulpvraag.objects.filter(swv=ppo).count() == 6  # in several statuses
    voorbeeld = Hulpvraag.objects.get(swv=ppo, leerling__achternaam="Fortes Monteiro")
    assert voorbeeld.status.naam == "Aanmelding"
    assert voorbeeld.coordinator is not None and voorbeeld.coordinator.gebruikersnaam == "pjansen"


def test_i18_demo_code_without_organisation_names_the_organisations_with_that_username():
    demo_json()
    # iverhoef exists at PPO Rotterdam and at SWV Voorbeeldstad (R43).
    with pytest.raises(CommandError) as fout:
        call_command("demo_code", "iverhoef", stdout=StringIO())
    melding = str(fout.value)
    assert "PO2806 (PPO Rotterdam)" in melding and "PO9999 (SWV Voorbeeldstad)" in melding
    assert "make demo-code GEBRUIKER=PO2806/iverhoef" in melding
    # A username of one organisation needs no more.
    account = next(a for a in demo_json()["accounts"] if a["gebruikersnaam"] == "pjansen")
    uit = StringIO()
    voor = code_uit_geheim(account["totp_secret"])
    call_command("demo_code", "pjansen", stdout=uit)
    assert uit.getvalue().strip() in {voor, code_uit_geheim(account["totp_secret"])}
    with pytest.raises(CommandError, match="Geen ingesteld account 'niemand' gevonden"):
        call_command("demo_code", "niemand", stdout=StringIO())


def test_r10_demo_esis_link_answers_to_the_simulators_defaults():
    """The demo's Esis client and De Regenboog's code are the simulator's defaults, so README's
    command works after `make run`; a second run keeps one client, with the same token."""
    demo_json()
    demo_json()
    client = ApiClient.objects.get(soort="esis")
    assert (client.naam, client.soort, client.swv.code) == ("Esis (demo)", "esis", "PO2806")
    assert Verificatiecode.objects.get(verwijderd_op=None).school.code == "12AB00"
    antwoord = APIClient().get(
        "/api/v1/titels/",
        HTTP_AUTHORIZATION=f"Bearer {simulator.DEMO_TOKEN}",
        HTTP_X_VERIFICATIECODE=simulator.DEMO_VERIFICATIECODE,
    )
    assert antwoord.status_code == 200, antwoord.json()
    assert simulator.TITEL in [t["naam"] for t in antwoord.json()]
    assert Gebruiker.objects.get(email=simulator.DEMO_CONTACTPERSOON).gebruikersnaam == "iverhoef"


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_r6_demo_parnassys_link_takes_the_simulators_defaults(live_server):
    """The demo's ParnasSys client is switched on for the sample dossiers' school (00YY00), so
    README's `lvs_simulator parnassys` works after `make run`: run here with only --url."""
    demo_json()
    demo_json()
    client = ApiClient.objects.get(soort="oso")
    assert (client.naam, client.swv.code) == ("ParnasSys (demo)", "PO2806")
    assert client.schoolkoppelingen.get().school.code == simulator.PARNASSYS_SCHOOL
    uit = StringIO()
    call_command("lvs_simulator", "parnassys", url=live_server.url, stdout=uit)
    assert "Klaar" in uit.getvalue()
    assert Hulpvraag.objects.filter(bron="oso", schoolgegevens__school__code="00YY00").count() == 4


def test_demo_esis_token_is_never_made_in_production(settings):
    settings.PRODUCTION = True
    with pytest.raises(CommandError, match="productie"):
        call_command("demo")
    assert not ApiClient.objects.exists()


def test_r14_the_demo_parent_has_inzage_in_one_pupil_with_one_shared_attachment():
    from passend.inzagerecht.models import GedeeldeBijlage, Ouderinzage
    from passend.notificaties.models import Bericht

    demo_json()
    demo_json()
    inzage = Ouderinzage.objects.get(gebruiker__gebruikersnaam="opeters")
    assert inzage.actief and inzage.leerling.roepnaam == "Zoë"
    gedeeld = GedeeldeBijlage.objects.get()
    assert gedeeld.bijlage.hulpvraag.leerling_id == inzage.leerling_id
    assert all(inzage.emailadres not in bericht.aan for bericht in Bericht.objects.all())

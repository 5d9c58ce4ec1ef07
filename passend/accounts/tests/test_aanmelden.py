"""Login exactly as the manual (R12), with the checks of SECURITY.md (ASVS V2, V3)."""

import json
import logging
from datetime import timedelta

import pytest
from django.contrib.sessions.models import Session
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from passend.accounts.tests.factories import WACHTWOORD, account_maken, huidige_code
from passend.organisaties.tests.factories import SamenwerkingsverbandFactory

AANMELDEN = reverse("accounts:aanmelden")
MISLUKT = "Aanmelden is niet gelukt"


def aanmelden(client: Client, organisatie: str = "PO2806 PPO Rotterdam", **velden: str):  # type: ignore[no-untyped-def]
    return client.post(AANMELDEN, {"organisatie": organisatie, **velden})


@pytest.fixture
def ib(ppo, school):  # type: ignore[no-untyped-def]
    return account_maken(ppo, scholen=(school,))


def test_r12_login_page_asks_the_manuals_four_fields(client, ppo):
    page = client.get(AANMELDEN).content.decode()
    for label in ("Organisatie", "Gebruikersnaam", "Wachtwoord", "Code", "Aanmelden"):
        assert f">{label}<" in page
    assert '<option value="PO2806 PPO Rotterdam">' in page


@pytest.mark.parametrize("getypt", ["PPO", "ppo rotterdam", "PO2806", "PO2806 PPO Rotterdam"])
def test_r12_organisation_found_by_part_of_its_name_or_code(client, ib, getypt):
    antwoord = aanmelden(
        client, getypt, gebruikersnaam="iverhoef", wachtwoord=WACHTWOORD, code=huidige_code(ib)
    )
    assert antwoord.status_code == 302
    assert antwoord["Location"] == "/"


def test_r12_happy_path_logs_in_with_a_new_session_id_and_both_factors(client, ib):
    client.get(AANMELDEN)
    sessie_voor = client.session.session_key
    antwoord = aanmelden(
        client, gebruikersnaam="iverhoef", wachtwoord=WACHTWOORD, code=huidige_code(ib)
    )
    assert antwoord.status_code == 302
    assert client.session.session_key != sessie_voor
    start = client.get("/")
    assert start.status_code == 200
    assert "Welkom, Ingrid" in start.content.decode()


def test_r12_wrong_password_is_refused_without_saying_which_part_was_wrong(client, ib):
    antwoord = aanmelden(
        client, gebruikersnaam="iverhoef", wachtwoord="verkeerd-wachtwoord", code=huidige_code(ib)
    )
    assert MISLUKT in antwoord.content.decode()
    assert client.get("/").status_code == 302


def test_r12_wrong_code_is_refused_with_the_same_message(client, ib):
    goed = huidige_code(ib)
    fout = f"{(int(goed) + 1) % 1_000_000:06d}"
    antwoord = aanmelden(client, gebruikersnaam="iverhoef", wachtwoord=WACHTWOORD, code=fout)
    assert MISLUKT in antwoord.content.decode()
    assert client.get("/").status_code == 302


def test_r12_empty_code_for_an_enrolled_account_is_refused(client, ib):
    antwoord = aanmelden(client, gebruikersnaam="iverhoef", wachtwoord=WACHTWOORD, code="")
    assert MISLUKT in antwoord.content.decode()
    assert client.get("/").status_code == 302


def test_asvs_v2_8_4_a_code_works_only_once(client, ib, caplog):
    code = huidige_code(ib)
    assert (
        aanmelden(client, gebruikersnaam="iverhoef", wachtwoord=WACHTWOORD, code=code).status_code
        == 302
    )
    tweede = Client()
    with caplog.at_level(logging.WARNING, logger="passend.beveiliging"):
        antwoord = aanmelden(tweede, gebruikersnaam="iverhoef", wachtwoord=WACHTWOORD, code=code)
    assert MISLUKT in antwoord.content.decode()
    assert tweede.get("/").status_code == 302
    assert any(getattr(r, "gebeurtenis", "") == "code_mislukt" for r in caplog.records)


def test_r43_same_username_and_password_at_another_swv_cannot_log_in_here(client, ppo, school):
    andere_swv = SamenwerkingsverbandFactory.create(code="PO9999", naam="SWV Voorbeeldstad")
    account_maken(andere_swv, "iverhoef")
    hier = account_maken(
        ppo, "iverhoef", scholen=(school,), wachtwoord="Een-heel-ander-wachtwoord-hier"
    )
    # The other SWV's password does not open the PPO account, whatever code is given.
    antwoord = aanmelden(
        client, "PO2806", gebruikersnaam="iverhoef", wachtwoord=WACHTWOORD, code=huidige_code(hier)
    )
    assert MISLUKT in antwoord.content.decode()
    # And an account that exists only at the other SWV is unknown here.
    assert (
        MISLUKT
        in aanmelden(
            client, "PO2806", gebruikersnaam="iverhoef", wachtwoord=WACHTWOORD, code="123456"
        ).content.decode()
    )


def test_r43_account_only_at_other_swv_is_unknown_here(client, ppo):
    andere_swv = SamenwerkingsverbandFactory.create(code="PO9999", naam="SWV Voorbeeldstad")
    elders = account_maken(andere_swv, "jbos")
    antwoord = aanmelden(
        client, "PO2806", gebruikersnaam="jbos", wachtwoord=WACHTWOORD, code=huidige_code(elders)
    )
    assert MISLUKT in antwoord.content.decode()
    assert (
        aanmelden(
            client,
            "PO9999",
            gebruikersnaam="jbos",
            wachtwoord=WACHTWOORD,
            code=huidige_code(elders),
        ).status_code
        == 302
    )


def test_r12_p4_bad_input_gets_dutch_messages_beside_the_fields_and_keeps_what_was_typed(
    client, ppo
):
    antwoord = aanmelden(
        client, "Bestaat Niet", gebruikersnaam="", wachtwoord="geheim-123", code="12ab"
    )
    pagina = antwoord.content.decode()
    assert "Geen organisatie gevonden bij ‘Bestaat Niet’" in pagina
    assert "Vul uw gebruikersnaam in." in pagina
    assert "De code bestaat uit 6 cijfers" in pagina
    assert 'value="Bestaat Niet"' in pagina
    assert 'value="12ab"' in pagina
    assert "geheim-123" not in pagina
    assert 'aria-describedby="id_organisatie_error"' in pagina


def test_r12_empty_form_names_every_missing_field(client, ppo):
    pagina = aanmelden(client, "", gebruikersnaam="", wachtwoord="", code="").content.decode()
    assert "Kies uw organisatie" in pagina
    assert "Vul uw gebruikersnaam in." in pagina
    assert "Vul uw wachtwoord in." in pagina


def test_asvs_v2_2_1_lockout_after_repeated_failures_and_release_after_cool_off(
    client, ib, settings
):
    from axes.models import AccessAttempt

    settings.AXES_FAILURE_LIMIT = 5
    for _ in range(5):
        aanmelden(client, gebruikersnaam="iverhoef", wachtwoord="fout-wachtwoord", code="000000")
    # Now even the right password and code are refused, with a message that says to wait.
    geblokkeerd = aanmelden(
        client, gebruikersnaam="iverhoef", wachtwoord=WACHTWOORD, code=huidige_code(ib)
    )
    assert geblokkeerd.status_code == 429
    assert "te vaak geprobeerd" in geblokkeerd.content.decode()
    assert Client().get("/").status_code == 302

    # After the cool-off the attempts have expired and the account opens again.
    AccessAttempt.objects.update(
        attempt_time=timezone.now() - settings.AXES_COOLOFF_TIME - timedelta(minutes=1)
    )
    antwoord = aanmelden(
        client, gebruikersnaam="iverhoef", wachtwoord=WACHTWOORD, code=huidige_code(ib)
    )
    assert antwoord.status_code == 302


def test_asvs_v2_2_1_wrong_codes_count_towards_the_lockout(client, ib, settings):
    settings.AXES_FAILURE_LIMIT = 3
    for _ in range(3):
        aanmelden(client, gebruikersnaam="iverhoef", wachtwoord=WACHTWOORD, code="000000")
    antwoord = aanmelden(
        client, gebruikersnaam="iverhoef", wachtwoord=WACHTWOORD, code=huidige_code(ib)
    )
    assert antwoord.status_code == 429


def test_asvs_v2_2_1_lockout_is_per_account_not_for_the_same_name_at_another_swv(
    client, ib, settings
):
    settings.AXES_FAILURE_LIMIT = 3
    andere_swv = SamenwerkingsverbandFactory.create(code="PO9999", naam="SWV Voorbeeldstad")
    elders = account_maken(andere_swv, "iverhoef")
    for _ in range(3):
        aanmelden(
            Client(HTTP_USER_AGENT="aanvaller"),
            gebruikersnaam="iverhoef",
            wachtwoord="fout",
            code="000000",
        )
    antwoord = aanmelden(
        client,
        "PO9999",
        gebruikersnaam="iverhoef",
        wachtwoord=WACHTWOORD,
        code=huidige_code(elders),
    )
    assert antwoord.status_code == 302


def test_asvs_v2_2_1_default_limit_is_100_failures(client, ib):
    for _ in range(99):
        aanmelden(client, gebruikersnaam="iverhoef", wachtwoord="fout-wachtwoord", code="000000")
    code = huidige_code(ib)
    assert (
        aanmelden(Client(), gebruikersnaam="iverhoef", wachtwoord=WACHTWOORD, code=code).status_code
        == 302
    )
    for _ in range(100):
        aanmelden(client, gebruikersnaam="iverhoef", wachtwoord="fout-wachtwoord", code="000000")
    volgende = huidige_code(ib, verschuiving=1)
    antwoord = aanmelden(Client(), gebruikersnaam="iverhoef", wachtwoord=WACHTWOORD, code=volgende)
    assert antwoord.status_code == 429
    assert "over 60 minuten" in antwoord.content.decode()


def test_asvs_v2_2_1_one_address_guessing_many_usernames_is_stopped_whatever_its_browser(
    ppo, ib, settings
):
    """A limit per client address besides the one per account, with its own threshold; a new
    user agent for every attempt does not reset it (it did when the key was IP + browser)."""
    settings.AXES_FAILURE_LIMIT = 10
    settings.PASSEND_LOGIN_MAX_MISLUKT_PER_ADRES = 3
    for naam in ("a", "b", "c"):
        aanvaller = Client(HTTP_USER_AGENT=f"raadmachine/{naam}", REMOTE_ADDR="192.0.2.7")
        aanmelden(aanvaller, gebruikersnaam=naam, wachtwoord="fout", code="000000")
    aanvaller = Client(HTTP_USER_AGENT="nog een browser", REMOTE_ADDR="192.0.2.7")
    antwoord = aanmelden(
        aanvaller, gebruikersnaam="iverhoef", wachtwoord=WACHTWOORD, code=huidige_code(ib)
    )
    assert antwoord.status_code == 429
    assert "vanaf dit netwerk" in antwoord.content.decode()
    # Another address is not affected, with any browser.
    ander = Client(HTTP_USER_AGENT="nog een browser", REMOTE_ADDR="198.51.100.4")
    assert (
        aanmelden(
            ander, gebruikersnaam="iverhoef", wachtwoord=WACHTWOORD, code=huidige_code(ib)
        ).status_code
        == 302
    )


def test_asvs_v2_2_1_a_login_of_his_own_does_not_clear_an_addresses_failures(ppo, ib, settings):
    """An attacker with an account of his own cannot wipe his address's count by logging in:
    a login clears only that account's failures."""
    settings.PASSEND_LOGIN_MAX_MISLUKT_PER_ADRES = 4
    eigen = account_maken(ppo, "aanvaller", rol="coordinator")
    aanvaller = Client(REMOTE_ADDR="192.0.2.7")
    aanmelden(aanvaller, gebruikersnaam="aanvaller", wachtwoord="fout", code="000000")
    for naam in ("a", "b"):
        aanmelden(aanvaller, gebruikersnaam=naam, wachtwoord="fout", code="000000")
    gelukt = aanmelden(
        aanvaller, gebruikersnaam="aanvaller", wachtwoord=WACHTWOORD, code=huidige_code(eigen)
    )
    assert gelukt.status_code == 302
    aanvaller = Client(REMOTE_ADDR="192.0.2.7")
    for naam in ("c", "d"):
        aanmelden(aanvaller, gebruikersnaam=naam, wachtwoord="fout", code="000000")
    antwoord = aanmelden(
        aanvaller, gebruikersnaam="iverhoef", wachtwoord=WACHTWOORD, code=huidige_code(ib)
    )
    assert antwoord.status_code == 429


def test_asvs_v7_2_1_failed_login_is_logged_as_json_without_the_password(
    client, ib, capsys, caplog
):
    with caplog.at_level(logging.WARNING, logger="passend.beveiliging"):
        aanmelden(
            client, gebruikersnaam="iverhoef\nvals", wachtwoord="geheim-wachtwoord-x", code="123456"
        )
    record = next(r for r in caplog.records if getattr(r, "gebeurtenis", "") == "aanmelden_mislukt")
    from passend.core.logging import JsonFormatter

    regel = JsonFormatter().format(record)
    assert "\n" not in regel
    assert json.loads(regel)["gebruikersnaam"] == "iverhoef\nvals"
    assert "geheim-wachtwoord-x" not in regel


def test_asvs_v7_1_1_failed_attempts_store_no_password_or_code(client, ib):
    from axes.models import AccessAttempt

    aanmelden(client, gebruikersnaam="iverhoef", wachtwoord=WACHTWOORD, code="000000")
    aanmelden(client, gebruikersnaam="iverhoef", wachtwoord="Tweede-poging-wachtwoord", code="")
    opgeslagen = " ".join(f"{a.get_data} {a.post_data}" for a in AccessAttempt.objects.all())
    assert "iverhoef" in opgeslagen
    assert WACHTWOORD not in opgeslagen
    assert "Tweede-poging-wachtwoord" not in opgeslagen
    assert "000000" not in opgeslagen


def test_next_parameter_is_followed_only_within_the_site(client, ib):
    antwoord = client.post(
        AANMELDEN + "?next=https://kwaadwillend.example/",
        {
            "organisatie": "PO2806",
            "gebruikersnaam": "iverhoef",
            "wachtwoord": WACHTWOORD,
            "code": huidige_code(ib),
        },
    )
    assert antwoord["Location"] == "/"


def test_asvs_v3_3_1_logout_ends_the_session_on_the_server(client, ib):
    aanmelden(client, gebruikersnaam="iverhoef", wachtwoord=WACHTWOORD, code=huidige_code(ib))
    sessie = client.session.session_key
    assert client.get(reverse("accounts:uitloggen")).status_code == 405  # no state change on GET
    client.post(reverse("accounts:uitloggen"))
    assert not Session.objects.filter(session_key=sessie).exists()
    assert client.get("/").status_code == 302


def test_asvs_v3_3_2_idle_session_ends_after_30_minutes(client, ib):
    aanmelden(client, gebruikersnaam="iverhoef", wachtwoord=WACHTWOORD, code=huidige_code(ib))
    assert client.get("/").status_code == 200
    sessie = client.session
    sessie["laatste_activiteit"] -= 31 * 60
    sessie.save()
    antwoord = client.get("/")
    assert antwoord.status_code == 302
    assert antwoord["Location"].startswith(AANMELDEN)
    assert client.get("/").status_code == 302


def test_asvs_v3_3_2_session_ends_12_hours_after_login_even_when_active(client, ib):
    aanmelden(client, gebruikersnaam="iverhoef", wachtwoord=WACHTWOORD, code=huidige_code(ib))
    sessie = client.session
    sessie["aangemeld_op"] -= 12 * 60 * 60 + 60
    sessie.save()
    assert client.get("/").status_code == 302


def test_asvs_v3_3_2_activity_keeps_the_session_alive(client, ib):
    aanmelden(client, gebruikersnaam="iverhoef", wachtwoord=WACHTWOORD, code=huidige_code(ib))
    sessie = client.session
    sessie["laatste_activiteit"] -= 29 * 60
    sessie.save()
    assert client.get("/").status_code == 200
    sessie = client.session
    sessie["laatste_activiteit"] -= 29 * 60
    sessie.save()
    assert client.get("/").status_code == 200


def test_deactivating_an_account_ends_its_sessions_at_once(client, ib):
    aanmelden(client, gebruikersnaam="iverhoef", wachtwoord=WACHTWOORD, code=huidige_code(ib))
    assert client.get("/").status_code == 200
    ib.is_active = False
    ib.save()
    assert client.get("/").status_code == 302


def test_password_only_session_without_code_reaches_nothing(client, ib):
    """A session authenticated by password alone (no second factor) is treated as anonymous."""
    client.force_login(ib, backend="passend.accounts.backends.OrganisatieBackend")
    assert client.get("/").status_code == 302
    assert client.get("/beheer/").status_code == 302


def test_admin_requires_staff_and_both_factors(client, ppo, school):
    beheerder = account_maken(ppo, "operator", rol="applicatiebeheerder")
    beheerder.is_staff = True
    beheerder.is_superuser = True
    beheerder.save()
    gewone = account_maken(ppo, "iverhoef", scholen=(school,))
    aanmelden(client, gebruikersnaam="iverhoef", wachtwoord=WACHTWOORD, code=huidige_code(gewone))
    assert client.get("/beheer/").status_code == 302
    beheer_client = Client()
    aanmelden(
        beheer_client,
        gebruikersnaam="operator",
        wachtwoord=WACHTWOORD,
        code=huidige_code(beheerder),
    )
    assert beheer_client.get("/beheer/").status_code == 200

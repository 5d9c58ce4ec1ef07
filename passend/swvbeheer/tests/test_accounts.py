"""SWV-beheer's accounts (issue 16 item 2; R42, R43, B11): services and screens."""

import re
from datetime import timedelta

import pytest
from django.contrib.sessions.models import Session
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from passend.accounts.models import Gebruiker, Rol, Uitnodiging
from passend.accounts.tests.factories import WACHTWOORD, account_maken, huidige_code, inloggen
from passend.audit.models import Beheerhandeling, Inzage
from passend.hulpvragen.tests.conftest import Omgeving
from passend.hulpvragen.tests.factories import hulpvraag_op_school
from passend.notificaties.models import Bericht
from passend.swvbeheer import services
from passend.swvbeheer.selectors import open_werk

pytestmark = pytest.mark.django_db


def _rol(code: str) -> Rol:
    return Rol.objects.get(code=code)


def _uitnodigen(o: Omgeving, **wijzigingen: object) -> Gebruiker:
    velden: dict[str, object] = {
        "door": o.beheerder,
        "gebruikersnaam": "mdekker",
        "voornaam": "Marit",
        "achternaam": "Dekker",
        "email": "m.dekker@regenboog.example.nl",
        "rollen": [_rol("intern_begeleider")],
        "scholen": [o.regenboog],
        **wijzigingen,
    }
    return services.account_uitnodigen(**velden)  # type: ignore[arg-type]


def _link(bericht: Bericht) -> str:
    gevonden = re.search(r"https?://\S+/(activeren|authenticator-herstellen)/\S+/", bericht.tekst)
    assert gevonden, bericht.tekst
    return gevonden.group(0).split("://", 1)[1].split("/", 1)[1].join(["/", ""])


def test_b11_r42_invite_makes_an_account_without_password_mails_a_link_and_logs_before_after(
    omgeving: Omgeving,
):
    account = _uitnodigen(omgeving)
    assert not account.has_usable_password() and account.authenticator_via_link
    assert account.swv == omgeving.ppo
    bericht = Bericht.objects.get(aan=["m.dekker@regenboog.example.nl"])
    assert bericht.vertrouwelijk and "/activeren/" in bericht.tekst
    assert "PO2806" in bericht.tekst and "mdekker" in bericht.tekst
    log = Beheerhandeling.objects.get(gebeurtenis="account_uitgenodigd")
    assert log.object_id == str(account.pk) and log.gebruikersnaam == "bhendriks"
    assert log.na["rollen"] == ["intern_begeleider"] and log.na["scholen"] == ["12AB00"]
    # Not pupil data: nothing in the access log.
    assert not Inzage.objects.exists()


def test_b11_an_email_that_has_an_account_in_this_swv_says_so(omgeving: Omgeving):
    with pytest.raises(ValidationError) as fout:
        _uitnodigen(omgeving, email=omgeving.ib_regenboog.email.upper())
    assert "al een account met dit e-mailadres" in str(fout.value.message_dict["email"])
    # The same address at another SWV is a different account (R43).
    _uitnodigen(omgeving, email=omgeving.ib_ander_swv.email)


def test_r42_only_the_swvs_own_beheerder_manages_its_accounts(omgeving: Omgeving):
    for door in (omgeving.ib_regenboog, omgeving.coordinator, omgeving.scp):
        with pytest.raises(PermissionDenied):
            _uitnodigen(omgeving, door=door)
    beheerder_ander = account_maken(omgeving.ander_swv, "bhendriks", rol="applicatiebeheerder")
    with pytest.raises(PermissionDenied):
        services.account_deactiveren(
            door=beheerder_ander, account=omgeving.ib_regenboog, op=timezone.localdate()
        )


def test_r42_roles_and_schools_change_with_before_and_after(omgeving: Omgeving):
    ib = omgeving.ib_regenboog
    services.account_wijzigen(
        door=omgeving.beheerder,
        account=ib,
        voornaam="Ingrid",
        tussenvoegsel="",
        achternaam="Verhoef",
        email=ib.email,
        rollen=[_rol("intern_begeleider"), _rol("directeur")],
        scholen=[omgeving.regenboog, omgeving.kompas],
    )
    log = Beheerhandeling.objects.get(gebeurtenis="account_gewijzigd")
    assert log.voor["scholen"] == ["12AB00"] and log.na["scholen"] == ["12AB00", "23CD00"]
    assert log.na["rollen"] == ["directeur", "intern_begeleider"]
    with pytest.raises(ValidationError) as fout:
        services.account_wijzigen(
            door=omgeving.beheerder,
            account=ib,
            voornaam="Ingrid",
            tussenvoegsel="",
            achternaam="Verhoef",
            email=ib.email,
            rollen=[_rol("intern_begeleider")],
            scholen=[],
        )
    assert "school" in str(fout.value.message_dict["scholen"])


def test_r42_the_last_applicatiebeheerder_is_never_removed_or_deactivated(omgeving: Omgeving):
    beheerder = omgeving.beheerder
    tweede = account_maken(omgeving.ppo, "tweede", rol="applicatiebeheerder")
    services.account_deactiveren(door=beheerder, account=tweede, op=timezone.localdate())
    with pytest.raises(ValidationError, match="laatste applicatiebeheerder"):
        services.account_wijzigen(
            door=tweede.__class__.objects.get(pk=beheerder.pk),
            account=beheerder,
            voornaam="B",
            tussenvoegsel="",
            achternaam="Hendriks",
            email=beheerder.email,
            rollen=[_rol("coordinator")],
            scholen=[],
        )
    derde = account_maken(omgeving.ppo, "derde", rol="applicatiebeheerder")
    services.account_deactiveren(
        door=derde, account=beheerder, op=timezone.localdate() + timedelta(days=5)
    )
    # Planned to stop: on that day only derde is left.
    with pytest.raises(ValidationError, match="laatste applicatiebeheerder"):
        services.account_deactiveren(
            door=beheerder, account=derde, op=timezone.localdate() + timedelta(days=6)
        )


def test_r44_deactivation_never_in_the_past_today_ends_sessions_at_once(omgeving: Omgeving):
    ib = omgeving.ib_regenboog
    client = omgeving.client(ib)
    assert client.get(reverse("start")).status_code == 200
    with pytest.raises(ValidationError) as fout:
        services.account_deactiveren(
            door=omgeving.beheerder, account=ib, op=timezone.localdate() - timedelta(days=1)
        )
    assert "vandaag" in str(fout.value.message_dict["op"])
    sessies = Session.objects.count()
    services.account_deactiveren(door=omgeving.beheerder, account=ib, op=timezone.localdate())
    ib.refresh_from_db()
    assert not ib.is_active
    assert Session.objects.count() == sessies - 1
    assert client.get(reverse("start")).status_code == 302
    log = Beheerhandeling.objects.get(gebeurtenis="account_deactivering_gepland")
    assert log.voor["actief"] is True and log.na["actief"] is False


def test_r44_a_planned_day_refuses_login_from_that_day_and_the_periodic_switches_off(
    omgeving: Omgeving,
):
    ib = omgeving.ib_regenboog
    morgen = timezone.localdate() + timedelta(days=1)
    services.account_deactiveren(door=omgeving.beheerder, account=ib, op=morgen)
    inloggen(Client(), ib)  # still today
    Gebruiker.objects.filter(pk=ib.pk).update(deactiveren_op=timezone.localdate())
    client = Client()
    antwoord = client.post(
        reverse("accounts:aanmelden"),
        {
            "organisatie": "PO2806",
            "gebruikersnaam": ib.gebruikersnaam,
            "wachtwoord": WACHTWOORD,
            "code": huidige_code(ib, verschuiving=1),
        },
    )
    assert antwoord.status_code == 200
    assert "1 account(s)" in services.geplande_deactiveringen_uitvoeren()
    assert not Gebruiker.objects.get(pk=ib.pk).is_active


def test_r44_open_work_of_an_account_is_listed(omgeving: Omgeving):
    hulpvraag_op_school(omgeving.ib_regenboog, omgeving.regenboog)
    werk = open_werk(omgeving.ib_regenboog)
    assert len(werk.hulpvragen_aanvrager) == 1 and not werk.leeg
    assert open_werk(omgeving.ib_kompas).leeg


def test_b11_r43_lost_second_factor_old_device_gone_at_once_link_enrols_new_one(
    omgeving: Omgeving,
):
    ib = omgeving.ib_regenboog
    client = omgeving.client(ib)
    oude_code = huidige_code(ib, verschuiving=1)
    with pytest.raises(ValidationError) as fout:
        services.authenticator_herstellen(
            door=omgeving.beheerder, account=ib, gecontroleerd_door="", controle=""
        )
    assert set(fout.value.message_dict) == {"gecontroleerd_door", "controle"}
    services.authenticator_herstellen(
        door=omgeving.beheerder,
        account=ib,
        gecontroleerd_door="B. Hendriks",
        controle="Teruggebeld op het nummer van De Regenboog",
    )
    assert not TOTPDevice.objects.filter(user=ib).exists()
    # The session verified with the old device is over.
    assert client.get(reverse("start")).status_code == 302
    log = Beheerhandeling.objects.get(gebeurtenis="authenticator_hersteld")
    assert log.details == {
        "gecontroleerd_door": "B. Hendriks",
        "identiteitscontrole": "Teruggebeld op het nummer van De Regenboog",
    }
    bericht = Bericht.objects.get(aan=[ib.email])
    assert bericht.vertrouwelijk and "/authenticator-herstellen/" in bericht.tekst
    pad = _link(bericht)
    # Password alone does not enrol a new authenticator any more (B11).
    nieuw = Client()
    antwoord = nieuw.post(
        reverse("accounts:aanmelden"),
        {
            "organisatie": "PO2806",
            "gebruikersnaam": ib.gebruikersnaam,
            "wachtwoord": WACHTWOORD,
            "code": oude_code,
        },
    )
    assert antwoord.status_code == 200 and "link uit de e-mail" in antwoord.content.decode()
    # The link with a wrong password is refused; with the right one it leads to enrolment.
    assert "klopt niet" in nieuw.post(pad, {"wachtwoord": "fout"}).content.decode()
    antwoord = nieuw.post(pad, {"wachtwoord": WACHTWOORD})
    assert antwoord.status_code == 302
    assert antwoord["Location"] == reverse("accounts:authenticator_inrichten")
    inrichten = nieuw.get(antwoord["Location"])
    # R43: the authenticator entry names the SWV.
    assert "Passend PO2806 PPO Rotterdam" in inrichten.content.decode()
    assert Uitnodiging.objects.get(gebruiker=ib).gebruikt_op is not None
    # Single use.
    assert nieuw.get(pad).status_code == 410


def test_b11_nobody_resets_their_own_second_factor(omgeving: Omgeving):
    with pytest.raises(ValidationError, match="andere applicatiebeheerder"):
        services.authenticator_herstellen(
            door=omgeving.beheerder,
            account=omgeving.beheerder,
            gecontroleerd_door="x",
            controle="y",
        )


# --- Screens ------------------------------------------------------------------------------------


def test_r42_account_list_filters_and_a_fixed_number_of_queries(omgeving: Omgeving):
    client = omgeving.client(omgeving.beheerder)
    url = reverse("swvbeheer:gebruikers")
    client.get(url)
    with CaptureQueriesContext(connection) as weinig:
        antwoord = client.get(url)
    assert antwoord.status_code == 200
    inhoud = antwoord.content.decode()
    assert "hschaap" in inhoud and "iverhoef" in inhoud
    # The other SWV's iverhoef is not listed: one iverhoef row only.
    assert inhoud.count(">iverhoef<") == 1
    for i in range(12):
        account_maken(omgeving.ppo, f"extra{i}", scholen=(omgeving.regenboog, omgeving.kompas))
    with CaptureQueriesContext(connection) as veel:
        antwoord = client.get(url)
    assert len(veel) == len(weinig), [q["sql"] for q in veel.captured_queries]
    TOTPDevice.objects.filter(user=omgeving.ib_kompas).delete()
    gefilterd = client.get(
        url, {"school": str(omgeving.kompas.pk), "rol": "intern_begeleider", "authenticator": "nee"}
    ).content.decode()
    assert ">hschaap<" in gefilterd and ">extra1<" not in gefilterd
    assert ">iverhoef<" not in gefilterd
    nooit = client.get(url, {"laatst_aangemeld": "nooit"}).content.decode()
    assert ">extra1<" in nooit and ">bhendriks<" not in nooit
    uit = client.get(url, {"actief": "nee"}).content.decode()
    assert "Geen accounts gevonden" in uit


def test_b11_invite_screen_keeps_what_was_typed_on_an_error(omgeving: Omgeving):
    client = omgeving.client(omgeving.beheerder)
    antwoord = client.post(
        reverse("swvbeheer:uitnodigen"),
        {
            "gebruikersnaam": "mdekker",
            "voornaam": "Marit",
            "achternaam": "Dekker",
            "email": omgeving.ib_kompas.email,
            "rollen": [_rol("intern_begeleider").pk],
            "scholen": [omgeving.kompas.pk],
        },
    )
    inhoud = antwoord.content.decode()
    assert antwoord.status_code == 200 and "al een account met dit e-mailadres" in inhoud
    assert 'value="Marit"' in inhoud and 'value="mdekker"' in inhoud
    antwoord = client.post(
        reverse("swvbeheer:uitnodigen"),
        {
            "gebruikersnaam": "mdekker",
            "voornaam": "Marit",
            "achternaam": "Dekker",
            "email": "m.dekker@kompas.example.nl",
            "rollen": [_rol("intern_begeleider").pk],
            "scholen": [omgeving.kompas.pk],
        },
    )
    assert antwoord.status_code == 302
    assert Gebruiker.objects.get(gebruikersnaam="mdekker", swv=omgeving.ppo)


def test_r44_deactivate_screen_lists_open_work_and_refuses_a_past_date(omgeving: Omgeving):
    hulpvraag = hulpvraag_op_school(omgeving.ib_regenboog, omgeving.regenboog)
    client = omgeving.client(omgeving.beheerder)
    url = reverse("swvbeheer:deactiveren", args=[omgeving.ib_regenboog.pk])
    assert hulpvraag.referentie in client.get(url).content.decode()
    gisteren = (timezone.localdate() - timedelta(days=1)).strftime("%d-%m-%Y")
    antwoord = client.post(url, {"op": gisteren})
    assert "Kies vandaag" in antwoord.content.decode() and gisteren in antwoord.content.decode()
    assert client.post(url, {"op": timezone.localdate().strftime("%d-%m-%Y")}).status_code == 302
    assert not Gebruiker.objects.get(pk=omgeving.ib_regenboog.pk).is_active

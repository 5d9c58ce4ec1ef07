"""Login events in the audit viewer (issue 17 item 1; B8, P2): a lockout and a second factor
reset show beside logins that succeeded and failed, for the own SWV only; the privacy officer's
start page is the viewer, and the role is given on the SWV-beheer account screen."""

import pytest
from django.db import DatabaseError, connection, transaction
from django.test import Client
from django.urls import reverse
from pytest_django import Settings

from passend.accounts.models import Gebruiker, Rol
from passend.audit.models import Aanmelding
from passend.core.models import AlleenToevoegenError
from passend.hulpvragen.tests.conftest import Omgeving
from passend.swvbeheer.services import authenticator_herstellen

pytestmark = pytest.mark.django_db


def _mislukt(client: Client, organisatie: str, naam: str) -> None:
    client.post(
        reverse("accounts:aanmelden"),
        {
            "organisatie": organisatie,
            "gebruikersnaam": naam,
            "wachtwoord": "fout",
            "code": "000000",
        },
    )


def test_p2_b8_a_lockout_is_in_the_viewer_with_the_account_or_onbekend_account(
    omgeving: Omgeving, privacy: Gebruiker, settings: Settings
) -> None:
    settings.AXES_FAILURE_LIMIT = 2
    for _ in range(3):
        _mislukt(Client(), "PO2806", "hschaap")
    geblokkeerd = Aanmelding.objects.filter(gebeurtenis="aanmelden_geblokkeerd")
    assert geblokkeerd.filter(swv_code="PO2806", gebruikersnaam="hschaap").exists()
    for _ in range(3):
        _mislukt(Client(), "PO2806", "Mijn-wachtwoord-99")
    assert geblokkeerd.filter(gebruikersnaam="onbekend account").exists()
    assert not Aanmelding.objects.filter(gebruikersnaam__contains="wachtwoord").exists()

    pagina = (
        omgeving.client(privacy)
        .get(reverse("verantwoording:index"), {"soort": "aanmeldingen"})
        .content.decode()
    )
    assert "aanmelden geblokkeerd" in pagina
    assert "Mijn-wachtwoord-99" not in pagina


def test_b8_a_second_factor_reset_is_in_the_viewer_of_the_own_swv_only(
    omgeving: Omgeving, privacy: Gebruiker, privacy_ander_swv: Gebruiker
) -> None:
    authenticator_herstellen(
        door=omgeving.beheerder,
        account=omgeving.ib_kompas,
        gecontroleerd_door="B. Hendriks",
        controle="Teruggebeld op het nummer van de school.",
    )
    rij = Aanmelding.objects.get(gebeurtenis="tweede_factor_hersteld")
    assert (rij.swv_code, rij.gebruikersnaam, rij.details) == (
        "PO2806",
        "hschaap",
        {"door": "bhendriks"},
    )
    url = reverse("verantwoording:index")
    eigen = omgeving.client(privacy).get(url, {"soort": "aanmeldingen"}).content.decode()
    assert "tweede factor hersteld" in eigen
    ander = omgeving.client(privacy_ander_swv).get(url, {"soort": "aanmeldingen"})
    assert "tweede factor hersteld" not in ander.content.decode()


def test_b8_the_privacy_officers_start_page_is_the_viewer_and_the_menu_shows_it(
    omgeving: Omgeving, privacy: Gebruiker
) -> None:
    client = omgeving.client(privacy)
    antwoord = client.get("/", follow=True)
    assert antwoord.redirect_chain[-1][0] == reverse("verantwoording:index")
    pagina = antwoord.content.decode()
    assert "Hier ziet u wie gegevens van leerlingen" in pagina
    assert ">Inzagelog</a>" in pagina
    assert ">Mijn acties</a>" not in pagina
    assert ">Hulpvragen</a>" not in pagina


def test_b8_the_beheerder_sees_the_menu_item_and_keeps_mijn_acties(omgeving: Omgeving) -> None:
    pagina = omgeving.client(omgeving.beheerder).get("/").content.decode()
    assert ">Inzagelog</a>" in pagina
    assert ">Mijn acties</a>" in pagina


def test_b8_the_role_is_given_on_the_swvbeheer_account_screen(omgeving: Omgeving) -> None:
    rol = Rol.objects.get(code="privacyfunctionaris")
    assert (rol.naam, rol.kant, rol.aan_scholen_gekoppeld) == (
        "Privacyfunctionaris",
        "extern",
        False,
    )
    client = omgeving.client(omgeving.beheerder)
    pagina = client.get(reverse("swvbeheer:uitnodigen")).content.decode()
    assert "Privacyfunctionaris" in pagina
    antwoord = client.post(
        reverse("swvbeheer:uitnodigen"),
        {
            "gebruikersnaam": "avg",
            "voornaam": "Anouk",
            "achternaam": "Visser",
            "email": "avg@example.nl",
            "rollen": [rol.pk],
        },
    )
    assert antwoord.status_code == 302
    account = Gebruiker.objects.get(swv=omgeving.ppo, gebruikersnaam="avg")
    assert list(account.rollen.values_list("code", flat=True)) == ["privacyfunctionaris"]


def test_asvs_v7_3_3_login_events_are_never_changed_or_deleted(omgeving: Omgeving) -> None:
    omgeving.client(omgeving.ib_regenboog)
    rij = Aanmelding.objects.get()
    for poging in (
        rij.save,
        rij.delete,
        lambda: Aanmelding.objects.filter(pk=rij.pk).update(gebruikersnaam="x"),
        lambda: Aanmelding.objects.filter(pk=rij.pk).delete(),
    ):
        with pytest.raises(AlleenToevoegenError):
            poging()
    if connection.vendor == "postgresql":  # the database itself refuses too
        with connection.cursor() as cursor:
            for sql in ("UPDATE audit_aanmelding SET id = id", "DELETE FROM audit_aanmelding"):
                with pytest.raises(DatabaseError), transaction.atomic():
                    cursor.execute(sql)
    assert Aanmelding.objects.filter(pk=rij.pk, gebruikersnaam="iverhoef").exists()

"""Accounts: one SWV each, roles as data (R42, R43)."""

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from passend.accounts.models import Rol
from passend.accounts.services import gebruiker_aanmaken
from passend.accounts.tests.factories import WACHTWOORD, account_maken, inloggen
from passend.organisaties.tests.factories import SamenwerkingsverbandFactory, SchoolFactory

pytestmark = pytest.mark.django_db


def test_r43_username_unique_within_swv_and_free_at_another(ppo, school):
    account_maken(ppo, "iverhoef", scholen=(school,))
    with translation.override("nl"), pytest.raises(ValidationError) as fout:
        account_maken(ppo, "iverhoef", scholen=(school,))
    assert "bestaat al bij dit samenwerkingsverband" in str(fout.value)
    account_maken(SamenwerkingsverbandFactory.create(code="PO9999"), "iverhoef")


def test_every_role_of_the_issue_exists_as_data():
    assert set(Rol.objects.values_list("code", flat=True)) == {
        "intern_begeleider",
        "directeur",
        "schoolcontactpersoon",
        "coordinator",
        "tlv_administratie",
        "deskundige",
        "regiomanager",
        "applicatiebeheerder",
        "externe_deelnemer",
        "ouder",
        "privacyfunctionaris",  # issue 17: the SWV's privacy officer (audit viewer)
    }


def test_school_role_needs_a_school_of_the_same_swv(ppo):
    ib = Rol.objects.filter(code="intern_begeleider")
    with pytest.raises(ValidationError) as fout:
        gebruiker_aanmaken(
            swv=ppo, gebruikersnaam="a", voornaam="A", achternaam="B", email="a@b.nl", rollen=ib
        )
    assert "kies minstens één school" in str(fout.value)
    andere_school = SchoolFactory.create(swv=SamenwerkingsverbandFactory.create())
    with pytest.raises(ValidationError) as fout:
        gebruiker_aanmaken(
            swv=ppo,
            gebruikersnaam="a",
            voornaam="A",
            achternaam="B",
            email="a@b.nl",
            rollen=ib,
            scholen=[andere_school],
        )
    assert "scholen van dit samenwerkingsverband" in str(fout.value)


def test_account_needs_a_role(ppo):
    with pytest.raises(ValidationError) as fout:
        gebruiker_aanmaken(
            swv=ppo, gebruikersnaam="a", voornaam="A", achternaam="B", email="a@b.nl", rollen=[]
        )
    assert "minstens één rol" in str(fout.value)


def test_r19_status_mails_are_on_by_default_and_a_setting_of_the_account(ppo):
    gebruiker = account_maken(ppo, "pjansen", rol="schoolcontactpersoon")
    assert gebruiker.statusmails_ontvangen is True
    assert gebruiker.rollen.get().kant == "swv"


def test_operator_creates_the_first_admin_account_with_createsuperuser(ppo, monkeypatch):
    from django.core.management import call_command

    monkeypatch.setenv("DJANGO_SUPERUSER_PASSWORD", "Beheer-van-de-installatie-2026")
    call_command(
        "createsuperuser",
        interactive=False,
        gebruikersnaam="operator",
        email="operator@example.nl",
        swv=ppo.pk,
        voornaam="Olaf",
        achternaam="Beheer",
        verbosity=0,
    )
    beheerder = ppo.gebruikers.get(gebruikersnaam="operator")
    assert beheerder.is_superuser and beheerder.is_staff
    assert beheerder.check_password("Beheer-van-de-installatie-2026")
    assert list(beheerder.rollen.values_list("code", flat=True)) == ["applicatiebeheerder"]


def test_r19_user_switches_status_mails_off_in_their_account(client, ppo, school):
    from django.urls import reverse

    ib = account_maken(ppo, scholen=(school,))
    inloggen(client, ib)
    pagina = client.get(reverse("accounts:mijn_account")).content.decode()
    assert "Stuur mij een e-mail bij elke statuswijziging" in pagina
    assert "checked" in pagina
    client.post(reverse("accounts:mijn_account"), {})
    ib.refresh_from_db()
    assert ib.statusmails_ontvangen is False
    client.post(reverse("accounts:mijn_account"), {"statusmails_ontvangen": "on"})
    ib.refresh_from_db()
    assert ib.statusmails_ontvangen is True


@pytest.mark.productiehash
def test_production_settings_hash_passwords_with_argon2(ppo, school):
    """The one test with the real hashers; all others hash with MD5 for speed (conftest.py)."""
    ib = account_maken(ppo, scholen=(school,))
    assert ib.password.startswith("argon2$")
    assert ib.check_password(WACHTWOORD)
    ib.set_password("Een-nieuw-wachtwoord-voor-Ingrid")
    assert ib.password.startswith("argon2$")

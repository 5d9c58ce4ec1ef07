"""First login: enrolling the authenticator app (R12, R43)."""

import re
from base64 import b32decode
from urllib.parse import unquote

import pytest
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from passend.accounts.tests.factories import WACHTWOORD, account_maken, totp_code

AANMELDEN = reverse("accounts:aanmelden")
INRICHTEN = reverse("accounts:authenticator_inrichten")


@pytest.fixture
def nieuw(ppo, school):  # type: ignore[no-untyped-def]
    return account_maken(ppo, scholen=(school,), met_authenticator=False)


def eerste_aanmelding(client):  # type: ignore[no-untyped-def]
    return client.post(
        AANMELDEN,
        {"organisatie": "PPO", "gebruikersnaam": "iverhoef", "wachtwoord": WACHTWOORD, "code": ""},
    )


def geheim_op_pagina(pagina: str) -> bytes:
    match = re.search(r'<code id="geheim">([A-Z2-7 ]+)</code>', pagina)
    assert match, "geheime sleutel niet op de pagina"
    return b32decode(match.group(1).replace(" ", ""))


def test_r12_first_login_leads_to_enrolment_and_is_not_yet_a_login(client, nieuw):
    sessie_voor = client.session.session_key
    antwoord = eerste_aanmelding(client)
    assert antwoord["Location"] == INRICHTEN
    assert client.session.session_key != sessie_voor
    assert client.get("/").status_code == 302  # password alone opens nothing


def test_r43_enrolment_shows_qr_and_secret_naming_the_swv(client, nieuw):
    eerste_aanmelding(client)
    pagina = client.get(INRICHTEN).content.decode()
    assert "<svg" in pagina
    assert "Passend PO2806 PPO Rotterdam" in pagina
    device = TOTPDevice.objects.get(user=nieuw)
    assert unquote(device.config_url).startswith(
        "otpauth://totp/Passend PO2806 PPO Rotterdam:iverhoef?"
    )
    assert geheim_op_pagina(pagina) == device.bin_key


def test_r12_enrolment_keeps_the_same_secret_on_reload(client, nieuw):
    eerste_aanmelding(client)
    eerste = geheim_op_pagina(client.get(INRICHTEN).content.decode())
    tweede = geheim_op_pagina(client.get(INRICHTEN).content.decode())
    assert eerste == tweede


def test_r12_enrolment_with_the_apps_code_logs_in(client, nieuw):
    eerste_aanmelding(client)
    geheim = geheim_op_pagina(client.get(INRICHTEN).content.decode())
    antwoord = client.post(INRICHTEN, {"code": totp_code(geheim)})
    assert antwoord["Location"] == "/"
    assert client.get("/").status_code == 200
    assert TOTPDevice.objects.get(user=nieuw).confirmed


def test_r12_enrolment_refuses_a_wrong_code_beside_the_field(client, nieuw):
    eerste_aanmelding(client)
    geheim = geheim_op_pagina(client.get(INRICHTEN).content.decode())
    fout = f"{(int(totp_code(geheim)) + 1) % 1_000_000:06d}"
    pagina = client.post(INRICHTEN, {"code": fout}).content.decode()
    assert "Deze code klopt niet" in pagina
    assert 'id="id_code_error"' in pagina
    assert not TOTPDevice.objects.get(user=nieuw).confirmed
    assert client.get("/").status_code == 302


def test_r12_enrolment_page_needs_the_password_step_first(client, nieuw):
    antwoord = client.get(INRICHTEN)
    assert antwoord["Location"] == AANMELDEN


def test_r12_enrolment_expires_after_ten_minutes(client, nieuw):
    eerste_aanmelding(client)
    sessie = client.session
    sessie["authenticator_inrichten"]["sinds"] -= 11 * 60
    sessie.save()
    assert client.get(INRICHTEN)["Location"] == AANMELDEN


def test_r12_enrolled_account_cannot_enrol_a_second_app_with_the_password(client, ppo, school):
    account_maken(ppo, scholen=(school,))
    antwoord = eerste_aanmelding(client)
    assert antwoord.status_code == 200
    assert "Aanmelden is niet gelukt" in antwoord.content.decode()
    assert client.get(INRICHTEN)["Location"] == AANMELDEN

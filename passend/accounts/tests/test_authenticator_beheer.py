"""The technical admin (/beheer/) never shows a second factor's seed: whoever reads it can make
the codes of that account (issue 19, item 3)."""

import pytest
from django.test import Client
from django_otp.plugins.otp_totp.models import TOTPDevice

from passend.accounts.tests.factories import WACHTWOORD, account_maken, huidige_code
from passend.accounts.tests.test_aanmelden import aanmelden

pytestmark = pytest.mark.django_db


def test_i19_admin_list_and_change_page_do_not_show_the_totp_key(ppo, school):
    operator = account_maken(ppo, "operator", rol="applicatiebeheerder")
    operator.is_staff = operator.is_superuser = True
    operator.save()
    ib = account_maken(ppo, "iverhoef", scholen=(school,))
    device = TOTPDevice.objects.get(user=ib)
    beheer = Client()
    aanmelden(beheer, gebruikersnaam="operator", wachtwoord=WACHTWOORD, code=huidige_code(operator))

    lijst = beheer.get("/beheer/otp_totp/totpdevice/")
    wijzigen = beheer.get(f"/beheer/otp_totp/totpdevice/{device.pk}/change/")
    assert lijst.status_code == wijzigen.status_code == 200
    for antwoord in (lijst, wijzigen):
        inhoud = antwoord.content.decode()
        assert device.key not in inhoud
        assert 'name="key"' not in inhoud
        assert "qrcode" not in inhoud.lower()

"""SWV-beheer's koppelingen services (issue 16 item 1) check the rights themselves: the
screens' matrix is test_rechtenmatrix_koppelingen_beheer.py; this is the layer below it."""

import pytest
from django.core.exceptions import PermissionDenied

from passend.accounts.tests.factories import account_maken
from passend.audit.models import Beheerhandeling
from passend.hulpvragen.tests.conftest import Omgeving
from passend.koppelingen.models import ApiClient, Verificatiecode
from passend.koppelingen.services import client_registreren, verificatiecode_registreren
from passend.swvbeheer import services_koppelingen as diensten

pytestmark = pytest.mark.django_db

CODE_REGENBOOG = "12AB00-regenboog-esis-2026-x"


def test_r10_diensten_weigeren_buiten_het_eigen_swv_en_zonder_beheerrol(
    omgeving: Omgeving,
) -> None:
    """The swvbeheer services check the rights themselves: a coordinator, or the beheerder of
    another SWV, is refused and nothing is written or logged (a new channel cannot skip it)."""
    client, _token = client_registreren(swv=omgeving.ppo, naam="Esis", soort="esis", door=None)
    code = verificatiecode_registreren(school=omgeving.regenboog, code=CODE_REGENBOOG, door=None)
    vreemde_beheerder = account_maken(omgeving.ander_swv, "vreemd", rol="applicatiebeheerder")
    for door in (omgeving.coordinator, vreemde_beheerder):
        with pytest.raises(PermissionDenied):
            diensten.api_client_intrekken(door=door, client=client)
        with pytest.raises(PermissionDenied):
            diensten.esis_verificatiecode_pauzeren(door=door, verificatiecode=code)
        with pytest.raises(PermissionDenied):
            diensten.esis_verificatiecode_registreren(
                door=door, school=omgeving.kompas, code="23CD00-een-nieuwe-code-1"
            )
    with pytest.raises(PermissionDenied):
        diensten.api_client_registreren(
            door=omgeving.coordinator, naam="X", soort="api", max_per_minuut=60
        )
    client.refresh_from_db()
    code.refresh_from_db()
    assert client.ingetrokken_op is None and code.verwijderd_op is None
    assert Verificatiecode.objects.count() == 1 and ApiClient.objects.count() == 1
    assert not Beheerhandeling.objects.exists()

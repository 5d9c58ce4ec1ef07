"""Writes of SWV-beheer's koppelingen screens (issue 16 item 1) that koppelingen.services
makes: registering and revoking an API client, registering and pausing an Esis verification
code. Each is refused outside the administrator's own SWV and lands in the beheerlog with the
values before and after, in the change's own transaction. Never a token or a code: only
their rows' ordinary fields are logged."""

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction

from passend.accounts.models import Gebruiker
from passend.audit import gebeurtenissen
from passend.koppelingen.models import ApiClient, Verificatiecode
from passend.koppelingen.services import (
    client_intrekken,
    client_registreren,
    verificatiecode_registreren,
    verificatiecode_verwijderen,
)
from passend.koppelingen.sleutels import verificatiecode_hmac
from passend.organisaties.models import School
from passend.swvbeheer.instellingen import mag_instelling_beheren, stand
from passend.swvbeheer.rechten import mag_accounts_beheren

CLIENTVELDEN = ["naam", "soort", "max_per_minuut", "ingetrokken_op"]
CODEVELDEN = ["school", "omgeving", "verwijderd_op"]


@transaction.atomic
def api_client_registreren(
    *, door: Gebruiker, naam: str, soort: str, max_per_minuut: int
) -> tuple[ApiClient, str]:
    """A new client of the administrator's own SWV and its token, which the caller shows this
    once; the beheerlog gets the client's fields, never the token."""
    if not mag_accounts_beheren(door):
        raise PermissionDenied
    client, token = client_registreren(
        swv=door.swv, naam=naam, soort=soort, door=door, max_per_minuut=max_per_minuut
    )
    gebeurtenissen.instelling_aangemaakt(
        client, door=door, objecttype="api_client", na=stand(client, CLIENTVELDEN)
    )
    return client, token


@transaction.atomic
def api_client_intrekken(*, door: Gebruiker, client: ApiClient) -> None:
    """Every call with the client's token is refused from now on; revoking twice logs once."""
    if not mag_instelling_beheren(door, client):
        raise PermissionDenied
    actueel = ApiClient.objects.select_for_update().get(pk=client.pk)
    voor = stand(actueel, CLIENTVELDEN)
    client_intrekken(client=actueel)
    actueel.refresh_from_db()
    na = stand(actueel, CLIENTVELDEN)
    if na != voor:
        gebeurtenissen.instelling_gewijzigd(
            actueel, door=door, objecttype="api_client", voor=voor, na=na
        )


@transaction.atomic
def esis_verificatiecode_registreren(
    *, door: Gebruiker, school: School, code: str, omgeving: str = ""
) -> Verificatiecode:
    """R10: register a school's code, or resume it when the same code was paused. The code is
    checked by koppelingen.services and kept there as a keyed hash; the log names the school
    and omgeving only."""
    if not (mag_accounts_beheren(door) and school.swv_id == door.swv_id):
        raise PermissionDenied
    bestaande = Verificatiecode.objects.filter(
        code_hmac=verificatiecode_hmac(code), school=school
    ).first()
    voor: dict[str, Any] = stand(bestaande, CODEVELDEN) if bestaande is not None else {}
    rij = verificatiecode_registreren(school=school, code=code, omgeving=omgeving, door=door)
    na = stand(rij, CODEVELDEN)
    if bestaande is None:
        gebeurtenissen.instelling_aangemaakt(rij, door=door, objecttype="verificatiecode", na=na)
    elif na != voor:
        gebeurtenissen.instelling_gewijzigd(
            rij, door=door, objecttype="verificatiecode", voor=voor, na=na
        )
    return rij


@transaction.atomic
def esis_verificatiecode_pauzeren(*, door: Gebruiker, verificatiecode: Verificatiecode) -> None:
    """R10: the school's link pauses; registering the same code again resumes it."""
    if not mag_instelling_beheren(door, verificatiecode):
        raise PermissionDenied
    actueel = Verificatiecode.objects.select_for_update().get(pk=verificatiecode.pk)
    voor = stand(actueel, CODEVELDEN)
    verificatiecode_verwijderen(verificatiecode=actueel)
    actueel.refresh_from_db()
    na = stand(actueel, CODEVELDEN)
    if na != voor:
        gebeurtenissen.instelling_gewijzigd(
            actueel, door=door, objecttype="verificatiecode", voor=voor, na=na
        )

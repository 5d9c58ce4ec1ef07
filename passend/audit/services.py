from typing import Any

from axes.helpers import get_client_ip_address
from django.http import HttpRequest

from passend.accounts.selectors import ingelogde_gebruiker, rolcodes
from passend.audit.models import Inzage


def inzage_vastleggen(
    *,
    request: HttpRequest,
    actie: str,
    objecttype: str,
    object_id: object,
    grondslag: str,
    leerling_id: int | None = None,
    details: dict[str, Any] | None = None,
) -> Inzage:
    """The one function every view of pupil data calls (P2)."""
    gebruiker = ingelogde_gebruiker(request)
    return Inzage.objects.create(
        swv_code=gebruiker.swv.code,
        gebruiker_id=gebruiker.pk,
        gebruikersnaam=gebruiker.gebruikersnaam,
        rollen=",".join(sorted(rolcodes(gebruiker))),
        actie=actie,
        objecttype=objecttype,
        object_id=str(object_id),
        leerling_id=leerling_id,
        grondslag=grondslag,
        client_adres=get_client_ip_address(request) or None,
        details=details or {},
    )

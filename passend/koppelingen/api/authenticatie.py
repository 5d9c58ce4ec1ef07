"""Who calls the API: an API client by its token (`Authorization: Bearer psd_<id>_<secret>`),
never a cookie session and never a login with two factors (R34: the web screens and the
overlegronde stay web-only). Each call is limited per client and minute."""

import time
from typing import Any

from django.core.cache import cache
from django.utils.translation import gettext_lazy as _
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework import exceptions
from rest_framework.authentication import BaseAuthentication
from rest_framework.permissions import BasePermission
from rest_framework.request import Request
from rest_framework.throttling import BaseThrottle

from passend.audit.context import verzoekcontext_aanvullen
from passend.koppelingen.models import ApiClient
from passend.koppelingen.sleutels import geheim_klopt, token_delen


class Koppeling:
    """request.user of an API call: the client, not a person (the person is named per call)."""

    is_authenticated = True
    is_anonymous = False

    def __init__(self, client: ApiClient) -> None:
        self.client = client
        self.pk = client.pk


class TokenOngeldig(exceptions.AuthenticationFailed):
    default_detail = _(
        "Het token is onjuist. Gebruik het token dat bij het registreren werd getoond."
    )
    default_code = "token_ongeldig"


class TokenIngetrokken(exceptions.AuthenticationFailed):
    default_detail = _("Dit token is ingetrokken. Vraag het samenwerkingsverband om een nieuw.")
    default_code = "token_ingetrokken"


class ClientAuthenticatie(BaseAuthentication):
    def authenticate(self, request: Request) -> tuple[Koppeling, ApiClient] | None:
        soort, _spatie, token = request.headers.get("Authorization", "").partition(" ")
        if soort.lower() != "bearer":
            return None
        delen = token_delen(token.strip())
        if delen is None:
            raise TokenOngeldig
        sleutel_id, geheim = delen
        client = ApiClient.objects.select_related("swv").filter(sleutel_id=sleutel_id).first()
        if client is None or not geheim_klopt(geheim, client.geheim_sha256):
            raise TokenOngeldig
        if client.ingetrokken_op is not None:
            raise TokenIngetrokken
        verzoekcontext_aanvullen(systeem=client.systeem)
        return Koppeling(client), client

    def authenticate_header(self, request: Request) -> str:
        return 'Bearer realm="passend"'


class AlleenClient(BasePermission):
    """Deny unless an API client called (the API has no anonymous reads)."""

    def has_permission(self, request: Request, view: Any) -> bool:
        return isinstance(request.auth, ApiClient)


class ClientLimiet(BaseThrottle):
    """At most `max_per_minuut` calls per client and clock minute, counted in the shared
    cache (settings.CACHES: Redis when several web processes run)."""

    def allow_request(self, request: Request, view: Any) -> bool:
        client = request.auth
        if not isinstance(client, ApiClient):
            return True
        nu = time.time()
        sleutel = f"passend:api-limiet:{client.pk}:{int(nu // 60)}"
        cache.add(sleutel, 0, timeout=120)
        try:
            aantal = cache.incr(sleutel)
        except ValueError:  # expired between add and incr
            cache.set(sleutel, 1, timeout=120)
            aantal = 1
        self.wachttijd = 60 - nu % 60
        return aantal <= client.max_per_minuut

    def wait(self) -> float:
        return self.wachttijd


class ClientAuthenticatieSchema(OpenApiAuthenticationExtension):  # type: ignore[no-untyped-call]
    target_class = ClientAuthenticatie
    name = "clientToken"

    def get_security_definition(self, auto_schema: Any) -> dict[str, str]:
        return {
            "type": "http",
            "scheme": "bearer",
            "description": "Het token van de API-client: `psd_<id>_<geheim>`, eenmalig getoond "
            "toen het samenwerkingsverband de client registreerde.",
        }

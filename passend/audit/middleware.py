import re
import uuid
from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse

from passend.audit.context import Verzoekcontext, verzoekcontext
from passend.core.clientadres import clientadres

REQUEST_ID_HEADER = "X-Request-ID"
# What a proxy may hand us as a request id; anything else is replaced by our own.
_GELDIG_REQUEST_ID = re.compile(r"^[A-Za-z0-9._-]{1,64}$")


def _request_id(request: HttpRequest) -> str:
    """The proxy's request id where Passend runs behind configured proxies (so the proxy's log
    and ours share it); otherwise, or when it looks odd, a new one."""
    if settings.PASSEND_PROXY_AANTAL:
        van_proxy = request.headers.get(REQUEST_ID_HEADER, "")
        if _GELDIG_REQUEST_ID.match(van_proxy):
            return van_proxy
    return uuid.uuid4().hex


class VerzoekcontextMiddleware:
    """Sets the request context of the access log for the whole request: the client address
    through the configured proxies (core.clientadres, as the lockout reads it), the user agent and a
    request id, which the response returns so an operator can find a user's request."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        context = Verzoekcontext(
            client_adres=clientadres(request),
            user_agent=request.headers.get("User-Agent", "")[:300],
            request_id=_request_id(request),
        )
        with verzoekcontext(context):
            response = self.get_response(request)
        response[REQUEST_ID_HEADER] = context.request_id
        return response

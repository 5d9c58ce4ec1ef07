import time
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.middleware import LoginRequiredMiddleware as DjangoLoginRequired
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _

SESSIE_AANGEMELD_OP = "aangemeld_op"
SESSIE_LAATSTE_ACTIVITEIT = "laatste_activiteit"


def volledig_aangemeld(request: HttpRequest) -> bool:
    """Logged in with both factors (django-otp's middleware adds `is_verified`)."""
    user = request.user
    return bool(user.is_authenticated and getattr(user, "is_verified", lambda: False)())


class SessionLifetimeMiddleware:
    """Ends a session 30 minutes after its last request and 12 hours after login (ASVS V3.3.2).

    Django's own expiry only knows one age; both limits are checked here on the server, and the
    session is flushed, not just forgotten by the browser.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.user.is_authenticated:
            nu = time.time()
            aangemeld_op = request.session.get(SESSIE_AANGEMELD_OP, 0)
            laatste = request.session.get(SESSIE_LAATSTE_ACTIVITEIT, aangemeld_op)
            if (
                nu - aangemeld_op > settings.PASSEND_SESSIE_MAXIMAAL.total_seconds()
                or nu - laatste > settings.PASSEND_SESSIE_INACTIEF.total_seconds()
            ):
                logout(request)
                messages.info(request, _("Uw sessie is verlopen. Meld u opnieuw aan."))
                return redirect(settings.LOGIN_URL)
            request.session[SESSIE_LAATSTE_ACTIVITEIT] = nu
        return self.get_response(request)


class GeenCacheMiddleware:
    """Every answer to a logged-in user may hold pupil data, so no browser or proxy keeps a
    copy (`Cache-Control: private, no-store`); a back button after logout on a shared school
    computer then shows nothing. A header that already says no-store is left as it is."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        # Before and after: the answer to a logout, and to a login, counts too.
        ingelogd = request.user.is_authenticated
        response = self.get_response(request)
        ingelogd = ingelogd or request.user.is_authenticated
        if ingelogd and "no-store" not in response.get("Cache-Control", ""):
            patch_cache_control(response, private=True, no_store=True)
        return response


class LoginRequiredMiddleware(DjangoLoginRequired):
    """Deny by default: every view needs a login with both factors, unless marked
    `@login_not_required` (the login and password-reset pages)."""

    def process_view(
        self,
        request: HttpRequest,
        view_func: Callable[..., HttpResponseBase],
        view_args: Any,
        view_kwargs: Any,
    ) -> HttpResponse | None:
        if not getattr(view_func, "login_required", True):
            return None
        if volledig_aangemeld(request):
            return None
        return self.handle_no_permission(request, view_func)

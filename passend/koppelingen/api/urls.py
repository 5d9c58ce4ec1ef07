"""/api/v1/: the API, its OpenAPI document and the documentation page (Redoc, served from the
bundled package, no CDN). None of these pages uses the web's login: the API answers to client
tokens only, and its documentation is public."""

from collections.abc import Callable
from typing import Any

from csp.decorators import csp_update
from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, JsonResponse
from django.urls import path, re_path
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from drf_spectacular.views import SpectacularAPIView, SpectacularRedocView

from passend.koppelingen.api import views


def _open(view: Callable[..., Any]) -> Callable[..., Any]:
    return login_not_required(view)


@csrf_exempt
def niet_gevonden(request: HttpRequest, *args: Any, **kwargs: Any) -> JsonResponse:
    """Any other path under /api/v1/ (also an aanvraag "UUID" that is none): the API's JSON
    404, not the web's HTML page (found by schemathesis: an undocumented content type)."""
    antwoord = JsonResponse({"code": "niet_gevonden", "melding": _("Niet gevonden.")}, status=404)
    antwoord["Cache-Control"] = "no-store"
    return antwoord


app_name = "api"
urlpatterns = [
    path("aanvragen/", _open(views.AanvragenView.as_view()), name="aanvragen"),
    path("aanvragen/<uuid:uuid>/", _open(views.AanvraagView.as_view()), name="aanvraag"),
    path("titels/", _open(views.TitelsView.as_view()), name="titels"),
    path("oso/aanvragen/", _open(views.OsoAanvragenView.as_view()), name="oso_aanvragen"),
    path(
        "schema/",
        _open(SpectacularAPIView.as_view(authentication_classes=[], permission_classes=[])),
        name="schema",
    ),
    path(
        "docs/",
        # Redoc styles its page with inline styles and searches in a blob: worker; this public
        # page holds no pupil data, so only here the policy allows both.
        csp_update({"style-src": ["'unsafe-inline'"], "worker-src": ["blob:"]})(
            _open(
                SpectacularRedocView.as_view(
                    url_name="api:schema",
                    template_name="koppelingen/api_docs.html",
                    authentication_classes=[],
                    permission_classes=[],
                )
            )
        ),
        name="docs",
    ),
    # Last: what no route above matched.
    re_path(r"", _open(niet_gevonden), name="niet_gevonden"),
]

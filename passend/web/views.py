from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from passend.accounts.selectors import ingelogde_gebruiker


@require_GET
def start(request: HttpRequest) -> HttpResponse:
    gebruiker = ingelogde_gebruiker(request)
    return render(
        request,
        "web/start.html",
        {"rollen": gebruiker.rollen.all(), "scholen": gebruiker.scholen.select_related("regio")},
    )


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """A page in Dutch that says what to do, instead of Django's technical one."""
    return render(request, "web/csrf_failure.html", status=403)

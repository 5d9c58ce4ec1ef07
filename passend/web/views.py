from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET


@require_GET
def start(request: HttpRequest) -> HttpResponse:
    gebruiker = request.user
    return render(
        request,
        "web/start.html",
        {
            "rollen": gebruiker.rollen.all(),  # type: ignore[union-attr]
            "scholen": gebruiker.scholen.select_related("regio"),  # type: ignore[union-attr]
        },
    )


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """A page in Dutch that says what to do, instead of Django's technical one."""
    return render(request, "web/csrf_failure.html", status=403)

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """A page in Dutch that says what to do, instead of Django's technical one."""
    return render(request, "web/csrf_failure.html", status=403)

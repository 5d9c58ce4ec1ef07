import ipaddress

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from passend.core.clientadres import clientadres
from passend.notificaties.opvang import opgevangen_mails


def _van_deze_computer(request: HttpRequest) -> bool:
    """A request from the machine itself. The mailbox holds live reset links, so a dev server
    bound to 0.0.0.0 or reached through a proxy shows it to no one else."""
    if not settings.PASSEND_PROXY_AANTAL and "HTTP_X_FORWARDED_FOR" in request.META:
        return False  # came through a proxy that is not configured: its client is unknown
    adres = clientadres(request)
    return adres is not None and ipaddress.ip_address(adres).is_loopback


@login_not_required
@never_cache
@require_GET
def mailbox(request: HttpRequest) -> HttpResponse:
    """Only in a local run, where mails are caught (PASSEND_LOKALE_MAILBOX), and only from this
    computer: the mails Passend would have sent. Without a login, so "Wachtwoord vergeten"
    works in the demo."""
    if not settings.PASSEND_LOKALE_MAILBOX or not _van_deze_computer(request):
        raise Http404
    return render(request, "notificaties/mailbox.html", {"mails": opgevangen_mails()})

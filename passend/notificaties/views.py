from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from passend.notificaties.opvang import opgevangen_mails


@login_not_required
@require_GET
def mailbox(request: HttpRequest) -> HttpResponse:
    """Only in a local run, where mails are caught (PASSEND_LOKALE_MAILBOX): the mails Passend
    would have sent."""
    if not settings.PASSEND_LOKALE_MAILBOX:
        raise Http404
    return render(request, "notificaties/mailbox.html", {"mails": opgevangen_mails()})

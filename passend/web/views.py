from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from passend.accounts.selectors import ingelogde_gebruiker
from passend.hulpvragen.views.overzicht import mijn_acties_lijst
from passend.inzagerecht.rechten import is_alleen_ouder
from passend.overlegrondes.rechten import is_alleen_externe_deelnemer
from passend.verantwoording.rechten import is_alleen_privacyfunctionaris


def start(request: HttpRequest) -> HttpResponse:
    """The page after login: "Mijn acties", or for an external participant (who has no
    hulpvragen and no actions) "Mijn overlegrondes", for a parent "Inzage in het dossier", for
    a privacy officer the access log."""
    gebruiker = ingelogde_gebruiker(request)
    if is_alleen_externe_deelnemer(gebruiker):
        return redirect("overlegrondes:lijst")
    if is_alleen_ouder(gebruiker):
        return redirect("inzagerecht:ouder_start")
    if is_alleen_privacyfunctionaris(gebruiker):
        return redirect("verantwoording:index")
    return mijn_acties_lijst(request)


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """A page in Dutch that says what to do, instead of Django's technical one."""
    return render(request, "web/csrf_failure.html", status=403)

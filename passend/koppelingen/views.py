"""The web side of the koppelingen: the kept blocks of an OSO dossier, readable on the hulpvraag
(issue 15). Visible to whoever sees the hulpvraag; every view is logged."""

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from passend.accounts.selectors import ingelogde_gebruiker
from passend.audit import gebeurtenissen
from passend.hulpvragen.models import Hulpvraag
from passend.hulpvragen.selectors import hulpvraag_voor_detail
from passend.koppelingen.models import Osogegevens


@require_GET
def oso_gegevens(request: HttpRequest, referentie: str) -> HttpResponse:
    gebruiker = ingelogde_gebruiker(request)
    try:
        hulpvraag = hulpvraag_voor_detail(gebruiker, referentie)
        gegevens = Osogegevens.objects.get(hulpvraag=hulpvraag)
    except (Hulpvraag.DoesNotExist, Osogegevens.DoesNotExist) as fout:
        raise Http404 from fout
    gebeurtenissen.hulpvraag_bekeken(hulpvraag, door=gebruiker, onderdeel="oso")
    return render(
        request,
        "koppelingen/oso_gegevens.html",
        {"hulpvraag": hulpvraag, "gegevens": gegevens, "oso_blokken": gegevens.blokken},
    )

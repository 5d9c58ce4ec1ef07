"""The Hulpvragen overview with its search (R50, R51) and Mijn acties, the page after login."""

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from passend.accounts.rechten import rolfeiten
from passend.accounts.selectors import ingelogde_gebruiker
from passend.audit import gebeurtenissen
from passend.dossiers.rechten import mag_dossier_aanmaken
from passend.hulpvragen.forms import HulpvraagZoekForm
from passend.hulpvragen.rechten import mag_exporteren
from passend.hulpvragen.selectors import hulpvragen_zoeken, mijn_acties, namen_voor_rijen

PER_PAGINA = 25


@require_GET
def lijst(request: HttpRequest) -> HttpResponse:
    """ "Hulpvragen" (R50, R51): the visible hulpvragen, searched with the filters in the URL,
    so a search can be bookmarked and the back button works."""
    gebruiker = ingelogde_gebruiker(request)
    form = HulpvraagZoekForm(request.GET, gebruiker=gebruiker)
    pagina = None
    if form.is_valid():
        pagina = Paginator(hulpvragen_zoeken(gebruiker, **form.zoekvragen()), PER_PAGINA).get_page(
            request.GET.get("pagina")
        )
        # What was searched for belongs with what was shown (NEN 7513: the reason to look).
        zoekvragen = {"filter": request.GET.urlencode()} if request.GET else {}
        gebeurtenissen.hulpvragen_getoond(pagina.object_list, door=gebruiker, **zoekvragen)
    return render(
        request,
        "hulpvragen/lijst.html",
        {
            "form": form,
            "pagina": pagina,
            "sorteer": form.cleaned_data.get("sorteer") if form.is_valid() else "",
            "gefilterd": any(k != "pagina" and k != "sorteer" for k in request.GET),
            "kan_toevoegen": mag_dossier_aanmaken(gebruiker),
            "kan_exporteren": mag_exporteren(gebruiker),
            "namen": namen_voor_rijen(gebruiker),
            # An empty list says what this user can do about it (issue 17 item 5).
            "voor_school": rolfeiten(gebruiker).werkt_voor_school,
            "voor_swv": rolfeiten(gebruiker).werkt_voor_swv,
        },
    )


@require_GET
def mijn_acties_lijst(request: HttpRequest) -> HttpResponse:
    """ "Mijn acties", the first page after login: what waits on this user, oldest first."""
    gebruiker = ingelogde_gebruiker(request)
    pagina = Paginator(mijn_acties(gebruiker), PER_PAGINA).get_page(request.GET.get("pagina"))
    gebeurtenissen.hulpvragen_getoond(pagina.object_list, door=gebruiker, scherm="mijn_acties")
    feiten = rolfeiten(gebruiker)
    return render(
        request,
        "hulpvragen/mijn_acties.html",
        {
            "pagina": pagina,
            "namen": namen_voor_rijen(gebruiker),
            "voor_school": feiten.werkt_voor_school,
            "voor_swv": feiten.werkt_voor_swv,
        },
    )

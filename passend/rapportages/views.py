"""The Managementoverzicht (issue 6, item 3): aggregates only, for SWV staff."""

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from passend.accounts.selectors import ingelogde_gebruiker
from passend.rapportages.forms import PeriodeForm
from passend.rapportages.rechten import mag_managementoverzicht_zien
from passend.rapportages.selectors import (
    Periode,
    Staaf,
    aantallen,
    doorlooptijden,
    regios_voor,
    thuiszitters,
)


@require_GET
def managementoverzicht(request: HttpRequest) -> HttpResponse:
    # No access-log row: the page shows counts and durations, never a pupil (see
    # docs/gebruikers.md); what it counts is limited to what the user may open.
    gebruiker = ingelogde_gebruiker(request)
    if not mag_managementoverzicht_zien(gebruiker):
        raise Http404
    form = PeriodeForm(request.GET or None, regios=regios_voor(gebruiker))
    if form.is_bound and not form.is_valid():
        # No figures for a filter with an error: unfiltered totals would read as the answer to
        # it (as on the Hulpvragen page, which then shows no rows).
        return render(request, "rapportages/managementoverzicht.html", {"form": form})
    periode = Periode(**form.cleaned_data) if form.is_bound else Periode()
    lijst = doorlooptijden(gebruiker, periode)
    return render(
        request,
        "rapportages/managementoverzicht.html",
        {
            "form": form,
            "periode": periode,
            "cijfers": True,
            "aantallen": aantallen(gebruiker, periode),
            "doorlooptijden": lijst,
            "doorlooptijden_mediaan": [
                Staaf(rij.proces, rij.mediaan) for rij in lijst if rij.mediaan is not None
            ],
            "thuiszitters": thuiszitters(gebruiker, periode),
        },
    )

"""One hulpvraag: the detail page with the buttons of its parts (R53), Statushistorie (R22),
Status wijzigen (R20-R22), coördinator and labels (R32), Schoolgegevens bewerken (R46)."""

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from passend.accounts.models import Gebruiker
from passend.accounts.selectors import ingelogde_gebruiker
from passend.audit import gebeurtenissen
from passend.dossiers.rechten import mag_schoolgegevens_bewerken
from passend.dossiers.selectors import aanvragers_voor_scholen
from passend.dossiers.services import schoolgegevens_bewerken as schoolgegevens_opslaan
from passend.hulpvragen.forms import BehandelingForm, SchoolgegevensBewerkenForm, StatusWijzigenForm
from passend.hulpvragen.keuzelijsten import medewerkers_van_swv
from passend.hulpvragen.models import Hulpvraag
from passend.hulpvragen.onderdelen import extra_kenmerken, knoppen
from passend.hulpvragen.rechten import (
    Statuskeuze,
    heeft_statuskeuzes,
    mag_behandeling_wijzigen,
    mag_oppakken,
    statuskeuzes,
)
from passend.hulpvragen.selectors import (
    hulpvraag_voor_detail,
    labels_van_swv,
    school_toen_en_nu,
)
from passend.hulpvragen.services import (
    StatusIntussenGewijzigd,
    hulpvraag_behandeling_wijzigen,
    hulpvraag_oppakken,
    hulpvraag_status_wijzigen,
)
from passend.processen.models import Status


def hulpvraag_of_404(request: HttpRequest, referentie: str) -> tuple[Gebruiker, Hulpvraag]:
    gebruiker = ingelogde_gebruiker(request)
    try:
        return gebruiker, hulpvraag_voor_detail(gebruiker, referentie)
    except Hulpvraag.DoesNotExist as fout:
        raise Http404 from fout


def _tonen(
    request: HttpRequest,
    gebruiker: Gebruiker,
    hulpvraag: Hulpvraag,
    sjabloon: str,
    context: dict[str, Any],
    scherm: str | None = None,
) -> HttpResponse:
    """Renders a page of the hulpvraag and logs that it was seen (P2)."""
    gebeurtenissen.hulpvraag_bekeken(hulpvraag, door=gebruiker, scherm=scherm)
    return render(request, sjabloon, {"hulpvraag": hulpvraag, **context})


@require_GET
def detail(request: HttpRequest, referentie: str) -> HttpResponse:
    """R53: Hulpvraagdatum, Status, Schoolgegevens, Hulpvraag, Omschrijving, Coördinator, Labels."""
    gebruiker, hulpvraag = hulpvraag_of_404(request, referentie)
    return _tonen(
        request,
        gebruiker,
        hulpvraag,
        "hulpvragen/detail.html",
        {
            # The reason of the last change tells the school what to do (prefetched: no query).
            "laatste_wijziging": list(hulpvraag.statuswijzigingen.all())[-1],
            "onderdelen": knoppen(gebruiker, hulpvraag),
            "extra_kenmerken": extra_kenmerken(gebruiker, hulpvraag),
            "school_toen_en_nu": school_toen_en_nu(hulpvraag),
            "kan_status_wijzigen": heeft_statuskeuzes(gebruiker, hulpvraag),
            "kan_schoolgegevens_bewerken": mag_schoolgegevens_bewerken(
                gebruiker, hulpvraag.schoolgegevens
            ),
            "kan_behandeling_wijzigen": mag_behandeling_wijzigen(gebruiker, hulpvraag),
            "kan_oppakken": mag_oppakken(gebruiker, hulpvraag),
        },
    )


@require_GET
def statushistorie(request: HttpRequest, referentie: str) -> HttpResponse:
    """R22: every change: from, to, who, when, reason."""
    gebruiker, hulpvraag = hulpvraag_of_404(request, referentie)
    return _tonen(
        request, gebruiker, hulpvraag, "hulpvragen/statushistorie.html", {}, "statushistorie"
    )


@require_http_methods(["GET", "POST"])
def status_wijzigen(request: HttpRequest, referentie: str) -> HttpResponse:
    """ "Status wijzigen": only the statuses the process allows this user, with a reason."""
    gebruiker, hulpvraag = hulpvraag_of_404(request, referentie)
    keuzes = statuskeuzes(gebruiker, hulpvraag)
    if not keuzes:
        raise Http404
    form = StatusWijzigenForm(
        request.POST if request.method == "POST" else None,
        initial={"huidige_status": hulpvraag.status_id},
        statussen=_kiesbaar(keuzes),
        hulpvraag=hulpvraag,
    )
    intussen_gewijzigd = None
    if request.method == "POST" and form.is_valid():
        try:
            wijziging = hulpvraag_status_wijzigen(
                hulpvraag=hulpvraag,
                naar=form.cleaned_data["naar"],
                door=gebruiker,
                reden=form.cleaned_data["reden"],
                verwachte_status=form.cleaned_data["huidige_status"],
            )
        except StatusIntussenGewijzigd as fout:
            # Another user changed the status since this form was shown: say so, offer the
            # choices from the new status, and keep the reason that was typed.
            intussen_gewijzigd = fout.message
            hulpvraag = hulpvraag_voor_detail(gebruiker, referentie)
            keuzes = statuskeuzes(gebruiker, hulpvraag)
            if not keuzes:
                raise Http404 from fout
            form = StatusWijzigenForm(
                initial={
                    "huidige_status": hulpvraag.status_id,
                    "reden": form.cleaned_data["reden"],
                },
                statussen=_kiesbaar(keuzes),
                hulpvraag=hulpvraag,
            )
        except ValidationError as fout:
            form.add_error(None, fout)
        except PermissionDenied as fout:
            raise Http404 from fout
        else:
            messages.success(
                request,
                _("De status is gewijzigd in ‘%(status)s’.") % {"status": wijziging.naar.naam},
            )
            return redirect("hulpvragen:detail", referentie=hulpvraag.referentie)
    return _tonen(
        request,
        gebruiker,
        hulpvraag,
        "hulpvragen/status_wijzigen.html",
        {
            "form": form,
            "intussen_gewijzigd": intussen_gewijzigd,
            "nog_niet": [keuze for keuze in keuzes if keuze.ontbreekt],
        },
        "status_wijzigen",
    )


def _kiesbaar(keuzes: list[Statuskeuze]) -> list[Status]:
    return [keuze.status for keuze in keuzes if not keuze.ontbreekt]


@require_http_methods(["GET", "POST"])
def behandeling_wijzigen(request: HttpRequest, referentie: str) -> HttpResponse:
    """R32: coördinator and labels, by SWV staff only."""
    gebruiker, hulpvraag = hulpvraag_of_404(request, referentie)
    if not mag_behandeling_wijzigen(gebruiker, hulpvraag):
        raise Http404
    form = BehandelingForm(
        request.POST if request.method == "POST" else None,
        initial={"coordinator": hulpvraag.coordinator_id, "labels": list(hulpvraag.labels.all())},
        medewerkers=medewerkers_van_swv(gebruiker.swv_id),
        labels=labels_van_swv(gebruiker),
    )
    if request.method == "POST" and form.is_valid():
        try:
            hulpvraag_behandeling_wijzigen(hulpvraag=hulpvraag, door=gebruiker, **form.cleaned_data)
        except ValidationError as fout:
            form.add_error(None, fout)
        else:
            messages.success(request, _("Coördinator en labels zijn opgeslagen."))
            return redirect("hulpvragen:detail", referentie=hulpvraag.referentie)
    return _tonen(
        request,
        gebruiker,
        hulpvraag,
        "hulpvragen/hulpvraag_formulier.html",
        {"form": form, "titel": _("Coördinator en labels")},
        "behandeling",
    )


@require_POST
def oppakken(request: HttpRequest, referentie: str) -> HttpResponse:
    """ "Oppakken": become the coördinator of a hulpvraag from one's queue (B5)."""
    gebruiker, hulpvraag = hulpvraag_of_404(request, referentie)
    try:
        hulpvraag_oppakken(hulpvraag=hulpvraag, door=gebruiker)
    except ValidationError as fout:
        messages.error(request, " ".join(fout.messages))
    except PermissionDenied as fout:
        raise Http404 from fout
    else:
        messages.success(request, _("U bent nu coördinator van deze hulpvraag."))
    return redirect("hulpvragen:detail", referentie=hulpvraag.referentie)


@require_http_methods(["GET", "POST"])
def schoolgegevens_bewerken(request: HttpRequest, referentie: str) -> HttpResponse:
    """R46 (and R44 per hulpvraag): aanvrager, contactpersoon, e-mail and telephone."""
    gebruiker, hulpvraag = hulpvraag_of_404(request, referentie)
    schoolgegevens = hulpvraag.schoolgegevens
    if not mag_schoolgegevens_bewerken(gebruiker, schoolgegevens):
        raise Http404
    form = SchoolgegevensBewerkenForm(
        request.POST if request.method == "POST" else None,
        instance=schoolgegevens,
        aanvragers=aanvragers_voor_scholen([schoolgegevens.school]),
    )
    if request.method == "POST" and form.is_valid():
        try:
            schoolgegevens_opslaan(
                schoolgegevens=schoolgegevens,
                door=gebruiker,
                aanvrager=form.cleaned_data["aanvrager"],
                contactpersoon=form.cleaned_data["contactpersoon"],
                email=form.cleaned_data["email"],
                telefoon=form.cleaned_data["telefoon"],
                contactpersoon_van_aanvrager=form.cleaned_data["contactpersoon_overnemen"],
                email_van_aanvrager=form.cleaned_data["email_overnemen"],
            )
        except ValidationError as fout:
            form.add_error(None, fout)
        else:
            messages.success(request, _("De schoolgegevens zijn opgeslagen."))
            return redirect("hulpvragen:detail", referentie=hulpvraag.referentie)
    return _tonen(
        request,
        gebruiker,
        hulpvraag,
        "hulpvragen/hulpvraag_formulier.html",
        {"form": form, "titel": _("Schoolgegevens bewerken")},
        "schoolgegevens",
    )

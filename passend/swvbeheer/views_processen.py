"""SWV-beheer's process screens (issue 16 item 6): processes with their statuses, transitions
and hulpvraagtitels, and a preview of the status mail. Thin views over processen.services and
processen.selectors; for the SWV's application administrator alone, anyone else and anything
of another SWV gets a 404."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from passend.accounts.models import Gebruiker
from passend.accounts.selectors import ingelogde_gebruiker
from passend.core.forms import fouten_naar_form
from passend.hulpvragen.meldingen import VOORBEELDREFERENTIE, statusmail_voorbeeld
from passend.processen import services
from passend.processen.models import Hulpvraagtitel, Proces, Status, Statusovergang
from passend.processen.rechten import mag_processen_beheren
from passend.processen.selectors import (
    overgang_voor_beheer,
    overgangen_van_proces,
    proces_voor_beheer,
    processen_voor_beheer,
    status_voor_beheer,
    statussen_van_proces,
    titel_voor_beheer,
    titels_van_proces,
)
from passend.swvbeheer.forms_processen import (
    NieuweStatusForm,
    OvergangForm,
    ProcesForm,
    StatusForm,
    TitelForm,
)
from passend.swvbeheer.views import _gegevens, _of_404


def _beheerder(request: HttpRequest) -> Gebruiker:
    gebruiker = ingelogde_gebruiker(request)
    if not mag_processen_beheren(gebruiker):
        raise Http404
    return gebruiker


@require_http_methods(["GET"])
def processen(request: HttpRequest) -> HttpResponse:
    door = _beheerder(request)
    return render(
        request, "swvbeheer/processen.html", {"processen": list(processen_voor_beheer(door))}
    )


@require_http_methods(["GET", "POST"])
def proces_nieuw(request: HttpRequest) -> HttpResponse:
    door = _beheerder(request)
    form = ProcesForm(_gegevens(request))
    if request.method == "POST" and form.is_valid():
        try:
            proces = services.proces_aanmaken(door=door, **form.cleaned_data)
        except ValidationError as fout:
            fouten_naar_form(form, fout)
        else:
            messages.success(request, _("Het proces is toegevoegd. Voeg nu de statussen toe."))
            return redirect("swvbeheer:proces", pk=proces.pk)
    return render(request, "swvbeheer/proces_nieuw.html", {"form": form})


@require_http_methods(["GET", "POST"])
def proces(request: HttpRequest, pk: int) -> HttpResponse:
    """A process: its name and behandelende functie, its statuses, transitions and titles, and
    what is wrong with its graph, if anything."""
    door = _beheerder(request)
    proces: Proces = _of_404(proces_voor_beheer(door, pk))
    form = ProcesForm(
        _gegevens(request),
        nieuw=False,
        initial={"naam": proces.naam, "behandelende_rol": proces.behandelende_rol_id},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.proces_wijzigen(door=door, proces=proces, **form.cleaned_data)
        except ValidationError as fout:
            fouten_naar_form(form, fout)
        else:
            messages.success(request, _("Het proces is opgeslagen."))
            return redirect("swvbeheer:proces", pk=proces.pk)
    return render(
        request,
        "swvbeheer/proces.html",
        {
            "proces": proces,
            "form": form,
            "statussen": statussen_van_proces(proces),
            "overgangen": overgangen_van_proces(proces),
            "titels": titels_van_proces(proces),
            "fouten": services.proces_fouten(proces),
        },
    )


# --- Statuses ---------------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def status_nieuw(request: HttpRequest, pk: int) -> HttpResponse:
    door = _beheerder(request)
    proces: Proces = _of_404(proces_voor_beheer(door, pk))
    laatste = proces.statussen.order_by("-volgorde").first()
    form = NieuweStatusForm(
        _gegevens(request),
        proces=proces,
        initial={
            "zichtbaar_voor_swv": True,
            "volgorde": (laatste.volgorde + 1) if laatste else 1,
            "komt_na": laatste.pk if laatste else None,
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            status = services.status_aanmaken(door=door, proces=proces, **form.cleaned_data)
        except ValidationError as fout:
            fouten_naar_form(form, fout)
        else:
            messages.success(request, _("De status is toegevoegd."))
            return redirect("swvbeheer:status", pk=status.pk)
    return render(request, "swvbeheer/status_nieuw.html", {"proces": proces, "form": form})


@require_http_methods(["GET", "POST"])
def status(request: HttpRequest, pk: int) -> HttpResponse:
    """A status's name, number, flags and instruction, with the status mail it gives."""
    door = _beheerder(request)
    status: Status = _of_404(status_voor_beheer(door, pk))
    velden = list(StatusForm(nieuw=False).fields)
    form = StatusForm(
        _gegevens(request),
        nieuw=False,
        initial={veld: getattr(status, veld) for veld in velden},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.status_wijzigen(door=door, status=status, **form.cleaned_data)
        except ValidationError as fout:
            fouten_naar_form(form, fout)
        else:
            messages.success(request, _("De status is opgeslagen."))
            return redirect("swvbeheer:status", pk=status.pk)
    onderwerp, tekst = statusmail_voorbeeld(status)
    return render(
        request,
        "swvbeheer/status.html",
        {
            "status": status,
            "proces": status.proces,
            "form": form,
            "voorbeeld_onderwerp": onderwerp,
            "voorbeeld_tekst": tekst,
            "voorbeeldreferentie": VOORBEELDREFERENTIE,
        },
    )


@require_POST
def status_verwijderen(request: HttpRequest, pk: int) -> HttpResponse:
    door = _beheerder(request)
    status: Status = _of_404(status_voor_beheer(door, pk))
    try:
        services.status_verwijderen(door=door, status=status)
    except ValidationError as fout:
        messages.error(request, " ".join(fout.messages))
        return redirect("swvbeheer:status", pk=status.pk)
    messages.success(request, _("Status ‘%(naam)s’ is verwijderd.") % {"naam": status.naam})
    return redirect("swvbeheer:proces", pk=status.proces_id)


# --- Transitions ------------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def overgang_nieuw(request: HttpRequest, pk: int) -> HttpResponse:
    door = _beheerder(request)
    proces: Proces = _of_404(proces_voor_beheer(door, pk))
    form = OvergangForm(_gegevens(request), proces=proces)
    if request.method == "POST" and form.is_valid():
        try:
            services.overgang_aanmaken(door=door, proces=proces, **form.cleaned_data)
        except ValidationError as fout:
            fouten_naar_form(form, fout)
        else:
            messages.success(
                request, _("De overgang is toegevoegd; ze geldt vanaf de volgende statuswijziging.")
            )
            return redirect("swvbeheer:proces", pk=proces.pk)
    return render(
        request, "swvbeheer/overgang.html", {"proces": proces, "form": form, "overgang": None}
    )


@require_http_methods(["GET", "POST"])
def overgang(request: HttpRequest, pk: int) -> HttpResponse:
    door = _beheerder(request)
    overgang: Statusovergang = _of_404(overgang_voor_beheer(door, pk))
    form = OvergangForm(
        _gegevens(request),
        proces=overgang.proces,
        huidig=list(overgang.voorwaarden or []),
        initial={
            "van": overgang.van_id,
            "naar": overgang.naar_id,
            "rollen": list(overgang.rollen.all()),
            "voorwaarden": list(overgang.voorwaarden or []),
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.overgang_wijzigen(door=door, overgang=overgang, **form.cleaned_data)
        except ValidationError as fout:
            fouten_naar_form(form, fout)
        else:
            messages.success(
                request,
                _(
                    "De overgang is opgeslagen; ze geldt vanaf de volgende statuswijziging. De "
                    "statushistorie blijft zoals ze was."
                ),
            )
            return redirect("swvbeheer:proces", pk=overgang.proces_id)
    return render(
        request,
        "swvbeheer/overgang.html",
        {"proces": overgang.proces, "form": form, "overgang": overgang},
    )


@require_POST
def overgang_verwijderen(request: HttpRequest, pk: int) -> HttpResponse:
    door = _beheerder(request)
    overgang: Statusovergang = _of_404(overgang_voor_beheer(door, pk))
    try:
        services.overgang_verwijderen(door=door, overgang=overgang)
    except ValidationError as fout:
        messages.error(request, " ".join(fout.messages))
        return redirect("swvbeheer:overgang", pk=overgang.pk)
    messages.success(
        request,
        _("De overgang ‘%(van)s’ → ‘%(naar)s’ is verwijderd.")
        % {"van": overgang.van.naam, "naar": overgang.naar.naam},
    )
    return redirect("swvbeheer:proces", pk=overgang.proces_id)


# --- Hulpvraagtitels --------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def titel_nieuw(request: HttpRequest, pk: int) -> HttpResponse:
    door = _beheerder(request)
    proces: Proces = _of_404(proces_voor_beheer(door, pk))
    begin = proces.statussen.order_by("volgorde", "naam").first()
    form = TitelForm(
        _gegevens(request),
        door=door,
        initial={
            "proces": proces.pk,
            "beginstatus": begin.pk if begin else None,
            "coordinatortoewijzing": Hulpvraagtitel.Coordinatortoewijzing.SCHOOLCONTACTPERSOON,
            "volgorde": 0,
            "actief": True,
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.titel_aanmaken(door=door, **form.cleaned_data)
        except ValidationError as fout:
            fouten_naar_form(form, fout)
        else:
            messages.success(request, _("De hulpvraagtitel is toegevoegd."))
            return redirect("swvbeheer:proces", pk=form.cleaned_data["proces"].pk)
    return render(request, "swvbeheer/titel.html", {"proces": proces, "form": form, "titel": None})


@require_http_methods(["GET", "POST"])
def titel(request: HttpRequest, pk: int) -> HttpResponse:
    door = _beheerder(request)
    titel: Hulpvraagtitel = _of_404(titel_voor_beheer(door, pk))
    form = TitelForm(
        _gegevens(request),
        door=door,
        titel=titel,
        initial={
            "naam": titel.naam,
            "proces": titel.proces_id,
            "beginstatus": titel.beginstatus_id,
            "alleen_voor_regios": list(titel.alleen_voor_regios.all()),
            "niet_voor_regios": list(titel.niet_voor_regios.all()),
            "alternatief": titel.alternatief_id,
            "coordinatortoewijzing": titel.coordinatortoewijzing,
            "volgorde": titel.volgorde,
            "actief": titel.actief,
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.titel_wijzigen(door=door, titel=titel, **form.cleaned_data)
        except ValidationError as fout:
            fouten_naar_form(form, fout)
        else:
            messages.success(request, _("De hulpvraagtitel is opgeslagen."))
            return redirect("swvbeheer:proces", pk=form.cleaned_data["proces"].pk)
    return render(
        request, "swvbeheer/titel.html", {"proces": titel.proces, "form": form, "titel": titel}
    )

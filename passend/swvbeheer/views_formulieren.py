"""SWV-beheer's screens for form definitions and the outbox (issue 16 item 1), in place of the
restyled Django admin: thin views over selectors_formulieren and services_formulieren. For the
SWV's application administrator alone; anyone else, and any row of another SWV, gets a 404."""

from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_POST

from passend.accounts.models import Gebruiker
from passend.audit import gebeurtenissen
from passend.core.forms import fouten_naar_form
from passend.formulieren.forms import VoorbeeldForm
from passend.formulieren.models import Formulierdefinitie
from passend.notificaties.models import Bericht
from passend.swvbeheer.forms_formulieren import BerichtFilterForm, FormulierdefinitieBeheerForm
from passend.swvbeheer.selectors_formulieren import (
    bericht_van_swv,
    berichten_van_swv,
    formulierdefinitie_van_swv,
    formulierdefinities_van_swv,
    hulpvragen_in_bericht,
)
from passend.swvbeheer.services_formulieren import (
    bericht_opnieuw_versturen as _opnieuw_versturen,
)
from passend.swvbeheer.services_formulieren import (
    formulierdefinitie_opslaan,
    mag_opnieuw_versturen,
)
from passend.swvbeheer.views import PER_PAGINA, _beheerder


def _definitie(door: Gebruiker, pk: int) -> Formulierdefinitie:
    definitie = formulierdefinitie_van_swv(door, pk)
    if definitie is None:
        raise Http404
    return definitie


def _bericht(door: Gebruiker, pk: int) -> Bericht:
    bericht = bericht_van_swv(door, pk)
    if bericht is None:
        raise Http404
    return bericht


# --- Form definitions (issue 12 item 8) --------------------------------------------------------


@require_http_methods(["GET"])
def formulieren(request: HttpRequest) -> HttpResponse:
    door = _beheerder(request)
    return render(
        request,
        "swvbeheer/formulieren/lijst.html",
        {"definities": list(formulierdefinities_van_swv(door))},
    )


def _opslaan(request: HttpRequest, door: Gebruiker, form: FormulierdefinitieBeheerForm) -> Any:
    """Saves a valid form; the redirect to the definition, or None with the refusal on the form
    (what was typed stays)."""
    try:
        definitie, versie = formulierdefinitie_opslaan(door=door, form=form)
    except ValidationError as fout:
        fouten_naar_form(form, fout)
        return None
    if versie is not None:
        messages.success(
            request,
            _("Het formulier is opgeslagen, met versie %(nummer)s van de vragen.")
            % {"nummer": versie.nummer},
        )
    else:
        messages.success(request, _("Het formulier is opgeslagen; de vragen zijn niet gewijzigd."))
    return redirect("swvbeheer:formulier", pk=definitie.pk)


@require_http_methods(["GET", "POST"])
def formulier_nieuw(request: HttpRequest) -> HttpResponse:
    door = _beheerder(request)
    form = FormulierdefinitieBeheerForm(
        request.POST if request.method == "POST" else None, swv_id=door.swv_id
    )
    if request.method == "POST" and form.is_valid():
        antwoord = _opslaan(request, door, form)
        if antwoord is not None:
            return antwoord
    return render(request, "swvbeheer/formulieren/formulier.html", {"form": form})


@require_http_methods(["GET", "POST"])
def formulier(request: HttpRequest, pk: int) -> HttpResponse:
    """Name, code, statuses and titles, and the questions as YAML; a save of changed questions
    is a new version."""
    door = _beheerder(request)
    definitie = _definitie(door, pk)
    form = FormulierdefinitieBeheerForm(
        request.POST if request.method == "POST" else None, instance=definitie, swv_id=door.swv_id
    )
    if request.method == "POST" and form.is_valid():
        antwoord = _opslaan(request, door, form)
        if antwoord is not None:
            return antwoord
    return render(
        request,
        "swvbeheer/formulieren/formulier.html",
        {"form": form, "definitie": definitie, "versie": definitie.huidige_versie()},
    )


@require_http_methods(["GET"])
def formulier_voorbeeld(request: HttpRequest, pk: int) -> HttpResponse:
    """The current version as a school sees it at 'Formulier bewerken'; saves nothing."""
    door = _beheerder(request)
    definitie = _definitie(door, pk)
    versie = definitie.huidige_versie()
    if versie is None:
        raise Http404
    form = VoorbeeldForm(definitie=versie.definitie_gelezen, auto_id="voorbeeld_%s")
    secties = [
        (
            sectie.titel,
            [
                form[vraag.code] if vraag.code in form.fields else vraag.vraag
                for vraag in sectie.vragen
            ],
        )
        for sectie in form.definitie.secties
    ]
    return render(
        request,
        "swvbeheer/formulieren/voorbeeld.html",
        {"definitie": definitie, "versie": versie, "secties": secties},
    )


# --- The outbox ---------------------------------------------------------------------------------


@require_http_methods(["GET"])
def berichten(request: HttpRequest) -> HttpResponse:
    """The SWV's mails, newest first, 25 a page, filtered on state."""
    door = _beheerder(request)
    form = BerichtFilterForm(request.GET or None)
    pagina = Paginator(berichten_van_swv(door, **form.filters()), PER_PAGINA).get_page(
        request.GET.get("pagina")
    )
    opnieuw = {rij.pk for rij in pagina.object_list if mag_opnieuw_versturen(rij)}
    return render(
        request,
        "swvbeheer/berichten/lijst.html",
        {
            "form": form,
            "pagina": pagina,
            "opnieuw": opnieuw,
            "status": form.filters().get("status", ""),
        },
    )


@require_http_methods(["GET"])
def bericht(request: HttpRequest, pk: int) -> HttpResponse:
    """One mail, read-only; a confidential one without its text. A mail names no pupil (P3), but
    its text may name a hulpvraag and a status change's reason: reading it is logged as a read
    of that hulpvraag."""
    door = _beheerder(request)
    bericht = _bericht(door, pk)
    for hulpvraag in hulpvragen_in_bericht(door, bericht):
        gebeurtenissen.hulpvraag_bekeken(
            hulpvraag, door=door, scherm="uitbak", bericht=str(bericht.pk)
        )
    return render(
        request,
        "swvbeheer/berichten/bericht.html",
        {"bericht": bericht, "opnieuw": mag_opnieuw_versturen(bericht)},
    )


@require_POST
def bericht_opnieuw_versturen(request: HttpRequest, pk: int) -> HttpResponse:
    door = _beheerder(request)
    bericht = _bericht(door, pk)
    try:
        _opnieuw_versturen(door=door, bericht=bericht)
    except ValidationError as fout:
        messages.error(request, " ".join(fout.messages))
    else:
        messages.success(request, _("Het bericht wordt opnieuw verstuurd."))
    return redirect("swvbeheer:bericht", pk=bericht.pk)


@require_POST
def berichten_opnieuw_versturen(request: HttpRequest) -> HttpResponse:
    """The list's "Opnieuw versturen" for the mails ticked there (as the admin's action did):
    each own mail not yet delivered goes again; one of another SWV is a 404 for all."""
    door = _beheerder(request)
    ids = {int(waarde) for waarde in request.POST.getlist("berichten") if waarde.isdigit()}
    gekozen = list(berichten_van_swv(door).filter(pk__in=ids))
    if len(gekozen) != len(ids):
        raise Http404
    verstuurd = 0
    for rij in gekozen:
        if mag_opnieuw_versturen(rij):
            _opnieuw_versturen(door=door, bericht=rij)
            verstuurd += 1
    if verstuurd:
        messages.success(
            request,
            ngettext(
                "%(aantal)s bericht wordt opnieuw verstuurd.",
                "%(aantal)s berichten worden opnieuw verstuurd.",
                verstuurd,
            )
            % {"aantal": verstuurd},
        )
    else:
        messages.error(request, _("Kies een of meer berichten die nog niet zijn verzonden."))
    status = request.POST.get("status", "")
    terug = reverse("swvbeheer:berichten")
    if status in Bericht.Status.values:
        terug += "?" + urlencode({"status": status})
    return redirect(terug)

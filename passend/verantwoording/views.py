"""The audit viewer (issue 17 item 1; B8, P2): thin views over the selectors. For the SWV's
privacy officer and application administrator, own SWV only; anyone else gets a 404. Every
read of the log is itself logged (`auditlog_bekeken`), and so is every export."""

import csv
from typing import Any
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from passend.accounts.models import Gebruiker
from passend.accounts.selectors import ingelogde_gebruiker
from passend.audit import gebeurtenissen
from passend.core.csvcel import csv_celwaarde
from passend.verantwoording.forms import AANMELDINGEN, ZoekForm
from passend.verantwoording.rechten import mag_auditlog_bekijken
from passend.verantwoording.selectors import (
    aanmeldingen_zoeken,
    gezochte_leerlingen,
    inzagen_zoeken,
    leerling_in_swv,
    rijen,
    tijdlijn,
)

PER_PAGINA = 50


def export_maximum() -> int:
    """The most rows one CSV export holds; above it the viewer asks to narrow the selection."""
    return int(settings.PASSEND_AUDITLOG_EXPORT_MAX)


def _bevoegd(request: HttpRequest) -> Gebruiker:
    gebruiker = ingelogde_gebruiker(request)
    if not mag_auditlog_bekijken(gebruiker):
        raise Http404
    return gebruiker


def _filterbeschrijving(filters: dict[str, Any], leerlingen: list[int] | None) -> str:
    """The filter for the log row: ids instead of the name typed (the log keeps no names)."""
    delen: dict[str, str] = {}
    for sleutel, waarde in filters.items():
        if sleutel == "leerling":
            continue
        delen[sleutel] = waarde.strftime("%d-%m-%Y") if hasattr(waarde, "strftime") else waarde
    if leerlingen is not None:
        delen["leerlingen"] = ",".join(str(pk) for pk in leerlingen[:50])
    return urlencode(delen)[:500]


def _selectie(door: Gebruiker, filters: dict[str, Any]) -> tuple[Any, str]:
    """The rows the filters select (a QuerySet) and their description for the log."""
    if filters.get("soort") == AANMELDINGEN:
        return aanmeldingen_zoeken(door, **filters), _filterbeschrijving(filters, None)
    leerlingen = gezochte_leerlingen(door, filters.get("leerling", ""))
    return (
        inzagen_zoeken(door, leerlingen=leerlingen, **filters),
        _filterbeschrijving(filters, leerlingen),
    )


@require_http_methods(["GET"])
def index(request: HttpRequest) -> HttpResponse:
    """B8: the SWV's access log (or its login events), filtered, 50 a page, in a fixed number
    of queries."""
    door = _bevoegd(request)
    form = ZoekForm(request.GET or None)
    context: dict[str, Any] = {"form": form, "pagina": None, "rijen": []}
    if form.is_bound and not form.is_valid():
        # Nothing was read: the message stands beside the field, the typed values stay.
        return render(request, "verantwoording/index.html", context)
    filters = form.filters()
    selectie, beschrijving = _selectie(door, filters)
    pagina = Paginator(selectie, PER_PAGINA).get_page(request.GET.get("pagina"))
    context["pagina"] = pagina
    context["aanmeldingen"] = filters.get("soort") == AANMELDINGEN
    # The page is read before its own log row is written, so the row shows from the next read.
    if context["aanmeldingen"]:
        pagina.object_list = list(pagina.object_list)
    else:
        context["rijen"] = rijen(pagina.object_list, swv_id=door.swv_id)
    gebeurtenissen.auditlog_bekeken(door=door, filter=beschrijving, aantal=pagina.paginator.count)
    context["export_url"] = reverse("verantwoording:export") + (
        "?" + request.GET.urlencode() if request.GET else ""
    )
    return render(request, "verantwoording/index.html", context)


INZAGE_KOPPEN = [
    gettext_lazy("Tijd"),
    gettext_lazy("Gebeurtenis"),
    gettext_lazy("Actie"),
    gettext_lazy("Gegeven"),
    gettext_lazy("Client/systeem"),
    gettext_lazy("Clientadres"),
    gettext_lazy("Gebruiker"),
    gettext_lazy("Rollen"),
    gettext_lazy("Namens"),
    gettext_lazy("Betrokkene (leerling)"),
    gettext_lazy("Leerlingnummer"),
    gettext_lazy("Grondslag"),
    gettext_lazy("Verzoek-id"),
]
AANMELDING_KOPPEN = [
    gettext_lazy("Tijd"),
    gettext_lazy("Gebeurtenis"),
    gettext_lazy("Gebruiker"),
    gettext_lazy("Clientadres"),
    gettext_lazy("Browser (user agent)"),
    gettext_lazy("Verzoek-id"),
]


def _tijd(waarde: Any) -> str:
    return timezone.localtime(waarde).strftime("%d-%m-%Y %H:%M:%S")


@require_http_methods(["GET"])
def export(request: HttpRequest) -> HttpResponseBase:
    """B8: the current selection as CSV, cells safe against formula injection, at most
    `export_maximum()` rows; the download is logged (`auditlog_geexporteerd`)."""
    door = _bevoegd(request)
    form = ZoekForm(request.GET or None)
    terug = reverse("verantwoording:index") + ("?" + request.GET.urlencode() if request.GET else "")
    if form.is_bound and not form.is_valid():
        return redirect(terug)
    filters = form.filters()
    selectie, beschrijving = _selectie(door, filters)
    maximum = export_maximum()
    aantal = selectie.count()
    if aantal > maximum:
        messages.error(
            request,
            _(
                "Deze selectie telt %(aantal)s regels; een export bevat er hoogstens %(maximum)s. "
                "Maak de selectie kleiner, bijvoorbeeld met een kortere periode, een leerling of "
                "een gebruiker, en exporteer opnieuw."
            )
            % {"aantal": f"{aantal:n}", "maximum": f"{maximum:n}"},
        )
        return redirect(terug)
    gebeurtenissen.auditlog_geexporteerd(door=door, filter=beschrijving, aantal=aantal)
    antwoord = HttpResponse(content_type="text/csv; charset=utf-8")
    aanmeldingen = filters.get("soort") == AANMELDINGEN
    naam = "aanmeldingen" if aanmeldingen else "inzagelog"
    antwoord["Content-Disposition"] = (
        f'attachment; filename="{naam}-{timezone.localdate():%d-%m-%Y}.csv"'
    )
    # The byte order mark makes Excel (Dutch settings: ";" separates) read UTF-8 accents.
    antwoord.write("\ufeff")
    schrijver = csv.writer(antwoord, delimiter=";")
    if aanmeldingen:
        schrijver.writerow([str(kop) for kop in AANMELDING_KOPPEN])
        for aanmelding in selectie:
            schrijver.writerow(
                csv_celwaarde(waarde)
                for waarde in (
                    _tijd(aanmelding.tijd),
                    aanmelding.get_gebeurtenis_display(),
                    aanmelding.gebruikersnaam,
                    aanmelding.client_adres,
                    aanmelding.user_agent,
                    aanmelding.request_id,
                )
            )
        return antwoord
    schrijver.writerow([str(kop) for kop in INZAGE_KOPPEN])
    for rij in rijen(selectie, swv_id=door.swv_id):
        inzage = rij.inzage
        schrijver.writerow(
            csv_celwaarde(waarde)
            for waarde in (
                _tijd(inzage.tijd),
                rij.gebeurtenis,
                inzage.get_actie_display(),
                rij.gegeven,
                rij.client_systeem,
                inzage.client_adres,
                inzage.gebruikersnaam,
                inzage.rollen,
                inzage.namens,
                rij.leerling_naam,
                inzage.leerling_id,
                inzage.grondslag,
                inzage.request_id,
            )
        )
    return antwoord


@require_http_methods(["GET"])
def leerling(request: HttpRequest, leerling_id: int) -> HttpResponse:
    """B8: one pupil's timeline, "Wie zag of wijzigde wat": who, what, when, from where, on
    whose behalf, on what grounds. A pupil of another SWV is a 404."""
    door = _bevoegd(request)
    naam = leerling_in_swv(door, leerling_id)
    if naam is None:
        raise Http404
    pagina = Paginator(tijdlijn(door, leerling_id), PER_PAGINA).get_page(request.GET.get("pagina"))
    # Read before this view's own row is written: that row shows from the next read.
    regels = rijen(pagina.object_list, swv_id=door.swv_id)
    gebeurtenissen.auditlog_bekeken(
        door=door, filter="tijdlijn", leerling_id=leerling_id, aantal=pagina.paginator.count
    )
    return render(
        request,
        "verantwoording/leerling.html",
        {"leerling_id": leerling_id, "naam": naam, "pagina": pagina, "rijen": regels},
    )

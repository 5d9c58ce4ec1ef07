"""The attachments screen "Bijlagen hulpvraag" (R52), adding files (R2, R3, R4, R17), the
"Open" eye and Download (R49), and removal. Every path starts from the hulpvragen the user may
see; every read and change writes an access-log row (P1, P2)."""

import re
import unicodedata
from pathlib import Path
from urllib.parse import quote

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from passend.accounts.models import Gebruiker
from passend.accounts.selectors import ingelogde_gebruiker
from passend.audit import gebeurtenissen
from passend.bijlagen.controles import BestandGeweigerd, grootte_tekst
from passend.bijlagen.forms import ToevoegenForm, VerwijderenForm, WachtendForm, ZoekForm
from passend.bijlagen.models import Bijlage, WachtendeBijlage
from passend.bijlagen.opslag import bestand_openen
from passend.bijlagen.rechten import (
    mag_bijlage_verwijderen,
    mag_bijlagen_toevoegen,
    reden_verplicht_bij_verwijderen,
)
from passend.bijlagen.selectors import (
    bijlage_voor,
    bijlageinstellingen,
    bijlagen_voor_lijst,
    documenttypes,
    hulpvraag_voor_bijlagen,
    verwijderde_bijlagen_voor,
    wachtende_bijlagen_voor,
)
from passend.bijlagen.services import (
    bestand_aanbieden,
    bijlage_verwijderen,
    wachtende_bijlage_afwijzen,
    wachtende_bijlage_toevoegen,
)
from passend.bijlagen.uploads import TE_GROOT, ontvangen_sha256
from passend.hulpvragen.models import Hulpvraag

PER_PAGINA = 25
# Sent by uploaden.js: answer a redirect with its address instead, so the script navigates and
# the messages survive for the page the user lands on.
UPLOAD_SCRIPT_HEADER = "X-Passend-Upload"


def _hulpvraag(request: HttpRequest, referentie: str) -> tuple[Gebruiker, Hulpvraag]:
    gebruiker = ingelogde_gebruiker(request)
    try:
        return gebruiker, hulpvraag_voor_bijlagen(gebruiker, referentie)
    except Hulpvraag.DoesNotExist as fout:
        raise Http404 from fout


def _bijlage(request: HttpRequest, referentie: str, pk: int) -> tuple[Gebruiker, Bijlage]:
    gebruiker = ingelogde_gebruiker(request)
    try:
        return gebruiker, bijlage_voor(gebruiker, referentie, pk)
    except Bijlage.DoesNotExist as fout:
        raise Http404 from fout


def _lijst_url(hulpvraag: Hulpvraag) -> str:
    return reverse("bijlagen:lijst", args=[hulpvraag.referentie])


def _doorsturen(request: HttpRequest, url: str) -> HttpResponse:
    if request.headers.get(UPLOAD_SCRIPT_HEADER):
        return HttpResponse(status=204, headers={"X-Passend-Doorsturen": url})
    return redirect(url)


@require_GET
def lijst(request: HttpRequest, referentie: str) -> HttpResponse:
    """ "Bijlagen hulpvraag": Zoeken on Bestandsnaam, the table, paging, + Bijlage toevoegen."""
    gebruiker, hulpvraag = _hulpvraag(request, referentie)
    zoeken = ZoekForm(request.GET)
    bestandsnaam = zoeken.cleaned_data["bestandsnaam"] if zoeken.is_valid() else ""
    pagina = Paginator(bijlagen_voor_lijst(hulpvraag, bestandsnaam), PER_PAGINA).get_page(
        request.GET.get("pagina")
    )
    gebeurtenissen.bijlagen_getoond(hulpvraag, pagina.object_list, door=gebruiker)
    return render(
        request,
        "bijlagen/lijst.html",
        {
            "hulpvraag": hulpvraag,
            "zoeken": zoeken,
            "bestandsnaam": bestandsnaam,
            "pagina": pagina,
            "kan_toevoegen": mag_bijlagen_toevoegen(gebruiker, hulpvraag),
            "kan_verwijderen": mag_bijlage_verwijderen(gebruiker, hulpvraag),
            "aantal_wachtend": wachtende_bijlagen_voor(gebruiker, hulpvraag).count(),
            "verwijderd": verwijderde_bijlagen_voor(gebruiker, hulpvraag),
        },
    )


def _toevoegen_tonen(
    request: HttpRequest,
    gebruiker: Gebruiker,
    hulpvraag: Hulpvraag,
    form: ToevoegenForm,
    toegevoegd: list[Bijlage] | None = None,
) -> HttpResponse:
    wachtend = list(wachtende_bijlagen_voor(gebruiker, hulpvraag))
    soorten = documenttypes(hulpvraag.swv_id)
    return render(
        request,
        "bijlagen/toevoegen.html",
        {
            "hulpvraag": hulpvraag,
            "form": form,
            "toegevoegd": toegevoegd or [],
            "wachtend": [
                (
                    w,
                    WachtendForm(
                        initial={"bestandsnaam": w.bestandsnaam},
                        soorten=soorten,
                        soort_gekozen=w.documenttype_id is not None,
                    ),
                    grootte_tekst(w.oorspronkelijke_grootte or 0, naar_boven=True),
                    grootte_tekst(w.grootte, naar_boven=True),
                )
                for w in wachtend
            ],
            "max_grootte": grootte_tekst(bijlageinstellingen(hulpvraag.swv_id).max_bijlage_bytes),
        },
        status=400 if form.errors else 200,
    )


@require_http_methods(["GET", "POST"])
def toevoegen(request: HttpRequest, referentie: str) -> HttpResponse:
    """+ Bijlage toevoegen: several files at once, each judged on its own. The good ones are
    added, a refused one gets its own message; a file with a warning waits for an answer."""
    gebruiker, hulpvraag = _hulpvraag(request, referentie)
    if not mag_bijlagen_toevoegen(gebruiker, hulpvraag):
        raise Http404
    soorten = documenttypes(hulpvraag.swv_id)
    if request.method == "GET":
        return _toevoegen_tonen(request, gebruiker, hulpvraag, ToevoegenForm(soorten=soorten))
    form = ToevoegenForm(request.POST, request.FILES, soorten=soorten)
    if getattr(request, TE_GROOT, False):
        form.add_error(
            "bestanden",
            _("Samen zijn de gekozen bestanden groter dan %(max)s; kies er minder tegelijk.")
            % {"max": grootte_tekst(settings.PASSEND_UPLOAD_MAX_BYTES)},
        )
    if not form.is_valid():
        return _toevoegen_tonen(request, gebruiker, hulpvraag, form)
    toegevoegd: list[Bijlage] = []
    geweigerd: list[str] = []
    wacht = 0
    for bestand in form.cleaned_data["bestanden"]:
        try:
            resultaat = bestand_aanbieden(
                hulpvraag=hulpvraag,
                pad=Path(bestand.temporary_file_path()),
                bestandsnaam=bestand.name,
                door=gebruiker,
                documenttype=form.cleaned_data.get("documenttype"),
                soort_vragen="documenttype" in form.fields,
                sha256=ontvangen_sha256(bestand),
            )
        except BestandGeweigerd as fout:
            geweigerd.append(
                _("%(naam)s is niet toegevoegd: %(melding)s")
                % {"naam": bestand.name, "melding": fout.melding}
            )
            continue
        if isinstance(resultaat, WachtendeBijlage):
            wacht += 1
        else:
            toegevoegd.append(resultaat)
    if geweigerd:
        for melding in geweigerd:
            form.add_error("bestanden", melding)
        return _toevoegen_tonen(request, gebruiker, hulpvraag, form, toegevoegd)
    if toegevoegd:
        messages.success(
            request,
            ngettext(
                "%(aantal)d bijlage is toegevoegd.",
                "%(aantal)d bijlagen zijn toegevoegd.",
                len(toegevoegd),
            )
            % {"aantal": len(toegevoegd)},
        )
    if wacht:
        return _doorsturen(request, reverse("bijlagen:toevoegen", args=[hulpvraag.referentie]))
    return _doorsturen(request, _lijst_url(hulpvraag))


@require_POST
def wachtend(request: HttpRequest, referentie: str, pk: int) -> HttpResponse:
    """The answer to a warning: "Toevoegen" (perhaps renamed) or "Niet toevoegen"."""
    gebruiker, hulpvraag = _hulpvraag(request, referentie)
    try:
        bestand = wachtende_bijlagen_voor(gebruiker, hulpvraag).get(pk=pk)
    except WachtendeBijlage.DoesNotExist as fout:
        raise Http404 from fout
    if "niet_toevoegen" in request.POST:
        wachtende_bijlage_afwijzen(wachtend=bestand, door=gebruiker)
        messages.success(
            request, _("%(naam)s is niet toegevoegd.") % {"naam": bestand.bestandsnaam}
        )
    else:
        form = WachtendForm(
            request.POST,
            soorten=documenttypes(hulpvraag.swv_id),
            soort_gekozen=bestand.documenttype_id is not None,
        )
        if not form.is_valid():
            for meldingen in form.errors.values():
                for melding in meldingen:
                    messages.error(request, str(melding))
            return redirect("bijlagen:toevoegen", referentie=hulpvraag.referentie)
        try:
            bijlage = wachtende_bijlage_toevoegen(
                wachtend=bestand,
                bestandsnaam=form.cleaned_data["bestandsnaam"],
                door=gebruiker,
                documenttype=form.cleaned_data.get("documenttype"),
            )
        except BestandGeweigerd as fout:
            messages.error(request, fout.melding)
            return redirect("bijlagen:toevoegen", referentie=hulpvraag.referentie)
        messages.success(request, _("%(naam)s is toegevoegd.") % {"naam": bijlage.bestandsnaam})
    if wachtende_bijlagen_voor(gebruiker, hulpvraag).exists():
        return redirect("bijlagen:toevoegen", referentie=hulpvraag.referentie)
    return redirect(_lijst_url(hulpvraag))


def _ascii_naam(naam: str) -> str:
    """The fallback name for clients without RFC 5987: accents dropped ("Zoë" → "Zoe"), any
    other character that is not plain ASCII, and quotes or backslashes, replaced by "_"."""
    ontleed = unicodedata.normalize("NFKD", naam)
    zonder_accenten = "".join(teken for teken in ontleed if not unicodedata.combining(teken))
    return re.sub(r"[^A-Za-z0-9 ._()\-]", "_", zonder_accenten).strip() or "bijlage"


def content_disposition(naam: str, *, inline: bool) -> str:
    soort = "inline" if inline else "attachment"
    return f"{soort}; filename=\"{_ascii_naam(naam)}\"; filename*=UTF-8''{quote(naam, safe='')}"


# Chromium's PDF viewer does not run under a `sandbox` CSP, so a checked PDF (no JavaScript,
# launch actions or embedded files) opened inline gets a strict policy without it.
_CSP_STRENG = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'"
CSP_PDF = _CSP_STRENG
CSP_SANDBOX = "sandbox; " + _CSP_STRENG


def _serveren(request: HttpRequest, referentie: str, pk: int, *, openen: bool) -> FileResponse:
    gebruiker, bijlage = _bijlage(request, referentie, pk)
    inline = openen and bijlage.inline_tonen
    if openen and not inline:
        raise Http404  # "Open" exists only for the kinds a browser shows safely (R49)
    gebeurtenissen.bijlage_bekeken(
        bijlage, door=gebruiker, wijze="openen" if inline else "downloaden"
    )
    antwoord = FileResponse(bestand_openen(bijlage.opslagnaam), content_type=bijlage.mime)
    antwoord["Content-Length"] = str(bijlage.grootte)
    antwoord["Content-Disposition"] = content_disposition(bijlage.bestandsnaam, inline=inline)
    antwoord["X-Content-Type-Options"] = "nosniff"
    antwoord["Cache-Control"] = "private, no-store"
    # Set here, so django-csp's middleware leaves it alone (it only adds a missing header).
    antwoord["Content-Security-Policy"] = (
        CSP_PDF if inline and bijlage.soort == "pdf" else CSP_SANDBOX
    )
    return antwoord


@require_GET
def openen(request: HttpRequest, referentie: str, pk: int) -> FileResponse:
    return _serveren(request, referentie, pk, openen=True)


@require_GET
def downloaden(request: HttpRequest, referentie: str, pk: int) -> FileResponse:
    return _serveren(request, referentie, pk, openen=False)


@require_http_methods(["GET", "POST"])
def verwijderen(request: HttpRequest, referentie: str, pk: int) -> HttpResponse:
    gebruiker, bijlage = _bijlage(request, referentie, pk)
    hulpvraag = bijlage.hulpvraag
    if not mag_bijlage_verwijderen(gebruiker, hulpvraag):
        raise Http404
    reden_verplicht = reden_verplicht_bij_verwijderen(bijlage)
    form = VerwijderenForm(
        request.POST if request.method == "POST" else None, reden_verplicht=reden_verplicht
    )
    if request.method == "POST" and form.is_valid():
        try:
            bijlage_verwijderen(bijlage=bijlage, door=gebruiker, reden=form.cleaned_data["reden"])
        except ValidationError as fout:
            form.add_error(None, fout)
        else:
            messages.success(request, _("%(naam)s is verwijderd.") % {"naam": bijlage.bestandsnaam})
            return redirect(_lijst_url(hulpvraag))
    gebeurtenissen.bijlage_bekeken(bijlage, door=gebruiker, scherm="verwijderen")
    return render(
        request,
        "bijlagen/verwijderen.html",
        {
            "hulpvraag": hulpvraag,
            "bijlage": bijlage,
            "form": form,
            "reden_verplicht": reden_verplicht,
        },
    )

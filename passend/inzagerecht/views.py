"""The screens of inzagerecht. SWV staff (application administrator, coördinator): the pupil's
"Inzage en export" page (export, parents' inzage) and the sharing of a hulpvraag's attachments
with parents. Parents: their own pages, read through their active inzage only; every parent
read is logged with the grounds "ouder van de leerling" (P2). Everything else is a 404."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from passend.accounts.models import Gebruiker
from passend.accounts.selectors import ingelogde_gebruiker
from passend.audit import gebeurtenissen
from passend.bijlagen.models import Bijlage
from passend.bijlagen.opslag import bestand_openen
from passend.bijlagen.views import CSP_SANDBOX, content_disposition
from passend.core.forms import fouten_naar_form
from passend.dossiers.models import Leerling
from passend.hulpvragen.models import Hulpvraag
from passend.hulpvragen.onderdelen import dossierkop
from passend.inzagerecht import selectors, services
from passend.inzagerecht.export import leerling_exporteren
from passend.inzagerecht.forms import OuderUitnodigenForm
from passend.inzagerecht.models import Ouderinzage
from passend.inzagerecht.rechten import is_ouder


def _leerling(request: HttpRequest, pk: int) -> tuple[Gebruiker, Leerling]:
    gebruiker = ingelogde_gebruiker(request)
    try:
        return gebruiker, selectors.leerling_voor_beheer(gebruiker, pk)
    except Leerling.DoesNotExist as fout:
        raise Http404 from fout


@require_http_methods(["GET", "POST"])
def dossier(request: HttpRequest, pk: int) -> HttpResponse:
    """The pupil's "Inzage en export": the export button, the parents with inzage, and the
    invitation of a parent by one of the dossier's addresses."""
    gebruiker, leerling = _leerling(request, pk)
    adressen = leerling.ouder_emailadressen_lijst
    form = OuderUitnodigenForm(
        request.POST if request.method == "POST" else None, adressen=adressen
    )
    if request.method == "POST" and form.is_valid():
        try:
            inzage = services.ouder_uitnodigen(
                door=gebruiker, leerling=leerling, emailadres=form.cleaned_data["emailadres"]
            )
        except ValidationError as fout:
            fouten_naar_form(form, fout)
        except PermissionDenied as fout:
            raise Http404 from fout
        else:
            messages.success(
                request,
                _("%(email)s heeft inzage gekregen; de uitnodiging is per e-mail verstuurd.")
                % {"email": inzage.emailadres},
            )
            return redirect("inzagerecht:dossier", pk=leerling.pk)
    gebeurtenissen.leerling_bekeken(leerling, door=gebruiker, scherm="inzage_en_export")
    return render(
        request,
        "inzagerecht/dossier.html",
        {
            "leerling": leerling,
            **dossierkop(gebruiker, leerling),
            "tab": "inzage",
            "form": form,
            "adressen": adressen,
            "inzagen": selectors.ouderinzagen_van(leerling),
        },
    )


@require_POST
def intrekken(request: HttpRequest, pk: int, inzage_pk: int) -> HttpResponse:
    gebruiker, leerling = _leerling(request, pk)
    inzage = Ouderinzage.objects.filter(leerling=leerling, pk=inzage_pk).first()
    if inzage is None:
        raise Http404
    try:
        services.ouderinzage_intrekken(door=gebruiker, ouderinzage=inzage)
    except PermissionDenied as fout:
        raise Http404 from fout
    except ValidationError as fout:
        messages.error(request, " ".join(fout.messages))
    else:
        messages.success(
            request,
            _("De inzage van %(email)s is ingetrokken.") % {"email": inzage.emailadres},
        )
    return redirect("inzagerecht:dossier", pk=leerling.pk)


@require_POST
def exporteren(request: HttpRequest, pk: int) -> FileResponse:
    """B10: the pupil's ZIP, streamed from a temporary file that goes when it is closed."""
    gebruiker = ingelogde_gebruiker(request)
    try:
        bestand, naam = leerling_exporteren(door=gebruiker, leerling_id=pk)
    except Leerling.DoesNotExist as fout:
        raise Http404 from fout
    antwoord = FileResponse(bestand, content_type="application/zip")
    antwoord["Content-Disposition"] = content_disposition(naam, inline=False)
    antwoord["X-Content-Type-Options"] = "nosniff"
    antwoord["Cache-Control"] = "private, no-store"
    antwoord["Content-Security-Policy"] = CSP_SANDBOX
    return antwoord


@require_http_methods(["GET", "POST"])
def delen(request: HttpRequest, referentie: str) -> HttpResponse:
    """The hulpvraag's attachments with a mark "deelbaar met ouders" that SWV staff set."""
    gebruiker = ingelogde_gebruiker(request)
    try:
        hulpvraag = selectors.hulpvraag_voor_delen(gebruiker, referentie)
    except Hulpvraag.DoesNotExist as fout:
        raise Http404 from fout
    bijlagen = selectors.bijlagen_met_deling(gebruiker, hulpvraag)
    if request.method == "POST":
        gekozen = set(request.POST.getlist("gedeeld"))
        gewijzigd = 0
        try:
            for bijlage in bijlagen:
                gewijzigd += services.bijlage_delen_met_ouders(
                    door=gebruiker, bijlage=bijlage, delen=str(bijlage.pk) in gekozen
                )
        except PermissionDenied as fout:
            raise Http404 from fout
        messages.success(
            request,
            _("Opgeslagen: welke bijlagen de ouders zien.")
            if gewijzigd
            else _("Er is niets veranderd."),
        )
        return redirect("inzagerecht:delen", referentie=hulpvraag.referentie)
    gebeurtenissen.bijlagen_getoond(hulpvraag, bijlagen, door=gebruiker)
    return render(
        request,
        "inzagerecht/delen.html",
        {
            "hulpvraag": hulpvraag,
            "bijlagen": bijlagen,
            "ouders_met_inzage": selectors.actieve_ouderinzagen(hulpvraag.leerling_id).count(),
        },
    )


# --- Parents ----------------------------------------------------------------------------------


def _ouder(request: HttpRequest) -> Gebruiker:
    gebruiker = ingelogde_gebruiker(request)
    if not is_ouder(gebruiker):
        raise Http404
    return gebruiker


@require_GET
def ouder_start(request: HttpRequest) -> HttpResponse:
    """A parent's start page: the children they have inzage in, or what this page is for and
    whom to ask while there is none."""
    gebruiker = _ouder(request)
    inzagen = list(selectors.inzagen_van_ouder(gebruiker))
    for inzage in inzagen:
        gebeurtenissen.ouder_leerling_bekeken(inzage.leerling, door=gebruiker, scherm="start")
    return render(
        request, "inzagerecht/ouder_start.html", {"inzagen": inzagen, "swv": gebruiker.swv}
    )


@require_GET
def ouder_kind(request: HttpRequest, pk: int) -> HttpResponse:
    """The child's hulpvragen and the timeline "wie heeft dit gezien"."""
    gebruiker = _ouder(request)
    try:
        leerling = selectors.kind_van_ouder(gebruiker, pk)
    except Leerling.DoesNotExist as fout:
        raise Http404 from fout
    gebeurtenissen.ouder_leerling_bekeken(leerling, door=gebruiker, scherm="kind")
    return render(
        request,
        "inzagerecht/ouder_kind.html",
        {
            "leerling": leerling,
            "hulpvragen": selectors.hulpvragen_voor_ouder(gebruiker).filter(leerling=leerling),
            "tijdlijn": selectors.tijdlijn(leerling),
            "max": selectors.TIJDLIJN_MAX,
            "swv": gebruiker.swv,
        },
    )


@require_GET
def ouder_hulpvraag(request: HttpRequest, referentie: str) -> HttpResponse:
    gebruiker = _ouder(request)
    try:
        hulpvraag = selectors.hulpvraag_voor_ouder(gebruiker, referentie)
    except Hulpvraag.DoesNotExist as fout:
        raise Http404 from fout
    gebeurtenissen.ouder_hulpvraag_bekeken(hulpvraag, door=gebruiker)
    return render(
        request,
        "inzagerecht/ouder_hulpvraag.html",
        {
            "hulpvraag": hulpvraag,
            "historie": selectors.statushistorie_voor_ouder(hulpvraag),
            "bijlagen": selectors.gedeelde_bijlagen_voor_ouder(gebruiker, hulpvraag),
        },
    )


@require_GET
def ouder_bijlage(request: HttpRequest, referentie: str, pk: int) -> FileResponse:
    """A shared attachment, always as a download (sandboxed), logged."""
    gebruiker = _ouder(request)
    try:
        bijlage = selectors.gedeelde_bijlage_voor_ouder(gebruiker, referentie, pk)
    except Bijlage.DoesNotExist as fout:
        raise Http404 from fout
    gebeurtenissen.ouder_bijlage_bekeken(bijlage, door=gebruiker)
    antwoord = FileResponse(bestand_openen(bijlage.opslagnaam), content_type=bijlage.mime)
    antwoord["Content-Length"] = str(bijlage.grootte)
    antwoord["Content-Disposition"] = content_disposition(bijlage.bestandsnaam, inline=False)
    antwoord["X-Content-Type-Options"] = "nosniff"
    antwoord["Cache-Control"] = "private, no-store"
    antwoord["Content-Security-Policy"] = CSP_SANDBOX
    return antwoord

"""Tab "Formulier" of a hulpvraag (R24): its forms, one form read, "Formulier bewerken", and
signing. Every path starts from the hulpvragen the user may see (404 otherwise); every read and
change writes an access-log row (P1, P2)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from passend.accounts.models import Gebruiker
from passend.accounts.selectors import ingelogde_gebruiker
from passend.audit import gebeurtenissen
from passend.bijlagen.selectors import hulpvraag_voor_bijlagen
from passend.formulieren.definitie import Soort
from passend.formulieren.forms import FormulierInvullenForm
from passend.formulieren.models import Formulier, Ondertekening
from passend.formulieren.pdf import formulier_als_pdf
from passend.formulieren.rechten import (
    mag_ondertekenen,
    mag_ondertekening_intrekken,
    mag_termijnen_zien,
    schrijfbare_vragen,
)
from passend.formulieren.selectors import (
    definities_met_termijnen,
    formulier_voor,
    formulieren_van,
    termijnen_voor,
    weergave,
)
from passend.formulieren.services import (
    antwoorden_opslaan,
    ondertekenen,
    ondertekening_intrekken,
    ontbrekend,
)
from passend.hulpvragen.models import Hulpvraag

PER_PAGINA = 50


def _hulpvraag(request: HttpRequest, referentie: str) -> tuple[Gebruiker, Hulpvraag]:
    gebruiker = ingelogde_gebruiker(request)
    try:
        return gebruiker, hulpvraag_voor_bijlagen(gebruiker, referentie)
    except Hulpvraag.DoesNotExist as fout:
        raise Http404 from fout


def _formulier(request: HttpRequest, referentie: str, pk: int) -> tuple[Gebruiker, Formulier]:
    gebruiker, hulpvraag = _hulpvraag(request, referentie)
    try:
        return gebruiker, formulier_voor(gebruiker, hulpvraag, pk)
    except Formulier.DoesNotExist as fout:
        raise Http404 from fout


@require_GET
def lijst(request: HttpRequest, referentie: str) -> HttpResponse:
    gebruiker, hulpvraag = _hulpvraag(request, referentie)
    regels = [
        {"formulier": formulier, "ontbrekend": len(ontbrekend(formulier))}
        for formulier in formulieren_van(gebruiker, hulpvraag)
    ]
    gebeurtenissen.hulpvraag_bekeken(hulpvraag, door=gebruiker, scherm="formulieren")
    return render(request, "formulieren/lijst.html", {"hulpvraag": hulpvraag, "regels": regels})


@require_GET
def tonen(request: HttpRequest, referentie: str, pk: int) -> HttpResponse:
    gebruiker, formulier = _formulier(request, referentie, pk)
    schrijfbaar = schrijfbare_vragen(gebruiker, formulier)
    gebeurtenissen.formulier_bekeken(
        formulier.hulpvraag, door=gebruiker, formulier=formulier.versie.definitie.code
    )
    secties = weergave(formulier)
    return render(
        request,
        "formulieren/tonen.html",
        {
            "hulpvraag": formulier.hulpvraag,
            "formulier": formulier,
            "secties": secties,
            "ontbrekend": ontbrekend(formulier),
            "kan_bewerken": any(
                formulier.definitie.vraag(code).soort != Soort.ONDERTEKENING  # type: ignore[union-attr]
                for code in schrijfbaar
            ),
            "kan_ondertekenen": {
                code
                for code in schrijfbaar
                if formulier.definitie.vraag(code).soort == Soort.ONDERTEKENING  # type: ignore[union-attr]
            },
            "kan_intrekken": {
                regel.ondertekening.pk
                for sectie in secties
                for regel in sectie.regels
                if regel.ondertekening
                and mag_ondertekening_intrekken(gebruiker, regel.ondertekening)
            },
        },
    )


@require_GET
def termijnen(request: HttpRequest) -> HttpResponse:
    """R31: "Termijnen": every issued TLV with its end date, every evaluation deadline."""
    gebruiker = ingelogde_gebruiker(request)
    if not mag_termijnen_zien(gebruiker):
        raise Http404
    definities = list(definities_met_termijnen(gebruiker))
    gekozen = request.GET.get("formulier", "")
    if gekozen not in {d.code for d in definities}:
        gekozen = ""
    pagina = Paginator(termijnen_voor(gebruiker, gekozen), PER_PAGINA).get_page(
        request.GET.get("pagina")
    )
    gebeurtenissen.hulpvragen_getoond(
        [termijn.formulier.hulpvraag for termijn in pagina.object_list],
        door=gebruiker,
        scherm="termijnen",
    )
    return render(
        request,
        "formulieren/termijnen.html",
        {
            "pagina": pagina,
            "definities": definities,
            "gekozen": gekozen,
            "vandaag": timezone.localdate(),
        },
    )


@require_GET
def pdf(request: HttpRequest, referentie: str, pk: int) -> HttpResponse:
    gebruiker, formulier = _formulier(request, referentie, pk)
    code = formulier.versie.definitie.code
    bestandsnaam = f"{code}-{formulier.hulpvraag.referentie}.pdf"
    inhoud = formulier_als_pdf(formulier)
    gebeurtenissen.formulier_gedownload(formulier.hulpvraag, door=gebruiker, formulier=code)
    return HttpResponse(
        inhoud,
        content_type="application/pdf",
        headers={
            "Content-Disposition": f'attachment; filename="{bestandsnaam}"',
            "Cache-Control": "private, no-store",
        },
    )


@require_http_methods(["GET", "POST"])
def bewerken(request: HttpRequest, referentie: str, pk: int) -> HttpResponse:
    """ "Formulier bewerken": the questions this user may write; on an error the page comes
    back with everything typed and a message beside each field."""
    gebruiker, formulier = _formulier(request, referentie, pk)
    schrijfbaar = schrijfbare_vragen(gebruiker, formulier)
    form = FormulierInvullenForm(
        request.POST if request.method == "POST" else None,
        formulier=formulier,
        schrijfbaar=schrijfbaar,
    )
    if not form.vragen:
        raise Http404
    if request.method == "POST" and form.is_valid():
        try:
            antwoorden_opslaan(formulier=formulier, door=gebruiker, antwoorden=form.cleaned_data)
        except ValidationError as fout:
            if not hasattr(fout, "error_dict"):
                form.add_error(None, fout)  # about the whole form (it is signed)
            for code, meldingen in getattr(fout, "message_dict", {}).items():
                for melding in meldingen:
                    form.add_error(code if code in form.fields else None, melding)
        except PermissionDenied as fout:
            raise Http404 from fout
        else:
            messages.success(request, _("Het formulier is opgeslagen."))
            return redirect("formulieren:tonen", referentie=referentie, pk=formulier.pk)
    gebeurtenissen.formulier_bekeken(
        formulier.hulpvraag, door=gebruiker, formulier=formulier.versie.definitie.code
    )
    return render(
        request,
        "formulieren/bewerken.html",
        {"hulpvraag": formulier.hulpvraag, "formulier": formulier, "form": form},
    )


@require_POST
def ondertekenen_view(request: HttpRequest, referentie: str, pk: int, vraag: str) -> HttpResponse:
    """A signature is a deliberate act: the box "Ik onderteken" must be ticked."""
    gebruiker, formulier = _formulier(request, referentie, pk)
    vraagdefinitie = formulier.definitie.vraag(vraag)
    if vraagdefinitie is None or not mag_ondertekenen(gebruiker, formulier, vraagdefinitie):
        raise Http404
    if request.POST.get("bevestigd") != "ja":
        messages.error(request, _("Vink aan dat u ondertekent; er is niets ondertekend."))
    else:
        try:
            ondertekenen(formulier=formulier, vraag_code=vraag, door=gebruiker)
        except ValidationError as fout:
            messages.error(request, " ".join(fout.messages))
        except PermissionDenied as fout:
            raise Http404 from fout
        else:
            messages.success(request, _("U heeft het formulier ondertekend."))
    return redirect("formulieren:tonen", referentie=referentie, pk=formulier.pk)


@require_POST
def intrekken(request: HttpRequest, referentie: str, pk: int, ondertekening: int) -> HttpResponse:
    gebruiker, formulier = _formulier(request, referentie, pk)
    try:
        gevonden = Ondertekening.objects.get(formulier=formulier, pk=ondertekening)
        ondertekening_intrekken(ondertekening=gevonden, door=gebruiker)
    except (Ondertekening.DoesNotExist, PermissionDenied) as fout:
        raise Http404 from fout
    messages.success(request, _("Uw ondertekening is ingetrokken."))
    return redirect("formulieren:tonen", referentie=referentie, pk=formulier.pk)

"""The Hulpvragen screens: the list, Toevoegen (search the pupil), the detail with Status
wijzigen and Statushistorie (R13, R20-R22, R46, R53)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from passend.accounts.models import Gebruiker
from passend.accounts.selectors import ingelogde_gebruiker, rolcodes
from passend.audit.models import Inzage
from passend.audit.services import inzage_vastleggen
from passend.dossiers.services import schoolgegevens_bewerken as schoolgegevens_opslaan
from passend.hulpvragen.forms import (
    BehandelingForm,
    LeerlingZoekForm,
    SchoolgegevensBewerkenForm,
    StatusWijzigenForm,
)
from passend.hulpvragen.models import Hulpvraag, Label
from passend.hulpvragen.selectors import (
    aanvragers_voor_scholen,
    grondslag,
    hulpvraag_voor_detail,
    hulpvragen_voor_lijst,
    leerlingen_zoeken,
    mag_behandeling_wijzigen,
    mag_dossiers_invoeren,
    mag_schoolgegevens_bewerken,
    medewerkers_van_swv,
)
from passend.hulpvragen.services import (
    StatusIntussenGewijzigd,
    hulpvraag_behandeling_wijzigen,
    hulpvraag_status_wijzigen,
)
from passend.organisaties.models import School
from passend.processen.selectors import overgangen_voor

PER_PAGINA = 25


def _hulpvraag(request: HttpRequest, referentie: str) -> tuple[Gebruiker, Hulpvraag]:
    gebruiker = ingelogde_gebruiker(request)
    try:
        return gebruiker, hulpvraag_voor_detail(gebruiker, referentie)
    except Hulpvraag.DoesNotExist as fout:
        raise Http404 from fout


def _vastleggen(
    request: HttpRequest, gebruiker: Gebruiker, hulpvraag: Hulpvraag, actie: str, **details: object
) -> None:
    inzage_vastleggen(
        request=request,
        actie=actie,
        objecttype="hulpvraag",
        object_id=hulpvraag.referentie,
        leerling_id=hulpvraag.leerling_id,
        grondslag=grondslag(gebruiker),
        details=details,
    )


@require_GET
def lijst(request: HttpRequest) -> HttpResponse:
    """ "Hulpvragen": the user's visible hulpvragen, newest first (full search: a later issue)."""
    gebruiker = ingelogde_gebruiker(request)
    pagina = Paginator(hulpvragen_voor_lijst(gebruiker), PER_PAGINA).get_page(
        request.GET.get("pagina")
    )
    if pagina.object_list:
        inzage_vastleggen(
            request=request,
            actie=Inzage.Actie.LIJST,
            objecttype="hulpvraag",
            object_id="lijst",
            grondslag=grondslag(gebruiker),
            details={"hulpvragen": [h.referentie for h in pagina.object_list]},
        )
    return render(
        request,
        "hulpvragen/lijst.html",
        {"pagina": pagina, "kan_toevoegen": mag_dossiers_invoeren(gebruiker)},
    )


@require_GET
def toevoegen(request: HttpRequest) -> HttpResponse:
    """Toevoegen: first look the pupil up by name (R13); a known pupil goes straight on."""
    gebruiker = ingelogde_gebruiker(request)
    if not mag_dossiers_invoeren(gebruiker):
        raise Http404
    form = LeerlingZoekForm(request.GET or None)
    gevonden = None
    if form.is_valid() and form.cleaned_data["naam"]:
        gevonden = list(leerlingen_zoeken(gebruiker, form.cleaned_data["naam"])[:50])
        inzage_vastleggen(
            request=request,
            actie=Inzage.Actie.GEZOCHT,
            objecttype="leerling",
            object_id="zoeken",
            grondslag=grondslag(gebruiker),
            details={"leerlingen": [leerling.pk for leerling in gevonden]},
        )
    return render(request, "hulpvragen/toevoegen.html", {"form": form, "gevonden": gevonden})


@require_GET
def detail(request: HttpRequest, referentie: str) -> HttpResponse:
    """R53: Hulpvraagdatum, Status, Schoolgegevens, Hulpvraag, Omschrijving, Coördinator, Labels."""
    gebruiker, hulpvraag = _hulpvraag(request, referentie)
    _vastleggen(request, gebruiker, hulpvraag, Inzage.Actie.BEKEKEN)
    return render(
        request,
        "hulpvragen/detail.html",
        {
            "hulpvraag": hulpvraag,
            # The reason of the last change tells the school what to do (prefetched: no query).
            "laatste_wijziging": list(hulpvraag.statuswijzigingen.all())[-1],
            "kan_status_wijzigen": overgangen_voor(hulpvraag.status, rolcodes(gebruiker)).exists(),
            "kan_schoolgegevens_bewerken": mag_schoolgegevens_bewerken(gebruiker, hulpvraag),
            "kan_behandeling_wijzigen": mag_behandeling_wijzigen(gebruiker),
        },
    )


@require_GET
def statushistorie(request: HttpRequest, referentie: str) -> HttpResponse:
    """R22: every change: from, to, who, when, reason."""
    gebruiker, hulpvraag = _hulpvraag(request, referentie)
    _vastleggen(request, gebruiker, hulpvraag, Inzage.Actie.BEKEKEN, scherm="statushistorie")
    return render(request, "hulpvragen/statushistorie.html", {"hulpvraag": hulpvraag})


@require_http_methods(["GET", "POST"])
def status_wijzigen(request: HttpRequest, referentie: str) -> HttpResponse:
    """ "Status wijzigen": only the statuses the process allows this user, with a reason."""
    gebruiker, hulpvraag = _hulpvraag(request, referentie)
    overgangen = overgangen_voor(hulpvraag.status, rolcodes(gebruiker))
    if not overgangen.exists():
        raise Http404
    statussen = hulpvraag.status.proces.statussen.filter(pk__in=overgangen.values("naar")).order_by(
        "volgorde", "naam"
    )
    intussen_gewijzigd = None
    if request.method == "POST" and request.POST.get("huidige_status") != str(hulpvraag.status_id):
        # Another user changed the status since this form was shown: say so, offer the
        # choices from the new status, and keep the reason that was typed.
        intussen_gewijzigd = StatusIntussenGewijzigd(hulpvraag.status).message
        form = StatusWijzigenForm(
            initial={"huidige_status": hulpvraag.status_id, "reden": request.POST.get("reden")},
            statussen=statussen,
        )
    else:
        form = StatusWijzigenForm(
            request.POST if request.method == "POST" else None,
            initial={"huidige_status": hulpvraag.status_id},
            statussen=statussen,
        )
    if request.method == "POST" and form.is_bound and form.is_valid():
        try:
            wijziging = hulpvraag_status_wijzigen(
                hulpvraag=hulpvraag,
                naar=form.cleaned_data["naar"],
                door=gebruiker,
                reden=form.cleaned_data["reden"],
                verwachte_status=hulpvraag.status.proces.statussen.filter(
                    pk=form.cleaned_data["huidige_status"]
                ).first(),
            )
        except ValidationError as fout:  # also StatusIntussenGewijzigd: says what happened
            form.add_error(None, fout)
        else:
            _vastleggen(
                request,
                gebruiker,
                hulpvraag,
                Inzage.Actie.GEWIJZIGD,
                status=wijziging.naar.naam,
            )
            messages.success(
                request,
                _("De status is gewijzigd in ‘%(status)s’.") % {"status": wijziging.naar.naam},
            )
            return redirect("hulpvragen:detail", referentie=hulpvraag.referentie)
    return render(
        request,
        "hulpvragen/status_wijzigen.html",
        {"hulpvraag": hulpvraag, "form": form, "intussen_gewijzigd": intussen_gewijzigd},
    )


@require_http_methods(["GET", "POST"])
def behandeling_wijzigen(request: HttpRequest, referentie: str) -> HttpResponse:
    """R32: coördinator and labels, by SWV staff only."""
    gebruiker, hulpvraag = _hulpvraag(request, referentie)
    if not mag_behandeling_wijzigen(gebruiker):
        raise Http404
    form = BehandelingForm(
        request.POST if request.method == "POST" else None,
        initial={"coordinator": hulpvraag.coordinator_id, "labels": list(hulpvraag.labels.all())},
        medewerkers=medewerkers_van_swv(gebruiker.swv_id),
        labels=Label.objects.filter(swv=gebruiker.swv_id),
    )
    if request.method == "POST" and form.is_valid():
        try:
            hulpvraag_behandeling_wijzigen(hulpvraag=hulpvraag, door=gebruiker, **form.cleaned_data)
        except ValidationError as fout:
            form.add_error(None, fout)
        else:
            _vastleggen(request, gebruiker, hulpvraag, Inzage.Actie.GEWIJZIGD, scherm="behandeling")
            messages.success(request, _("Coördinator en labels zijn opgeslagen."))
            return redirect("hulpvragen:detail", referentie=hulpvraag.referentie)
    return render(
        request,
        "hulpvragen/hulpvraag_formulier.html",
        {"hulpvraag": hulpvraag, "form": form, "titel": _("Coördinator en labels")},
    )


@require_http_methods(["GET", "POST"])
def schoolgegevens_bewerken(request: HttpRequest, referentie: str) -> HttpResponse:
    """R46 (and R44 per hulpvraag): aanvrager, contactpersoon, e-mail and telephone."""
    gebruiker, hulpvraag = _hulpvraag(request, referentie)
    if not mag_schoolgegevens_bewerken(gebruiker, hulpvraag):
        raise Http404
    schoolgegevens = hulpvraag.schoolgegevens
    form = SchoolgegevensBewerkenForm(
        request.POST if request.method == "POST" else None,
        instance=schoolgegevens,
        aanvragers=aanvragers_voor_scholen(School.objects.filter(pk=schoolgegevens.school_id)),
    )
    if request.method == "POST" and form.is_valid():
        # The ModelForm has already put the new values on the instance; the service saves them.
        schoolgegevens_opslaan(
            schoolgegevens=schoolgegevens,
            aanvrager=form.cleaned_data["aanvrager"],
            contactpersoon=form.cleaned_data["contactpersoon"],
            email=form.cleaned_data["email"],
            telefoon=form.cleaned_data["telefoon"],
        )
        _vastleggen(request, gebruiker, hulpvraag, Inzage.Actie.GEWIJZIGD, scherm="schoolgegevens")
        messages.success(request, _("De schoolgegevens zijn opgeslagen."))
        return redirect("hulpvragen:detail", referentie=hulpvraag.referentie)
    return render(
        request,
        "hulpvragen/hulpvraag_formulier.html",
        {"hulpvraag": hulpvraag, "form": form, "titel": _("Schoolgegevens bewerken")},
    )

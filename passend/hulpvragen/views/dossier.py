"""The dossier screens of the manual's direct-entry chapter: Toevoegen (search the pupil, R13),
Nieuw dossier, and the tabs Basisgegevens (with Adres toevoegen), Schoolgegevens and Hulpvraag.
They live here, not in dossiers, because a dossier's visibility follows its hulpvragen.

Every page that shows the pupil logs the read (P2); every change is logged by its service."""

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from passend.accounts.models import Gebruiker
from passend.accounts.rechten import eigen_scholen, rolfeiten
from passend.accounts.selectors import ingelogde_gebruiker
from passend.audit import gebeurtenissen
from passend.dossiers.models import Leerling, Schoolgegevens
from passend.dossiers.rechten import (
    mag_contactgegevens_zien,
    mag_dossier_aanmaken,
    mag_dossier_wijzigen,
)
from passend.dossiers.selectors import (
    aanvragers_voor_scholen,
    leerling_voor,
    leerlingen_zoeken,
    scholen_voor_schoolgegevens,
    schoolgegevens_van,
    schoolgegevens_voor_hulpvraag,
)
from passend.dossiers.services import (
    MogelijkDubbeleLeerling,
    adres_toevoegen,
    adres_wijzigen,
    leerling_aanmaken,
    leerling_wijzigen,
    schoolgegevens_toevoegen,
)
from passend.hulpvragen.forms import (
    AdresForm,
    BasisgegevensForm,
    HulpvraagForm,
    LeerlingZoekForm,
    SchoolgegevensForm,
)
from passend.hulpvragen.onderdelen import dossierkop, knoppen
from passend.hulpvragen.selectors import hulpvragen_van_leerling
from passend.hulpvragen.services import NaamInOmschrijving, hulpvraag_aanmaken
from passend.processen.selectors import titels_voor_school


def _leerling(request: HttpRequest, pk: int) -> tuple[Gebruiker, Leerling]:
    gebruiker = ingelogde_gebruiker(request)
    try:
        return gebruiker, leerling_voor(gebruiker, pk)
    except Leerling.DoesNotExist as fout:
        raise Http404 from fout


def _schrijfbaar(request: HttpRequest, pk: int) -> tuple[Gebruiker, Leerling]:
    """A dossier form: only for who may change the dossier; a 404 otherwise."""
    gebruiker, leerling = _leerling(request, pk)
    if not mag_dossier_wijzigen(gebruiker, leerling):
        raise Http404
    return gebruiker, leerling


def _tonen(
    request: HttpRequest,
    gebruiker: Gebruiker,
    leerling: Leerling,
    sjabloon: str,
    context: dict[str, Any],
    **details: str,
) -> HttpResponse:
    """Renders a page of the dossier and logs that it was seen (P2)."""
    gebeurtenissen.leerling_bekeken(leerling, door=gebruiker, **details)
    return render(
        request, sjabloon, {"leerling": leerling, **dossierkop(gebruiker, leerling), **context}
    )


def _opslaan_en_terug(
    request: HttpRequest,
    leerling: Leerling,
    form: forms.BaseForm,
    opslaan: Callable[[dict[str, Any]], object],
    *,
    melding: str,
    terug: str = "hulpvragen:dossier",
) -> HttpResponse | None:
    """Saves a valid dossier form through a service (which checks the right and logs the
    change) and goes back to the tab. None while there is nothing to save yet, or when the
    service refused: the form then shows why, beside the fields, with everything typed kept."""
    if request.method != "POST" or not form.is_valid():
        return None
    try:
        opslaan(form.cleaned_data)
    except ValidationError as fout:
        form.add_error(None, fout)
        return None
    except PermissionDenied as fout:
        raise Http404 from fout
    messages.success(request, melding)
    return redirect(terug, pk=leerling.pk)


@require_GET
def toevoegen(request: HttpRequest) -> HttpResponse:
    """Toevoegen: first look the pupil up by name (R13); a known pupil goes straight on."""
    gebruiker = ingelogde_gebruiker(request)
    if not mag_dossier_aanmaken(gebruiker):
        raise Http404
    form = LeerlingZoekForm(request.GET or None)
    gevonden = None
    if form.is_valid() and form.cleaned_data["naam"]:
        gevonden = list(leerlingen_zoeken(gebruiker, form.cleaned_data["naam"])[:50])
        gebeurtenissen.leerlingen_gezocht(gevonden, door=gebruiker)
    return render(request, "hulpvragen/toevoegen.html", {"form": form, "gevonden": gevonden})


@require_http_methods(["GET", "POST"])
def dossier_nieuw(request: HttpRequest) -> HttpResponse:
    """Nieuw dossier, tab Basisgegevens (R13, R14), with a warning on a probable duplicate."""
    gebruiker = ingelogde_gebruiker(request)
    if not mag_dossier_aanmaken(gebruiker):
        raise Http404
    form = BasisgegevensForm(request.POST if request.method == "POST" else None)
    dubbele: list[Leerling] = []
    if request.method == "POST" and form.is_valid():
        try:
            leerling = leerling_aanmaken(door=gebruiker, **form.cleaned_data)
        except MogelijkDubbeleLeerling as fout:
            dubbele = fout.dubbele  # the warning above the form names them
        except ValidationError as fout:
            form.add_error(None, fout)
        else:
            messages.success(request, _("Het dossier is opgeslagen."))
            return redirect("hulpvragen:dossier", pk=leerling.pk)
    return render(request, "hulpvragen/dossier_nieuw.html", {"form": form, "dubbele": dubbele})


@require_GET
def dossier(request: HttpRequest, pk: int) -> HttpResponse:
    gebruiker, leerling = _leerling(request, pk)
    contactgegevens = mag_contactgegevens_zien(gebruiker, leerling)
    return _tonen(
        request,
        gebruiker,
        leerling,
        "hulpvragen/dossier_basisgegevens.html",
        {
            "adressen": leerling.adressen.all() if contactgegevens else [],
            "toon_contactgegevens": contactgegevens,
            "tab": "basisgegevens",
            "kan_wijzigen": mag_dossier_wijzigen(gebruiker, leerling),
        },
        tab="basisgegevens",
    )


@require_http_methods(["GET", "POST"])
def adres_nieuw(request: HttpRequest, pk: int) -> HttpResponse:
    gebruiker, leerling = _schrijfbaar(request, pk)
    form = AdresForm(request.POST if request.method == "POST" else None)
    opgeslagen = _opslaan_en_terug(
        request,
        leerling,
        form,
        lambda gegevens: adres_toevoegen(leerling=leerling, door=gebruiker, **gegevens),
        melding=_("Het adres is opgeslagen."),
    )
    return opgeslagen or _adresformulier(request, gebruiker, leerling, form)


@require_http_methods(["GET", "POST"])
def basisgegevens_wijzigen(request: HttpRequest, pk: int) -> HttpResponse:
    gebruiker, leerling = _schrijfbaar(request, pk)
    form = BasisgegevensForm(request.POST if request.method == "POST" else None, instance=leerling)
    del form.fields["toch_nieuw_dossier"]
    opgeslagen = _opslaan_en_terug(
        request,
        leerling,
        form,
        lambda gegevens: leerling_wijzigen(leerling=leerling, door=gebruiker, **gegevens),
        melding=_("De basisgegevens zijn opgeslagen."),
    )
    return opgeslagen or _tonen(
        request,
        gebruiker,
        leerling,
        "hulpvragen/dossier_formulier.html",
        {"form": form, "tab": "basisgegevens", "titel": _("Basisgegevens")},
        scherm="basisgegevens_wijzigen",
    )


@require_http_methods(["GET", "POST"])
def adres_bewerken(request: HttpRequest, pk: int, adres_pk: int) -> HttpResponse:
    gebruiker, leerling = _schrijfbaar(request, pk)
    adres = get_object_or_404(leerling.adressen, pk=adres_pk)
    form = AdresForm(request.POST if request.method == "POST" else None, instance=adres)
    opgeslagen = _opslaan_en_terug(
        request,
        leerling,
        form,
        lambda gegevens: adres_wijzigen(adres=adres, door=gebruiker, **gegevens),
        melding=_("Het adres is opgeslagen."),
    )
    return opgeslagen or _adresformulier(request, gebruiker, leerling, form)


def _adresformulier(
    request: HttpRequest, gebruiker: Gebruiker, leerling: Leerling, form: AdresForm
) -> HttpResponse:
    return _tonen(
        request,
        gebruiker,
        leerling,
        "hulpvragen/dossier_formulier.html",
        {
            "form": form,
            "tab": "basisgegevens",
            "titel": _("Adres"),
            "uitleg": _(
                "Is er een afwijkend postadres, of bijvoorbeeld een voogd? Voeg dan meerdere "
                "adressen toe en vermeld bij Opmerkingen van wie het adres is."
            ),
        },
        scherm="adres",
    )


@require_GET
def dossier_schoolgegevens(request: HttpRequest, pk: int) -> HttpResponse:
    gebruiker, leerling = _leerling(request, pk)
    return _tonen(
        request,
        gebruiker,
        leerling,
        "hulpvragen/dossier_schoolgegevens.html",
        {
            "schoolgegevens": schoolgegevens_van(gebruiker, leerling),
            "tab": "schoolgegevens",
            "kan_toevoegen": mag_dossier_wijzigen(gebruiker, leerling),
        },
        tab="schoolgegevens",
    )


@require_http_methods(["GET", "POST"])
def schoolgegevens_nieuw(request: HttpRequest, pk: int) -> HttpResponse:
    """R15: "Nieuwe schoolgegevens toevoegen", the school found by typing a few letters."""
    gebruiker, leerling = _schrijfbaar(request, pk)
    scholen = scholen_voor_schoolgegevens(gebruiker).select_related("regio")
    initial: dict[str, object] = {}
    if rolfeiten(gebruiker).werkt_voor_school:
        initial = {
            "aanvrager": gebruiker.pk,
            "contactpersoon": gebruiker.volledige_naam,
            "email": gebruiker.email,
        }
        eigen = [school for school in eigen_scholen(gebruiker) if not school.opgegaan()]
        if len(eigen) == 1:
            initial["school"] = str(eigen[0])
    form = SchoolgegevensForm(
        request.POST if request.method == "POST" else None,
        initial=initial,
        scholen=scholen,
        aanvragers=aanvragers_voor_scholen(scholen),
    )
    opgeslagen = _opslaan_en_terug(
        request,
        leerling,
        form,
        lambda gegevens: schoolgegevens_toevoegen(leerling=leerling, door=gebruiker, **gegevens),
        melding=_("De schoolgegevens zijn opgeslagen."),
        terug="hulpvragen:dossier_schoolgegevens",
    )
    return opgeslagen or _tonen(
        request,
        gebruiker,
        leerling,
        "hulpvragen/schoolgegevens_nieuw.html",
        {"form": form, "scholen": scholen, "tab": "schoolgegevens"},
        scherm="schoolgegevens_nieuw",
    )


@require_GET
def dossier_hulpvragen(request: HttpRequest, pk: int) -> HttpResponse:
    gebruiker, leerling = _leerling(request, pk)
    return _tonen(
        request,
        gebruiker,
        leerling,
        "hulpvragen/dossier_hulpvragen.html",
        {
            "hulpvragen": [
                (hulpvraag, knoppen(gebruiker, hulpvraag))
                for hulpvraag in hulpvragen_van_leerling(gebruiker, leerling)
            ],
            "kan_toevoegen": schoolgegevens_voor_hulpvraag(gebruiker, leerling).exists(),
            "kan_wijzigen": mag_dossier_wijzigen(gebruiker, leerling),
            "tab": "hulpvraag",
        },
        tab="hulpvraag",
    )


@require_http_methods(["GET", "POST"])
def hulpvraag_nieuw(request: HttpRequest, pk: int) -> HttpResponse:
    """R16: "Nieuwe hulpvraag toevoegen", Titel from the list the school's region allows."""
    gebruiker, leerling = _leerling(request, pk)
    keuzes = schoolgegevens_voor_hulpvraag(gebruiker, leerling).select_related("school__regio")
    if not keuzes.exists():
        if not mag_dossier_wijzigen(gebruiker, leerling):
            raise Http404
        messages.info(request, _("Voeg eerst de schoolgegevens van de leerling toe."))
        return redirect("hulpvragen:dossier_schoolgegevens", pk=leerling.pk)
    titels = {
        titel.pk: titel
        for schoolgegevens in _een_per_school(keuzes)
        for titel in titels_voor_school(schoolgegevens.school)
    }
    form = HulpvraagForm(
        request.POST if request.method == "POST" else None,
        initial={"schoolgegevens": keuzes.first(), "hulpvraagdatum": timezone.localdate()},
        schoolgegevens=keuzes,
        titels=sorted(titels.values(), key=lambda titel: (titel.volgorde, titel.naam)),
    )
    naam_waarschuwing = False
    if request.method == "POST" and form.is_valid():
        try:
            hulpvraag = hulpvraag_aanmaken(leerling=leerling, door=gebruiker, **form.cleaned_data)
        except NaamInOmschrijving:
            naam_waarschuwing = True  # the warning above the form asks to confirm
        except ValidationError as fout:
            form.add_error(None, fout)
        except PermissionDenied as fout:
            raise Http404 from fout
        else:
            messages.success(
                request,
                _("De hulpvraag is opgeslagen met status ‘%(status)s’.")
                % {"status": hulpvraag.status.naam},
            )
            return redirect("hulpvragen:detail", referentie=hulpvraag.referentie)
    return _tonen(
        request,
        gebruiker,
        leerling,
        "hulpvragen/hulpvraag_nieuw.html",
        {
            "form": form,
            "naam_waarschuwing": naam_waarschuwing,
            "meerdere_schoolgegevens": keuzes.count() > 1,
            "tab": "hulpvraag",
        },
        scherm="hulpvraag_nieuw",
    )


def _een_per_school(keuzes: QuerySet[Schoolgegevens]) -> list[Schoolgegevens]:
    per_school: dict[int, Schoolgegevens] = {}
    for schoolgegevens in keuzes:
        per_school.setdefault(schoolgegevens.school_id, schoolgegevens)
    return list(per_school.values())

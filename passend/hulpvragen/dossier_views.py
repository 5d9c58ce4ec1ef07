"""The dossier screens of the manual's direct-entry chapter: Nieuw dossier, and the tabs
Basisgegevens (with Adres toevoegen), Schoolgegevens and Hulpvraag."""

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from passend.accounts.models import Gebruiker
from passend.accounts.selectors import ingelogde_gebruiker
from passend.audit.models import Inzage
from passend.audit.services import inzage_vastleggen
from passend.dossiers.models import Leerling, Schoolgegevens
from passend.dossiers.services import (
    adres_toevoegen,
    adres_wijzigen,
    leerling_aanmaken,
    leerling_wijzigen,
    schoolgegevens_toevoegen,
)
from passend.hulpvragen.forms import AdresForm, BasisgegevensForm, HulpvraagForm, SchoolgegevensForm
from passend.hulpvragen.selectors import (
    aanvragers_voor_scholen,
    grondslag,
    hulpvragen_zichtbaar_voor,
    leerlingen_zichtbaar_voor,
    mag_dossiers_invoeren,
    mogelijke_dubbele_leerlingen,
    scholen_voor_schoolgegevens,
    schoolgegevens_voor_hulpvraag,
    werkt_voor_school,
)
from passend.hulpvragen.services import hulpvraag_aanmaken, omschrijving_noemt_leerling
from passend.processen.selectors import titels_voor_school


def _leerling(request: HttpRequest, pk: int) -> tuple[Gebruiker, Leerling]:
    gebruiker = ingelogde_gebruiker(request)
    leerling = get_object_or_404(leerlingen_zichtbaar_voor(gebruiker), pk=pk)
    return gebruiker, leerling


def _vastleggen(
    request: HttpRequest, gebruiker: Gebruiker, leerling: Leerling, actie: str, **details: str
) -> None:
    """The access-log row for a view or change of this pupil's dossier (P2)."""
    inzage_vastleggen(
        request=request,
        actie=actie,
        objecttype="leerling",
        object_id=leerling.pk,
        leerling_id=leerling.pk,
        grondslag=grondslag(gebruiker),
        details=details,
    )


def _opslaan_en_terug(
    request: HttpRequest,
    gebruiker: Gebruiker,
    leerling: Leerling,
    form: forms.BaseForm,
    opslaan: Callable[[dict[str, Any]], object],
    *,
    melding: str,
    terug: str = "hulpvragen:dossier",
    **details: str,
) -> HttpResponse | None:
    """Saves a valid dossier form through a service, logs the change and goes back to the tab.

    None while there is nothing to save yet, or the service refused: the form then shows why,
    beside the fields, with everything typed still in it.
    """
    if request.method != "POST" or not form.is_valid():
        return None
    try:
        opslaan(form.cleaned_data)
    except ValidationError as fout:
        form.add_error(None, fout)
        return None
    _vastleggen(request, gebruiker, leerling, Inzage.Actie.GEWIJZIGD, **details)
    messages.success(request, melding)
    return redirect(terug, pk=leerling.pk)


@require_http_methods(["GET", "POST"])
def dossier_nieuw(request: HttpRequest) -> HttpResponse:
    """Nieuw dossier, tab Basisgegevens (R13, R14), with a warning on a probable duplicate."""
    gebruiker = ingelogde_gebruiker(request)
    if not mag_dossiers_invoeren(gebruiker):
        raise Http404
    form = BasisgegevensForm(request.POST if request.method == "POST" else None)
    dubbele: QuerySet[Leerling] | None = None
    if request.method == "POST" and form.is_valid():
        gegevens = {k: v for k, v in form.cleaned_data.items() if k != "toch_nieuw_dossier"}
        dubbele = mogelijke_dubbele_leerlingen(
            gebruiker,
            roepnaam=gegevens["roepnaam"],
            achternaam=gegevens["achternaam"],
            geboortedatum=gegevens["geboortedatum"],
        )
        if not dubbele.exists() or form.cleaned_data["toch_nieuw_dossier"]:
            try:
                leerling = leerling_aanmaken(door=gebruiker, **gegevens)
            except ValidationError as fout:
                form.add_error(None, fout)
            else:
                _vastleggen(request, gebruiker, leerling, Inzage.Actie.AANGEMAAKT)
                messages.success(request, _("Het dossier is opgeslagen."))
                return redirect("hulpvragen:dossier", pk=leerling.pk)
    return render(
        request,
        "hulpvragen/dossier_nieuw.html",
        {"form": form, "dubbele": dubbele if dubbele is not None and dubbele.exists() else None},
    )


@require_GET
def dossier(request: HttpRequest, pk: int) -> HttpResponse:
    gebruiker, leerling = _leerling(request, pk)
    _vastleggen(request, gebruiker, leerling, Inzage.Actie.BEKEKEN, tab="basisgegevens")
    return render(
        request,
        "hulpvragen/dossier_basisgegevens.html",
        {"leerling": leerling, "adressen": leerling.adressen.all(), "tab": "basisgegevens"},
    )


@require_http_methods(["GET", "POST"])
def adres_nieuw(request: HttpRequest, pk: int) -> HttpResponse:
    gebruiker, leerling = _leerling(request, pk)
    form = AdresForm(request.POST if request.method == "POST" else None)
    opgeslagen = _opslaan_en_terug(
        request,
        gebruiker,
        leerling,
        form,
        lambda gegevens: adres_toevoegen(leerling=leerling, **gegevens),
        melding=_("Het adres is opgeslagen."),
        adres="toegevoegd",
    )
    return opgeslagen or _adresformulier(request, leerling, form)


@require_http_methods(["GET", "POST"])
def basisgegevens_wijzigen(request: HttpRequest, pk: int) -> HttpResponse:
    gebruiker, leerling = _leerling(request, pk)
    form = BasisgegevensForm(request.POST if request.method == "POST" else None, instance=leerling)
    del form.fields["toch_nieuw_dossier"]
    opgeslagen = _opslaan_en_terug(
        request,
        gebruiker,
        leerling,
        form,
        lambda gegevens: leerling_wijzigen(leerling=leerling, **gegevens),
        melding=_("De basisgegevens zijn opgeslagen."),
        tab="basisgegevens",
    )
    return opgeslagen or render(
        request,
        "hulpvragen/dossier_formulier.html",
        {"leerling": leerling, "form": form, "tab": "basisgegevens", "titel": _("Basisgegevens")},
    )


@require_http_methods(["GET", "POST"])
def adres_bewerken(request: HttpRequest, pk: int, adres_pk: int) -> HttpResponse:
    gebruiker, leerling = _leerling(request, pk)
    adres = get_object_or_404(leerling.adressen, pk=adres_pk)
    form = AdresForm(request.POST if request.method == "POST" else None, instance=adres)
    opgeslagen = _opslaan_en_terug(
        request,
        gebruiker,
        leerling,
        form,
        lambda gegevens: adres_wijzigen(adres=adres, **gegevens),
        melding=_("Het adres is opgeslagen."),
        adres="gewijzigd",
    )
    return opgeslagen or _adresformulier(request, leerling, form)


def _adresformulier(request: HttpRequest, leerling: Leerling, form: AdresForm) -> HttpResponse:
    return render(
        request,
        "hulpvragen/dossier_formulier.html",
        {
            "leerling": leerling,
            "form": form,
            "tab": "basisgegevens",
            "titel": _("Adres"),
            "uitleg": _(
                "Is er een afwijkend postadres, of bijvoorbeeld een voogd? Voeg dan meerdere "
                "adressen toe en vermeld bij Opmerkingen van wie het adres is."
            ),
        },
    )


@require_GET
def dossier_schoolgegevens(request: HttpRequest, pk: int) -> HttpResponse:
    gebruiker, leerling = _leerling(request, pk)
    _vastleggen(request, gebruiker, leerling, Inzage.Actie.BEKEKEN, tab="schoolgegevens")
    return render(
        request,
        "hulpvragen/dossier_schoolgegevens.html",
        {
            "leerling": leerling,
            "schoolgegevens": leerling.schoolgegevens.select_related("school", "aanvrager"),
            "tab": "schoolgegevens",
        },
    )


@require_http_methods(["GET", "POST"])
def schoolgegevens_nieuw(request: HttpRequest, pk: int) -> HttpResponse:
    """R15: "Nieuwe schoolgegevens toevoegen", the school found by typing a few letters."""
    gebruiker, leerling = _leerling(request, pk)
    scholen = scholen_voor_schoolgegevens(gebruiker).select_related("regio")
    eigen_scholen = list(gebruiker.scholen.all())
    initial: dict[str, object] = {}
    if werkt_voor_school(gebruiker):
        initial = {
            "aanvrager": gebruiker.pk,
            "contactpersoon": gebruiker.volledige_naam,
            "email": gebruiker.email,
        }
        if len(eigen_scholen) == 1:
            initial["school"] = str(eigen_scholen[0])
    form = SchoolgegevensForm(
        request.POST if request.method == "POST" else None,
        initial=initial,
        scholen=scholen,
        aanvragers=aanvragers_voor_scholen(scholen),
    )
    opgeslagen = _opslaan_en_terug(
        request,
        gebruiker,
        leerling,
        form,
        lambda gegevens: schoolgegevens_toevoegen(leerling=leerling, **gegevens),
        melding=_("De schoolgegevens zijn opgeslagen."),
        terug="hulpvragen:dossier_schoolgegevens",
        schoolgegevens="toegevoegd",
    )
    return opgeslagen or render(
        request,
        "hulpvragen/schoolgegevens_nieuw.html",
        {"leerling": leerling, "form": form, "scholen": scholen, "tab": "schoolgegevens"},
    )


@require_GET
def dossier_hulpvragen(request: HttpRequest, pk: int) -> HttpResponse:
    gebruiker, leerling = _leerling(request, pk)
    _vastleggen(request, gebruiker, leerling, Inzage.Actie.BEKEKEN, tab="hulpvraag")
    hulpvragen = (
        hulpvragen_zichtbaar_voor(gebruiker)
        .filter(leerling=leerling)
        .select_related("titel", "status", "schoolgegevens__school")
    )
    return render(
        request,
        "hulpvragen/dossier_hulpvragen.html",
        {
            "leerling": leerling,
            "hulpvragen": hulpvragen,
            "kan_toevoegen": schoolgegevens_voor_hulpvraag(gebruiker, leerling).exists(),
            "tab": "hulpvraag",
        },
    )


@require_http_methods(["GET", "POST"])
def hulpvraag_nieuw(request: HttpRequest, pk: int) -> HttpResponse:
    """R16: "Nieuwe hulpvraag toevoegen", Titel from the list the school's region allows."""
    gebruiker, leerling = _leerling(request, pk)
    keuzes = schoolgegevens_voor_hulpvraag(gebruiker, leerling).select_related("school__regio")
    if not keuzes.exists():
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
        gegevens = form.cleaned_data
        naam_waarschuwing = omschrijving_noemt_leerling(leerling, gegevens["omschrijving"]) and (
            not gegevens["naam_toch_opslaan"]
        )
        if not naam_waarschuwing:
            try:
                hulpvraag = hulpvraag_aanmaken(
                    leerling=leerling,
                    schoolgegevens=gegevens["schoolgegevens"],
                    titel=gegevens["titel"],
                    omschrijving=gegevens["omschrijving"],
                    hulpvraagdatum=gegevens["hulpvraagdatum"],
                    door=gebruiker,
                )
            except ValidationError as fout:
                form.add_error(None, fout)
            else:
                inzage_vastleggen(
                    request=request,
                    actie=Inzage.Actie.AANGEMAAKT,
                    objecttype="hulpvraag",
                    object_id=hulpvraag.referentie,
                    leerling_id=leerling.pk,
                    grondslag=grondslag(gebruiker),
                )
                messages.success(
                    request,
                    _("De hulpvraag is opgeslagen met status ‘%(status)s’.")
                    % {"status": hulpvraag.status.naam},
                )
                return redirect("hulpvragen:detail", referentie=hulpvraag.referentie)
    return render(
        request,
        "hulpvragen/hulpvraag_nieuw.html",
        {
            "leerling": leerling,
            "form": form,
            "naam_waarschuwing": naam_waarschuwing,
            "meerdere_schoolgegevens": keuzes.count() > 1,
            "tab": "hulpvraag",
        },
    )


def _een_per_school(keuzes: QuerySet[Schoolgegevens]) -> list[Schoolgegevens]:
    per_school: dict[int, Schoolgegevens] = {}
    for schoolgegevens in keuzes:
        per_school.setdefault(schoolgegevens.school_id, schoolgegevens)
    return list(per_school.values())

"""SWV-beheer screens for the SWV's simple configuration (issue 16 item 1): labels, document
types, schoolcontactpersonen and the settings for attachments and overlegrondes, in the app's
own look instead of the Django admin. One list, form and remove page serve every kind; a kind
is a line in SOORTEN. Rights and the beheerlog are in `instellingen` (the service)."""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.db import models
from django.db.models.deletion import ProtectedError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods
from django_stubs_ext import StrOrPromise

from passend.accounts.models import Gebruiker, Schoolcontactpersoon
from passend.bijlagen.models import Bijlageinstellingen, Documenttype
from passend.hulpvragen.models import Label
from passend.overlegrondes.models import Overlegrondeinstellingen
from passend.swvbeheer import instellingen
from passend.swvbeheer.forms_instellingen import (
    BijlageinstellingenForm,
    DocumenttypeForm,
    InstellingForm,
    LabelForm,
    OverlegrondeinstellingenForm,
    SchoolcontactpersoonForm,
)
from passend.swvbeheer.views import _beheerder


def _ja_nee(waarde: bool) -> str:
    return _("ja") if waarde else _("nee")


@dataclass(frozen=True)
class Soort:
    """One kind of configuration row and how its screens show it."""

    model: type[models.Model]
    form: type[InstellingForm]
    objecttype: str  # in the beheerlog
    titel: StrOrPromise
    nieuw: StrOrPromise  # the button and the heading of the new-row form
    uitleg: StrOrPromise
    kolommen: tuple[tuple[StrOrPromise, Callable[[Any], object]], ...] = ()
    swv_pad: str = "swv"
    samen_lezen: tuple[str, ...] = ()  # select_related for the list's columns
    verwijderen: bool = False
    enkel: bool = False  # one row per SWV: the list is the form

    def rijen(self, door: Gebruiker) -> models.QuerySet[Any]:
        return self.model._default_manager.filter(**{self.swv_pad: door.swv_id})


SOORTEN: dict[str, Soort] = {
    "labels": Soort(
        model=Label,
        form=LabelForm,
        objecttype="label",
        titel=gettext_lazy("Labels"),
        nieuw=gettext_lazy("Nieuw label"),
        uitleg=gettext_lazy(
            "Labels die medewerkers van het samenwerkingsverband aan een hulpvraag hangen om "
            "hun werk te ordenen (R31). Een label verwijderen haalt het van alle hulpvragen af."
        ),
        kolommen=((gettext_lazy("Naam"), lambda rij: rij.naam),),
        verwijderen=True,
    ),
    "documenttypen": Soort(
        model=Documenttype,
        form=DocumenttypeForm,
        objecttype="documenttype",
        titel=gettext_lazy("Soorten documenten"),
        nieuw=gettext_lazy("Nieuwe soort document"),
        uitleg=gettext_lazy(
            "Waaruit wie een bijlage toevoegt kiest (OPP, deskundigenadvies, ...); een overgang "
            "kan een soort eisen. Een soort die bijlagen heeft, zet u op niet actief in plaats "
            "van hem te verwijderen."
        ),
        kolommen=(
            (gettext_lazy("Naam"), lambda rij: rij.naam),
            (gettext_lazy("Code"), lambda rij: rij.code),
            (gettext_lazy("Volgorde"), lambda rij: rij.volgorde),
            (gettext_lazy("Actief"), lambda rij: _ja_nee(rij.actief)),
        ),
    ),
    "schoolcontactpersonen": Soort(
        model=Schoolcontactpersoon,
        form=SchoolcontactpersoonForm,
        objecttype="schoolcontactpersoon",
        titel=gettext_lazy("Schoolcontactpersonen"),
        nieuw=gettext_lazy("Nieuwe schoolcontactpersoon"),
        uitleg=gettext_lazy(
            "Per school de schoolcontactpersoon (SCP) van het samenwerkingsverband: het eerste "
            "aanspreekpunt en standaard de coördinator van de hulpvragen van de school (R32)."
        ),
        kolommen=(
            (gettext_lazy("School"), lambda rij: rij.school.naam),
            (gettext_lazy("Schoolcontactpersoon"), lambda rij: rij.gebruiker.volledige_naam),
        ),
        swv_pad="school__swv",
        samen_lezen=("school", "gebruiker"),
        verwijderen=True,
    ),
    "bijlagen": Soort(
        model=Bijlageinstellingen,
        form=BijlageinstellingenForm,
        objecttype="bijlageinstellingen",
        titel=gettext_lazy("Instellingen voor bijlagen"),
        nieuw="",
        uitleg=gettext_lazy("Hoe groot een bijlage mag zijn (R3)."),
        enkel=True,
    ),
    "overlegrondes": Soort(
        model=Overlegrondeinstellingen,
        form=OverlegrondeinstellingenForm,
        objecttype="overlegrondeinstellingen",
        titel=gettext_lazy("Instellingen voor overlegrondes"),
        nieuw="",
        uitleg=gettext_lazy(
            "Na hoeveel dagen zonder lopende overlegronde het account van een externe "
            "deelnemer wordt uitgezet."
        ),
        enkel=True,
    ),
}


def _soort(code: str) -> Soort:
    if code not in SOORTEN:
        raise Http404
    return SOORTEN[code]


def _rij(soort: Soort, door: Gebruiker, pk: int) -> Any:
    rij = soort.rijen(door).filter(pk=pk).first()
    if rij is None:
        raise Http404
    return rij


def _formulier(
    request: HttpRequest, soort: Soort, soortcode: str, door: Gebruiker, rij: Any
) -> HttpResponse:
    """The form of one row (new or existing); saved through the service on a valid POST."""
    gegevens = request.POST if request.method == "POST" else None
    form = soort.form(gegevens, instance=rij, swv_id=door.swv_id)
    if request.method == "POST" and form.is_valid():
        instellingen.instelling_opslaan(door=door, form=form, objecttype=soort.objecttype)
        messages.success(request, _("De wijziging is opgeslagen."))
        if soort.enkel:
            return redirect("swvbeheer:instelling_enkel", soort=soortcode)
        return redirect("swvbeheer:instellingen", soort=soortcode)
    return render(
        request,
        "swvbeheer/instellingen/formulier.html",
        {"soort": soort, "soortcode": soortcode, "rij": rij, "form": form},
    )


@require_http_methods(["GET"])
def lijst(request: HttpRequest, soort: str) -> HttpResponse:
    door = _beheerder(request)
    gekozen = _soort(soort)
    if gekozen.enkel:
        raise Http404
    rijen = gekozen.rijen(door).select_related(*gekozen.samen_lezen)
    return render(
        request,
        "swvbeheer/instellingen/lijst.html",
        {
            "soort": gekozen,
            "soortcode": soort,
            "koppen": [kop for kop, _waarde in gekozen.kolommen],
            "rijen": [(rij, [waarde(rij) for _kop, waarde in gekozen.kolommen]) for rij in rijen],
        },
    )


@require_http_methods(["GET", "POST"])
def nieuw(request: HttpRequest, soort: str) -> HttpResponse:
    door = _beheerder(request)
    gekozen = _soort(soort)
    if gekozen.enkel:
        raise Http404
    return _formulier(request, gekozen, soort, door, gekozen.model())


@require_http_methods(["GET", "POST"])
def wijzigen(request: HttpRequest, soort: str, pk: int) -> HttpResponse:
    door = _beheerder(request)
    gekozen = _soort(soort)
    if gekozen.enkel:
        raise Http404
    return _formulier(request, gekozen, soort, door, _rij(gekozen, door, pk))


@require_http_methods(["GET", "POST"])
def enkel(request: HttpRequest, soort: str) -> HttpResponse:
    """The SWV's one settings row; an SWV without one has the defaults, saved on first change."""
    door = _beheerder(request)
    gekozen = _soort(soort)
    if not gekozen.enkel:
        raise Http404
    rij = gekozen.rijen(door).first() or gekozen.model(swv_id=door.swv_id)
    return _formulier(request, gekozen, soort, door, rij)


@require_http_methods(["POST"])
def verwijderen(request: HttpRequest, soort: str, pk: int) -> HttpResponse:
    door = _beheerder(request)
    gekozen = _soort(soort)
    if not gekozen.verwijderen:
        raise Http404
    rij = _rij(gekozen, door, pk)
    naam = str(rij)
    try:
        instellingen.instelling_verwijderen(
            door=door,
            rij=rij,
            objecttype=gekozen.objecttype,
            velden=list(gekozen.form._meta.fields or ()),
        )
    except ProtectedError:
        messages.error(request, _("‘%(naam)s’ is in gebruik en blijft bestaan.") % {"naam": naam})
        return redirect("swvbeheer:instelling", soort=soort, pk=pk)
    messages.success(request, _("‘%(naam)s’ is verwijderd.") % {"naam": naam})
    return redirect("swvbeheer:instellingen", soort=soort)

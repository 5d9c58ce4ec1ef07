"""Retention's screens (B9) in SWV-beheer's look: the terms, the dry-run report ("Wat gaat er
bij de volgende ronde weg") with its review, and legal holds. For the SWV's application
administrator alone; anyone else, and any pupil of another SWV, gets a 404."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from passend.accounts.models import Gebruiker
from passend.accounts.selectors import ingelogde_gebruiker
from passend.audit import gebeurtenissen
from passend.bewaren import services
from passend.bewaren.forms import BewaarplichtForm, LeerlingZoekForm, TermijnenForm
from passend.bewaren.models import Soort
from passend.bewaren.rechten import mag_bewaren_beheren
from passend.bewaren.selectors import (
    bewaarinstellingen,
    bewaarplichten_van_swv,
    laatste_proefronde,
    leerling_voor_bewaarplicht,
    termijnen,
    verlopen,
)
from passend.core.forms import fouten_naar_form
from passend.dossiers.models import Leerling
from passend.dossiers.selectors import leerlingen_zoeken


def _beheerder(request: HttpRequest) -> Gebruiker:
    gebruiker = ingelogde_gebruiker(request)
    if not mag_bewaren_beheren(gebruiker):
        raise Http404
    return gebruiker


def _leerling(door: Gebruiker, pk: int) -> Leerling:
    leerling = leerling_voor_bewaarplicht(door, pk)
    if leerling is None:
        raise Http404
    return leerling


@require_http_methods(["GET", "POST"])
def index(request: HttpRequest) -> HttpResponse:
    """The SWV's terms per kind and the review setting."""
    door = _beheerder(request)
    huidige = termijnen(door.swv)
    instellingen = bewaarinstellingen(door.swv)
    form = TermijnenForm(
        request.POST if request.method == "POST" else None,
        termijnen=huidige,
        initial={"alleen_na_beoordeelde_proefronde": instellingen.alleen_na_beoordeelde_proefronde},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.bewaartermijnen_wijzigen(
                door=door,
                termijnen_per_soort=form.termijnen_per_soort(),
                alleen_na_beoordeelde_proefronde=form.cleaned_data[
                    "alleen_na_beoordeelde_proefronde"
                ],
            )
        except ValidationError as fout:
            fouten_naar_form(form, fout)
        else:
            messages.success(request, _("De bewaartermijnen zijn opgeslagen."))
            return redirect("bewaren:index")
    return render(request, "bewaren/index.html", {"form": form, "instellingen": instellingen})


@require_http_methods(["GET", "POST"])
def proefronde(request: HttpRequest) -> HttpResponse:
    """The dry run: what the next run removes, per kind with counts and references (the same
    function the removal uses). POST records "Proefronde beoordeeld" for the list shown."""
    door = _beheerder(request)
    if request.method == "POST":
        try:
            services.proefronde_beoordelen(
                door=door, vingerafdruk=request.POST.get("vingerafdruk", "")
            )
        except ValidationError as fout:
            messages.error(request, " ".join(fout.messages))
        else:
            messages.success(
                request,
                _(
                    "De proefronde is beoordeeld. De volgende ronde verwijdert wat deze lijst "
                    "noemt."
                ),
            )
        return redirect("bewaren:proefronde")
    ronde = verlopen(door.swv)
    # The references are pupil data in a list: logged as every list is.
    gebeurtenissen.hulpvragen_getoond(ronde.hulpvragen, door=door, scherm="bewaren_proefronde")
    per_soort = ronde.per_soort()
    soorten = [(soort, per_soort[soort.value]) for soort in Soort if soort != Soort.INZAGELOG]
    return render(
        request,
        "bewaren/proefronde.html",
        {
            "ronde": ronde,
            "soorten": soorten,
            "termijnen": termijnen(door.swv),
            "instellingen": bewaarinstellingen(door.swv),
            "beoordeeld": laatste_proefronde(door.swv),
        },
    )


@require_http_methods(["GET"])
def bewaarplichten(request: HttpRequest) -> HttpResponse:
    """The pupils under a legal hold, and a search to put one under it."""
    door = _beheerder(request)
    form = LeerlingZoekForm(request.GET or None)
    gevonden = None
    if form.is_valid():
        gevonden = list(leerlingen_zoeken(door, form.cleaned_data["naam"])[:25])
        gebeurtenissen.leerlingen_gezocht(gevonden, door=door)
    plichten = list(bewaarplichten_van_swv(door))
    if plichten:
        gebeurtenissen.leerlingen_gezocht([p.leerling for p in plichten], door=door)
    return render(
        request,
        "bewaren/bewaarplichten.html",
        {"form": form, "gevonden": gevonden, "plichten": plichten},
    )


@require_http_methods(["GET", "POST"])
def bewaarplicht(request: HttpRequest, pk: int) -> HttpResponse:
    """One pupil's legal hold: set it with a reason, or change the reason."""
    door = _beheerder(request)
    leerling = _leerling(door, pk)
    plicht = getattr(leerling, "bewaarplicht", None)
    form = BewaarplichtForm(
        request.POST if request.method == "POST" else None,
        initial={"reden": plicht.reden if plicht else ""},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.bewaarplicht_zetten(
                door=door, leerling=leerling, reden=form.cleaned_data["reden"]
            )
        except ValidationError as fout:
            fouten_naar_form(form, fout)
        else:
            messages.success(request, _("De bewaarplicht is vastgelegd."))
            return redirect("bewaren:bewaarplicht", pk=leerling.pk)
    gebeurtenissen.leerling_bekeken(leerling, door=door, scherm="bewaarplicht")
    return render(
        request,
        "bewaren/bewaarplicht.html",
        {"leerling": leerling, "plicht": plicht, "form": form},
    )


@require_POST
def bewaarplicht_opheffen(request: HttpRequest, pk: int) -> HttpResponse:
    door = _beheerder(request)
    leerling = _leerling(door, pk)
    services.bewaarplicht_opheffen(door=door, leerling=leerling)
    messages.success(request, _("De bewaarplicht is opgeheven."))
    return redirect("bewaren:bewaarplicht", pk=leerling.pk)

"""SWV-beheer's koppelingen screens (issue 16 item 1): API clients with the schools that use
them (issue 14, R8), Esis verification codes (R10), the OSO blocks kept (issue 15, B7) and the
aanvraagtypen of ParnasSys. Thin views over services and selectors; for the SWV's application
administrator alone, anyone else and anything of another SWV gets a 404."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from passend.accounts.models import Gebruiker
from passend.core.forms import fouten_naar_form
from passend.koppelingen.models import Aanvraagtype, ApiClient, Schoolkoppeling
from passend.swvbeheer import services_koppelingen
from passend.swvbeheer.forms_koppelingen import (
    AanvraagtypeForm,
    ApiClientForm,
    OsoinstellingenForm,
    SchoolkoppelingForm,
    VerificatiecodeFilterForm,
    VerificatiecodeForm,
)
from passend.swvbeheer.instellingen import instelling_opslaan, instelling_verwijderen
from passend.swvbeheer.selectors_koppelingen import (
    aanvraagtype_van_swv,
    aanvraagtypen_van_swv,
    client_van_swv,
    clients_van_swv,
    osoinstellingen_van_swv,
    schoolkoppeling_van_swv,
    schoolkoppelingen_van_client,
    verificatiecode_van_swv,
    verificatiecodes_van_swv,
)
from passend.swvbeheer.views import _beheerder, _gegevens, _of_404

# --- API clients (issue 14) and the schools that use them (R8) ---------------------------------


@require_http_methods(["GET"])
def api_clients(request: HttpRequest) -> HttpResponse:
    door = _beheerder(request)
    return render(
        request, "swvbeheer/koppelingen/clients.html", {"clients": list(clients_van_swv(door))}
    )


@require_http_methods(["GET", "POST"])
def api_client_nieuw(request: HttpRequest) -> HttpResponse:
    """A new client; its token is rendered on the answer to the POST, this once: never in a
    message (a cookie), a URL or a log, and the page is not cached."""
    door = _beheerder(request)
    form = ApiClientForm(_gegevens(request), instance=ApiClient(swv=door.swv))
    if request.method == "POST" and form.is_valid():
        try:
            client, token = services_koppelingen.api_client_registreren(
                door=door,
                naam=form.cleaned_data["naam"],
                soort=form.cleaned_data["soort"],
                max_per_minuut=form.cleaned_data["max_per_minuut"],
            )
        except ValidationError as fout:
            fouten_naar_form(form, fout)
        else:
            antwoord = render(
                request, "swvbeheer/koppelingen/token.html", {"client": client, "token": token}
            )
            add_never_cache_headers(antwoord)
            return antwoord
    return render(request, "swvbeheer/koppelingen/client_nieuw.html", {"form": form})


@require_http_methods(["GET", "POST"])
def api_client(request: HttpRequest, pk: int) -> HttpResponse:
    """A client's name and limit (its kind is fixed), and the schools that use it."""
    door = _beheerder(request)
    client: ApiClient = _of_404(client_van_swv(door, pk))
    form = ApiClientForm(_gegevens(request), instance=client, nieuw=False)
    if request.method == "POST" and form.is_valid():
        instelling_opslaan(door=door, form=form, objecttype="api_client")
        messages.success(request, _("De client is opgeslagen."))
        return redirect("swvbeheer:api_client", pk=client.pk)
    return render(
        request,
        "swvbeheer/koppelingen/client.html",
        {
            # The form's instance holds what was typed; the heading keeps the saved name.
            "client": client_van_swv(door, pk),
            "form": form,
            "koppelingen": list(schoolkoppelingen_van_client(client)),
        },
    )


@require_http_methods(["GET", "POST"])
def api_client_intrekken(request: HttpRequest, pk: int) -> HttpResponse:
    """Asks first (GET), revokes on the POST: every call with the token is refused from then."""
    door = _beheerder(request)
    client: ApiClient = _of_404(client_van_swv(door, pk))
    if request.method == "POST":
        services_koppelingen.api_client_intrekken(door=door, client=client)
        messages.success(
            request,
            _("De client ‘%(naam)s’ is ingetrokken: elk verzoek met het token wordt geweigerd.")
            % {"naam": client.naam},
        )
        return redirect("swvbeheer:api_client", pk=client.pk)
    return render(request, "swvbeheer/koppelingen/client_intrekken.html", {"client": client})


@require_http_methods(["GET", "POST"])
def schoolkoppeling_nieuw(request: HttpRequest, pk: int) -> HttpResponse:
    door = _beheerder(request)
    client: ApiClient = _of_404(client_van_swv(door, pk))
    form = SchoolkoppelingForm(_gegevens(request), door=door, client=client)
    if request.method == "POST" and form.is_valid():
        instelling_opslaan(door=door, form=form, objecttype="schoolkoppeling")
        messages.success(request, _("De school gebruikt de koppeling nu."))
        return redirect("swvbeheer:api_client", pk=client.pk)
    return render(
        request,
        "swvbeheer/koppelingen/schoolkoppeling.html",
        {"client": client, "form": form, "koppeling": None},
    )


def _schoolkoppeling(door: Gebruiker, pk: int, koppeling_pk: int) -> Schoolkoppeling:
    client: ApiClient = _of_404(client_van_swv(door, pk))
    koppeling: Schoolkoppeling = _of_404(schoolkoppeling_van_swv(door, client, koppeling_pk))
    return koppeling


@require_http_methods(["GET", "POST"])
def schoolkoppeling(request: HttpRequest, pk: int, koppeling_pk: int) -> HttpResponse:
    door = _beheerder(request)
    koppeling = _schoolkoppeling(door, pk, koppeling_pk)
    client = koppeling.client
    form = SchoolkoppelingForm(_gegevens(request), door=door, client=client, instance=koppeling)
    if request.method == "POST" and form.is_valid():
        instelling_opslaan(door=door, form=form, objecttype="schoolkoppeling")
        messages.success(request, _("De gegevens van de school zijn opgeslagen."))
        return redirect("swvbeheer:api_client", pk=client.pk)
    return render(
        request,
        "swvbeheer/koppelingen/schoolkoppeling.html",
        {"client": client, "form": form, "koppeling": _schoolkoppeling(door, pk, koppeling_pk)},
    )


@require_POST
def schoolkoppeling_verwijderen(request: HttpRequest, pk: int, koppeling_pk: int) -> HttpResponse:
    door = _beheerder(request)
    koppeling = _schoolkoppeling(door, pk, koppeling_pk)
    instelling_verwijderen(
        door=door,
        rij=koppeling,
        objecttype="schoolkoppeling",
        velden=["school", "mandaat", "routeringskenmerk", "sinds"],
    )
    messages.success(
        request,
        _("%(school)s gebruikt de koppeling niet meer.") % {"school": koppeling.school.naam},
    )
    return redirect("swvbeheer:api_client", pk=pk)


# --- Esis verification codes (R10) -------------------------------------------------------------


@require_http_methods(["GET"])
def verificatiecodes(request: HttpRequest) -> HttpResponse:
    door = _beheerder(request)
    filter = VerificatiecodeFilterForm(request.GET or None)
    stand = filter.cleaned_data["status"] if filter.is_valid() else ""
    return render(
        request,
        "swvbeheer/koppelingen/verificatiecodes.html",
        {"codes": list(verificatiecodes_van_swv(door, stand=stand)), "filter": filter},
    )


@require_http_methods(["GET", "POST"])
def verificatiecode_nieuw(request: HttpRequest) -> HttpResponse:
    """R10: register a school's code; the same code after a pause resumes the link. The code is
    not shown again after it is saved."""
    door = _beheerder(request)
    form = VerificatiecodeForm(_gegevens(request), door=door)
    if request.method == "POST" and form.is_valid():
        try:
            services_koppelingen.esis_verificatiecode_registreren(
                door=door,
                school=form.cleaned_data["school"],
                code=form.cleaned_data["code"],
                omgeving=form.cleaned_data["omgeving"],
            )
        except ValidationError as fout:
            fouten_naar_form(form, fout)
        else:
            messages.success(
                request,
                _("De verificatiecode van %(school)s is vastgelegd; de koppeling is actief.")
                % {"school": form.cleaned_data["school"].naam},
            )
            return redirect("swvbeheer:verificatiecodes")
    return render(request, "swvbeheer/koppelingen/verificatiecode_nieuw.html", {"form": form})


@require_POST
def verificatiecode_pauzeren(request: HttpRequest, pk: int) -> HttpResponse:
    door = _beheerder(request)
    code = _of_404(verificatiecode_van_swv(door, pk))
    services_koppelingen.esis_verificatiecode_pauzeren(door=door, verificatiecode=code)
    messages.success(
        request,
        _(
            "De koppeling van %(school)s is gepauzeerd. Voer dezelfde code opnieuw in om haar "
            "te hervatten."
        )
        % {"school": code.school.naam},
    )
    return redirect("swvbeheer:verificatiecodes")


# --- OSO (issue 15): the blocks kept and the aanvraagtypen --------------------------------------


@require_http_methods(["GET", "POST"])
def osoinstellingen(request: HttpRequest) -> HttpResponse:
    """B7: which blocks of an OSO dossier the SWV keeps. One row per SWV, saved the first time
    the form is; until then the default (only the attachments) applies."""
    door = _beheerder(request)
    form = OsoinstellingenForm(_gegevens(request), instance=osoinstellingen_van_swv(door))
    if request.method == "POST" and form.is_valid():
        instelling_opslaan(door=door, form=form, objecttype="osoinstellingen")
        messages.success(request, _("De instellingen voor OSO zijn opgeslagen."))
        return redirect("swvbeheer:osoinstellingen")
    return render(request, "swvbeheer/koppelingen/osoinstellingen.html", {"form": form})


@require_http_methods(["GET"])
def aanvraagtypen(request: HttpRequest) -> HttpResponse:
    door = _beheerder(request)
    return render(
        request,
        "swvbeheer/koppelingen/aanvraagtypen.html",
        {"aanvraagtypen": list(aanvraagtypen_van_swv(door))},
    )


@require_http_methods(["GET", "POST"])
def aanvraagtype_nieuw(request: HttpRequest) -> HttpResponse:
    door = _beheerder(request)
    form = AanvraagtypeForm(_gegevens(request), door=door)
    if request.method == "POST" and form.is_valid():
        instelling_opslaan(door=door, form=form, objecttype="aanvraagtype")
        messages.success(request, _("Het aanvraagtype is toegevoegd."))
        return redirect("swvbeheer:aanvraagtypen")
    return render(
        request, "swvbeheer/koppelingen/aanvraagtype.html", {"form": form, "aanvraagtype": None}
    )


@require_http_methods(["GET", "POST"])
def aanvraagtype(request: HttpRequest, pk: int) -> HttpResponse:
    door = _beheerder(request)
    rij: Aanvraagtype = _of_404(aanvraagtype_van_swv(door, pk))
    form = AanvraagtypeForm(_gegevens(request), door=door, instance=rij)
    if request.method == "POST" and form.is_valid():
        instelling_opslaan(door=door, form=form, objecttype="aanvraagtype")
        messages.success(request, _("Het aanvraagtype is opgeslagen."))
        return redirect("swvbeheer:aanvraagtypen")
    return render(
        request,
        "swvbeheer/koppelingen/aanvraagtype.html",
        {"form": form, "aanvraagtype": aanvraagtype_van_swv(door, pk)},
    )


@require_POST
def aanvraagtype_verwijderen(request: HttpRequest, pk: int) -> HttpResponse:
    door = _beheerder(request)
    rij: Aanvraagtype = _of_404(aanvraagtype_van_swv(door, pk))
    instelling_verwijderen(door=door, rij=rij, objecttype="aanvraagtype", velden=["code", "titels"])
    messages.success(request, _("Aanvraagtype ‘%(code)s’ is verwijderd.") % {"code": rij.code})
    return redirect("swvbeheer:aanvraagtypen")

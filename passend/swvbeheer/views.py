"""SWV-beheer in the app's own look (issue 16): thin views over services and selectors. Every
page is for the SWV's application administrator alone; anyone else, and any account of another
SWV, gets a 404."""

import csv
from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from passend.accounts.models import Gebruiker
from passend.accounts.rechten import eigen_scholen
from passend.accounts.selectors import ingelogde_gebruiker
from passend.audit import gebeurtenissen
from passend.core.csvcel import csv_celwaarde
from passend.core.forms import fouten_naar_form
from passend.core.tijd import datum_tekst
from passend.organisaties.models import Bestuur, School
from passend.swvbeheer import menu, services
from passend.swvbeheer.forms import (
    AccountFilterForm,
    AccountForm,
    AfhandelenForm,
    AuthenticatorHerstellenForm,
    BestuurForm,
    DeactiverenForm,
    PersoneelswisselForm,
    SamenvoegenForm,
    SchoolForm,
    SluitenForm,
    WijzigingsverzoekForm,
)
from passend.swvbeheer.models import Wijzigingsverzoek
from passend.swvbeheer.rechten import mag_accounts_beheren, mag_wijzigingsverzoeken_indienen
from passend.swvbeheer.selectors import (
    account_van_swv,
    accounts_van_swv,
    besturen_van_swv,
    bestuur_van_swv,
    collegas_voor_verzoek,
    nieuw_account_bij_verzoek,
    open_hulpvragen_van_school,
    open_werk,
    open_wijzigingsverzoeken,
    scholen_van_swv,
    school_van_swv,
    wijzigingsverzoek_van_swv,
    wijzigingsverzoeken_van_school,
    wijzigingsverzoeken_van_swv,
    wisselvoorstel,
)

PER_PAGINA = 25


def _beheerder(request: HttpRequest) -> Gebruiker:
    gebruiker = ingelogde_gebruiker(request)
    if not mag_accounts_beheren(gebruiker):
        raise Http404
    return gebruiker


def _of_404(rij: Any) -> Any:
    if rij is None:
        raise Http404
    return rij


def _gegevens(request: HttpRequest) -> Any:
    """The posted data of a form, or None for a GET (an unbound form)."""
    return request.POST if request.method == "POST" else None


def _account(door: Gebruiker, pk: int) -> Gebruiker:
    account = account_van_swv(door, pk)
    if account is None:
        raise Http404
    return account


@require_http_methods(["GET"])
def index(request: HttpRequest) -> HttpResponse:
    door = _beheerder(request)
    return render(
        request,
        "swvbeheer/index.html",
        {
            "personeelswissel": True,
            "open_verzoeken": open_wijzigingsverzoeken(door),
            "menu": menu.items(),
        },
    )


@require_http_methods(["GET"])
def gebruikers(request: HttpRequest) -> HttpResponse:
    """R42: the SWV's accounts, filtered, 25 a page, in a fixed number of queries."""
    door = _beheerder(request)
    form = AccountFilterForm(request.GET or None, door=door)
    pagina = Paginator(accounts_van_swv(door, **form.filters()), PER_PAGINA).get_page(
        request.GET.get("pagina")
    )
    return render(request, "swvbeheer/gebruikers.html", {"form": form, "pagina": pagina})


@require_http_methods(["GET", "POST"])
def uitnodigen(request: HttpRequest) -> HttpResponse:
    """B11: invite a new account by e-mail."""
    door = _beheerder(request)
    # A wijzigingsverzoek links here with the new person's name, e-mail and school.
    initial: dict[str, object] = {
        veld: request.GET[veld]
        for veld in ("voornaam", "achternaam", "email")
        if request.GET.get(veld)
    }
    if request.GET.get("school", "").isdigit():
        initial["scholen"] = list(School.objects.filter(swv=door.swv_id, pk=request.GET["school"]))
    form = AccountForm(
        request.POST if request.method == "POST" else None, door=door, initial=initial
    )
    if request.method == "POST" and form.is_valid():
        try:
            account = services.account_uitnodigen(door=door, **form.cleaned_data)
        except ValidationError as fout:
            fouten_naar_form(form, fout)
        else:
            messages.success(
                request,
                _("%(naam)s is uitgenodigd; de activatielink is verstuurd naar %(email)s.")
                % {"naam": account.volledige_naam, "email": account.email},
            )
            return redirect("swvbeheer:gebruiker", pk=account.pk)
    return render(request, "swvbeheer/uitnodigen.html", {"form": form})


@require_http_methods(["GET", "POST"])
def gebruiker(request: HttpRequest, pk: int) -> HttpResponse:
    """One account: its facts, roles and schools to change, and its open work."""
    door = _beheerder(request)
    account = _account(door, pk)
    initial = {
        "voornaam": account.voornaam,
        "tussenvoegsel": account.tussenvoegsel,
        "achternaam": account.achternaam,
        "email": account.email,
        "rollen": list(account.rollen.all()),
        "scholen": list(account.scholen.all()),
    }
    form = AccountForm(
        request.POST if request.method == "POST" else None,
        door=door,
        nieuw=False,
        initial=initial,
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.account_wijzigen(door=door, account=account, **form.cleaned_data)
        except ValidationError as fout:
            fouten_naar_form(form, fout)
        else:
            messages.success(request, _("De gegevens van het account zijn opgeslagen."))
            return redirect("swvbeheer:gebruiker", pk=account.pk)
    return render(
        request,
        "swvbeheer/gebruiker.html",
        {
            "account": account,
            "form": form,
            "werk": open_werk(account),
            "geactiveerd": account.has_usable_password(),
            "personeelswissel": True,
        },
    )


@require_http_methods(["GET", "POST"])
def deactiveren(request: HttpRequest, pk: int) -> HttpResponse:
    """R44: switch an account off on a date; its open work is listed first."""
    door = _beheerder(request)
    account = _account(door, pk)
    form = DeactiverenForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            services.account_deactiveren(door=door, account=account, op=form.cleaned_data["op"])
        except ValidationError as fout:
            fouten_naar_form(form, fout)
        else:
            messages.success(request, _("Het uitzetten van het account is vastgelegd."))
            return redirect("swvbeheer:gebruiker", pk=account.pk)
    return render(
        request,
        "swvbeheer/deactiveren.html",
        {"account": account, "form": form, "werk": open_werk(account), "personeelswissel": True},
    )


@require_POST
def heractiveren(request: HttpRequest, pk: int) -> HttpResponse:
    door = _beheerder(request)
    account = _account(door, pk)
    services.account_heractiveren(door=door, account=account)
    messages.success(request, _("Het account is weer actief."))
    return redirect("swvbeheer:gebruiker", pk=account.pk)


@require_POST
def uitnodiging_opnieuw(request: HttpRequest, pk: int) -> HttpResponse:
    door = _beheerder(request)
    account = _account(door, pk)
    try:
        services.uitnodiging_opnieuw_versturen(door=door, account=account)
    except ValidationError as fout:
        messages.error(request, " ".join(fout.messages))
    else:
        messages.success(request, _("Een nieuwe activatielink is verstuurd."))
    return redirect("swvbeheer:gebruiker", pk=account.pk)


@require_http_methods(["GET", "POST"])
def authenticator_herstellen(request: HttpRequest, pk: int) -> HttpResponse:
    """B11: a lost second factor, reset after a recorded identity check."""
    door = _beheerder(request)
    account = _account(door, pk)
    form = AuthenticatorHerstellenForm(
        request.POST if request.method == "POST" else None,
        initial={"gecontroleerd_door": door.volledige_naam},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.authenticator_herstellen(door=door, account=account, **form.cleaned_data)
        except ValidationError as fout:
            fouten_naar_form(form, fout)
        else:
            messages.success(
                request,
                _(
                    "De oude authenticator-app werkt niet meer. %(naam)s krijgt een e-mail met "
                    "een link om een nieuwe in te stellen."
                )
                % {"naam": account.volledige_naam},
            )
            return redirect("swvbeheer:gebruiker", pk=account.pk)
    return render(
        request, "swvbeheer/authenticator_herstellen.html", {"account": account, "form": form}
    )


@require_http_methods(["GET", "POST"])
def personeelswissel(request: HttpRequest) -> HttpResponse:
    """R44: pick the leaving account and the new one (GET shows the preview), confirm (POST)
    and everything moves at once."""
    door = _beheerder(request)
    gegevens = request.POST if request.method == "POST" else (request.GET or None)
    initial = {"vertrekkend": request.GET.get("vertrekkend")} if request.GET else None
    form = PersoneelswisselForm(gegevens, door=door, initial=initial)
    voorstel = None
    if gegevens is not None and "nieuw" in gegevens and form.is_valid():
        vertrekkend, nieuw = form.cleaned_data["vertrekkend"], form.cleaned_data["nieuw"]
        if request.method == "POST":
            try:
                verplaatst = services.personeelswissel_uitvoeren(
                    door=door, vertrekkend=vertrekkend, nieuw=nieuw
                )
            except ValidationError as fout:
                fouten_naar_form(form, fout)
            else:
                messages.success(
                    request,
                    _(
                        "Overgedragen aan %(naam)s: %(hulpvragen)d hulpvraag/hulpvragen, "
                        "%(formulieren)d formulier(en), %(overlegrondes)d overlegronde(s)."
                    )
                    % {
                        "naam": nieuw.volledige_naam,
                        "hulpvragen": len(verplaatst.hulpvragen),
                        "formulieren": len(verplaatst.formulieren),
                        "overlegrondes": len(verplaatst.overlegrondes),
                    },
                )
                return redirect("swvbeheer:gebruiker", pk=vertrekkend.pk)
        voorstel = wisselvoorstel(vertrekkend, nieuw)
    elif request.method == "GET" and not (request.GET and "nieuw" in request.GET):
        form = PersoneelswisselForm(None, door=door, initial=initial)
    return render(request, "swvbeheer/personeelswissel.html", {"form": form, "voorstel": voorstel})


# --- Schools (R45) -----------------------------------------------------------------------------


def _school(door: Gebruiker, pk: int) -> School:
    school = school_van_swv(door, pk)
    if school is None:
        raise Http404
    return school


@require_http_methods(["GET"])
def scholen(request: HttpRequest) -> HttpResponse:
    door = _beheerder(request)
    return render(request, "swvbeheer/scholen.html", {"scholen": list(scholen_van_swv(door))})


@require_http_methods(["GET", "POST"])
def school_nieuw(request: HttpRequest) -> HttpResponse:
    door = _beheerder(request)
    form = SchoolForm(
        request.POST if request.method == "POST" else None,
        door=door,
        initial={"ingangsdatum": timezone.localdate()},
    )
    if request.method == "POST" and form.is_valid():
        try:
            school = services.school_aanmaken(door=door, **form.cleaned_data)
        except ValidationError as fout:
            fouten_naar_form(form, fout)
        else:
            messages.success(request, _("De school is toegevoegd."))
            return redirect("swvbeheer:school", pk=school.pk)
    return render(request, "swvbeheer/school_nieuw.html", {"form": form})


@require_http_methods(["GET", "POST"])
def school(request: HttpRequest, pk: int) -> HttpResponse:
    """R45: rename, new BRIN/vestiging, another regio or bestuur; the history with dates."""
    door = _beheerder(request)
    school = _school(door, pk)
    form = SchoolForm(
        request.POST if request.method == "POST" else None,
        door=door,
        initial={
            "naam": school.naam,
            "code": school.code,
            "regio": school.regio_id,
            "bestuur": school.bestuur_id,
            "ingangsdatum": timezone.localdate(),
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.school_wijzigen(door=door, school=school, **form.cleaned_data)
        except ValidationError as fout:
            fouten_naar_form(form, fout)
        else:
            messages.success(request, _("De gegevens van de school zijn opgeslagen."))
            return redirect("swvbeheer:school", pk=school.pk)
    return render(
        request,
        "swvbeheer/school.html",
        {
            "school": school,
            "form": form,
            "geschiedenis": list(school.geschiedenis.order_by("ingangsdatum", "vastgelegd_op")),
        },
    )


@require_http_methods(["GET", "POST"])
def school_sluiten(request: HttpRequest, pk: int) -> HttpResponse:
    """R45: close a school; its open hulpvragen are listed."""
    door = _beheerder(request)
    school = _school(door, pk)
    form = SluitenForm(
        request.POST if request.method == "POST" else None,
        initial={"op": timezone.localdate()},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.school_sluiten(door=door, school=school, op=form.cleaned_data["op"])
        except ValidationError as fout:
            fouten_naar_form(form, fout)
        else:
            messages.success(request, _("De school is gesloten."))
            return redirect("swvbeheer:school", pk=school.pk)
    return render(
        request,
        "swvbeheer/school_sluiten.html",
        {"school": school, "form": form, "open_hulpvragen": open_hulpvragen_van_school(school)},
    )


@require_http_methods(["GET", "POST"])
def school_samenvoegen(request: HttpRequest, pk: int) -> HttpResponse:
    """R45: merge this school into another one of the SWV from a date ("Samenvoegen")."""
    door = _beheerder(request)
    school = _school(door, pk)
    form = SamenvoegenForm(
        request.POST if request.method == "POST" else None,
        door=door,
        school=school,
        initial={"op": timezone.localdate()},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.school_samenvoegen(door=door, school=school, **form.cleaned_data)
        except ValidationError as fout:
            fouten_naar_form(form, fout)
        else:
            messages.success(
                request,
                _("%(school)s gaat op %(datum)s op in %(in_school)s.")
                % {
                    "school": school.naam,
                    "datum": datum_tekst(form.cleaned_data["op"]),
                    "in_school": form.cleaned_data["in_school"].naam,
                },
            )
            return redirect("swvbeheer:school", pk=school.pk)
    return render(
        request,
        "swvbeheer/school_samenvoegen.html",
        {"school": school, "form": form, "open_hulpvragen": open_hulpvragen_van_school(school)},
    )


SCHOLEN_CSV_KOPPEN = [
    gettext_lazy("Naam"),
    gettext_lazy("BRIN"),
    gettext_lazy("Vestiging"),
    gettext_lazy("Regio"),
    gettext_lazy("Bestuur"),
    gettext_lazy("Gesloten op"),
]


@require_http_methods(["GET"])
def scholen_export(request: HttpRequest) -> HttpResponseBase:
    """R45: the SWV's school list as CSV for its website: no personal data, own SWV only,
    cells safe against formula injection, the download logged."""
    door = _beheerder(request)
    scholen = list(scholen_van_swv(door))
    gebeurtenissen.scholen_geexporteerd(door=door, aantal=len(scholen))
    antwoord = HttpResponse(content_type="text/csv; charset=utf-8")
    bestandsnaam = f"scholen-{timezone.localdate():%d-%m-%Y}.csv"
    antwoord["Content-Disposition"] = f'attachment; filename="{bestandsnaam}"'
    # The byte order mark makes Excel (Dutch settings: ";" separates) read UTF-8 accents.
    antwoord.write("\ufeff")
    schrijver = csv.writer(antwoord, delimiter=";")
    schrijver.writerow([str(kop) for kop in SCHOLEN_CSV_KOPPEN])
    for school in scholen:
        schrijver.writerow(
            csv_celwaarde(waarde)
            for waarde in (
                school.naam,
                school.code[:4],
                school.code[4:],
                school.regio.naam if school.regio else "",
                school.bestuur.naam,
                datum_tekst(school.gesloten_op) if school.gesloten_op else "",
            )
        )
    return antwoord


# --- Besturen (R33) ----------------------------------------------------------------------------


def _bestuur(door: Gebruiker, pk: int) -> Bestuur:
    bestuur = bestuur_van_swv(door, pk)
    if bestuur is None:
        raise Http404
    return bestuur


@require_http_methods(["GET"])
def besturen(request: HttpRequest) -> HttpResponse:
    door = _beheerder(request)
    return render(
        request,
        "swvbeheer/besturen.html",
        {"besturen": list(besturen_van_swv(door)), "vandaag": timezone.localdate()},
    )


@require_http_methods(["GET", "POST"])
def bestuur(request: HttpRequest, pk: int) -> HttpResponse:
    """R33: the verwerkersovereenkomst's dates; the overlegronde needs a current one."""
    door = _beheerder(request)
    bestuur = _bestuur(door, pk)
    form = BestuurForm(
        request.POST if request.method == "POST" else None,
        initial={
            "verwerkersovereenkomst_datum": bestuur.verwerkersovereenkomst_datum,
            "verwerkersovereenkomst_einde": bestuur.verwerkersovereenkomst_einde,
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.bestuur_wijzigen(door=door, bestuur=bestuur, **form.cleaned_data)
        except ValidationError as fout:
            fouten_naar_form(form, fout)
        else:
            messages.success(request, _("De gegevens van het bestuur zijn opgeslagen."))
            return redirect("swvbeheer:bestuur", pk=bestuur.pk)
    return render(request, "swvbeheer/bestuur.html", {"bestuur": bestuur, "form": form})


# --- Wijzigingsverzoeken (R44) -----------------------------------------------------------------


@require_http_methods(["GET"])
def wijzigingsverzoeken(request: HttpRequest) -> HttpResponse:
    """The SWV's requests, open (oldest first) or handled."""
    door = _beheerder(request)
    stand = request.GET.get("stand", "")
    if stand not in ("", Wijzigingsverzoek.Stand.OPEN, Wijzigingsverzoek.Stand.AFGEHANDELD):
        stand = ""
    afgehandeld = stand == Wijzigingsverzoek.Stand.AFGEHANDELD
    pagina = Paginator(wijzigingsverzoeken_van_swv(door, stand=stand), PER_PAGINA).get_page(
        request.GET.get("pagina")
    )
    return render(
        request,
        "swvbeheer/wijzigingsverzoeken.html",
        {"pagina": pagina, "afgehandeld": afgehandeld},
    )


def _verzoek_van_swv(door: Gebruiker, pk: int) -> Wijzigingsverzoek:
    verzoek = wijzigingsverzoek_van_swv(door, pk)
    if verzoek is None:
        raise Http404
    return verzoek


@require_http_methods(["GET", "POST"])
def wijzigingsverzoek(request: HttpRequest, pk: int) -> HttpResponse:
    """One request: what the school asks, a link to the staff-change screen (prefilled when
    the new person has an account already), and marking it handled with a note."""
    door = _beheerder(request)
    verzoek = _verzoek_van_swv(door, pk)
    form = AfhandelenForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            services.wijzigingsverzoek_afhandelen(
                door=door, verzoek=verzoek, notitie=form.cleaned_data["notitie"]
            )
        except ValidationError as fout:
            fouten_naar_form(form, fout)
        else:
            messages.success(request, _("Het verzoek is afgehandeld; de school krijgt bericht."))
            return redirect("swvbeheer:wijzigingsverzoeken")
    nieuw_account = nieuw_account_bij_verzoek(verzoek)
    wissel_parameters = {}
    if verzoek.soort == Wijzigingsverzoek.Soort.PERSONEELSWISSEL and verzoek.vertrekkend_id:
        wissel_parameters["vertrekkend"] = verzoek.vertrekkend_id
        if nieuw_account is not None:
            wissel_parameters["nieuw"] = nieuw_account.pk
    naam = verzoek.nieuwe_naam.split(" ", 1)
    uitnodigen_parameters = {
        "email": verzoek.nieuwe_email,
        "voornaam": naam[0],
        "achternaam": naam[1] if len(naam) > 1 else "",
        "school": verzoek.school_id,
    }
    return render(
        request,
        "swvbeheer/wijzigingsverzoek.html",
        {
            "verzoek": verzoek,
            "form": form,
            "nieuw_account": nieuw_account,
            "wissel_query": urlencode(wissel_parameters) if wissel_parameters else "",
            "uitnodigen_query": urlencode(uitnodigen_parameters),
        },
    )


def _indiener(request: HttpRequest) -> Gebruiker:
    gebruiker = ingelogde_gebruiker(request)
    if not mag_wijzigingsverzoeken_indienen(gebruiker):
        raise Http404
    return gebruiker


@require_http_methods(["GET"])
def mijn_wijzigingsverzoeken(request: HttpRequest) -> HttpResponse:
    """The school's side: its requests and their state."""
    gebruiker = _indiener(request)
    pagina = Paginator(wijzigingsverzoeken_van_school(gebruiker), PER_PAGINA).get_page(
        request.GET.get("pagina")
    )
    return render(request, "swvbeheer/mijn_wijzigingsverzoeken.html", {"pagina": pagina})


@require_http_methods(["GET", "POST"])
def wijzigingsverzoek_nieuw(request: HttpRequest) -> HttpResponse:
    """The school files a request: a staff change or new school data."""
    gebruiker = _indiener(request)
    scholen = School.objects.filter(pk__in=[s.pk for s in eigen_scholen(gebruiker)]).order_by(
        "naam"
    )
    initial: dict[str, object] = {}
    if scholen.count() == 1:
        initial["school"] = scholen.first()
    form = WijzigingsverzoekForm(
        request.POST if request.method == "POST" else None,
        door=gebruiker,
        scholen=scholen,
        collegas=collegas_voor_verzoek(gebruiker),
        initial=initial,
    )
    if request.method == "POST" and form.is_valid():
        try:
            verzoek = services.wijzigingsverzoek_indienen(door=gebruiker, **form.cleaned_data)
        except ValidationError as fout:
            fouten_naar_form(form, fout)
        else:
            messages.success(
                request,
                _(
                    "Uw verzoek %(referentie)s is ingediend. Het samenwerkingsverband handelt het "
                    "af; u ziet hier de stand."
                )
                % {"referentie": verzoek.referentie},
            )
            return redirect("wijzigingsverzoeken:verzoek", pk=verzoek.pk)
    return render(request, "swvbeheer/wijzigingsverzoek_nieuw.html", {"form": form})


@require_http_methods(["GET"])
def mijn_wijzigingsverzoek(request: HttpRequest, pk: int) -> HttpResponse:
    gebruiker = _indiener(request)
    verzoek = wijzigingsverzoeken_van_school(gebruiker).filter(pk=pk).first()
    if verzoek is None:
        raise Http404
    return render(request, "swvbeheer/mijn_wijzigingsverzoek.html", {"verzoek": verzoek})

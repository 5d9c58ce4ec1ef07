"""The Hulpvragen screens: the overview with its search and CSV export, Mijn acties,
Toevoegen (search the pupil), the detail with Status wijzigen and Statushistorie (R13,
R20-R22, R46, R50, R51, R53)."""

import csv
from collections.abc import Iterable, Iterator

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods

from passend.accounts.models import Gebruiker
from passend.accounts.selectors import ingelogde_gebruiker, rolcodes
from passend.audit.models import Inzage
from passend.audit.services import inzage_vastleggen
from passend.core.tijd import datum_tekst
from passend.dossiers.services import schoolgegevens_bewerken as schoolgegevens_opslaan
from passend.hulpvragen.forms import (
    BehandelingForm,
    HulpvraagZoekForm,
    LeerlingZoekForm,
    SchoolgegevensBewerkenForm,
    StatusWijzigenForm,
)
from passend.hulpvragen.keuzelijsten import medewerkers_van_swv
from passend.hulpvragen.models import Hulpvraag, Label
from passend.hulpvragen.selectors import (
    aanvragers_voor_scholen,
    grondslag,
    hulpvraag_voor_detail,
    hulpvragen_zoeken,
    is_applicatiebeheerder,
    leerlingen_zoeken,
    mag_behandeling_wijzigen,
    mag_dossiers_invoeren,
    mag_exporteren,
    mag_schoolgegevens_bewerken,
    mijn_acties,
    namen_voor_rijen,
    voor_export,
    werkt_voor_school,
    werkt_voor_swv,
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


def _lijst_vastleggen(
    request: HttpRequest, gebruiker: Gebruiker, hulpvragen: Iterable[Hulpvraag], **details: object
) -> None:
    """P2: a list shows pupils' names, so the page's hulpvragen are logged as seen."""
    referenties = [hulpvraag.referentie for hulpvraag in hulpvragen]
    if referenties:
        inzage_vastleggen(
            request=request,
            actie=Inzage.Actie.LIJST,
            objecttype="hulpvraag",
            object_id="lijst",
            grondslag=grondslag(gebruiker),
            details={"hulpvragen": referenties, **details},
        )


@require_GET
def lijst(request: HttpRequest) -> HttpResponse:
    """ "Hulpvragen" (R50, R51): the visible hulpvragen, searched with the filters in the URL,
    so a search can be bookmarked and the back button works."""
    gebruiker = ingelogde_gebruiker(request)
    form = HulpvraagZoekForm(request.GET, gebruiker=gebruiker)
    pagina = None
    if form.is_valid():
        pagina = Paginator(hulpvragen_zoeken(gebruiker, **form.zoekvragen()), PER_PAGINA).get_page(
            request.GET.get("pagina")
        )
        # What was searched for belongs with what was shown (NEN 7513: the reason to look).
        zoekvragen = {"filter": request.GET.urlencode()} if request.GET else {}
        _lijst_vastleggen(request, gebruiker, pagina.object_list, **zoekvragen)
    return render(
        request,
        "hulpvragen/lijst.html",
        {
            "form": form,
            "pagina": pagina,
            "sorteer": form.cleaned_data.get("sorteer") if form.is_valid() else "",
            "gefilterd": any(k != "pagina" and k != "sorteer" for k in request.GET),
            "kan_toevoegen": mag_dossiers_invoeren(gebruiker),
            "kan_exporteren": mag_exporteren(gebruiker),
            "namen": namen_voor_rijen(gebruiker),
        },
    )


CSV_KOPPEN = [
    gettext_lazy("Referentie"),
    gettext_lazy("Roepnaam"),
    gettext_lazy("Tussenvoegsel"),
    gettext_lazy("Achternaam"),
    gettext_lazy("Geboortedatum"),
    gettext_lazy("Hulpvraag"),
    gettext_lazy("Proces"),
    gettext_lazy("Status"),
    gettext_lazy("Status sinds"),
    gettext_lazy("School"),
    gettext_lazy("BRIN en vestiging"),
    gettext_lazy("Regio"),
    gettext_lazy("Hulpvraagdatum"),
    gettext_lazy("Coördinator"),
    gettext_lazy("Labels"),
]


class _Regel:
    """A file for csv.writer that hands back what is written, so rows can be streamed."""

    def write(self, tekst: str) -> str:
        return tekst


def _celwaarde(waarde: object) -> str:
    """A cell Excel will not run as a formula (CSV injection, OWASP): text starting with
    = + - @ or a tab or carriage return gets a leading apostrophe."""
    tekst = "" if waarde is None else str(waarde)
    return "'" + tekst if tekst[:1] in ("=", "+", "-", "@", "\t", "\r") else tekst


def _csv_regels(hulpvragen: QuerySet[Hulpvraag]) -> Iterator[str]:
    schrijver = csv.writer(_Regel(), delimiter=";")
    # The byte order mark makes Excel (Dutch settings: ";" separates) read UTF-8 accents.
    yield "\ufeff" + schrijver.writerow([str(kop) for kop in CSV_KOPPEN])
    # In chunks: at tens of thousands of rows the result is never in memory at once.
    for hulpvraag in hulpvragen.iterator(chunk_size=1000):
        leerling, school = hulpvraag.leerling, hulpvraag.schoolgegevens.school
        yield schrijver.writerow(
            _celwaarde(waarde)
            for waarde in (
                hulpvraag.referentie,
                leerling.roepnaam,
                leerling.tussenvoegsel,
                leerling.achternaam,
                datum_tekst(leerling.geboortedatum),
                hulpvraag.titel.naam,
                hulpvraag.titel.proces.naam,
                hulpvraag.status.naam,
                datum_tekst(hulpvraag.status_sinds),
                school.naam,
                school.code,
                school.regio.naam if school.regio else "",
                datum_tekst(hulpvraag.hulpvraagdatum),
                hulpvraag.coordinator.volledige_naam if hulpvraag.coordinator else "",
                ", ".join(label.naam for label in hulpvraag.labels.all()),
            )
        )


@require_GET
def export(request: HttpRequest) -> HttpResponseBase:
    """The overview's current result as CSV, every row, for SWV staff only; logged with who,
    which filter and how many rows (P2)."""
    gebruiker = ingelogde_gebruiker(request)
    if not mag_exporteren(gebruiker):
        raise Http404
    form = HulpvraagZoekForm(request.GET, gebruiker=gebruiker)
    if not form.is_valid():
        # The overview shows what is wrong next to the field.
        return redirect(f"{reverse('hulpvragen:lijst')}?{request.GET.urlencode()}")
    hulpvragen = voor_export(hulpvragen_zoeken(gebruiker, **form.zoekvragen()))
    inzage_vastleggen(
        request=request,
        actie=Inzage.Actie.LIJST,
        objecttype="hulpvraag",
        object_id="export",
        grondslag=grondslag(gebruiker),
        details={"export": "csv", "filter": request.GET.urlencode(), "aantal": hulpvragen.count()},
    )
    antwoord = StreamingHttpResponse(
        _csv_regels(hulpvragen), content_type="text/csv; charset=utf-8"
    )
    bestandsnaam = f"hulpvragen-{timezone.localdate():%d-%m-%Y}.csv"
    antwoord["Content-Disposition"] = f'attachment; filename="{bestandsnaam}"'
    return antwoord


@require_GET
def mijn_acties_lijst(request: HttpRequest) -> HttpResponse:
    """ "Mijn acties", the first page after login: what waits on this user, oldest first."""
    gebruiker = ingelogde_gebruiker(request)
    pagina = Paginator(mijn_acties(gebruiker), PER_PAGINA).get_page(request.GET.get("pagina"))
    _lijst_vastleggen(request, gebruiker, pagina.object_list, scherm="mijn_acties")
    return render(
        request,
        "hulpvragen/mijn_acties.html",
        {
            "pagina": pagina,
            "namen": namen_voor_rijen(gebruiker),
            "voor_school": werkt_voor_school(gebruiker),
            "voor_swv": werkt_voor_swv(gebruiker) or is_applicatiebeheerder(gebruiker),
        },
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

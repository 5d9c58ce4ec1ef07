"""The overlegronde screens (R33-R40). Thin: the rights are in rechten.py, the visibility in
query.py, the writes in services.py. A round the user may not see is a 404; a round whose
inzage ended shows its participant a plain message (R40), on every content URL."""

import json
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from passend.accounts.models import Gebruiker
from passend.accounts.rechten import rolfeiten
from passend.accounts.selectors import ingelogde_gebruiker
from passend.audit import gebeurtenissen
from passend.bijlagen.controles import BestandGeweigerd, grootte_tekst
from passend.bijlagen.opslag import bestand_openen
from passend.bijlagen.uploads import TE_GROOT
from passend.bijlagen.views import CSP_SANDBOX, content_disposition
from passend.core.tijd import datum_tekst
from passend.hulpvragen.models import Hulpvraag
from passend.overlegrondes.forms import (
    DatumsForm,
    HulpvraagKiezenForm,
    NieuweGebruikerForm,
    OverlegrondeForm,
    ReactieForm,
)
from passend.overlegrondes.models import Deelnemer, Overlegronde
from passend.overlegrondes.rechten import (
    is_alleen_externe_deelnemer,
    is_school_van,
    mag_overlegronde_beheren,
    mag_overlegronde_starten,
    mag_overlegrondes_openen,
    mag_overlegrondes_zien,
    mag_reageren,
    verwerkersovereenkomst_ontbreekt,
    waarom_geen_overlegronde,
)
from passend.overlegrondes.selectors import (
    MAX_MOGELIJKE_DEELNEMERS,
    bijlagen_om_te_delen,
    gedeelde_bijlagen_van,
    hulpvraag_voor_overlegrondes,
    hulpvragen_voor_nieuwe_ronde,
    kiesbare_deelnemers,
    mogelijke_deelnemers,
    overlegronde_voor,
    overlegrondes_van_hulpvraag,
    overlegrondes_voor_lijst,
    reacties_van,
    verlopen_deelname,
    verlopen_deelnames,
)
from passend.overlegrondes.services import (
    BestaandAccount,
    NaamInOverlegronde,
    NieuweDeelnemer,
    activatielink_opnieuw_versturen,
    nieuwe_deelnemer_controleren,
    overlegronde_aanmaken,
    overlegronde_sluiten,
    overlegronde_wijzigen,
    reactie_met_upload,
)


def verlopen_melding(overlegronde: Overlegronde) -> str:
    return _(
        "De inzagetermijn van deze overlegronde is verlopen op %(datum)s. Neem contact op met "
        "de school als u nog inzage nodig hebt."
    ) % {"datum": datum_tekst(overlegronde.einde_inzage)}


class Verlopen(Exception):
    def __init__(self, overlegronde: Overlegronde) -> None:
        super().__init__("inzage verlopen")
        self.overlegronde = overlegronde


def _ronde(request: HttpRequest, pk: int) -> tuple[Gebruiker, Overlegronde]:
    """The round with its content for this user today; Verlopen for a participant whose
    inzage ended (the caller shows the message), a 404 for everyone else."""
    gebruiker = ingelogde_gebruiker(request)
    try:
        return gebruiker, overlegronde_voor(gebruiker, pk)
    except Overlegronde.DoesNotExist as fout:
        verlopen = verlopen_deelname(gebruiker, pk)
        if verlopen is not None:
            raise Verlopen(verlopen) from fout
        raise Http404 from fout


def _verlopen_tonen(request: HttpRequest, overlegronde: Overlegronde) -> HttpResponse:
    return render(
        request,
        "overlegrondes/verlopen.html",
        {"melding": verlopen_melding(overlegronde)},
        status=410,
    )


def met_verloopmelding(view: Any) -> Any:
    """Every content URL of a round: the expiry message instead of the content (R40)."""

    def omhulsel(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        try:
            return view(request, *args, **kwargs)  # type: ignore[no-any-return]
        except Verlopen as verlopen:
            return _verlopen_tonen(request, verlopen.overlegronde)

    omhulsel.__name__ = view.__name__
    omhulsel.__doc__ = view.__doc__
    return omhulsel


def _hulpvraag(request: HttpRequest, referentie: str) -> tuple[Gebruiker, Hulpvraag]:
    """The hulpvraag, for the staff of its school only (the tab and the new round)."""
    gebruiker = ingelogde_gebruiker(request)
    hulpvraag = hulpvraag_voor_overlegrondes(gebruiker, referentie)
    if hulpvraag is None or not mag_overlegrondes_zien(gebruiker, hulpvraag):
        raise Http404
    return gebruiker, hulpvraag


@require_GET
def lijst(request: HttpRequest) -> HttpResponse:
    """ "Overlegrondes" (school, administrator) or "Mijn overlegrondes" (participants)."""
    gebruiker = ingelogde_gebruiker(request)
    if not mag_overlegrondes_openen(gebruiker):
        raise Http404
    rondes = list(overlegrondes_voor_lijst(gebruiker))
    inhoud = set(
        Overlegronde.objects.zichtbaar_voor(gebruiker)
        .filter(pk__in=[ronde.pk for ronde in rondes])
        .values_list("pk", flat=True)
    )
    gebeurtenissen.overlegrondes_getoond(
        [ronde for ronde in rondes if ronde.pk in inhoud], door=gebruiker
    )
    extern = is_alleen_externe_deelnemer(gebruiker)
    return render(
        request,
        "overlegrondes/lijst.html",
        {
            "titel": _("Mijn overlegrondes") if extern else _("Overlegrondes"),
            "rijen": [(ronde, ronde.pk in inhoud) for ronde in rondes],
            "verlopen": [verlopen_melding(ronde) for ronde in verlopen_deelnames(gebruiker)],
            "kan_starten": _werkt_voor_school(gebruiker),
            "extern": extern,
        },
    )


def _werkt_voor_school(gebruiker: Gebruiker) -> bool:
    return rolfeiten(gebruiker).werkt_voor_school


@require_GET
def kies_hulpvraag(request: HttpRequest) -> HttpResponse:
    """ "Nieuwe overlegronde toevoegen" from the menu: first the hulpvraag (R36)."""
    gebruiker = ingelogde_gebruiker(request)
    if not _werkt_voor_school(gebruiker):
        raise Http404
    hulpvragen = hulpvragen_voor_nieuwe_ronde(gebruiker)[:200]
    keuzes = [
        (h.referentie, f"{h.referentie} · {h.titel.naam} · {h.leerling.volledige_naam}")
        for h in hulpvragen
    ]
    form = HulpvraagKiezenForm(request.GET or None, keuzes=keuzes)
    if request.GET and form.is_valid():
        return redirect("overlegrondes:nieuw", referentie=form.cleaned_data["hulpvraag"])
    gebeurtenissen.hulpvragen_getoond(hulpvragen, door=gebruiker, scherm="overlegronde_kiezen")
    return render(request, "overlegrondes/kies_hulpvraag.html", {"form": form})


@require_GET
def hulpvraag(request: HttpRequest, referentie: str) -> HttpResponse:
    """The tab "Overlegronde" of a hulpvraag: its rounds, and the button or why not (R33)."""
    gebruiker, hulpvraag = _hulpvraag(request, referentie)
    rondes = list(overlegrondes_van_hulpvraag(gebruiker, hulpvraag))
    gebeurtenissen.hulpvraag_bekeken(hulpvraag, door=gebruiker, scherm="overlegrondes")
    return render(
        request,
        "overlegrondes/hulpvraag.html",
        {
            "hulpvraag": hulpvraag,
            "rondes": rondes,
            "kan_starten": mag_overlegronde_starten(gebruiker, hulpvraag),
            "waarom_niet": waarom_geen_overlegronde(hulpvraag)
            if verwerkersovereenkomst_ontbreekt(hulpvraag)
            else "",
        },
    )


# --- Nieuwe overlegronde toevoegen --------------------------------------------------------------


def _ids(waarden: list[str]) -> list[int]:
    return list(dict.fromkeys(int(waarde) for waarde in waarden if waarde.isdigit()))


def _nieuwe_uit_post(post: Any) -> list[NieuweDeelnemer]:
    nieuwe = []
    for waarde in post.getlist("nieuw"):
        try:
            gegevens = json.loads(waarde)
            nieuwe.append(
                NieuweDeelnemer(
                    **{
                        k: str(gegevens.get(k, ""))
                        for k in ("voornaam", "achternaam", "email", "specialisme")
                    }
                )
            )
        except (ValueError, TypeError, AttributeError):
            continue
    return nieuwe


@require_http_methods(["GET", "POST"])
def nieuw(request: HttpRequest, referentie: str) -> HttpResponse:
    """R36-R38 "Nieuwe overlegronde toevoegen". One form with several buttons: Zoeken and
    Toevoegen (to Geselecteerde deelnemers), Verwijderen, "Nieuwe gebruiker" → Toevoegen, and
    Opslaan; every press shows the form again with everything typed, so it works by keyboard
    and mouse without a script or dragging."""
    gebruiker, hulpvraag = _hulpvraag(request, referentie)
    if not mag_overlegronde_starten(gebruiker, hulpvraag):
        return redirect("overlegrondes:hulpvraag", referentie=hulpvraag.referentie)
    post = request.POST if request.method == "POST" else None
    actie = post.get("actie", "") if post else ""
    mogelijk_qs = mogelijke_deelnemers(gebruiker, hulpvraag)
    kiesbaar_qs = kiesbare_deelnemers(gebruiker, hulpvraag)
    geselecteerd_ids = _ids(post.getlist("geselecteerd")) if post else []
    nieuwe = _nieuwe_uit_post(post) if post else []
    zoeken = post.get("zoeken", "").strip() if post else ""
    bericht_deelnemers = waarschuwing = ""
    naam_vragen = bool(post and post.get("naam_vragen"))

    if post and actie == "selecteren":
        erbij = _ids(post.getlist("mogelijk"))
        if not erbij:
            bericht_deelnemers = _("Vink eerst een of meer mogelijke deelnemers aan.")
        geselecteerd_ids = list(dict.fromkeys([*geselecteerd_ids, *erbij]))
    if post and post.get("verwijder_deelnemer", "").isdigit():
        weg = int(post["verwijder_deelnemer"])
        geselecteerd_ids = [pk for pk in geselecteerd_ids if pk != weg]
    if post and post.get("verwijder_nieuw", "").isdigit():
        index = int(post["verwijder_nieuw"])
        nieuwe = [n for i, n in enumerate(nieuwe) if i != index]

    nieuw_form = NieuweGebruikerForm(post if actie == "nieuw" else None, prefix="nieuw")
    if post and actie == "nieuw" and nieuw_form.is_valid():
        kandidaat = NieuweDeelnemer(**nieuw_form.cleaned_data)
        try:
            email = nieuwe_deelnemer_controleren(hulpvraag=hulpvraag, nieuw=kandidaat)
            if any(n.email.lower() == email for n in nieuwe):
                raise ValidationError({"email": _("Deze nieuwe gebruiker staat er al bij.")})
        except BestaandAccount as bestaand:
            if kiesbaar_qs.filter(pk=bestaand.gebruiker.pk).exists():
                # The warning, and the existing account selected instead of a second one.
                geselecteerd_ids = list(dict.fromkeys([*geselecteerd_ids, bestaand.gebruiker.pk]))
                waarschuwing = _(
                    "Er is al een account met het e-mailadres %(email)s: %(naam)s. Dat account "
                    "staat nu bij Geselecteerde deelnemers; er is geen tweede account gemaakt."
                ) % {"email": bestaand.gebruiker.email, "naam": bestaand.gebruiker.volledige_naam}
                nieuw_form = NieuweGebruikerForm(prefix="nieuw")
            else:
                nieuw_form.add_error(
                    "email",
                    _(
                        "Er is al een account met dit e-mailadres, maar dat kan niet deelnemen "
                        "aan een overlegronde van uw school. Gebruik een ander e-mailadres."
                    ),
                )
        except ValidationError as fout:
            for veld, fouten in fout.message_dict.items():
                nieuw_form.add_error(veld, fouten)
        else:
            nieuwe.append(
                NieuweDeelnemer(
                    voornaam=kandidaat.voornaam.strip(),
                    achternaam=kandidaat.achternaam.strip(),
                    email=email,
                    specialisme=kandidaat.specialisme.strip(),
                )
            )
            nieuw_form = NieuweGebruikerForm(prefix="nieuw")

    bijlagen = bijlagen_om_te_delen(hulpvraag)
    if post:
        form = OverlegrondeForm(post, bijlagen=bijlagen, naam_vragen=naam_vragen)
    else:
        reacties = timezone.localdate() + timedelta(days=14)
        form = OverlegrondeForm(
            bijlagen=bijlagen,
            initial={
                "einddatum_reacties": reacties,
                "einddatum_inzage": reacties + timedelta(days=7),
            },
        )
    geselecteerd = list(kiesbaar_qs.filter(pk__in=geselecteerd_ids))

    if post and actie == "opslaan":
        if form.is_valid():
            try:
                ronde = overlegronde_aanmaken(
                    hulpvraag=hulpvraag,
                    door=gebruiker,
                    onderwerp=form.cleaned_data["onderwerp"],
                    omschrijving=form.cleaned_data["omschrijving"],
                    einddatum_reacties=form.cleaned_data["einddatum_reacties"],
                    einddatum_inzage=form.cleaned_data["einddatum_inzage"],
                    deelnemers=geselecteerd,
                    nieuwe_deelnemers=nieuwe,
                    gedeelde_bijlagen=list(form.cleaned_data.get("gedeelde_bijlagen") or []),
                    naam_toch_opslaan=bool(form.cleaned_data.get("naam_toch_opslaan")),
                )
            except NaamInOverlegronde as fout:
                form = OverlegrondeForm(post, bijlagen=bijlagen, naam_vragen=True)
                form.is_valid()
                naam_vragen = True
                for veld, fouten in fout.message_dict.items():
                    form.add_error(veld, fouten)
            except ValidationError as fout:
                for veld, fouten in fout.message_dict.items():
                    if veld == "deelnemers":
                        bericht_deelnemers = " ".join(fouten)
                    elif veld in form.fields:
                        form.add_error(veld, fouten)
                    else:
                        form.add_error(None, fouten)
            except PermissionDenied as fout:
                raise Http404 from fout
            else:
                messages.success(
                    request,
                    _(
                        "De overlegronde is opgeslagen. De deelnemers hebben een e-mail "
                        "gekregen met een link en uitleg over het aanmelden."
                    ),
                )
                return redirect("overlegrondes:detail", pk=ronde.pk)
    elif post:
        # Another button: show the form again as typed, without its errors.
        form = OverlegrondeForm(post, bijlagen=bijlagen, naam_vragen=naam_vragen)
        form._errors = {}  # type: ignore[attr-defined]
        form.cleaned_data = {}

    if zoeken:
        gevonden = list(
            mogelijke_deelnemers(gebruiker, hulpvraag, zoeken).exclude(pk__in=geselecteerd_ids)[
                :MAX_MOGELIJKE_DEELNEMERS
            ]
        )
    else:
        gevonden = list(mogelijk_qs.exclude(pk__in=geselecteerd_ids)[:MAX_MOGELIJKE_DEELNEMERS])
    gebeurtenissen.hulpvraag_bekeken(hulpvraag, door=gebruiker, scherm="overlegronde_nieuw")
    return render(
        request,
        "overlegrondes/nieuw.html",
        {
            "hulpvraag": hulpvraag,
            "form": form,
            "nieuw_form": nieuw_form,
            "zoeken": zoeken,
            "gevonden": gevonden,
            "geselecteerd": geselecteerd,
            "nieuwe": [(i, n, json.dumps(n.__dict__)) for i, n in enumerate(nieuwe)],
            "bericht_deelnemers": bericht_deelnemers,
            "waarschuwing": waarschuwing,
            "naam_vragen": naam_vragen,
        },
    )


# --- One round ----------------------------------------------------------------------------------


@require_GET
@met_verloopmelding
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    """R39: onderwerp, omschrijving, participants, shared attachments and reactions."""
    gebruiker, ronde = _ronde(request, pk)
    gebeurtenissen.overlegronde_bekeken(ronde, door=gebruiker)
    return _detail_tonen(request, gebruiker, ronde, ReactieForm())


def _detail_tonen(
    request: HttpRequest,
    gebruiker: Gebruiker,
    ronde: Overlegronde,
    form: ReactieForm,
    status: int = 200,
) -> HttpResponse:
    beheren = mag_overlegronde_beheren(gebruiker, ronde)
    return render(
        request,
        "overlegrondes/detail.html",
        {
            "ronde": ronde,
            "hulpvraag": ronde.hulpvraag,
            "deelnemers": [
                (deelnemer, beheren and not deelnemer.gebruiker.has_usable_password())
                for deelnemer in ronde.deelnemers.all()
            ],
            "bijlagen": gedeelde_bijlagen_van(ronde),
            "reacties": reacties_van(ronde),
            "form": form,
            "kan_reageren": mag_reageren(gebruiker, ronde),
            "kan_beheren": beheren,
            "is_school": is_school_van(gebruiker, ronde.hulpvraag),
        },
        status=status,
    )


@require_GET
@met_verloopmelding
def dossier(request: HttpRequest, pk: int) -> HttpResponse:
    """R39: the hulpvraag's dossier, read-only: the pupil, the school, the hulpvraag."""
    gebruiker, ronde = _ronde(request, pk)
    gebeurtenissen.overlegronde_bekeken(ronde, door=gebruiker, scherm="dossier")
    return render(
        request,
        "overlegrondes/dossier.html",
        {"ronde": ronde, "hulpvraag": ronde.hulpvraag, "leerling": ronde.hulpvraag.leerling},
    )


@require_POST
@met_verloopmelding
def reageren(request: HttpRequest, pk: int) -> HttpResponse:
    gebruiker, ronde = _ronde(request, pk)
    if not mag_reageren(gebruiker, ronde):
        raise Http404
    form = ReactieForm(request.POST, request.FILES)
    if getattr(request, TE_GROOT, False):
        # The file was thrown away unread: never a reaction without the file it was sent with.
        form.add_error(
            "bestand",
            _("Het bestand is groter dan %(max)s; kies een kleiner bestand.")
            % {"max": grootte_tekst(settings.PASSEND_UPLOAD_MAX_BYTES)},
        )
    if form.is_valid():
        try:
            reactie_met_upload(
                overlegronde=ronde,
                door=gebruiker,
                tekst=form.cleaned_data["tekst"],
                upload=form.cleaned_data.get("bestand"),
            )
        except BestandGeweigerd as fout:
            form.add_error("bestand", str(fout))
        except ValidationError as fout:
            form.add_error(None, fout)
        except PermissionDenied as fout:
            raise Http404 from fout
        else:
            messages.success(request, _("Uw reactie is geplaatst."))
            return redirect("overlegrondes:detail", pk=ronde.pk)
    gebeurtenissen.overlegronde_bekeken(ronde, door=gebruiker)
    return _detail_tonen(request, gebruiker, ronde, form)


def _serveren(gebruiker: Gebruiker, ronde: Overlegronde, rij: Any, soort: str) -> HttpResponse:
    gebeurtenissen.overlegronde_bijlage_bekeken(
        ronde, door=gebruiker, bijlage_id=rij.pk, soort=soort
    )
    antwoord = FileResponse(bestand_openen(rij.opslagnaam), content_type=rij.mime)
    antwoord["Content-Length"] = str(rij.grootte)
    antwoord["Content-Disposition"] = content_disposition(rij.bestandsnaam, inline=False)
    antwoord["X-Content-Type-Options"] = "nosniff"
    antwoord["Cache-Control"] = "private, no-store"
    antwoord["Content-Security-Policy"] = CSP_SANDBOX
    return antwoord  # type: ignore[return-value]


@require_GET
@met_verloopmelding
def bijlage(request: HttpRequest, pk: int, bijlage_pk: int) -> HttpResponse:
    """A shared attachment, downloaded through the round (P2: logged with the round)."""
    gebruiker, ronde = _ronde(request, pk)
    gedeeld = gedeelde_bijlagen_van(ronde).filter(pk=bijlage_pk).first()
    if gedeeld is None:
        raise Http404
    return _serveren(gebruiker, ronde, gedeeld, "gedeeld")


@require_GET
@met_verloopmelding
def reactiebijlage(request: HttpRequest, pk: int, reactie_pk: int) -> HttpResponse:
    gebruiker, ronde = _ronde(request, pk)
    reactie = reacties_van(ronde).filter(pk=reactie_pk).first()
    if reactie is None or not hasattr(reactie, "bijlage"):
        raise Http404
    return _serveren(gebruiker, ronde, reactie.bijlage, "reactie")


@require_http_methods(["GET", "POST"])
def bewerken(request: HttpRequest, pk: int) -> HttpResponse:
    """R40: the school extends the round by editing its dates."""
    gebruiker = ingelogde_gebruiker(request)
    ronde = (
        Overlegronde.objects.van_school(gebruiker).select_related("hulpvraag").filter(pk=pk).first()
    )
    if ronde is None or not mag_overlegronde_beheren(gebruiker, ronde):
        raise Http404
    form = DatumsForm(
        request.POST if request.method == "POST" else None,
        initial={
            "einddatum_reacties": ronde.einddatum_reacties,
            "einddatum_inzage": ronde.einddatum_inzage,
        },
    )
    if request.method == "POST":
        # A date of reactions already past may stay as it is when only inzage is extended.
        form.fields["einddatum_reacties"].vroegst = None  # type: ignore[attr-defined]
    if request.method == "POST" and form.is_valid():
        try:
            overlegronde_wijzigen(overlegronde=ronde, door=gebruiker, **form.cleaned_data)
        except ValidationError as fout:
            for veld, fouten in fout.message_dict.items():
                form.add_error(veld if veld in form.fields else None, fouten)
        except PermissionDenied as fout:
            raise Http404 from fout
        else:
            messages.success(request, _("De einddata van de overlegronde zijn opgeslagen."))
            return redirect("overlegrondes:detail", pk=ronde.pk)
    return render(request, "overlegrondes/bewerken.html", {"ronde": ronde, "form": form})


@require_POST
def sluiten(request: HttpRequest, pk: int) -> HttpResponse:
    """R40: close a round early; the participants see nothing of it any more."""
    gebruiker = ingelogde_gebruiker(request)
    ronde = Overlegronde.objects.van_school(gebruiker).filter(pk=pk).first()
    if ronde is None:
        raise Http404
    try:
        overlegronde_sluiten(overlegronde=ronde, door=gebruiker)
    except PermissionDenied as fout:
        raise Http404 from fout
    messages.success(request, _("De overlegronde is gesloten. De deelnemers zien hem niet meer."))
    return redirect("overlegrondes:detail", pk=ronde.pk)


@require_POST
def activatielink(request: HttpRequest, pk: int, deelnemer_pk: int) -> HttpResponse:
    """A new activation link for a participant whose link expired (issue 13 item 5)."""
    gebruiker = ingelogde_gebruiker(request)
    ronde = Overlegronde.objects.van_school(gebruiker).filter(pk=pk).first()
    deelnemer = (
        Deelnemer.objects.filter(overlegronde=ronde, pk=deelnemer_pk)
        .select_related("gebruiker")
        .first()
        if ronde
        else None
    )
    if ronde is None or deelnemer is None:
        raise Http404
    try:
        activatielink_opnieuw_versturen(overlegronde=ronde, door=gebruiker, deelnemer=deelnemer)
    except PermissionDenied as fout:
        raise Http404 from fout
    except ValidationError as fout:
        messages.error(request, " ".join(fout.messages))
    else:
        messages.success(
            request,
            _("%(naam)s heeft een nieuwe activatielink gekregen.")
            % {"naam": deelnemer.gebruiker.volledige_naam},
        )
    return redirect("overlegrondes:detail", pk=ronde.pk)

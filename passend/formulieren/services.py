"""Filling in forms (R23-R31): attach, answer, sign, withdraw, and what is still missing.
Each change checks the rights of `door` per question and writes its access-log row in the same
transaction."""

from collections.abc import Mapping
from datetime import date, timedelta
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from passend.accounts.models import Gebruiker
from passend.accounts.rechten import rolfeiten, werkt_op_school
from passend.audit import gebeurtenissen
from passend.bijlagen.models import Bijlage
from passend.formulieren.definitie import COORDINATOR, Definitie, Soort, Vraag, definitie_lezen
from passend.formulieren.models import (
    Formulier,
    Formulierdefinitie,
    Formulierversie,
    Ondertekening,
    Termijn,
)
from passend.formulieren.rechten import (
    mag_ondertekenen,
    mag_ondertekening_intrekken,
    schrijfbare_vragen,
)
from passend.formulieren.waarden import is_leeg, naar_opslag, uit_opslag
from passend.hulpvragen.models import Hulpvraag
from passend.notificaties.services import bericht_versturen


def formulier_koppelen(hulpvraag: Hulpvraag, definitie: Formulierdefinitie) -> Formulier:
    """The form on this hulpvraag, started on the definition's current version; a hulpvraag
    that has one of this definition keeps it (with its answers and version)."""
    bestaand = Formulier.objects.filter(hulpvraag=hulpvraag, versie__definitie=definitie).first()
    if bestaand is not None:
        return bestaand
    versie = definitie.huidige_versie()
    if versie is None:
        raise ValidationError(
            _("Het formulier %(naam)s heeft nog geen vragen.") % {"naam": definitie.naam}
        )
    return Formulier.objects.create(hulpvraag=hulpvraag, versie=versie)


def getoonde_vragen(definitie: Definitie, antwoorden: Mapping[str, Any]) -> list[Vraag]:
    """The questions whose condition holds for these answers (R24: "show B when A is ja")."""
    return [
        vraag
        for vraag in definitie.vragen
        if vraag.toon_als is None or vraag.toon_als.geldt(antwoorden.get(vraag.toon_als.vraag))
    ]


def geldige_ondertekeningen(formulier: Formulier) -> dict[str, Ondertekening]:
    return {
        o.vraag: o
        for o in formulier.ondertekeningen.filter(ingetrokken_op__isnull=True).select_related(
            "door"
        )
    }


def ontbrekend(formulier: Formulier) -> list[Vraag]:
    """The required questions shown and still unanswered, signatures included, in order."""
    getekend = geldige_ondertekeningen(formulier)
    return [
        vraag
        for vraag in getoonde_vragen(formulier.definitie, formulier.antwoorden)
        if vraag.verplicht
        and (
            vraag.code not in getekend
            if vraag.soort == Soort.ONDERTEKENING
            else is_leeg(formulier.antwoorden.get(vraag.code))
        )
    ]


def kiesbare_accounts(formulier: Formulier, vraag: Vraag) -> list[Gebruiker]:
    """For an account question: the active accounts with one of its roles at the hulpvraag's
    school (a school role) or of its SWV (an SWV role)."""
    hulpvraag = formulier.hulpvraag
    kandidaten = (
        Gebruiker.objects.filter(
            swv=hulpvraag.swv_id, is_active=True, rollen__code__in=vraag.rollen
        )
        .distinct()
        .order_by("achternaam", "voornaam")
    )
    school_id = hulpvraag.schoolgegevens.school_id
    return [
        gebruiker
        for gebruiker in kandidaten
        if rolfeiten(gebruiker).werkt_voor_swv or werkt_op_school(gebruiker, school_id)
    ]


@transaction.atomic
def antwoorden_opslaan(
    *, formulier: Formulier, door: Gebruiker, antwoorden: Mapping[str, Any]
) -> Formulier:
    """Stores the answers `door` gives, question code → Python value (None empties it). A
    question `door` may not write is refused whole (PermissionDenied), whatever a POST holds;
    a value that does not fit its question is refused with a message per question, and then
    nothing is stored. Choosing the bevoegd gezag gives that account write rights on its
    questions."""
    formulier = Formulier.objects.select_for_update().get(pk=formulier.pk)
    definitie = formulier.definitie
    schrijfbaar = schrijfbare_vragen(door, formulier)
    fouten: dict[str, list[str]] = {}
    nieuw = dict(formulier.antwoorden)
    for code, waarde in antwoorden.items():
        vraag = definitie.vraag(code)
        if vraag is None or vraag.soort == Soort.ONDERTEKENING or code not in schrijfbaar:
            raise PermissionDenied
        try:
            nieuw[code] = naar_opslag(vraag, waarde)
            _verwijzing_controleren(formulier, vraag, nieuw[code])
        except ValidationError as fout:
            fouten[code] = fout.messages
    if not fouten:
        fouten = _samenhang_toepassen(definitie, nieuw, gegeven=antwoorden)
    if fouten:
        raise ValidationError(fouten)
    gewijzigd = {
        code
        for code in set(nieuw) | set(formulier.antwoorden)
        if nieuw.get(code) != formulier.antwoorden.get(code)
    }
    if not gewijzigd:
        return formulier
    _niet_ondertekend(formulier)
    aanwijzer = definitie.bevoegd_gezag_vraag
    if aanwijzer is not None and aanwijzer.code in gewijzigd:
        _bevoegd_gezag_wisselen(formulier, nieuw.get(aanwijzer.code))
    formulier.antwoorden = {code: waarde for code, waarde in nieuw.items() if waarde is not None}
    formulier.gewijzigd_op = timezone.now()
    formulier.save(update_fields=["antwoorden", "bevoegd_gezag", "gewijzigd_op"])
    for code in gewijzigd:
        vraag = definitie.vraag(code)
        assert vraag is not None  # noqa: S101 (every code was looked up above)
        if vraag.herinneren_dagen_vooraf is not None:
            _termijn_zetten(formulier, vraag, uit_opslag(vraag, nieuw.get(code)))
        if vraag.informeert == COORDINATOR and nieuw.get(code) is True:
            _coordinator_informeren(formulier, vraag)
    gebeurtenissen.formulier_gewijzigd(
        formulier.hulpvraag, door=door, formulier=formulier.versie.definitie.code, vragen=gewijzigd
    )
    return formulier


def _samenhang_toepassen(
    definitie: Definitie, nieuw: dict[str, Any], *, gegeven: Mapping[str, Any]
) -> dict[str, list[str]]:
    """The rules between questions, on the answers as they will be: a date left empty takes its
    default, answers to questions a condition now hides are dropped (and refused when given),
    a date lies not before the one it follows, and two answers that must differ do."""
    for vraag in definitie.vragen:
        bron = nieuw.get(vraag.einde_schooljaar_van) if vraag.einde_schooljaar_van else None
        if bron is not None and nieuw.get(vraag.code) is None:
            begin = date.fromisoformat(bron)
            nieuw[vraag.code] = date(begin.year + (begin.month >= 8), 7, 31).isoformat()
    fouten: dict[str, list[str]] = {}
    getoond = {v.code for v in getoonde_vragen(definitie, nieuw)}
    for vraag in definitie.vragen:
        if vraag.code in getoond or nieuw.get(vraag.code) is None:
            continue
        if not is_leeg(gegeven.get(vraag.code)):
            bron = definitie.vraag(vraag.toon_als.vraag) if vraag.toon_als else None
            fouten[vraag.code] = [
                _("Deze vraag hoort niet bij uw antwoord op ‘%(vraag)s’; laat hem leeg.")
                % {"vraag": bron.vraag if bron else ""}
            ]
        nieuw[vraag.code] = None
    for vraag in definitie.vragen:
        waarde = nieuw.get(vraag.code)
        if waarde is None:
            continue
        eerste_datum = nieuw.get(vraag.niet_voor) if vraag.niet_voor else None
        if eerste_datum is not None and waarde < eerste_datum:  # ISO dates sort as dates
            eerder = definitie.vraag(vraag.niet_voor)
            fouten.setdefault(vraag.code, []).append(
                _("Deze datum ligt vóór ‘%(vraag)s’.") % {"vraag": eerder.vraag if eerder else ""}
            )
        if vraag.verschilt_van and _zelfde(waarde, nieuw.get(vraag.verschilt_van)):
            ander = definitie.vraag(vraag.verschilt_van)
            fouten.setdefault(vraag.code, []).append(
                _("Dit moet een ander antwoord zijn dan bij ‘%(vraag)s’.")
                % {"vraag": ander.vraag if ander else ""}
            )
    return fouten


def _zelfde(een: Any, ander: Any) -> bool:
    if isinstance(een, str) and isinstance(ander, str):
        return " ".join(een.casefold().split()) == " ".join(ander.casefold().split())
    return een == ander


def kiesbare_bijlagen(formulier: Formulier, vraag: Vraag) -> QuerySet[Bijlage]:
    """For an attachment question: the hulpvraag's attachments, of its kind when it names one
    (a deskundigenadvies)."""
    bijlagen = Bijlage.objects.filter(hulpvraag=formulier.hulpvraag_id)
    if vraag.documenttype:
        bijlagen = bijlagen.filter(documenttype__code=vraag.documenttype)
    return bijlagen.order_by("bestandsnaam")


def kiesbare_hulpvragen(formulier: Formulier, vraag: Vraag) -> list[Hulpvraag]:
    """For a hulpvraag question: the same pupil's other hulpvragen in one of its statuses (a
    TLV -Verlenging names the TLV it extends)."""
    return list(
        Hulpvraag.objects.filter(
            leerling=formulier.hulpvraag.leerling_id, status__code__in=vraag.statussen
        )
        .exclude(pk=formulier.hulpvraag_id)
        .select_related("titel")
        .order_by("-hulpvraagdatum")
    )


def _termijn_zetten(formulier: Formulier, vraag: Vraag, datum: date | None) -> None:
    """A new date starts its reminders afresh; an emptied date has none."""
    if datum is None:
        Termijn.objects.filter(formulier=formulier, vraag=vraag.code).delete()
        return
    Termijn.objects.update_or_create(
        formulier=formulier,
        vraag=vraag.code,
        defaults={
            "datum": datum,
            "herinneren_vanaf": datum - timedelta(days=vraag.herinneren_dagen_vooraf or 0),
            "ook_na_einde": vraag.herinneren_ook_na_einde,
            "school_herinnerd_op": None,
            "verlopen_gemeld_op": None,
        },
    )


def _coordinator_informeren(formulier: Formulier, vraag: Vraag) -> None:
    """R28: "informeer coördinator" answered ja. Without a coördinator the SWV's staff who
    handle the process see it in their queue instead; nobody is mailed."""
    hulpvraag = formulier.hulpvraag
    if hulpvraag.coordinator is None:
        return
    bericht_versturen(
        swv=hulpvraag.swv,
        aan=[hulpvraag.coordinator.email],
        sjabloon="formulieren/mail/coordinator_geinformeerd.txt",
        context={
            "formulier": formulier.versie.definitie.naam,
            "vraag": vraag.vraag,
            "referentie": hulpvraag.referentie,
            "link": link_naar(formulier),
            "swv": hulpvraag.swv,
        },
    )


def link_naar(formulier: Formulier) -> str:
    return settings.PASSEND_BASIS_URL + reverse(
        "formulieren:tonen", args=[formulier.hulpvraag.referentie, formulier.pk]
    )


def _verwijzing_controleren(formulier: Formulier, vraag: Vraag, waarde: Any) -> None:
    """An account or attachment answer names one that belongs here."""
    if waarde is None:
        return
    if vraag.soort == Soort.ACCOUNT and waarde not in {
        gebruiker.pk for gebruiker in kiesbare_accounts(formulier, vraag)
    }:
        raise ValidationError(_("Kies een account uit de lijst."))
    if vraag.soort == Soort.BIJLAGE and not kiesbare_bijlagen(formulier, vraag).filter(pk=waarde):
        raise ValidationError(_("Kies een bijlage van deze hulpvraag uit de lijst."))
    if vraag.soort == Soort.HULPVRAAG and waarde not in {
        hulpvraag.pk for hulpvraag in kiesbare_hulpvragen(formulier, vraag)
    }:
        raise ValidationError(_("Kies een hulpvraag uit de lijst."))


def _niet_ondertekend(formulier: Formulier) -> None:
    """A signature is given to these answers: while it stands, nobody changes them (the bevoegd
    gezag included). Only its signer withdraws it, before submission."""
    ondertekening = (
        formulier.ondertekeningen.filter(ingetrokken_op__isnull=True).select_related("door").first()
    )
    if ondertekening is not None:
        raise ValidationError(
            _(
                "%(naam)s heeft dit formulier op %(datum)s ondertekend. Wijzigen kan pas als "
                "%(naam)s de ondertekening intrekt; vraag dat eerst."
            )
            % {
                "naam": ondertekening.door.volledige_naam,
                "datum": timezone.localtime(ondertekening.op).strftime("%d-%m-%Y"),
            }
        )


def _bevoegd_gezag_wisselen(formulier: Formulier, gebruiker_id: int | None) -> None:
    """The chosen account gets a mail with the link, without pupil or answers (R24, P3)."""
    formulier.bevoegd_gezag_id = gebruiker_id
    if gebruiker_id is None:
        return
    hulpvraag = formulier.hulpvraag
    bericht_versturen(
        swv=hulpvraag.swv,
        aan=[Gebruiker.objects.get(pk=gebruiker_id).email],
        sjabloon="formulieren/mail/bevoegd_gezag_gekozen.txt",
        context={
            "formulier": formulier.versie.definitie.naam,
            "referentie": hulpvraag.referentie,
            "link": link_naar(formulier),
            "swv": hulpvraag.swv,
        },
    )


@transaction.atomic
def ondertekenen(*, formulier: Formulier, vraag_code: str, door: Gebruiker) -> Ondertekening:
    """A deliberate act of `door`, recorded with the time and in the access log. Only when every
    other required question shown is answered: a signature is given to a complete form."""
    formulier = Formulier.objects.select_for_update().get(pk=formulier.pk)
    vraag = formulier.definitie.vraag(vraag_code)
    if vraag is None or not mag_ondertekenen(door, formulier, vraag):
        raise PermissionDenied
    if formulier.ondertekeningen.filter(vraag=vraag.code, ingetrokken_op__isnull=True).exists():
        raise ValidationError(_("Dit is al ondertekend."))
    open_vragen = [v.vraag for v in ontbrekend(formulier) if v.soort != Soort.ONDERTEKENING]
    if open_vragen:
        raise ValidationError(
            _("Onderteken als het formulier verder compleet is. Nog niet ingevuld: %(vragen)s.")
            % {"vragen": "; ".join(open_vragen)}
        )
    ondertekening = Ondertekening.objects.create(formulier=formulier, vraag=vraag.code, door=door)
    gebeurtenissen.formulier_ondertekend(
        formulier.hulpvraag, door=door, formulier=formulier.versie.definitie.code, vraag=vraag.code
    )
    return ondertekening


@transaction.atomic
def ondertekening_intrekken(*, ondertekening: Ondertekening, door: Gebruiker) -> None:
    ondertekening = Ondertekening.objects.select_for_update().get(pk=ondertekening.pk)
    if not mag_ondertekening_intrekken(door, ondertekening):
        raise PermissionDenied
    ondertekening.ingetrokken_op = timezone.now()
    ondertekening.save(update_fields=["ingetrokken_op"])
    formulier = ondertekening.formulier
    gebeurtenissen.ondertekening_ingetrokken(
        formulier.hulpvraag,
        door=door,
        formulier=formulier.versie.definitie.code,
        vraag=ondertekening.vraag,
    )


@transaction.atomic
def nieuwe_versie_opslaan(
    *, definitie: Formulierdefinitie, inhoud: dict[str, Any], door: Gebruiker
) -> Formulierversie | None:
    """Issue 12 item 8: an edited definition becomes a new version, numbered on; forms already
    filled keep theirs. Nothing is written when the questions did not change. The definition
    is checked whole first (DefinitieFout lists every error)."""
    definitie_lezen(inhoud)
    huidige = (
        Formulierversie.objects.select_for_update().filter(definitie=definitie).order_by("-nummer")
    ).first()
    if huidige is not None and huidige.inhoud == inhoud:
        return None
    return Formulierversie.objects.create(
        definitie=definitie,
        nummer=(huidige.nummer + 1) if huidige else 1,
        inhoud=inhoud,
        aangemaakt_door=door,
    )

"""Every write of retention (B9): the SWV's terms and its review setting, a legal hold on a
pupil, the review of a dry run, and the removal itself. Rights through rechten.py; every
change in the beheerlog (audit.gebeurtenissen), a removal with counts and references only.

The removal takes exactly what `selectors.verlopen` lists, the function the dry-run report
shows, so the two cannot differ. History tables are append-only; retention is the one
deliberate path past that (`core.models.bewaartermijn_verwijderen`). Stored files are
removed only after the commit: a rolled-back run leaves every file in place.
"""

import logging
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from urllib.parse import unquote_plus

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from passend.accounts.models import Gebruiker
from passend.audit import gebeurtenissen
from passend.audit.models import Inzage
from passend.bewaren.models import (
    Bewaarinstellingen,
    Bewaarplicht,
    Bewaartermijn,
    Eenheid,
    Proefronde,
    Soort,
)
from passend.bewaren.rechten import mag_bewaarplicht_zetten, mag_bewaren_beheren
from passend.bewaren.selectors import (
    Ronde,
    bewaarinstellingen,
    laatste_proefronde,
    termijnen,
    verlopen,
    verlopen_inzage,
)
from passend.bijlagen.models import Bijlage, Bijlageverwijdering, WachtendeBijlage
from passend.bijlagen.opslag import bestand_verwijderen
from passend.core.models import bewaartermijn_verwijderen
from passend.core.normalize import zoeksleutel
from passend.dossiers.models import Leerling
from passend.formulieren.models import Formulier, Ondertekening
from passend.hulpvragen.models import Hulpvraag, Statuswijziging
from passend.koppelingen.models import Aanvraag, Conceptbijlage, Osogegevens
from passend.organisaties.models import Samenwerkingsverband
from passend.overlegrondes.models import Overlegronde, Reactie, Reactiebijlage

logger = logging.getLogger(__name__)

# --- The terms and the review setting ------------------------------------------------------------


def _stand(swv: Samenwerkingsverband) -> dict[str, object]:
    stand: dict[str, object] = {
        soort: f"{termijn.aantal} {termijn.eenheid}" for soort, termijn in termijnen(swv).items()
    }
    stand["alleen_na_beoordeelde_proefronde"] = bewaarinstellingen(
        swv
    ).alleen_na_beoordeelde_proefronde
    return stand


@transaction.atomic
def bewaartermijnen_wijzigen(
    *,
    door: Gebruiker,
    termijnen_per_soort: Mapping[str, tuple[int, str]],
    alleen_na_beoordeelde_proefronde: bool,
) -> None:
    """The SWV's own numbers: per kind a number and a unit (months or years)."""
    if not mag_bewaren_beheren(door):
        raise PermissionDenied
    swv = door.swv
    voor = _stand(swv)
    fouten: dict[str, list[ValidationError]] = {}
    for soort, (aantal, eenheid) in termijnen_per_soort.items():
        if soort not in Soort.values or eenheid not in Eenheid.values:
            raise ValidationError(_("Onbekende soort of eenheid."))
        termijn = Bewaartermijn.objects.filter(swv=swv, soort=soort).first() or Bewaartermijn(
            swv=swv, soort=soort
        )
        termijn.aantal, termijn.eenheid = aantal, eenheid
        try:
            termijn.full_clean()
        except ValidationError as fout:
            fouten[f"{soort}_aantal"] = [ValidationError(m) for m in fout.messages]
            continue
        termijn.save()
    if fouten:
        raise ValidationError(fouten)  # type: ignore[arg-type]
    instellingen = bewaarinstellingen(swv)
    instellingen.alleen_na_beoordeelde_proefronde = alleen_na_beoordeelde_proefronde
    instellingen.full_clean()
    instellingen.save()
    na = _stand(swv)
    if na != voor:
        gebeurtenissen.bewaartermijnen_gewijzigd(swv, door=door, voor=voor, na=na)


# --- Legal hold --------------------------------------------------------------------------------


@transaction.atomic
def bewaarplicht_zetten(*, door: Gebruiker, leerling: Leerling, reden: str) -> Bewaarplicht:
    """Nothing of the pupil is removed while the hold stands, whatever its terms say."""
    if not mag_bewaarplicht_zetten(door, leerling):
        raise PermissionDenied
    if not reden.strip():
        raise ValidationError({"reden": _("Vul de reden van de bewaarplicht in.")})
    bestaand = Bewaarplicht.objects.select_for_update().filter(leerling=leerling).first()
    if bestaand is not None:
        bestaand.reden = reden.strip()
        bestaand.full_clean()
        bestaand.save(update_fields=["reden"])
        return bestaand
    plicht = Bewaarplicht(leerling=leerling, reden=reden.strip(), gezet_door=door)
    plicht.full_clean()
    plicht.save()
    gebeurtenissen.bewaarplicht_gewijzigd(
        leerling, door=door, voor={"bewaarplicht": False}, na={"bewaarplicht": True}
    )
    return plicht


@transaction.atomic
def bewaarplicht_opheffen(*, door: Gebruiker, leerling: Leerling) -> None:
    if not mag_bewaarplicht_zetten(door, leerling):
        raise PermissionDenied
    verwijderd, _per_model = Bewaarplicht.objects.filter(leerling=leerling).delete()
    if verwijderd:
        gebeurtenissen.bewaarplicht_gewijzigd(
            leerling, door=door, voor={"bewaarplicht": True}, na={"bewaarplicht": False}
        )


# --- Reviewing the dry run ---------------------------------------------------------------------


@transaction.atomic
def proefronde_beoordelen(
    *, door: Gebruiker, vingerafdruk: str, nu: datetime | None = None
) -> Proefronde:
    """ "Proefronde beoordeeld": records who reviewed which list, when. `vingerafdruk` is the
    list the reviewer saw; when it has changed since, nothing is recorded."""
    if not mag_bewaren_beheren(door):
        raise PermissionDenied
    ronde = verlopen(door.swv, nu=nu)
    if ronde.vingerafdruk != vingerafdruk:
        raise ValidationError(
            _("De lijst is veranderd sinds u hem opende. Bekijk hem opnieuw en beoordeel dan.")
        )
    proef = Proefronde(
        swv=door.swv,
        beoordeeld_door=door,
        beoordeeld_op=nu or timezone.now(),
        hulpvragen=sorted(item.hulpvraag_id for item in ronde.hulpvragen),
        leerlingen=list(ronde.leerlingen),
        inzage_tot=ronde.inzage_tot,
        vingerafdruk=ronde.vingerafdruk,
    )
    proef.full_clean()
    proef.save()
    gebeurtenissen.proefronde_beoordeeld(
        door.swv, door=door, aantallen=ronde.aantallen(), vingerafdruk=ronde.vingerafdruk
    )
    return proef


# --- The removal -------------------------------------------------------------------------------


@dataclass
class Resultaat:
    uitgevoerd: bool
    reden: str = ""
    aantallen: dict[str, int] = field(default_factory=dict)
    hulpvragen: dict[str, list[str]] = field(default_factory=dict)
    leerlingen: list[int] = field(default_factory=list)


def _beoordeeld_deel(ronde: Ronde, proef: Proefronde) -> Ronde:
    """Of today's list, what the reviewed list held too: newer items wait for a review."""
    hulpvragen = tuple(item for item in ronde.hulpvragen if item.hulpvraag_id in proef.hulpvragen)
    over = {item.hulpvraag_id for item in hulpvragen}
    leerlingen = tuple(
        leerling
        for leerling in ronde.leerlingen
        if leerling in proef.leerlingen
        and all(
            item.hulpvraag_id in over for item in ronde.hulpvragen if item.leerling_id == leerling
        )
    )
    inzage_tot = min(ronde.inzage_tot, proef.inzage_tot or ronde.inzage_tot)
    return Ronde(
        swv=ronde.swv,
        vandaag=ronde.vandaag,
        hulpvragen=hulpvragen,
        leerlingen=leerlingen,
        inzage_tot=inzage_tot,
        inzage_aantal=verlopen_inzage(ronde.swv, inzage_tot).count(),
    )


def _hulpvragen_verwijderen(ids: list[int]) -> list[str]:
    """The hulpvragen with everything hanging on them; returns the stored files' names."""
    opslagnamen: list[str] = []
    rondes = Overlegronde.objects.filter(hulpvraag__in=ids)
    reactiebijlagen = Reactiebijlage.objects.filter(reactie__overlegronde__in=rondes)
    opslagnamen += reactiebijlagen.values_list("opslagnaam", flat=True)
    reactiebijlagen.delete()
    Reactie.objects.filter(overlegronde__in=rondes).delete()
    rondes.delete()  # participants and shared links go with the round
    Ondertekening.objects.filter(formulier__hulpvraag__in=ids).delete()
    Formulier.objects.filter(hulpvraag__in=ids).delete()  # its Termijn rows with it
    concepten = Conceptbijlage.objects.filter(aanvraag__hulpvraag__in=ids)
    opslagnamen += concepten.values_list("opslagnaam", flat=True)
    concepten.delete()
    Aanvraag.objects.filter(hulpvraag__in=ids).delete()
    Osogegevens.objects.filter(hulpvraag__in=ids).delete()
    for model in (WachtendeBijlage, Bijlage):
        rijen = model.objects.filter(hulpvraag__in=ids)  # type: ignore[attr-defined]
        opslagnamen += rijen.values_list("opslagnaam", flat=True)
        rijen.delete()
    Bijlageverwijdering.objects.filter(hulpvraag__in=ids).na_bewaartermijn_verwijderen()
    Statuswijziging.objects.filter(hulpvraag__in=ids).na_bewaartermijn_verwijderen()
    Hulpvraag.objects.filter(pk__in=ids).delete()
    return opslagnamen


def _inzage_pseudonimiseren(swv: Samenwerkingsverband, namen: set[str]) -> int:
    """The access log keeps ids only, except a list's or export's search filter as typed
    (`details["filter"]`), which may hold a removed pupil's name: that text goes."""
    if not namen:
        return 0
    aantal = 0
    for rij in Inzage.objects.filter(swv_code=swv.code, details__has_key="filter").only(
        "pk", "details"
    ):
        tekst = zoeksleutel(unquote_plus(str(rij.details.get("filter", ""))))
        if any(naam in tekst for naam in namen):
            details = {k: v for k, v in rij.details.items() if k != "filter"}
            details["filter_verwijderd"] = "bewaartermijn"
            aantal += Inzage.objects.filter(pk=rij.pk).na_bewaartermijn_wijzigen(details=details)
    return aantal


def _bestanden_verwijderen(opslagnamen: list[str]) -> None:
    for naam in opslagnamen:
        bestand_verwijderen(naam)


@transaction.atomic
def bewaarronde_uitvoeren(
    *, swv: Samenwerkingsverband, nu: datetime | None = None, door: Gebruiker | None = None
) -> Resultaat:
    """B9: removes what is past its term at `swv` (the periodic job, `door` None; or an
    administrator). With the SWV's review setting on, only what a reviewed dry run listed;
    without a review nothing, and the run says why in the log."""
    if door is not None and not (mag_bewaren_beheren(door) and door.swv_id == swv.pk):
        raise PermissionDenied
    ronde = verlopen(swv, nu=nu)
    wachtend = 0
    if bewaarinstellingen(swv).alleen_na_beoordeelde_proefronde:
        proef = laatste_proefronde(swv)
        if proef is None:
            reden = "geen beoordeelde proefronde"
            gebeurtenissen.bewaarronde_overgeslagen(swv, door=door, reden=reden)
            return Resultaat(uitgevoerd=False, reden=reden)
        beoordeeld = _beoordeeld_deel(ronde, proef)
        wachtend = len(ronde.hulpvragen) - len(beoordeeld.hulpvragen)
        ronde = beoordeeld

    ids = [item.hulpvraag_id for item in ronde.hulpvragen]
    namen = {
        sleutel
        for sleutel in (
            zoeksleutel(achternaam)
            for achternaam in Leerling.objects.filter(pk__in=ronde.leerlingen).values_list(
                "achternaam", flat=True
            )
        )
        if len(sleutel) >= 2
    }
    with bewaartermijn_verwijderen():
        opslagnamen = _hulpvragen_verwijderen(ids)
        Leerling.objects.filter(pk__in=ronde.leerlingen).delete()  # addresses, schoolgegevens
        gepseudonimiseerd = _inzage_pseudonimiseren(swv, namen)
        inzage = verlopen_inzage(swv, ronde.inzage_tot).na_bewaartermijn_verwijderen()
    transaction.on_commit(lambda: _bestanden_verwijderen(opslagnamen))

    per_soort = ronde.per_soort()
    resultaat = Resultaat(
        uitgevoerd=True,
        aantallen={
            **{soort: len(per_soort[soort]) for soort in Soort.values if soort != "inzagelog"},
            "leerlingen": len(ronde.leerlingen),
            "bestanden": len(opslagnamen),
            "inzagelog": inzage,
            "inzagelog_gepseudonimiseerd": gepseudonimiseerd,
            "wacht_op_beoordeling": wachtend,
        },
        hulpvragen={
            soort: [item.referentie for item in items]
            for soort, items in per_soort.items()
            if items
        },
        leerlingen=list(ronde.leerlingen),
    )
    gebeurtenissen.bewaarronde_uitgevoerd(
        swv,
        door=door,
        aantallen=resultaat.aantallen,
        hulpvragen=resultaat.hulpvragen,
        leerlingen=resultaat.leerlingen,
    )
    return resultaat


def bewaarrondes_uitvoeren(nu: datetime | None = None) -> str:
    """Periodic (`manage.py periodiek`): once a day per SWV, however often cron calls."""
    nu = nu or timezone.now()
    vandaag = timezone.localdate(nu)
    hulpvragen = leerlingen = overgeslagen = mislukt = 0
    for swv in Samenwerkingsverband.objects.order_by("code"):
        try:
            with transaction.atomic():
                instellingen, _nieuw = Bewaarinstellingen.objects.select_for_update().get_or_create(
                    swv=swv
                )
                if instellingen.laatste_ronde_op == vandaag:
                    continue
                resultaat = bewaarronde_uitvoeren(swv=swv, nu=nu)
                instellingen.laatste_ronde_op = vandaag
                instellingen.save(update_fields=["laatste_ronde_op"])
        except Exception:
            # One SWV's failure (rolled back whole) leaves the others' runs; tried again next
            # call, as its day is not marked done.
            logger.exception("Bewaarronde mislukt", extra={"swv": swv.code})
            mislukt += 1
            continue
        if not resultaat.uitgevoerd:
            overgeslagen += 1
            continue
        hulpvragen += sum(len(refs) for refs in resultaat.hulpvragen.values())
        leerlingen += len(resultaat.leerlingen)
    return (
        f"Bewaartermijnen: {hulpvragen} hulpvraag/hulpvragen en {leerlingen} leerling(en) "
        f"verwijderd; {overgeslagen} samenwerkingsverband(en) wachten op een beoordeelde "
        f"proefronde; {mislukt} ronde(s) mislukt."
    )

"""What is past its term (B9): one function, `verlopen`, that the dry-run report and the
removal both call, so what the screen lists is what goes.

The kinds, per hulpvraag (a hulpvraag is of exactly one kind, in this order):
- TLV-besluit: it holds a "Besluit TLV" form with an einddatum; kept until the term after
  that date, the whole hulpvraag with it (the decision's grounds stay with the decision).
  Without an einddatum: 31 July of the school year of the ingangsdatum (the form's own rule),
  else of the besluitdatum, else the day the hulpvraag closed.
- Nooit ingediend: it never reached a status the SWV sees; the term counts from its last change
  (created, status, attachment added, form saved).
- Afgesloten ondersteuningsdossier: it is in a final status; the term counts from that status.
Open hulpvragen are never past their term. A pupil goes when every hulpvraag of it goes; a pupil
under a legal hold (Bewaarplicht) is never touched, nor its access log.
"""

import calendar
import hashlib
import json
from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime, time

from django.db.models import Exists, Max, OuterRef, QuerySet, Subquery
from django.utils import timezone

from passend.accounts.models import Gebruiker
from passend.audit.models import Inzage
from passend.bewaren.models import (
    STANDAARD,
    Bewaarinstellingen,
    Bewaarplicht,
    Bewaartermijn,
    Proefronde,
    Soort,
)
from passend.bewaren.rechten import mag_bewaarplicht_zetten, mag_bewaren_beheren
from passend.bijlagen.models import Bijlage
from passend.core.models import AlleenToevoegenQuerySet
from passend.dossiers.models import Leerling
from passend.formulieren.models import Formulier
from passend.hulpvragen.models import Hulpvraag, Statuswijziging
from passend.organisaties.models import Samenwerkingsverband

# The form that holds a TLV decision (formulieren/presets/ppo_rotterdam.yaml).
TLV_BESLUIT_FORMULIER = "besluit_tlv"


def min_maanden(dag: date, maanden: int) -> date:
    """The same day `maanden` months earlier (the last day of a shorter month)."""
    jaar, maand = divmod(dag.year * 12 + dag.month - 1 - maanden, 12)
    maand += 1
    return date(jaar, maand, min(dag.day, calendar.monthrange(jaar, maand)[1]))


def plus_maanden(dag: date, maanden: int) -> date:
    return min_maanden(dag, -maanden)


def _begin_van(dag: date) -> datetime:
    return timezone.make_aware(datetime.combine(dag, time.min))


def termijnen(swv: Samenwerkingsverband) -> dict[str, Bewaartermijn]:
    """Every kind's term at this SWV: its own row, or the default (unsaved)."""
    eigen = {t.soort: t for t in Bewaartermijn.objects.filter(swv=swv)}
    return {
        soort: eigen.get(soort)
        or Bewaartermijn(swv=swv, soort=soort, aantal=aantal, eenheid=eenheid)
        for soort, (aantal, eenheid) in STANDAARD.items()
    }


def bewaarinstellingen(swv: Samenwerkingsverband) -> Bewaarinstellingen:
    return Bewaarinstellingen.objects.filter(swv=swv).first() or Bewaarinstellingen(swv=swv)


def laatste_proefronde(swv: Samenwerkingsverband) -> Proefronde | None:
    return Proefronde.objects.filter(swv=swv).select_related("beoordeeld_door").first()


@dataclass(frozen=True)
class Verlopen:
    """One hulpvraag past its term: what kind, counted from which day, due since when."""

    soort: str
    hulpvraag_id: int
    referentie: str
    leerling_id: int
    peildatum: date
    vervallen_op: date


@dataclass(frozen=True)
class Ronde:
    """Everything past its term at one SWV on one day."""

    swv: Samenwerkingsverband
    vandaag: date
    hulpvragen: tuple[Verlopen, ...]
    leerlingen: tuple[int, ...]  # pupils of which nothing remains: their dossier goes too
    inzage_tot: datetime  # access-log rows before this moment go
    inzage_aantal: int

    def per_soort(self) -> dict[str, list[Verlopen]]:
        lijst: dict[str, list[Verlopen]] = {soort: [] for soort in Soort.values}
        for item in self.hulpvragen:
            lijst[item.soort].append(item)
        return lijst

    def aantallen(self) -> dict[str, int]:
        tellingen = Counter(item.soort for item in self.hulpvragen)
        return {
            **{soort: tellingen.get(soort, 0) for soort in Soort.values if soort != "inzagelog"},
            "leerlingen": len(self.leerlingen),
            Soort.INZAGELOG.value: self.inzage_aantal,
        }

    @property
    def leeg(self) -> bool:
        return not (self.hulpvragen or self.leerlingen or self.inzage_aantal)

    @property
    def vingerafdruk(self) -> str:
        """Of the set the list holds: a review is valid for exactly what it saw."""
        inhoud = {
            "hulpvragen": sorted(item.hulpvraag_id for item in self.hulpvragen),
            "leerlingen": sorted(self.leerlingen),
            "inzage_tot": self.inzage_tot.isoformat(),
        }
        return hashlib.sha256(json.dumps(inhoud, sort_keys=True).encode()).hexdigest()


def _einddatum_tlv(antwoorden: dict[str, object], gesloten: date) -> date:
    for vraag in ("einddatum",):
        waarde = antwoorden.get(vraag)
        if isinstance(waarde, str):
            try:
                return date.fromisoformat(waarde)
            except ValueError:
                pass
    for vraag in ("ingangsdatum", "besluitdatum"):
        waarde = antwoorden.get(vraag)
        if isinstance(waarde, str):
            try:
                dag = date.fromisoformat(waarde)
            except ValueError:
                continue
            # 31 July of that school year, as the form fills an empty einddatum.
            return date(dag.year if dag.month < 8 else dag.year + 1, 7, 31)
    return gesloten


def verlopen(swv: Samenwerkingsverband, *, nu: datetime | None = None) -> Ronde:
    """What is past its term at `swv` at moment `nu` (default: now). Reads only."""
    nu = nu or timezone.now()
    vandaag = timezone.localdate(nu)
    maanden = {soort: termijn.maanden for soort, termijn in termijnen(swv).items()}
    grens = {soort: min_maanden(vandaag, m) for soort, m in maanden.items()}
    vastgehouden = Bewaarplicht.objects.filter(leerling__swv=swv).values("leerling_id")
    basis = Hulpvraag.objects.filter(swv=swv).exclude(leerling__in=Subquery(vastgehouden))
    items: dict[int, Verlopen] = {}

    def noteer(soort: str, hulpvraag: Hulpvraag, peildatum: date) -> None:
        if peildatum < grens[soort]:
            items[hulpvraag.pk] = Verlopen(
                soort=soort,
                hulpvraag_id=hulpvraag.pk,
                referentie=hulpvraag.referentie,
                leerling_id=hulpvraag.leerling_id,
                peildatum=peildatum,
                vervallen_op=plus_maanden(peildatum, maanden[soort]),
            )

    # TLV decisions: every hulpvraag with one is of this kind, past its term or not.
    besluiten = Formulier.objects.filter(
        hulpvraag__swv=swv, versie__definitie__code=TLV_BESLUIT_FORMULIER
    ).values_list("hulpvraag_id", "antwoorden")
    met_besluit = {hulpvraag_id: antwoorden for hulpvraag_id, antwoorden in besluiten}
    for hulpvraag in basis.filter(pk__in=met_besluit, status__eindstatus=True).only(
        "pk", "referentie", "leerling_id", "status_sinds"
    ):
        gesloten = timezone.localdate(hulpvraag.status_sinds)
        noteer(Soort.TLV_BESLUIT, hulpvraag, _einddatum_tlv(met_besluit[hulpvraag.pk], gesloten))

    # Never submitted: never in a status the SWV sees.
    ooit_zichtbaar = Statuswijziging.objects.filter(
        hulpvraag=OuterRef("pk"), naar__zichtbaar_voor_swv=True
    )
    nooit_ingediend = (
        basis.exclude(pk__in=met_besluit)
        .filter(status__zichtbaar_voor_swv=False)
        .exclude(Exists(ooit_zichtbaar))
        .annotate(
            laatste_bijlage=Subquery(
                Bijlage.objects.filter(hulpvraag=OuterRef("pk"))
                .values("hulpvraag")
                .annotate(m=Max("toegevoegd_op"))
                .values("m")
            ),
            laatste_formulier=Subquery(
                Formulier.objects.filter(hulpvraag=OuterRef("pk"))
                .values("hulpvraag")
                .annotate(m=Max("gewijzigd_op"))
                .values("m")
            ),
        )
        .only("pk", "referentie", "leerling_id", "status_sinds", "aangemaakt_op")
    )
    for hulpvraag in nooit_ingediend:
        momenten = [
            hulpvraag.aangemaakt_op,
            hulpvraag.status_sinds,
            hulpvraag.laatste_bijlage,  # type: ignore[attr-defined]
            hulpvraag.laatste_formulier,  # type: ignore[attr-defined]
        ]
        laatste = max(moment for moment in momenten if moment is not None)
        noteer(Soort.NOOIT_INGEDIEND, hulpvraag, timezone.localdate(laatste))

    # Closed supporting dossiers: in a final status since before the term.
    afgesloten = (
        basis.exclude(pk__in=met_besluit)
        .exclude(pk__in=list(items))
        .filter(
            status__eindstatus=True,
            status_sinds__lt=_begin_van(grens[Soort.AFGESLOTEN]),
        )
        .only("pk", "referentie", "leerling_id", "status_sinds")
    )
    for hulpvraag in afgesloten:
        noteer(Soort.AFGESLOTEN, hulpvraag, timezone.localdate(hulpvraag.status_sinds))

    # Pupils of which every hulpvraag goes.
    betrokken = Counter(item.leerling_id for item in items.values())
    totaal = Counter(
        Hulpvraag.objects.filter(leerling__in=list(betrokken)).values_list("leerling_id", flat=True)
    )
    leerlingen = tuple(sorted(pk for pk, aantal in betrokken.items() if totaal[pk] == aantal))

    inzage_tot = _begin_van(grens[Soort.INZAGELOG])
    return Ronde(
        swv=swv,
        vandaag=vandaag,
        hulpvragen=tuple(sorted(items.values(), key=lambda item: (item.soort, item.referentie))),
        leerlingen=leerlingen,
        inzage_tot=inzage_tot,
        inzage_aantal=verlopen_inzage(swv, inzage_tot).count(),
    )


def verlopen_inzage(swv: Samenwerkingsverband, tot: datetime) -> AlleenToevoegenQuerySet:
    """The SWV's access-log rows before `tot`, except those of a pupil under a legal hold."""
    vastgehouden = Bewaarplicht.objects.filter(leerling__swv=swv).values_list(
        "leerling_id", flat=True
    )
    return Inzage.objects.filter(swv_code=swv.code, tijd__lt=tot).exclude(
        leerling_id__in=list(vastgehouden)
    )


# --- For the screens -----------------------------------------------------------------------------


def bewaarplichten_van_swv(door: Gebruiker) -> QuerySet[Bewaarplicht]:
    if not mag_bewaren_beheren(door):
        return Bewaarplicht.objects.none()
    return (
        Bewaarplicht.objects.filter(leerling__swv=door.swv_id)
        .select_related("leerling", "gezet_door")
        .order_by("leerling__achternaam", "leerling__roepnaam")
    )


def leerling_voor_bewaarplicht(door: Gebruiker, pk: int) -> Leerling | None:
    """A pupil of the administrator's own SWV, else None (the view answers 404)."""
    leerling = Leerling.objects.filter(pk=pk).first()
    if leerling is None or not mag_bewaarplicht_zetten(door, leerling):
        return None
    return leerling

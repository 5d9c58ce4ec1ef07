"""The SWV's lists behind the overview's filter selects (and the title and school names of list
rows, and the names the Managementoverzicht counts under), kept per process.

The overview builds its filter form on every request. Reading the SWV's schools, regio's,
titles, staff, labels and statuses took six queries and about 4 ms of each page
(bench/README.md), for lists that change a few times a year. So each process keeps them per SWV
and reads them again once the SWV's `configuratieversie` differs from the one they were read
under; the receivers below renew that version on every save or delete of what the lists show.
`BEWAARTIJD`
bounds what a write that bypasses the ORM's signals (SQL by hand, a bulk import) leaves stale.

Only choices live here, never visibility: which hulpvragen a user sees is read fresh on every
request (selectors.py). A stale list can offer a name that since changed; it cannot show data.
The Managementoverzicht also takes which statuses count as thuiszitter from here.
"""

import time
import uuid
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from django.db.models import Exists, OuterRef, QuerySet, Value
from django.db.models.signals import m2m_changed, post_delete, post_save

from passend.accounts.models import Gebruiker, Rol
from passend.hulpvragen.models import Label
from passend.organisaties.models import Regio, Samenwerkingsverband, School
from passend.processen.models import Hulpvraagtitel, Proces, Status
from passend.processen.selectors import regio_past

Keuze = tuple[int, str]

BEWAARTIJD = 600.0  # seconds

# The Gebruiker fields a list shows; a save that names only others (login) changes nothing here.
_GEBRUIKERSVELDEN = {"voornaam", "tussenvoegsel", "achternaam", "is_active", "swv"}


@dataclass(frozen=True)
class Keuzelijsten:
    scholen: list[tuple[int, str, str, int | None]]  # pk, naam, code, regio
    regios: list[Keuze]
    titels: list[Keuze]
    coordinatoren: list[Keuze]
    labels: list[Keuze]
    # proces (pk), procesnaam, pk, naam, zichtbaar voor het SWV; by process name, then volgorde
    statussen: list[tuple[int, str, int, str, bool]]
    thuiszitterstatussen: frozenset[int]
    processen: list[Keuze]  # by name; also a process without statuses
    # Per process the regio limits of each of its titles: (alleen voor, niet voor).
    titelregios: dict[int, list[tuple[frozenset[int], frozenset[int]]]]

    def processen_voor_regios(self, regios: set[int | None]) -> set[int]:
        """The processes a school in one of these regio's can have a hulpvraag in: those with
        a title that fits the regio (inactive titles too: their hulpvragen remain)."""
        return {
            proces
            for proces, titels in self.titelregios.items()
            if any(regio_past(regio, alleen, niet) for regio in regios for alleen, niet in titels)
        }

    @cached_property
    def namen(self) -> dict[str, dict[int, str]]:
        """Title and school names by pk, for the rows of a list (templatetags/hulpvragen.py)."""
        return {
            "titel": dict(self.titels),
            "school": {pk: naam for pk, naam, _code, _regio in self.scholen},
        }


_bewaard: dict[int, tuple[uuid.UUID, float, Keuzelijsten]] = {}


def keuzelijsten(swv: Samenwerkingsverband, *, opnieuw: bool = False) -> Keuzelijsten:
    """The SWV's lists, read again when its version changed or they were kept too long (or
    `opnieuw`: a caller met a status or school the lists do not have, written past the
    signals). The version comes from the SWV row the request read before the lists: a change
    in between is stored under the older version and so read again on the next request."""
    bewaard = _bewaard.get(swv.pk)
    versie = swv.configuratieversie
    if (
        not opnieuw
        and bewaard
        and bewaard[0] == versie
        and time.monotonic() - bewaard[1] < BEWAARTIJD
    ):
        return bewaard[2]
    lijsten = _lezen(swv.pk)
    _bewaard[swv.pk] = (versie, time.monotonic(), lijsten)
    return lijsten


def medewerkers_van_swv(swv_id: int) -> QuerySet[Gebruiker]:
    """Active SWV staff, who can be a hulpvraag's coördinator."""
    # EXISTS instead of a join with DISTINCT: a few index lookups, not a hash of all roles.
    heeft_swv_rol = Gebruiker.rollen.through.objects.filter(
        gebruiker=OuterRef("pk"), rol__kant=Rol.Kant.SWV
    )
    return (
        Gebruiker.objects.filter(swv=swv_id, is_active=True)
        .filter(Exists(heeft_swv_rol))
        .order_by("achternaam", "voornaam")
    )


def _lezen(swv: int) -> Keuzelijsten:
    scholen = School.objects.filter(swv=swv).order_by("naam", "code")
    staf = medewerkers_van_swv(swv)
    statussen = Status.objects.filter(proces__swv=swv).order_by(
        "proces__naam", "proces", "volgorde", "naam"
    )
    titels = list(
        Hulpvraagtitel.objects.filter(swv=swv)
        .order_by("volgorde", "naam")
        .values_list("pk", "naam", "proces")
    )
    statusrijen = list(
        statussen.values_list(
            "proces", "proces__naam", "pk", "naam", "zichtbaar_voor_swv", "telt_als_thuiszitter"
        )
    )
    return Keuzelijsten(
        scholen=list(scholen.values_list("pk", "naam", "code", "regio")),
        regios=list(Regio.objects.filter(swv=swv).order_by("naam").values_list("pk", "naam")),
        titels=[(pk, naam) for pk, naam, _proces in titels],
        coordinatoren=[
            (pk, Gebruiker.naam_uit(*delen))
            for pk, *delen in staf.values_list("pk", "voornaam", "tussenvoegsel", "achternaam")
        ],
        labels=list(Label.objects.filter(swv=swv).order_by("naam").values_list("pk", "naam")),
        statussen=[rij[:5] for rij in statusrijen],
        thuiszitterstatussen=frozenset(rij[2] for rij in statusrijen if rij[5]),
        processen=list(Proces.objects.filter(swv=swv).order_by("naam").values_list("pk", "naam")),
        titelregios=_titelregios(swv, titels),
    )


def _titelregios(
    swv: int, titels: list[tuple[int, str, int]]
) -> dict[int, list[tuple[frozenset[int], frozenset[int]]]]:
    """Both regio lists of the SWV's titles in one query."""

    def koppelingen(veld: str, alleen: bool) -> QuerySet[Any, tuple[int, int, bool]]:
        tussentabel = getattr(Hulpvraagtitel, veld).through
        return tussentabel.objects.filter(hulpvraagtitel__swv=swv).values_list(
            "hulpvraagtitel", "regio", Value(alleen)
        )

    limieten: dict[tuple[int, bool], set[int]] = {}
    beide = koppelingen("alleen_voor_regios", True).union(
        koppelingen("niet_voor_regios", False), all=True
    )
    for titel, regio, alleen in beide:
        limieten.setdefault((titel, bool(alleen)), set()).add(regio)
    per_proces: dict[int, list[tuple[frozenset[int], frozenset[int]]]] = {}
    for pk, _naam, proces in titels:
        per_proces.setdefault(proces, []).append(
            (frozenset(limieten.get((pk, True), ())), frozenset(limieten.get((pk, False), ())))
        )
    return per_proces


# --- Renewing the version ---------------------------------------------------------------------


def _vernieuwen(**filter: Any) -> None:
    Samenwerkingsverband.objects.filter(**filter).update(configuratieversie=uuid.uuid4())


def _swv_van_object(sender: type, instance: Any, **kwargs: Any) -> None:
    if sender is Gebruiker:
        velden = kwargs.get("update_fields")
        if velden is not None and not _GEBRUIKERSVELDEN & set(velden):
            return
    if sender is Status:
        _vernieuwen(processen__pk=instance.proces_id)
    else:
        _vernieuwen(pk=instance.swv_id)


def _rollen_gewijzigd(instance: Any, action: str, reverse: bool, **kwargs: Any) -> None:
    if action not in ("post_add", "post_remove", "post_clear"):
        return
    if reverse:  # rol.gebruikers.add(...): any SWV's staff may have changed
        _vernieuwen()
    else:
        _vernieuwen(pk=instance.swv_id)


def _titelregios_gewijzigd(instance: Any, action: str, **kwargs: Any) -> None:
    # A title's or a regio's side of the link: both belong to one SWV.
    if action in ("post_add", "post_remove", "post_clear"):
        _vernieuwen(pk=instance.swv_id)


def _rol_gewijzigd(**kwargs: Any) -> None:
    _vernieuwen()  # a role's side decides who is staff, in every SWV


def verbinden() -> None:
    """Connects the receivers (HulpvragenConfig.ready)."""
    for model in (School, Regio, Hulpvraagtitel, Label, Proces, Status, Gebruiker):
        post_save.connect(_swv_van_object, sender=model, dispatch_uid=f"keuzelijsten-{model}")
        post_delete.connect(_swv_van_object, sender=model, dispatch_uid=f"keuzelijsten-{model}")
    m2m_changed.connect(
        _rollen_gewijzigd, sender=Gebruiker.rollen.through, dispatch_uid="keuzelijsten-rollen"
    )
    for veld in ("alleen_voor_regios", "niet_voor_regios"):
        m2m_changed.connect(
            _titelregios_gewijzigd,
            sender=getattr(Hulpvraagtitel, veld).through,
            dispatch_uid=f"keuzelijsten-{veld}",
        )
    for signaal in (post_save, post_delete):
        signaal.connect(_rol_gewijzigd, sender=Rol, dispatch_uid="keuzelijsten-rol")

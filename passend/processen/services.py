"""Every write of an SWV's process configuration from SWV-beheer's screens (issue 16 item 6),
and the check of a process's graph that the preset loader shares.

Rules:
- Rights through rechten.py; every change in the beheerlog with before and after.
- The graph check (`procesgraaf_fouten`) is the loader's: a preset whose process fails it is not
  loaded. On the screens a process is built step by step, so a change is refused when it adds a
  fault the process did not have (a status nobody can reach, no way to an eindstatus), and a
  title can only be active on a process without faults: no school starts a hulpvraag in a
  process that cannot end.
- A status that a hulpvraag has or had (its current status, its statushistorie) or where a title
  starts cannot be removed; the database refuses it too (PROTECT).
- A transition is read when a status is changed, never stored in the history: editing or
  removing one applies to the next change and leaves the statushistorie as it was.
"""

from collections.abc import Collection, Hashable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models.deletion import ProtectedError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from passend.accounts.models import Gebruiker, Rol
from passend.audit import gebeurtenissen
from passend.core.normalize import code_uit_naam
from passend.organisaties.models import Regio
from passend.processen.models import Hulpvraagtitel, Proces, Status, Statusovergang
from passend.processen.rechten import mag_proces_beheren, mag_processen_beheren
from passend.processen.voorwaarden import keuzes as voorwaarde_keuzes

# --- The graph check, shared with the preset loader -------------------------------------------


@dataclass(frozen=True)
class Knoop:
    """A status as the graph check sees it: a key (a code in a preset, an id in the database)."""

    sleutel: Hashable
    naam: str
    volgorde: int
    eindstatus: bool


@dataclass(frozen=True)
class Graaffout:
    soort: str  # onbereikbaar, geen_eindstatus, doodlopend
    sleutel: Hashable
    tekst: str


def procesgraaf_fouten(
    *,
    statussen: Sequence[Knoop],
    overgangen: Iterable[tuple[Hashable, Hashable]],
    beginstatussen: Collection[Hashable],
) -> list[Graaffout]:
    """What is wrong with a process's graph, one Dutch sentence per fault:
    - every status can be reached from where a hulpvraag starts: the beginstatus of a title of
      the process, or, while no title uses it, the status(es) with the lowest number;
    - a process of more than one status has an eindstatus, and one can be reached from every
      status (a single status is a process for parking, as Informatieuitwisseling, R35)."""
    if not statussen:
        return []
    namen = {knoop.sleutel: knoop.naam for knoop in statussen}
    paren = [(van, naar) for van, naar in overgangen if van in namen and naar in namen]
    start = {sleutel for sleutel in beginstatussen if sleutel in namen}
    if not start:
        laagste = min(knoop.volgorde for knoop in statussen)
        start = {knoop.sleutel for knoop in statussen if knoop.volgorde == laagste}
    fouten: list[Graaffout] = []
    bereikt = _bereikbaar(start, paren)
    beginnamen = ", ".join(sorted(f"‘{namen[s]}’" for s in start))
    for knoop in statussen:
        if knoop.sleutel not in bereikt:
            fouten.append(
                Graaffout(
                    "onbereikbaar",
                    knoop.sleutel,
                    _(
                        "Status ‘%(naam)s’ is niet te bereiken: geen overgang leidt ernaartoe "
                        "vanaf de beginstatus (%(begin)s)."
                    )
                    % {"naam": knoop.naam, "begin": beginnamen},
                )
            )
    if len(statussen) == 1:
        return fouten
    eind = {knoop.sleutel for knoop in statussen if knoop.eindstatus}
    if not eind:
        fouten.append(
            Graaffout(
                "geen_eindstatus",
                None,
                _("Het proces heeft geen eindstatus: een hulpvraag kan nooit worden afgerond."),
            )
        )
        return fouten
    naar_eind = _bereikbaar(eind, [(naar, van) for van, naar in paren])
    for knoop in statussen:
        if knoop.sleutel not in naar_eind:
            fouten.append(
                Graaffout(
                    "doodlopend",
                    knoop.sleutel,
                    _(
                        "Vanuit status ‘%(naam)s’ is geen eindstatus te bereiken: voeg een "
                        "overgang toe of maak er een eindstatus van."
                    )
                    % {"naam": knoop.naam},
                )
            )
    return fouten


def _bereikbaar(start: set[Hashable], paren: Sequence[tuple[Hashable, Hashable]]) -> set[Hashable]:
    bereikt = set(start)
    rij = list(start)
    while rij:
        huidig = rij.pop()
        for van, naar in paren:
            if van == huidig and naar not in bereikt:
                bereikt.add(naar)
                rij.append(naar)
    return bereikt


def proces_fouten(proces: Proces) -> list[Graaffout]:
    """The graph check on a process as it is in the database now."""
    statussen = [
        Knoop(s.pk, s.naam, s.volgorde, s.eindstatus) for s in proces.statussen.order_by("pk")
    ]
    overgangen = proces.overgangen.values_list("van_id", "naar_id")
    begin = set(proces.titels.values_list("beginstatus_id", flat=True))
    return procesgraaf_fouten(statussen=statussen, overgangen=overgangen, beginstatussen=begin)


def _geen_nieuwe_fouten(proces: Proces, voor: list[Graaffout]) -> None:
    """Refuses (and so rolls back) a change that gave the process a fault it did not have."""
    bekend = {(fout.soort, fout.sleutel) for fout in voor}
    nieuw = [f for f in proces_fouten(proces) if (f.soort, f.sleutel) not in bekend]
    if nieuw:
        raise ValidationError([fout.tekst for fout in nieuw])


# --- What the beheerlog keeps: codes and values, never ids of hulpvragen ----------------------


def proces_stand(proces: Proces) -> dict[str, object]:
    return {
        "code": proces.code,
        "naam": proces.naam,
        "behandelende_rol": proces.behandelende_rol.code if proces.behandelende_rol else None,
    }


def status_stand(status: Status) -> dict[str, object]:
    return {
        "proces": status.proces.code,
        "code": status.code,
        "naam": status.naam,
        "volgorde": status.volgorde,
        "zichtbaar_voor_swv": status.zichtbaar_voor_swv,
        "school_moet_actie_ondernemen": status.school_moet_actie_ondernemen,
        "eindstatus": status.eindstatus,
        "reden_verplicht": status.reden_verplicht,
        "telt_als_thuiszitter": status.telt_als_thuiszitter,
        "instructie": status.instructie,
    }


def overgang_stand(overgang: Statusovergang) -> dict[str, object]:
    return {
        "proces": overgang.proces.code,
        "van": overgang.van.code,
        "naar": overgang.naar.code,
        "rollen": sorted(overgang.rollen.values_list("code", flat=True)),
        "voorwaarden": list(overgang.voorwaarden or []),
    }


def titel_stand(titel: Hulpvraagtitel) -> dict[str, object]:
    return {
        "code": titel.code,
        "naam": titel.naam,
        "proces": titel.proces.code,
        "beginstatus": titel.beginstatus.code,
        "alleen_voor_regios": sorted(titel.alleen_voor_regios.values_list("naam", flat=True)),
        "niet_voor_regios": sorted(titel.niet_voor_regios.values_list("naam", flat=True)),
        "alternatief": titel.alternatief.code if titel.alternatief else None,
        "coordinatortoewijzing": titel.coordinatortoewijzing,
        "actief": titel.actief,
        "volgorde": titel.volgorde,
    }


# --- Processes --------------------------------------------------------------------------------


def _behandelende_rol(rol: Rol | None) -> None:
    if rol is not None and rol.kant != Rol.Kant.SWV:
        raise ValidationError(
            {"behandelende_rol": _("Kies een functie van het samenwerkingsverband.")}
        )


def _eigen_proces(door: Gebruiker, proces: Proces) -> Proces:
    if not mag_proces_beheren(door, proces):
        raise PermissionDenied
    return Proces.objects.select_for_update().get(pk=proces.pk)


@transaction.atomic
def proces_aanmaken(
    *, door: Gebruiker, naam: str, code: str = "", behandelende_rol: Rol | None = None
) -> Proces:
    """A new, empty process of the administrator's SWV; its statuses follow one by one."""
    if not mag_processen_beheren(door):
        raise PermissionDenied
    _behandelende_rol(behandelende_rol)
    proces = Proces(
        swv_id=door.swv_id,
        naam=naam.strip(),
        code=code.strip() or code_uit_naam(naam),
        behandelende_rol=behandelende_rol,
    )
    proces.full_clean()
    proces.save()
    gebeurtenissen.proces_aangemaakt(proces, door=door, na=proces_stand(proces))
    return proces


@transaction.atomic
def proces_wijzigen(
    *, door: Gebruiker, proces: Proces, naam: str, behandelende_rol: Rol | None
) -> Proces:
    proces = _eigen_proces(door, proces)
    _behandelende_rol(behandelende_rol)
    voor = proces_stand(proces)
    proces.naam, proces.behandelende_rol = naam.strip(), behandelende_rol
    proces.full_clean()
    na = proces_stand(proces)
    if na != voor:
        proces.save(update_fields=["naam", "behandelende_rol"])
        gebeurtenissen.proces_gewijzigd(proces, door=door, voor=voor, na=na)
    return proces


# --- Statuses ---------------------------------------------------------------------------------

STATUSVELDEN = (
    "naam",
    "volgorde",
    "zichtbaar_voor_swv",
    "school_moet_actie_ondernemen",
    "eindstatus",
    "reden_verplicht",
    "telt_als_thuiszitter",
    "instructie",
)


def _rollen_controleren(rollen: Collection[Rol], veld: str = "rollen") -> None:
    if not rollen:
        raise ValidationError({veld: _("Kies minstens één rol die deze overgang mag maken.")})
    if any(rol.kant == Rol.Kant.EXTERN for rol in rollen):
        raise ValidationError({veld: _("Externe deelnemers en ouders wijzigen geen status.")})


@transaction.atomic
def status_aanmaken(
    *,
    door: Gebruiker,
    proces: Proces,
    naam: str,
    code: str = "",
    volgorde: int,
    zichtbaar_voor_swv: bool = True,
    school_moet_actie_ondernemen: bool = False,
    eindstatus: bool = False,
    reden_verplicht: bool = False,
    telt_als_thuiszitter: bool = False,
    instructie: str = "",
    komt_na: Status | None = None,
    gaat_naar: Status | None = None,
    rollen: Collection[Rol] = (),
) -> Status:
    """A new status, with the transition that leads to it (from `komt_na`) and the one that
    leads on (to `gaat_naar`), both for `rollen`: so the process stays whole."""
    proces = _eigen_proces(door, proces)
    voor = proces_fouten(proces)
    for veld, andere in (("komt_na", komt_na), ("gaat_naar", gaat_naar)):
        if andere is not None and andere.proces_id != proces.pk:
            raise ValidationError({veld: _("Kies een status van dit proces.")})
    if komt_na is not None or gaat_naar is not None:
        _rollen_controleren(rollen)
    status = Status(
        proces=proces,
        naam=naam.strip(),
        code=code.strip(),
        volgorde=volgorde,
        zichtbaar_voor_swv=zichtbaar_voor_swv,
        school_moet_actie_ondernemen=school_moet_actie_ondernemen,
        eindstatus=eindstatus,
        reden_verplicht=reden_verplicht,
        telt_als_thuiszitter=telt_als_thuiszitter,
        instructie=instructie.strip(),
    )
    status.full_clean()
    status.save()
    for van, naar in ((komt_na, status), (status, gaat_naar)):
        if van is not None and naar is not None:
            overgang = Statusovergang(proces=proces, van=van, naar=naar)
            overgang.full_clean()
            overgang.save()
            overgang.rollen.set(rollen)
            gebeurtenissen.statusovergang_aangemaakt(
                overgang, door=door, na=overgang_stand(overgang)
            )
    _geen_nieuwe_fouten(proces, voor)
    gebeurtenissen.processtatus_aangemaakt(status, door=door, na=status_stand(status))
    return status


@transaction.atomic
def status_wijzigen(*, door: Gebruiker, status: Status, **velden: Any) -> Status:
    """Name, number, flags and the instruction text mailed with the status (R19, R21). The
    code stays: presets, transitions and the API know the status by it."""
    onbekend = set(velden) - set(STATUSVELDEN)
    if onbekend:
        raise TypeError(f"Onbekende velden: {sorted(onbekend)}")
    proces = _eigen_proces(door, status.proces)
    status = Status.objects.select_for_update().select_related("proces").get(pk=status.pk)
    fouten_voor = proces_fouten(proces)
    voor = status_stand(status)
    for veld, waarde in velden.items():
        setattr(status, veld, waarde.strip() if isinstance(waarde, str) else waarde)
    status.full_clean()
    na = status_stand(status)
    if na == voor:
        return status
    status.save()
    _geen_nieuwe_fouten(proces, fouten_voor)
    gebeurtenissen.processtatus_gewijzigd(status, door=door, voor=voor, na=na)
    return status


# Which rows keep a status in use, as the database names them (PROTECT), in Dutch.
_IN_GEBRUIK = {
    "hulpvraag": gettext_lazy("hulpvragen staan nu in deze status"),
    "statuswijziging": gettext_lazy("de statushistorie van hulpvragen noemt deze status"),
    "hulpvraagtitel": gettext_lazy("een hulpvraagtitel begint in deze status"),
}


def _m2m_verwijzing(status: Status) -> Any:
    """A row of a higher app that links to the status by a many-to-many field (a form
    attached at this status): a delete would drop that link silently, so it keeps the status."""
    for relatie in Status._meta.get_fields(include_hidden=True):
        if relatie.many_to_many and relatie.auto_created and not relatie.concrete:
            rij = relatie.related_model._default_manager.filter(  # type: ignore[union-attr]
                **{relatie.field.name: status}  # type: ignore[union-attr]
            ).first()
            if rij is not None:
                return rij
    return None


@transaction.atomic
def status_verwijderen(*, door: Gebruiker, status: Status) -> None:
    """Only a status no hulpvraag has or had and no title starts in; its transitions go with
    it. A status in use stays: take away the transitions that lead to it, and no hulpvraag
    reaches it again, while the history keeps naming it."""
    proces = _eigen_proces(door, status.proces)
    status = Status.objects.select_related("proces").get(pk=status.pk)
    fouten_voor = proces_fouten(proces)
    voor = status_stand(status)
    pk = status.pk
    koppeling = _m2m_verwijzing(status)
    try:
        with transaction.atomic():
            status.delete()
            if koppeling is not None:
                # Raised inside the savepoint: the delete is undone, links and all.
                raise ValidationError(
                    _(
                        "Status ‘%(naam)s’ kan niet worden verwijderd: %(soort)s ‘%(rij)s’ "
                        "verwijst ernaar. Haal die verwijzing eerst weg."
                    )
                    % {"naam": status.naam, "soort": koppeling._meta.verbose_name, "rij": koppeling}
                )
    except ProtectedError as fout:
        redenen = sorted(
            {str(_IN_GEBRUIK.get(rij._meta.model_name or "", "")) for rij in fout.protected_objects}
            - {""}
        )
        raise ValidationError(
            _(
                "Status ‘%(naam)s’ is in gebruik en kan niet worden verwijderd: %(redenen)s. "
                "Wilt u hem niet meer gebruiken? Verwijder dan de overgangen naar deze status; "
                "de statushistorie blijft hem noemen."
            )
            % {"naam": status.naam, "redenen": "; ".join(redenen)}
        ) from fout
    status.pk = pk
    _geen_nieuwe_fouten(proces, fouten_voor)
    gebeurtenissen.processtatus_verwijderd(status, door=door, voor=voor)


# --- Transitions ------------------------------------------------------------------------------


def _voorwaarden_controleren(
    proces: Proces, voorwaarden: Collection[str], al: Collection[str] = ()
) -> list[str]:
    """Only conditions offered to this SWV (or already on the transition)."""
    toegestaan = {code for code, _label in voorwaarde_keuzes(proces.swv_id)} | set(al)
    onbekend = [code for code in voorwaarden if code not in toegestaan]
    if onbekend:
        raise ValidationError(
            {"voorwaarden": _("Onbekende voorwaarde: %(codes)s.") % {"codes": ", ".join(onbekend)}}
        )
    # The ones kept stay in their order (saving unchanged changes nothing), new ones after.
    gekozen = set(voorwaarden)
    return list(dict.fromkeys([*(c for c in al if c in gekozen), *voorwaarden]))


def _overgang_opslaan(
    overgang: Statusovergang, van: Status, naar: Status, rollen: Collection[Rol]
) -> None:
    for veld, status in (("van", van), ("naar", naar)):
        if status.proces_id != overgang.proces_id:
            raise ValidationError({veld: _("Kies een status van dit proces.")})
    _rollen_controleren(rollen)
    overgang.van, overgang.naar = van, naar
    overgang.full_clean()
    overgang.save()
    overgang.rollen.set(rollen)


@transaction.atomic
def overgang_aanmaken(
    *,
    door: Gebruiker,
    proces: Proces,
    van: Status,
    naar: Status,
    rollen: Collection[Rol],
    voorwaarden: Collection[str] = (),
) -> Statusovergang:
    """R20, B3: who may move a hulpvraag from `van` to `naar`, and under which conditions.
    Applies from the next status change on."""
    proces = _eigen_proces(door, proces)
    fouten_voor = proces_fouten(proces)
    overgang = Statusovergang(
        proces=proces, voorwaarden=_voorwaarden_controleren(proces, voorwaarden)
    )
    _overgang_opslaan(overgang, van, naar, rollen)
    _geen_nieuwe_fouten(proces, fouten_voor)
    gebeurtenissen.statusovergang_aangemaakt(overgang, door=door, na=overgang_stand(overgang))
    return overgang


@transaction.atomic
def overgang_wijzigen(
    *,
    door: Gebruiker,
    overgang: Statusovergang,
    van: Status,
    naar: Status,
    rollen: Collection[Rol],
    voorwaarden: Collection[str] = (),
) -> Statusovergang:
    """Applies to the next status change; the statushistorie names statuses, not
    transitions, so no row of it changes."""
    proces = _eigen_proces(door, overgang.proces)
    overgang = Statusovergang.objects.select_related("proces", "van", "naar").get(pk=overgang.pk)
    fouten_voor = proces_fouten(proces)
    voor = overgang_stand(overgang)
    overgang.voorwaarden = _voorwaarden_controleren(proces, voorwaarden, overgang.voorwaarden)
    _overgang_opslaan(overgang, van, naar, rollen)
    na = overgang_stand(overgang)
    if na != voor:
        _geen_nieuwe_fouten(proces, fouten_voor)
        gebeurtenissen.statusovergang_gewijzigd(overgang, door=door, voor=voor, na=na)
    return overgang


@transaction.atomic
def overgang_verwijderen(*, door: Gebruiker, overgang: Statusovergang) -> None:
    proces = _eigen_proces(door, overgang.proces)
    overgang = Statusovergang.objects.select_related("proces", "van", "naar").get(pk=overgang.pk)
    fouten_voor = proces_fouten(proces)
    voor = overgang_stand(overgang)
    pk = overgang.pk
    overgang.delete()
    overgang.pk = pk
    _geen_nieuwe_fouten(proces, fouten_voor)
    gebeurtenissen.statusovergang_verwijderd(overgang, door=door, voor=voor)


# --- Hulpvraagtitels --------------------------------------------------------------------------


def _titel_opslaan(
    door: Gebruiker,
    titel: Hulpvraagtitel,
    *,
    naam: str,
    proces: Proces,
    beginstatus: Status,
    alleen_voor_regios: Collection[Regio],
    niet_voor_regios: Collection[Regio],
    alternatief: Hulpvraagtitel | None,
    coordinatortoewijzing: str,
    actief: bool,
    volgorde: int,
) -> list[Proces]:
    """Checks and saves; returns the processes whose start may have changed."""
    if not mag_proces_beheren(door, proces):
        raise ValidationError({"proces": _("Kies een proces van dit samenwerkingsverband.")})
    fouten: dict[str, str] = {}
    for veld, regios in (
        ("alleen_voor_regios", alleen_voor_regios),
        ("niet_voor_regios", niet_voor_regios),
    ):
        if any(regio.swv_id != door.swv_id for regio in regios):
            fouten[veld] = _("Kies alleen regio's van dit samenwerkingsverband.")
    dubbel = {r.pk for r in alleen_voor_regios} & {r.pk for r in niet_voor_regios}
    if dubbel:
        namen = ", ".join(sorted(r.naam for r in alleen_voor_regios if r.pk in dubbel))
        fouten["niet_voor_regios"] = _("Staat ook bij ‘alleen voor regio's’: %(namen)s.") % {
            "namen": namen
        }
    if alternatief is not None:
        if alternatief.swv_id != door.swv_id:
            fouten["alternatief"] = _("Kies een titel van dit samenwerkingsverband.")
        elif titel.pk and alternatief.pk == titel.pk:
            fouten["alternatief"] = _("Een titel kan niet zijn eigen alternatief zijn.")
    if fouten:
        raise ValidationError(fouten)
    vorig_proces = titel.proces if titel.pk else None
    titel.naam, titel.proces, titel.beginstatus = naam.strip(), proces, beginstatus
    titel.alternatief, titel.coordinatortoewijzing = alternatief, coordinatortoewijzing
    titel.actief, titel.volgorde = actief, volgorde
    titel.full_clean()
    titel.save()
    titel.alleen_voor_regios.set(alleen_voor_regios)
    titel.niet_voor_regios.set(niet_voor_regios)
    if actief and (fouten_proces := proces_fouten(proces)):
        raise ValidationError(
            {
                "actief": [
                    _(
                        "Proces ‘%(proces)s’ is nog niet af; een actieve titel kan er pas "
                        "gebruik van maken als het klopt:"
                    )
                    % {"proces": proces.naam},
                    *[fout.tekst for fout in fouten_proces],
                ]
            }
        )
    return [p for p in {proces, vorig_proces} if p is not None]


@transaction.atomic
def titel_aanmaken(*, door: Gebruiker, code: str = "", **velden: Any) -> Hulpvraagtitel:
    """R16, R29-R31: a title a school can pick, the process and beginstatus it starts in."""
    if not mag_processen_beheren(door):
        raise PermissionDenied
    proces: Proces = velden["proces"]
    fouten_voor = proces_fouten(proces) if proces.swv_id == door.swv_id else []
    titel = Hulpvraagtitel(swv_id=door.swv_id, code=code.strip())
    _titel_opslaan(door, titel, **velden)
    _geen_nieuwe_fouten(proces, fouten_voor)
    gebeurtenissen.hulpvraagtitel_aangemaakt(titel, door=door, na=titel_stand(titel))
    return titel


@transaction.atomic
def titel_wijzigen(*, door: Gebruiker, titel: Hulpvraagtitel, **velden: Any) -> Hulpvraagtitel:
    """Also retires a title (actief off): schools no longer pick it; its hulpvragen keep it."""
    if not (mag_processen_beheren(door) and titel.swv_id == door.swv_id):
        raise PermissionDenied
    titel = Hulpvraagtitel.objects.select_for_update().get(pk=titel.pk)
    voor = titel_stand(titel)
    processen = {titel.proces, velden["proces"]}
    fouten_voor = {p.pk: proces_fouten(p) for p in processen if p.swv_id == door.swv_id}
    _titel_opslaan(door, titel, **velden)
    for proces in processen:
        if proces.pk in fouten_voor:
            _geen_nieuwe_fouten(proces, fouten_voor[proces.pk])
    na = titel_stand(titel)
    if na != voor:
        gebeurtenissen.hulpvraagtitel_gewijzigd(titel, door=door, voor=voor, na=na)
    return titel

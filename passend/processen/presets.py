"""Loads a process preset (a YAML file in `presets/`) into the configuration of one SWV.

A preset holds processes (statuses and the transitions between them, with the roles that may
make each) and the hulpvraagtitels that use them; `presets/ppo_rotterdam.yaml` is the manual's
configuration and documents the format.

Rules of loading:
- Everything is checked before anything is written, and the whole load is one transaction: a
  preset with an error changes nothing. The error names every faulty item, in Dutch.
- Idempotent: loading twice creates no second row and changes nothing the second time.
- The preset is the source of truth for every row it names. A process is found by (SWV, code),
  a status by (process, code), a transition by (from, to), a title by (SWV, code); loading sets
  all their fields to the preset's values (names, a transition's roles and conditions, a title's
  regions), so an administrator's edit of, say, an instruction text or a name is undone by the
  next load, on the same row. The one exception is a title's `actief`: set only when the preset
  states it, so a title retired on SWV-beheer's screens stays retired.
- What the preset does not name is left alone: statuses, transitions and titles added on
  SWV-beheer's screens survive a load, and nothing is ever deleted.
- Only process configuration is written. The SWV, its regions and the roles must exist.
"""

import re
from collections.abc import Callable, Hashable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

import yaml
from django.core.exceptions import ValidationError
from django.db import models, transaction

from passend.accounts.models import Rol
from passend.organisaties.models import Regio, Samenwerkingsverband
from passend.processen.models import Hulpvraagtitel, Proces, Status, Statusovergang
from passend.processen.services import Knoop, procesgraaf_fouten
from passend.processen.voorwaarden import voorwaarde

PRESETS_MAP = Path(__file__).resolve().parent / "presets"
PRESETNAAM = re.compile(r"^[a-z0-9_]+$")
CODE = re.compile(r"^[a-z0-9_]{1,60}$")

M = TypeVar("M", bound=models.Model)


class PresetFout(Exception):
    """The preset cannot be loaded. `fouten` holds one Dutch message per faulty item."""

    def __init__(self, fouten: Iterable[str]) -> None:
        self.fouten = list(fouten)
        super().__init__("\n".join(self.fouten))


@dataclass
class Resultaat:
    """What a load did, one label per row (e.g. 'status "Aanmelding" (algemeen)')."""

    aangemaakt: list[str] = field(default_factory=list)
    bijgewerkt: list[str] = field(default_factory=list)
    ongewijzigd: list[str] = field(default_factory=list)

    def noteer(self, label: str, *, nieuw: bool, gewijzigd: bool) -> None:
        if nieuw:
            self.aangemaakt.append(label)
        elif gewijzigd:
            self.bijgewerkt.append(label)
        else:
            self.ongewijzigd.append(label)


def beschikbare_presets() -> list[str]:
    return sorted(pad.stem for pad in PRESETS_MAP.glob("*.yaml"))


def preset_pad(naam: str) -> Path:
    """The file of a preset named like `ppo_rotterdam`; never a path outside `presets/`."""
    pad = PRESETS_MAP / f"{naam}.yaml"
    if not PRESETNAAM.match(naam) or not pad.is_file():
        beschikbaar = ", ".join(beschikbare_presets()) or "geen"
        raise PresetFout([f'Preset "{naam}" bestaat niet. Beschikbaar: {beschikbaar}.'])
    return pad


# A part of a preset kept by another app (formulieren's forms, bijlagen's kinds of document),
# in a file of the same name in that app's own presets folder: loaded after the processes, in
# the same transaction, by a function that raises PresetFout to undo the whole load.
Presetlader = Callable[..., "Resultaat"]  # (swv=, pad=, resultaat=)
_presetdelen: list[tuple[Path, Presetlader]] = []


def presetdeel_registreren(map: Path, laden: Presetlader) -> None:
    if (map, laden) not in _presetdelen:
        _presetdelen.append((map, laden))


@transaction.atomic
def preset_laden(*, swv: Samenwerkingsverband, pad: Path) -> Resultaat:
    """Creates or updates the processes and titles of the preset at `pad` for `swv`, and what
    the registered parts keep beside it."""
    preset = _Lezer(swv).lees(yaml_lezen(pad))
    resultaat = _opslaan(preset, swv)
    for map, laden in _presetdelen:
        if (map / pad.name).is_file():
            laden(swv=swv, pad=map / pad.name, resultaat=resultaat)
    return resultaat


# Reading and checking ----------------------------------------------------------------------------


@dataclass(frozen=True)
class _StatusDef:
    code: str
    naam: str
    velden: dict[str, Any]


@dataclass(frozen=True)
class _OvergangDef:
    van: str  # status codes
    naar: str
    rolcodes: frozenset[str]
    voorwaarden: tuple[str, ...]


@dataclass(frozen=True)
class _ProcesDef:
    code: str
    naam: str
    statussen: list[_StatusDef]
    overgangen: list[_OvergangDef]
    behandelende_rol: str | None = None


@dataclass(frozen=True)
class _TitelDef:
    code: str
    naam: str
    proces: str
    beginstatus: str  # a status code
    alleen_voor_regios: tuple[str, ...]
    niet_voor_regios: tuple[str, ...]
    alternatief: str | None  # a title code
    coordinatortoewijzing: str
    volgorde: int
    actief: bool | None


@dataclass(frozen=True)
class _Preset:
    processen: list[_ProcesDef]
    titels: list[_TitelDef]


class _StrikteLader(yaml.SafeLoader):
    """Refuses a key written twice in one mapping (plain YAML silently keeps the last one)."""

    def construct_mapping(
        self, node: yaml.nodes.MappingNode, deep: bool = False
    ) -> dict[Hashable, Any]:
        gezien: set[Any] = set()
        for sleutel_node, _waarde in node.value:
            sleutel = self.construct_object(sleutel_node, deep=deep)
            if sleutel in gezien:
                raise yaml.constructor.ConstructorError(
                    None,
                    None,
                    f'de sleutel "{sleutel}" staat twee keer in hetzelfde blok',
                    sleutel_node.start_mark,
                )
            gezien.add(sleutel)
        return super().construct_mapping(node, deep=deep)


def yaml_lezen(pad: Path) -> Any:
    try:
        tekst = pad.read_text(encoding="utf-8")
    except OSError as fout:
        raise PresetFout([f"Presetbestand {pad} kan niet gelezen worden: {fout}."]) from fout
    try:
        return yaml.load(tekst, Loader=_StrikteLader)  # noqa: S506 (a SafeLoader subclass)
    except yaml.YAMLError as fout:
        raise PresetFout([f"Presetbestand {pad.name} is geen geldige YAML: {fout}"]) from fout


STATUSVELDEN: dict[str, type] = {
    "volgorde": int,
    "zichtbaar_voor_swv": bool,
    "school_moet_actie_ondernemen": bool,
    "eindstatus": bool,
    "reden_verplicht": bool,
    "telt_als_thuiszitter": bool,
    "instructie": str,
}
# A field left out of the preset gets this value, also on a reload (the preset is the truth).
STATUS_STANDAARD: dict[str, Any] = {
    "zichtbaar_voor_swv": True,
    "school_moet_actie_ondernemen": False,
    "eindstatus": False,
    "reden_verplicht": False,
    "telt_als_thuiszitter": False,
    "instructie": "",
}
TITELSLEUTELS = {
    "code",
    "naam",
    "proces",
    "beginstatus",
    "alleen_voor_regios",
    "niet_voor_regios",
    "alternatief",
    "coordinatortoewijzing",
    "actief",
}


class _Lezer:
    """Turns the parsed YAML into definitions, collecting every error instead of the first."""

    def __init__(self, swv: Samenwerkingsverband) -> None:
        self.swv = swv
        self.fouten: list[str] = []
        self.rollen: dict[str, Rol] = {}
        self.rolgroepen: dict[str, frozenset[str]] = {}

    def fout(self, tekst: str) -> None:
        self.fouten.append(tekst)

    def lees(self, gegevens: Any) -> _Preset:
        if not isinstance(gegevens, dict):
            raise PresetFout(["De preset moet een blok zijn met rolgroepen, processen en titels."])
        self._onbekende_sleutels(gegevens, {"rolgroepen", "processen", "titels"}, "De preset")
        self.rollen = {rol.code: rol for rol in Rol.objects.all()}
        self.rolgroepen = self._rolgroepen(gegevens.get("rolgroepen") or {})
        processen = [
            self._proces(blok, nummer)
            for nummer, blok in enumerate(self._lijst(gegevens, "processen", "De preset"), 1)
        ]
        self._uniek([p.code for p in processen], "Proces")
        titels = self._titels(self._lijst(gegevens, "titels", "De preset"), processen)
        for proces in processen:
            self._graaf(proces, {t.beginstatus for t in titels if t.proces == proces.code})
        if self.fouten:
            raise PresetFout(self.fouten)
        return _Preset(processen=processen, titels=titels)

    # Helpers

    def _onbekende_sleutels(self, blok: Mapping[str, Any], bekend: set[str], item: str) -> None:
        for sleutel in blok:
            if sleutel not in bekend:
                self.fout(
                    f'{item}: onbekend veld "{sleutel}". Bekend zijn: {", ".join(sorted(bekend))}.'
                )

    def _lijst(self, blok: Mapping[str, Any], sleutel: str, item: str) -> list[Any]:
        waarde = blok.get(sleutel)
        if not isinstance(waarde, list) or not waarde:
            self.fout(f'{item}: "{sleutel}" moet een lijst met minstens één element zijn.')
            return []
        return waarde

    def _namen(self, waarde: Any, item: str, veld: str) -> list[str]:
        """One name or a list of names."""
        namen = [waarde] if isinstance(waarde, str) else waarde
        if not isinstance(namen, list) or not namen or not all(isinstance(n, str) for n in namen):
            self.fout(f'{item}: "{veld}" moet een naam of een lijst met namen zijn.')
            return []
        return [naam.strip() for naam in namen]

    def _tekst(self, blok: Mapping[str, Any], sleutel: str, item: str) -> str:
        waarde = blok.get(sleutel)
        if not isinstance(waarde, str) or not waarde.strip():
            self.fout(f'{item}: "{sleutel}" ontbreekt of is leeg.')
            return ""
        return waarde.strip()

    def _uniek(self, namen: list[str], soort: str, binnen: str = "") -> None:
        gezien: set[str] = set()
        for naam in namen:
            if naam in gezien:
                self.fout(f'{soort} "{naam}" staat twee keer in de preset{binnen}.')
            gezien.add(naam)

    # Roles

    def _rolgroepen(self, groepen: Any) -> dict[str, frozenset[str]]:
        if not isinstance(groepen, dict):
            self.fout('"rolgroepen" moet een blok zijn: groepsnaam met een lijst rolcodes.')
            return {}
        resultaat: dict[str, frozenset[str]] = {}
        for groep, waarde in groepen.items():
            item = f'Rolgroep "{groep}"'
            if groep in self.rollen:
                self.fout(f"{item}: heeft de naam van een rol; kies een andere groepsnaam.")
            codes = self._namen(waarde, item, "rollen")
            for code in codes:
                self._rol_controleren(code, item)
            resultaat[str(groep)] = frozenset(codes)
        return resultaat

    def _rol_controleren(self, code: str, item: str) -> None:
        rol = self.rollen.get(code)
        if rol is None:
            self.fout(f'{item}: onbekende rol "{code}".')
        elif rol.kant == Rol.Kant.EXTERN:
            self.fout(f'{item}: rol "{code}" is een externe rol; die wijzigt geen status.')

    def _rolcodes(self, waarde: Any, item: str) -> frozenset[str]:
        codes: set[str] = set()
        for naam in self._namen(waarde, item, "rollen"):
            if naam in self.rolgroepen:
                codes |= self.rolgroepen[naam]
            elif naam in self.rollen:
                self._rol_controleren(naam, item)
                codes.add(naam)
            else:
                self.fout(f'{item}: onbekende rol of rolgroep "{naam}".')
        return frozenset(codes)

    # Processes

    def _proces(self, blok: Any, nummer: int) -> _ProcesDef:
        if not isinstance(blok, dict):
            self.fout(f"Proces {nummer}: moet een blok zijn met code, naam, statussen, overgangen.")
            return _ProcesDef(code=f"#{nummer}", naam="", statussen=[], overgangen=[])
        code = self._tekst(blok, "code", f"Proces {nummer}")
        item = f'Proces "{code or nummer}"'
        self._onbekende_sleutels(
            blok, {"code", "naam", "statussen", "overgangen", "behandelende_rol"}, item
        )
        naam = self._tekst(blok, "naam", item)
        behandelende_rol = blok.get("behandelende_rol")
        if behandelende_rol is not None and (
            behandelende_rol not in self.rollen
            or self.rollen[behandelende_rol].kant != Rol.Kant.SWV
        ):
            self.fout(f'{item}: "behandelende_rol" moet een rol van het samenwerkingsverband zijn.')
        statussen = [
            self._status(status, f"{item}, status {n}")
            for n, status in enumerate(self._lijst(blok, "statussen", item), 1)
        ]
        self._uniek([status.naam for status in statussen], "Status", f" (proces {code})")
        statuscodes = [status.code for status in statussen]
        self._uniek(statuscodes, "Statuscode", f" (proces {code})")
        overgangen: list[_OvergangDef] = []
        for n, overgang in enumerate(blok.get("overgangen") or [], 1):
            overgangen += self._overgangen(overgang, f"{item}, overgang {n}", set(statuscodes))
        paren = [f"{o.van} → {o.naar}" for o in overgangen]
        self._uniek(paren, "Overgang", f" (proces {code})")
        return _ProcesDef(
            code=code,
            naam=naam,
            statussen=statussen,
            overgangen=overgangen,
            behandelende_rol=behandelende_rol,
        )

    def _status(self, blok: Any, item: str) -> _StatusDef:
        if not isinstance(blok, dict):
            self.fout(f"{item}: moet een blok zijn met naam, volgorde en de vlaggen.")
            return _StatusDef(code="", naam="", velden={})
        naam = self._tekst(blok, "naam", item)
        item = f'{item} "{naam}"' if naam else item
        self._onbekende_sleutels(blok, {"code", "naam", *STATUSVELDEN}, item)
        code = self._code(blok, item)
        if "volgorde" not in blok:
            self.fout(f'{item}: "volgorde" ontbreekt.')
        velden = dict(STATUS_STANDAARD)
        for veld, soort in STATUSVELDEN.items():
            if veld not in blok:
                continue
            waarde = blok[veld]
            # bool is a subclass of int: "volgorde: true" is refused too.
            if not isinstance(waarde, soort) or (soort is int and isinstance(waarde, bool)):
                verwacht = {int: "een getal", bool: "true of false", str: "tekst"}[soort]
                self.fout(f'{item}: "{veld}" moet {verwacht} zijn, niet "{waarde}".')
                continue
            velden[veld] = waarde.strip() if isinstance(waarde, str) else waarde
        return _StatusDef(code=code, naam=naam, velden={"naam": naam, **velden})

    def _code(self, blok: Mapping[str, Any], item: str) -> str:
        """A status's or title's stable key: lower-case letters, digits and "_"."""
        code = self._tekst(blok, "code", item)
        if code and not CODE.match(code):
            self.fout(f'{item}: code "{code}" mag alleen kleine letters, cijfers en _ bevatten.')
        return code

    def _overgangen(self, blok: Any, item: str, statuscodes: set[str]) -> list[_OvergangDef]:
        """One block in the preset; lists in `van` and `naar` give every combination."""
        if not isinstance(blok, dict):
            self.fout(f"{item}: moet een blok zijn met van, naar en rollen.")
            return []
        self._onbekende_sleutels(blok, {"van", "naar", "rollen", "voorwaarden"}, item)
        van = self._namen(blok.get("van"), item, "van")
        naar = self._namen(blok.get("naar"), item, "naar")
        for code in [*van, *naar]:
            if code not in statuscodes:
                self.fout(f'{item}: status "{code}" bestaat niet in dit proces.')
        rolcodes = self._rolcodes(blok.get("rollen"), item)
        voorwaarden = (
            tuple(self._namen(blok["voorwaarden"], item, "voorwaarden"))
            if ("voorwaarden" in blok)
            else ()
        )
        for code in voorwaarden:
            if voorwaarde(code) is None:
                self.fout(f'{item}: onbekende voorwaarde "{code}".')
        resultaat = []
        for v in van:
            for n in naar:
                if v == n:
                    self.fout(f'{item}: van en naar zijn allebei "{v}".')
                else:
                    resultaat.append(
                        _OvergangDef(van=v, naar=n, rolcodes=rolcodes, voorwaarden=voorwaarden)
                    )
        return resultaat

    def _graaf(self, proces: _ProcesDef, beginstatussen: set[str]) -> None:
        """The check SWV-beheer's screens make too (processen.services): every status
        reachable from where a title starts, and an eindstatus reachable from every status."""
        knopen = [
            Knoop(
                status.code,
                status.naam,
                status.velden.get("volgorde", 0),
                bool(status.velden.get("eindstatus")),
            )
            for status in proces.statussen
            if status.code
        ]
        for fout in procesgraaf_fouten(
            statussen=knopen,
            overgangen=[(o.van, o.naar) for o in proces.overgangen],
            beginstatussen=beginstatussen,
        ):
            self.fout(f'Proces "{proces.code}": {fout.tekst}')

    # Titles

    def _titels(self, blokken: list[Any], processen: list[_ProcesDef]) -> list[_TitelDef]:
        statussen = {p.code: {s.code for s in p.statussen} for p in processen}
        regios = set(Regio.objects.filter(swv=self.swv).values_list("naam", flat=True))
        ontbrekende_regios: dict[str, list[str]] = {}
        keuzes = set(Hulpvraagtitel.Coordinatortoewijzing.values)
        titels: list[_TitelDef] = []
        for nummer, blok in enumerate(blokken, 1):
            if not isinstance(blok, dict):
                self.fout(f"Titel {nummer}: moet een blok zijn met naam, proces en beginstatus.")
                continue
            naam = self._tekst(blok, "naam", f"Titel {nummer}")
            item = f'Titel "{naam or nummer}"'
            self._onbekende_sleutels(blok, TITELSLEUTELS, item)
            code = self._code(blok, item)
            proces = self._tekst(blok, "proces", item)
            beginstatus = self._tekst(blok, "beginstatus", item)
            if proces and proces not in statussen:
                self.fout(f'{item}: proces "{proces}" staat niet in de preset.')
            elif beginstatus and beginstatus not in statussen.get(proces, set()):
                self.fout(f'{item}: beginstatus "{beginstatus}" bestaat niet in proces "{proces}".')
            regiolijsten: dict[str, tuple[str, ...]] = {}
            for veld in ("alleen_voor_regios", "niet_voor_regios"):
                namen = self._namen(blok[veld], item, veld) if veld in blok else []
                for regio in namen:
                    if regio not in regios:
                        ontbrekende_regios.setdefault(regio, []).append(naam)
                regiolijsten[veld] = tuple(namen)
            dubbel = set(regiolijsten["alleen_voor_regios"]) & set(regiolijsten["niet_voor_regios"])
            for regio in sorted(dubbel):
                self.fout(f'{item}: regio "{regio}" staat bij alleen_voor_ én niet_voor_regios.')
            alternatief = blok.get("alternatief")
            if alternatief is not None and not isinstance(alternatief, str):
                self.fout(f'{item}: "alternatief" moet de code van een titel zijn.')
                alternatief = None
            toewijzing = blok.get("coordinatortoewijzing", "schoolcontactpersoon")
            if toewijzing not in keuzes:
                self.fout(
                    f'{item}: coordinatortoewijzing "{toewijzing}" bestaat niet; '
                    f"kies uit {', '.join(sorted(keuzes))}."
                )
            actief = blok.get("actief")
            if actief is not None and not isinstance(actief, bool):
                self.fout(f'{item}: "actief" moet true of false zijn.')
            titels.append(
                _TitelDef(
                    code=code,
                    naam=naam,
                    proces=proces,
                    beginstatus=beginstatus,
                    alleen_voor_regios=regiolijsten["alleen_voor_regios"],
                    niet_voor_regios=regiolijsten["niet_voor_regios"],
                    alternatief=alternatief.strip() if alternatief else None,
                    coordinatortoewijzing=str(toewijzing),
                    # The list's order; steps of ten leave room for titles an administrator adds.
                    volgorde=nummer * 10,
                    actief=actief if isinstance(actief, bool) else None,
                )
            )
        self._uniek([titel.naam for titel in titels], "Titel")
        titelcodes = [titel.code for titel in titels]
        self._uniek(titelcodes, "Titelcode")
        for titel in titels:
            if titel.alternatief is None:
                continue
            if titel.alternatief == titel.code:
                self.fout(f'Titel "{titel.naam}": is zijn eigen alternatief.')
            elif titel.alternatief not in titelcodes:
                self.fout(
                    f'Titel "{titel.naam}": alternatief "{titel.alternatief}" staat niet in de '
                    "preset."
                )
        for regio, bij_titels in ontbrekende_regios.items():
            genoemd = ", ".join(f'"{titel}"' for titel in bij_titels)
            self.fout(
                f'Regio "{regio}" bestaat niet bij samenwerkingsverband {self.swv} '
                f"(genoemd bij {genoemd}). Maak de regio eerst aan; de preset maakt alleen de "
                "procesconfiguratie."
            )
        return titels


# Writing -----------------------------------------------------------------------------------------


def _schoon_opslaan(rij: models.Model, item: str) -> None:
    try:
        rij.full_clean()
    except ValidationError as fout:
        raise PresetFout([f"{item}: {' '.join(fout.messages)}"]) from fout
    rij.save()


def _bewaren(
    model: type[M], *, zoek: dict[str, Any], velden: dict[str, Any], item: str
) -> tuple[M, bool, bool]:
    """Finds the row by `zoek`, sets `velden`, and saves it (after full_clean) only if needed.

    Returns the row, whether it is new, and whether it was written.
    """
    rij = model._default_manager.filter(**zoek).first()
    if rij is None:
        rij = model(**zoek, **velden)
        _schoon_opslaan(rij, item)
        return rij, True, True
    verschil = {veld: waarde for veld, waarde in velden.items() if getattr(rij, veld) != waarde}
    for veld, waarde in verschil.items():
        setattr(rij, veld, waarde)
    if verschil:
        _schoon_opslaan(rij, item)
    return rij, False, bool(verschil)


def _m2m_zetten(manager: Any, gewenst: list[Any]) -> bool:
    """Sets a many-to-many relation to exactly `gewenst`; True when that changed anything."""
    if {obj.pk for obj in manager.all()} == {obj.pk for obj in gewenst}:
        return False
    manager.set(gewenst)
    return True


def _hoofdletter(tekst: str) -> str:
    return tekst[:1].upper() + tekst[1:]


def _opslaan(preset: _Preset, swv: Samenwerkingsverband) -> Resultaat:
    resultaat = Resultaat()
    rollen = {rol.code: rol for rol in Rol.objects.all()}
    regios = {regio.naam: regio for regio in Regio.objects.filter(swv=swv)}
    processen: dict[str, Proces] = {}
    statussen: dict[tuple[str, str], Status] = {}

    for proces_def in preset.processen:
        label = f'proces "{proces_def.code}"'
        proces, nieuw, gewijzigd = _bewaren(
            Proces,
            zoek={"swv": swv, "code": proces_def.code},
            velden={
                "naam": proces_def.naam,
                "behandelende_rol": rollen.get(proces_def.behandelende_rol or ""),
            },
            item=_hoofdletter(label),
        )
        resultaat.noteer(label, nieuw=nieuw, gewijzigd=gewijzigd)
        processen[proces_def.code] = proces

        for status_def in proces_def.statussen:
            label = f'status "{status_def.naam}" ({proces_def.code})'
            status, nieuw, gewijzigd = _bewaren(
                Status,
                zoek={"proces": proces, "code": status_def.code},
                velden=status_def.velden,
                item=_hoofdletter(label),
            )
            resultaat.noteer(label, nieuw=nieuw, gewijzigd=gewijzigd)
            statussen[(proces_def.code, status_def.code)] = status

        for overgang_def in proces_def.overgangen:
            van = statussen[(proces_def.code, overgang_def.van)]
            naar = statussen[(proces_def.code, overgang_def.naar)]
            label = f'overgang "{van.naam}" → "{naar.naam}" ({proces_def.code})'
            overgang, nieuw, gewijzigd = _bewaren(
                Statusovergang,
                zoek={"van": van, "naar": naar},
                velden={"proces": proces, "voorwaarden": list(overgang_def.voorwaarden)},
                item=_hoofdletter(label),
            )
            rollen_gewijzigd = _m2m_zetten(
                overgang.rollen, [rollen[code] for code in sorted(overgang_def.rolcodes)]
            )
            resultaat.noteer(label, nieuw=nieuw, gewijzigd=gewijzigd or rollen_gewijzigd)

    # Titles in two rounds: an alternative may stand further down the list.
    titels: dict[str, tuple[Hulpvraagtitel, bool, bool]] = {}
    for titel_def in preset.titels:
        item = f'Titel "{titel_def.naam}"'
        velden: dict[str, Any] = {
            "naam": titel_def.naam,
            "proces": processen[titel_def.proces],
            "beginstatus": statussen[(titel_def.proces, titel_def.beginstatus)],
            "coordinatortoewijzing": titel_def.coordinatortoewijzing,
            "volgorde": titel_def.volgorde,
        }
        if titel_def.actief is not None:
            velden["actief"] = titel_def.actief
        titel, nieuw, gewijzigd = _bewaren(
            Hulpvraagtitel, zoek={"swv": swv, "code": titel_def.code}, velden=velden, item=item
        )
        gewijzigd |= _m2m_zetten(
            titel.alleen_voor_regios, [regios[naam] for naam in titel_def.alleen_voor_regios]
        )
        gewijzigd |= _m2m_zetten(
            titel.niet_voor_regios, [regios[naam] for naam in titel_def.niet_voor_regios]
        )
        titels[titel_def.code] = (titel, nieuw, gewijzigd)

    for titel_def in preset.titels:
        titel, nieuw, gewijzigd = titels[titel_def.code]
        alternatief = titels[titel_def.alternatief][0] if titel_def.alternatief else None
        if titel.alternatief_id != (alternatief.pk if alternatief else None):
            titel.alternatief = alternatief
            _schoon_opslaan(titel, f'Titel "{titel_def.naam}"')
            gewijzigd = True
        resultaat.noteer(f'titel "{titel_def.naam}"', nieuw=nieuw, gewijzigd=gewijzigd)
    return resultaat

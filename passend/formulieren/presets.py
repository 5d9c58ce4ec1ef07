"""The forms of a process preset: `presets/<name>.yaml` beside this file, loaded with the
process preset of the same name (registered in apps.py).

    formulieren:
      - code: aanvraag_ondersteuningsbudget
        naam: Aanvraag Ondersteuningsbudget
        koppelen_bij: [ondersteuningsbudget.ob_voorlopige_aanvraag]   # proces.status
        alleen_voor_titels: [ondersteuningsbudget]                    # optional: title codes
        secties: [...]                                                 # see definitie.py

A form is found by (SWV, code). Loading saves a new version only when the questions differ
from the current version, so a reload changes nothing and a filled form keeps its version.
"""

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.db import transaction

from passend.formulieren.definitie import CODE, DefinitieFout, definitie_lezen
from passend.formulieren.models import Formulierdefinitie, Formulierversie
from passend.organisaties.models import Samenwerkingsverband
from passend.processen.models import Hulpvraagtitel, Status
from passend.processen.presets import PresetFout, Resultaat, yaml_lezen

PRESETS_MAP = Path(__file__).resolve().parent / "presets"
SLEUTELS = {
    "code",
    "naam",
    "koppelen_bij",
    "alleen_voor_titels",
    "secties",
    "school_ziet_pas_na_indienen",
}


@transaction.atomic
def formulieren_laden(
    *, swv: Samenwerkingsverband, pad: Path, resultaat: Resultaat | None = None
) -> Resultaat:
    resultaat = resultaat or Resultaat()
    gegevens = yaml_lezen(pad)
    blokken = gegevens.get("formulieren") if isinstance(gegevens, dict) else None
    if not isinstance(blokken, list) or not blokken:
        raise PresetFout([f"{pad.name}: ‘formulieren’ moet een lijst met formulieren zijn."])
    statussen = {
        f"{status.proces.code}.{status.code}": status
        for status in Status.objects.filter(proces__swv=swv).select_related("proces")
    }
    titels = {titel.code: titel for titel in Hulpvraagtitel.objects.filter(swv=swv)}
    fouten: list[str] = []
    gelezen = [
        _lezen(blok, nummer, statussen, titels, fouten) for nummer, blok in enumerate(blokken, 1)
    ]
    codes = [item.code for item in gelezen]
    fouten.extend(
        f"Formulier ‘{c}’ staat twee keer in de preset." for c in set(codes) if codes.count(c) > 1
    )
    if fouten:
        raise PresetFout(fouten)
    for gelezen_formulier in gelezen:
        _opslaan(swv, gelezen_formulier, resultaat)
    return resultaat


@dataclass
class _Gelezen:
    code: str
    naam: str
    koppelen_bij: list[Status]
    titels: list[Hulpvraagtitel]
    inhoud: dict[str, Any]


def _lezen(
    blok: Any,
    nummer: int,
    statussen: dict[str, Status],
    titels: dict[str, Hulpvraagtitel],
    fouten: list[str],
) -> _Gelezen:
    if not isinstance(blok, dict):
        fouten.append(f"Formulier {nummer}: moet een blok zijn.")
        return _Gelezen("", "", [], [], {})
    code = blok.get("code")
    item = f"Formulier ‘{code}’" if isinstance(code, str) else f"Formulier {nummer}"
    if not isinstance(code, str) or not CODE.match(code):
        fouten.append(f"{item}: ‘code’ bestaat uit kleine letters, cijfers en _.")
    naam = blok.get("naam")
    if not isinstance(naam, str) or not naam.strip():
        fouten.append(f"{item}: ‘naam’ ontbreekt.")
        naam = ""
    for sleutel in set(blok) - SLEUTELS:
        fouten.append(f"{item}: onbekend veld ‘{sleutel}’.")
    koppelen_bij = []
    for verwijzing in blok.get("koppelen_bij") or []:
        status = statussen.get(verwijzing)
        if status is None:
            fouten.append(f"{item}: onbekende status ‘{verwijzing}’ (proces.status).")
        else:
            koppelen_bij.append(status)
    voor_titels = []
    for titelcode in blok.get("alleen_voor_titels") or []:
        if titelcode in titels:
            voor_titels.append(titels[titelcode])
        else:
            fouten.append(f"{item}: onbekende titel ‘{titelcode}’.")
    inhoud = {
        sleutel: blok[sleutel]
        for sleutel in ("secties", "school_ziet_pas_na_indienen")
        if sleutel in blok
    }
    try:
        definitie_lezen(inhoud)
    except DefinitieFout as fout:
        fouten.extend(f"{item}: {tekst}" for tekst in fout.fouten)
    return _Gelezen(str(code), naam.strip(), koppelen_bij, voor_titels, inhoud)


def _opslaan(swv: Samenwerkingsverband, gelezen: _Gelezen, resultaat: Resultaat) -> None:
    label = f'formulier "{gelezen.naam}"'
    definitie, nieuw = Formulierdefinitie.objects.get_or_create(
        swv=swv, code=gelezen.code, defaults={"naam": gelezen.naam}
    )
    gewijzigd = False
    if definitie.naam != gelezen.naam:
        definitie.naam = gelezen.naam
        definitie.save(update_fields=["naam"])
        gewijzigd = True
    if set(definitie.koppelen_bij.all()) != set(gelezen.koppelen_bij):
        definitie.koppelen_bij.set(gelezen.koppelen_bij)
        gewijzigd = True
    if set(definitie.alleen_voor_titels.all()) != set(gelezen.titels):
        definitie.alleen_voor_titels.set(gelezen.titels)
        gewijzigd = True
    huidige = definitie.huidige_versie()
    if huidige is None or huidige.inhoud != gelezen.inhoud:
        Formulierversie.objects.create(
            definitie=definitie,
            nummer=(huidige.nummer + 1) if huidige else 1,
            inhoud=gelezen.inhoud,
        )
        gewijzigd = True
    resultaat.noteer(label, nieuw=nieuw, gewijzigd=gewijzigd and not nieuw)

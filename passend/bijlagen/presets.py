"""The kinds of document of a process preset: `presets/<name>.yaml` beside this file, loaded
with the process preset of the same name (registered in apps.py).

    documenttypes:
      - {code: opp, naam: OPP}

A kind is found by (SWV, code); loading sets its name and list order. `actief` is left to the
administrator, so a kind retired in SWV-beheer stays retired; nothing is ever deleted.
"""

from pathlib import Path

from django.db import transaction

from passend.bijlagen.models import Documenttype
from passend.organisaties.models import Samenwerkingsverband
from passend.processen.presets import CODE, PresetFout, Resultaat, yaml_lezen

PRESETS_MAP = Path(__file__).resolve().parent / "presets"


@transaction.atomic
def documenttypes_laden(
    *, swv: Samenwerkingsverband, pad: Path, resultaat: Resultaat | None = None
) -> Resultaat:
    resultaat = resultaat or Resultaat()
    gegevens = yaml_lezen(pad)
    blokken = gegevens.get("documenttypes") if isinstance(gegevens, dict) else None
    if not isinstance(blokken, list) or not blokken:
        raise PresetFout([f"{pad.name}: ‘documenttypes’ moet een lijst zijn."])
    fouten = [
        f"Soort document {nummer}: geef een ‘code’ (kleine letters, cijfers, _) en een ‘naam’."
        for nummer, blok in enumerate(blokken, 1)
        if not isinstance(blok, dict)
        or set(blok) != {"code", "naam"}
        or not isinstance(blok["code"], str)
        or not CODE.match(blok["code"])
        or not isinstance(blok["naam"], str)
        or not blok["naam"].strip()
    ]
    codes = [blok.get("code") for blok in blokken if isinstance(blok, dict)]
    fouten += [
        f"Soort document ‘{c}’ staat twee keer in de preset."
        for c in set(codes)
        if codes.count(c) > 1
    ]
    if fouten:
        raise PresetFout(fouten)
    for volgorde, blok in enumerate(blokken, 1):
        soort, nieuw = Documenttype.objects.get_or_create(
            swv=swv,
            code=blok["code"],
            defaults={"naam": blok["naam"].strip(), "volgorde": volgorde},
        )
        gewijzigd = (soort.naam, soort.volgorde) != (blok["naam"].strip(), volgorde)
        if gewijzigd:
            soort.naam, soort.volgorde = blok["naam"].strip(), volgorde
            soort.save(update_fields=["naam", "volgorde"])
        resultaat.noteer(f'soort document "{soort.naam}"', nieuw=nieuw, gewijzigd=gewijzigd)
    return resultaat

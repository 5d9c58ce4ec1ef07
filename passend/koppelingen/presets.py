"""The koppelingen part of a process preset: `presets/<name>.yaml` beside this file, loaded with
the process preset of the same name (registered in apps.py).

    oso:
      te_bewaren: [bijlagen]
    aanvraagtypen:
      - {code: TLV, titels: [TLV -Nieuw, TLV-aanvraag (IJsselmonde)]}

Loading sets the OSO settings and each aanvraagtype's titles; an aanvraagtype the administrator
added stays. Titles are found by name among the SWV's titles (the process preset loads first).
"""

from pathlib import Path

from django.db import transaction

from passend.koppelingen.models import Aanvraagtype, Osoinstellingen
from passend.koppelingen.oso import BLOKNAMEN
from passend.organisaties.models import Samenwerkingsverband
from passend.processen.models import Hulpvraagtitel
from passend.processen.presets import PresetFout, Resultaat, yaml_lezen

PRESETS_MAP = Path(__file__).resolve().parent / "presets"


def _fouten(gegevens: object, titels: dict[str, Hulpvraagtitel]) -> list[str]:
    if not isinstance(gegevens, dict) or set(gegevens) - {"oso", "aanvraagtypen"}:
        return ["Verwacht ‘oso’ en ‘aanvraagtypen’."]
    fouten = []
    oso = gegevens.get("oso", {})
    te_bewaren = oso.get("te_bewaren", []) if isinstance(oso, dict) else None
    if not isinstance(te_bewaren, list) or set(te_bewaren) - BLOKNAMEN:
        fouten.append(
            "‘oso.te_bewaren’ is een lijst met blokken uit: " + ", ".join(sorted(BLOKNAMEN))
        )
    for nummer, regel in enumerate(gegevens.get("aanvraagtypen", []), 1):
        if (
            not isinstance(regel, dict)
            or set(regel) != {"code", "titels"}
            or not isinstance(regel["titels"], list)
        ):
            fouten.append(f"Aanvraagtype {nummer}: geef een ‘code’ en een lijst ‘titels’.")
            continue
        fouten += [
            f"Aanvraagtype ‘{regel['code']}’: de titel ‘{naam}’ bestaat niet."
            for naam in regel["titels"]
            if naam not in titels
        ]
    return fouten


@transaction.atomic
def koppelingen_laden(
    *, swv: Samenwerkingsverband, pad: Path, resultaat: Resultaat | None = None
) -> Resultaat:
    resultaat = resultaat or Resultaat()
    gegevens = yaml_lezen(pad)
    titels = {t.naam: t for t in Hulpvraagtitel.objects.filter(swv=swv)}
    if fouten := _fouten(gegevens, titels):
        raise PresetFout([f"{pad.name}: {fout}" for fout in fouten])
    te_bewaren = gegevens.get("oso", {}).get("te_bewaren", ["bijlagen"])
    instellingen, nieuw = Osoinstellingen.objects.get_or_create(
        swv=swv, defaults={"te_bewaren": te_bewaren}
    )
    gewijzigd = instellingen.te_bewaren != te_bewaren
    if gewijzigd:
        instellingen.te_bewaren = te_bewaren
        instellingen.save(update_fields=["te_bewaren"])
    resultaat.noteer("OSO-instellingen", nieuw=nieuw, gewijzigd=gewijzigd)
    for regel in gegevens.get("aanvraagtypen", []):
        aanvraagtype, nieuw = Aanvraagtype.objects.get_or_create(swv=swv, code=regel["code"])
        gewenst = {titels[naam].pk for naam in regel["titels"]}
        gewijzigd = set(aanvraagtype.titels.values_list("pk", flat=True)) != gewenst
        if gewijzigd:
            aanvraagtype.titels.set(gewenst)
        resultaat.noteer(f'aanvraagtype "{aanvraagtype.code}"', nieuw=nieuw, gewijzigd=gewijzigd)
    return resultaat

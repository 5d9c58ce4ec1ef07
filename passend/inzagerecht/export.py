"""B10: everything on one pupil as one ZIP, for the AVG's right of access and portability:
`leerling.json` (dossier, addresses, schoolgegevens, every hulpvraag with its full status
history, forms with their values, attachment metadata, overlegronde reactions), the attachment
files byte for byte (read through the storage API), the pupil's access log, and a readable
`samenvatting.html`.

Everything is read through the acting user's visibility selectors. The ZIP is written to an
anonymous temporary file that disappears when it is closed (after the response is sent), so
nothing stays on the web process's disk. The export is logged (with its counts) before the log
is read, so the log in the ZIP holds the export itself."""

import json
import shutil
import tempfile
import zipfile
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from django.template.loader import render_to_string
from django.utils import timezone

from passend.accounts.models import Gebruiker
from passend.audit import gebeurtenissen
from passend.audit.selectors import inzagen_over_leerling
from passend.bijlagen.models import Bijlage
from passend.bijlagen.opslag import bestand_openen
from passend.dossiers.models import Leerling
from passend.dossiers.rechten import mag_contactgegevens_zien
from passend.dossiers.selectors import schoolgegevens_van
from passend.formulieren.selectors import formulieren_van, weergave
from passend.hulpvragen.selectors import hulpvragen_van_leerling
from passend.inzagerecht.selectors import leerling_voor_beheer
from passend.overlegrondes.models import Overlegronde, Reactie

Json = dict[str, Any]


def _tekst(waarde: object) -> Any:
    if isinstance(waarde, datetime):
        return timezone.localtime(waarde).isoformat()
    if isinstance(waarde, date):
        return waarde.isoformat()
    return waarde


def _naam(gebruiker: Gebruiker | None) -> str:
    return gebruiker.volledige_naam if gebruiker is not None else ""


@dataclass
class Export:
    """What went into the ZIP: the JSON document and the files by their path in the ZIP."""

    gegevens: Json
    bestanden: list[tuple[str, str]] = field(default_factory=list)  # (path in zip, opslagnaam)


def _bijlage(bijlage: Bijlage, pad: str) -> Json:
    return {
        "id": bijlage.pk,
        "uuid": str(bijlage.uuid),
        "bestandsnaam": bijlage.bestandsnaam,
        "documenttype": bijlage.documenttype.naam if bijlage.documenttype_id else "",  # type: ignore[union-attr]
        "mime": bijlage.mime,
        "grootte": bijlage.grootte,
        "sha256": bijlage.sha256,
        "toegevoegd_op": _tekst(bijlage.toegevoegd_op),
        "toegevoegd_door": _naam(bijlage.toegevoegd_door),
        "bron": bijlage.bron,
        "pad": pad,
    }


def _verzamelen(door: Gebruiker, leerling: Leerling) -> Export:
    export = Export(gegevens={})
    contact = mag_contactgegevens_zien(door, leerling)
    hulpvragen = []
    for hulpvraag in (
        hulpvragen_van_leerling(door, leerling)
        .select_related("coordinator", "titel", "status")
        .prefetch_related("labels")
        .order_by("hulpvraagdatum", "pk")
    ):
        historie = [
            {
                "van": wijziging.van.naam if wijziging.van_id else None,  # type: ignore[union-attr]
                "naar": wijziging.naar.naam,
                "door": _naam(wijziging.door),
                "op": _tekst(wijziging.op),
                "reden": wijziging.reden,
            }
            for wijziging in hulpvraag.statuswijzigingen.select_related(
                "van", "naar", "door"
            ).order_by("op", "pk")
        ]
        formulieren = []
        for formulier in formulieren_van(door, hulpvraag):
            formulieren.append(
                {
                    "id": formulier.pk,
                    "formulier": formulier.versie.definitie.naam,
                    "versie": formulier.versie_id,
                    "ingediend_op": _tekst(formulier.ingediend_op),
                    "gewijzigd_op": _tekst(formulier.gewijzigd_op),
                    "antwoorden": formulier.antwoorden,
                    "weergave": [
                        {
                            "sectie": sectie.titel,
                            "vragen": [
                                {"vraag": regel.vraag.vraag, "antwoord": regel.antwoord}
                                for regel in sectie.regels
                            ],
                        }
                        for sectie in weergave(formulier)
                    ],
                }
            )
        bijlagen = []
        for bijlage in (
            Bijlage.objects.zichtbaar_voor(door)
            .filter(hulpvraag=hulpvraag)
            .select_related("documenttype", "toegevoegd_door")
            .order_by("toegevoegd_op", "pk")
        ):
            pad = f"bijlagen/{hulpvraag.referentie}/{bijlage.pk}-{bijlage.bestandsnaam}"
            export.bestanden.append((pad, bijlage.opslagnaam))
            bijlagen.append(_bijlage(bijlage, pad))
        overlegrondes = []
        # The reactions the pupil's school may see: every round of the hulpvraag (the school
        # sees all of its rounds); the hulpvraag itself is one the acting user sees.
        for overlegronde in Overlegronde.objects.filter(hulpvraag=hulpvraag).order_by("pk"):
            reacties = []
            for reactie in (
                Reactie.objects.filter(overlegronde=overlegronde)
                .select_related("door", "bijlage")
                .order_by("geplaatst_op", "pk")
            ):
                item: Json = {
                    "door": _naam(reactie.door),
                    "geplaatst_op": _tekst(reactie.geplaatst_op),
                    "tekst": reactie.tekst,
                }
                bestand = getattr(reactie, "bijlage", None)
                if bestand is not None:
                    pad = f"reacties/{overlegronde.referentie}/{reactie.pk}-{bestand.bestandsnaam}"
                    export.bestanden.append((pad, bestand.opslagnaam))
                    item["bijlage"] = {
                        "bestandsnaam": bestand.bestandsnaam,
                        "mime": bestand.mime,
                        "grootte": bestand.grootte,
                        "sha256": bestand.sha256,
                        "pad": pad,
                    }
                reacties.append(item)
            overlegrondes.append(
                {
                    "referentie": overlegronde.referentie,
                    "onderwerp": overlegronde.onderwerp,
                    "omschrijving": overlegronde.omschrijving,
                    "einddatum_reacties": _tekst(overlegronde.einddatum_reacties),
                    "einddatum_inzage": _tekst(overlegronde.einddatum_inzage),
                    "reacties": reacties,
                }
            )
        hulpvragen.append(
            {
                "referentie": hulpvraag.referentie,
                "uuid": str(hulpvraag.uuid),
                "titel": hulpvraag.titel.naam,
                "omschrijving": hulpvraag.omschrijving,
                "hulpvraagdatum": _tekst(hulpvraag.hulpvraagdatum),
                "status": hulpvraag.status.naam,
                "status_sinds": _tekst(hulpvraag.status_sinds),
                "school": hulpvraag.schoolgegevens.school.naam,
                "coordinator": _naam(hulpvraag.coordinator),
                "labels": [label.naam for label in hulpvraag.labels.all()],
                "bron": hulpvraag.bron,
                "aangemaakt_op": _tekst(hulpvraag.aangemaakt_op),
                "statushistorie": historie,
                "formulieren": formulieren,
                "bijlagen": bijlagen,
                "overlegrondes": overlegrondes,
            }
        )
    export.gegevens = {
        "export": {
            "gemaakt_op": _tekst(timezone.now()),
            "door": door.gebruikersnaam,
            "samenwerkingsverband": f"{leerling.swv.code} {leerling.swv.naam}",
        },
        "leerling": {
            "id": leerling.pk,
            "uuid": str(leerling.uuid),
            "roepnaam": leerling.roepnaam,
            "tussenvoegsel": leerling.tussenvoegsel,
            "achternaam": leerling.achternaam,
            "geboortedatum": _tekst(leerling.geboortedatum),
            "geslacht": leerling.get_geslacht_display(),
            "ouder_emailadressen": leerling.ouder_emailadressen_lijst if contact else [],
            "aangemaakt_op": _tekst(leerling.aangemaakt_op),
        },
        "adressen": [
            {
                "soort": adres.get_soort_display(),
                "straat": adres.straat,
                "huisnummer": adres.huisnummer,
                "toevoeging": adres.toevoeging,
                "postcode": adres.postcode,
                "plaats": adres.plaats,
                "land": adres.land,
                "opmerkingen": adres.opmerkingen,
            }
            for adres in (leerling.adressen.order_by("pk") if contact else [])
        ],
        "schoolgegevens": [
            {
                "school": schoolgegevens.school.naam,
                "brin_vestiging": schoolgegevens.school.code,
                "groep": schoolgegevens.groep,
                "sinds": _tekst(schoolgegevens.sinds),
                "contactpersoon": schoolgegevens.contactpersoon,
                "email": schoolgegevens.email,
                "telefoon": schoolgegevens.telefoon,
            }
            for schoolgegevens in schoolgegevens_van(door, leerling).select_related("school")
        ],
        "hulpvragen": hulpvragen,
        "inzagelog": [],
    }
    return export


def _inzagelog(leerling: Leerling) -> list[Json]:
    return [
        {
            "tijd": _tekst(rij.tijd),
            "gebruikersnaam": rij.gebruikersnaam,
            "rollen": rij.rollen,
            "gebeurtenis": rij.gebeurtenis,
            "actie": rij.actie,
            "objecttype": rij.objecttype,
            "object": rij.object_id,
            "grondslag": rij.grondslag,
            "clientadres": rij.client_adres,
            "namens": rij.namens,
            "systeem": rij.systeem,
        }
        for rij in inzagen_over_leerling(leerling_id=leerling.pk, swv_code=leerling.swv.code)
    ]


def leerling_exporteren(*, door: Gebruiker, leerling_id: int) -> tuple[Any, str]:
    """The pupil's ZIP in an anonymous temporary file (rewound), and its download name.
    Raises Leerling.DoesNotExist for a pupil the user may not export."""
    leerling = leerling_voor_beheer(door, leerling_id)
    export = _verzamelen(door, leerling)
    # Logged with its counts before the log is read, so the ZIP holds its own export.
    gebeurtenissen.leerling_geexporteerd(
        leerling,
        door=door,
        formaat="zip",
        hulpvragen=len(export.gegevens["hulpvragen"]),
        bestanden=len(export.bestanden),
    )
    export.gegevens["inzagelog"] = _inzagelog(leerling)
    bestand = tempfile.TemporaryFile(prefix="passend-export-")  # noqa: SIM115 (closed by the response)
    with zipfile.ZipFile(bestand, "w", compression=zipfile.ZIP_DEFLATED) as zip:
        zip.writestr(
            "leerling.json", json.dumps(export.gegevens, ensure_ascii=False, indent=2, default=str)
        )
        zip.writestr(
            "samenvatting.html",
            render_to_string("inzagerecht/samenvatting.html", {"export": export.gegevens}),
        )
        for pad, opslagnaam in export.bestanden:
            with bestand_openen(opslagnaam) as bron, zip.open(pad, "w") as doel:
                shutil.copyfileobj(bron, doel, 1024 * 1024)
    bestand.seek(0)
    naam = f"leerling-{leerling.uuid}-{timezone.localdate():%Y%m%d}.zip"
    return bestand, naam

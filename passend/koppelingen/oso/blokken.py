"""The data blocks (categorieën) of an OSO dossier and where their elements live.

The block names are the standard's own categories (`metadata/categorie_uitlevering/cat_<naam>`),
with the elements each covers as the standard's own check stylesheet (business rules
OS.cat01–OS.cat16) assigns them. Elements no category claims belong to the block of their
parent: the school's data to "school", the pupil's to "leerling".

One more name is understood in `te_bewaren`: BIJLAGEN ("bijlagen"): keep the attached
documents (files) of every block, without the rest of those blocks (PPO keeps only these).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Blok:
    naam: str
    titel: str | Promise
    # Where the block's elements are: "dossier" (children of <dossier>), "school" (of
    # <huidigeschool>), "leerling" (of <leerling>), "ondersteuning" (of
    # <leerling>/<onderwijsondersteuning>). An empty tuple: whatever no other block claims.
    plek: str
    elementen: tuple[str, ...]
    # The basics (metadata, school, leerling) are needed to file the request: always read,
    # never checked against categorie_uitlevering (the schema requires them anyway).
    basis: bool = False


BIJLAGEN = "bijlagen"

BLOKKEN: tuple[Blok, ...] = (
    Blok(
        "metadata", _("Algemene dossiergegevens"), "dossier", ("metadata", "overdrachtsoort"), True
    ),
    Blok("ouderinzage", _("Ouderinzage"), "dossier", ("inzage",)),
    Blok("school", _("School"), "school", (), True),
    Blok("leerling", _("Leerling"), "leerling", (), True),
    Blok(
        "oudersverzorgers",
        _("Ouders/verzorgers"),
        "leerling",
        ("verzorgersaansprakelijk", "verzorger", "aansprakelijkeinstelling"),
    ),
    Blok(
        "vve",
        _("VVE"),
        "leerling",
        ("vanpeuterspeelzaal", "naampeuterspeelzaal", "voorschools", "vroegschools"),
    ),
    Blok("schoolloopbaan", _("Schoolloopbaan"), "leerling", ("schoolloopbaanlijst",)),
    Blok("overstapadvies", _("Overstapadvies"), "leerling", ("overstapadvies",)),
    Blok(
        "onderwijsondersteuning",
        _("Onderwijsondersteuning"),
        "ondersteuning",
        (
            "toelichting_onderwijsbehoeften",
            "diagnose",
            "medicijngebruik",
            "opp",
            "tlv",
            "arrangement_cluster12",
            "arrangement_pao",
            "lwoo",
            "rvc",
        ),
    ),
    Blok("verzuim", _("Verzuim"), "leerling", ("verzuim",)),
    Blok("eindtoetsbo", _("Eindtoets basisonderwijs"), "leerling", ("eindtoets_basisonderwijs",)),
    Blok("toetsresultaten", _("Toetsresultaten"), "leerling", ("toetslijst",)),
    Blok("handelingsplannen", _("Handelingsplannen"), "ondersteuning", ("handelingsplan",)),
    Blok("cijferlijsten", _("Cijferlijsten"), "leerling", ("cijferlijstlijst",)),
    Blok(
        "vombo",
        _("VO-MBO"),
        "leerling",
        (
            "bevorderd",
            "examenresultaat",
            "resultaatvakkenvo",
            "certificaat",
            "competenties",
            "stage",
            "overigvombo",
        ),
    ),
    Blok("bijlagedocs", _("Bijlagedocumenten"), "leerling", ("overigdocumentlijst",)),
)

PER_NAAM = {blok.naam: blok for blok in BLOKKEN}
BLOKNAMEN = frozenset(PER_NAAM) | {BIJLAGEN}

# Claimed elsewhere, so not part of the "leerling" leftovers. onderwijsondersteuning is the
# container of two blocks; the national identifiers never leave the reader at all.
_GECLAIMD_IN_LEERLING = frozenset(
    naam for blok in BLOKKEN if blok.plek == "leerling" for naam in blok.elementen
) | {"onderwijsondersteuning"}
IDENTIFICATIENUMMERS = frozenset({"bsn", "onderwijsnummer"})
# Not national identifiers, but nothing an SWV needs and never shown: bank account numbers.
# Attachment contents are unpacked as files, never shown as data.
NOOIT_TONEN = IDENTIFICATIENUMMERS | {"iban", "banknummer", "bestandsinhoud"}


def blokelementen(blok: Blok, plekken: dict[str, object]) -> list:  # type: ignore[type-arg]
    """The elements of `blok` present in the document; `plekken` maps a plek to its lxml
    element (or None when absent)."""
    ouder = plekken.get(blok.plek)
    if ouder is None:
        return []
    kinderen = [k for k in ouder if isinstance(k.tag, str)]  # type: ignore[attr-defined]

    def lokaal(element) -> str:  # type: ignore[no-untyped-def]
        return element.tag.rsplit("}", 1)[-1]

    if blok.elementen:
        return [k for k in kinderen if lokaal(k) in blok.elementen]
    if blok.plek == "school":
        return [k for k in kinderen if lokaal(k) != "leerling"]
    # leerling leftovers
    return [
        k
        for k in kinderen
        if lokaal(k) not in _GECLAIMD_IN_LEERLING and lokaal(k) not in IDENTIFICATIENUMMERS
    ]

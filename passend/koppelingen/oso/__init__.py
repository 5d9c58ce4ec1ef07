"""The OSO dossier reader (issue 15): an OSO PaO dossier (XML bytes) in, a checked, minimised,
mapped OsoAanvraag out, or OsoGeweigerd with a machine code and Dutch messages. Pure: no
database, no transport; the receiving endpoint, storage and per-SWV settings wire it up."""

from .blokken import BIJLAGEN, BLOKKEN, BLOKNAMEN
from .fouten import CODES, OsoGeweigerd
from .lezen import (
    OsoAanvraag,
    OsoAdres,
    OsoBijlage,
    OsoLeerling,
    OsoMetadata,
    OsoSchool,
    dossier_controleren,
    dossier_omzetten,
    lees_dossier,
)
from .uitpakken import BijlageBestand

__all__ = [
    "BIJLAGEN",
    "BLOKKEN",
    "BLOKNAMEN",
    "CODES",
    "BijlageBestand",
    "OsoAanvraag",
    "OsoAdres",
    "OsoBijlage",
    "OsoGeweigerd",
    "OsoLeerling",
    "OsoMetadata",
    "OsoSchool",
    "dossier_controleren",
    "dossier_omzetten",
    "lees_dossier",
]

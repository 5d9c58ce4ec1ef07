"""What every check shares: the refusal, and reading a file in blocks."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from pathlib import Path

from django.utils.translation import gettext as _

logger = logging.getLogger("passend.bijlagen")

BLOK = 64 * 1024


class BestandGeweigerd(Exception):
    """A file refused; .melding is the clear Dutch message shown to the user (gettext)."""

    def __init__(self, melding: str) -> None:
        super().__init__(melding)
        self.melding = melding


class TeGrootMaarVerkleinbaar(BestandGeweigerd):
    """R3: a PDF over the limit that is made of scanned pages; the caller may offer
    pdf_verkleinen."""


class Onbekend(Exception):
    """Content recognised as something outside the allow-list; .omschrijving says what."""

    def __init__(self, omschrijving: str, *, uitvoerbaar: bool = False) -> None:
        super().__init__(omschrijving)
        self.omschrijving = omschrijving
        self.uitvoerbaar = uitvoerbaar


def blokken(pad: Path, grootte: int = BLOK) -> Iterator[bytes]:
    with pad.open("rb") as bestand:
        while blok := bestand.read(grootte):
            yield blok


def stam_en_extensie(bestandsnaam: str) -> tuple[str, str]:
    """("Verslag", "pdf") for "C:\\Mijn documenten\\Verslag.PDF": the name without any folder
    a browser left in front of it, split at its last dot; "" when there is no extension."""
    naam = bestandsnaam.strip().rsplit("/", 1)[-1].rsplit("\\", 1)[-1]
    if "." not in naam.strip("."):
        return naam, ""
    stam, extensie = naam.rsplit(".", 1)
    return stam, extensie.lower()


def beschadigd(bestandsnaam: str) -> BestandGeweigerd:
    return BestandGeweigerd(
        _("‘%(naam)s’ is beschadigd en kan niet worden gelezen.") % {"naam": bestandsnaam}
    )

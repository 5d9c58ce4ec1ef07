"""An OSO attachment's content is base64 of a ZIP: decoded and unpacked here, within limits.

Names inside a ZIP are never used as paths: a file comes back as bytes with a bare file name
(folders stripped), for passend.bijlagen's checks (`bestand_aanbieden(pad=..., bestandsnaam=...)`;
`BijlageBestand.tijdelijk()` writes one to a temporary path for that). A ZIP inside the ZIP is
returned as a file as it is, never unpacked (the bijlagen checks refuse it as a kind).

Hostile content refuses the whole dossier: too many files, too much unpacked, a compression
ratio of a bomb, an encrypted member, a name with a path that climbs out (``..``) or is absolute.
A damaged attachment (not base64, not a ZIP, a truncated ZIP, as in the official sample
dossiers) does not: it is reported on the attachment (`probleem`) and carries no files, so the
school can be told which attachment could not be read.
"""

from __future__ import annotations

import base64
import binascii
import io
import tempfile
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from django.utils.translation import gettext as _

from .fouten import BIJLAGE_TE_GROOT, BIJLAGE_ZIP_ONGELDIG, OsoGeweigerd

MAX_BESTANDEN_PER_ZIP = 20
MAX_UITGEPAKT_PER_ZIP = 60 * 1024 * 1024
MAX_UITGEPAKT_PER_DOSSIER = 200 * 1024 * 1024
MAX_VERHOUDING = 100  # unpacked / packed, per member (ordinary documents stay far below)
_VERHOUDING_VANAF = 1024 * 1024  # small members may compress well without harm
_BLOK = 64 * 1024


@dataclass(frozen=True)
class BijlageBestand:
    bestandsnaam: str  # the bare name inside the ZIP, no folders
    inhoud: bytes

    @contextmanager
    def tijdelijk(self) -> Iterator[Path]:
        """The content in a temporary file for passend.bijlagen (removed afterwards)."""
        with tempfile.TemporaryDirectory(prefix="passend-oso-") as map:
            pad = Path(map) / "bestand"
            pad.write_bytes(self.inhoud)
            yield pad


class Onleesbaar(Exception):
    """A damaged attachment: reported on the attachment, the dossier is not refused."""


class Teller:
    """Unpacked bytes of one dossier so far, against MAX_UITGEPAKT_PER_DOSSIER."""

    def __init__(self, maximum: int = MAX_UITGEPAKT_PER_DOSSIER) -> None:
        self.maximum = maximum
        self.totaal = 0

    def bij(self, aantal: int, plaats: str) -> None:
        self.totaal += aantal
        if self.totaal > self.maximum:
            raise OsoGeweigerd(
                BIJLAGE_TE_GROOT,
                [
                    _(
                        "De bijlagen van het dossier pakken samen uit tot meer dan %(mb)s MB "
                        "(%(plaats)s)."
                    )
                    % {"mb": self.maximum // (1024 * 1024), "plaats": plaats}
                ],
            )


def kale_naam(naam: str) -> str:
    return naam.replace("\\", "/").rsplit("/", 1)[-1].strip()


def _verdacht_pad(naam: str) -> bool:
    delen = naam.replace("\\", "/").split("/")
    return naam.startswith(("/", "\\")) or ".." in delen or (len(naam) > 1 and naam[1] == ":")


def uitpakken(base64_tekst: str, *, plaats: str, teller: Teller) -> list[BijlageBestand]:
    """The files of one attachment. `plaats` says where it is (element path and line) for the
    messages. Raises OsoGeweigerd for hostile content, Onleesbaar for a damaged attachment."""
    try:
        gepakt = base64.b64decode("".join(base64_tekst.split()), validate=True)
    except (binascii.Error, ValueError):
        raise Onleesbaar(_("De inhoud is geen geldige base64.")) from None
    try:
        archief = zipfile.ZipFile(io.BytesIO(gepakt))
        leden = [lid for lid in archief.infolist() if not lid.is_dir()]
    except (zipfile.BadZipFile, ValueError, EOFError, OSError):
        raise Onleesbaar(_("De inhoud is geen (volledig) ZIP-bestand.")) from None
    if len(leden) > MAX_BESTANDEN_PER_ZIP:
        raise OsoGeweigerd(
            BIJLAGE_ZIP_ONGELDIG,
            [
                _("Een bijlage (%(plaats)s) bevat meer dan %(max)s bestanden.")
                % {"plaats": plaats, "max": MAX_BESTANDEN_PER_ZIP}
            ],
        )
    if not leden:
        raise Onleesbaar(_("Het ZIP-bestand is leeg."))
    # The declared sizes first (before reading anything), then the real ones while reading.
    if sum(lid.file_size for lid in leden) > MAX_UITGEPAKT_PER_ZIP:
        raise _te_groot(plaats)
    bestanden = []
    in_deze_zip = 0
    for lid in leden:
        if lid.flag_bits & 0x1:
            raise OsoGeweigerd(
                BIJLAGE_ZIP_ONGELDIG,
                [_("Een bijlage (%(plaats)s) is versleuteld.") % {"plaats": plaats}],
            )
        if _verdacht_pad(lid.filename) or not kale_naam(lid.filename):
            raise OsoGeweigerd(
                BIJLAGE_ZIP_ONGELDIG,
                [
                    _("Een bijlage (%(plaats)s) bevat een bestandsnaam met een pad.")
                    % {"plaats": plaats}
                ],
            )
        if lid.file_size > MAX_UITGEPAKT_PER_ZIP:
            raise _te_groot(plaats)
        delen: list[bytes] = []
        grootte = 0
        try:
            with archief.open(lid) as bron:
                while blok := bron.read(_BLOK):
                    grootte += len(blok)
                    in_deze_zip += len(blok)
                    # Counted while reading: the sizes in a ZIP's directory can lie.
                    if in_deze_zip > MAX_UITGEPAKT_PER_ZIP:
                        raise _te_groot(plaats)
                    if grootte > _VERHOUDING_VANAF and grootte > MAX_VERHOUDING * max(
                        lid.compress_size, 1
                    ):
                        raise OsoGeweigerd(
                            BIJLAGE_TE_GROOT,
                            [
                                _(
                                    "Een bijlage (%(plaats)s) pakt verdacht sterk uit "
                                    "(meer dan %(max)s keer): mogelijk een ZIP-bom."
                                )
                                % {"plaats": plaats, "max": MAX_VERHOUDING}
                            ],
                        )
                    teller.bij(len(blok), plaats)
                    delen.append(blok)
        except (zipfile.BadZipFile, EOFError, OSError, NotImplementedError, ValueError):
            raise Onleesbaar(_("Het ZIP-bestand is beschadigd.")) from None
        bestanden.append(
            BijlageBestand(bestandsnaam=kale_naam(lid.filename), inhoud=b"".join(delen))
        )
    return bestanden


def _te_groot(plaats: str) -> OsoGeweigerd:
    return OsoGeweigerd(
        BIJLAGE_TE_GROOT,
        [
            _("Een bijlage (%(plaats)s) pakt uit tot meer dan %(mb)s MB.")
            % {"plaats": plaats, "mb": MAX_UITGEPAKT_PER_ZIP // (1024 * 1024)}
        ],
    )

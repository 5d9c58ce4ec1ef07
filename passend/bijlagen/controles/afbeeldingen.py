"""JPG and PNG, verified with Pillow without decoding a bomb."""

from __future__ import annotations

import struct
import warnings
from pathlib import Path

from django.utils.translation import gettext as _
from PIL import Image

from passend.bijlagen.controles.basis import BestandGeweigerd, beschadigd

# A photo from a phone has some 12 to 50 million pixels; more is a decompression bomb.
AFBEELDING_MAX_PIXELS = 100_000_000
PIL_FORMATEN = {"jpg": "JPEG", "png": "PNG"}


def afbeelding_controleren(pad: Path, soort: str, bestandsnaam: str) -> None:
    """Opens the image with Pillow and verifies it, without decoding a bomb's pixels."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            with Image.open(pad, formats=[PIL_FORMATEN[soort]]) as afbeelding:
                breedte, hoogte = afbeelding.size
                if breedte * hoogte > AFBEELDING_MAX_PIXELS:
                    raise _afbeelding_te_groot(bestandsnaam)
                afbeelding.verify()
            if soort == "jpg":
                # verify() reads only the JPEG headers; decoding at 1/8 scale reads all data.
                with Image.open(pad, formats=["JPEG"]) as afbeelding:
                    afbeelding.draft(afbeelding.mode, (breedte // 8, hoogte // 8))
                    afbeelding.load()
    except Image.DecompressionBombError:
        raise _afbeelding_te_groot(bestandsnaam) from None
    except (OSError, SyntaxError, ValueError, struct.error, EOFError):
        raise beschadigd(bestandsnaam) from None


def _afbeelding_te_groot(bestandsnaam: str) -> BestandGeweigerd:
    return BestandGeweigerd(
        _(
            "‘%(naam)s’ heeft te veel beeldpunten (meer dan %(max)s miljoen). Verklein de "
            "afbeelding en probeer het opnieuw."
        )
        % {"naam": bestandsnaam, "max": AFBEELDING_MAX_PIXELS // 1_000_000}
    )

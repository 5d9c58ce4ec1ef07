"""The virus scanner: clamd over its INSTREAM protocol."""

from __future__ import annotations

import socket
import struct
from pathlib import Path
from urllib.parse import urlsplit

from django.conf import settings
from django.utils.translation import gettext as _

from passend.bijlagen.controles.basis import BestandGeweigerd, blokken, logger


def virusscanner_stand_melden() -> None:
    """Logged once when a web process starts: whether attachments are scanned, so a choice to
    run without a scanner (PASSEND_VIRUSSCANNER=uit) stands in the log, not only in the
    environment."""
    if settings.CLAMD_ADRES:
        logger.info("Virusscanner aan: elke bijlage gaat langs clamd")
    elif settings.PASSEND_VIRUSSCANNER == "uit":
        logger.warning(
            "Virusscanner uit (PASSEND_VIRUSSCANNER=uit): bijlagen worden niet op virussen gescand"
        )
    else:
        logger.info("Geen virusscanner ingesteld (CLAMD_ADRES leeg): alleen lokaal toegestaan")


def virusscanner_controleren(pad: Path, bestandsnaam: str) -> None:
    """Streams the file to clamd when CLAMD_ADRES is set. A file the scanner does not clear
    is refused: a find, but also no answer, an error or a timeout (fail closed)."""
    adres = settings.CLAMD_ADRES
    if not adres:
        return
    try:
        antwoord = _clamd_instream(adres, pad, timeout=settings.CLAMD_TIMEOUT)
    except (OSError, ValueError) as fout:
        # The file's name is left out of the log: it may name a pupil.
        logger.warning("Virusscanner niet bereikbaar", extra={"fout": repr(fout)})
        raise _scanner_onbereikbaar(bestandsnaam) from None
    if antwoord == "stream: OK":
        return
    if antwoord.startswith("stream: ") and antwoord.endswith(" FOUND"):
        virus = antwoord.removeprefix("stream: ").removesuffix(" FOUND")
        logger.warning("Virusscanner vond schadelijke inhoud", extra={"virus": virus})
        raise BestandGeweigerd(
            _(
                "De virusscanner heeft in ‘%(naam)s’ schadelijke inhoud gevonden (%(virus)s). "
                "Het bestand is niet toegevoegd."
            )
            % {"naam": bestandsnaam, "virus": virus}
        )
    logger.warning("Virusscanner gaf geen bruikbaar antwoord", extra={"antwoord": antwoord})
    raise _scanner_onbereikbaar(bestandsnaam)


def _scanner_onbereikbaar(bestandsnaam: str) -> BestandGeweigerd:
    return BestandGeweigerd(
        _(
            "‘%(naam)s’ kon niet op virussen worden gecontroleerd, omdat de virusscanner nu niet "
            "bereikbaar is. Het bestand is niet toegevoegd. Probeer het later opnieuw."
        )
        % {"naam": bestandsnaam}
    )


def _clamd_instream(adres: str, pad: Path, *, timeout: float) -> str:
    """clamd's answer for the file: "stream: OK", "stream: <name> FOUND" or an error.

    The protocol: the command "zINSTREAM" ending in NUL, the content in chunks each preceded
    by its length as 4 bytes big-endian, a zero length to end, then one NUL-terminated reply.
    The timeout holds for connecting and for each send and receive.
    """
    if adres.startswith("unix://"):
        verbinding = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        verbinding.settimeout(timeout)
        try:
            verbinding.connect(adres.removeprefix("unix://"))
        except OSError:
            verbinding.close()
            raise
    else:
        delen = urlsplit(adres)
        if delen.scheme != "tcp" or not delen.hostname or not delen.port:
            raise ValueError(f"CLAMD_ADRES onbruikbaar: {adres!r}")
        verbinding = socket.create_connection((delen.hostname, delen.port), timeout=timeout)
    with verbinding:
        try:
            verbinding.sendall(b"zINSTREAM\0")
            for blok in blokken(pad):
                verbinding.sendall(struct.pack(">I", len(blok)) + blok)
            verbinding.sendall(struct.pack(">I", 0))
        except (BrokenPipeError, ConnectionResetError):
            pass  # clamd hangs up on a stream over its StreamMaxLength; its reply says so
        antwoord = b""
        while not antwoord.endswith(b"\0") and len(antwoord) < 4096:
            deel = verbinding.recv(4096)
            if not deel:
                break
            antwoord += deel
    return antwoord.rstrip(b"\0").decode("utf-8", errors="replace").strip()

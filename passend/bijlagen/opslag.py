"""The "bijlagen" storage (settings.STORAGES): a folder under var/ or S3-compatible object
storage. Files are written and read through Django's storage API, with one exception: reading
from S3 streams the object's body instead of django-storages' S3File, which would first copy
the whole object into memory."""

import logging
import re
import secrets
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import IO, cast

from django.core.files import File
from django.core.files.storage import Storage, storages

logger = logging.getLogger(__name__)
# What nieuwe_opslagnaam() makes; the orphan sweep touches nothing else in the storage.
OPSLAGNAAM = re.compile(r"[0-9a-f]{32}")


# Higher apps that keep files in this storage (the reactions of an overlegronde) say which of a
# batch of stored names their rows name, so the orphan sweep leaves those alone.
Eigenaar = Callable[[list[str]], Iterable[str]]
_eigenaren: list[Eigenaar] = []


def eigenaar_registreren(eigenaar: Eigenaar) -> None:
    if eigenaar not in _eigenaren:
        _eigenaren.append(eigenaar)


def namen_van_eigenaren(namen: list[str]) -> set[str]:
    return {naam for eigenaar in _eigenaren for naam in eigenaar(namen)}


def opslag() -> Storage:
    return storages["bijlagen"]


def nieuwe_opslagnaam() -> str:
    """Random, 128 bits: never derived from the user's file name or the hulpvraag."""
    return secrets.token_hex(16)


def bestand_opslaan(naam: str, pad: Path) -> None:
    with pad.open("rb") as bron:
        opgeslagen = opslag().save(naam, File(bron, name=naam))
    if opgeslagen != naam:
        # A random name that already exists: never overwrite, never store under another name.
        opslag().delete(opgeslagen)
        raise RuntimeError("Opslagnaam bestaat al.")


def bestand_openen(naam: str) -> IO[bytes]:
    """A file object that reads the stored file in chunks, for a streamed response."""
    doel = opslag()
    bucket = getattr(doel, "bucket", None)
    if bucket is not None:  # django-storages' S3Storage
        from storages.utils import clean_name

        sleutel = doel._normalize_name(clean_name(naam))  # type: ignore[attr-defined]
        return cast(IO[bytes], bucket.Object(sleutel).get()["Body"])
    return cast(IO[bytes], doel.open(naam, "rb"))


def bestand_verwijderen(naam: str) -> None:
    """Removes a stored file; a failure is logged, and the orphan sweep retries it later."""
    try:
        opslag().delete(naam)
    except Exception:
        logger.exception("Bijlage kon niet uit de opslag verwijderd worden", extra={"naam": naam})

"""The "bijlagen" storage (settings.STORAGES): a folder under var/ or S3-compatible object
storage. Files are written and read through Django's storage API, with one exception: reading
from S3 streams the object's body instead of django-storages' S3File, which would first copy
the whole object into memory. Storing a checked file in the local folder moves a hard link of
it into place instead of copying every byte (issue 20 item 4)."""

import logging
import os
import re
import secrets
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import IO, cast

from django.core.files import File
from django.core.files.storage import FileSystemStorage, Storage, storages

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


class _Verplaatsbaar(File):  # type: ignore[type-arg]
    """A file that FileSystemStorage moves into place (a rename on one file system) instead of
    copying it: Django's storage does that for anything with temporary_file_path()."""

    def __init__(self, bestand: IO[bytes], *, naam: str, pad: Path) -> None:
        super().__init__(bestand, name=naam)
        self.pad = pad

    def temporary_file_path(self) -> str:
        return str(self.pad)


def bestand_opslaan(naam: str, pad: Path) -> None:
    """Stores the checked file at `pad` under `naam`; the caller's file stays where it is.

    In the local folder the bytes are not copied: a second name (hard link) of the file, made
    beside it, is moved into the storage, which is a rename when both lie on one file system.
    Where a link cannot be made, the file is copied through the storage as before."""
    doel = opslag()
    link = pad.with_name(f"{pad.name}.{secrets.token_hex(8)}.opslaan")
    if isinstance(doel, FileSystemStorage):
        try:
            os.link(pad, link)
        except OSError:  # another file system for the link's folder, or none that allows links
            link = pad
    else:
        link = pad
    try:
        with link.open("rb") as bron:
            bestand = (
                _Verplaatsbaar(bron, naam=naam, pad=link) if link != pad else File(bron, name=naam)
            )
            opgeslagen = doel.save(naam, bestand)
    finally:
        if link != pad:
            link.unlink(missing_ok=True)  # moved into the storage, or left by a failure
    if opgeslagen != naam:
        # A random name that already exists: never overwrite, never store under another name.
        doel.delete(opgeslagen)
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

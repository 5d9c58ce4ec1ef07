"""The upload handler for every request: files go to a temporary file on disk, never into
memory; the files of a request body over settings.PASSEND_UPLOAD_MAX_BYTES are read and thrown
away instead of written to disk (the reverse proxy should refuse such a request first; this holds
without one). The form fields, the CSRF token among them, are still read, so the view can say
what happened. The CSRF middleware parses a POST before the login check: anonymous posts too.

Each file's SHA-256 is computed while it is received (`ontvangen_sha256`), so the checks need
not read the whole file again for it (issue 20 item 4). A body that ends before its
Content-Length (the browser went away half-way) is refused whole: no file of it is kept."""

import hashlib
from typing import Any

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.core.files.uploadhandler import SkipFile, TemporaryFileUploadHandler
from django.core.handlers.wsgi import LimitedStream
from django.http import UnreadablePostError

TE_GROOT = "_passend_upload_te_groot"
_SHA256 = "_passend_sha256"


class BegrensdeUploadHandler(TemporaryFileUploadHandler):
    te_groot = False
    # Django's 64 KiB means some 160 rounds of Python per 10 MB; 1 MiB keeps the memory of a
    # worker flat as well.
    chunk_size = 1024 * 1024

    def handle_raw_input(
        self,
        input_data: Any,
        META: dict[str, Any],
        content_length: int,
        boundary: str,
        encoding: str | None = None,
    ) -> None:
        self.te_groot = content_length > settings.PASSEND_UPLOAD_MAX_BYTES
        if self.te_groot and self.request is not None:
            setattr(self.request, TE_GROOT, True)

    def new_file(self, *args: Any, **kwargs: Any) -> None:
        if self.te_groot:
            raise SkipFile
        super().new_file(*args, **kwargs)
        self.sha256 = hashlib.sha256()

    def receive_data_chunk(self, raw_data: bytes, start: int) -> None:
        self.sha256.update(raw_data)
        self.file.write(raw_data)

    def file_complete(self, file_size: int) -> UploadedFile | None:
        bestand = super().file_complete(file_size)
        if bestand is not None:
            setattr(bestand, _SHA256, self.sha256.hexdigest())
        return bestand

    def upload_complete(self) -> None:
        # gunicorn hands Django a short body when the client goes away, and the files before
        # the break would pass as whole ones. Django's parser closes (and so deletes) every
        # temporary file of the request when this raises; the CSRF middleware and
        # request.POST treat the error as the broken connection it is.
        stroom = getattr(self.request, "_stream", None)
        gelezen = getattr(stroom, "_pos", None)  # LimitedStream's count of bytes read
        if (
            isinstance(stroom, LimitedStream)
            and isinstance(gelezen, int)
            and gelezen < stroom.limit
        ):
            raise UnreadablePostError("Upload afgebroken: de verbinding is verbroken.")


def ontvangen_sha256(bestand: UploadedFile) -> str | None:
    """The SHA-256 of exactly the bytes written to the upload's temporary file; None for a
    file that did not come through BegrensdeUploadHandler (the checks then compute it)."""
    sha256 = getattr(bestand, _SHA256, None)
    return sha256 if isinstance(sha256, str) else None

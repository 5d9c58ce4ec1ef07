"""The upload handler for every request: files go to a temporary file on disk, never into
memory; the files of a request body over settings.PASSEND_UPLOAD_MAX_BYTES are read and thrown
away instead of written to disk (the reverse proxy should refuse such a request first; this holds
without one). The form fields, the CSRF token among them, are still read, so the view can say
what happened. The CSRF middleware parses a POST before the login check: anonymous posts too."""

from typing import Any

from django.conf import settings
from django.core.files.uploadhandler import SkipFile, TemporaryFileUploadHandler

TE_GROOT = "_passend_upload_te_groot"


class BegrensdeUploadHandler(TemporaryFileUploadHandler):
    te_groot = False

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

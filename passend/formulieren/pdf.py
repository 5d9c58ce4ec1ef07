"""A filled form as PDF (R24; issue "Formulieren" item 7): the SWV's name, the hulpvraag's
reference, the answers, the signatures with their dates and the form's version. The pupil's
name is left out: the reference identifies the request for whoever may see it.

WeasyPrint renders our own template and fetches nothing: no URL in a form's answers can make
the server reach out (ASVS V12.6.1)."""

from typing import Any, NoReturn

from django.template.loader import render_to_string
from django.utils import timezone
from PIL import ImageFile
from weasyprint import HTML

from passend.formulieren.models import Formulier
from passend.formulieren.selectors import weergave

# Importing WeasyPrint makes Pillow accept truncated images process-wide; the attachment checks
# (bijlagen/controles/afbeeldingen.py) refuse those, so the default is restored. Our PDFs hold
# no images.
ImageFile.LOAD_TRUNCATED_IMAGES = False


def _niets_ophalen(url: str, *args: Any, **kwargs: Any) -> NoReturn:
    raise ValueError(f"Een PDF van Passend haalt niets op ({url}).")


def formulier_als_pdf(formulier: Formulier) -> bytes:
    html = render_to_string(
        "formulieren/pdf.html",
        {
            "formulier": formulier,
            "hulpvraag": formulier.hulpvraag,
            "swv": formulier.hulpvraag.swv,
            "secties": weergave(formulier),
            "gemaakt_op": timezone.localtime(),
        },
    )
    pdf = HTML(string=html, url_fetcher=_niets_ophalen).write_pdf()
    assert pdf is not None  # noqa: S101 (write_pdf without a target returns the bytes)
    return pdf

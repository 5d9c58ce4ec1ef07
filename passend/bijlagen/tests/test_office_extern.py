"""Issue 19 item 11(c): Office files that fetch something from outside the document when they
open (an attached template on a share: the NTLM-leak pattern), or that carry an OLE object, are
refused; a hyperlink stays. The packages are built here from their XML parts."""

from __future__ import annotations

from pathlib import Path

import pytest

from passend.bijlagen.controles import BestandGeweigerd, bestand_controleren
from passend.bijlagen.tests import bestanden

RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    "{relaties}</Relationships>"
)
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
SETTINGS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<w:settings xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
    f'xmlns:r="{R}"><w:attachedTemplate r:id="rId1"/></w:settings>'
)
EXTERN_MELDING = (
    "‘Verslag.docx’ verwijst naar een sjabloon, afbeelding of ander bestand buiten het "
    "document, bijvoorbeeld op een netwerkmap. Dat wordt bij het openen opgehaald en kan "
    "schadelijk zijn; zulke bestanden worden niet aangenomen. Sla het document op als PDF "
    "(‘Opslaan als’ en dan PDF) en voeg die PDF toe."
)
OLE_MELDING = (
    "‘Verslag.docx’ bevat een ingesloten object (OLE), zoals een ingevoegd bestand of "
    "programma. Dat kan Passend niet controleren. Voeg het ingesloten bestand los toe, of sla "
    "het document op als PDF en voeg die PDF toe."
)


def _relatie(type_: str, doel: str, *, extern: bool) -> str:
    modus = ' TargetMode="External"' if extern else ""
    return f'<Relationship Id="rId1" Type="{R}/{type_}" Target="{doel}"{modus}/>'


def docx_met_sjabloon(doel: str) -> bytes:
    return bestanden.docx(
        extra={
            "word/settings.xml": SETTINGS,
            "word/_rels/settings.xml.rels": RELS.format(
                relaties=_relatie("attachedTemplate", doel, extern=True)
            ),
        }
    )


def controleren(tmp_path: Path, inhoud: bytes) -> str:
    pad = bestanden.schrijven(tmp_path / "upload.tmp", inhoud)
    return bestand_controleren(pad, bestandsnaam="Verslag.docx", max_bytes=1024 * 1024).soort


def geweigerd(tmp_path: Path, inhoud: bytes) -> str:
    with pytest.raises(BestandGeweigerd) as fout:
        controleren(tmp_path, inhoud)
    return fout.value.melding


@pytest.mark.parametrize(
    "doel",
    [
        "file://10.0.0.66/sjablonen/Normaal.dotm",
        "\\\\10.0.0.66\\sjablonen\\Normaal.dotm",
        "https://sjablonen.example/Normaal.dotm",
    ],
)
def test_i19_docx_with_an_external_attached_template_is_refused(tmp_path: Path, doel: str) -> None:
    assert geweigerd(tmp_path, docx_met_sjabloon(doel)) == EXTERN_MELDING


def test_i19_docx_with_an_external_image_is_refused(tmp_path: Path) -> None:
    inhoud = bestanden.docx(
        extra={
            "word/_rels/document.xml.rels": RELS.format(
                relaties=_relatie("image", "file://10.0.0.66/deel/logo.png", extern=True)
            )
        }
    )
    assert geweigerd(tmp_path, inhoud) == EXTERN_MELDING


def test_i19_docx_with_an_ole_object_is_refused(tmp_path: Path) -> None:
    inhoud = bestanden.docx(
        extra={
            "word/embeddings/oleObject1.bin": bestanden.doc(),
            "word/_rels/document.xml.rels": RELS.format(
                relaties=_relatie("oleObject", "embeddings/oleObject1.bin", extern=False)
            ),
        },
        extra_typen='<Default Extension="bin" '
        'ContentType="application/vnd.openxmlformats-officedocument.oleObject"/>',
    )
    assert geweigerd(tmp_path, inhoud) == OLE_MELDING


def test_i19_docx_with_a_hyperlink_and_a_template_inside_is_accepted(tmp_path: Path) -> None:
    inhoud = bestanden.docx(
        extra={
            "word/_rels/document.xml.rels": RELS.format(
                relaties=_relatie("hyperlink", "https://www.pporotterdam.nl/", extern=True)
            ),
            "word/settings.xml": SETTINGS,
            "word/_rels/settings.xml.rels": RELS.format(
                relaties=_relatie("attachedTemplate", "Normaal.dotm", extern=False)
            ),
        }
    )
    assert controleren(tmp_path, inhoud) == "docx"

"""The upload path made cheaper (issue 20 item 4) keeps every promise of the old one: the
SHA-256 computed while receiving is the stored file's, a body cut off half-way leaves no file
and no row, the one-pass text check still finds markup split over its blocks, and storing in
the local folder leaves the caller's file alone."""

import hashlib
import io
from pathlib import Path

import pytest
from django.urls import reverse

from passend.bijlagen.controles import BestandGeweigerd
from passend.bijlagen.models import Bijlage, WachtendeBijlage
from passend.bijlagen.services import bestand_aanbieden
from passend.bijlagen.tests import bestanden
from passend.bijlagen.tests.conftest import opgeslagen_bestanden, opslagmap

pytestmark = pytest.mark.django_db

MIB = 1024 * 1024


@pytest.fixture
def uploadmap(settings, tmp_path: Path) -> Path:
    """Django's temporary upload files land here, so a test sees what is left behind."""
    map = tmp_path / "uploads"
    map.mkdir()
    settings.FILE_UPLOAD_TEMP_DIR = str(map)
    return map


def lange_tekst(grootte: int) -> bytes:
    """Dutch text with accents, so multi-byte characters fall across the 1 MiB chunks."""
    regel = "Gesprek met de ouders over één doel: café, reünie en Één zorgplan.\n".encode()
    return (regel * (grootte // len(regel) + 1))[:grootte]


def multipart(grens: str, velden: dict[str, str], bestanden: list[tuple[str, bytes]]) -> bytes:
    delen = [
        f'--{grens}\r\nContent-Disposition: form-data; name="{naam}"\r\n\r\n{waarde}\r\n'.encode()
        for naam, waarde in velden.items()
    ]
    for naam, inhoud in bestanden:
        delen.append(
            f'--{grens}\r\nContent-Disposition: form-data; name="bestanden"; '
            f'filename="{naam}"\r\nContent-Type: text/plain\r\n\r\n'.encode()
            + inhoud
            + b"\r\n"
        )
    return b"".join(delen) + f"--{grens}--\r\n".encode()


def test_r2_the_hash_computed_while_receiving_is_the_stored_files_hash(
    omgeving, hulpvraag, uploadmap
):
    inhoud = lange_tekst(3 * MIB + 12345)
    client = omgeving.client(omgeving.ib_regenboog)
    grens = "----passendtest"
    antwoord = client.generic(
        "POST",
        reverse("bijlagen:toevoegen", args=[hulpvraag.referentie]),
        multipart(grens, {"documenttype": "verslag"}, [("Gesprek ouders.txt", inhoud)]),
        content_type=f"multipart/form-data; boundary={grens}",
    )
    assert antwoord.status_code == 302
    bijlage = Bijlage.objects.get()
    verwacht = hashlib.sha256(inhoud).hexdigest()
    assert bijlage.sha256 == verwacht
    assert bijlage.grootte == len(inhoud)
    assert bijlage.mime == "text/plain; charset=utf-8"
    opgeslagen = (opslagmap() / bijlage.opslagnaam).read_bytes()
    assert hashlib.sha256(opgeslagen).hexdigest() == verwacht
    # The temporary upload file and the link moved into the storage are both gone.
    assert list(uploadmap.iterdir()) == []


def test_r2_an_upload_cut_off_half_way_leaves_no_file_and_no_row(omgeving, hulpvraag, uploadmap):
    """The browser went away during the second file: gunicorn then gives Django a body shorter
    than its Content-Length. The first file arrived whole, but is not kept either."""
    grens = "----passendtest"
    body = multipart(
        grens,
        {"documenttype": "verslag"},
        [("Verslag deel 1.txt", lange_tekst(MIB + 10)), ("Verslag deel 2.txt", lange_tekst(MIB))],
    )
    afgebroken = body[: len(body) - MIB // 2]
    client = omgeving.client(omgeving.ib_regenboog)
    client.raise_request_exception = False
    antwoord = client.generic(
        "POST",
        reverse("bijlagen:toevoegen", args=[hulpvraag.referentie]),
        afgebroken,
        content_type=f"multipart/form-data; boundary={grens}",
        CONTENT_LENGTH=str(len(body)),
        # What gunicorn's reader does when the socket closes: fewer bytes, then b"".
        **{"wsgi.input": io.BytesIO(afgebroken)},
    )
    assert antwoord.status_code not in (200, 204, 302)
    assert not Bijlage.objects.exists()
    assert not WachtendeBijlage.objects.exists()
    assert opgeslagen_bestanden() == set()
    assert list(uploadmap.iterdir()) == []


@pytest.mark.parametrize("plek", [MIB - 3, MIB - 1, MIB, 2 * MIB - 20])
def test_r3_markup_split_over_the_checks_blocks_is_still_refused(
    omgeving, hulpvraag, tmp_path, plek
):
    inhoud = bytearray(lange_tekst(3 * MIB))
    inhoud[plek : plek + 8] = b"<ScRiPt>"
    pad = bestanden.schrijven(tmp_path / "upload.tmp", bytes(inhoud))
    with pytest.raises(BestandGeweigerd, match="webpagina"):
        bestand_aanbieden(
            hulpvraag=hulpvraag, pad=pad, bestandsnaam="Notities.txt", door=omgeving.ib_regenboog
        )
    assert opgeslagen_bestanden() == set()


def test_r3_an_older_windows_text_with_a_control_character_late_is_refused(
    omgeving, hulpvraag, tmp_path
):
    """The one pass still looks at every block: a control character after 2 MiB refuses the
    file, and a valid windows-1252 text is recognised as such."""
    tekst = "Zorg voor één leerling, café.\n".encode("windows-1252") * 100_000
    pad = bestanden.schrijven(tmp_path / "oud.tmp", tekst)
    bijlage = bestand_aanbieden(
        hulpvraag=hulpvraag, pad=pad, bestandsnaam="Oud verslag.txt", door=omgeving.ib_regenboog
    )
    assert isinstance(bijlage, Bijlage)
    assert bijlage.mime == "text/plain; charset=windows-1252"
    pad = bestanden.schrijven(tmp_path / "binair.tmp", lange_tekst(2 * MIB) + b"\x01" + b"a" * 10)
    with pytest.raises(BestandGeweigerd, match="geen tekstbestand"):
        bestand_aanbieden(
            hulpvraag=hulpvraag, pad=pad, bestandsnaam="Verslag 2.txt", door=omgeving.ib_regenboog
        )


def test_r2_storing_in_the_local_folder_leaves_the_callers_file_alone(
    omgeving, hulpvraag, tmp_path
):
    inhoud = bestanden.pdf()
    pad = bestanden.schrijven(tmp_path / "upload.tmp", inhoud)
    bijlage = bestand_aanbieden(
        hulpvraag=hulpvraag, pad=pad, bestandsnaam="OPP.pdf", door=omgeving.ib_regenboog
    )
    assert isinstance(bijlage, Bijlage)
    assert pad.read_bytes() == inhoud
    assert [p.name for p in tmp_path.iterdir()] == ["upload.tmp"]
    assert (opslagmap() / bijlage.opslagnaam).read_bytes() == inhoud

"""The attachments path against a real S3-protocol server on loopback (moto's server mode):
upload, list, Open (streamed), Download, removal and the orphan sweep, through the app with the
storage that settings.s3_opslag configures from the environment."""

import io
import urllib.request
from collections.abc import Iterator

import boto3
import pytest
from botocore.config import Config
from botocore.response import StreamingBody
from django.core.management import call_command
from django.urls import reverse

from passend import settings as passend_settings
from passend.bijlagen.models import Bijlage
from passend.bijlagen.opslag import bestand_openen
from passend.bijlagen.tests import bestanden
from passend.bijlagen.tests.test_schermen import upload
from passend.conftest import vrije_poort

pytestmark = pytest.mark.django_db

BUCKET = "passend-bijlagen"


@pytest.fixture
def s3(settings, monkeypatch) -> Iterator[object]:  # type: ignore[no-untyped-def]
    from moto.server import ThreadedMotoServer

    poort = vrije_poort()
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=poort, verbose=False)
    server.start()
    adres = f"http://127.0.0.1:{poort}"
    # moto keeps its buckets per process, not per server: start each test empty.
    urllib.request.urlopen(urllib.request.Request(f"{adres}/moto-api/reset", method="POST"))  # noqa: S310
    for naam, waarde in {
        "PASSEND_BIJLAGEN_S3_ENDPOINT": adres,
        "PASSEND_BIJLAGEN_S3_REGIO": "eu-west-1",
        "PASSEND_BIJLAGEN_S3_ACCESS_KEY": "passend-test",
        "PASSEND_BIJLAGEN_S3_SECRET_KEY": "passend-test-geheim",
        "PASSEND_BIJLAGEN_S3_PREFIX": "bijlagen",
    }.items():
        monkeypatch.setenv(naam, waarde)
    client = boto3.client(
        "s3",
        endpoint_url=adres,
        region_name="eu-west-1",
        aws_access_key_id="passend-test",
        aws_secret_access_key="passend-test-geheim",
    )
    client.create_bucket(
        Bucket=BUCKET, CreateBucketConfiguration={"LocationConstraint": "eu-west-1"}
    )
    settings.STORAGES = {**settings.STORAGES, "bijlagen": passend_settings.s3_opslag(BUCKET)}
    yield client
    server.stop()


def sleutels(client) -> set[str]:  # type: ignore[no-untyped-def]
    return {obj["Key"] for obj in client.list_objects_v2(Bucket=BUCKET).get("Contents", [])}


def test_attachments_in_s3_upload_open_download_remove(
    s3, omgeving, hulpvraag, django_capture_on_commit_callbacks
):
    client = omgeving.client(omgeving.coordinator)
    pdf, docx = bestanden.pdf(), bestanden.docx()
    antwoord = client.post(
        reverse("bijlagen:toevoegen", args=[hulpvraag.referentie]),
        {
            "documenttype": "overig",
            "bestanden": [upload("OPP Jan.pdf", pdf), upload("Verslag groep 5.docx", docx)],
        },
    )
    assert antwoord.status_code == 302
    opp = Bijlage.objects.get(soort="pdf")
    verslag = Bijlage.objects.get(soort="docx")
    assert sleutels(s3) == {f"bijlagen/{opp.opslagnaam}", f"bijlagen/{verslag.opslagnaam}"}
    assert s3.get_object(Bucket=BUCKET, Key=f"bijlagen/{opp.opslagnaam}")["Body"].read() == pdf

    lijst = client.get(reverse("bijlagen:lijst", args=[hulpvraag.referentie])).content.decode()
    assert "OPP Jan.pdf" in lijst and "Verslag groep 5.docx" in lijst

    geopend = client.get(reverse("bijlagen:openen", args=[hulpvraag.referentie, opp.pk]))
    assert geopend.streaming and geopend["Content-Type"] == "application/pdf"
    assert geopend["Content-Disposition"].startswith('inline; filename="OPP Jan.pdf"')
    assert geopend["Content-Length"] == str(len(pdf))
    assert b"".join(geopend.streaming_content) == pdf

    gedownload = client.get(reverse("bijlagen:downloaden", args=[hulpvraag.referentie, verslag.pk]))
    assert gedownload["Content-Disposition"].startswith("attachment; ")
    assert b"".join(gedownload.streaming_content) == docx

    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("bijlagen:verwijderen", args=[hulpvraag.referentie, verslag.pk]),
            {"reden": "Dubbel."},
        )
    assert sleutels(s3) == {f"bijlagen/{opp.opslagnaam}"}


def test_the_s3_body_is_read_in_chunks_not_copied_into_memory(s3, omgeving, hulpvraag):
    """django-storages' S3File would download the whole object first; ours reads the body."""
    client = omgeving.client(omgeving.ib_regenboog)
    client.post(
        reverse("bijlagen:toevoegen", args=[hulpvraag.referentie]),
        {
            "documenttype": "overig",
            "bestanden": [upload("Notities groep 5.txt", b"Regel\n" * 50_000)],
        },
    )
    bijlage = Bijlage.objects.get()
    body = bestand_openen(bijlage.opslagnaam)
    assert isinstance(body, StreamingBody)
    assert body.read(10) == b"Regel\nRege"
    body.close()


def test_the_orphan_sweep_works_on_s3(s3, omgeving, hulpvraag):
    s3.put_object(Bucket=BUCKET, Key="bijlagen/" + "c" * 32, Body=b"half")
    s3.put_object(Bucket=BUCKET, Key="bijlagen/" + "d" * 32 + ".niet-van-ons", Body=b"x")
    client = omgeving.client(omgeving.ib_regenboog)
    client.post(
        reverse("bijlagen:toevoegen", args=[hulpvraag.referentie]),
        {"documenttype": "overig", "bestanden": [upload("OPP.pdf", bestanden.pdf())]},
    )
    bijlage = Bijlage.objects.get()
    call_command("bijlagen_opruimen", "--ouder-dan-minuten=0", stdout=io.StringIO())
    assert sleutels(s3) == {
        f"bijlagen/{bijlage.opslagnaam}",
        "bijlagen/" + "d" * 32 + ".niet-van-ons",
    }


def test_i20_object_store_unreachable_during_an_upload(s3, omgeving, hulpvraag, settings):
    """Issue 20 item 5: the store goes away mid-session; the upload gets a clear Dutch message,
    no row without its file is left, and the form keeps what was chosen (P4)."""
    settings.STORAGES = {
        **settings.STORAGES,
        "bijlagen": {
            **settings.STORAGES["bijlagen"],
            "OPTIONS": {
                **settings.STORAGES["bijlagen"]["OPTIONS"],
                # Nothing listens here: as the store being down, without waiting for retries.
                "endpoint_url": f"http://127.0.0.1:{vrije_poort()}",
                "client_config": Config(retries={"max_attempts": 1}, connect_timeout=2),
            },
        },
    }
    client = omgeving.client(omgeving.ib_regenboog)
    antwoord = client.post(
        reverse("bijlagen:toevoegen", args=[hulpvraag.referentie]),
        {"documenttype": "opp", "bestanden": [upload("OPP301126.pdf", bestanden.pdf())]},
    )
    assert antwoord.status_code == 400  # the form again, with the message beside the files
    pagina = antwoord.content.decode()
    assert (
        "OPP301126.pdf is niet opgeslagen: de opslag voor bijlagen is nu niet bereikbaar" in pagina
    )
    assert not Bijlage.objects.exists()

"""Faults survived (issue 20 item 5), each scenario against real servers; docs/installatie.md,
"Storingen: wat er gebeurt", lists them with their results.

- PostgreSQL restarted under load: requests in flight get Passend's own error page, the next ones
  succeed without restarting Passend, and no half record is left.
- A `db_worker` killed with SIGKILL while the mail server holds a delivery: the mail goes out
  after a new worker starts, at most twice and then with the same Message-ID.
- The attachment storage full (a small tmpfs) or the object store (moto) stopped during an
  upload: a Dutch message beside the files, no row without its file, the choices kept.

The first two need PostgreSQL (a worker and web processes reach the database the test made)
and take 30-60 s each on the 2-core development machine: they run with `make storingen` and
skip elsewhere. The storage scenarios take a few seconds and run in `make test`."""

import hashlib
import os
import re
import signal
import subprocess
import sys
import threading
import time
import urllib.request
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import boto3
import psycopg
import pytest
from django.core.management import call_command
from django.db import connection
from django.urls import reverse
from urllib3 import encode_multipart_formdata

from passend import settings as passend_settings
from passend.bijlagen.models import Bijlage
from passend.bijlagen.tests import bestanden
from passend.bijlagen.tests import conftest as bijlagen_conftest
from passend.bijlagen.tests.test_schermen import upload
from passend.conftest import vrije_poort, wachten_tot
from passend.hulpvragen.tests.factories import hulpvraag_op_school
from passend.notificaties.models import Bericht
from passend.web.tests.storingen import (
    REPO,
    EigenPostgres,
    StilvallendeSmtpServer,
    database_kopieren,
    passend_omgeving,
)
from passend.web.tests.test_twee_servers import GEGEVENS_MAKEN, GUNICORN, HOST, Gebruiker

FOUTPAGINA = "Er ging iets mis aan onze kant"  # passend/web/templates/500.html
OPSLAG_WEG = "is niet opgeslagen: de opslag voor bijlagen is nu niet bereikbaar of vol"
omgeving = bijlagen_conftest.omgeving
hulpvraag = bijlagen_conftest.hulpvraag


@pytest.fixture
def alleen_postgresql() -> None:
    """The two scenarios with separate processes take 30-60 s each here: they run in
    `make storingen` (PASSEND_STORINGEN=1, on PostgreSQL), not in every `make test`."""
    if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        pytest.skip("Draait in de PostgreSQL-run: een ander proces moet de database bereiken.")
    if os.environ.get("PASSEND_STORINGEN") != "1":
        pytest.skip("Traag (processen starten en stoppen): draait met `make storingen`.")


# --- PostgreSQL restarted under load ------------------------------------------------------------


@pytest.fixture
def passend_op_eigen_postgres(
    alleen_postgresql: None, db: None, tmp_path: Path
) -> Iterator[dict[str, Any]]:
    """gunicorn (production settings, deploy/gunicorn.conf.py, two workers) on a PostgreSQL
    cluster of this test's own, holding a copy of the migrated test database and the data of
    the two-server test."""
    postgres = EigenPostgres()
    server: subprocess.Popen[bytes] | None = None
    try:
        postgres.pg_ctl("start")
        with psycopg.connect(postgres.url(), autocommit=True) as beheer:
            beheer.execute("CREATE DATABASE passend")
        test_database = connection.settings_dict["NAME"]
        bron = os.environ["DATABASE_URL"].rsplit("/", 1)[0] + f"/{test_database}"
        database_kopieren(bron, postgres.url("passend"))
        omgeving = passend_omgeving(
            DJANGO_ENV="production",
            DJANGO_SECRET_KEY=uuid.uuid4().hex * 2,
            DJANGO_ALLOWED_HOSTS=HOST,
            DATABASE_URL=postgres.url("passend"),
            PASSEND_BASIS_URL=f"https://{HOST}",
            EMAIL_HOST="127.0.0.1",
            EMAIL_PORT=str(vrije_poort()),  # nothing listens: mails wait in the outbox
            EMAIL_USE_TLS="false",
            PASSEND_VIRUSSCANNER="uit",
            PASSEND_PROXY_AANTAL="1",
            PASSEND_VAR_DIR=str(tmp_path),
            GUNICORN_WORKERS="2",
        )
        # A copy of a test database may hold no roles (a transactional test emptied the
        # tables): the data migration's own function puts them back.
        rollen = (
            "import importlib; from django.apps import apps; importlib.import_module("
            "'passend.accounts.migrations.0002_rollen').rollen_aanmaken(apps, None)\n"
        )
        klaar = subprocess.run(  # noqa: S603
            [sys.executable, "manage.py", "shell", "-c", rollen + GEGEVENS_MAKEN],
            cwd=REPO,
            env=omgeving,
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert klaar.returncode == 0, klaar.stderr[-3000:]
        poort = vrije_poort()
        log = (tmp_path / "gunicorn.log").open("w")
        server = subprocess.Popen(  # noqa: S603
            [
                *(str(GUNICORN), "-c", "deploy/gunicorn.conf.py"),
                *("-b", f"127.0.0.1:{poort}", "passend.wsgi:application"),
            ],
            cwd=REPO,
            env=omgeving,
            stdout=log,
            stderr=log,
        )
        gebruiker = Gebruiker()

        def bereikbaar() -> bool:
            assert server is not None and server.poll() is None, "gunicorn stopte"
            try:
                return gebruiker.verzoek(poort, "GET", "/gezond")[0] == 200
            except OSError:
                return False

        wachten_tot(bereikbaar, seconden=60, wat="gunicorn antwoordt")
        yield {
            "postgres": postgres,
            "poort": poort,
            "server": server,
            "bijlagenmap": tmp_path / "bijlagen",
            "database": postgres.url("passend"),
        }
    finally:
        if server is not None:
            server.send_signal(signal.SIGQUIT)  # gunicorn's quick shutdown
            server.wait(timeout=30)
        postgres.opruimen()


def _uploaden(gebruiker: Gebruiker, poort: int, referentie: str, tekst: str) -> tuple[int, bytes]:
    pad = f"/hulpvragen/{referentie}/bijlagen/toevoegen/"
    status, inhoud, _ = gebruiker.verzoek(poort, "GET", pad)
    token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', inhoud)
    if status != 200 or token is None:
        return status, inhoud
    body, soort = encode_multipart_formdata(
        {
            "csrfmiddlewaretoken": token.group(1).decode(),
            "documenttype": "opp",
            "bestanden": (f"OPP {tekst}.pdf", bestanden.pdf(tekst), "application/pdf"),
        }
    )
    status, inhoud, _ = gebruiker.verzoek(poort, "POST", pad, body, soort)
    return status, inhoud


def test_storing_postgresql_herstart_onder_belasting(
    passend_op_eigen_postgres: dict[str, Any],
) -> None:
    opstelling = passend_op_eigen_postgres
    poort, postgres = opstelling["poort"], opstelling["postgres"]
    with psycopg.connect(opstelling["database"]) as db:
        rij = db.execute("SELECT referentie FROM hulpvragen_hulpvraag").fetchone()
    assert rij is not None
    referentie = rij[0]
    ingelogd = Gebruiker()
    ingelogd.aanmelden(poort, "iverhoef")

    # Four browsers of the same IB'er (one session) read the hulpvraag, the overview and upload
    # files, each request recorded with its start and end.
    resultaten: list[dict[str, Any]] = []
    stoppen = threading.Event()
    slot = threading.Lock()

    def belasten(nummer: int) -> None:
        gebruiker = Gebruiker()
        gebruiker.cookies = dict(ingelogd.cookies)
        teller = 0
        while not stoppen.is_set():
            teller += 1
            soort = ("hulpvraag", "overzicht", "upload")[teller % 3]
            begin = time.monotonic()
            try:
                if soort == "upload":
                    status, inhoud = _uploaden(gebruiker, poort, referentie, f"b{nummer}-{teller}")
                else:
                    pad = f"/hulpvragen/{referentie}/" if soort == "hulpvraag" else "/hulpvragen/"
                    status, inhoud, _ = gebruiker.verzoek(poort, "GET", pad)
            except OSError as fout:  # the web server itself failing: never expected
                status, inhoud = 0, repr(fout).encode()
            with slot:
                resultaten.append(
                    {
                        "soort": soort,
                        "begin": begin,
                        "einde": time.monotonic(),
                        "status": status,
                        "inhoud": inhoud.decode(errors="replace"),
                    }
                )

    def aantal(voorwaarde: Any) -> int:
        with slot:
            return sum(1 for r in resultaten if voorwaarde(r))

    draden = [threading.Thread(target=belasten, args=(n,)) for n in range(4)]
    for draad in draden:
        draad.start()
    try:
        wachten_tot(lambda: aantal(lambda r: r["status"] in (200, 302)) >= 12, seconden=60,
                    wat="twaalf geslaagde verzoeken vóór de storing")  # fmt: skip
        # The database goes down (fast: sessions are ended, transactions rolled back) while
        # requests are running; some fail while it is away; then it comes back.
        gestopt = time.monotonic()
        postgres.pg_ctl("stop", "-m", "fast")
        wachten_tot(lambda: aantal(lambda r: r["begin"] > gestopt) >= 4, seconden=30,
                    wat="vier verzoeken terwijl de database weg is")  # fmt: skip
        postgres.pg_ctl("start")
        terug = time.monotonic()
        wachten_tot(lambda: aantal(lambda r: r["begin"] > terug) >= 12, seconden=60,
                    wat="twaalf verzoeken na de herstart")  # fmt: skip
    finally:
        stoppen.set()
        for draad in draden:
            draad.join(timeout=60)

    mislukt = [r for r in resultaten if r["status"] not in (200, 302)]
    print(  # the figures of docs/installatie.md, "Storingen: wat er gebeurt" (make storingen)
        f"\nPostgreSQL {terug - gestopt:.1f} s weg; {len(resultaten)} verzoeken, "
        f"{len(mislukt)} met de foutpagina, "
        f"{sum(1 for r in resultaten if r['begin'] > terug)} na de herstart allemaal gelukt"
    )
    # Requests in flight or made while the database was away got Passend's own Dutch page.
    assert mislukt, "geen enkel verzoek viel in de storing"
    for resultaat in mislukt:
        assert resultaat["status"] == 500, resultaat
        assert FOUTPAGINA in resultaat["inhoud"], resultaat["inhoud"][:500]
        assert resultaat["einde"] > gestopt and resultaat["begin"] < terug, resultaat
    # Every request that began after the database was back succeeded, without restarting
    # Passend: the same gunicorn still serves.
    na = [r for r in resultaten if r["begin"] > terug]
    assert [r["status"] for r in na if r["status"] not in (200, 302)] == []
    assert {r["soort"] for r in na} == {"hulpvraag", "overzicht", "upload"}
    assert opstelling["server"].poll() is None

    # A restart while Passend is idle: each worker holds a connection (CONN_MAX_AGE) that the
    # restart broke. The next requests still succeed: Django checks a kept connection before
    # using it (CONN_HEALTH_CHECKS in settings.py).
    postgres.pg_ctl("restart", "-m", "fast")
    for _ in range(6):
        status, inhoud, _ = ingelogd.verzoek(poort, "GET", f"/hulpvragen/{referentie}/")
        assert status == 200, inhoud[:300]

    # No half record: every attachment row has its file with the hash it names and its row in
    # the access log; no file without a row; the hulpvraag's status is its last history row.
    with psycopg.connect(opstelling["database"]) as db:
        bijlagen = db.execute("SELECT id, opslagnaam, sha256 FROM bijlagen_bijlage").fetchall()
        gelogd = {
            int(object_id)
            for (object_id,) in db.execute(
                "SELECT object_id FROM audit_inzage WHERE gebeurtenis = 'bijlage_toegevoegd'"
            ).fetchall()
        }
        zonder_historie = db.execute(
            "SELECT count(*) FROM hulpvragen_hulpvraag h WHERE h.status_id IS DISTINCT FROM "
            "(SELECT naar_id FROM hulpvragen_statuswijziging s WHERE s.hulpvraag_id = h.id "
            "ORDER BY s.op DESC, s.id DESC LIMIT 1)"
        ).fetchone()
    geuploade = sum(1 for r in resultaten if r["soort"] == "upload" and r["status"] == 302)
    assert len(bijlagen) == geuploade > 0
    map = opstelling["bijlagenmap"]
    for bijlage_id, opslagnaam, sha256 in bijlagen:
        assert hashlib.sha256((map / opslagnaam).read_bytes()).hexdigest() == sha256
        assert bijlage_id in gelogd
    assert sorted(p.name for p in map.iterdir()) == sorted(r[1] for r in bijlagen)
    assert zonder_historie == (0,)


# --- A worker killed in the middle of a delivery -----------------------------------------------


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.parametrize(
    "bewaart_onbeantwoord", [True, False], ids=["server_bewaart", "server_verwerpt"]
)
def test_storing_werker_gedood_tijdens_bezorgen(
    alleen_postgresql: None,
    settings: Any,
    tmp_path: Path,
    bewaart_onbeantwoord: bool,
    omgeving: Any,
) -> None:
    smtp = StilvallendeSmtpServer(bewaart_onbeantwoord=bewaart_onbeantwoord)
    smtp.start()
    settings.TASKS = passend_settings.TASKS  # the database queue that db_worker reads
    settings.PASSEND_BASIS_URL = f"https://{HOST}"
    Bericht.objects.all().delete()
    # Submitting queues one receipt mail (R19), delivered by a worker.
    hulpvraag_op_school(omgeving.ib_regenboog, omgeving.regenboog)
    bericht = Bericht.objects.get()
    basis = connection.settings_dict
    werker_omgeving = passend_omgeving(
        DATABASE_URL=(
            f"postgres://{basis['USER']}@{basis['HOST'] or '127.0.0.1'}:{basis['PORT'] or 5432}"
            f"/{basis['NAME']}"
        ),
        EMAIL_HOST="127.0.0.1",
        EMAIL_PORT=str(smtp.port),
        EMAIL_USE_TLS="false",
        PASSEND_BASIS_URL=f"https://{HOST}",
        PASSEND_VAR_DIR=str(tmp_path),
    )

    def werker() -> subprocess.Popen[bytes]:
        return subprocess.Popen(
            [sys.executable, "manage.py", "db_worker", "--batch", "--no-startup-delay"],
            cwd=REPO,
            env=werker_omgeving,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )

    eerste = werker()
    try:
        # The mail server has the whole message and holds its answer; the worker waits for it
        # with the outbox row locked. Then the worker is killed outright.
        wachten_tot(smtp.vastgehouden.is_set, seconden=60, wat="de mail bereikt de server")
        eerste.send_signal(signal.SIGKILL)
        eerste.wait(timeout=30)
        smtp.doorlaten()
        # The dead worker's attempt was rolled back with its connection: the mail still waits.
        bericht.refresh_from_db()
        assert (bericht.status, bericht.pogingen) == (Bericht.Status.WACHTEND, 0)

        # The periodic job offers waiting mails again (every 5 minutes in production); a new
        # worker delivers.
        call_command("periodiek", verbosity=0)
        tweede = werker()
        assert tweede.wait(timeout=120) == 0
    finally:
        if eerste.poll() is None:
            eerste.kill()
        smtp.stop()

    bericht.refresh_from_db()
    assert bericht.status == Bericht.Status.VERZONDEN
    message_id = f"<bericht-{bericht.pk}.{bericht.swv_id}@{HOST}>"
    # Delivered once, or (when the server kept the copy it could not confirm) twice with the
    # same Message-ID, as docs/installatie.md ("E-mail") says.
    verwacht = 2 if bewaart_onbeantwoord else 1
    assert [mail["Message-ID"] for _aan, mail in smtp.berichten] == [message_id] * verwacht
    assert all(aan == [omgeving.ib_regenboog.email] for aan, _mail in smtp.berichten)


# --- The attachment storage full, the object store gone ----------------------------------------


def _uploaden_in_test(client: Any, hulpvraag: Any, naam: str, inhoud: bytes) -> Any:
    return client.post(
        reverse("bijlagen:toevoegen", args=[hulpvraag.referentie]),
        {"documenttype": "opp", "bestanden": [upload(naam, inhoud)]},
    )


def _formulier_behouden(antwoord: Any, naam: str) -> None:
    """The form again (400) with the Dutch message beside the files and the kind of document
    still chosen: the user picks the file again and sends, nothing else to redo."""
    assert antwoord.status_code == 400
    pagina = antwoord.content.decode()
    assert f"{naam} {OPSLAG_WEG}" in pagina
    assert re.search(r'<option value="opp" selected>', pagina), "soort document kwijt"


@pytest.fixture
def kleine_schijf(settings: Any, tmp_path: Path) -> Iterator[Path]:
    """The attachments folder on a tmpfs of 1 MB (a real filesystem that fills up)."""
    map = tmp_path / "bijlagen"
    map.mkdir()
    if os.geteuid() != 0:
        pytest.skip("Een tmpfs aankoppelen vraagt root.")
    aankoppelen = subprocess.run(  # noqa: S603
        ["/bin/mount", "-t", "tmpfs", "-o", "size=1m,mode=0700", "tmpfs", str(map)],
        capture_output=True,
        text=True,
    )
    if aankoppelen.returncode != 0:
        pytest.skip(f"tmpfs niet aan te koppelen: {aankoppelen.stderr.strip()}")
    settings.STORAGES = {
        **settings.STORAGES,
        "bijlagen": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(map), "base_url": None},
        },
    }
    try:
        yield map
    finally:
        subprocess.run(["/bin/umount", str(map)], check=True)  # noqa: S603


def test_storing_bijlagenopslag_vol_tijdens_upload(
    kleine_schijf: Path, omgeving: Any, hulpvraag: Any
) -> None:
    client = omgeving.client(omgeving.ib_regenboog)
    pdf = bestanden.pdf_gescand(paginas=1, dpi=600)  # a scan of about 360 kB
    vrij = os.statvfs(kleine_schijf)
    vulling = kleine_schijf / "vulling"
    vulling.write_bytes(b"\0" * (vrij.f_bavail * vrij.f_frsize - len(pdf) // 2))

    antwoord = _uploaden_in_test(client, hulpvraag, "OPP-januari-2026.pdf", pdf)
    _formulier_behouden(antwoord, "OPP-januari-2026.pdf")
    assert not Bijlage.objects.exists()
    # The half-written file is gone again: only the filler is on the disk.
    assert [p.name for p in kleine_schijf.iterdir()] == ["vulling"]

    # Space again (an operator cleared the disk): the same upload goes through.
    vulling.unlink()
    antwoord = _uploaden_in_test(client, hulpvraag, "OPP-januari-2026.pdf", pdf)
    assert antwoord.status_code == 302
    bijlage = Bijlage.objects.get()
    opgeslagen = (kleine_schijf / bijlage.opslagnaam).read_bytes()
    assert hashlib.sha256(opgeslagen).hexdigest() == bijlage.sha256


BUCKET = "passend-storingen"


@pytest.fixture
def objectopslag(settings: Any, monkeypatch: pytest.MonkeyPatch) -> Iterator[dict[str, Any]]:
    """moto's S3 server on loopback, as the two-server test starts it, with the storage the
    production settings make (settings.s3_opslag: boto3's own retries and timeouts)."""
    from moto.server import ThreadedMotoServer

    poort = vrije_poort()
    adres = f"http://127.0.0.1:{poort}"
    for naam, waarde in {
        "PASSEND_BIJLAGEN_S3_ENDPOINT": adres,
        "PASSEND_BIJLAGEN_S3_REGIO": "eu-west-1",
        "PASSEND_BIJLAGEN_S3_ACCESS_KEY": "passend-test",
        "PASSEND_BIJLAGEN_S3_SECRET_KEY": "passend-test-geheim",
    }.items():
        monkeypatch.setenv(naam, waarde)
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=poort, verbose=False)
    server.start()
    # moto keeps its buckets per process, not per server: start empty.
    urllib.request.urlopen(urllib.request.Request(f"{adres}/moto-api/reset", method="POST"))  # noqa: S310
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
    opslag = {"server": server, "client": client, "poort": poort}
    yield opslag
    opslag["server"].stop()


def _sleutels(client: Any) -> list[str]:
    return [o["Key"] for o in client.list_objects_v2(Bucket=BUCKET).get("Contents", [])]


def test_storing_objectopslag_onbereikbaar_tijdens_upload(
    objectopslag: dict[str, Any], omgeving: Any, hulpvraag: Any
) -> None:
    from moto.server import ThreadedMotoServer

    client = omgeving.client(omgeving.ib_regenboog)
    antwoord = _uploaden_in_test(client, hulpvraag, "OPP-januari-2026.pdf", bestanden.pdf())
    assert antwoord.status_code == 302
    assert len(_sleutels(objectopslag["client"])) == 1

    objectopslag["server"].stop()  # the object store goes away mid-session
    begin = time.monotonic()
    antwoord = _uploaden_in_test(
        client, hulpvraag, "Verslag-februari-2026.pdf", bestanden.pdf("Verslag")
    )
    duur = time.monotonic() - begin
    _formulier_behouden(antwoord, "Verslag-februari-2026.pdf")
    assert Bijlage.objects.count() == 1
    assert duur < 30, f"de upload wachtte {duur:.1f} s op de objectopslag"
    print(f"\nObjectopslag weg: de melding kwam na {duur:.1f} s")  # docs/installatie.md

    # The store back on the same address: the same file goes through, and every row has its
    # object.
    objectopslag["server"] = ThreadedMotoServer(
        ip_address="127.0.0.1", port=objectopslag["poort"], verbose=False
    )
    objectopslag["server"].start()
    antwoord = _uploaden_in_test(
        client, hulpvraag, "Verslag-februari-2026.pdf", bestanden.pdf("Verslag")
    )
    assert antwoord.status_code == 302
    sleutels = _sleutels(objectopslag["client"])
    assert sorted(sleutels) == sorted(Bijlage.objects.values_list("opslagnaam", flat=True))
    assert len(sleutels) == 2


# --- The database gone while a session is saved ------------------------------------------------


@pytest.mark.django_db
def test_storing_database_weg_bij_sessie_opslaan_is_een_serverfout(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Found by the restart scenario: a request whose session was saved just as the database
    went away got Django's 400 "Ongeldig verzoek" (as if another request had deleted the
    session) instead of the 500 "Er ging iets mis aan onze kant". Django's model save is made
    to fail, not our code."""
    from django.conf import settings
    from django.contrib.sessions.backends.base import UpdateError
    from django.contrib.sessions.models import Session
    from django.db import OperationalError
    from django.utils.module_loading import import_string

    sessie = import_string(f"{settings.SESSION_ENGINE}.SessionStore")()
    sessie["gezien"] = True
    sessie.create()

    def verbinding_weg(*args: Any, **kwargs: Any) -> None:
        raise OperationalError("server closed the connection unexpectedly")

    with monkeypatch.context() as patch:
        patch.setattr(Session, "save", verbinding_weg)
        with pytest.raises(OperationalError):
            sessie.save()
    # A session that another request really deleted stays Django's UpdateError.
    Session.objects.all().delete()
    with pytest.raises(UpdateError):
        sessie.save()

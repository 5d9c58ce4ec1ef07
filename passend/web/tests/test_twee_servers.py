"""B12, issue 20 item 7: two Passend web processes (gunicorn, production settings) on different
ports share one PostgreSQL database and one S3-protocol object store (moto), and a user cannot
tell them apart: a session made on one works on the other, a change to the SWV's lists on one
shows on the other at the next request, a file uploaded through one downloads through the
other, and a mail queued on one is delivered by a worker started beside the other.

Runs in the PostgreSQL pass of `make test` (the servers need a database another process can
reach); it makes its own database on that server and drops it afterwards."""

import http.client
import os
import re
import socket
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import boto3
import psycopg
import pytest
from urllib3 import encode_multipart_formdata

from passend.accounts.tests.factories import WACHTWOORD, totp_code
from passend.bijlagen.tests import bestanden
from passend.conftest import SmtpServer, json_regels, vrije_poort, wachten_tot

REPO = Path(__file__).resolve().parents[3]
GUNICORN = Path(sys.executable).parent / "gunicorn"
HOST = "passend.example.nl"
BUCKET = "passend-twee-servers"
SLEUTELS = {"iverhoef": "3132333435363738393031323334353637383930", "bhendriks": "41" * 20}

GEGEVENS_MAKEN = f"""
from django.core.management import call_command
from django_otp.plugins.otp_totp.models import TOTPDevice
from passend.accounts.models import Rol
from passend.accounts.services import gebruiker_aanmaken
from passend.dossiers.services import leerling_aanmaken, schoolgegevens_toevoegen
from passend.hulpvragen.services import hulpvraag_aanmaken
from passend.organisaties.models import Bestuur, Regio, Samenwerkingsverband, School
from passend.processen.models import Hulpvraagtitel
import datetime
swv = Samenwerkingsverband.objects.create(code="PO2806", naam="PPO Rotterdam")
regio = Regio.objects.create(swv=swv, naam="Noord")
Regio.objects.create(swv=swv, naam="IJsselmonde")
call_command("preset_laden", "PO2806", verbosity=0)
bestuur = Bestuur.objects.create(swv=swv, naam="Stichting Kompas", nummer="41234")
school = School.objects.create(
    swv=swv, naam="Het Kompas", code="23CD00", bestuur=bestuur, regio=regio
)
ib = gebruiker_aanmaken(
    swv=swv, gebruikersnaam="iverhoef", voornaam="Ingrid", achternaam="Verhoef",
    email="iverhoef@example.nl", rollen=Rol.objects.filter(code="intern_begeleider"),
    scholen=[school], wachtwoord="{WACHTWOORD}",
)
beheerder = gebruiker_aanmaken(
    swv=swv, gebruikersnaam="bhendriks", voornaam="Bart", achternaam="Hendriks",
    email="bhendriks@example.nl", rollen=Rol.objects.filter(code="applicatiebeheerder"),
    wachtwoord="{WACHTWOORD}",
)
for gebruiker, sleutel in ((ib, "{SLEUTELS["iverhoef"]}"), (beheerder, "{SLEUTELS["bhendriks"]}")):
    TOTPDevice.objects.create(user=gebruiker, name="Authenticator-app", key=sleutel, confirmed=True)
leerling = leerling_aanmaken(
    door=ib, roepnaam="Jan", achternaam="Boven", geboortedatum=datetime.date(2016, 9, 3)
)
schoolgegevens = schoolgegevens_toevoegen(
    leerling=leerling, school=school, door=ib, aanvrager=ib, contactpersoon="Ingrid Verhoef",
    email="iverhoef@example.nl",
)
hulpvraag_aanmaken(
    leerling=leerling, schoolgegevens=schoolgegevens, door=ib,
    titel=Hulpvraagtitel.objects.get(swv=swv, naam="Ambulante Begeleiding"),
)
"""


class Gebruiker:
    """One browser: its cookies, sent to whichever server it asks (as behind a balancer)."""

    def __init__(self) -> None:
        self.cookies: dict[str, str] = {}

    def verzoek(
        self, poort: int, methode: str, pad: str, body: bytes = b"", soort: str = ""
    ) -> tuple[int, bytes, dict[str, str]]:
        verbinding = http.client.HTTPConnection("127.0.0.1", poort, timeout=60)
        koppen = {
            "Host": HOST,
            "X-Forwarded-For": "10.0.0.7",
            "X-Forwarded-Proto": "https",
            "Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items()),
        }
        if methode == "POST":
            koppen |= {
                "Content-Type": soort or "application/x-www-form-urlencoded",
                "Origin": f"https://{HOST}",
                "Referer": f"https://{HOST}{pad}",
            }
        verbinding.request(methode, pad, body=body, headers=koppen)
        antwoord = verbinding.getresponse()
        inhoud = antwoord.read()
        for kop, waarde in antwoord.getheaders():
            if kop.lower() == "set-cookie":
                naam, _, rest = waarde.partition("=")
                self.cookies[naam] = rest.split(";")[0]
        verbinding.close()
        return antwoord.status, inhoud, dict(antwoord.getheaders())

    def csrf(self, poort: int, pad: str) -> str:
        status, inhoud, _koppen = self.verzoek(poort, "GET", pad)
        token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', inhoud)
        assert status == 200 and token, inhoud[:500]
        return token.group(1).decode()

    def posten(self, poort: int, pad: str, velden: dict[str, Any]) -> tuple[int, bytes]:
        velden = {"csrfmiddlewaretoken": self.csrf(poort, pad), **velden}
        status, inhoud, _koppen = self.verzoek(poort, "POST", pad, urlencode(velden).encode())
        return status, inhoud

    def aanmelden(self, poort: int, gebruikersnaam: str) -> None:
        code = totp_code(bytes.fromhex(SLEUTELS[gebruikersnaam]))
        status, _ = self.posten(
            poort,
            "/aanmelden/",
            {
                "organisatie": "PO2806 PPO Rotterdam",
                "gebruikersnaam": gebruikersnaam,
                "wachtwoord": WACHTWOORD,
                "code": code,
            },
        )
        assert status == 302


@pytest.fixture
def twee_servers(tmp_path: Path) -> Iterator[dict[str, Any]]:
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith("postgres"):
        pytest.skip("Twee servers delen een PostgreSQL-database: draait in de PostgreSQL-run.")
    from moto.server import ThreadedMotoServer

    naam = f"passend_twee_{uuid.uuid4().hex[:8]}"
    server_url = url.rsplit("/", 1)[0]
    with psycopg.connect(f"{server_url}/postgres", autocommit=True) as beheer:
        beheer.execute(f'CREATE DATABASE "{naam}"')
    s3_poort = vrije_poort()
    s3 = ThreadedMotoServer(ip_address="127.0.0.1", port=s3_poort, verbose=False)
    s3.start()
    boto3.client(
        "s3",
        endpoint_url=f"http://127.0.0.1:{s3_poort}",
        region_name="eu-west-1",
        aws_access_key_id="passend-test",
        aws_secret_access_key="passend-test-geheim",
    ).create_bucket(Bucket=BUCKET, CreateBucketConfiguration={"LocationConstraint": "eu-west-1"})
    smtp = SmtpServer()
    smtp.start()
    omgeving = {
        **{
            k: v
            for k, v in os.environ.items()
            if not k.startswith(("DJANGO_", "DATABASE_", "PASSEND_", "EMAIL_", "CLAMD_"))
        },
        "DJANGO_ENV": "production",
        "DJANGO_SECRET_KEY": uuid.uuid4().hex * 2,
        "DJANGO_ALLOWED_HOSTS": HOST,
        "DATABASE_URL": f"{server_url}/{naam}",
        "PASSEND_BASIS_URL": f"https://{HOST}",
        "EMAIL_HOST": "127.0.0.1",
        "EMAIL_PORT": str(smtp.port),
        "EMAIL_USE_TLS": "false",
        "PASSEND_VIRUSSCANNER": "uit",
        "PASSEND_PROXY_AANTAL": "1",
        "PASSEND_VAR_DIR": str(tmp_path),
        "GUNICORN_WORKERS": "1",
        "PASSEND_BIJLAGEN_S3_BUCKET": BUCKET,
        "PASSEND_BIJLAGEN_S3_ENDPOINT": f"http://127.0.0.1:{s3_poort}",
        "PASSEND_BIJLAGEN_S3_REGIO": "eu-west-1",
        "PASSEND_BIJLAGEN_S3_ACCESS_KEY": "passend-test",
        "PASSEND_BIJLAGEN_S3_SECRET_KEY": "passend-test-geheim",
    }

    def manage(*args: str) -> None:
        klaar = subprocess.run(  # noqa: S603
            [sys.executable, "manage.py", *args],
            cwd=REPO,
            env=omgeving,
            capture_output=True,
            text=True,
            timeout=600,
        )
        if klaar.returncode != 0:
            pytest.fail(f"manage.py {args[0]}: {klaar.stderr[-3000:]}")

    servers: list[subprocess.Popen[bytes]] = []
    try:
        manage("migrate", "--no-input")
        manage("shell", "-c", GEGEVENS_MAKEN)
        poorten, logs = [], []
        for nummer in range(2):
            poort = vrije_poort()
            logs.append(tmp_path / f"web{nummer}.log")
            log = logs[-1].open("w")
            servers.append(
                subprocess.Popen(  # noqa: S603
                    # The example configuration of docs/installatie.md, one worker each here.
                    [
                        *(str(GUNICORN), "-c", "deploy/gunicorn.conf.py"),
                        *("-b", f"127.0.0.1:{poort}", "passend.wsgi:application"),
                    ],
                    cwd=REPO,
                    env=omgeving,
                    stdout=log,
                    stderr=log,
                )
            )
            poorten.append(poort)
        for poort, server in zip(poorten, servers, strict=True):
            for _ in range(300):
                try:
                    socket.create_connection(("127.0.0.1", poort), timeout=1).close()
                    break
                except OSError:
                    assert server.poll() is None, "gunicorn stopte"
                    time.sleep(0.1)  # waiting for the server process, not in the test logic
        yield {
            "poorten": poorten,
            "logs": logs,
            "manage": manage,
            "smtp": smtp,
            "database": f"{server_url}/{naam}",
        }
    finally:
        for server in servers:
            server.terminate()
            server.wait(timeout=30)
        smtp.stop()
        s3.stop()
        with psycopg.connect(f"{server_url}/postgres", autocommit=True) as beheer:
            beheer.execute(f'DROP DATABASE IF EXISTS "{naam}" WITH (FORCE)')


def _een_rij(twee_servers: dict[str, Any], sql: str, *parameters: object) -> tuple[Any, ...]:
    with psycopg.connect(twee_servers["database"]) as db:
        rij = db.execute(sql, parameters).fetchone()
    assert rij is not None, sql
    return rij


def test_b12_twee_webservers_een_database_een_objectopslag(twee_servers: dict[str, Any]) -> None:
    a, b = twee_servers["poorten"]
    referentie, hulpvraag_id = _een_rij(
        twee_servers, "SELECT referentie, id FROM hulpvragen_hulpvraag"
    )

    # A session made on A works on B.
    ib = Gebruiker()
    ib.aanmelden(a, "iverhoef")
    status, inhoud, _ = ib.verzoek(b, "GET", f"/hulpvragen/{referentie}/")
    assert status == 200 and referentie.encode() in inhoud

    # The SWV's lists: a label added in SWV-beheer on A is a filter choice on B at once.
    beheerder = Gebruiker()
    beheerder.aanmelden(b, "bhendriks")
    status, _ = beheerder.posten(
        a, "/swv-beheer/instellingen/labels/nieuw/", {"naam": "Twee servers"}
    )
    assert status == 302
    status, inhoud, _ = ib.verzoek(b, "GET", "/hulpvragen/")
    assert status == 200 and b"Twee servers" in inhoud

    # A file uploaded through A downloads through B, byte for byte.
    pdf = bestanden.pdf("Ontwikkelingsperspectief twee servers")
    pad = f"/hulpvragen/{referentie}/bijlagen/toevoegen/"
    body, soort = encode_multipart_formdata(
        {
            "csrfmiddlewaretoken": ib.csrf(a, pad),
            "documenttype": "opp",
            "bestanden": ("OPP301126.pdf", pdf, "application/pdf"),
        }
    )
    status, _inhoud, _ = ib.verzoek(a, "POST", pad, body, soort)
    assert status == 302
    (bijlage_id,) = _een_rij(
        twee_servers, "SELECT id FROM bijlagen_bijlage WHERE hulpvraag_id = %s", hulpvraag_id
    )
    status, inhoud, _ = ib.verzoek(
        b, "GET", f"/hulpvragen/{referentie}/bijlagen/{bijlage_id}/downloaden/"
    )
    assert status == 200 and inhoud == pdf
    # gunicorn's access log (deploy/gunicorn.conf.py): JSON per request, the request id, and
    # never a query string.
    status, _inhoud, koppen = ib.verzoek(a, "GET", "/hulpvragen/?zoek=Boven")

    def toegangsregels() -> list[dict[str, Any]]:
        return [
            regel
            for regel in json_regels(twee_servers["logs"][0])
            if regel.get("logger") == "gunicorn.toegang"
            and regel["request_id"] == koppen["X-Request-ID"]
        ]

    # gunicorn writes a request's access line after the client has its response.
    wachten_tot(toegangsregels, seconden=30, wat="de regel van het verzoek in het toegangslog")
    assert [regel["pad"] for regel in toegangsregels()] == ["/hulpvragen/"]
    assert "Boven" not in twee_servers["logs"][0].read_text()

    # Mails queued on A (the receipt of the submission and the status mail of a change made
    # there) are delivered by a worker started beside B.
    huidige, naar = _een_rij(
        twee_servers,
        "SELECT h.status_id, s.id FROM hulpvragen_hulpvraag h "
        "JOIN processen_status s ON s.proces_id = (SELECT proces_id FROM processen_status "
        "WHERE id = h.status_id) AND s.code = 'voorlopige_aanmelding' WHERE h.id = %s",
        hulpvraag_id,
    )
    status, _ = ib.posten(
        a,
        f"/hulpvragen/{referentie}/status-wijzigen/",
        {"naar": naar, "reden": "Eerst nog overleggen.", "huidige_status": huidige},
    )
    assert status == 302
    assert twee_servers["smtp"].berichten == []
    twee_servers["manage"]("db_worker", "--batch")
    ontvangers = [ontvangers for ontvangers, _bericht in twee_servers["smtp"].berichten]
    assert ontvangers == [["iverhoef@example.nl"], ["iverhoef@example.nl"]]

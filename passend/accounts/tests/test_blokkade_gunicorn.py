"""Issue 19 item 1, through the real stack: gunicorn with the production settings behind one
reverse proxy (docs/installatie.md), requests carrying X-Forwarded-For and
X-Forwarded-Proto as nginx sends them.

The repro of the issue: an attacker posts failed logins with unknown usernames and the most
common browser's User-Agent; then another person, through the same proxy with the same
browser, logs in with password and code. Before, the lockout counted per proxy address (or per
address and browser together), so one attacker locked out everyone with that browser. Now it
counts per account and per client address, and both logs name the real client.

gunicorn runs with deploy/gunicorn.conf.py, as docs/installatie.md has it; that file also warms
each fresh worker up (issue 20 item 1), which the first test shows.
"""

import http.client
import os
import re
import socket
import sqlite3
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import pytest

from passend.accounts.tests.factories import WACHTWOORD, totp_code
from passend.conftest import json_regels, vrije_poort, wachten_tot

REPO = Path(__file__).resolve().parents[3]
GUNICORN = Path(sys.executable).parent / "gunicorn"
HOST = "passend.example.nl"
SLEUTEL = "3132333435363738393031323334353637383930"  # the TOTP seed of the test account
CHROME = (
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/131.0.0.0 Safari/537.36"
)
PER_ADRES = 20  # PASSEND_LOGIN_MAX_MISLUKT_PER_ADRES, lowered from 200 to keep the test short

ACCOUNT_MAKEN = f"""
from django_otp.plugins.otp_totp.models import TOTPDevice
from passend.accounts.models import Rol
from passend.accounts.services import gebruiker_aanmaken
from passend.organisaties.models import Samenwerkingsverband
swv = Samenwerkingsverband.objects.create(code="PO2806", naam="PPO Rotterdam")
gebruiker = gebruiker_aanmaken(
    swv=swv, gebruikersnaam="kbakker", voornaam="Karin", achternaam="Bakker",
    email="kbakker@example.nl", rollen=Rol.objects.filter(code="coordinator"),
    wachtwoord="{WACHTWOORD}",
)
TOTPDevice.objects.create(user=gebruiker, name="Authenticator-app", key="{SLEUTEL}", confirmed=True)
"""


class Browser:
    """One client behind the proxy: its own cookies, its address in X-Forwarded-For."""

    def __init__(self, poort: int, adres: str, user_agent: str = CHROME) -> None:
        self.poort, self.adres, self.user_agent = poort, adres, user_agent
        self.cookies: dict[str, str] = {}

    def verzoek(self, methode: str, pad: str, body: str = "") -> http.client.HTTPResponse:
        verbinding = http.client.HTTPConnection("127.0.0.1", self.poort, timeout=60)
        koppen = {
            "Host": HOST,
            "User-Agent": self.user_agent,
            # nginx: proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
            "X-Forwarded-For": self.adres,
            "X-Forwarded-Proto": "https",
            "Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items()),
        }
        if methode == "POST":
            koppen |= {
                "Content-Type": "application/x-www-form-urlencoded",
                "Origin": f"https://{HOST}",
                "Referer": f"https://{HOST}/aanmelden/",
            }
        verbinding.request(methode, pad, body=body.encode(), headers=koppen)
        antwoord = verbinding.getresponse()
        antwoord.inhoud = antwoord.read().decode()  # type: ignore[attr-defined]
        for kop, waarde in antwoord.getheaders():
            if kop.lower() == "set-cookie":
                naam, _, rest = waarde.partition("=")
                self.cookies[naam] = rest.split(";")[0]
        verbinding.close()
        return antwoord

    def aanmelden(self, gebruikersnaam: str, wachtwoord: str, code: str) -> int:
        formulier = self.verzoek("GET", "/aanmelden/").inhoud  # type: ignore[attr-defined]
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', formulier)
        assert token, formulier[:500]
        velden = {
            "csrfmiddlewaretoken": token.group(1),
            "organisatie": "PO2806 PPO Rotterdam",
            "gebruikersnaam": gebruikersnaam,
            "wachtwoord": wachtwoord,
            "code": code,
        }
        return self.verzoek("POST", "/aanmelden/", urlencode(velden)).status


@pytest.fixture(scope="module")
def productie(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[int, Path, Path]]:
    """gunicorn on loopback with the production settings of docs/installatie.md and its own
    SQLite database (the test database of pytest is not visible to another process)."""
    map = tmp_path_factory.mktemp("productie")
    database = map / "passend.sqlite3"
    omgeving = {
        **{
            k: v
            for k, v in os.environ.items()
            if not k.startswith(("DJANGO_", "DATABASE_", "PASSEND_", "EMAIL_", "CLAMD_"))
        },
        "DJANGO_ENV": "production",
        "DJANGO_SECRET_KEY": uuid.uuid4().hex * 2,
        "DJANGO_ALLOWED_HOSTS": HOST,
        "DATABASE_URL": f"sqlite:///{database}",
        "PASSEND_BASIS_URL": f"https://{HOST}",
        "EMAIL_HOST": "smtp.example.nl",
        "PASSEND_VIRUSSCANNER": "uit",
        "PASSEND_PROXY_AANTAL": "1",
        "PASSEND_VAR_DIR": str(map),
        "PASSEND_LOGIN_MAX_MISLUKT_PER_ADRES": str(PER_ADRES),
        "GUNICORN_WORKERS": "1",
    }

    def manage(*args: str) -> None:
        subprocess.run(  # noqa: S603
            [sys.executable, "manage.py", *args],
            cwd=REPO,
            env=omgeving,
            check=True,
            capture_output=True,
            timeout=600,
        )

    manage("migrate", "--no-input")
    manage("shell", "-c", ACCOUNT_MAKEN)
    poort = vrije_poort()
    omgeving["PASSEND_BIND"] = f"127.0.0.1:{poort}"
    log = map / "gunicorn.log"
    with log.open("w") as stderr:
        server = subprocess.Popen(  # noqa: S603
            [str(GUNICORN), "-c", "deploy/gunicorn.conf.py", "passend.wsgi:application"],
            cwd=REPO,
            env=omgeving,
            stdout=subprocess.DEVNULL,
            stderr=stderr,
        )
        try:
            for _ in range(300):
                try:
                    socket.create_connection(("127.0.0.1", poort), timeout=1).close()
                    break
                except OSError:
                    if server.poll() is not None:
                        pytest.fail(log.read_text())
                    time.sleep(0.1)  # waiting for the server process, not in the test logic
            yield poort, database, log
        finally:
            server.terminate()
            server.wait(timeout=30)


def _beveiligingslog(log: Path) -> list[dict[str, Any]]:
    return [regel for regel in json_regels(log) if regel.get("logger") == "passend.beveiliging"]


def test_issue20_een_verse_worker_maakt_de_aanmeldpagina_voordat_hij_verzoeken_aanneemt(
    productie,
):
    """Its first request would otherwise build the URL patterns and templates: seconds for
    whichever user got it, at boot and after every max_requests."""
    _, _, log = productie

    def opgewarmd() -> list[str]:
        regels = json_regels(log)
        return [r["bericht"] for r in regels if r.get("logger") == "passend.core.opwarmen"]

    wachten_tot(opgewarmd, seconden=60, wat="de worker warmt zich op")
    assert opgewarmd() == ["Webworker opgewarmd: 200 OK"]


def test_i19_asvs_v2_2_1_through_gunicorn_one_attacker_does_not_lock_out_the_same_browser(
    productie,
):
    poort, database, log = productie
    # The attacker: failed logins with unknown usernames, first with the common browser, then
    # with a new User-Agent for each attempt (which reset the old IP + browser key).
    statussen = []
    for nummer in range(PER_ADRES):
        user_agent = CHROME if nummer < PER_ADRES // 2 else f"{CHROME} Variant/{nummer}"
        aanvaller = Browser(poort, "7.7.7.7", user_agent)
        statussen.append(aanvaller.aanmelden(f"onbekend{uuid.uuid4().hex[:8]}", "fout", "000000"))
    # Refused with the form again; the attempt that reaches the address's limit says "te vaak".
    assert statussen == [200] * (PER_ADRES - 1) + [429]
    # The address is now locked, whatever account or browser it tries.
    geweigerd = Browser(poort, "7.7.7.7", "Firefox/140").aanmelden(
        "kbakker", WACHTWOORD, totp_code(bytes.fromhex(SLEUTEL))
    )
    assert geweigerd == 429

    # Someone else, through the same proxy with the same browser, logs in as usual.
    collega = Browser(poort, "8.8.8.8")
    assert collega.aanmelden("kbakker", WACHTWOORD, totp_code(bytes.fromhex(SLEUTEL))) == 302
    export = collega.verzoek("GET", "/hulpvragen/export.csv")
    assert export.status == 200

    # The security log and the access log name the real clients, never the proxy.
    beveiliging = _beveiligingslog(log)
    mislukt = [r for r in beveiliging if r["gebeurtenis"] == "aanmelden_mislukt"]
    assert len(mislukt) >= PER_ADRES
    assert {r["client_adres"] for r in mislukt} == {"7.7.7.7"}
    assert any(r["gebeurtenis"] == "aanmelden_geblokkeerd" for r in beveiliging)
    gelukt = [r for r in beveiliging if r["gebeurtenis"] == "aanmelden_gelukt"]
    assert [(r["gebruikersnaam"], r["client_adres"]) for r in gelukt] == [("kbakker", "8.8.8.8")]
    with sqlite3.connect(database) as verbinding:
        inzage = verbinding.execute(
            "SELECT gebeurtenis, client_adres FROM audit_inzage WHERE gebruikersnaam = 'kbakker'"
        ).fetchall()
    assert inzage == [("hulpvragen_geexporteerd", "8.8.8.8")]

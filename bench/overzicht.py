"""Benchmark of the Hulpvragen overview against the floor of a minimal authenticated page.

Serves Passend with gunicorn on PostgreSQL (data from `manage.py genereer_data`), logs in with
both factors as an SCP, an IB'er and an applicatiebeheerder, and measures the latency of the
overview with common filters next to "Mijn account" (the floor: the whole middleware stack —
session, two factors, roles, CSP — and a small template, no pupil data). Prints p50 and p95 per
case and their ratio to the floor's, the floor measured in turn with each case (request by
request), so both see the same machine. See bench/README.md.

Only the standard library and Passend's own code and dependencies (psycopg; the TOTP codes of
passend/testdata/totp.py): no extra client to install.
"""

import argparse
import http.client
import json
import os
import re
import socket
import subprocess
import sys
import time
import urllib.parse
from dataclasses import dataclass, field
from pathlib import Path

import psycopg

from passend.testdata.totp import huidige_code

ROOT = Path(__file__).resolve().parent.parent
STANDAARD_DB = "postgres://postgres@127.0.0.1:5432/passend_bench"
VLOER = "/account/"


@dataclass
class Sessie:
    """One logged-in browser: a keep-alive connection and its cookies."""

    poort: int
    cookies: dict[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.verbinding = http.client.HTTPConnection("127.0.0.1", self.poort, timeout=60)

    def verzoek(self, methode: str, pad: str, body: dict[str, str] | None = None):  # type: ignore[no-untyped-def]
        koppen = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())}
        data = None
        if body is not None:
            data = urllib.parse.urlencode(body)
            koppen["Content-Type"] = "application/x-www-form-urlencoded"
        self.verbinding.request(methode, pad, body=data, headers=koppen)
        antwoord = self.verbinding.getresponse()
        inhoud = antwoord.read()
        for kop in antwoord.headers.get_all("Set-Cookie") or []:
            naam, _, rest = kop.partition("=")
            self.cookies[naam.strip()] = rest.split(";", 1)[0]
        if antwoord.getheader("Connection", "").lower() == "close":
            self.verbinding.close()
        return antwoord.status, antwoord.getheader("Location", ""), inhoud

    def inloggen(self, account: dict[str, str]) -> None:
        for _poging in range(3):
            _status, _, inhoud = self.verzoek("GET", "/aanmelden/")
            token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', inhoud)
            if token is None:
                raise SystemExit("Geen CSRF-token op de aanmeldpagina.")
            status, locatie, _ = self.verzoek(
                "POST",
                "/aanmelden/",
                {
                    "csrfmiddlewaretoken": token.group(1).decode(),
                    "organisatie": account["organisatie"],
                    "gebruikersnaam": account["gebruikersnaam"],
                    "wachtwoord": account["wachtwoord"],
                    "code": huidige_code(account["totp_secret"]),
                },
            )
            if status == 302 and "aanmelden" not in locatie:
                return
            # A code is accepted once: a second run within 30 seconds waits for the next one.
            time.sleep(31 - time.time() % 30)
        raise SystemExit(
            f"Aanmelden mislukt voor {account['organisatie']}/{account['gebruikersnaam']}"
        )


def vrije_poort() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def gunicorn_starten(database_url: str, poort: int, workers: int) -> subprocess.Popen[bytes]:
    omgeving = {
        **os.environ,
        "DJANGO_ENV": "development",
        "DJANGO_DEBUG": "false",
        "DATABASE_URL": database_url,
        # Persistent connections, as in production (the development default is 0).
        "DATABASE_CONN_MAX_AGE": "60",
        # The production configuration (max_requests, each fresh worker warmed up), with the
        # number of workers asked for.
        "GUNICORN_WORKERS": str(workers),
        "PASSEND_BIND": f"127.0.0.1:{poort}",
    }
    log = ROOT / "var" / f"gunicorn_{poort}.log"
    with log.open("w") as stderr:  # the server keeps its own copy of the file
        proces = subprocess.Popen(
            [
                str(ROOT / ".venv/bin/gunicorn"),
                "-c",
                "deploy/gunicorn.conf.py",
                "--access-logfile=/dev/null",
                "--log-level=warning",
                "passend.wsgi",
            ],
            cwd=ROOT,
            env=omgeving,
            stdout=subprocess.DEVNULL,
            stderr=stderr,
        )
    # Measuring starts when every worker has booted and warmed itself up.
    for _ in range(600):
        if log.read_text().count("Webworker opgewarmd: 200") >= workers:
            return proces
        if proces.poll() is not None:
            break
        time.sleep(0.2)
    proces.kill()
    raise SystemExit(f"gunicorn startte niet; zie {log}")


def keuzes(database_url: str, swv: str, school: str) -> dict[str, int]:
    """Primary keys for the filter values, read from the benchmark database."""
    with psycopg.connect(database_url) as db:

        def een(sql: str, *parameters: object) -> int:
            rij = db.execute(sql, parameters).fetchone()  # type: ignore[arg-type]
            if rij is None:
                raise SystemExit(f"Niet gevonden in de database: {sql} {parameters}")
            return int(rij[0])

        swv_id = een("SELECT id FROM organisaties_samenwerkingsverband WHERE code = %s", swv)

        def status(naam: str) -> int:
            return een(
                "SELECT s.id FROM processen_status s JOIN processen_proces p ON p.id = s.proces_id"
                " WHERE p.swv_id = %s AND p.code = 'algemeen' AND s.naam = %s",
                swv_id,
                naam,
            )

        return {
            "aanmelding": status("Aanmelding"),
            "afgerond": status("Afgerond"),
            "school": een(
                "SELECT id FROM organisaties_school WHERE swv_id = %s"
                " ORDER BY code LIMIT 1 OFFSET %s",
                swv_id,
                int(school) - 1,
            ),
        }


def percentiel(waarden: list[float], fractie: float) -> float:
    geordend = sorted(waarden)
    positie = fractie * (len(geordend) - 1)
    onder = int(positie)
    boven = min(onder + 1, len(geordend) - 1)
    return geordend[onder] + (positie - onder) * (geordend[boven] - geordend[onder])


def verzoek_timen(sessie: Sessie, pad: str, eerste: bool) -> float:
    begin = time.perf_counter()
    status, locatie, inhoud = sessie.verzoek("GET", pad)
    duur = time.perf_counter() - begin
    if status != 200:
        raise SystemExit(f"{pad}: HTTP {status} {locatie}")
    if eerste and b"veld__fout" in inhoud:
        # A refused filter shows the form without searching: fast, and measuring nothing.
        raise SystemExit(f"{pad}: het filter werd geweigerd (foutmelding op de pagina)")
    return duur * 1000


def meten(sessie: Sessie, pad: str, aantal: int, opwarmen: int) -> list[float]:
    tijden = [verzoek_timen(sessie, pad, i == 0) for i in range(opwarmen + aantal)]
    return tijden[opwarmen:]


def afwisselend_meten(
    sessie: Sessie, vloer: str, pad: str, aantal: int, opwarmen: int
) -> tuple[list[float], list[float]]:
    """The floor and the case in turn, request by request: both see the same machine, also
    when its speed drifts during the run (here the floor's p50 differed by up to 76% between
    the roles of one run)."""
    vloertijden, tijden = [], []
    for i in range(opwarmen + aantal):
        vloertijd = verzoek_timen(sessie, vloer, False)
        tijd = verzoek_timen(sessie, pad, i == 0)
        if i >= opwarmen:
            vloertijden.append(vloertijd)
            tijden.append(tijd)
    return vloertijden, tijden


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--database-url", default=os.environ.get("DATABASE_URL", STANDAARD_DB))
    parser.add_argument("--accounts", type=Path, default=ROOT / "var/bench_accounts.json")
    parser.add_argument("--swv", default="PO5000")
    parser.add_argument("-n", "--aantal", type=int, default=200, help="metingen per geval")
    parser.add_argument("--opwarmen", type=int, default=10)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--naam", default="bakk", help="naamfragment voor het zoekveld")
    parser.add_argument("--json", type=Path, help="schrijf de uitkomsten ook als JSON")
    parser.add_argument(
        "--managementoverzicht", type=int, default=30, help="metingen van /managementoverzicht/"
    )
    parser.add_argument(
        "--alleen-managementoverzicht",
        action="store_true",
        help="alleen de vloer en /managementoverzicht/ (SCP en applicatiebeheerder)",
    )
    parser.add_argument(
        "--na-elkaar",
        action="store_true",
        help="de vloer één keer per rol vooraf meten, niet afwisselend met elk geval (tot 12-2026)",
    )
    args = parser.parse_args()

    accounts = {
        a["gebruikersnaam"]: a
        for a in json.loads(args.accounts.read_text())["accounts"]
        if a["organisatie"] == args.swv
    }
    ib = accounts["ib01"]
    pk = keuzes(args.database_url, args.swv, ib["school"])
    twee = f"status={pk['aanmelding']}&status={pk['afgerond']}"
    gevallen = [
        ("vloer: Mijn account", VLOER),
        ("overzicht: geen filter", "/hulpvragen/"),
        ("overzicht: naam", f"/hulpvragen/?naam={args.naam}"),
        ("overzicht: twee statussen", f"/hulpvragen/?{twee}"),
        ("overzicht: één school", f"/hulpvragen/?school={pk['school']}"),
        ("overzicht: naam + statussen", f"/hulpvragen/?naam={args.naam}&{twee}"),
    ]
    rollen = [("SCP", "scp"), ("IB'er", "ib01"), ("applicatiebeheerder", "beheerder")]
    if args.alleen_managementoverzicht:
        # The floor and the Managementoverzicht only (issue 20 item 3), for the SWV's staff.
        gevallen, rollen = gevallen[:1], [rollen[0], rollen[2]]
    poort = vrije_poort()
    server = gunicorn_starten(args.database_url, poort, args.workers)
    uitkomsten = []
    try:
        for rol, gebruikersnaam in rollen:
            sessie = Sessie(poort)
            sessie.inloggen(accounts[gebruikersnaam])
            extra = []
            if gebruikersnaam != "ib01" and args.managementoverzicht:
                extra = [("managementoverzicht", "/managementoverzicht/")]
            vloer = None
            for naam, pad in gevallen + extra:
                aantal = args.managementoverzicht if naam == "managementoverzicht" else args.aantal
                if args.na_elkaar or pad == VLOER:
                    tijden = meten(sessie, pad, aantal, args.opwarmen)
                    if vloer is None:
                        vloer = (percentiel(tijden, 0.5), percentiel(tijden, 0.95))
                else:
                    vloertijden, tijden = afwisselend_meten(
                        sessie, VLOER, pad, aantal, args.opwarmen
                    )
                    vloer = (percentiel(vloertijden, 0.5), percentiel(vloertijden, 0.95))
                p50, p95 = percentiel(tijden, 0.5), percentiel(tijden, 0.95)
                if vloer is None:
                    raise SystemExit("De vloer hoort het eerste geval te zijn.")
                uitkomsten.append(
                    {
                        "rol": rol,
                        "geval": naam,
                        "pad": pad,
                        "n": aantal,
                        "p50_ms": round(p50, 1),
                        "p95_ms": round(p95, 1),
                        "vloer_p50_ms": round(vloer[0], 1),
                        "vloer_p95_ms": round(vloer[1], 1),
                        "p50_ratio": round(p50 / vloer[0], 2),
                        "p95_ratio": round(p95 / vloer[1], 2),
                    }
                )
                r = uitkomsten[-1]
                print(
                    f"{rol:20} {naam:30} n={aantal:<4} p50 {r['p50_ms']:6.1f} ms"
                    f"  p95 {r['p95_ms']:6.1f} ms  vloer {r['vloer_p50_ms']:5.1f}/"
                    f"{r['vloer_p95_ms']:5.1f} ms  p50/vloer {r['p50_ratio']:5.2f}"
                    f"  p95/vloer {r['p95_ratio']:5.2f}",
                    flush=True,
                )
    finally:
        server.terminate()
        server.wait(timeout=30)
    if args.json:
        args.json.write_text(json.dumps(uitkomsten, indent=2, ensure_ascii=False))
    doel = [r for r in uitkomsten if r["geval"].startswith("overzicht") and r["p95_ratio"] > 3]
    uitslag = "gehaald" if not doel else f"niet gehaald in {len(doel)} gevallen"
    print(f"\nDoel p95 <= 3x vloer (overzicht): {uitslag}")
    sys.exit(0)


if __name__ == "__main__":
    main()

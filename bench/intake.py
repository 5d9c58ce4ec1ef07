"""Intake through the API: hulpvragen with one 200 kB PDF created by several clients at once, on
PostgreSQL under gunicorn, against authenticated GETs of one aanvraag in the same run.

    .venv/bin/python bench/intake.py [--kanaal esis|oso] [--seconden 30] [--clients 8]
                                     [--lezers 2] [--workers 4]

Uses DATABASE_URL (default postgres://postgres@127.0.0.1:5432/passend_api_bench; dropped and
made again each run, so its name must contain "bench"; migrated, the demo loaded), keeps
attachments in a temporary folder, serves the app with gunicorn (sync workers, DEBUG off,
persistent connections) on loopback and plays Esis with the demo's client token and De
Regenboog's verification code, or (--kanaal oso) ParnasSys with the demo's OSO client, sending
the official sample dossier po_full (its attachments included) for a new pupil each time.
Prints creations per second, the p50/p95/p99 of a creation and of a GET, their ratio, CPU per
request, errors, and the rows the run wrote (hulpvragen, attachments, outbox mails). See
bench/README.md.
"""

import argparse
import base64
import io
import json
import os
import secrets
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from datetime import date
from pathlib import Path

import pikepdf
import psycopg

REPO = Path(__file__).resolve().parent.parent
PYTHON = Path(sys.executable)
GUNICORN = PYTHON.parent / "gunicorn"
STANDAARD_DATABASE = "postgres://postgres@127.0.0.1:5432/passend_api_bench"
sys.path.insert(0, str(REPO))
# The sample dossiers' helpers use Django's translations: settings, not a database.
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "passend.settings")
import django  # noqa: E402 (after the path is set)

django.setup()

from passend.koppelingen.oso import voorbeelden  # noqa: E402
from passend.koppelingen.simulator import (  # noqa: E402
    DEMO_CONTACTPERSOON,
    DEMO_TOKEN,
    DEMO_VERIFICATIECODE,
    PARNASSYS_SCHOOL,
    PARNASSYS_SWV,
    PARNASSYS_TOKEN,
    TITEL,
    oso_multipart,
)

WOORDEN = [
    "leerling",
    "groep",
    "lezen",
    "rekenen",
    "taal",
    "gedrag",
    "werkhouding",
    "begeleiding",
    "ondersteuning",
    "aanpak",
    "doelen",
    "evaluatie",
    "ouders",
    "school",
    "zorg",
    "plan",
    "periode",
    "toets",
    "resultaat",
    "observatie",
]


def pdf_van(grootte: int) -> bytes:
    """A real PDF of about `grootte` bytes: A4 pages of plain text (uncompressed streams), like a
    typed OPP."""
    document = pikepdf.new()
    lettertype = pikepdf.Dictionary(
        F1=pikepdf.Dictionary(
            Type=pikepdf.Name.Font, Subtype=pikepdf.Name.Type1, BaseFont=pikepdf.Name.Helvetica
        )
    )
    willekeur = secrets.SystemRandom()
    totaal = 0
    while totaal < grootte - 2_000:
        regels = []
        for regel in range(60):
            tekst = " ".join(willekeur.choice(WOORDEN) for _ in range(14))
            regels.append(f"BT /F1 9 Tf 40 {800 - regel * 12} Td ({tekst}) Tj ET")
        inhoud = "\n".join(regels).encode("latin-1")
        document.add_blank_page(page_size=(595, 842))
        pagina = document.pages[-1]
        pagina.Resources = pikepdf.Dictionary(Font=lettertype)
        pagina.Contents = document.make_stream(inhoud)
        totaal += len(inhoud)
    uit = io.BytesIO()
    document.save(uit, compress_streams=False)
    return uit.getvalue()


def database_klaarzetten(url: str) -> None:
    """A fresh database every run (migrations change; a small data set is made in seconds).
    Only a database whose name says it is for benchmarks is ever dropped."""
    basis, naam = url.rsplit("/", 1)
    if "bench" not in naam:
        raise SystemExit(f"Kies een database met 'bench' in de naam (deze wordt gewist): {naam}")
    with psycopg.connect(basis + "/postgres", autocommit=True) as verbinding:
        verbinding.execute(f'DROP DATABASE IF EXISTS "{naam}" WITH (FORCE)')
        verbinding.execute(f'CREATE DATABASE "{naam}"')


def manage(env: dict[str, str], *args: str) -> str:
    return subprocess.run(
        [str(PYTHON), "manage.py", *args],
        cwd=REPO,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    ).stdout


def tellen(url: str) -> dict[str, int]:
    """Rows that creations write, to tell what a run added."""
    tabellen = {
        "hulpvragen": "hulpvragen_hulpvraag",
        "bijlagen": "bijlagen_bijlage",
        "outbox-mails": "notificaties_bericht",
        "aanvragen": "koppelingen_aanvraag",
        "inzagelog": "audit_inzage",
    }
    with psycopg.connect(url) as verbinding:
        return {
            # Table names from the fixed list above, never from input.
            naam: int(verbinding.execute(f"SELECT count(*) FROM {tabel}").fetchone()[0])  # type: ignore[index]  # noqa: S608
            for naam, tabel in tabellen.items()
        }


def cpu_seconden(pids: list[int]) -> float:
    """User + system CPU time of these processes so far (Linux /proc)."""
    tik = os.sysconf("SC_CLK_TCK")
    totaal = 0
    for pid in pids:
        try:
            velden = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except FileNotFoundError:
            continue
        totaal += int(velden[11]) + int(velden[12])
    return totaal / tik


def gunicorn_workers(master: int) -> list[int]:
    return [int(p) for p in Path(f"/proc/{master}/task/{master}/children").read_text().split()]


def postgres_backends(url: str) -> list[int]:
    """The server processes of this database's connections (persistent: CONN_MAX_AGE)."""
    with psycopg.connect(url) as verbinding:
        rijen = verbinding.execute(
            "SELECT pid FROM pg_stat_activity WHERE datname = current_database() "
            "AND pid <> pg_backend_pid()"
        ).fetchall()
    return [int(r[0]) for r in rijen]


def vrije_poort() -> int:
    with socket.socket() as vrij:
        vrij.bind(("127.0.0.1", 0))
        return int(vrij.getsockname()[1])


class Esis:
    def __init__(self, basis: str, pdf_base64: str) -> None:
        self.basis = basis
        self.pdf_base64 = pdf_base64
        self.kopjes = {
            "Authorization": f"Bearer {DEMO_TOKEN}",
            "X-Verificatiecode": DEMO_VERIFICATIECODE,
            "X-Contactpersoon": DEMO_CONTACTPERSOON,
            "Accept": "application/json",
        }

    def verzoek(
        self, methode: str, pad: str, body: bytes | None = None, extra: dict[str, str] | None = None
    ) -> tuple[int, bytes]:
        kopjes = {**self.kopjes, **(extra or {})}
        if body is not None:
            kopjes.setdefault("Content-Type", "application/json")
        verzoek = urllib.request.Request(
            self.basis + pad, data=body, headers=kopjes, method=methode
        )
        try:
            with urllib.request.urlopen(verzoek, timeout=60) as antwoord:
                return int(antwoord.status), antwoord.read()
        except urllib.error.HTTPError as fout:
            return int(fout.code), fout.read()

    def aanvraag(self, nummer: int) -> bytes:
        """A sent Esis request for a new pupil, with the OPP (one 200 kB PDF)."""
        return json.dumps(
            {
                "leerling": {
                    "roepnaam": f"Bench{nummer}",
                    "achternaam": f"Intake{secrets.token_hex(3)}",
                    "geboortedatum": f"2016-{1 + nummer % 12:02d}-{1 + nummer % 28:02d}",
                    "ouder_emailadressen": ["ouders@example.nl"],
                    "adressen": [
                        {
                            "straat": "Molenstraat",
                            "huisnummer": 1 + nummer % 200,
                            "postcode": "3071AB",
                            "plaats": "Rotterdam",
                        }
                    ],
                },
                "groep": "5",
                "contactpersoon": {
                    "naam": "Ingrid Verhoef",
                    "email": DEMO_CONTACTPERSOON,
                    "telefoon": "010-1234567",
                    "functie": "IB'er",
                },
                "korte_omschrijving": TITEL,
                "zorgvraag": "Op het gebied van gedrag en werkhouding.",
                "opp_toevoegen": True,
                "bijlagen": [
                    {"bestandsnaam": "OPP301126.pdf", "inhoud": self.pdf_base64, "soort": "opp"}
                ],
                "verzenden": True,
            }
        ).encode()

    def aanmaken(self, nummer: int) -> tuple[int, bytes]:
        return self.verzoek(
            "POST",
            "/api/v1/aanvragen/",
            self.aanvraag(nummer),
            {"Idempotency-Key": f"bench-{secrets.token_hex(12)}"},
        )


class Parnassys(Esis):
    """ParnasSys through OSO: the school follows from the dossier; reading back names it."""

    def __init__(self, basis: str) -> None:
        super().__init__(basis, pdf_base64="")
        self.kopjes = {
            "Authorization": f"Bearer {PARNASSYS_TOKEN}",
            "X-School": PARNASSYS_SCHOOL,
            "X-Contactpersoon": DEMO_CONTACTPERSOON,
            "Accept": "application/json",
        }
        self.dossier = voorbeelden.voorbeeld("po_full")

    def aanmaken(self, nummer: int) -> tuple[int, bytes]:
        dossier = voorbeelden.andere_leerling(
            self.dossier,
            roepnaam=f"Bench{nummer}",
            achternaam=f"Intake{secrets.token_hex(3)}",
            geboortedatum=date(2016, 1 + nummer % 12, 1 + nummer % 28),
        )
        aanvraag = {
            "samenwerkingsverband": PARNASSYS_SWV,
            "aanvraagtype": TITEL,
            "datum": date.today().isoformat(),
            "omschrijving": "Op het gebied van gedrag en werkhouding.",
            "contactpersoon": {
                "naam": "Ingrid Verhoef",
                "email": DEMO_CONTACTPERSOON,
                "telefoon": "010-1234567",
                "functie": "IB'er",
            },
        }
        body, soort = oso_multipart(aanvraag, dossier)
        return self.verzoek(
            "POST",
            "/api/v1/oso/aanvragen/",
            body,
            {"Content-Type": soort, "Idempotency-Key": f"bench-{secrets.token_hex(12)}"},
        )


def percentiel(waarden: list[float], p: float) -> float:
    if not waarden:
        return float("nan")
    return statistics.quantiles(waarden, n=100, method="inclusive")[int(p) - 1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--kanaal", choices=["esis", "oso"], default="esis", help="Esis (JSON) of OSO (ParnasSys)"
    )
    parser.add_argument("--seconden", type=float, default=30.0, help="duur van de meting (30)")
    parser.add_argument("--clients", type=int, default=8, help="gelijktijdige aanmakers (8)")
    parser.add_argument("--lezers", type=int, default=2, help="gelijktijdige GET-lezers (2)")
    parser.add_argument("--workers", type=int, default=4, help="gunicorn-workers (4)")
    parser.add_argument(
        "--los", type=int, default=30, help="eerst één voor één: aantal van elk (30)"
    )
    parser.add_argument("--kb", type=int, default=200, help="grootte van de PDF in kB (200)")
    parser.add_argument(
        "--db-worker", action="store_true", help="ook een db_worker laten draaien (bezorgt mails)"
    )
    args = parser.parse_args()

    database = os.environ.get("DATABASE_URL", STANDAARD_DATABASE)
    if not database.startswith("postgres"):
        raise SystemExit("Deze meting hoort op PostgreSQL (DATABASE_URL=postgres://...).")
    database_klaarzetten(database)
    pdf = pdf_van(args.kb * 1000)
    pdf_base64 = base64.b64encode(pdf).decode()

    with tempfile.TemporaryDirectory(prefix="passend-intake-") as map_:
        env = {
            **os.environ,
            "DATABASE_URL": database,
            "DATABASE_CONN_MAX_AGE": "600",
            "PASSEND_VAR_DIR": map_,
            "DJANGO_DEBUG": "false",
        }
        env.pop("PASSEND_BIJLAGEN_S3_BUCKET", None)
        manage(env, "migrate", "--no-input")
        manage(env, "demo")
        manage(
            env,
            "shell",
            "-c",
            "from passend.koppelingen.models import ApiClient; "
            "ApiClient.objects.filter(naam__endswith='(demo)').update(max_per_minuut=10**9)",
        )
        poort = vrije_poort()
        processen = [
            subprocess.Popen(
                [
                    str(GUNICORN),
                    "passend.wsgi:application",
                    "-b",
                    f"127.0.0.1:{poort}",
                    "-w",
                    str(args.workers),
                    "--backlog",
                    "256",
                ],
                cwd=REPO,
                env=env,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
        ]
        if args.db_worker:
            processen.append(
                subprocess.Popen(
                    [str(PYTHON), "manage.py", "db_worker"],
                    cwd=REPO,
                    env=env,
                    stdout=subprocess.DEVNULL,
                    stderr=subprocess.DEVNULL,
                )
            )
        try:
            for _ in range(200):
                try:
                    socket.create_connection(("127.0.0.1", poort), timeout=1).close()
                    break
                except OSError:
                    time.sleep(0.1)
            basis = f"http://127.0.0.1:{poort}"
            esis = Parnassys(basis) if args.kanaal == "oso" else Esis(basis, pdf_base64)
            # Warm-up: every worker imports, connects and fills its per-process lists.
            status, body = esis.aanmaken(0)
            if status != 201:
                raise SystemExit(f"Aanmaken mislukt ({status}): {body[:500]!r}")
            doel = json.loads(body)["uuid"]
            for nummer in range(args.workers * 4):
                esis.aanmaken(nummer)
                esis.verzoek("GET", f"/api/v1/aanvragen/{doel}/")

            # One at a time first: what each costs without waiting for a worker.
            los_aanmaken, los_lezen = [], []
            for nummer in range(args.los):
                begin = time.perf_counter()
                status, body = esis.aanmaken(500 + nummer)
                los_aanmaken.append(time.perf_counter() - begin)
                begin = time.perf_counter()
                status_get, _ = esis.verzoek("GET", f"/api/v1/aanvragen/{doel}/")
                los_lezen.append(time.perf_counter() - begin)
                if (status, status_get) != (201, 200):
                    raise SystemExit(f"Eén voor één: {status} {status_get} {body[:300]!r}")

            voor = tellen(database)
            app_pids = gunicorn_workers(processen[0].pid)
            pg_pids = postgres_backends(database)
            cpu_voor = (cpu_seconden(app_pids), cpu_seconden(pg_pids), os.times())
            aanmaken: list[float] = []
            lezen: list[float] = []
            fouten: list[str] = []
            slot = threading.Lock()
            stop = time.perf_counter() + args.seconden
            teller = iter(range(1_000, 10**9))

            def aanmaker() -> None:
                while time.perf_counter() < stop:
                    with slot:
                        nummer = next(teller)
                    begin = time.perf_counter()
                    status, body = esis.aanmaken(nummer)
                    duur = time.perf_counter() - begin
                    with slot:
                        if status == 201:
                            aanmaken.append(duur)
                        else:
                            fouten.append(f"POST {status}: {body[:200]!r}")

            def lezer() -> None:
                while time.perf_counter() < stop:
                    begin = time.perf_counter()
                    status, body = esis.verzoek("GET", f"/api/v1/aanvragen/{doel}/")
                    duur = time.perf_counter() - begin
                    with slot:
                        if status == 200:
                            lezen.append(duur)
                        else:
                            fouten.append(f"GET {status}: {body[:200]!r}")

            draden = [threading.Thread(target=aanmaker) for _ in range(args.clients)]
            draden += [threading.Thread(target=lezer) for _ in range(args.lezers)]
            begin = time.perf_counter()
            for draad in draden:
                draad.start()
            for draad in draden:
                draad.join()
            duur = time.perf_counter() - begin
            cpu_na = (cpu_seconden(app_pids), cpu_seconden(pg_pids), os.times())
            na = tellen(database)
            belasting = os.getloadavg()
        finally:
            for proces in processen:
                proces.terminate()
            for proces in processen:
                proces.wait(timeout=30)

    per_seconde = len(aanmaken) / duur
    p95_aanmaken, p95_lezen = percentiel(aanmaken, 95), percentiel(lezen, 95)
    wat = (
        f"OSO-voorbeelddossier po_full ({len(voorbeelden.voorbeeld('po_full')) / 1000:.0f} kB)"
        if args.kanaal == "oso"
        else f"Esis, PDF {len(pdf) / 1000:.0f} kB"
    )
    print(
        f"Intake via de API: {wat}, {args.clients} aanmakers + "
        f"{args.lezers} lezers, {duur:.1f} s, gunicorn {args.workers} sync-workers, PostgreSQL"
        + (", met db_worker" if args.db_worker else "")
    )
    print(
        f"  aanmaken  {len(aanmaken):6d} x  {per_seconde:6.1f} per seconde   "
        f"p50 {percentiel(aanmaken, 50) * 1000:6.1f} ms  p95 {p95_aanmaken * 1000:6.1f} ms  "
        f"p99 {percentiel(aanmaken, 99) * 1000:6.1f} ms"
    )
    print(
        f"  GET één   {len(lezen):6d} x  {len(lezen) / duur:6.1f} per seconde   "
        f"p50 {percentiel(lezen, 50) * 1000:6.1f} ms  p95 {p95_lezen * 1000:6.1f} ms  "
        f"p99 {percentiel(lezen, 99) * 1000:6.1f} ms"
    )
    print(
        f"  één voor één ({args.los}x): aanmaken p50 {percentiel(los_aanmaken, 50) * 1000:.1f} ms "
        f"p95 {percentiel(los_aanmaken, 95) * 1000:.1f} ms;  GET p50 "
        f"{percentiel(los_lezen, 50) * 1000:.1f} ms p95 {percentiel(los_lezen, 95) * 1000:.1f} ms;"
        f"  p95-verhouding {percentiel(los_aanmaken, 95) / percentiel(los_lezen, 95):.2f}"
    )
    print(
        f"  p95 aanmaken / p95 GET = {p95_aanmaken / p95_lezen:.2f}   "
        f"(doel: ≤ 5);  aanmaken per seconde {per_seconde:.1f} (doel: ≥ 100)"
    )
    app_cpu, pg_cpu = cpu_na[0] - cpu_voor[0], cpu_na[1] - cpu_voor[1]
    client_cpu = (cpu_na[2].user + cpu_na[2].system) - (cpu_voor[2].user + cpu_voor[2].system)
    verzoeken = len(aanmaken) + len(lezen)
    print(
        f"  CPU in de meting: app {app_cpu:.1f} s, PostgreSQL {pg_cpu:.1f} s, deze client "
        f"{client_cpu:.1f} s van {2 * duur:.0f} core-seconden;  per verzoek app "
        f"{app_cpu / verzoeken * 1000:.0f} ms + PostgreSQL {pg_cpu / verzoeken * 1000:.0f} ms;  "
        f"load average na afloop {belasting[0]:.1f}"
    )
    verschil = {naam: na[naam] - voor[naam] for naam in na}
    print(
        "  geschreven: "
        + ", ".join(f"{naam} +{aantal}" for naam, aantal in verschil.items())
        + f";  fouten: {len(fouten)}"
    )
    for fout in fouten[:5]:
        print(f"    {fout}")


if __name__ == "__main__":
    main()

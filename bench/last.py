"""Load test: many users at once against gunicorn + db_worker + PostgreSQL (issue 20 item 1).

Serves Passend with gunicorn (as bench/overzicht.py: DEBUG off, persistent connections) and a
`db_worker` beside it on the data of `manage.py genereer_data`, and runs the users of
bench/last_locust.py headless with locust, for each number of concurrent users in turn. Then
waits for the outbox to drain and prints per kind of request the count, failures, p50, p95 and
slowest, and the p95 of each overview case against the floor page's p95 in the same run.

Targets (issue 20): 0 failures; the overview's p95 within 3x the floor's; no request slower than
2 s; the outbox empty within a minute of the end. See bench/README.md.
"""

import argparse
import csv
import json
import os
import subprocess
import sys
import time
from pathlib import Path

import psycopg

sys.path.insert(0, str(Path(__file__).resolve().parent))
from overzicht import ROOT, STANDAARD_DB, gunicorn_starten, vrije_poort

# Statuses of the process Algemeen: a school's open hulpvragen, and those SWV staff may move on.
OPEN = ("aanmelding", "doorzetten_scp", "doorzetten_deskundige", "dossier_incompleet")
WIJZIGBAAR = ("aanmelding", "doorzetten_scp", "doorzetten_deskundige")
TRAAG_MS = 2000
DRAINEN_BINNEN_S = 60


def keuzes(database_url: str, swvs: set[str]) -> dict[str, dict[str, object]]:
    """Per SWV the primary keys the users filter with: school 01 and the statuses above."""
    uitkomst: dict[str, dict[str, object]] = {}
    with psycopg.connect(database_url) as db:
        for code in sorted(swvs):
            statussen = dict(
                db.execute(
                    "SELECT s.code, s.id FROM processen_status s"
                    " JOIN processen_proces p ON p.id = s.proces_id"
                    " JOIN organisaties_samenwerkingsverband w ON w.id = p.swv_id"
                    " WHERE w.code = %s AND p.code = 'algemeen'",
                    (code,),
                ).fetchall()
            )
            school = db.execute(
                "SELECT o.id FROM organisaties_school o"
                " JOIN organisaties_samenwerkingsverband w ON w.id = o.swv_id"
                " WHERE w.code = %s ORDER BY o.code LIMIT 1",
                (code,),
            ).fetchone()
            if school is None or not statussen:
                raise SystemExit(f"{code}: geen school of proces Algemeen in de database")
            uitkomst[code] = {
                "school": school[0],
                "open": [statussen[c] for c in OPEN if c in statussen],
                "wijzigbaar": [statussen[c] for c in WIJZIGBAAR if c in statussen],
            }
    return uitkomst


def accounts_kiezen(alle: list[dict[str, str]], aantal: int) -> list[dict[str, str]]:
    """Enough IB'ers and SCPs for `aantal` users (2 : 1, locust's weights), each in its own SWV
    where possible, so no account logs in twice within one TOTP step."""
    ibers = [a for a in alle if a["rol"] == "intern_begeleider"]
    scps = [a for a in alle if a["rol"] == "schoolcontactpersoon"]
    nodig_scp = -(-aantal // 3)
    nodig_ib = aantal - nodig_scp + 1
    if len(ibers) < nodig_ib or len(scps) < nodig_scp:
        raise SystemExit(
            f"Te weinig accounts voor {aantal} gebruikers: genereer meer SWV's "
            f"(nodig {nodig_ib} IB'ers en {nodig_scp} SCP's, er zijn {len(ibers)} en {len(scps)})."
        )
    return ibers[:nodig_ib] + scps[:nodig_scp]


def wachtend(database_url: str) -> int:
    with psycopg.connect(database_url) as db:
        rij = db.execute(
            "SELECT count(*) FROM notificaties_bericht WHERE status = 'wachtend'"
        ).fetchone()
    return int(rij[0]) if rij else 0


def werker_starten(database_url: str) -> subprocess.Popen[bytes]:
    omgeving = {
        **os.environ,
        "DJANGO_ENV": "development",
        "DJANGO_DEBUG": "false",
        "DATABASE_URL": database_url,
    }
    return subprocess.Popen(
        [str(ROOT / ".venv/bin/python"), "manage.py", "db_worker"],
        cwd=ROOT,
        env=omgeving,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def ronde(
    *, poort: int, gebruikers: int, duur: str, gegevens: Path, uit: Path, database_url: str
) -> dict[str, object]:
    """One locust run; returns its rows and how long the outbox took to drain after it."""
    voorvoegsel = uit / f"last_{gebruikers}"
    statistiek = Path(f"{voorvoegsel}_stats.csv")
    statistiek.unlink(missing_ok=True)
    # Not check=True: locust exits with 1 when a request failed, which the report shows.
    subprocess.run(
        [
            str(ROOT / ".venv/bin/locust"),
            "-f",
            str(ROOT / "bench/last_locust.py"),
            "--headless",
            f"--users={gebruikers}",
            # One login a second: each costs a deliberately slow password hash.
            "--spawn-rate=1",
            f"--run-time={duur}",
            f"--host=http://127.0.0.1:{poort}",
            f"--csv={voorvoegsel}",
            "--only-summary",
            "--loglevel=WARNING",
        ],
        cwd=ROOT,
        env={**os.environ, "PASSEND_LAST_GEGEVENS": str(gegevens), "PYTHONPATH": str(ROOT)},
        check=False,
    )
    begin = time.monotonic()
    over = wachtend(database_url)
    while over and time.monotonic() - begin < 5 * DRAINEN_BINNEN_S:
        time.sleep(1)
        over = wachtend(database_url)
    gedraind = round(time.monotonic() - begin, 1) if not over else None
    if not statistiek.exists():
        raise SystemExit("locust schreef geen uitkomsten; zie zijn meldingen hierboven")
    rijen = []
    with statistiek.open(encoding="utf-8") as bestand:
        for rij in csv.DictReader(bestand):
            if rij["Name"] == "Aggregated":
                continue
            rijen.append(
                {
                    "naam": rij["Name"],
                    "n": int(rij["Request Count"]),
                    "fouten": int(rij["Failure Count"]),
                    "p50_ms": float(rij["50%"]),
                    "p95_ms": float(rij["95%"]),
                    "max_ms": round(float(rij["Max Response Time"]), 1),
                }
            )
    return {"gebruikers": gebruikers, "rijen": rijen, "outbox_leeg_na_s": gedraind}


def verslag(uitkomst: dict[str, object]) -> list[str]:
    """Prints one run and returns the targets it missed."""
    rijen: list[dict[str, object]] = uitkomst["rijen"]  # type: ignore[assignment]
    vloer = next(r for r in rijen if str(r["naam"]).startswith("vloer"))
    gebruikers = uitkomst["gebruikers"]
    print(f"\n{gebruikers} gelijktijdige gebruikers")
    gemist = []
    for r in sorted(rijen, key=lambda r: str(r["naam"])):
        ratio = float(r["p95_ms"]) / float(vloer["p95_ms"])  # type: ignore[arg-type]
        r["p95_ratio"] = round(ratio, 2)
        print(
            f"  {r['naam']:32} n={r['n']:<6} fouten={r['fouten']:<4} p50 {r['p50_ms']:7.0f} ms"
            f"  p95 {r['p95_ms']:7.0f} ms  max {r['max_ms']:7.0f} ms  p95/vloer {ratio:5.2f}"
        )
        if r["fouten"]:
            gemist.append(f"{gebruikers}: {r['naam']} had {r['fouten']} fouten")
        if float(r["max_ms"]) > TRAAG_MS:  # type: ignore[arg-type]
            gemist.append(f"{gebruikers}: {r['naam']} duurde eens {r['max_ms']} ms")
        if str(r["naam"]).startswith("overzicht") and gebruikers == 16 and ratio > 3:
            gemist.append(f"{gebruikers}: {r['naam']} p95 {ratio:.2f}x de vloer")
    leeg = uitkomst["outbox_leeg_na_s"]
    print(f"  outbox leeg {leeg} s na het einde" if leeg is not None else "  outbox niet leeg")
    if leeg is None or float(leeg) > DRAINEN_BINNEN_S:  # type: ignore[arg-type]
        gemist.append(f"{gebruikers}: outbox niet binnen {DRAINEN_BINNEN_S} s leeg")
    return gemist


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--database-url", default=os.environ.get("DATABASE_URL", STANDAARD_DB))
    parser.add_argument("--accounts", type=Path, default=ROOT / "var/bench_accounts.json")
    parser.add_argument("--gebruikers", type=int, nargs="+", default=[16, 50])
    parser.add_argument("--duur", default="10m", help="per ronde, in locust's notatie (10m, 90s)")
    parser.add_argument("--workers", type=int, default=2 * (os.cpu_count() or 1) + 1)
    parser.add_argument("--json", type=Path, help="schrijf de uitkomsten ook als JSON")
    args = parser.parse_args()

    uit = ROOT / "var"
    uit.mkdir(exist_ok=True)
    alle = json.loads(args.accounts.read_text())["accounts"]
    gekozen = accounts_kiezen(alle, max(args.gebruikers))
    gegevens = uit / "last_gegevens.json"
    gegevens.write_text(
        json.dumps(
            {
                "accounts": gekozen,
                "keuzes": keuzes(args.database_url, {a["organisatie"] for a in gekozen}),
            }
        )
    )
    poort = vrije_poort()
    # Returns once every worker has warmed itself up (deploy/gunicorn.conf.py).
    server = gunicorn_starten(args.database_url, poort, args.workers)
    werker = werker_starten(args.database_url)
    uitkomsten, gemist = [], []
    try:
        for aantal in args.gebruikers:
            uitkomst = ronde(
                poort=poort,
                gebruikers=aantal,
                duur=args.duur,
                gegevens=gegevens,
                uit=uit,
                database_url=args.database_url,
            )
            gemist += verslag(uitkomst)
            uitkomsten.append(uitkomst)
            # A TOTP code is accepted once: the next round's logins wait for a fresh step.
            time.sleep(31 - time.time() % 30)
    finally:
        for proces in (server, werker):
            proces.terminate()
            proces.wait(timeout=30)
    if args.json:
        args.json.write_text(json.dumps(uitkomsten, indent=2, ensure_ascii=False))
    print("\nDoelen: " + ("gehaald" if not gemist else "niet gehaald:\n  " + "\n  ".join(gemist)))


if __name__ == "__main__":
    main()

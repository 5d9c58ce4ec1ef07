"""Where the time of one API creation goes: cProfile and the queries of one creation of
bench/intake.py's request, in-process (Django's test client, same settings and database).

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/passend_api_bench \
        .venv/bin/python bench/intake_profiel.py [--keer 20] [--top 25]

Needs the database bench/intake.py prepared (migrated, demo loaded). See bench/README.md.
"""

import argparse
import base64
import cProfile
import io
import os
import pstats
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "bench"))


def soort_van(sql: str) -> str:
    """SELECT/INSERT/... and the first table the statement names."""
    woorden = sql.split()
    for sleutel in ("FROM", "INTO", "UPDATE"):
        if sleutel in woorden[:-1]:
            tabel = woorden[woorden.index(sleutel) + 1].strip(chr(34))
            return f"{woorden[0]} {tabel}"
    return woorden[0]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--keer", type=int, default=20, help="aantal creaties om te meten (20)")
    parser.add_argument("--top", type=int, default=25, help="regels van het profiel (25)")
    args = parser.parse_args()
    os.environ.setdefault("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/passend_api_bench")
    os.environ.setdefault("DJANGO_DEBUG", "false")
    os.environ["PASSEND_VAR_DIR"] = tempfile.mkdtemp(prefix="passend-intake-profiel-")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "passend.settings")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from intake import Esis, pdf_van
    from rest_framework.test import APIClient

    from passend.koppelingen.models import ApiClient

    # The verification code is kept as an HMAC under this run's SECRET_KEY: register it again.
    call_command("demo", stdout=io.StringIO())
    ApiClient.objects.filter(naam="Esis (demo)").update(max_per_minuut=10**9)
    esis = Esis("", base64.b64encode(pdf_van(200_000)).decode())
    http = APIClient(SERVER_NAME="127.0.0.1")
    kopjes = {f"HTTP_{k.upper().replace('-', '_')}": v for k, v in esis.kopjes.items()}

    def aanmaken(nummer: int) -> None:
        antwoord = http.generic(
            "POST",
            "/api/v1/aanvragen/",
            esis.aanvraag(nummer),
            content_type="application/json",
            HTTP_IDEMPOTENCY_KEY=f"profiel-{nummer}-{time.time_ns()}",
            **kopjes,
        )
        if antwoord.status_code != 201:
            raise SystemExit(f"Aanmaken mislukt: {antwoord.content[:300]!r}")

    aanmaken(0)  # warm-up: imports, per-process lists
    with CaptureQueriesContext(connection) as vragen:
        aanmaken(1)
    soorten = Counter(soort_van(q["sql"]) for q in vragen.captured_queries)
    print(f"Queries voor één creatie: {len(vragen.captured_queries)}")
    if os.environ.get("TOON_SQL"):
        for q in vragen.captured_queries:
            print("   ", q["time"], q["sql"][:400])
    for soort, aantal in soorten.most_common():
        print(f"  {aantal:3d}  {soort}")

    tijden = []
    profiel = cProfile.Profile()
    for nummer in range(2, 2 + args.keer):
        begin = time.perf_counter()
        profiel.enable()
        aanmaken(nummer)
        profiel.disable()
        tijden.append(time.perf_counter() - begin)
    tijden.sort()
    print(
        f"\n{args.keer} creaties in-process: mediaan {tijden[len(tijden) // 2] * 1000:.1f} ms, "
        f"snelste {tijden[0] * 1000:.1f} ms"
    )
    statistieken = pstats.Stats(profiel)
    statistieken.sort_stats("cumulative").print_stats(args.top)
    # Passend's own functions only: which step of the intake costs what.
    statistieken.sort_stats("cumulative").print_stats(r"passend/", args.top)
    statistieken.sort_stats("tottime").print_stats(args.top)


if __name__ == "__main__":
    main()

"""Issue 20 item 6 (BIO 8.13.04): a back-up is proven by a restore. `make herstel-controle`
backs up a populated instance with ops/backup.sh, restores it with ops/herstel.sh into a fresh
database and folder, and checks that every hulpvraag, status-history row, access-log row and
file (by SHA-256) came back. Runs in the PostgreSQL pass (pg_dump and pg_restore)."""

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[3]


def test_herstel_uit_een_backup_brengt_alles_terug() -> None:
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith("postgres"):
        pytest.skip(
            "De herstelcontrole gebruikt pg_dump en pg_restore: draait in de PostgreSQL-run."
        )
    klaar = subprocess.run(  # noqa: S603
        [sys.executable, "ops/herstel_controle.py", "--database-url", url],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
    )
    assert klaar.returncode == 0, klaar.stdout + klaar.stderr[-3000:]
    uitvoer = klaar.stdout
    for regel in ("hulpvragen:", "statushistorie:", "inzagelog:", "bijlagen:"):
        assert regel in uitvoer and "ANDERS" not in uitvoer
    # Every file the demo has (its attachments: the number grows with the demo) came back.
    rijen = re.search(r"bijlagen: (\d+) rijen, gelijk", uitvoer)
    bestanden = re.search(r"bestanden: (\d+) van (\d+) met de juiste SHA-256", uitvoer)
    assert rijen and bestanden, uitvoer
    assert int(rijen[1]) > 0 and bestanden[1] == bestanden[2] == rijen[1], uitvoer
    assert "Herstel bewezen" in uitvoer

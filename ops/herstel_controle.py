"""Proves a back-up by restoring it (issue 20 item 6, BIO 8.13.04): a populated Passend on a
fresh PostgreSQL database and attachments folder, backed up with ops/backup.sh, restored with
ops/herstel.sh into another fresh database and folder, and compared: every hulpvraag, every
status-history row, every access-log row and every file (by SHA-256) must come back.

    python ops/herstel_controle.py [--database-url postgres://postgres@127.0.0.1:5432/postgres]
                                   [--hulpvragen N]

Without --hulpvragen it uses the demo data (plus attachments); with it, `genereer_data` makes
that many hulpvragen for a restore time at scale. Prints the back-up and restore times."""

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

import psycopg

REPO = Path(__file__).resolve().parents[1]

BIJLAGEN_TOEVOEGEN = """
import tempfile
from pathlib import Path
import pikepdf
from passend.accounts.models import Gebruiker
from passend.bijlagen.services import bestand_aanbieden
from passend.hulpvragen.models import Hulpvraag
for nummer, hulpvraag in enumerate(Hulpvraag.objects.order_by("pk")[:5]):
    door = hulpvraag.aangemaakt_door
    with tempfile.TemporaryDirectory() as map:
        pad = Path(map) / "bestand.pdf"
        pdf = pikepdf.new()
        pdf.add_blank_page()
        pdf.docinfo["/Title"] = f"Verslag {nummer}"
        pdf.save(pad)
        bestand_aanbieden(
            hulpvraag=hulpvraag, pad=pad, bestandsnaam=f"Verslag{nummer}.pdf", door=door,
            waarschuwen=False,
        )
"""

# What must come back, as one JSON object: per table a count and a SHA-256 over the rows in id
# order; per attachment row whether its stored file has the row's SHA-256.
AFDRUK = """
import hashlib, json
from passend.audit.models import Inzage
from passend.bijlagen.models import Bijlage
from passend.bijlagen.opslag import bestand_openen
from passend.hulpvragen.models import Hulpvraag, Statuswijziging

def afdruk(rijen):
    rijen = [list(map(str, rij)) for rij in rijen]
    return {"aantal": len(rijen), "sha256": hashlib.sha256(json.dumps(rijen).encode()).hexdigest()}

def bestand_klopt(bijlage):
    inhoud = hashlib.sha256()
    with bestand_openen(bijlage.opslagnaam) as bestand:
        for blok in iter(lambda: bestand.read(1 << 20), b""):
            inhoud.update(blok)
    return inhoud.hexdigest() == bijlage.sha256

bijlagen = list(Bijlage.objects.order_by("pk"))
print(json.dumps({
    "hulpvragen": afdruk(Hulpvraag.objects.order_by("pk").values_list(
        "pk", "uuid", "referentie", "status_id", "status_sinds", "omschrijving")),
    "statushistorie": afdruk(Statuswijziging.objects.order_by("pk").values_list(
        "pk", "hulpvraag_id", "van_id", "naar_id", "op", "reden")),
    "inzagelog": afdruk(Inzage.objects.order_by("pk").values_list(
        "pk", "tijd", "gebruiker_id", "gebeurtenis", "object_id", "leerling_id")),
    "bijlagen": afdruk((b.pk, b.sha256, b.opslagnaam) for b in bijlagen),
    "bestanden_kloppen": sum(bestand_klopt(b) for b in bijlagen),
}))
"""


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument(
        "--database-url",
        default=os.environ.get("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/postgres"),
        help="Any database on the PostgreSQL server; two fresh ones are made beside it.",
    )
    parser.add_argument("--hulpvragen", type=int, default=0)
    args = parser.parse_args()
    server = args.database_url.rsplit("/", 1)[0]
    achtervoegsel = uuid.uuid4().hex[:8]
    bron_db, doel_db = (
        f"passend_herstel_bron_{achtervoegsel}",
        f"passend_herstel_doel_{achtervoegsel}",
    )
    map = Path(tempfile.mkdtemp(prefix="passend-herstel-"))
    basis = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("DJANGO_", "DATABASE_", "PASSEND_", "EMAIL_", "CLAMD_"))
    } | {"PASSEND_VAR_DIR": str(map / "var"), "PYTHON": sys.executable}
    bron = basis | {
        "DATABASE_URL": f"{server}/{bron_db}",
        "PASSEND_BIJLAGEN_MAP": str(map / "bijlagen-bron"),
    }
    doel = basis | {
        "DATABASE_URL": f"{server}/{doel_db}",
        "PASSEND_BIJLAGEN_MAP": str(map / "bijlagen-doel"),
    }

    def draai(omgeving: dict[str, str], *opdracht: str) -> str:
        klaar = subprocess.run(  # noqa: S603
            list(opdracht), cwd=REPO, env=omgeving, capture_output=True, text=True, check=False
        )
        if klaar.returncode != 0:
            raise SystemExit(f"{' '.join(opdracht[:3])} mislukte:\n{klaar.stderr[-3000:]}")
        return klaar.stdout

    def manage(omgeving: dict[str, str], *opdracht: str) -> str:
        return draai(omgeving, sys.executable, "manage.py", *opdracht)

    with psycopg.connect(f"{server}/postgres", autocommit=True) as beheer:
        beheer.execute(f'CREATE DATABASE "{bron_db}"')
        beheer.execute(f'CREATE DATABASE "{doel_db}"')
    try:
        manage(bron, "migrate", "--no-input")
        if args.hulpvragen:
            manage(
                bron, "genereer_data", "--swvs", "1", "--hulpvragen-per-swv", str(args.hulpvragen)
            )
        else:
            manage(bron, "demo")
        manage(bron, "shell", "-c", BIJLAGEN_TOEVOEGEN)
        voor = json.loads(manage(bron, "shell", "-c", AFDRUK).splitlines()[-1])

        begin = time.monotonic()
        draai(bron, "sh", "ops/backup.sh", str(map / "backup"))
        backup_tijd = time.monotonic() - begin
        begin = time.monotonic()
        draai(doel, "sh", "ops/herstel.sh", str(map / "backup"))
        herstel_tijd = time.monotonic() - begin
        na = json.loads(manage(doel, "shell", "-c", AFDRUK).splitlines()[-1])

        regels = [
            f"{naam}: {voor[naam]['aantal']} rijen, "
            + ("gelijk" if voor[naam] == na[naam] else "ANDERS")
            for naam in ("hulpvragen", "statushistorie", "inzagelog", "bijlagen")
        ]
        regels.append(
            f"bestanden: {na['bestanden_kloppen']} van {na['bijlagen']['aantal']} "
            "met de juiste SHA-256"
        )
        print("\n".join(regels))
        print(f"back-up {backup_tijd:.1f} s, herstel {herstel_tijd:.1f} s")
        goed = voor == na and na["bestanden_kloppen"] == na["bijlagen"]["aantal"] > 0
        print("Herstel bewezen: alles kwam terug." if goed else "HERSTEL ONVOLLEDIG")
        return 0 if goed else 1
    finally:
        with psycopg.connect(f"{server}/postgres", autocommit=True) as beheer:
            for naam in (bron_db, doel_db):
                beheer.execute(f'DROP DATABASE IF EXISTS "{naam}" WITH (FORCE)')
        shutil.rmtree(map, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())

"""Throughput of a 10 MB attachment through the app, against a plain file copy on the same
machine, and the memory of the web worker while it serves downloads (the download must stream).

    .venv/bin/python bench/bijlagen_doorvoer.py [--mb 10] [--keer 5]

Builds a fresh installation in a temporary folder (SQLite, or DATABASE_URL when set), loads the
demo, serves it with gunicorn (one sync worker) on loopback, logs in with both factors as the
demo IB'er hschaap, uploads the file `--keer` times to the demo hulpvraag and downloads each
copy again. See bench/README.md.
"""

import argparse
import http.cookiejar
import json
import os
import re
import secrets
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from base64 import b32decode
from pathlib import Path

from django_otp.oath import totp

REPO = Path(__file__).resolve().parent.parent
PYTHON = Path(sys.executable)
GUNICORN = PYTHON.parent / "gunicorn"
BLOK = 64 * 1024


def vrije_poort() -> int:
    with socket.socket() as vrij:
        vrij.bind(("127.0.0.1", 0))
        return int(vrij.getsockname()[1])


def manage(env: dict[str, str], *args: str) -> str:
    return subprocess.run(
        [str(PYTHON), "manage.py", *args],
        cwd=REPO,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    ).stdout


def rss_kb(pid: int) -> int:
    for regel in Path(f"/proc/{pid}/status").read_text().splitlines():
        if regel.startswith("VmRSS:"):
            return int(regel.split()[1])
    raise RuntimeError("geen VmRSS")


def worker_pid(master: int) -> int:
    kinderen = Path(f"/proc/{master}/task/{master}/children").read_text().split()
    return int(kinderen[0])


class Sessie:
    def __init__(self, basis: str) -> None:
        self.basis = basis
        self.koekjes = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.koekjes))

    def csrf(self) -> str:
        return next(str(k.value) for k in self.koekjes if k.name == "csrftoken")

    def get(self, pad: str) -> str:
        with self.opener.open(self.basis + pad) as antwoord:
            return str(antwoord.read().decode())

    def post(
        self, pad: str, data: bytes, content_type: str, extra: dict[str, str] | None = None
    ) -> int:
        verzoek = urllib.request.Request(
            self.basis + pad,
            data=data,
            headers={"Content-Type": content_type, **(extra or {})},
            method="POST",
        )
        with self.opener.open(verzoek) as antwoord:
            antwoord.read()
            return int(antwoord.status)

    def downloaden(self, pad: str) -> int:
        gelezen = 0
        with self.opener.open(self.basis + pad) as antwoord:
            while blok := antwoord.read(BLOK):
                gelezen += len(blok)
        return gelezen


def inloggen(sessie: Sessie, account: dict[str, str]) -> None:
    sessie.get("/aanmelden/")
    code = f"{totp(b32decode(''.join(account['totp_secret'].split()))):06d}"
    velden = {
        "csrfmiddlewaretoken": sessie.csrf(),
        "organisatie": "PO2806",
        "gebruikersnaam": account["gebruikersnaam"],
        "wachtwoord": account["wachtwoord"],
        "code": code,
    }
    sessie.post(
        "/aanmelden/",
        urllib.parse.urlencode(velden).encode(),
        "application/x-www-form-urlencoded",
    )
    if "Welkom" not in sessie.get("/"):
        raise SystemExit("Aanmelden mislukt.")


def multipart(csrf: str, naam: str, inhoud: bytes) -> tuple[bytes, str]:
    grens = "----passend" + secrets.token_hex(8)
    kop = (
        f'--{grens}\r\nContent-Disposition: form-data; name="csrfmiddlewaretoken"\r\n\r\n'
        f"{csrf}\r\n--{grens}\r\n"
        # The kind of document: without it the file waits for that answer (issue 12).
        f'Content-Disposition: form-data; name="documenttype"\r\n\r\nverslag\r\n--{grens}\r\n'
        f'Content-Disposition: form-data; name="bestanden"; filename="{naam}"\r\n'
        "Content-Type: text/plain\r\n\r\n"
    ).encode()
    return kop + inhoud + f"\r\n--{grens}--\r\n".encode(), f"multipart/form-data; boundary={grens}"


def tekstbestand(grootte: int) -> bytes:
    """Plain text of `grootte` bytes, different every time (the duplicate check would refuse
    the same content twice)."""
    regel = (secrets.token_hex(49) + "\n").encode()
    herhaald = regel * (grootte // len(regel) + 1)
    return (secrets.token_hex(16) + "\n").encode() + herhaald[: grootte - 33]


def mb_per_s(grootte: int, seconden: float) -> float:
    return grootte / (1024 * 1024) / seconden


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=10.0, help="bestandsgrootte in MB (10)")
    parser.add_argument("--keer", type=int, default=5, help="aantal uploads en downloads (5)")
    args = parser.parse_args()
    # Just under the SWV's 10 MB limit: a file of 10 MB that is accepted.
    grootte = int(args.mb * 1_000_000)

    with tempfile.TemporaryDirectory(prefix="passend-bench-") as map:
        env = {
            **os.environ,
            "PASSEND_VAR_DIR": map,
            "DJANGO_DEBUG": "false",
            # As in production: a worker keeps its database connection (settings.py).
            "DATABASE_CONN_MAX_AGE": "60",
        }
        env.pop("PASSEND_BIJLAGEN_S3_BUCKET", None)
        manage(env, "migrate", "--no-input")
        accounts = json.loads(manage(env, "demo", "--json"))["accounts"]
        ib = next(a for a in accounts if a["gebruikersnaam"] == "hschaap")
        referentie = manage(
            env,
            "shell",
            "-c",
            "from passend.hulpvragen.models import Hulpvraag; "
            "print(Hulpvraag.objects.get(leerling__achternaam='Fortes Monteiro').referentie)",
        ).split()[-1]

        poort = vrije_poort()
        gunicorn = subprocess.Popen(
            [str(GUNICORN), "passend.wsgi:application", "-b", f"127.0.0.1:{poort}", "-w", "1"],
            cwd=REPO,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            for _ in range(100):
                try:
                    socket.create_connection(("127.0.0.1", poort), timeout=1).close()
                    break
                except OSError:
                    time.sleep(0.1)
            sessie = Sessie(f"http://127.0.0.1:{poort}")
            inloggen(sessie, ib)
            lijst = f"/hulpvragen/{referentie}/bijlagen/"
            sessie.get(lijst + "toevoegen/")

            # The copy is timed right before each upload, so both see the same load on a
            # shared machine: the ratio is compared, not the absolute times.
            bron = Path(map) / "bron.bin"
            bron.write_bytes(tekstbestand(grootte))
            shutil.copyfile(bron, Path(map) / "kopie.bin")  # warm-up: page cache
            worker = worker_pid(gunicorn.pid)
            rss_upload_voor = rss_kb(worker)
            uploads = []
            kopieen = []
            for nummer in range(args.keer):
                inhoud = tekstbestand(grootte)
                body, soort = multipart(sessie.csrf(), f"Verslag deel {nummer + 1}.txt", inhoud)
                begin = time.perf_counter()
                shutil.copyfile(bron, Path(map) / f"kopie{nummer}.bin")
                kopieen.append(time.perf_counter() - begin)
                begin = time.perf_counter()
                status = sessie.post(lijst + "toevoegen/", body, soort, {"X-Passend-Upload": "1"})
                uploads.append(time.perf_counter() - begin)
                if status != 204:
                    raise SystemExit(f"Upload {nummer + 1} niet geaccepteerd ({status}).")
                if nummer == 0:
                    # What a worker keeps once (malloc's heap, imports); flat means no more after.
                    rss_na_eerste = rss_kb(worker)
            rss_upload_na = rss_kb(worker)

            paden = sorted(set(re.findall(r'href="([^"]+/downloaden/)"', sessie.get(lijst))))
            if len(paden) != args.keer:
                raise SystemExit(f"{len(paden)} bijlagen in de lijst, verwacht {args.keer}.")
            sessie.downloaden(paden[0])  # warm-up: imports, connection, first allocation
            rss_voor = rss_kb(worker)
            downloads = []
            rss_pieken = []
            for pad in paden * 2:
                begin = time.perf_counter()
                gelezen = sessie.downloaden(pad)
                downloads.append(time.perf_counter() - begin)
                rss_pieken.append(rss_kb(worker))
                if gelezen != grootte:
                    raise SystemExit(f"Download {pad}: {gelezen} bytes, verwacht {grootte}.")
            rss_na = rss_kb(worker)
        finally:
            gunicorn.terminate()
            gunicorn.wait(timeout=30)

    database = "PostgreSQL" if os.environ.get("DATABASE_URL") else "SQLite"
    kopie = statistics.median(kopieen)
    upload = statistics.median(uploads)
    download = statistics.median(downloads)
    print(f"Bestand {grootte / 1_000_000:.1f} MB, {args.keer}x, gunicorn 1 worker, {database}")
    print(
        f"  bestandskopie   {mb_per_s(grootte, kopie):8.1f} MB/s  (mediaan {kopie * 1000:.1f} ms)"
    )
    print(
        f"  upload via app  {mb_per_s(grootte, upload):8.1f} MB/s  (mediaan {upload * 1000:.1f} ms)"
        f"  = {upload / kopie:.1f}x de kopieertijd"
    )
    print(
        f"  download        {mb_per_s(grootte, download):8.1f} MB/s  "
        f"(mediaan {download * 1000:.1f} ms)  = {download / kopie:.1f}x de kopieertijd"
    )
    print(
        f"  worker-RSS      voor de uploads {rss_upload_voor / 1024:.1f} MB, "
        f"na de eerste {rss_na_eerste / 1024:.1f} MB, "
        f"na {args.keer} uploads {rss_upload_na / 1024:.1f} MB "
        f"(verschil na de eerste {(rss_upload_na - rss_na_eerste) / 1024:+.1f} MB)"
    )
    print(
        f"  worker-RSS      voor {rss_voor / 1024:.1f} MB, hoogst {max(rss_pieken) / 1024:.1f} MB, "
        f"na {len(downloads)} downloads {rss_na / 1024:.1f} MB "
        f"(verschil {(rss_na - rss_voor) / 1024:+.1f} MB)"
    )


if __name__ == "__main__":
    main()

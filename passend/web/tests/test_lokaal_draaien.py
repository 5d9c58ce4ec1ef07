"""Issue 18.8: `make run` on any port, reading as production does. The commands are taken from
`make -n run` (what make would run), then run for real: the server on a free port, on its own
SQLite database in a temporary folder."""

import json
import os
import shlex
import subprocess
import sys
import urllib.error
import urllib.request
from pathlib import Path

from django.conf import settings

from passend.conftest import vrije_poort

REPO = Path(settings.BASE_DIR)


def _make_run(poort: int) -> dict[str, tuple[dict[str, str], list[str]]]:
    """The environment and arguments make would give db_worker and runserver."""
    uit = subprocess.run(  # noqa: S603
        ["make", "-n", "run", f"PORT={poort}"],  # noqa: S607 (make from PATH, as a user runs it)
        cwd=REPO,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    commando: dict[str, tuple[dict[str, str], list[str]]] = {}
    for regel in uit.splitlines():
        woorden = shlex.split(regel.strip().rstrip("\\").rstrip().rstrip("&"))
        for naam in ("db_worker", "runserver"):
            if naam in woorden:
                # NAAM=waarde ... before the program, as the shell reads it.
                eerste = next(i for i, woord in enumerate(woorden) if "=" not in woord)
                omgeving = dict(woord.split("=", 1) for woord in woorden[:eerste])
                commando[naam] = (omgeving, woorden[eerste:])
    return commando


def test_i18_make_run_takes_a_port_and_mail_links_follow_it():
    commando = _make_run(8123)
    for naam in ("db_worker", "runserver"):
        omgeving, _argumenten = commando[naam]
        assert omgeving["PASSEND_BASIS_URL"] == "http://127.0.0.1:8123", naam
        assert omgeving["DJANGO_DEBUG"] == "false", naam
    assert commando["runserver"][1][-1] == "127.0.0.1:8123"
    readme = (REPO / "README.md").read_text()
    assert "make run PORT=8123" in readme


def _ophalen(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=30) as antwoord:  # noqa: S310 (loopback)
            return antwoord.status, antwoord.read().decode()
    except urllib.error.HTTPError as fout:
        return fout.code, fout.read().decode()


def test_i18_the_local_run_shows_dutch_error_pages_the_mailbox_and_logs_each_line_once(tmp_path):
    poort = vrije_poort()
    lokaal, argumenten = _make_run(poort)["runserver"]
    omgeving = {
        k: v for k, v in os.environ.items() if not k.startswith(("DATABASE_", "DJANGO_", "EMAIL_"))
    }
    omgeving.update(lokaal, PASSEND_VAR_DIR=str(tmp_path), PYTHONUNBUFFERED="1")
    python = [sys.executable, "manage.py"]
    subprocess.run(  # noqa: S603
        [*python, "migrate", "--no-input"], cwd=REPO, env=omgeving, check=True, capture_output=True
    )
    server = subprocess.Popen(  # noqa: S603
        [*python, *argumenten[argumenten.index("manage.py") + 1 :], "--noreload"],
        cwd=REPO,
        env=omgeving,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert server.stdout is not None
        for regel in server.stdout:  # waits for the server to say it listens
            if "Quit the server" in regel:
                break
        basis = f"http://127.0.0.1:{poort}"
        status, pagina = _ophalen(f"{basis}/bestaat-niet/")
        assert status == 404
        assert "Pagina niet gevonden" in pagina and '<html lang="nl">' in pagina
        assert "Django" not in pagina and "URLconf" not in pagina  # not the technical page
        status, _pagina = _ophalen(f"{basis}/static/web/passend.css")
        assert status == 200  # static files served without DEBUG
        status, pagina = _ophalen(f"{basis}/lokale-mailbox/")
        assert status == 200 and "Lokale mailbox" in pagina
    finally:
        server.terminate()
        _uit, fouten = server.communicate(timeout=30)
    regels = [r for r in fouten.splitlines() if "/bestaat-niet/" in r]
    assert len(regels) == 1, fouten
    assert json.loads(regels[0])["logger"] == "django.server"


def test_i18_each_log_line_is_printed_once_also_with_debug(tmp_path):
    """Django's default "django" console handler printed every django.* line a second time,
    in plain text, beside the JSON line."""
    script = (
        "import logging, django; django.setup(); "
        "logging.getLogger('django.request').error('proefregel-verzoek'); "
        "logging.getLogger('django.server').info('proefregel-server'); "
        "logging.getLogger('passend').warning('proefregel-passend')"
    )
    omgeving = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    for debug in ("true", "false"):
        omgeving.update(
            DJANGO_DEBUG=debug,
            DJANGO_SETTINGS_MODULE="passend.settings",
            PASSEND_VAR_DIR=str(tmp_path),
        )
        fouten = subprocess.run(  # noqa: S603
            [sys.executable, "-c", script],
            cwd=REPO,
            env=omgeving,
            capture_output=True,
            text=True,
            check=True,
        ).stderr
        for teken in ("proefregel-verzoek", "proefregel-server", "proefregel-passend"):
            regels = [r for r in fouten.splitlines() if teken in r]
            assert len(regels) == 1, (debug, teken, fouten)
            assert json.loads(regels[0])["bericht"] == teken

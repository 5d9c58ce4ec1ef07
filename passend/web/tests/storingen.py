"""Helpers for the fault scenarios of issue 20 item 5 (test_storingen.py): a throwaway
PostgreSQL cluster of the test's own (never the shared server), an SMTP server that stalls in
the middle of a delivery, and the environment that runs Passend as a separate process.

They start real servers; nothing of Passend is replaced."""

import asyncio
import glob
import os
import pwd
import shutil
import subprocess
import tempfile
import threading
from email import message_from_bytes, policy
from email.message import EmailMessage
from pathlib import Path
from typing import Any

import pytest

from passend.conftest import vrije_poort

REPO = Path(__file__).resolve().parents[3]


def passend_omgeving(**extra: str) -> dict[str, str]:
    """The environment of a Passend process started by a test: this one's, without any
    Passend, Django, database or mail setting of the caller, plus `extra`."""
    return {
        **{
            k: v
            for k, v in os.environ.items()
            if not k.startswith(("DJANGO_", "DATABASE_", "PASSEND_", "EMAIL_", "CLAMD_"))
        },
        **extra,
    }


class EigenPostgres:
    """A PostgreSQL cluster in a temporary folder on a free port, for a test that stops and
    restarts the database server: the shared server on 5432 serves other people's tests and is
    never touched. As root, initdb refuses to run, so the cluster belongs to the `postgres`
    system user (run through runuser)."""

    def __init__(self) -> None:
        kandidaten = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
        if not kandidaten:
            pytest.skip("initdb ontbreekt (Debian: postgresql): geen eigen PostgreSQL-cluster.")
        self.bin = Path(kandidaten[-1]).parent
        self.als: list[str] = []
        eigenaar = None
        if os.geteuid() == 0:
            try:
                eigenaar = pwd.getpwnam("postgres")
            except KeyError:
                pytest.skip("Als root draait initdb alleen als de systeemgebruiker postgres.")
            runuser = shutil.which("runuser")
            if runuser is None:
                pytest.skip("runuser ontbreekt: initdb kan niet als postgres draaien.")
            self.als = [runuser, "-u", "postgres", "--"]
        # Under /tmp, not pytest's tmp_path: that is private to root, and the server runs as
        # postgres.
        self.map = Path(tempfile.mkdtemp(prefix="passend-pg-"))
        if eigenaar is not None:
            os.chown(self.map, eigenaar.pw_uid, eigenaar.pw_gid)
        self.poort = vrije_poort()
        self.log = self.map / "postgres.log"
        self.opties = (
            f"-p {self.poort} -k {self.map} -c listen_addresses=127.0.0.1 -c fsync=off "
            "-c full_page_writes=off"
        )
        self._uitvoeren(
            "initdb",
            *("-D", str(self.map / "data"), "-A", "trust", "-U", "postgres"),
            *("--no-sync", "-E", "UTF8", "--locale=C.UTF-8"),
        )

    def url(self, database: str = "postgres") -> str:
        return f"postgres://postgres@127.0.0.1:{self.poort}/{database}"

    def _uitvoeren(self, programma: str, *args: str) -> None:
        klaar = subprocess.run(  # noqa: S603
            [*self.als, str(self.bin / programma), *args],
            capture_output=True,
            text=True,
            timeout=120,
            cwd=self.map,
        )
        if klaar.returncode != 0:
            pytest.fail(f"{programma}: {klaar.stdout[-2000:]}{klaar.stderr[-2000:]}")

    def pg_ctl(self, actie: str, *args: str) -> None:
        """`start`, `stop` or `restart`; waits until the server is up or down (-w)."""
        data = str(self.map / "data")
        self._uitvoeren(
            "pg_ctl", actie, "-D", data, "-w", "-t", "60", "-l", str(self.log), "-o", self.opties,
            *args,
        )  # fmt: skip

    def opruimen(self) -> None:
        if (self.map / "data" / "postmaster.pid").exists():
            self.pg_ctl("stop", "-m", "immediate")
        shutil.rmtree(self.map, ignore_errors=True)


def database_kopieren(van: str, naar: str) -> None:
    """Schema and rows of database `van` into the empty database `naar` (pg_dump | pg_restore):
    the migrated test database copied in a few seconds, where `migrate` takes half a minute."""
    bin_map = sorted(glob.glob("/usr/lib/postgresql/*/bin"))[-1]
    dump = subprocess.run(  # noqa: S603
        [f"{bin_map}/pg_dump", "--format=custom", "--no-owner", "--no-privileges", van],
        capture_output=True,
        timeout=120,
        check=True,
    )
    terug = subprocess.run(  # noqa: S603
        [f"{bin_map}/pg_restore", "--no-owner", "--no-privileges", "--exit-on-error", "-d", naar],
        input=dump.stdout,
        capture_output=True,
        timeout=120,
    )
    if terug.returncode != 0:
        pytest.fail(f"pg_restore: {terug.stderr[-2000:]!r}")


class StilvallendeSmtpServer:
    """An SMTP server on loopback (aiosmtpd) that holds the first mail it receives: the whole
    message has arrived (DATA), but the answer waits until the test says `doorlaten()`. The
    sender meanwhile waits for that answer, as a worker does when the mail server stalls.

    `bewaart_onbeantwoord`: whether the server keeps a mail whose sender went away before it
    could answer. Real servers do both (RFC 1047): a mail server that kept it makes the repeat a
    duplicate; one that dropped it makes the repeat the only copy."""

    def __init__(self, *, bewaart_onbeantwoord: bool) -> None:
        self.port = vrije_poort()
        self.berichten: list[tuple[list[str], EmailMessage]] = []
        self.vastgehouden = threading.Event()  # the first mail has arrived and is held
        self._doorlaten = threading.Event()
        self._eerste = True
        server = self

        class Ontvanger:
            async def handle_DATA(self, smtp, session, envelope):  # type: ignore[no-untyped-def]
                bericht = (
                    list(envelope.rcpt_tos),
                    message_from_bytes(envelope.content, policy=policy.default),
                )
                if not server._eerste:
                    server.berichten.append(bericht)  # type: ignore[arg-type]
                    return "250 OK"
                server._eerste = False
                if bewaart_onbeantwoord:
                    # Queued before answering, as Postfix writes its queue file first.
                    server.berichten.append(bericht)  # type: ignore[arg-type]
                server.vastgehouden.set()
                # Waits in a thread, so the server keeps serving other connections. When the
                # sender goes away meanwhile, aiosmtpd cancels this handler: nothing follows.
                await asyncio.get_running_loop().run_in_executor(None, server._doorlaten.wait, 60)
                return "250 OK" if bewaart_onbeantwoord else "451 Niet bewaard"

        from aiosmtpd.controller import Controller

        self._controller = Controller(Ontvanger(), hostname="127.0.0.1", port=self.port)

    def start(self) -> None:
        self._controller.start()

    def doorlaten(self) -> None:
        self._doorlaten.set()

    def stop(self) -> None:
        self._doorlaten.set()
        self._controller.stop()


def verzoeken_tellen(resultaten: list[dict[str, Any]], **filter: Any) -> int:
    return sum(all(r.get(k) == v for k, v in filter.items()) for r in resultaten)

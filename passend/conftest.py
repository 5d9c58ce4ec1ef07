import json
import socket
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, cast

import pytest
from django.db import connections
from pytest_django.fixtures import validate_django_db
from pytest_django.plugin import blocking_manager_key

from passend.organisaties.models import Samenwerkingsverband, School
from passend.organisaties.tests.factories import SamenwerkingsverbandFactory, SchoolFactory

# A transactional test leaves an empty database behind: Django flushes it at the end, the
# migrations' data (roles, ...) included. Run in one process, pytest-django orders those tests
# last. Split over processes (pytest-xdist, as `make test` runs), a process can get an ordinary
# test after one; that test first gets the migrations' data back, as a serialized_rollback test
# does.
_DATABASE_GELEEGD = pytest.StashKey[bool]()


def _databasegebruik(item: pytest.Item) -> str:
    """How a test uses the database, as pytest-django decides it: in transactions of its own
    ("transactie"), in one that is rolled back ("gewoon"), or not at all ("")."""
    marker = item.get_closest_marker("django_db")
    fixtures = getattr(item, "fixturenames", ())
    if marker is not None and any(validate_django_db(marker)[:2]):
        return "transactie"
    if "transactional_db" in fixtures or "live_server" in fixtures:
        return "transactie"
    return "gewoon" if marker is not None or "db" in fixtures else ""


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item: pytest.Item) -> None:
    gebruik = _databasegebruik(item)
    if gebruik == "gewoon" and item.config.stash.get(_DATABASE_GELEEGD, False):
        with item.config.stash[blocking_manager_key].unblock():
            for verbinding in connections.all():
                inhoud = getattr(verbinding, "_test_serialized_contents", None)
                if inhoud:
                    verbinding.creation.deserialize_db_from_string(inhoud)
        item.config.stash[_DATABASE_GELEEGD] = False
    elif gebruik == "transactie":
        item.config.stash[_DATABASE_GELEEGD] = True


@pytest.fixture(autouse=True)
def _snelle_wachtwoordhash(request: pytest.FixtureRequest, settings):  # type: ignore[no-untyped-def]
    """Passwords hashed with MD5 in tests: Argon2 costs a tenth of a second or more per hash by
    design, and the shared fixtures make a dozen accounts. Tests marked `productiehash` keep the
    production hashers, to prove that production hashes with Argon2."""
    if request.node.get_closest_marker("productiehash") is None:
        settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _tasks_run_immediately(settings):  # type: ignore[no-untyped-def]
    """Background tasks run in the test itself, once the transaction that queued them commits."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture(autouse=True)
def _bijlagen_in_tijdelijke_map(settings, tmp_path_factory):  # type: ignore[no-untyped-def]
    """Attachments stored by a test land in a folder of their own, never in var/."""
    settings.STORAGES = {
        **settings.STORAGES,
        "bijlagen": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path_factory.mktemp("bijlagen")), "base_url": None},
        },
    }


@pytest.fixture
def ppo(db) -> Samenwerkingsverband:  # type: ignore[no-untyped-def]
    return cast(
        Samenwerkingsverband,
        SamenwerkingsverbandFactory.create(code="PO2806", naam="PPO Rotterdam"),
    )


@pytest.fixture
def school(ppo: Samenwerkingsverband) -> School:
    return cast(
        School,
        SchoolFactory.create(
            swv=ppo, naam="De Regenboog", code="12AB00", regio__naam="IJsselmonde"
        ),
    )


# For the tests that run Passend (or another server) as a process of its own.


def vrije_poort() -> int:
    with socket.socket() as vrij:
        vrij.bind(("127.0.0.1", 0))
        return int(vrij.getsockname()[1])


def json_regels(log: Path) -> list[dict[str, Any]]:
    """The JSON lines (one per log record) a Passend process wrote so far."""
    # A line still being written is left for the next read.
    regels = log.read_text().splitlines()
    return [json.loads(r) for r in regels if r.startswith("{") and r.endswith("}")]


def wachten_tot(voorwaarde: Callable[[], object], *, seconden: float, wat: str) -> None:
    """Polls `voorwaarde` every 50 ms; fails the test with `wat` after `seconden`."""
    einde = time.monotonic() + seconden
    while not voorwaarde():
        if time.monotonic() > einde:
            pytest.fail(f"Na {seconden} s nog niet: {wat}")
        time.sleep(0.05)  # polling a separate process, bounded above


class SmtpServer:
    """A real SMTP server on loopback (aiosmtpd) that keeps what it receives; it can be stopped
    and started again on the same port, to play a mail server that is down for a while."""

    def __init__(self) -> None:
        self.port = vrije_poort()
        self.berichten: list[object] = []
        server = self

        class Ontvanger:
            async def handle_DATA(self, smtp, session, envelope):  # type: ignore[no-untyped-def]
                from email import message_from_bytes, policy

                server.berichten.append(
                    (envelope.rcpt_tos, message_from_bytes(envelope.content, policy=policy.default))
                )
                return "250 OK"

        self._ontvanger = Ontvanger()
        self.draait = False

    def start(self) -> None:
        from aiosmtpd.controller import Controller

        # A stopped controller cannot start again (its event loop is closed): a new one.
        self._controller = Controller(self._ontvanger, hostname="127.0.0.1", port=self.port)
        self._controller.start()
        self.draait = True

    def stop(self) -> None:
        if self.draait:
            self._controller.stop()
            self.draait = False


@pytest.fixture
def smtp_server(settings):  # type: ignore[no-untyped-def]
    server = SmtpServer()
    server.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = server.port
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_TIMEOUT = 5
    yield server
    server.stop()

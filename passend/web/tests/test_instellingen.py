"""Production settings and the security defaults that hold on every page."""

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

REPO = Path(__file__).resolve().parents[3]

PRODUCTIE = {
    "DJANGO_ENV": "production",
    "DJANGO_SECRET_KEY": "p" * 20 + "-een-lange-willekeurige-sleutel-voor-de-test-0123456789",
    "DJANGO_ALLOWED_HOSTS": "passend.example.nl",
    "DATABASE_URL": "postgres://passend@db.example.nl:5432/passend",
    "PASSEND_BASIS_URL": "https://passend.example.nl",
    "EMAIL_HOST": "smtp.example.nl",
    "CLAMD_ADRES": "tcp://127.0.0.1:3310",
}


def manage(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    omgeving = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("DJANGO_", "DATABASE_", "PASSEND_", "EMAIL_", "CLAMD_"))
    }
    return subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", *args],
        cwd=REPO,
        env={**omgeving, **env},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_production_settings_pass_check_deploy_at_warning_level():
    resultaat = manage("check", "--deploy", "--fail-level", "WARNING", **PRODUCTIE)
    assert resultaat.returncode == 0, resultaat.stdout + resultaat.stderr


@pytest.mark.parametrize(
    "ontbreekt",
    [
        "DJANGO_SECRET_KEY",
        "DJANGO_ALLOWED_HOSTS",
        "DATABASE_URL",
        "PASSEND_BASIS_URL",
        "EMAIL_HOST",
        "CLAMD_ADRES",
    ],
)
def test_production_refuses_to_start_without_its_secrets(ontbreekt):
    resultaat = manage("check", **{k: v for k, v in PRODUCTIE.items() if k != ontbreekt})
    assert resultaat.returncode != 0
    assert f"{ontbreekt} is verplicht als DJANGO_ENV=production" in resultaat.stderr


def test_i19_production_without_a_scanner_starts_only_when_told_and_logs_it():
    """Without CLAMD_ADRES an EICAR file would be accepted: production refuses to start unless
    the operator sets PASSEND_VIRUSSCANNER=uit, and each web process logs that choice."""
    zonder_scanner = {k: v for k, v in PRODUCTIE.items() if k != "CLAMD_ADRES"}
    geweigerd = manage("check", **zonder_scanner)
    assert geweigerd.returncode != 0
    assert "PASSEND_VIRUSSCANNER=uit" in geweigerd.stderr
    bewust = {**zonder_scanner, "PASSEND_VIRUSSCANNER": "uit"}
    assert manage("check", "--deploy", "--fail-level", "WARNING", **bewust).returncode == 0
    # The web process logs the choice at start.
    omgeving = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("DJANGO_", "DATABASE_", "PASSEND_", "EMAIL_", "CLAMD_"))
    }
    web = subprocess.run(
        [sys.executable, "-c", "import passend.wsgi"],
        cwd=REPO,
        env={**omgeving, **bewust},
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    assert "Virusscanner uit (PASSEND_VIRUSSCANNER=uit)" in web.stderr
    beide = manage("check", **PRODUCTIE, PASSEND_VIRUSSCANNER="uit")
    assert beide.returncode != 0 and "spreken elkaar tegen" in beide.stderr
    # A local run (make run, the test suite) needs no scanner.
    assert manage("check").returncode == 0


def test_demo_refuses_to_run_with_production_settings():
    resultaat = manage("demo", **PRODUCTIE)
    assert resultaat.returncode != 0
    assert "Demogegevens horen niet in productie" in resultaat.stderr


def test_asvs_v3_4_production_cookies_are_secure_host_bound_and_httponly():
    code = (
        "from django.conf import settings as s; "
        "print(s.SESSION_COOKIE_NAME, s.SESSION_COOKIE_SECURE, s.SESSION_COOKIE_HTTPONLY, "
        "s.SESSION_COOKIE_SAMESITE, s.CSRF_COOKIE_NAME, s.CSRF_COOKIE_SECURE, "
        "s.SECURE_HSTS_SECONDS)"
    )
    resultaat = manage("shell", "-c", code, **PRODUCTIE)
    assert resultaat.stdout.splitlines()[-1].split() == [
        "__Host-sessionid",
        "True",
        "True",
        "Lax",
        "__Host-csrftoken",
        "True",
        "31536000",
    ]


def _alle_urls(resolver: URLResolver, prefix: str = "") -> list[tuple[str, URLPattern]]:
    gevonden = []
    for patroon in resolver.url_patterns:
        if isinstance(patroon, URLResolver):
            gevonden += _alle_urls(patroon, prefix + str(patroon.pattern))
        else:
            gevonden.append((prefix + str(patroon.pattern), patroon))
    return gevonden


# The only pages reachable without a full login: logging in and recovering a password.
OPENBAAR = {
    "aanmelden/",
    "aanmelden/authenticator/",
    "wachtwoord-vergeten/",
    "wachtwoord-vergeten/verstuurd/",
    "wachtwoord-vergeten/<uidb64>/<token>/",
    "wachtwoord-vergeten/gewijzigd/",
    "activeren/<str:token>/",  # an invited account's single-use link (issue 13)
    # B11: the single-use link after a lost second factor, with the account's password
    "authenticator-herstellen/<str:token>/",
    "lokale-mailbox/",  # only with debug settings, from loopback (a local run); else a 404
    # The API answers to client tokens, never to the web's login (authenticatie.py: AlleenClient
    # denies every call without one); its document and documentation page hold no pupil data.
    "api/v1/aanvragen/",
    "api/v1/aanvragen/<uuid:uuid>/",
    "api/v1/titels/",
    "api/v1/oso/aanvragen/",
    "api/v1/schema/",
    "api/v1/docs/",
    "api/v1/",  # the API's JSON 404 for any other path under it
    # Health checks for the load balancer: they name only the part that is not ready.
    "gezond",
    "gereed",
}


def test_asvs_v4_1_every_view_denies_unless_it_is_on_the_public_list():
    """A new view is closed by default: it must need a login unless it is listed here."""
    openbaar = {
        pad
        for pad, patroon in _alle_urls(get_resolver())
        if not getattr(patroon.callback, "login_required", True)
    }
    assert openbaar == OPENBAAR


@pytest.mark.django_db
def test_security_headers_on_every_page(client):
    antwoord = client.get("/aanmelden/")
    assert antwoord["X-Content-Type-Options"] == "nosniff"
    assert antwoord["Referrer-Policy"] == "same-origin"
    assert antwoord["X-Frame-Options"] == "DENY"
    csp = antwoord["Content-Security-Policy"]
    for directive in ("object-src 'none'", "base-uri 'none'", "frame-ancestors 'none'"):
        assert directive in csp
    assert "unsafe-inline" not in csp
    assert "no-store" in antwoord["Cache-Control"]


@pytest.mark.django_db
def test_asvs_v7_4_1_errors_are_generic_dutch_pages(client, settings):
    settings.DEBUG = False
    antwoord = client.get("/bestaat-niet/")
    assert antwoord.status_code == 404
    assert "Pagina niet gevonden" in antwoord.content.decode()
    assert "Traceback" not in antwoord.content.decode()


def test_every_environment_variable_is_documented():
    instellingen = (REPO / "passend" / "settings.py").read_text()
    gelezen = set(
        re.findall(
            r'(?:env_str|env_int|env_bool|env_list|require_in_production)\("([A-Z_]+)"',
            instellingen,
        )
    )
    documentatie = (REPO / "docs" / "configuratie.md").read_text()
    assert len(gelezen) > 15
    assert {naam for naam in gelezen if f"`{naam}`" not in documentatie} == set()

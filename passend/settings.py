"""Passend's one settings module, configured by environment variables.

Every variable read here is documented in docs/configuratie.md. DJANGO_ENV chooses between
"development" (the embedded default that `make run` serves) and "production", which demands
its secrets from the environment and refuses to start without them.
"""

import os
import secrets
from datetime import timedelta
from pathlib import Path

import dj_database_url
from csp.constants import NONCE, NONE, SELF
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent


def env_str(name: str, default: str = "") -> str:
    return os.environ.get(name, default).strip()


def env_int(name: str, default: int) -> int:
    value = env_str(name)
    if not value:
        return default
    try:
        return int(value)
    except ValueError as error:
        raise ImproperlyConfigured(f"{name} moet een geheel getal zijn, niet {value!r}.") from error


def env_bool(name: str, default: bool) -> bool:
    value = env_str(name).lower()
    if not value:
        return default
    if value in {"1", "true", "yes", "ja", "on"}:
        return True
    if value in {"0", "false", "no", "nee", "off"}:
        return False
    raise ImproperlyConfigured(f"{name} moet true of false zijn, niet {value!r}.")


def env_list(name: str) -> list[str]:
    return [item.strip() for item in env_str(name).split(",") if item.strip()]


PASSEND_OMGEVING = env_str("DJANGO_ENV", "development")
if PASSEND_OMGEVING not in {"development", "production"}:
    raise ImproperlyConfigured("DJANGO_ENV moet 'development' of 'production' zijn.")
PRODUCTION = PASSEND_OMGEVING == "production"


def require_in_production(name: str) -> str:
    value = env_str(name)
    if PRODUCTION and not value:
        raise ImproperlyConfigured(f"{name} is verplicht als DJANGO_ENV=production.")
    return value


VAR_DIR = Path(env_str("PASSEND_VAR_DIR") or BASE_DIR / "var")


def development_secret_key() -> str:
    """A key generated once and kept in var/, so sessions survive a restart of `make run`."""
    key_file = VAR_DIR / "secret_key"
    if not key_file.exists():
        VAR_DIR.mkdir(parents=True, exist_ok=True)
        key_file.write_text(secrets.token_urlsafe(50))
        key_file.chmod(0o600)
    return key_file.read_text().strip()


SECRET_KEY = require_in_production("DJANGO_SECRET_KEY") or development_secret_key()
# Never in production: a debug page shows settings and pupil data in tracebacks.
DEBUG = False if PRODUCTION else env_bool("DJANGO_DEBUG", default=True)
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS") or (
    [] if PRODUCTION else ["127.0.0.1", "localhost", "[::1]"]
)
if PRODUCTION and not ALLOWED_HOSTS:
    raise ImproperlyConfigured("DJANGO_ALLOWED_HOSTS is verplicht als DJANGO_ENV=production.")

# The address mails link to. Taken from configuration, never from the request's Host header,
# so a forged header cannot redirect a password-reset link.
PASSEND_BASIS_URL = (require_in_production("PASSEND_BASIS_URL") or "http://127.0.0.1:8000").rstrip(
    "/"
)

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "axes",
    "csp",
    "django_htmx",
    "django_tasks",
    "django_tasks_db",
    "passend.core",
    "passend.organisaties",
    "passend.notificaties",
    "passend.accounts",
    "passend.audit",
    "passend.processen",
    "passend.dossiers",
    "passend.hulpvragen",
    "passend.bijlagen",
    "passend.formulieren",
    "passend.overlegrondes",
    "passend.koppelingen",
    "passend.rapportages",
    "passend.swvbeheer",
    "passend.bewaren",
    "passend.inzagerecht",
    "passend.verantwoording",
    "passend.web",
    "passend.testdata",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # The access log's request context (client address, user agent, request id) for all below.
    "passend.audit.middleware.VerzoekcontextMiddleware",
    # Serves the static files from the web process itself, so no web root is shared.
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # Cache-Control: private, no-store on every answer to a logged-in user (ASVS V8.2.1).
    "passend.accounts.middleware.GeenCacheMiddleware",
    "passend.accounts.middleware.SessionLifetimeMiddleware",
    "passend.accounts.middleware.LoginRequiredMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "passend.urls"
WSGI_APPLICATION = "passend.wsgi.application"
ASGI_APPLICATION = "passend.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "csp.context_processors.nonce",
                "passend.web.context_processors.navigatie",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        require_in_production("DATABASE_URL") or f"sqlite:///{VAR_DIR / 'passend.sqlite3'}",
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 60 if PRODUCTION else 0),
        # A kept connection is checked before a request uses it: after a database restart the
        # next request reconnects instead of failing (test_storingen.py).
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Wait for a concurrent writer (the web server and db_worker share the file).
    DATABASES["default"].setdefault("OPTIONS", {})["timeout"] = 20
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

TASKS = {
    "default": {
        "BACKEND": "django_tasks_db.DatabaseBackend",
        "QUEUES": ["default"],
    }
}

# --- Accounts, passwords, two factors -------------------------------------------------------

AUTH_USER_MODEL = "accounts.Gebruiker"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "passend.accounts.backends.OrganisatieBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "passend.accounts.validators.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "passend.accounts.validators.CommonPasswordValidator"},
    {"NAME": "passend.accounts.validators.MaximumLengthValidator"},
    {"NAME": "passend.accounts.validators.ZxcvbnValidator"},
]
PASSWORD_RESET_TIMEOUT = 60 * env_int("PASSEND_WACHTWOORD_HERSTEL_GELDIG_MINUTEN", 60)
# Limits on "Wachtwoord vergeten", per hour; over them nothing is sent and the page is the same.
PASSEND_WACHTWOORD_HERSTEL_MAX_PER_ACCOUNT = env_int(
    "PASSEND_WACHTWOORD_HERSTEL_MAX_PER_ACCOUNT", 3
)
PASSEND_WACHTWOORD_HERSTEL_MAX_PER_ADRES = env_int("PASSEND_WACHTWOORD_HERSTEL_MAX_PER_ADRES", 20)
# How long the activation link of a new (external) account works, in hours.
PASSEND_ACTIVATIE_GELDIG_UUR = env_int("PASSEND_ACTIVATIE_GELDIG_UUR", 72)
# The most rows one CSV export of the access log holds (issue 17); above it: narrow the selection.
PASSEND_AUDITLOG_EXPORT_MAX = env_int("PASSEND_AUDITLOG_EXPORT_MAX", 10_000)
LOGIN_URL = "accounts:aanmelden"
# The home page, which is "Mijn acties": what waits on the user is the first thing they see.
LOGIN_REDIRECT_URL = "start"
LOGOUT_REDIRECT_URL = "accounts:aanmelden"


def totp_issuer(device) -> str:  # type: ignore[no-untyped-def]
    """The authenticator app shows this, so a person with accounts at two SWVs tells them apart."""
    swv = device.user.swv
    return f"Passend {swv.code} {swv.naam}"


OTP_TOTP_ISSUER = totp_issuer
OTP_TOTP_THROTTLE_FACTOR = 1
# The technical admin never shows or edits a TOTP seed: whoever reads it can make the codes.
OTP_ADMIN_HIDE_SENSITIVE_DATA = True

# django-axes defaults are unsafe (3 failures, no cool-off, keyed on IP only): see SECURITY.md.
# Two limits (ASVS V2.2.1): failures on one account from anywhere, and failures from one client
# address on any account, each with its own threshold (passend.accounts.blokkade). Not keyed
# on the user agent: an attacker changes it at will, and everyone shares the common ones.
AXES_FAILURE_LIMIT = env_int("PASSEND_LOGIN_MAX_MISLUKT", 100)
PASSEND_LOGIN_MAX_MISLUKT_PER_ADRES = env_int("PASSEND_LOGIN_MAX_MISLUKT_PER_ADRES", 200)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("PASSEND_LOGIN_AFKOELEN_MINUTEN", 60))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_HANDLER = "passend.accounts.blokkade.BlokkadeHandler"
AXES_USERNAME_CALLABLE = "passend.accounts.backends.axes_username"
AXES_LOCKOUT_CALLABLE = "passend.accounts.views.lockout_response"
AXES_RESET_ON_SUCCESS = True
# axes keeps the POST data of each failure and masks only a field named "password": without
# this, our "wachtwoord" would be stored in plain text.
AXES_PASSWORD_FORM_FIELD = "wachtwoord"
AXES_SENSITIVE_PARAMETERS = ["username", "ip_address", "code", "csrfmiddlewaretoken"]
AXES_ENABLE_ACCESS_FAILURE_LOG = False
AXES_VERBOSE = False
# How many reverse proxies in front of Passend append to X-Forwarded-For. One reading of the
# client address (passend.core.clientadres) for the lockout and both logs.
PASSEND_PROXY_AANTAL = env_int("PASSEND_PROXY_AANTAL", 0)
AXES_CLIENT_IP_CALLABLE = "passend.core.clientadres.clientadres"

# --- Sessions and cookies --------------------------------------------------------------------

PASSEND_SESSIE_INACTIEF = timedelta(minutes=env_int("PASSEND_SESSIE_INACTIEF_MINUTEN", 30))
PASSEND_SESSIE_MAXIMAAL = timedelta(hours=env_int("PASSEND_SESSIE_MAX_UREN", 12))
SESSION_COOKIE_AGE = int(PASSEND_SESSIE_INACTIEF.total_seconds())
SESSION_SAVE_EVERY_REQUEST = True
# Django's database sessions; a database outage while saving one is a 500, not a 400.
SESSION_ENGINE = "passend.accounts.sessies"
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
CSRF_COOKIE_SAMESITE = "Lax"
CSRF_FAILURE_VIEW = "passend.web.views.csrf_failure"

# --- Security headers ------------------------------------------------------------------------

SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "form-action": [SELF],
        "object-src": [NONE],
        "base-uri": [NONE],
        "frame-ancestors": [NONE],
    }
}

if PRODUCTION:
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    # The __Host- prefix binds the cookie to this exact host, over HTTPS, for the whole site.
    SESSION_COOKIE_NAME = "__Host-sessionid"
    CSRF_COOKIE_NAME = "__Host-csrftoken"
    SECURE_SSL_REDIRECT = env_bool("PASSEND_HTTPS_OMLEIDEN", True)
    # A load balancer asks the health endpoints over plain http on the private network.
    SECURE_REDIRECT_EXEMPT = [r"^gezond$", r"^gereed$"]
    SECURE_HSTS_SECONDS = 365 * 24 * 60 * 60
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    if PASSEND_PROXY_AANTAL:
        SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# --- Shared cache ------------------------------------------------------------------------------
# The API's rate limit per client counts in this cache. One process: its own memory; several
# web processes: one Redis (PASSEND_REDIS_URL, e.g. redis://127.0.0.1:6379/0), or each process
# would allow the limit once.
if REDIS_URL := env_str("PASSEND_REDIS_URL", ""):
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}
    }

# --- The API ---------------------------------------------------------------------------------

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": ["passend.koppelingen.api.authenticatie.ClientAuthenticatie"],
    "DEFAULT_PERMISSION_CLASSES": ["passend.koppelingen.api.authenticatie.AlleenClient"],
    "DEFAULT_THROTTLE_CLASSES": ["passend.koppelingen.api.authenticatie.ClientLimiet"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": [
        "rest_framework.parsers.JSONParser",
        "rest_framework.parsers.MultiPartParser",
    ],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "passend.koppelingen.api.fouten.fout_afhandelen",
    "DEFAULT_VERSIONING_CLASS": None,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Passend API",
    "DESCRIPTION": (
        "De open API van Passend: aanvragen indienen vanuit een leerlingadministratie (Esis, "
        "ParnasSys, ...), als concept of verzonden, bijlagen toevoegen, opnieuw verzenden en de "
        "status teruglezen. Zie docs/api.md."
    ),
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "COMPONENT_SPLIT_REQUEST": True,
    "SCHEMA_PATH_PREFIX": "/api/v1",
    "REDOC_DIST": "SIDECAR",
    "ENUM_NAME_OVERRIDES": {},
}

# --- Mail --------------------------------------------------------------------------------------

DEFAULT_FROM_EMAIL = env_str("PASSEND_AFZENDER", "Passend <noreply@passend.localhost>")
EMAIL_HOST = require_in_production("EMAIL_HOST")
if EMAIL_HOST:
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_PORT = env_int("EMAIL_PORT", 587)
    EMAIL_HOST_USER = env_str("EMAIL_HOST_USER")
    EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD")
    EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)
    EMAIL_TIMEOUT = 30
else:
    # Locally, mails are caught in var/mail/ and readable at /lokale-mailbox/.
    EMAIL_BACKEND = "passend.notificaties.opvang.OpvangBackend"
# The local mailbox exists where mails are caught instead of sent: never in production (which
# demands EMAIL_HOST). Not tied to DEBUG, so `make run` shows the production error pages and
# still the mailbox.
PASSEND_LOKALE_MAILBOX = not PRODUCTION and not EMAIL_HOST
PASSEND_MAIL_MAP = VAR_DIR / "mail"

# --- Attachments -------------------------------------------------------------------------------

# clamd, the ClamAV daemon. Set, every attachment is scanned and refused unless clamd clears it.
CLAMD_ADRES = env_str("CLAMD_ADRES")
if CLAMD_ADRES and not CLAMD_ADRES.startswith(("tcp://", "unix://")):
    raise ImproperlyConfigured(
        "CLAMD_ADRES moet beginnen met tcp:// (tcp://127.0.0.1:3310) of unix:// "
        f"(unix:///run/clamav/clamd.ctl), niet {CLAMD_ADRES!r}."
    )
CLAMD_TIMEOUT = env_int("CLAMD_TIMEOUT", 30)
# Production scans every attachment unless an operator writes down that it does not.
PASSEND_VIRUSSCANNER = env_str("PASSEND_VIRUSSCANNER").lower()
if PASSEND_VIRUSSCANNER not in {"", "uit"}:
    raise ImproperlyConfigured(
        f"PASSEND_VIRUSSCANNER kent alleen de waarde 'uit', niet {PASSEND_VIRUSSCANNER!r}."
    )
if PASSEND_VIRUSSCANNER == "uit" and CLAMD_ADRES:
    raise ImproperlyConfigured(
        "CLAMD_ADRES en PASSEND_VIRUSSCANNER=uit spreken elkaar tegen: kies er één."
    )
if PRODUCTION and not CLAMD_ADRES and PASSEND_VIRUSSCANNER != "uit":
    raise ImproperlyConfigured(
        "CLAMD_ADRES is verplicht als DJANGO_ENV=production, zodat elke bijlage op virussen "
        "gescand wordt. Wilt u bewust zonder virusscanner draaien, zet dan "
        "PASSEND_VIRUSSCANNER=uit."
    )

# --- Language, time, static files ------------------------------------------------------------

LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", "Nederlands")]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True
FORMAT_MODULE_PATH = ["passend.core.formats"]

STATIC_URL = "static/"
# Production serves what `collectstatic` gathered; locally WhiteNoise finds files in the apps.
STATIC_ROOT = VAR_DIR / "static" if PRODUCTION else None
WHITENOISE_USE_FINDERS = not PRODUCTION

# --- Bijlagen: where uploaded files are stored ----------------------------------------------

# Every upload goes to a temporary file on disk, never into memory: the checks read it from a
# path, and ten uploads of 10 MB at once must not cost the web process 100 MB. A request body
# over PASSEND_UPLOAD_MAX_MB is not written to disk at all.
FILE_UPLOAD_HANDLERS = ["passend.bijlagen.uploads.BegrensdeUploadHandler"]
PASSEND_UPLOAD_MAX_BYTES = env_int("PASSEND_UPLOAD_MAX_MB", 100) * 1024 * 1024
# The API (issue 14): the largest request body, base64 files included.
PASSEND_API_MAX_BYTES = env_int("PASSEND_API_MAX_MB", 60) * 1024 * 1024
FILE_UPLOAD_PERMISSIONS = 0o600
FILE_UPLOAD_DIRECTORY_PERMISSIONS = 0o700


def s3_opslag(bucket: str) -> dict[str, object]:
    """The "bijlagen" storage in an S3-compatible bucket (a function, so tests use this one)."""
    return {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": bucket,
            "endpoint_url": env_str("PASSEND_BIJLAGEN_S3_ENDPOINT") or None,
            "region_name": env_str("PASSEND_BIJLAGEN_S3_REGIO") or None,
            # Empty: boto3 finds credentials itself (environment, instance role).
            "access_key": env_str("PASSEND_BIJLAGEN_S3_ACCESS_KEY") or None,
            "secret_key": env_str("PASSEND_BIJLAGEN_S3_SECRET_KEY") or None,
            "location": env_str("PASSEND_BIJLAGEN_S3_PREFIX"),
            # Private objects, never overwritten; no URL is ever handed out, files go
            # through the view that checks visibility.
            "default_acl": None,
            "file_overwrite": False,
        },
    }


PASSEND_BIJLAGEN_S3_BUCKET = env_str("PASSEND_BIJLAGEN_S3_BUCKET")
BIJLAGEN_OPSLAG = (
    s3_opslag(PASSEND_BIJLAGEN_S3_BUCKET)
    if PASSEND_BIJLAGEN_S3_BUCKET
    else {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {
            "location": env_str("PASSEND_BIJLAGEN_MAP") or str(VAR_DIR / "bijlagen"),
            "base_url": None,
        },
    }
)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    "bijlagen": BIJLAGEN_OPSLAG,
}
# How long a checked file waits for the user's answer to a warning (a meaningless name, the
# offer of a smaller copy); `manage.py bijlagen_opruimen` removes it afterwards.
PASSEND_BIJLAGE_BEDENKTIJD = timedelta(hours=env_int("PASSEND_BIJLAGE_BEDENKTIJD_UREN", 24))

# --- Logging: structured JSON, so a newline in a username cannot forge a log line ------------

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"json": {"()": "passend.core.logging.JsonFormatter"}},
    "handlers": {"stderr": {"class": "logging.StreamHandler", "formatter": "json"}},
    "root": {"handlers": ["stderr"], "level": env_str("PASSEND_LOG_NIVEAU", "INFO")},
    # Django's own defaults add a plain-text console handler to "django" (with DEBUG) and give
    # "django.server" its own: lines printed twice, or not at all. Here every line goes to the
    # root handler once, as JSON.
    "loggers": {
        "django": {"handlers": [], "propagate": True},
        "django.request": {"level": "ERROR"},
        "django.server": {
            "handlers": [],
            "level": "WARNING" if PRODUCTION else "INFO",
            "propagate": True,
        },
        "axes": {"level": "WARNING"},
        # pikepdf announces its logging bridge at INFO on every start.
        "pikepdf": {"level": "WARNING"},
        # WeasyPrint reports every rendering step at INFO.
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
    },
}

# One account may exist under the same username at several SWVs; OrganisatieBackend looks
# accounts up by (samenwerkingsverband, gebruikersnaam), which a database constraint keeps unique.
SILENCED_SYSTEM_CHECKS = ["auth.W004"]

# /gereed (passend/web/gezondheid.py) reports the worker as lagging when a task has waited this
# long for it.
PASSEND_GEREED_WACHTRIJ_MINUTEN = env_int("PASSEND_GEREED_WACHTRIJ_MINUTEN", 5)

"""A fresh web worker serves the login page to itself before it takes requests (gunicorn's
`post_worker_init`, deploy/gunicorn.conf.py). Its first request would otherwise import the views,
build the URL patterns, load the translations and compile the templates: 1.6 s measured here on
a busy machine, paid by whichever user gets that worker. gunicorn starts fresh workers at boot and
after every `max_requests`, so under load this happens all day."""

import io
import logging
import sys
from collections.abc import Callable, Iterable
from typing import Any

from django.conf import settings
from django.urls import reverse

logger = logging.getLogger(__name__)

Wsgi = Callable[[dict[str, Any], Callable[..., Any]], Iterable[bytes]]


def _toegestane_host() -> str:
    """A host name that ALLOWED_HOSTS accepts: the first exact one, else the domain of the first
    ".domain" entry; "localhost" for "*" (and in development, where the list may be empty)."""
    for host in settings.ALLOWED_HOSTS:
        if host != "*":
            return host.lstrip(".")
    return "localhost"


def opwarmen(application: Wsgi) -> str:
    """Serves the login page once through `application`, as a browser would over HTTPS behind the
    proxy; returns the status line. Never raises: a worker that cannot warm up still starts."""
    host = _toegestane_host()
    environ: dict[str, Any] = {
        "REQUEST_METHOD": "GET",
        "QUERY_STRING": "",
        "SERVER_NAME": host,
        "SERVER_PORT": "443",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "HTTP_HOST": host,
        "HTTP_X_FORWARDED_PROTO": "https",
        "HTTP_X_FORWARDED_FOR": "127.0.0.1",
        "HTTP_USER_AGENT": "Passend opwarmen",
        "REMOTE_ADDR": "127.0.0.1",
        "wsgi.version": (1, 0),
        "wsgi.url_scheme": "https",
        "wsgi.input": io.BytesIO(),
        "wsgi.errors": sys.stderr,
        "wsgi.multithread": False,
        "wsgi.multiprocess": True,
        "wsgi.run_once": False,
    }
    status: list[str] = []
    try:
        # Inside the try: reverse() imports the URL patterns, and with them every view.
        environ["PATH_INFO"] = reverse("accounts:aanmelden")
        antwoord = application(environ, lambda regel, kopjes, *fout: status.append(regel))
        try:
            for _ in antwoord:
                pass
        finally:
            if hasattr(antwoord, "close"):
                antwoord.close()
    except Exception:
        logger.exception("Opwarmen van de webworker mislukt; hij start koud.")
        return "mislukt"
    uitkomst = status[0] if status else "geen antwoord"
    logger.info("Webworker opgewarmd: %s", uitkomst)
    return uitkomst

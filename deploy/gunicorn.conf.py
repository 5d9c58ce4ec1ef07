"""gunicorn settings for Passend (docs/installatie.md): `gunicorn -c deploy/gunicorn.conf.py
passend.wsgi`. The two-server test of `make test` starts Passend with this file."""

import multiprocessing
import os

bind = os.environ.get("PASSEND_BIND", "127.0.0.1:8000")
# Synchronous workers: a request is a few queries and a template; an upload is checked in the
# request. Two per core plus one is gunicorn's own advice.
workers = int(os.environ.get("GUNICORN_WORKERS", 2 * multiprocessing.cpu_count() + 1))
# A 10 MB attachment from a slow school line, or a scanned PDF made smaller, may take a while;
# the proxy's read timeout should be at least this.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", 120))
graceful_timeout = 30
keepalive = 5
# Bounded memory: a worker is replaced after this many requests.
max_requests = 2000
max_requests_jitter = 200
# The heartbeat file on memory, not on a disk that may be slow or full.
GEHEUGEN = "/dev/shm"  # noqa: S108  (gunicorn's own advice; only its heartbeat files)
worker_tmp_dir = GEHEUGEN if os.path.isdir(GEHEUGEN) else None
# One JSON object per request, with the request id the access log also carries. The path only,
# never the query string: a search may hold a pupil's name.
accesslog = "-"
access_log_format = (
    '{"logger": "gunicorn.toegang", "tijd": "%(t)s", "methode": "%(m)s", "pad": "%(U)s", '
    '"status": %(s)s, "bytes": "%(B)s", "duur_ms": %(M)s, "request_id": "%({x-request-id}o)s"}'
)
errorlog = "-"


def post_worker_init(worker):
    """A fresh worker (at boot and after max_requests) renders the login page to itself before it
    accepts a request, so no user waits for its imports and templates (passend/core/opwarmen.py)."""
    from passend.core.opwarmen import opwarmen

    opwarmen(worker.wsgi)

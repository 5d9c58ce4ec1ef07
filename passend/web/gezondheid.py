"""Health endpoints for the load balancer and the process manager (issue 20). They answer
without a login and say nothing beyond which part is not ready: no versions, no hosts, no
errors.

- /gezond: the web process runs (liveness). Touches nothing else, so a database outage does not
  make the orchestrator restart healthy web processes.
- /gereed: this process can serve (readiness): the database answers, the attachment storage is
  reachable, and the background worker keeps up (no task has waited for it longer than
  PASSEND_GEREED_WACHTRIJ_MINUTEN).
"""

import logging
import os
from datetime import timedelta
from pathlib import Path

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.db import connection
from django.db.models import Q
from django.http import HttpRequest, JsonResponse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET
from django_tasks_db.models import DBTaskResult, get_date_max

from passend.bijlagen.opslag import opslag

logger = logging.getLogger("passend.gezondheid")


def _database() -> bool:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        return cursor.fetchone() == (1,)


def _opslag() -> bool:
    doel = opslag()
    map = getattr(doel, "location", None)
    if getattr(doel, "bucket_name", None) is None and map is not None:
        # A folder: it (or, before the first upload, the folder it will be made in) is writable.
        pad = Path(map)
        bestaand = pad if pad.exists() else pad.parent
        return bestaand.is_dir() and os.access(bestaand, os.W_OK)
    # Object storage: a HEAD of a name that need not exist answers only when the store does.
    doel.exists("gereedheidscontrole")
    return True


def _werker() -> bool:
    grens = timezone.now() - timedelta(minutes=settings.PASSEND_GEREED_WACHTRIJ_MINUTEN)
    # A task to run at once has the far future as run_after; its waiting starts when enqueued.
    wacht_te_lang = Q(run_after__lt=grens) | Q(run_after=get_date_max(), enqueued_at__lt=grens)
    return not DBTaskResult.objects.ready().filter(wacht_te_lang).exists()


CONTROLES = {"database": _database, "opslag": _opslag, "werker": _werker}


@login_not_required
@never_cache
@require_GET
def gezond(request: HttpRequest) -> JsonResponse:
    return JsonResponse({"status": "ok"})


@login_not_required
@never_cache
@require_GET
def gereed(request: HttpRequest) -> JsonResponse:
    uitslag = {}
    for naam, controle in CONTROLES.items():
        try:
            uitslag[naam] = "ok" if controle() else "fout"
        except Exception:  # a health check reports, it does not raise
            logger.exception("Gereedheidscontrole mislukt", extra={"onderdeel": naam})
            uitslag[naam] = "fout"
    goed = all(waarde == "ok" for waarde in uitslag.values())
    return JsonResponse(
        {"status": "ok" if goed else "niet gereed", "controles": uitslag},
        status=200 if goed else 503,
    )

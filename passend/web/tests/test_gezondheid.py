"""The health endpoints (issue 20): liveness and readiness without a login, saying only which
part is not ready."""

import json
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

pytestmark = pytest.mark.django_db


def test_gezond_antwoordt_zonder_aanmelden() -> None:
    antwoord = Client().get("/gezond")
    assert (antwoord.status_code, antwoord.json()) == (200, {"status": "ok"})
    assert "no-cache" in antwoord["Cache-Control"]


def test_gereed_controleert_database_opslag_en_werker(settings: Any, tmp_path: Path) -> None:
    antwoord = Client().get("/gereed")
    assert antwoord.status_code == 200
    assert antwoord.json() == {
        "status": "ok",
        "controles": {"database": "ok", "opslag": "ok", "werker": "ok"},
    }
    # A task that waited ten minutes for a worker: the worker is down or cannot keep up.
    taak = DBTaskResult.objects.create(
        task_path="passend.notificaties.tasks.bericht_versturen",
        args_kwargs={"args": [], "kwargs": {}},
        backend_name="default",
        queue_name="default",
        run_after=timezone.now() - timedelta(minutes=10),
        exception_class_path="",
        traceback="",
    )
    antwoord = Client().get("/gereed")
    assert antwoord.status_code == 503
    assert antwoord.json()["controles"]["werker"] == "fout"
    taak.delete()
    # Storage that cannot be written: a folder under a file.
    bestand = tmp_path / "geen-map"
    bestand.write_text("")
    settings.STORAGES = {
        **settings.STORAGES,
        "bijlagen": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(bestand / "bijlagen")},
        },
    }
    antwoord = Client().get("/gereed")
    assert antwoord.status_code == 503
    assert json.loads(antwoord.content) == {
        "status": "niet gereed",
        "controles": {"database": "ok", "opslag": "fout", "werker": "ok"},
    }

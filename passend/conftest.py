from typing import cast

import pytest

from passend.organisaties.models import Samenwerkingsverband, School
from passend.organisaties.tests.factories import SamenwerkingsverbandFactory, SchoolFactory


@pytest.fixture(autouse=True)
def _tasks_run_immediately(settings):  # type: ignore[no-untyped-def]
    """Background tasks run in the test itself, once the transaction that queued them commits."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


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

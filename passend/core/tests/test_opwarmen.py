"""The warm-up of a fresh web worker (issue 20 item 1). That it renders the login page under the
production settings, through gunicorn, is shown in accounts/tests/test_blokkade_gunicorn.py."""

from collections.abc import Callable, Iterable
from typing import Any

import pytest

from passend.core.opwarmen import opwarmen


def test_issue20_een_worker_die_niet_kan_opwarmen_start_toch(
    caplog: pytest.LogCaptureFixture,
) -> None:
    def database_onbereikbaar(
        environ: dict[str, Any], start_response: Callable[..., Any]
    ) -> Iterable[bytes]:
        raise ConnectionError("database onbereikbaar")

    assert opwarmen(database_onbereikbaar) == "mislukt"
    assert "Opwarmen van de webworker mislukt; hij start koud." in caplog.text

"""What one creation through the API costs in queries (bench/intake.py, bench/README.md): an
upper bound, so a change that adds queries to every intake is noticed."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from passend.koppelingen.tests.conftest import Esis

pytestmark = pytest.mark.django_db


def test_b6_one_sent_request_with_an_attachment_takes_a_bounded_number_of_queries(
    esis: Esis,
) -> None:
    esis.indienen()  # the first call of a process fills its per-process lists
    with CaptureQueriesContext(connection) as vragen:
        antwoord = esis.indienen(Idempotency_Key="telling-1")
    assert antwoord.status_code == 201
    titellijsten = [q for q in vragen.captured_queries if "processen_hulpvraagtitel" in q["sql"]]
    # The school's title list is read once per creation (it was read twice).
    assert len([q for q in titellijsten if "alleen_voor_regios" in q["sql"]]) == 1
    # 52 on SQLite in the tests (was 70: full_clean() no longer reads back the foreign keys
    # the service holds nor looks up fresh UUIDs, the reference number comes in one statement,
    # the school, pupil and SWV already read are not read again). Of these, 10 are savepoints,
    # 4 access-log rows and 3 queue the receipt mail (aanvrager, opted-out accounts, the row).
    # 53 since the Managementoverzicht's summary (Hulpvraagverloop, issue 20 item 3): one
    # statement written with the new hulpvraag, in its transaction.
    assert len(vragen.captured_queries) <= 53, len(vragen.captured_queries)

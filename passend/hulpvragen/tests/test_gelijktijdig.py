"""Two people change the same status at the same moment: exactly one wins (ARCHITECTURE rule 4).

Needs real row locks, so it runs on PostgreSQL; SQLite serialises all writes anyway.
"""

import threading
import time

import pytest
from django.db import connection, connections, transaction

from passend.hulpvragen.models import Hulpvraag
from passend.hulpvragen.services import StatusIntussenGewijzigd, hulpvraag_status_wijzigen
from passend.hulpvragen.tests.factories import hulpvraag_op_school

pytestmark = [
    # Serialized rollback restores the roles (a data migration) that the flush would remove.
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="rijvergrendeling: PostgreSQL"),
]


def iemand_wacht_op_mijn_slot(binnen: float = 20.0) -> bool:
    """True as soon as another session waits for a lock this connection holds; False when
    none does within `binnen` seconds. (pg_locks, not pg_stat_activity: that one is read once
    per transaction, and this connection is inside one.)"""
    einde = time.monotonic() + binnen
    with connection.cursor() as cursor:
        while time.monotonic() < einde:
            cursor.execute(
                "SELECT EXISTS (SELECT 1 FROM pg_locks"
                " WHERE NOT granted AND pg_backend_pid() = ANY(pg_blocking_pids(pid)))"
            )
            rij = cursor.fetchone()
            if rij is not None and rij[0]:
                return True
            time.sleep(0.01)  # between two looks only
    return False


def test_rule4_concurrent_status_changes_one_wins_the_other_is_told(omgeving):
    hulpvraag = hulpvraag_op_school(omgeving.ib_regenboog, omgeving.regenboog)
    gezien = hulpvraag.status
    doorzetten = gezien.proces.statussen.get(naam="Doorzetten SCP")
    incompleet = gezien.proces.statussen.get(naam="Dossier incompleet")
    vergrendeld = threading.Event()
    uitkomst: dict[str, object] = {}

    def eerste() -> None:
        # Holds the row while the second change starts, then commits its own change.
        try:
            with transaction.atomic():
                Hulpvraag.objects.select_for_update().get(pk=hulpvraag.pk)
                vergrendeld.set()
                # The second one must be waiting on this lock: asked of PostgreSQL itself,
                # not assumed after a fixed pause.
                uitkomst["tweede_wachtte"] = iemand_wacht_op_mijn_slot() and tweede_draad.is_alive()
                hulpvraag_status_wijzigen(
                    hulpvraag=hulpvraag, naar=doorzetten, door=omgeving.scp, verwachte_status=gezien
                )
        finally:
            connections.close_all()

    def tweede() -> None:
        vergrendeld.wait()
        try:
            hulpvraag_status_wijzigen(
                hulpvraag=hulpvraag,
                naar=incompleet,
                door=omgeving.coordinator,
                reden="Het OPP ontbreekt.",
                verwachte_status=gezien,
            )
            uitkomst["tweede"] = "gewijzigd"
        except StatusIntussenGewijzigd as fout:
            uitkomst["tweede"] = fout.message
        finally:
            connections.close_all()

    tweede_draad = threading.Thread(target=tweede)
    eerste_draad = threading.Thread(target=eerste)
    eerste_draad.start()
    tweede_draad.start()
    eerste_draad.join(timeout=20)
    tweede_draad.join(timeout=20)

    assert uitkomst["tweede_wachtte"] is True
    assert "intussen gewijzigd in ‘Doorzetten SCP’" in str(uitkomst["tweede"])
    hulpvraag.refresh_from_db()
    assert hulpvraag.status == doorzetten
    assert hulpvraag.statuswijzigingen.count() == 2

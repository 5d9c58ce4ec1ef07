"""`core.models.volledig_controleren`: full_clean() for a hot path, which leaves out only what
the database guards anyway, and nothing the user could get wrong."""

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from passend.core.models import volledig_controleren
from passend.hulpvragen.models import Statuswijziging
from passend.hulpvragen.tests.factories import hulpvraag_op_school

pytestmark = pytest.mark.django_db


def test_loaded_objects_are_not_read_again_but_ids_and_empty_fields_are_checked(omgeving):
    hulpvraag = hulpvraag_op_school(omgeving.ib_regenboog, omgeving.regenboog)
    rij = Statuswijziging(
        hulpvraag=hulpvraag, van=hulpvraag.status, naar=hulpvraag.status, door=omgeving.ib_regenboog
    )
    with CaptureQueriesContext(connection) as vragen:
        volledig_controleren(rij)
    assert len(vragen) == 0  # full_clean() reads hulpvraag, van, naar and door back: 4 queries

    rij.door_id = 10**9  # an id, not a loaded object: looked up, and refused
    with pytest.raises(ValidationError) as fout:
        volledig_controleren(rij)
    assert "door" in fout.value.message_dict

    zonder_status = Statuswijziging(hulpvraag=hulpvraag, door=omgeving.ib_regenboog)
    with pytest.raises(ValidationError) as fout:
        volledig_controleren(zonder_status)
    assert "naar" in fout.value.message_dict

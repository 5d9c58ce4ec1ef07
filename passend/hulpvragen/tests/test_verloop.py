"""The Managementoverzicht's summary per hulpvraag (Hulpvraagverloop, issue 20 item 3): written
in the transaction of the creation and of every status change, right after a status's flags
change, filled for existing hulpvragen by the migration, and visible by the same rule as the
hulpvraag itself (P1). The channels, the generator and the demo are proven in their own apps'
tests (koppelingen, testdata) with the same check."""

import importlib

import pytest
from django.db import connection, transaction

from passend.core.models import bewaartermijn_verwijderen
from passend.hulpvragen.models import Hulpvraag, Hulpvraagverloop, Statuswijziging
from passend.hulpvragen.services import hulpvraag_status_wijzigen
from passend.hulpvragen.signals import status_gewijzigd
from passend.hulpvragen.tests.factories import hulpvraag_op_school
from passend.hulpvragen.tests.verloop import geschreven, verloop_klopt, verwacht
from passend.processen.models import Status
from passend.processen.services import status_wijzigen

pytestmark = pytest.mark.django_db


def _status(hulpvraag: Hulpvraag, naam: str) -> Status:
    return hulpvraag.status.proces.statussen.get(naam=naam)


def _afgewezen(omgeving) -> Hulpvraag:
    """Aanmelding (the beginstatus of Ambulante Begeleiding, seen by the SWV), Afgewezen."""
    hulpvraag = hulpvraag_op_school(omgeving.ib_regenboog, omgeving.regenboog)
    hulpvraag_status_wijzigen(
        hulpvraag=hulpvraag,
        naar=_status(hulpvraag, "Afgewezen"),
        door=omgeving.scp,
        reden="Past niet bij het aanbod.",
    )
    return hulpvraag


def test_i20_r22_creation_and_each_status_change_write_the_summary(omgeving):
    onzichtbaar = hulpvraag_op_school(
        omgeving.ib_regenboog, omgeving.regenboog, "Informatieuitwisseling overig"
    )
    verloop = Hulpvraagverloop.objects.get(hulpvraag=onzichtbaar)
    assert verloop.status.naam == "Voorlopige aanmelding"
    assert (verloop.eerst_zichtbaar, verloop.eerst_afgerond) == (None, None)
    assert verloop.school == omgeving.regenboog

    hulpvraag = hulpvraag_op_school(omgeving.ib_regenboog, omgeving.regenboog)
    aanmelding = hulpvraag.statuswijzigingen.get().op
    verloop = Hulpvraagverloop.objects.get(hulpvraag=hulpvraag)
    assert (verloop.status.naam, verloop.eerst_zichtbaar) == ("Aanmelding", aanmelding)
    # Back to preparation by the school and in again: the first visible moment stays.
    for naar, door in (
        ("Voorlopige aanmelding", omgeving.ib_regenboog),
        ("Aanmelding", omgeving.ib_regenboog),
    ):
        hulpvraag_status_wijzigen(hulpvraag=hulpvraag, naar=_status(hulpvraag, naar), door=door)
        verloop.refresh_from_db()
        assert (verloop.status.naam, verloop.eerst_zichtbaar) == (naar, aanmelding)
        assert verloop.eerst_afgerond is None
    hulpvraag_status_wijzigen(
        hulpvraag=hulpvraag,
        naar=_status(hulpvraag, "Afgewezen"),
        door=omgeving.scp,
        reden="Past niet bij het aanbod.",
    )
    afgewezen = hulpvraag.statuswijzigingen.get(naar__naam="Afgewezen")
    verloop.refresh_from_db()
    assert (verloop.status.naam, verloop.eerst_zichtbaar) == ("Afgewezen", aanmelding)
    assert verloop.eerst_afgerond == afgewezen.op
    assert verloop_klopt() == 2


def test_i20_a_status_change_that_fails_rolls_back_the_summary_with_it(omgeving):
    """The summary is written inside the status change's transaction: a failure later in that
    transaction (here a receiver of `status_gewijzigd`, which runs after the summary is
    written) leaves the status, the history and the summary as they were."""
    hulpvraag = hulpvraag_op_school(omgeving.ib_regenboog, omgeving.regenboog)
    voor = geschreven(hulpvraag)

    def mislukt(**kwargs):
        # The summary is already written in this transaction when the signal is sent.
        assert Hulpvraagverloop.objects.get(hulpvraag=hulpvraag).status.naam == "Afgewezen"
        raise RuntimeError("de mail kon niet in de outbox")

    status_gewijzigd.connect(mislukt)
    try:
        with pytest.raises(RuntimeError):
            hulpvraag_status_wijzigen(
                hulpvraag=hulpvraag,
                naar=_status(hulpvraag, "Afgewezen"),
                door=omgeving.scp,
                reden="Past niet bij het aanbod.",
            )
    finally:
        status_gewijzigd.disconnect(mislukt)
    assert Hulpvraag.objects.get(pk=hulpvraag.pk).status.naam == "Aanmelding"
    assert Statuswijziging.objects.filter(hulpvraag=hulpvraag).count() == 1
    assert geschreven(hulpvraag) == voor
    assert verloop_klopt() == 1


def test_i20_a_status_that_stops_being_visible_or_final_recomputes_the_summary(omgeving):
    """SWV-beheer may change the flags of a status in use; the lead times follow at once."""
    hulpvraag = _afgewezen(omgeving)
    assert geschreven(hulpvraag)["eerst_afgerond"] is not None
    status_wijzigen(
        door=omgeving.beheerder, status=_status(hulpvraag, "Aanmelding"), zichtbaar_voor_swv=False
    )
    # Afgewezen itself is visible: it is now the first visible moment, and final at once.
    afgewezen = hulpvraag.statuswijzigingen.get(naar__naam="Afgewezen").op
    assert (geschreven(hulpvraag)["eerst_zichtbaar"], geschreven(hulpvraag)["eerst_afgerond"]) == (
        afgewezen,
        afgewezen,
    )
    assert verloop_klopt() == 1
    status_wijzigen(
        door=omgeving.beheerder, status=_status(hulpvraag, "Aanmelding"), zichtbaar_voor_swv=True
    )
    assert geschreven(hulpvraag) == verwacht(hulpvraag)
    assert geschreven(hulpvraag)["eerst_zichtbaar"] < afgewezen


def test_p1_the_summary_is_visible_by_the_hulpvraags_own_rule(omgeving):
    """Every account of the test SWVs sees exactly the summaries of the hulpvragen it may open:
    the Managementoverzicht cannot count what the user could not open."""
    _afgewezen(omgeving)
    hulpvraag_op_school(omgeving.ib_regenboog, omgeving.regenboog, "Informatieuitwisseling overig")
    hulpvraag_op_school(omgeving.ib_kompas, omgeving.kompas)
    hulpvraag_op_school(omgeving.ib_kompas, omgeving.kompas, "Ondersteuningsbudget")
    for naam in (
        "ib_regenboog",
        "ib_kompas",
        "scp",
        "coordinator",
        "regiomanager",
        "beheerder",
        "ouder",
        "ib_ander_swv",
    ):
        gebruiker = getattr(omgeving, naam)
        hulpvragen = set(Hulpvraag.objects.zichtbaar_voor(gebruiker).values_list("pk", flat=True))
        samenvattingen = set(
            Hulpvraagverloop.objects.zichtbaar_voor(gebruiker).values_list(
                "hulpvraag_id", flat=True
            )
        )
        assert samenvattingen == hulpvragen, naam
    assert Hulpvraagverloop.objects.zichtbaar_voor(omgeving.scp).count() == 2
    assert Hulpvraagverloop.objects.zichtbaar_voor(omgeving.ib_kompas).count() == 2
    assert Hulpvraagverloop.objects.zichtbaar_voor(omgeving.beheerder).count() == 4


def test_i20_the_migration_fills_the_summary_of_existing_hulpvragen_in_batches(
    omgeving, monkeypatch
):
    _afgewezen(omgeving)
    for _ in range(4):
        hulpvraag_op_school(omgeving.ib_kompas, omgeving.kompas)
    Hulpvraagverloop.objects.all().delete()
    migratie = importlib.import_module("passend.hulpvragen.migrations.0006_hulpvraagverloop_vullen")
    monkeypatch.setattr(migratie, "PARTIJ", 2)  # three batches for five hulpvragen

    class Schema:
        pass

    schema = Schema()
    schema.connection = connection  # type: ignore[attr-defined]
    migratie.vullen(None, schema)
    assert verloop_klopt() == 5
    migratie.vullen(None, schema)  # run again (after an interruption): the same rows
    assert verloop_klopt() == 5


def test_i20_removing_a_hulpvraag_removes_its_summary(omgeving):
    """As the retention period's removal does it (bewaren.services): history, then hulpvraag."""
    hulpvraag = hulpvraag_op_school(omgeving.ib_kompas, omgeving.kompas)
    with transaction.atomic(), bewaartermijn_verwijderen():
        Statuswijziging.objects.filter(hulpvraag=hulpvraag).na_bewaartermijn_verwijderen()
        Hulpvraag.objects.filter(pk=hulpvraag.pk).delete()
    assert not Hulpvraagverloop.objects.exists()

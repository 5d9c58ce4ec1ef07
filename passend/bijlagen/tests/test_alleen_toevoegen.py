"""History and logs are appended, never rewritten (ARCHITECTURE.md rule 4, ASVS V7.3.3): the
access log, the Statushistorie and the removal log share one base model that refuses updates
and deletes, one by one and in bulk; on PostgreSQL a trigger refuses them in the database."""

import pytest
from django.db import DatabaseError, connection, transaction
from django.urls import reverse

from passend.audit.models import Inzage
from passend.bijlagen.models import Bijlageverwijdering
from passend.bijlagen.services import bijlage_verwijderen
from passend.bijlagen.tests.bestanden import pdf
from passend.bijlagen.tests.conftest import toevoegen
from passend.core.models import AlleenToevoegenError
from passend.hulpvragen.models import Statuswijziging
from passend.hulpvragen.tests.factories import hulpvraag_op_school

pytestmark = pytest.mark.django_db


@pytest.fixture
def drie_soorten(omgeving):  # type: ignore[no-untyped-def]
    """One row of each append-only table, made as the application makes them."""
    hulpvraag = hulpvraag_op_school(omgeving.ib_regenboog, omgeving.regenboog)
    omgeving.client(omgeving.scp).get(reverse("hulpvragen:detail", args=[hulpvraag.referentie]))
    bijlage = toevoegen(hulpvraag, omgeving.ib_regenboog, "OPP.pdf", pdf())
    bijlage_verwijderen(bijlage=bijlage, door=omgeving.scp, reden="Dubbel aangeleverd.")
    return {
        "inzagelog": Inzage.objects.filter(gebeurtenis="hulpvraag_bekeken").get(),
        "statushistorie": Statuswijziging.objects.get(),
        "verwijderlog": Bijlageverwijdering.objects.get(),
    }


@pytest.mark.parametrize("soort", ["inzagelog", "statushistorie", "verwijderlog"])
def test_asvs_v7_3_3_rows_are_never_changed_or_deleted_through_the_app(drie_soorten, soort):
    rij = drie_soorten[soort]
    model = type(rij)
    with pytest.raises(AlleenToevoegenError):
        rij.save()
    with pytest.raises(AlleenToevoegenError):
        rij.delete()
    with pytest.raises(AlleenToevoegenError):
        model.objects.filter(pk=rij.pk).update(pk=rij.pk)
    with pytest.raises(AlleenToevoegenError):
        model.objects.filter(pk=rij.pk).delete()
    assert model.objects.filter(pk=rij.pk).exists()


@pytest.mark.skipif(connection.vendor != "postgresql", reason="de triggers zijn van PostgreSQL")
@pytest.mark.parametrize("soort", ["inzagelog", "statushistorie", "verwijderlog"])
def test_asvs_v7_3_3_postgresql_refuses_to_rewrite_history_in_sql(drie_soorten, soort):
    """Not even SQL past the application changes a row: the database refuses it."""
    rij = drie_soorten[soort]
    tabel = type(rij)._meta.db_table
    with connection.cursor() as cursor:
        for sql in (f"UPDATE {tabel} SET id = id", f"DELETE FROM {tabel}"):  # noqa: S608
            with pytest.raises(DatabaseError), transaction.atomic():
                cursor.execute(sql)
    assert type(rij).objects.filter(pk=rij.pk).exists()

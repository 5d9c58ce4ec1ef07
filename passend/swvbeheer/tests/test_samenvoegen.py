"""R45: school A merged into school B ("Samenvoegen"). From the merge day on B's staff find A's
pupils and hulpvragen as their own, A takes no new hulpvragen, both schools keep the merge in
their history, the beheerlog keeps A before and after; a hulpvraag shows its school as it was
named when filed and as it is now. Bad input is refused with a reason beside the field."""

from datetime import timedelta
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from passend.accounts.tests.factories import account_maken
from passend.audit.models import Beheerhandeling
from passend.dossiers.selectors import aanvragers_voor_scholen
from passend.hulpvragen.models import Hulpvraag, Hulpvraagtitel
from passend.hulpvragen.services import hulpvraag_aanmaken
from passend.hulpvragen.tests.conftest import Omgeving
from passend.hulpvragen.tests.factories import hulpvraag_op_school
from passend.organisaties.models import School, Schoolgeschiedenis
from passend.organisaties.tests.factories import SchoolFactory
from passend.swvbeheer import services

pytestmark = pytest.mark.django_db


def _detail(hulpvraag: Hulpvraag) -> str:
    return reverse("hulpvragen:detail", args=[hulpvraag.referentie])


def _samenvoegen(o: Omgeving, *, op_dagen: int = 0, **velden: object) -> School:
    gegevens: dict[str, object] = {
        "door": o.beheerder,
        "school": o.kompas,
        "in_school": o.regenboog,
        "op": timezone.localdate() + timedelta(days=op_dagen),
        **velden,
    }
    return services.school_samenvoegen(**gegevens)  # type: ignore[arg-type]


def _in_lijst(client: Client, hulpvraag: Hulpvraag) -> bool:
    return hulpvraag.referentie in client.get(reverse("hulpvragen:lijst")).content.decode()


def test_r45_merge_planned_ahead_b_staff_do_not_see_a_before_the_merge_day(omgeving: Omgeving):
    hulpvraag = hulpvraag_op_school(omgeving.ib_kompas, omgeving.kompas)
    _samenvoegen(omgeving, op_dagen=1)
    ib_b = omgeving.client(omgeving.ib_regenboog)
    assert ib_b.get(_detail(hulpvraag)).status_code == 404
    assert not _in_lijst(ib_b, hulpvraag)
    dossier = reverse("hulpvragen:dossier_hulpvragen", args=[hulpvraag.leerling_id])
    assert ib_b.get(dossier).status_code == 404
    # A is still open until tomorrow: its own staff still file new hulpvragen today.
    hulpvraag_op_school(omgeving.ib_kompas, omgeving.kompas, roepnaam="Vandaag")
    assert School.objects.get(pk=omgeving.kompas.pk).gesloten_op == timezone.localdate() + (
        timedelta(days=1)
    )


def test_r45_from_the_merge_day_b_staff_find_a_s_hulpvragen_dossier_and_attachments(
    omgeving: Omgeving,
):
    hulpvraag = hulpvraag_op_school(omgeving.ib_kompas, omgeving.kompas)
    eigen_b = hulpvraag_op_school(omgeving.ib_regenboog, omgeving.regenboog, roepnaam="Bea")
    _samenvoegen(omgeving)
    ib_b = omgeving.client(omgeving.ib_regenboog)
    assert _in_lijst(ib_b, hulpvraag)
    pagina = ib_b.get(_detail(hulpvraag)).content.decode()
    assert "School bij indienen" in pagina and "Het Kompas (23CD00)" in pagina
    assert "School nu" in pagina and "De Regenboog (12AB00)" in pagina
    dossier = reverse("hulpvragen:dossier_hulpvragen", args=[hulpvraag.leerling_id])
    assert ib_b.get(dossier).status_code == 200
    bijlagen = reverse("bijlagen:lijst", args=[hulpvraag.referentie])
    assert ib_b.get(bijlagen).status_code == 200
    # The overview's school filter offers A and finds its hulpvraag.
    gefilterd = ib_b.get(reverse("hulpvragen:lijst"), {"school": omgeving.kompas.pk})
    assert hulpvraag.referentie in gefilterd.content.decode()
    assert eigen_b.referentie not in gefilterd.content.decode()
    # B's staff may take over as aanvrager of A's pupils (the status mails go to them).
    assert omgeving.ib_regenboog in aanvragers_voor_scholen([omgeving.kompas])
    # A's hulpvraag keeps its school: nothing was moved or rewritten.
    assert Hulpvraag.objects.get(pk=hulpvraag.pk).schoolgegevens.school_id == omgeving.kompas.pk


def test_r45_a_s_remaining_staff_keep_a_but_never_see_b_and_file_nothing_new_at_a(
    omgeving: Omgeving,
):
    hulpvraag = hulpvraag_op_school(omgeving.ib_kompas, omgeving.kompas)
    van_b = hulpvraag_op_school(omgeving.ib_regenboog, omgeving.regenboog, roepnaam="Bea")
    _samenvoegen(omgeving)
    ib_a = omgeving.client(omgeving.ib_kompas)
    assert ib_a.get(_detail(hulpvraag)).status_code == 200
    assert ib_a.get(_detail(van_b)).status_code == 404
    assert not _in_lijst(ib_a, van_b)
    hulpvraag = Hulpvraag.objects.get(pk=hulpvraag.pk)
    with pytest.raises(ValidationError, match="gesloten"):
        hulpvraag_aanmaken(
            leerling=hulpvraag.leerling,
            schoolgegevens=hulpvraag.schoolgegevens,
            titel=Hulpvraagtitel.objects.get(swv=omgeving.ppo, naam="Ambulante Begeleiding"),
            door=omgeving.ib_kompas,
        )


def test_r45_other_swv_never_sees_the_merged_school(omgeving: Omgeving):
    hulpvraag = hulpvraag_op_school(omgeving.ib_kompas, omgeving.kompas)
    _samenvoegen(omgeving)
    ander = omgeving.client(omgeving.ib_ander_swv)
    assert ander.get(_detail(hulpvraag)).status_code == 404
    assert not _in_lijst(ander, hulpvraag)


def test_r45_merges_chain_c_staff_see_what_went_into_b(omgeving: Omgeving):
    hulpvraag = hulpvraag_op_school(omgeving.ib_kompas, omgeving.kompas)
    horizon = SchoolFactory.create(
        swv=omgeving.ppo, naam="De Horizon", code="45EF00", regio=omgeving.ijsselmonde
    )
    ib_c = account_maken(omgeving.ppo, "ihorizon", scholen=(horizon,))
    _samenvoegen(omgeving)  # Kompas into Regenboog
    client_c = omgeving.client(ib_c)
    assert client_c.get(_detail(hulpvraag)).status_code == 404
    _samenvoegen(omgeving, school=omgeving.regenboog, in_school=horizon)
    # Rights take effect at once, in the same session.
    assert client_c.get(_detail(hulpvraag)).status_code == 200
    assert _in_lijst(client_c, hulpvraag)


def test_r45_merge_history_on_both_schools_and_the_beheerlog_before_and_after(
    omgeving: Omgeving,
):
    _samenvoegen(omgeving)
    vandaag = timezone.localdate()
    a = [
        (r.soort, r.andere_school)
        for r in Schoolgeschiedenis.objects.filter(school=omgeving.kompas)
    ]
    b = [
        (r.soort, r.andere_school)
        for r in Schoolgeschiedenis.objects.filter(school=omgeving.regenboog)
    ]
    assert a == [("begin", ""), ("samengevoegd", "De Regenboog (12AB00)")]
    assert b == [("begin", ""), ("opgenomen", "Het Kompas (23CD00)")]
    kompas = School.objects.get(pk=omgeving.kompas.pk)
    assert (kompas.opgegaan_in_id, kompas.opgegaan_op, kompas.gesloten_op) == (
        omgeving.regenboog.pk,
        vandaag,
        vandaag,
    )
    log = Beheerhandeling.objects.get(gebeurtenis="school_samengevoegd")
    assert log.voor["opgegaan_in"] is None and log.voor["gesloten_op"] is None
    assert log.na["opgegaan_in"] == "12AB00" and log.na["gesloten_op"] == vandaag.isoformat()
    pagina = omgeving.client(omgeving.beheerder).get(
        reverse("swvbeheer:school", args=[omgeving.regenboog.pk])
    )
    assert "een andere school opgenomen: Het Kompas (23CD00)" in pagina.content.decode()


def test_r45_merge_refused_with_a_reason_beside_the_field(omgeving: Omgeving):
    def fout(**velden: Any) -> dict[str, list[str]]:
        with pytest.raises(ValidationError) as fout:
            _samenvoegen(omgeving, **velden)
        return fout.value.message_dict

    assert "zichzelf" in fout(in_school=omgeving.kompas)["in_school"][0]
    ander = SchoolFactory.create(swv=omgeving.ander_swv, naam="Elders", code="77XY00")
    assert "ander samenwerkingsverband" in fout(in_school=ander)["in_school"][0]
    assert "ander samenwerkingsverband" in fout(in_school=omgeving.extern)["in_school"][0]
    assert "binnen een jaar" in fout(op_dagen=367)["op"][0]
    services.school_sluiten(
        door=omgeving.beheerder, school=omgeving.regenboog, op=timezone.localdate()
    )
    assert (
        "gesloten" in fout(in_school=School.objects.get(pk=omgeving.regenboog.pk))["in_school"][0]
    )
    assert not School.objects.filter(opgegaan_in__isnull=False).exists()
    # A already merged.
    horizon = SchoolFactory.create(swv=omgeving.ppo, naam="De Horizon", code="45EF00")
    _samenvoegen(omgeving, in_school=horizon)
    with pytest.raises(ValidationError, match="al samengevoegd"):
        _samenvoegen(omgeving, in_school=SchoolFactory.create(swv=omgeving.ppo, code="46EF00"))
    # Not a beheerder: refused whatever the input.
    with pytest.raises(PermissionDenied):
        _samenvoegen(omgeving, door=omgeving.scp, school=omgeving.regenboog, in_school=horizon)


def test_r45_merge_screen_keeps_what_was_typed_and_says_why(omgeving: Omgeving):
    client = omgeving.client(omgeving.beheerder)
    url = reverse("swvbeheer:school_samenvoegen", args=[omgeving.kompas.pk])
    assert "Samenvoegen: Het Kompas" in client.get(url).content.decode()
    verre_datum = f"{timezone.localdate() + timedelta(days=400):%d-%m-%Y}"
    antwoord = client.post(url, {"in_school": omgeving.regenboog.pk, "op": verre_datum})
    pagina = antwoord.content.decode()
    assert antwoord.status_code == 200 and "binnen een jaar" in pagina
    assert f'value="{verre_datum}"' in pagina
    assert f'<option value="{omgeving.regenboog.pk}" selected>' in pagina
    antwoord = client.post(url, {"in_school": omgeving.kompas.pk, "op": "31-02-2026"})
    assert antwoord.status_code == 200 and not School.objects.filter(opgegaan_in__isnull=False)
    vandaag = f"{timezone.localdate():%d-%m-%Y}"
    antwoord = client.post(url, {"in_school": omgeving.regenboog.pk, "op": vandaag})
    assert antwoord.status_code == 302
    pagina = client.get(antwoord["Location"]).content.decode()
    assert "Opgegaan in De Regenboog (12AB00)" in pagina
    # A second merge of A is refused on the screen too.
    antwoord = client.post(url, {"in_school": omgeving.extern.pk, "op": vandaag})
    assert antwoord.status_code == 200 and "al samengevoegd" in antwoord.content.decode()


def test_r45_a_school_merged_twice_shows_where_its_hulpvragen_are_now(omgeving: Omgeving):
    """Kompas into Regenboog, later Regenboog into a third school: Kompas's hulpvraag shows the
    third school as "School nu", and that school's IB'er finds it."""
    hulpvraag = hulpvraag_op_school(omgeving.ib_kompas, omgeving.kompas)
    _samenvoegen(omgeving)
    derde = SchoolFactory.create(
        swv=omgeving.ppo, naam="De Brug", code="34EF00", regio=omgeving.noord
    )
    _samenvoegen(omgeving, school=omgeving.regenboog, in_school=derde)
    ib_derde = account_maken(omgeving.ppo, "ldebrug", scholen=(derde,))
    pagina = omgeving.client(ib_derde).get(_detail(hulpvraag)).content.decode()
    assert "School bij indienen" in pagina and "Het Kompas (23CD00)" in pagina
    assert "School nu" in pagina and "De Brug (34EF00)" in pagina


def test_r45_hulpvraag_shows_the_school_as_filed_and_as_now_after_a_rename(omgeving: Omgeving):
    hulpvraag = hulpvraag_op_school(omgeving.ib_regenboog, omgeving.regenboog)
    client = omgeving.client(omgeving.ib_regenboog)
    with CaptureQueriesContext(connection) as voor:
        pagina = client.get(_detail(hulpvraag)).content.decode()
    assert "School bij indienen" not in pagina
    services.school_wijzigen(
        door=omgeving.beheerder,
        school=omgeving.regenboog,
        naam="De Regenboog Slinge",
        code="12AB01",
        regio=omgeving.regenboog.regio,
        bestuur=omgeving.regenboog.bestuur,
        ingangsdatum=timezone.localdate(),
    )
    with CaptureQueriesContext(connection) as na:
        pagina = client.get(_detail(hulpvraag)).content.decode()
    assert "School bij indienen" in pagina and "De Regenboog (12AB00)" in pagina
    assert "School nu" in pagina and "De Regenboog Slinge (12AB01)" in pagina
    assert len(na) == len(voor)
    # A hulpvraag filed after the rename shows the one name only.
    later = hulpvraag_op_school(omgeving.ib_regenboog, omgeving.regenboog, roepnaam="Later")
    assert "School bij indienen" not in client.get(_detail(later)).content.decode()

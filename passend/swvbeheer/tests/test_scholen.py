"""R45: schools through their life: new, rename, new BRIN/vestiging, another regio or bestuur,
close; the history kept with dates; hulpvragen stay with the school."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from passend.audit.models import Beheerhandeling
from passend.hulpvragen.models import Hulpvraag, Hulpvraagtitel
from passend.hulpvragen.services import hulpvraag_aanmaken
from passend.hulpvragen.tests.conftest import Omgeving
from passend.hulpvragen.tests.factories import hulpvraag_op_school
from passend.organisaties.models import Bestuur, Schoolgeschiedenis
from passend.organisaties.tests.factories import BestuurFactory
from passend.swvbeheer import services

pytestmark = pytest.mark.django_db


def _wijzigen(o: Omgeving, **velden: object) -> None:
    school = o.regenboog
    gegevens: dict[str, object] = {
        "door": o.beheerder,
        "school": school,
        "naam": school.naam,
        "code": school.code,
        "regio": school.regio,
        "bestuur": school.bestuur,
        "ingangsdatum": timezone.localdate(),
        **velden,
    }
    services.school_wijzigen(**gegevens)  # type: ignore[arg-type]


def test_r45_rename_new_brin_and_move_keep_history_with_dates_and_the_hulpvragen(
    omgeving: Omgeving,
):
    hulpvraag = hulpvraag_op_school(omgeving.ib_regenboog, omgeving.regenboog)
    eerder = timezone.localdate() - timedelta(days=10)
    _wijzigen(omgeving, naam="De Regenboog Slinge", code="12ab01", ingangsdatum=eerder)
    ander_bestuur = BestuurFactory.create(swv=omgeving.ppo)
    _wijzigen(
        omgeving,
        naam="De Regenboog Slinge",
        code="12AB01",
        regio=omgeving.noord,
        bestuur=ander_bestuur,
    )
    rijen = list(Schoolgeschiedenis.objects.filter(school=omgeving.regenboog))
    assert [r.soort for r in rijen] == ["begin", "gewijzigd", "gewijzigd"]
    assert (rijen[0].naam, rijen[0].code) == ("De Regenboog", "12AB00")
    assert rijen[1].ingangsdatum == eerder and rijen[1].wijzigingen == ["naam", "code"]
    assert rijen[2].wijzigingen == ["regio", "bestuur"] and rijen[2].regio == "Noord"
    # The school is the same one: its hulpvraag stays, reachable by its IB'er.
    hulpvraag = Hulpvraag.objects.get(pk=hulpvraag.pk)
    assert hulpvraag.schoolgegevens.school.naam == "De Regenboog Slinge"
    assert (
        omgeving.client(omgeving.ib_regenboog)
        .get(reverse("hulpvragen:detail", args=[hulpvraag.referentie]))
        .status_code
        == 200
    )
    log = Beheerhandeling.objects.filter(gebeurtenis="school_gewijzigd").order_by("tijd").first()
    assert log is not None and log.voor["naam"] == "De Regenboog" and log.objecttype == "school"


def test_r45_bad_input_is_refused_with_a_reason(omgeving: Omgeving):
    with pytest.raises(ValidationError) as fout:
        _wijzigen(omgeving, code="12AB0")
    assert "code" in fout.value.message_dict
    with pytest.raises(ValidationError) as fout:
        _wijzigen(omgeving, code=omgeving.kompas.code)
    with pytest.raises(ValidationError) as fout:
        _wijzigen(omgeving, naam="Later", ingangsdatum=timezone.localdate() + timedelta(days=1))
    assert "ingangsdatum" in fout.value.message_dict
    bestuur_ander = BestuurFactory.create(swv=omgeving.ander_swv)
    with pytest.raises(ValidationError) as fout:
        _wijzigen(omgeving, bestuur=bestuur_ander)
    assert "bestuur" in fout.value.message_dict
    with pytest.raises(PermissionDenied):
        _wijzigen(omgeving, door=omgeving.scp, naam="Anders")
    assert not Schoolgeschiedenis.objects.exists()


def test_r45_a_closed_school_takes_no_new_hulpvragen_and_lists_its_open_ones(
    omgeving: Omgeving,
):
    open_hulpvraag = hulpvraag_op_school(omgeving.ib_regenboog, omgeving.regenboog)
    client = omgeving.client(omgeving.beheerder)
    url = reverse("swvbeheer:school_sluiten", args=[omgeving.regenboog.pk])
    assert open_hulpvraag.referentie in client.get(url).content.decode()
    assert client.post(url, {"op": timezone.localdate().strftime("%d-%m-%Y")}).status_code == 302
    open_hulpvraag = Hulpvraag.objects.get(pk=open_hulpvraag.pk)
    with pytest.raises(ValidationError, match="gesloten"):
        hulpvraag_aanmaken(
            leerling=open_hulpvraag.leerling,
            schoolgegevens=open_hulpvraag.schoolgegevens,
            titel=Hulpvraagtitel.objects.get(swv=omgeving.ppo, naam="Ambulante Begeleiding"),
            door=omgeving.ib_regenboog,
        )
    assert [r.soort for r in Schoolgeschiedenis.objects.filter(school=omgeving.regenboog)] == [
        "begin",
        "gesloten",
    ]
    # The open one stays reachable.
    assert (
        omgeving.client(omgeving.ib_regenboog)
        .get(reverse("hulpvragen:detail", args=[open_hulpvraag.referentie]))
        .status_code
        == 200
    )


def test_r45_school_screens_new_school_and_history(omgeving: Omgeving):
    client = omgeving.client(omgeving.beheerder)
    bestuur = Bestuur.objects.filter(swv=omgeving.ppo).first() or BestuurFactory.create(
        swv=omgeving.ppo
    )
    antwoord = client.post(
        reverse("swvbeheer:school_nieuw"),
        {
            "naam": "De Horizon",
            "code": "12AB",
            "regio": omgeving.noord.pk,
            "bestuur": bestuur.pk,
            "ingangsdatum": timezone.localdate().strftime("%d-%m-%Y"),
        },
    )
    assert antwoord.status_code == 200 and 'value="De Horizon"' in antwoord.content.decode()
    antwoord = client.post(
        reverse("swvbeheer:school_nieuw"),
        {
            "naam": "De Horizon",
            "code": "45EF00",
            "regio": omgeving.noord.pk,
            "bestuur": bestuur.pk,
            "ingangsdatum": timezone.localdate().strftime("%d-%m-%Y"),
        },
    )
    assert antwoord.status_code == 302
    lijst = client.get(reverse("swvbeheer:scholen")).content.decode()
    assert "De Horizon" in lijst and "45EF00" in lijst and omgeving.extern.naam in lijst
    assert "PO9999" not in lijst
    detail = client.get(antwoord["Location"]).content.decode()
    assert "nieuwe school" in detail

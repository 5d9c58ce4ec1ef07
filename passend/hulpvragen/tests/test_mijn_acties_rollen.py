"""Issue 18.7 (B5): Mijn acties knows every SWV role. A hulpvraag waiting on the SWV without a
coördinator is in the list of everyone whose role may move it on, so it waits on someone."""

import pytest
from django.urls import reverse

from passend.accounts.tests.factories import account_maken
from passend.hulpvragen.services import hulpvraag_behandeling_wijzigen
from passend.hulpvragen.tests.factories import hulpvraag_op_school
from passend.processen.models import Statusovergang

pytestmark = pytest.mark.django_db
MIJN_ACTIES = reverse("hulpvragen:mijn_acties")
LEEG = "Er wachten nu geen hulpvragen op u"


def _referenties(client) -> set[str]:  # type: ignore[no-untyped-def]
    antwoord = client.get(MIJN_ACTIES)
    assert antwoord.status_code == 200
    return {r for r in antwoord.context["pagina"].object_list.values_list("referentie", flat=True)}


def test_b5_unassigned_tlv_requests_wait_on_the_tlv_administration(omgeving):
    tlv = account_maken(omgeving.ppo, "tadmin", rol="tlv_administratie")
    # The TLV titles start at TLV_2_indienen without a coördinator (the SWV assigns one).
    eerste = hulpvraag_op_school(omgeving.ib_kompas, omgeving.kompas, "TLV -Nieuw")
    tweede = hulpvraag_op_school(omgeving.ib_kompas, omgeving.kompas, "TLV -Verlenging")
    assert eerste.status.naam == "TLV_2_indienen" and eerste.coordinator is None
    # Someone else's: a coördinator is set, so it waits on them, not on every TLV administrator.
    toegewezen = hulpvraag_op_school(omgeving.ib_kompas, omgeving.kompas, "TLV -Verlaging/ophoging")
    hulpvraag_behandeling_wijzigen(
        hulpvraag=toegewezen, door=omgeving.scp, coordinator=omgeving.coordinator, labels=[]
    )
    # Not the SWV's turn yet (TLV_1_voorlopig, invisible to it): no one's action at the SWV.
    hulpvraag_op_school(omgeving.ib_regenboog, omgeving.regenboog, "TLV-aanvraag (IJsselmonde)")

    client = omgeving.client(tlv)
    assert _referenties(client) == {eerste.referentie, tweede.referentie}
    assert LEEG not in client.get(MIJN_ACTIES).content.decode()
    # The TLV process names its function (issue 12 item 6): the queue is the TLV
    # administration's, not every SWV role's; a coördinator sees their own.
    assert _referenties(omgeving.client(omgeving.coordinator)) == {toegewezen.referentie}
    # Once someone takes one up, it waits on them alone.
    hulpvraag_behandeling_wijzigen(
        hulpvraag=eerste, door=tlv, coordinator=omgeving.coordinator, labels=[]
    )
    assert _referenties(client) == {tweede.referentie}


def test_b5_an_unassigned_request_is_listed_only_for_roles_that_may_move_it_on(omgeving):
    tlv = account_maken(omgeving.ppo, "tadmin", rol="tlv_administratie")
    hulpvraag = hulpvraag_op_school(omgeving.ib_regenboog, omgeving.regenboog)
    hulpvraag_behandeling_wijzigen(
        hulpvraag=hulpvraag, door=omgeving.scp, coordinator=None, labels=[]
    )
    assert hulpvraag.status.naam == "Aanmelding"
    client = omgeving.client(tlv)  # one login: a code works once
    assert hulpvraag.referentie in _referenties(client)
    # A process where the TLV administration has no step from Aanmelding: not theirs to pick up.
    for overgang in Statusovergang.objects.filter(van=hulpvraag.status):
        overgang.rollen.remove(*overgang.rollen.filter(code="tlv_administratie"))
    assert _referenties(client) == set()
    assert LEEG in client.get(MIJN_ACTIES).content.decode()
    assert hulpvraag.referentie in _referenties(omgeving.client(omgeving.coordinator))
    # School staff never see it as theirs: Aanmelding is the SWV's turn.
    assert _referenties(omgeving.client(omgeving.ib_regenboog)) == set()


def test_b5_r32_oppakken_makes_the_one_who_takes_it_up_its_coordinator(omgeving):
    tlv = account_maken(omgeving.ppo, "tadmin", rol="tlv_administratie")
    collega = account_maken(omgeving.ppo, "tadmin2", rol="tlv_administratie")
    hulpvraag = hulpvraag_op_school(omgeving.ib_kompas, omgeving.kompas, "TLV -Nieuw")
    detail = reverse("hulpvragen:detail", args=[hulpvraag.referentie])
    oppakken = reverse("hulpvragen:oppakken", args=[hulpvraag.referentie])
    client, ander = omgeving.client(tlv), omgeving.client(collega)
    assert "Oppakken" in client.get(detail).content.decode()
    # Not in the queue of the school, nor of an SWV role the process does not name.
    for gebruiker in (omgeving.ib_kompas, omgeving.coordinator):
        andere_client = omgeving.client(gebruiker)
        assert "Oppakken" not in andere_client.get(detail).content.decode()
        assert andere_client.post(oppakken).status_code == 404
    antwoord = client.post(oppakken, follow=True)
    assert "U bent nu coördinator van deze hulpvraag." in antwoord.content.decode()
    hulpvraag.refresh_from_db()
    assert hulpvraag.coordinator == tlv
    assert _referenties(client) == {hulpvraag.referentie}
    assert _referenties(ander) == set()
    # The colleague who had the page open: told who was first, nothing changes.
    antwoord = ander.post(oppakken, follow=True)
    assert "heeft deze hulpvraag intussen opgepakt" in antwoord.content.decode()
    hulpvraag.refresh_from_db()
    assert hulpvraag.coordinator == tlv

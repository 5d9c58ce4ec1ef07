"""SWV-beheer: an application administrator edits the own SWV's processes and titles in the
admin (issue: processes as data), and sees nothing of another SWV (tenant isolation)."""

import re

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from passend.accounts.tests.factories import account_maken, inloggen
from passend.organisaties.tests.factories import RegioFactory, SamenwerkingsverbandFactory
from passend.processen.models import Hulpvraagtitel, Proces

pytestmark = pytest.mark.django_db


@pytest.fixture
def twee_swvs(ppo):  # type: ignore[no-untyped-def]
    RegioFactory.create(swv=ppo, naam="IJsselmonde")
    call_command("preset_laden", "PO2806", verbosity=0)
    ander = SamenwerkingsverbandFactory.create(code="PO9999", naam="SWV Voorbeeldstad")
    RegioFactory.create(swv=ander, naam="IJsselmonde")
    call_command("preset_laden", "PO9999", verbosity=0)
    return ppo, ander


def beheerder_client(swv, gebruikersnaam: str = "bhendriks") -> Client:  # type: ignore[no-untyped-def]
    client = Client()
    inloggen(client, account_maken(swv, gebruikersnaam, rol="applicatiebeheerder"))
    return client


def test_application_administrator_sees_only_the_own_swvs_configuration(twee_swvs):
    ppo, ander = twee_swvs
    client = beheerder_client(ppo)
    lijst = client.get(reverse("swv_beheer:processen_proces_changelist")).content.decode()
    assert lijst.count("Ondersteuningsbudget") == 1  # one SWV's processes, not two
    eigen = Proces.objects.get(swv=ppo, code="ondersteuningsbudget")
    vreemd = Proces.objects.get(swv=ander, code="ondersteuningsbudget")
    assert (
        client.get(reverse("swv_beheer:processen_proces_change", args=[eigen.pk])).status_code
        == 200
    )
    vreemde_pagina = client.get(reverse("swv_beheer:processen_proces_change", args=[vreemd.pk]))
    assert vreemde_pagina.status_code == 302  # the admin's "does not exist" redirect
    vreemde_titel = Hulpvraagtitel.objects.get(swv=ander, naam="KANS")
    assert (
        client.get(
            reverse("swv_beheer:processen_hulpvraagtitel_change", args=[vreemde_titel.pk])
        ).status_code
        == 302
    )


def test_application_administrator_edits_a_status_instruction(twee_swvs):
    ppo, ander = twee_swvs
    client = beheerder_client(ppo)
    titel = Hulpvraagtitel.objects.get(swv=ppo, naam="KANS")
    url = reverse("swv_beheer:processen_hulpvraagtitel_change", args=[titel.pk])
    pagina = client.get(url).content.decode()
    # Choices come from the own SWV only: one "Aanmelding" per process of PPO, none of PO9999.
    vreemde_status = ander.processen.get(code="herstart_kans").statussen.get(naam="Aanmelding")
    assert f'value="{vreemde_status.pk}"' not in pagina
    assert 'name="swv"' not in pagina
    antwoord = client.post(
        url,
        {
            "naam": "KANS",
            "proces": titel.proces_id,
            "beginstatus": titel.beginstatus_id,
            "coordinatortoewijzing": "geen",
            "actief": "on",
            "volgorde": titel.volgorde,
        },
    )
    assert antwoord.status_code == 302, antwoord.content.decode()[:2000]
    titel.refresh_from_db()
    assert titel.coordinatortoewijzing == "geen"
    # A status of another SWV cannot be slipped in as beginstatus.
    antwoord = client.post(
        url,
        {
            "naam": "KANS",
            "proces": titel.proces_id,
            "beginstatus": vreemde_status.pk,
            "coordinatortoewijzing": "geen",
            "volgorde": 1,
        },
    )
    assert antwoord.status_code == 200
    titel.refresh_from_db()
    assert titel.beginstatus.proces.swv_id == ppo.pk


def test_only_application_administrators_reach_swv_beheer(twee_swvs):
    ppo, _ = twee_swvs
    scp = Client()
    inloggen(scp, account_maken(ppo, "pjansen", rol="schoolcontactpersoon"))
    assert scp.get(reverse("swv_beheer:index")).status_code == 302
    assert "SWV-beheer" not in scp.get("/").content.decode()
    beheerder = beheerder_client(ppo)
    assert beheerder.get(reverse("swv_beheer:index")).status_code == 200
    assert "SWV-beheer" in beheerder.get("/").content.decode()
    assert beheerder.get("/beheer/").status_code == 302  # the operators' admin is not theirs


def test_the_process_page_offers_the_registered_conditions_of_a_transition(twee_swvs):
    """An administrator picks a transition's conditions from what the apps registered, as
    checkboxes; the PPO preset's history condition shows checked where it applies."""
    ppo, _ = twee_swvs
    proces = Proces.objects.get(swv=ppo, code="algemeen")
    pagina = beheerder_client(ppo).get(
        reverse("swv_beheer:processen_proces_change", args=[proces.pk])
    )
    html = pagina.content.decode()
    # Each transition's row, and the empty row the admin keeps for adding one.
    assert html.count('value="swv_nog_niet_begonnen"') == proces.overgangen.count() + 1
    aangevinkt = re.findall(r'<input[^>]*value="swv_nog_niet_begonnen"[^>]*checked>', html)
    assert len(aangevinkt) == 1
    assert "Het samenwerkingsverband nam nog geen stap" in html

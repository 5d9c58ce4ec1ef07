"""Issue 17 item 5: a role with no work sees what it can do and whom to ask, never a bare empty
list. Every role that handles hulpvragen, in an SWV where nothing has been submitted yet, opens
each page of its menu; the empty part of the page says what comes there and what to do."""

import re

import pytest
from django.test import Client
from django.urls import reverse

from passend.accounts import rollen
from passend.accounts.tests.factories import account_maken, inloggen
from passend.organisaties.models import Samenwerkingsverband, School
from passend.web.navigation import HOOFDMENU

# What the empty part says, per kind of account: a school user is pointed to Toevoegen, SWV
# staff are told a school submits, and someone whose roles give no work to the SWV's beheerder.
SCHOOL = "Met Toevoegen hierboven"
SWV = "zodra een school hem indient"
VRAAG_BEHEERDER = "applicatiebeheerder van uw samenwerkingsverband"

VERWACHT = {
    # role: {url name: a phrase the empty part must hold}
    rollen.INTERN_BEGELEIDER: {
        "start": "geen hulpvragen waarin uw school actie moet ondernemen",
        "hulpvragen:lijst": SCHOOL,
        "overlegrondes:lijst": "start er een met de knop hieronder",
    },
    rollen.DIRECTEUR: {"hulpvragen:lijst": SCHOOL},
    rollen.COORDINATOR: {
        "start": "Er wachten nu geen hulpvragen op u",
        "hulpvragen:lijst": SWV,
        "formulieren:termijnen": "Zodra een TLV is afgegeven",
    },
    rollen.SCHOOLCONTACTPERSOON: {"hulpvragen:lijst": SWV},
    rollen.TLV_ADMINISTRATIE: {"hulpvragen:lijst": SWV},
    rollen.DESKUNDIGE: {"hulpvragen:lijst": SWV},
    rollen.REGIOMANAGER: {"hulpvragen:lijst": SWV},
    rollen.APPLICATIEBEHEERDER: {
        "hulpvragen:lijst": SWV,
        "overlegrondes:lijst": "Een school start een overlegronde vanaf een hulpvraag",
    },
}


def _leeg_deel(html: str) -> str:
    gevonden = re.findall(r'<p class="leeg">(.*?)</p>', html, flags=re.S)
    assert gevonden, "the page shows no explanation where its list is empty"
    return " ".join(gevonden)


@pytest.mark.parametrize("rol", sorted(VERWACHT))
def test_lege_schermen_leggen_uit_wat_u_kunt_doen(
    client: Client, ppo: Samenwerkingsverband, school: School, rol: str
) -> None:
    gebruiker = account_maken(ppo, f"leeg_{rol}"[:30], rol=rol, scholen=(school,))
    inloggen(client, gebruiker)
    menu = {item.url_name for item in HOOFDMENU if item.voor(gebruiker)}
    for url_naam, zin in VERWACHT[rol].items():
        assert url_naam in menu, f"{rol} has no menu item {url_naam}"
        antwoord = client.get(reverse(url_naam))
        assert antwoord.status_code == 200
        assert zin in _leeg_deel(antwoord.content.decode()), (rol, url_naam)


def test_lege_schermen_account_zonder_werkrol_hoort_wie_het_kan_regelen(
    client: Client, ppo: Samenwerkingsverband
) -> None:
    """An account whose roles were all taken away: its landing page names the beheerder."""
    gebruiker = account_maken(ppo, "zonderrol", rol=rollen.COORDINATOR)
    gebruiker.rollen.clear()
    inloggen(client, gebruiker)
    assert VRAAG_BEHEERDER in _leeg_deel(client.get(reverse("start")).content.decode())
    assert VRAAG_BEHEERDER in _leeg_deel(client.get(reverse("hulpvragen:lijst")).content.decode())

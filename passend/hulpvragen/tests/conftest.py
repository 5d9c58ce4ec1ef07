"""A small PPO Rotterdam: the preset processes, schools in IJsselmonde and Noord, and accounts
for every side, plus a second SWV to prove nothing crosses over."""

from dataclasses import dataclass

import pytest
from django.core.management import call_command
from django.test import Client

from passend.accounts.models import Gebruiker, Schoolcontactpersoon
from passend.accounts.tests.factories import account_maken, inloggen
from passend.organisaties.models import Regio, Samenwerkingsverband, School
from passend.organisaties.tests.factories import (
    RegioFactory,
    SamenwerkingsverbandFactory,
    SchoolFactory,
)


@dataclass
class Omgeving:
    ppo: Samenwerkingsverband
    ijsselmonde: Regio
    noord: Regio
    regenboog: School  # IJsselmonde
    kompas: School  # Noord
    extern: School  # another SWV's school that may submit here (R8)
    ib_regenboog: Gebruiker
    ib_kompas: Gebruiker
    scp: Gebruiker
    coordinator: Gebruiker
    regiomanager: Gebruiker
    beheerder: Gebruiker
    ouder: Gebruiker
    ander_swv: Samenwerkingsverband
    ib_ander_swv: Gebruiker

    def client(self, gebruiker: Gebruiker) -> Client:
        client = Client()
        inloggen(client, gebruiker)
        return client


@pytest.fixture
def omgeving(ppo: Samenwerkingsverband) -> Omgeving:
    ijsselmonde = RegioFactory.create(swv=ppo, naam="IJsselmonde")
    noord = RegioFactory.create(swv=ppo, naam="Noord")
    call_command("preset_laden", "PO2806", verbosity=0)
    regenboog = SchoolFactory.create(swv=ppo, naam="De Regenboog", code="12AB00", regio=ijsselmonde)
    kompas = SchoolFactory.create(swv=ppo, naam="Het Kompas", code="23CD00", regio=noord)
    extern = SchoolFactory.create(
        swv=ppo, naam="Anders Leren", code="09BA00", regio=None, aangesloten=False
    )
    scp = account_maken(ppo, "pjansen", rol="schoolcontactpersoon")
    for school in (regenboog, kompas, extern):
        Schoolcontactpersoon.objects.create(school=school, gebruiker=scp)
    ander_swv = SamenwerkingsverbandFactory.create(code="PO9999", naam="SWV Voorbeeldstad")
    return Omgeving(
        ppo=ppo,
        ijsselmonde=ijsselmonde,
        noord=noord,
        regenboog=regenboog,
        kompas=kompas,
        extern=extern,
        ib_regenboog=account_maken(ppo, "iverhoef", scholen=(regenboog,)),
        ib_kompas=account_maken(ppo, "hschaap", scholen=(kompas,)),
        scp=scp,
        coordinator=account_maken(ppo, "kbakker", rol="coordinator"),
        regiomanager=account_maken(ppo, "smeijer", rol="regiomanager"),
        beheerder=account_maken(ppo, "bhendriks", rol="applicatiebeheerder"),
        ouder=account_maken(ppo, "opeters", rol="ouder"),
        ander_swv=ander_swv,
        ib_ander_swv=account_maken(ander_swv, "iverhoef"),
    )

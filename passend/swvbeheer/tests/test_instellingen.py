"""Issue 16 item 1: the SWV's simple configuration (labels, document types, schoolcontactpersonen,
the settings for attachments and overlegrondes) on SWV-beheer's own screens: own SWV only, a
clear Dutch message on bad input with the typed text kept, every change in the beheerlog with
before and after (R31, R32, R3)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from passend.accounts.models import Schoolcontactpersoon
from passend.accounts.tests.factories import account_maken
from passend.audit.models import Beheerhandeling
from passend.bijlagen.models import Documenttype
from passend.bijlagen.selectors import bijlageinstellingen
from passend.hulpvragen.models import Label
from passend.hulpvragen.tests.conftest import Omgeving
from passend.organisaties.tests.factories import SchoolFactory
from passend.overlegrondes.models import Overlegrondeinstellingen
from passend.processen.models import Hulpvraagtitel

pytestmark = pytest.mark.django_db


def _inhoud(antwoord) -> str:  # type: ignore[no-untyped-def]
    return antwoord.content.decode()


def test_r31_the_administrator_adds_renames_and_removes_a_label_logged_with_before_and_after(
    omgeving: Omgeving,
):
    vreemd = Label.objects.create(swv=omgeving.ander_swv, naam="Vreemd label")
    client = omgeving.client(omgeving.beheerder)
    antwoord = client.post(
        reverse("swvbeheer:instelling_nieuw", args=["labels"]), {"naam": "Wachtlijst"}
    )
    assert antwoord.status_code == 302
    label = Label.objects.get(naam="Wachtlijst")
    assert label.swv_id == omgeving.ppo.pk

    lijst = _inhoud(client.get(reverse("swvbeheer:instellingen", args=["labels"])))
    assert "Wachtlijst" in lijst and "Vreemd label" not in lijst

    url = reverse("swvbeheer:instelling", args=["labels", label.pk])
    assert client.post(url, {"naam": "Wachtlijst 2027"}).status_code == 302
    client.post(url, {"naam": "Wachtlijst 2027"})  # unchanged: no second row
    log = list(
        Beheerhandeling.objects.filter(objecttype="label", object_id=str(label.pk))
        .order_by("tijd", "pk")
        .values_list("gebeurtenis", "voor", "na", "gebruikersnaam")
    )
    assert log == [
        ("instelling_aangemaakt", {}, {"naam": "Wachtlijst"}, "bhendriks"),
        ("instelling_gewijzigd", {"naam": "Wachtlijst"}, {"naam": "Wachtlijst 2027"}, "bhendriks"),
    ]

    verwijderen = reverse("swvbeheer:instelling_verwijderen", args=["labels", label.pk])
    assert client.post(verwijderen).status_code == 302
    assert not Label.objects.filter(pk=label.pk).exists()
    assert Beheerhandeling.objects.get(gebeurtenis="instelling_verwijderd").voor == {
        "naam": "Wachtlijst 2027"
    }

    # Another SWV's label: a 404 on every path, and it stays as it was.
    for pad in (
        reverse("swvbeheer:instelling", args=["labels", vreemd.pk]),
        reverse("swvbeheer:instelling_verwijderen", args=["labels", vreemd.pk]),
    ):
        assert client.post(pad, {"naam": "Overgenomen"}).status_code == 404
    vreemd.refresh_from_db()
    assert vreemd.naam == "Vreemd label"


def test_r31_a_duplicate_label_name_gets_a_dutch_message_beside_the_field_and_keeps_the_text(
    omgeving: Omgeving,
):
    Label.objects.create(swv=omgeving.ppo, naam="Spoed")
    Label.objects.create(swv=omgeving.ander_swv, naam="Wachtlijst")
    client = omgeving.client(omgeving.beheerder)
    url = reverse("swvbeheer:instelling_nieuw", args=["labels"])
    antwoord = client.post(url, {"naam": "Spoed"})
    assert antwoord.status_code == 200
    pagina = _inhoud(antwoord)
    assert "Er is al een label met deze naam." in pagina
    assert 'value="Spoed"' in pagina
    assert Label.objects.filter(swv=omgeving.ppo, naam="Spoed").count() == 1
    # The same name in another SWV is no conflict.
    assert client.post(url, {"naam": "Wachtlijst"}).status_code == 302


def test_i12_the_administrator_edits_the_own_kinds_of_document(omgeving: Omgeving):
    ander = Documenttype.objects.create(swv=omgeving.ander_swv, code="opp", naam="Vreemd OPP")
    client = omgeving.client(omgeving.beheerder)
    lijst = _inhoud(client.get(reverse("swvbeheer:instellingen", args=["documenttypen"])))
    assert "Deskundigenadvies" in lijst and "Vreemd OPP" not in lijst
    eigen = Documenttype.objects.get(swv=omgeving.ppo, code="evaluatie")
    url = reverse("swvbeheer:instelling", args=["documenttypen", eigen.pk])
    # 'actief' unticked: retired, not removed (attachments and conditions refer to it).
    antwoord = client.post(url, {"naam": "Evaluatieverslag", "code": "evaluatie", "volgorde": 6})
    assert antwoord.status_code == 302
    eigen.refresh_from_db()
    assert (eigen.naam, eigen.actief) == ("Evaluatieverslag", False)
    log = Beheerhandeling.objects.get(objecttype="documenttype")
    assert (log.voor["actief"], log.na["actief"]) == (True, False)
    assert (
        client.get(reverse("swvbeheer:instelling", args=["documenttypen", ander.pk])).status_code
        == 404
    )
    bezet = client.post(
        reverse("swvbeheer:instelling_nieuw", args=["documenttypen"]),
        {"naam": "Nog een OPP", "code": "opp", "volgorde": 1, "actief": "on"},
    )
    assert "Er is al een soort document met deze code." in _inhoud(bezet)
    # No remove: a document type in use would leave attachments without one.
    assert (
        client.post(
            reverse("swvbeheer:instelling_verwijderen", args=["documenttypen", eigen.pk])
        ).status_code
        == 404
    )


def test_r32_the_administrator_names_a_schools_contactpersoon_from_the_own_scps_only(
    omgeving: Omgeving,
):
    nieuwe_scp = account_maken(omgeving.ppo, "mdevries", rol="schoolcontactpersoon")
    vreemde_scp = account_maken(omgeving.ander_swv, "xvreemd", rol="schoolcontactpersoon")
    client = omgeving.client(omgeving.beheerder)
    koppeling = Schoolcontactpersoon.objects.get(school=omgeving.regenboog)
    url = reverse("swvbeheer:instelling", args=["schoolcontactpersonen", koppeling.pk])
    pagina = _inhoud(client.get(url))
    assert f'value="{nieuwe_scp.pk}"' in pagina
    assert f'value="{vreemde_scp.pk}"' not in pagina
    assert f'value="{omgeving.coordinator.pk}"' not in pagina  # not an SCP

    geweigerd = client.post(url, {"school": omgeving.regenboog.pk, "gebruiker": vreemde_scp.pk})
    assert geweigerd.status_code == 200
    assert "veld__fout" in _inhoud(geweigerd)
    antwoord = client.post(url, {"school": omgeving.regenboog.pk, "gebruiker": nieuwe_scp.pk})
    assert antwoord.status_code == 302
    koppeling.refresh_from_db()
    assert koppeling.gebruiker == nieuwe_scp
    log = Beheerhandeling.objects.get(objecttype="schoolcontactpersoon")
    assert (log.voor["gebruiker"], log.na["gebruiker"]) == (omgeving.scp.pk, nieuwe_scp.pk)

    # A second contact person for the same school is refused beside the field.
    dubbel = client.post(
        reverse("swvbeheer:instelling_nieuw", args=["schoolcontactpersonen"]),
        {"school": omgeving.regenboog.pk, "gebruiker": omgeving.scp.pk},
    )
    assert dubbel.status_code == 200 and "veld__fout" in _inhoud(dubbel)


def test_r3_the_administrator_sets_the_own_swvs_attachment_limit(omgeving: Omgeving):
    client = omgeving.client(omgeving.beheerder)
    assert bijlageinstellingen(omgeving.ppo).max_bijlage_mb == 10  # the default
    url = reverse("swvbeheer:instelling_enkel", args=["bijlagen"])
    pagina = _inhoud(client.get(url))
    assert 'name="max_bijlage_mb"' in pagina and 'value="10"' in pagina
    assert 'name="swv"' not in pagina
    assert client.post(url, {"max_bijlage_mb": "20"}).status_code == 302
    assert bijlageinstellingen(omgeving.ppo).max_bijlage_bytes == 20 * 1024 * 1024

    te_groot = client.post(url, {"max_bijlage_mb": "500"})
    assert te_groot.status_code == 200
    assert 'value="500"' in _inhoud(te_groot) and "veld__fout" in _inhoud(te_groot)
    assert bijlageinstellingen(omgeving.ppo).max_bijlage_mb == 20
    assert bijlageinstellingen(omgeving.ander_swv).max_bijlage_mb == 10
    log = Beheerhandeling.objects.get(objecttype="bijlageinstellingen")
    assert (log.gebeurtenis, log.na) == ("instelling_aangemaakt", {"max_bijlage_mb": 20})


def test_r33_the_administrator_sets_when_external_accounts_are_switched_off(omgeving: Omgeving):
    client = omgeving.client(omgeving.beheerder)
    url = reverse("swvbeheer:instelling_enkel", args=["overlegrondes"])
    assert client.post(url, {"deactiveren_na_dagen": "3"}).status_code == 200  # below 7
    assert client.post(url, {"deactiveren_na_dagen": "30"}).status_code == 302
    assert client.post(url, {"deactiveren_na_dagen": "60"}).status_code == 302
    assert Overlegrondeinstellingen.objects.get(swv=omgeving.ppo).deactiveren_na_dagen == 60
    assert not Overlegrondeinstellingen.objects.filter(swv=omgeving.ander_swv).exists()
    log = Beheerhandeling.objects.filter(objecttype="overlegrondeinstellingen").order_by(
        "tijd", "pk"
    )
    assert [(rij.voor, rij.na) for rij in log] == [
        ({}, {"deactiveren_na_dagen": 30}),
        ({"deactiveren_na_dagen": 30}, {"deactiveren_na_dagen": 60}),
    ]


@pytest.mark.parametrize("soort", ["labels", "documenttypen", "schoolcontactpersonen"])
def test_r42_a_configuration_list_takes_a_fixed_number_of_queries(omgeving: Omgeving, soort: str):
    client = omgeving.client(omgeving.beheerder)
    url = reverse("swvbeheer:instellingen", args=[soort])

    def aantal() -> int:
        with CaptureQueriesContext(connection) as vastgelegd:
            assert client.get(url).status_code == 200
        return len(vastgelegd)

    voor = aantal()
    for nummer in range(5):
        school = SchoolFactory.create(
            swv=omgeving.ppo, naam=f"School {nummer}", code=f"{nummer}0XY00", regio=omgeving.noord
        )
        Schoolcontactpersoon.objects.create(school=school, gebruiker=omgeving.scp)
        Label.objects.create(swv=omgeving.ppo, naam=f"Label {nummer}")
        Documenttype.objects.create(swv=omgeving.ppo, code=f"soort-{nummer}", naam=f"S {nummer}")
    assert aantal() == voor


def test_r42_no_one_but_the_own_administrator_reaches_the_configuration_screens(
    omgeving: Omgeving,
):
    label = Label.objects.create(swv=omgeving.ppo, naam="Spoed")
    urls = [
        reverse("swvbeheer:instellingen", args=["labels"]),
        reverse("swvbeheer:instelling", args=["labels", label.pk]),
        reverse("swvbeheer:instelling_enkel", args=["bijlagen"]),
        reverse("swvbeheer:instellingen", args=["bestaat-niet"]),
    ]
    for gebruiker in (omgeving.ib_regenboog, omgeving.scp, omgeving.coordinator):
        client = omgeving.client(gebruiker)
        for url in urls:
            assert client.get(url).status_code == 404, (gebruiker, url)
        assert client.post(urls[1], {"naam": "Gewijzigd"}).status_code == 404
    label.refresh_from_db()
    assert label.naam == "Spoed"
    assert not Beheerhandeling.objects.exists()
    assert not Hulpvraagtitel.objects.filter(naam="Gewijzigd").exists()

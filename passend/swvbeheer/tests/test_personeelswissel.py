"""R44: a staff change in one action, and per hulpvraag on "Schoolgegevens bewerken"."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from passend.accounts.models import Gebruiker
from passend.accounts.tests.factories import account_maken
from passend.audit.models import Beheerhandeling, Inzage
from passend.hulpvragen.models import Hulpvraag
from passend.hulpvragen.services import hulpvraag_status_wijzigen
from passend.hulpvragen.tests.conftest import Omgeving
from passend.hulpvragen.tests.factories import hulpvraag_op_school
from passend.notificaties.models import Bericht
from passend.swvbeheer import services

pytestmark = pytest.mark.django_db

NAMEN = ("Jan", "Mila", "Daan")


def _drie_hulpvragen(o: Omgeving) -> list[Hulpvraag]:
    return [
        hulpvraag_op_school(o.ib_regenboog, o.regenboog, roepnaam=naam, achternaam="Boven")
        for naam in NAMEN
    ]


def test_r44_staff_change_moves_every_open_hulpvraag_at_once_and_mails_a_summary(
    omgeving: Omgeving,
):
    hulpvragen = _drie_hulpvragen(omgeving)
    afgerond = hulpvraag_op_school(omgeving.ib_regenboog, omgeving.regenboog, roepnaam="Bas")
    afgerond.status = afgerond.status.proces.statussen.get(naam="Afgerond")
    afgerond.save()
    nieuw = account_maken(omgeving.ppo, "nvos", scholen=(omgeving.regenboog,))
    Bericht.objects.all().delete()
    verplaatst = services.personeelswissel_uitvoeren(
        door=omgeving.beheerder, vertrekkend=omgeving.ib_regenboog, nieuw=nieuw
    )
    assert sorted(h.pk for h in verplaatst.hulpvragen) == sorted(h.pk for h in hulpvragen)
    for hulpvraag in hulpvragen:
        schoolgegevens = Hulpvraag.objects.get(pk=hulpvraag.pk).schoolgegevens
        assert schoolgegevens.aanvrager == nieuw
        assert schoolgegevens.contactpersoon == nieuw.volledige_naam
        assert schoolgegevens.email == nieuw.email
    # The closed one keeps its history.
    assert Hulpvraag.objects.get(pk=afgerond.pk).schoolgegevens.aanvrager == omgeving.ib_regenboog
    # Logged per hulpvraag, and once in the beheerlog.
    assert Inzage.objects.filter(gebeurtenis="aanvrager_overgedragen").count() == 3
    log = Beheerhandeling.objects.get(gebeurtenis="personeelswissel_uitgevoerd")
    assert log.details["hulpvragen"] == 3 and log.na == {"account": nieuw.pk}
    # One summary mail, references only (P3).
    bericht = Bericht.objects.get()
    assert bericht.aan == [nieuw.email]
    assert all(h.referentie in bericht.tekst for h in hulpvragen)
    assert not any(naam in bericht.tekst for naam in NAMEN)
    # The next status mail goes to the new IB'er.
    Bericht.objects.all().delete()
    hulpvraag = Hulpvraag.objects.get(pk=hulpvragen[0].pk)
    hulpvraag_status_wijzigen(
        hulpvraag=hulpvraag,
        naar=hulpvraag.status.proces.statussen.get(naam="Dossier incompleet"),
        door=omgeving.scp,
        reden="Het OPP ontbreekt.",
    )
    assert Bericht.objects.get().aan == [nieuw.email]


def test_r44_staff_change_refuses_a_new_account_that_lacks_the_school(omgeving: Omgeving):
    _drie_hulpvragen(omgeving)
    with pytest.raises(ValidationError) as fout:
        services.personeelswissel_uitvoeren(
            door=omgeving.beheerder, vertrekkend=omgeving.ib_regenboog, nieuw=omgeving.ib_kompas
        )
    assert "De Regenboog" in str(fout.value.message_dict["nieuw"])
    with pytest.raises(ValidationError):
        services.personeelswissel_uitvoeren(
            door=omgeving.beheerder,
            vertrekkend=omgeving.ib_regenboog,
            nieuw=omgeving.ib_regenboog,
        )
    with pytest.raises(PermissionDenied):
        services.personeelswissel_uitvoeren(
            door=omgeving.scp, vertrekkend=omgeving.ib_regenboog, nieuw=omgeving.ib_kompas
        )
    assert not Inzage.objects.filter(gebeurtenis="aanvrager_overgedragen").exists()


def test_r44_staff_change_screen_previews_then_moves(omgeving: Omgeving):
    hulpvragen = _drie_hulpvragen(omgeving)
    nieuw = account_maken(omgeving.ppo, "nvos", scholen=(omgeving.regenboog,))
    client = omgeving.client(omgeving.beheerder)
    url = reverse("swvbeheer:personeelswissel")
    assert client.get(url, {"vertrekkend": omgeving.ib_regenboog.pk}).status_code == 200
    voorbeeld = client.get(url, {"vertrekkend": omgeving.ib_regenboog.pk, "nieuw": nieuw.pk})
    inhoud = voorbeeld.content.decode()
    assert all(h.referentie in inhoud for h in hulpvragen)
    assert "3 hulpvragen overdragen" in inhoud
    # The preview changed nothing.
    assert Hulpvraag.objects.get(pk=hulpvragen[0].pk).schoolgegevens.aanvrager != nieuw
    antwoord = client.post(url, {"vertrekkend": omgeving.ib_regenboog.pk, "nieuw": nieuw.pk})
    assert antwoord.status_code == 302
    assert Hulpvraag.objects.get(pk=hulpvragen[2].pk).schoolgegevens.aanvrager == nieuw


def test_r44_schoolgegevens_bewerken_takes_over_contact_of_the_new_aanvrager(omgeving: Omgeving):
    hulpvraag = hulpvraag_op_school(omgeving.ib_regenboog, omgeving.regenboog)
    nieuw = account_maken(omgeving.ppo, "nvos", scholen=(omgeving.regenboog,))
    Gebruiker.objects.filter(pk=nieuw.pk).update(voornaam="Noor", achternaam="Vos")
    nieuw.refresh_from_db()
    client = omgeving.client(omgeving.ib_regenboog)
    url = reverse("hulpvragen:schoolgegevens_bewerken", args=[hulpvraag.referentie])
    formulier = client.get(url).content.decode()
    assert "de nieuwe aanvrager wordt ook de contactpersoon" in formulier
    assert "e-mailadres van de nieuwe aanvrager" in formulier
    schoolgegevens = hulpvraag.schoolgegevens
    antwoord = client.post(
        url,
        {
            "aanvrager": nieuw.pk,
            "contactpersoon": schoolgegevens.contactpersoon,
            "email": schoolgegevens.email,
            "telefoon": "010-1234567",
            "contactpersoon_overnemen": "on",
            "email_overnemen": "on",
        },
    )
    assert antwoord.status_code == 302
    schoolgegevens.refresh_from_db()
    assert schoolgegevens.aanvrager == nieuw
    assert schoolgegevens.contactpersoon == nieuw.volledige_naam
    assert schoolgegevens.email == nieuw.email
    detail = client.get(reverse("hulpvragen:detail", args=[hulpvraag.referentie]))
    # The detail page shows the new contact, no longer the one who left (issue 16).
    assert "Noor Vos" in detail.content.decode()

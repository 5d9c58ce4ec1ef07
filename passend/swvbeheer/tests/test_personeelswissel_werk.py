"""R44: the staff change also moves unfinished forms (bevoegd gezag) and running
overlegrondes (starter, participant), in the same transaction, logged per hulpvraag with the
accounts before and after; a standing signature is never rewritten. And per hulpvraag: a new
aanvrager offers to take over the contactpersoon and the e-mail, so the mails follow."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from passend.accounts.models import Gebruiker
from passend.accounts.tests.factories import account_maken
from passend.audit.models import Beheerhandeling, Inzage
from passend.formulieren.models import Formulier, Ondertekening
from passend.formulieren.rechten import schrijfbare_vragen
from passend.formulieren.services import antwoorden_opslaan
from passend.formulieren.tests.factories import OB_SCHOOLANTWOORDEN, ob_aanvraag_invullen
from passend.hulpvragen.models import Hulpvraag
from passend.hulpvragen.services import hulpvraag_status_wijzigen
from passend.hulpvragen.tests.conftest import Omgeving
from passend.hulpvragen.tests.factories import hulpvraag_op_school
from passend.notificaties.models import Bericht
from passend.overlegrondes.models import Deelnemer, Overlegronde, Reactie
from passend.overlegrondes.services import reactie_toevoegen
from passend.overlegrondes.tests import conftest as overlegrondes_conftest
from passend.overlegrondes.tests.conftest import Overleg
from passend.swvbeheer import services

pytestmark = pytest.mark.django_db

overleg = overlegrondes_conftest.overleg


def _ob_formulier(hulpvraag: Hulpvraag) -> Formulier:
    return Formulier.objects.get(
        hulpvraag=hulpvraag, versie__definitie__code="aanvraag_ondersteuningsbudget"
    )


def test_r44_staff_change_moves_unsigned_forms_and_never_a_signature(omgeving: Omgeving):
    ib, regenboog = omgeving.ib_regenboog, omgeving.regenboog
    oud = account_maken(omgeving.ppo, "dbos", rol="directeur", scholen=(regenboog,))
    nieuw = account_maken(omgeving.ppo, "nvos", rol="directeur", scholen=(regenboog,))
    open_ob = hulpvraag_op_school(ib, regenboog, "Ondersteuningsbudget", roepnaam="Jan")
    ongetekend = _ob_formulier(open_ob)
    antwoorden_opslaan(
        formulier=ongetekend, door=ib, antwoorden={**OB_SCHOOLANTWOORDEN, "bevoegd_gezag": oud.pk}
    )
    getekend_ob = hulpvraag_op_school(ib, regenboog, "Ondersteuningsbudget", roepnaam="Mila")
    getekend = ob_aanvraag_invullen(getekend_ob, ib, oud)
    handtekening = Ondertekening.objects.get(formulier=getekend)

    # The preview says what moves and what stays, and why.
    client = omgeving.client(omgeving.beheerder)
    url = reverse("swvbeheer:personeelswissel")
    inhoud = client.get(url, {"vertrekkend": oud.pk, "nieuw": nieuw.pk}).content.decode()
    assert "Formulieren en overlegrondes die overgaan" in inhoud
    assert "Blijft zoals het is" in inhoud and "Ondertekend door" in inhoud
    assert "Formulieren en overlegrondes overdragen" in inhoud

    Bericht.objects.all().delete()
    antwoord = client.post(url, {"vertrekkend": oud.pk, "nieuw": nieuw.pk})
    assert antwoord.status_code == 302

    ongetekend.refresh_from_db()
    assert ongetekend.bevoegd_gezag == nieuw
    assert ongetekend.antwoorden["bevoegd_gezag"] == nieuw.pk
    # The new directeur now fills in and signs; the one who left no longer can.
    assert "ondertekening_bevoegd_gezag" in schrijfbare_vragen(nieuw, ongetekend)
    assert "ondertekening_bevoegd_gezag" not in schrijfbare_vragen(oud, ongetekend)
    # The signed form is untouched: same bevoegd gezag, same signature, same moment.
    getekend.refresh_from_db()
    assert getekend.bevoegd_gezag == oud
    assert getekend.antwoorden["bevoegd_gezag"] == oud.pk
    nu = Ondertekening.objects.get(pk=handtekening.pk)
    assert (nu.door, nu.op, nu.ingetrokken_op) == (oud, handtekening.op, None)
    # Logged per hulpvraag with the accounts before and after; history kept.
    rij = Inzage.objects.get(gebeurtenis="formulier_overgedragen")
    assert rij.object_id == open_ob.referentie
    assert rij.details["van"] == oud.pk and rij.details["naar"] == nieuw.pk
    assert rij.details["vragen"] == ["bevoegd_gezag"]
    assert Inzage.objects.filter(
        gebeurtenis="formulier_gewijzigd", object_id=open_ob.referentie
    ).exists()
    log = Beheerhandeling.objects.get(gebeurtenis="personeelswissel_uitgevoerd")
    assert log.details["formulieren"] == 1
    assert log.details["formulieren_niet_overgedragen"] == 1
    # The summary mail names the form and its hulpvraag, never the pupil.
    bericht = Bericht.objects.get()
    assert bericht.aan == [nieuw.email]
    assert open_ob.referentie in bericht.tekst and getekend_ob.referentie not in bericht.tekst
    assert "bevoegd gezag" in bericht.tekst
    assert "Jan" not in bericht.tekst and "Mila" not in bericht.tekst


def test_r44_a_form_whose_new_account_cannot_be_chosen_stays_and_says_why(omgeving: Omgeving):
    ib, regenboog = omgeving.ib_regenboog, omgeving.regenboog
    oud = account_maken(omgeving.ppo, "dbos", rol="directeur", scholen=(regenboog,))
    # An IB'er is no directeur: the form's bevoegd-gezag question lists only directeuren.
    nieuw = account_maken(omgeving.ppo, "nvos", scholen=(regenboog,))
    hulpvraag = hulpvraag_op_school(ib, regenboog, "Ondersteuningsbudget")
    formulier = _ob_formulier(hulpvraag)
    antwoorden_opslaan(formulier=formulier, door=ib, antwoorden={"bevoegd_gezag": oud.pk})
    inhoud = (
        omgeving.client(omgeving.beheerder)
        .get(reverse("swvbeheer:personeelswissel"), {"vertrekkend": oud.pk, "nieuw": nieuw.pk})
        .content.decode()
    )
    assert "kan hier niet gekozen worden" in inhoud
    resultaat = services.personeelswissel_uitvoeren(
        door=omgeving.beheerder, vertrekkend=oud, nieuw=nieuw
    )
    assert resultaat.formulieren == []
    formulier.refresh_from_db()
    assert formulier.bevoegd_gezag == oud


def test_r44_staff_change_moves_running_overlegrondes_and_keeps_reactions(overleg: Overleg):
    o = overleg.o
    vertrekkend = o.ib_regenboog
    nieuw = account_maken(o.ppo, "nvos", scholen=(o.regenboog,))
    collega = account_maken(o.ppo, "cdekker", scholen=(o.regenboog,))
    gestart = overleg.ronde()
    reactie = reactie_toevoegen(overlegronde=gestart, door=vertrekkend, tekst="Graag voor vrijdag.")
    als_deelnemer = overleg.ronde(door=collega, deelnemers=[vertrekkend, overleg.extern])
    gesloten = overleg.ronde(onderwerp="Eerder gesloten")
    Overlegronde.objects.filter(pk=gesloten.pk).update(gesloten_op=timezone.now())
    Bericht.objects.all().delete()

    resultaat = services.personeelswissel_uitvoeren(
        door=o.beheerder, vertrekkend=vertrekkend, nieuw=nieuw
    )
    assert {r.pk for r in resultaat.overlegrondes} == {gestart.pk, als_deelnemer.pk}
    assert Overlegronde.objects.get(pk=gestart.pk).aangemaakt_door == nieuw
    deelnemers = set(
        Deelnemer.objects.filter(overlegronde=als_deelnemer).values_list("gebruiker", flat=True)
    )
    assert nieuw.pk in deelnemers and vertrekkend.pk not in deelnemers
    # A closed round is history: it keeps who started it.
    assert Overlegronde.objects.get(pk=gesloten.pk).aangemaakt_door == vertrekkend
    # What was said keeps its author.
    assert Reactie.objects.get(pk=reactie.pk).door == vertrekkend
    rijen = Inzage.objects.filter(gebeurtenis="overlegronde_overgedragen")
    assert {r.object_id: r.details["rollen"] for r in rijen} == {
        gestart.referentie: ["aanmaker"],
        als_deelnemer.referentie: ["deelnemer"],
    }
    assert all(r.details["van"] == vertrekkend.pk and r.details["naar"] == nieuw.pk for r in rijen)
    # Also the hulpvraag itself moved, and one mail lists it all.
    assert Hulpvraag.objects.get(pk=overleg.hulpvraag.pk).schoolgegevens.aanvrager == nieuw
    bericht = Bericht.objects.get()
    assert gestart.referentie in bericht.tekst and als_deelnemer.referentie in bericht.tekst
    assert gesloten.referentie not in bericht.tekst


def test_r44_staff_change_refuses_the_same_account_with_a_dutch_message(omgeving: Omgeving):
    hulpvraag_op_school(omgeving.ib_regenboog, omgeving.regenboog)
    client = omgeving.client(omgeving.beheerder)
    pk = omgeving.ib_regenboog.pk
    antwoord = client.post(reverse("swvbeheer:personeelswissel"), {"vertrekkend": pk, "nieuw": pk})
    assert antwoord.status_code == 200
    assert "Kies een ander account dan het vertrekkende." in antwoord.content.decode()
    assert not Beheerhandeling.objects.filter(gebeurtenis="personeelswissel_uitgevoerd").exists()


def test_r44_new_aanvrager_on_the_hulpvraag_takes_contact_and_email_and_the_next_mail_follows(
    omgeving: Omgeving,
):
    hulpvraag = hulpvraag_op_school(omgeving.ib_regenboog, omgeving.regenboog)
    nieuw = account_maken(omgeving.ppo, "nvos", scholen=(omgeving.regenboog,))
    Gebruiker.objects.filter(pk=nieuw.pk).update(voornaam="Noor", achternaam="Vos")
    nieuw.refresh_from_db()
    client = omgeving.client(omgeving.ib_regenboog)
    url = reverse("hulpvragen:schoolgegevens_bewerken", args=[hulpvraag.referentie])
    pagina = client.get(url).content.decode()
    # Both offers are there and on by default.
    for naam in ("contactpersoon_overnemen", "email_overnemen"):
        assert f'name="{naam}"' in pagina
        assert pagina.split(f'name="{naam}"')[1].split(">")[0].count("checked") == 1
    schoolgegevens = hulpvraag.schoolgegevens
    antwoord = client.post(
        url,
        {
            "aanvrager": nieuw.pk,
            "contactpersoon": schoolgegevens.contactpersoon,
            "email": schoolgegevens.email,
            "telefoon": "",
            "contactpersoon_overnemen": "on",
            "email_overnemen": "on",
        },
    )
    assert antwoord.status_code == 302
    schoolgegevens.refresh_from_db()
    assert (schoolgegevens.aanvrager, schoolgegevens.contactpersoon, schoolgegevens.email) == (
        nieuw,
        "Noor Vos",
        nieuw.email,
    )
    rij = Inzage.objects.filter(gebeurtenis="schoolgegevens_gewijzigd").latest("pk")
    assert rij.details["aanvrager_van"] == omgeving.ib_regenboog.pk
    assert rij.details["aanvrager_naar"] == nieuw.pk
    Bericht.objects.all().delete()
    hulpvraag = Hulpvraag.objects.get(pk=hulpvraag.pk)
    hulpvraag_status_wijzigen(
        hulpvraag=hulpvraag,
        naar=hulpvraag.status.proces.statussen.get(naam="Dossier incompleet"),
        door=omgeving.scp,
        reden="Het OPP ontbreekt.",
    )
    assert Bericht.objects.get().aan == [nieuw.email]


def test_r44_new_aanvrager_without_the_offers_keeps_contact_and_email(omgeving: Omgeving):
    hulpvraag = hulpvraag_op_school(omgeving.ib_regenboog, omgeving.regenboog)
    nieuw = account_maken(omgeving.ppo, "nvos", scholen=(omgeving.regenboog,))
    schoolgegevens = hulpvraag.schoolgegevens
    oud_contact, oud_email = schoolgegevens.contactpersoon, schoolgegevens.email
    client = omgeving.client(omgeving.ib_regenboog)
    url = reverse("hulpvragen:schoolgegevens_bewerken", args=[hulpvraag.referentie])
    antwoord = client.post(
        url,
        {
            "aanvrager": nieuw.pk,
            "contactpersoon": oud_contact,
            "email": oud_email,
            "telefoon": "",
            "email_overnemen": "on",
        },
    )
    assert antwoord.status_code == 302
    schoolgegevens.refresh_from_db()
    assert schoolgegevens.aanvrager == nieuw
    assert schoolgegevens.contactpersoon == oud_contact
    assert schoolgegevens.email == nieuw.email


def test_r44_overlegronde_deadline_passed_is_not_moved(overleg: Overleg):
    o = overleg.o
    ronde = overleg.ronde()
    Overlegronde.objects.filter(pk=ronde.pk).update(
        einddatum_inzage=timezone.localdate() - timedelta(days=1)
    )
    nieuw = account_maken(o.ppo, "nvos", scholen=(o.regenboog,))
    services.personeelswissel_uitvoeren(door=o.beheerder, vertrekkend=o.ib_regenboog, nieuw=nieuw)
    assert Overlegronde.objects.get(pk=ronde.pk).aangemaakt_door == o.ib_regenboog

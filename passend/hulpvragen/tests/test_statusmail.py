"""R19 and P3: every status change mails the school through the outbox, once, without pupil data."""

from datetime import date, timedelta

import pytest
from django.core.management import call_command
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from passend.hulpvragen.models import Hulpvraag
from passend.hulpvragen.services import hulpvraag_status_wijzigen
from passend.hulpvragen.tests.factories import hulpvraag_op_school, leerling_op_school
from passend.notificaties.models import Bericht
from passend.notificaties.tasks import bericht_bezorgen
from passend.processen.models import Hulpvraagtitel

pytestmark = pytest.mark.django_db

REDEN = "Het OPP ontbreekt nog."


def statusmails():  # type: ignore[no-untyped-def]
    """The outbox rows of status changes: creating a hulpvraag also queues a receipt."""
    return Bericht.objects.filter(sjabloon="hulpvragen/mail/status_gewijzigd.txt")


def incompleet_zetten(omgeving, hulpvraag, vangen):  # type: ignore[no-untyped-def]
    with vangen(execute=True):
        hulpvraag_status_wijzigen(
            hulpvraag=hulpvraag,
            naar=hulpvraag.status.proces.statussen.get(naam="Dossier incompleet"),
            door=omgeving.scp,
            reden=REDEN,
        )


def test_r19_p3_status_change_delivers_one_mail_without_pupil_data(
    omgeving, smtp_server, django_capture_on_commit_callbacks
):
    hulpvraag = hulpvraag_op_school(omgeving.ib_regenboog, omgeving.regenboog)
    schoolgegevens = hulpvraag.schoolgegevens
    schoolgegevens.email = "zorg@regenboog.example.nl"  # the contactpersoon's other address
    schoolgegevens.save()
    incompleet_zetten(omgeving, hulpvraag, django_capture_on_commit_callbacks)

    assert len(smtp_server.berichten) == 1
    ontvangers, mail = smtp_server.berichten[0]
    assert sorted(ontvangers) == sorted([omgeving.ib_regenboog.email, "zorg@regenboog.example.nl"])
    assert (
        mail["Subject"]
        == f"Status van hulpvraag {hulpvraag.referentie} gewijzigd: Dossier incompleet"
    )
    tekst = mail.get_body(preferencelist=("plain",)).get_content()
    instructie = hulpvraag.status.proces.statussen.get(naam="Dossier incompleet").instructie
    assert REDEN in tekst
    assert instructie.split("\n")[0] in tekst
    assert f"http://127.0.0.1:8000/hulpvragen/{hulpvraag.referentie}/" in tekst
    for verboden in ("Jan", "Boven", "03-09-2016", "2016", "Ambulante", "gedrag"):
        assert verboden not in tekst and verboden not in mail["Subject"], verboden
    bericht = statusmails().get()
    assert (bericht.status, bericht.pogingen) == (Bericht.Status.VERZONDEN, 1)
    assert mail["Message-ID"] == f"<bericht-{bericht.pk}.{omgeving.ppo.pk}@127.0.0.1>"


def test_r19_account_with_status_mails_off_gets_none(
    omgeving, smtp_server, django_capture_on_commit_callbacks
):
    omgeving.ib_regenboog.statusmails_ontvangen = False
    omgeving.ib_regenboog.save()
    hulpvraag = hulpvraag_op_school(omgeving.ib_regenboog, omgeving.regenboog)
    incompleet_zetten(omgeving, hulpvraag, django_capture_on_commit_callbacks)
    assert smtp_server.berichten == []
    assert not statusmails().exists()
    # The same change for another school's IB'er, who kept them on, is mailed: the silence
    # above is the setting's, not a sender that sends nothing.
    andere = hulpvraag_op_school(omgeving.ib_kompas, omgeving.kompas, roepnaam="Kees")
    incompleet_zetten(omgeving, andere, django_capture_on_commit_callbacks)
    assert [ontvangers for ontvangers, _mail in smtp_server.berichten] == [
        [omgeving.ib_kompas.email]
    ]


def test_rule5_rolled_back_change_sends_nothing(
    omgeving, smtp_server, django_capture_on_commit_callbacks
):
    hulpvraag = hulpvraag_op_school(omgeving.ib_regenboog, omgeving.regenboog)
    with (
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        hulpvraag_status_wijzigen(
            hulpvraag=hulpvraag,
            naar=hulpvraag.status.proces.statussen.get(naam="Dossier incompleet"),
            door=omgeving.scp,
            reden=REDEN,
        )
        raise RuntimeError("iets anders in dezelfde handeling mislukt")
    assert not statusmails().exists()
    assert smtp_server.berichten == []
    hulpvraag.refresh_from_db()
    assert hulpvraag.status.naam == "Aanmelding"
    # The same change, committed, is mailed once: the silence above is the rollback's.
    incompleet_zetten(omgeving, hulpvraag, django_capture_on_commit_callbacks)
    assert len(smtp_server.berichten) == 1 and statusmails().count() == 1


def test_r19_mail_waits_while_smtp_is_down_and_goes_out_once_when_back(
    omgeving, smtp_server, django_capture_on_commit_callbacks
):
    hulpvraag = hulpvraag_op_school(omgeving.ib_regenboog, omgeving.regenboog)
    Bericht.objects.all().delete()  # the creation's receipt: this test follows the status mail
    smtp_server.stop()
    incompleet_zetten(omgeving, hulpvraag, django_capture_on_commit_callbacks)
    bericht = statusmails().get()
    assert (bericht.status, bericht.pogingen) == (Bericht.Status.WACHTEND, 1)
    assert "Connection refused" in bericht.laatste_fout or "Errno" in bericht.laatste_fout
    assert bericht.volgende_poging > timezone.now()

    smtp_server.start()
    call_command("periodiek", verbosity=0)  # not due yet: nothing is sent
    assert smtp_server.berichten == []
    statusmails().update(volgende_poging=timezone.now() - timedelta(seconds=1))
    call_command("periodiek", verbosity=0)
    call_command("periodiek", verbosity=0)
    assert len(smtp_server.berichten) == 1
    bericht.refresh_from_db()
    assert (bericht.status, bericht.pogingen) == (Bericht.Status.VERZONDEN, 2)


def test_r19_task_that_runs_twice_mails_once(
    omgeving, smtp_server, django_capture_on_commit_callbacks
):
    hulpvraag = hulpvraag_op_school(omgeving.ib_regenboog, omgeving.regenboog)
    incompleet_zetten(omgeving, hulpvraag, django_capture_on_commit_callbacks)
    bericht_bezorgen.enqueue(bericht_id=statusmails().get().pk)  # a worker repeats the task
    assert len(smtp_server.berichten) == 1


def test_p3_reason_that_names_the_pupil_is_refused(
    omgeving, smtp_server, django_capture_on_commit_callbacks
):
    from django.core.exceptions import ValidationError

    hulpvraag = hulpvraag_op_school(omgeving.ib_regenboog, omgeving.regenboog)
    with pytest.raises(ValidationError) as fout, django_capture_on_commit_callbacks(execute=True):
        hulpvraag_status_wijzigen(
            hulpvraag=hulpvraag,
            naar=hulpvraag.status.proces.statussen.get(naam="Dossier incompleet"),
            door=omgeving.scp,
            reden="Het OPP van Jan ontbreekt.",
        )
    assert "Noem de leerling niet in de reden" in fout.value.message_dict["reden"][0]
    assert smtp_server.berichten == [] and not statusmails().exists()
    # With a reason that names nobody, the same change is mailed.
    incompleet_zetten(omgeving, hulpvraag, django_capture_on_commit_callbacks)
    assert len(smtp_server.berichten) == 1


def test_i19_p3_reason_naming_the_pupil_through_punctuation_is_refused_and_not_mailed(
    omgeving, smtp_server, django_capture_on_commit_callbacks
):
    from django.core.exceptions import ValidationError

    hulpvraag = hulpvraag_op_school(
        omgeving.ib_regenboog,
        omgeving.regenboog,
        roepnaam="Pedro",
        tussenvoegsel="",
        achternaam="Fortes-Monteiro",
        geboortedatum=date(2015, 4, 12),
    )
    incompleet = hulpvraag.status.proces.statussen.get(naam="Dossier incompleet")
    meldingen = []
    for reden in (
        "OPP van Pedro: ontbreekt (Fortes-Monteiro, geb. 12-04-2015)",
        "OPP ontbreekt (Monteiro)",
        "OPP ontbreekt, geboren 12 april 2015",
    ):
        with (
            pytest.raises(ValidationError) as fout,
            django_capture_on_commit_callbacks(execute=True),
        ):
            hulpvraag_status_wijzigen(
                hulpvraag=hulpvraag, naar=incompleet, door=omgeving.scp, reden=reden
            )
        meldingen.append(fout.value.message_dict["reden"][0])
    assert all("Noem de leerling niet in de reden" in melding for melding in meldingen)
    assert "Haal ‘Pedro’, ‘Fortes’, ‘Monteiro’, ‘12-04-2015’ weg" in meldingen[0]
    assert smtp_server.berichten == [] and not statusmails().exists()
    hulpvraag.refresh_from_db()
    assert hulpvraag.status.naam != "Dossier incompleet"


# --- The receipt (ontvangstbevestiging): a submitted hulpvraag mails the school once ----------

ONTVANGEN = "hulpvragen/mail/ontvangen.txt"


def test_r19_web_submission_queues_one_receipt_without_pupil_data(
    omgeving, smtp_server, django_capture_on_commit_callbacks
):
    leerling, schoolgegevens = leerling_op_school(omgeving.ib_regenboog, omgeving.regenboog)
    schoolgegevens.email = "zorg@regenboog.example.nl"
    schoolgegevens.save()
    titel = Hulpvraagtitel.objects.get(swv=omgeving.ppo, naam="Ambulante Begeleiding")
    client = omgeving.client(omgeving.ib_regenboog)
    with django_capture_on_commit_callbacks(execute=True):
        antwoord = client.post(
            reverse("hulpvragen:hulpvraag_nieuw", args=[leerling.pk]),
            {
                "schoolgegevens": schoolgegevens.pk,
                "titel": titel.pk,
                "omschrijving": "Op het gebied van gedrag.",
                "hulpvraagdatum": "01-10-2026",
            },
        )
    assert antwoord.status_code == 302
    hulpvraag = Hulpvraag.objects.get(leerling=leerling)
    bericht = Bericht.objects.get()  # the receipt only: no status mail for the same event
    assert bericht.sjabloon == ONTVANGEN
    assert bericht.aan == sorted([omgeving.ib_regenboog.email, "zorg@regenboog.example.nl"])
    assert bericht.onderwerp == f"Hulpvraag {hulpvraag.referentie} ontvangen"
    assert hulpvraag.status.naam in bericht.tekst
    assert f"/hulpvragen/{hulpvraag.referentie}/" in bericht.tekst
    for verboden in ("Jan", "Boven", "03-09-2016", "2016", "Ambulante", "gedrag"):
        assert verboden not in bericht.tekst and verboden not in bericht.onderwerp, verboden
    assert len(smtp_server.berichten) == 1

    # A later status change mails as before (R19): one more row, the status mail.
    incompleet_zetten(omgeving, hulpvraag, django_capture_on_commit_callbacks)
    assert sorted(Bericht.objects.values_list("sjabloon", flat=True)) == [
        ONTVANGEN,
        "hulpvragen/mail/status_gewijzigd.txt",
    ]


def test_r19_hulpvraag_prepared_in_a_status_the_swv_does_not_see_queues_no_receipt(omgeving):
    hulpvraag = hulpvraag_op_school(
        omgeving.ib_regenboog, omgeving.regenboog, titel="Ondersteuningsbudget"
    )
    assert not hulpvraag.status.zichtbaar_voor_swv
    assert not Bericht.objects.exists()


def test_r19_receipt_respects_status_mails_off(omgeving):
    omgeving.ib_regenboog.statusmails_ontvangen = False
    omgeving.ib_regenboog.save()
    hulpvraag_op_school(omgeving.ib_regenboog, omgeving.regenboog)
    assert not Bericht.objects.exists()
    hulpvraag_op_school(omgeving.ib_kompas, omgeving.kompas, roepnaam="Kees")
    assert Bericht.objects.get(sjabloon=ONTVANGEN).aan == [omgeving.ib_kompas.email]

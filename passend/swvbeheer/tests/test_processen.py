"""Issue 16 item 6: processes, statuses, transitions and titles on SWV-beheer's own screens,
with the preset loader's validation (R19-R22, R29-R31): a status in use stays, a transition
changed applies to the next status change and never to the history, a process that cannot
end is refused, and the status mail can be previewed."""

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from passend.audit.models import Beheerhandeling
from passend.hulpvragen.models import Statuswijziging
from passend.hulpvragen.services import hulpvraag_status_wijzigen
from passend.hulpvragen.tests.conftest import Omgeving
from passend.hulpvragen.tests.factories import hulpvraag_op_school
from passend.notificaties.models import Bericht
from passend.processen.models import Hulpvraagtitel, Proces, Status, Statusovergang
from passend.processen.services import proces_fouten

pytestmark = pytest.mark.django_db


def _status(omgeving: Omgeving, code: str, proces: str = "algemeen") -> Status:
    return Status.objects.get(proces__swv=omgeving.ppo, proces__code=proces, code=code)


def _geschiedenis() -> list[tuple[object, ...]]:
    return list(
        Statuswijziging.objects.order_by("pk").values_list(
            "pk", "hulpvraag_id", "van_id", "naar_id", "door_id", "op", "reden"
        )
    )


def test_r20_r22_a_changed_transition_applies_to_the_next_change_and_leaves_the_history(
    omgeving: Omgeving,
):
    hulpvraag = hulpvraag_op_school(omgeving.ib_regenboog, omgeving.regenboog)
    scp, deskundige = (
        _status(omgeving, "doorzetten_scp"),
        _status(omgeving, "doorzetten_deskundige"),
    )
    # Before: the coördinator may move Aanmelding → Doorzetten SCP (the preset's rule).
    hulpvraag_status_wijzigen(hulpvraag=hulpvraag, naar=scp, door=omgeving.coordinator)
    geschiedenis = _geschiedenis()
    assert geschiedenis[-1][3] == scp.pk

    overgang = Statusovergang.objects.get(van=scp, naar=deskundige)
    client = omgeving.client(omgeving.beheerder)
    url = reverse("swvbeheer:overgang", args=[overgang.pk])
    assert client.get(url).status_code == 200
    regiomanager = omgeving.regiomanager.rollen.get()
    antwoord = client.post(url, {"van": scp.pk, "naar": deskundige.pk, "rollen": [regiomanager.pk]})
    assert antwoord.status_code == 302
    assert "volgende statuswijziging" in client.get(antwoord["Location"]).content.decode()

    # The history is as it was, row for row.
    assert _geschiedenis() == geschiedenis
    # The next change follows the new rule: not the coördinator any more, the regiomanager.
    with pytest.raises((ValidationError, PermissionDenied)):
        hulpvraag_status_wijzigen(hulpvraag=hulpvraag, naar=deskundige, door=omgeving.coordinator)
    hulpvraag_status_wijzigen(hulpvraag=hulpvraag, naar=deskundige, door=omgeving.regiomanager)
    assert _geschiedenis()[:-1] == geschiedenis
    log = Beheerhandeling.objects.get(gebeurtenis="statusovergang_gewijzigd")
    assert log.gebruikersnaam == omgeving.beheerder.gebruikersnaam
    assert "coordinator" in log.voor["rollen"]
    assert log.na["rollen"] == ["regiomanager"]

    # Removed: nobody makes the change any more; the history still names both statuses.
    antwoord = client.post(reverse("swvbeheer:overgang_verwijderen", args=[overgang.pk]))
    assert antwoord.status_code == 302
    assert not Statusovergang.objects.filter(pk=overgang.pk).exists()
    assert Statuswijziging.objects.filter(van=scp, naar=deskundige).count() == 1
    assert Beheerhandeling.objects.filter(gebeurtenis="statusovergang_verwijderd").exists()


def test_r22_a_status_in_use_cannot_be_removed_an_unused_one_can(omgeving: Omgeving):
    hulpvraag = hulpvraag_op_school(omgeving.ib_regenboog, omgeving.regenboog)
    scp, compleet = _status(omgeving, "doorzetten_scp"), _status(omgeving, "dossier_compleet")
    hulpvraag_status_wijzigen(hulpvraag=hulpvraag, naar=scp, door=omgeving.coordinator)
    hulpvraag_status_wijzigen(hulpvraag=hulpvraag, naar=compleet, door=omgeving.coordinator)
    client = omgeving.client(omgeving.beheerder)
    # Doorzetten SCP: only in the history now; Dossier compleet: the current status.
    for status, reden in (
        (scp, "de statushistorie van hulpvragen noemt deze status"),
        (compleet, "hulpvragen staan nu in deze status"),
        (
            _status(omgeving, "ob_voorlopige_aanvraag", "ondersteuningsbudget"),
            "een hulpvraagtitel begint in deze status",
        ),
    ):
        antwoord = client.post(
            reverse("swvbeheer:status_verwijderen", args=[status.pk]), follow=True
        )
        tekst = antwoord.content.decode()
        assert f"Status ‘{status.naam}’ is in gebruik en kan niet worden verwijderd" in tekst
        assert reden in tekst
        assert Status.objects.filter(pk=status.pk).exists()
    assert not Beheerhandeling.objects.filter(gebeurtenis="processtatus_verwijderd").exists()

    # A status nobody used goes, with its transitions.
    proces = scp.proces
    nieuw = client.post(
        reverse("swvbeheer:status_nieuw", args=[proces.pk]),
        {
            "naam": "Tijdelijk",
            "volgorde": 95,
            "zichtbaar_voor_swv": "on",
            "eindstatus": "on",
            "komt_na": compleet.pk,
            "rollen": [omgeving.coordinator.rollen.get().pk],
        },
    )
    assert nieuw.status_code == 302, nieuw.content.decode()[-3000:]
    tijdelijk = Status.objects.get(proces=proces, naam="Tijdelijk")
    assert tijdelijk.code == "tijdelijk"
    assert Statusovergang.objects.filter(van=compleet, naar=tijdelijk).exists()
    # A form attached at the status keeps it too (the delete would drop the link silently).
    from passend.formulieren.models import Formulierdefinitie

    formulier = Formulierdefinitie.objects.filter(swv=omgeving.ppo).first()
    assert formulier is not None
    formulier.koppelen_bij.add(tijdelijk)
    antwoord = client.post(
        reverse("swvbeheer:status_verwijderen", args=[tijdelijk.pk]), follow=True
    )
    assert f"‘{formulier.naam}’ verwijst ernaar" in antwoord.content.decode()
    formulier.koppelen_bij.remove(tijdelijk)
    antwoord = client.post(reverse("swvbeheer:status_verwijderen", args=[tijdelijk.pk]))
    assert antwoord.status_code == 302
    assert not Status.objects.filter(pk=tijdelijk.pk).exists()
    assert not Statusovergang.objects.filter(naar_id=tijdelijk.pk).exists()
    log = Beheerhandeling.objects.get(gebeurtenis="processtatus_verwijderd")
    assert log.voor["naam"] == "Tijdelijk" and log.na == {}


def test_r19_the_preview_shows_the_instruction_text_the_school_will_get(omgeving: Omgeving):
    incompleet = _status(omgeving, "dossier_incompleet")
    client = omgeving.client(omgeving.beheerder)
    url = reverse("swvbeheer:status", args=[incompleet.pk])
    pagina = client.get(url).content.decode()
    assert "Voorbeeld van de statusmail" in pagina
    assert "Status van hulpvraag HV-2026-000123 gewijzigd: Dossier incompleet" in pagina
    assert "Er is actie van u nodig" in pagina or "Toelichting" in pagina

    velden = {
        "naam": incompleet.naam,
        "volgorde": incompleet.volgorde,
        "zichtbaar_voor_swv": "on",
        "school_moet_actie_ondernemen": "on",
        "reden_verplicht": "on",
        "instructie": "Vul het dossier aan binnen twee weken en zet de status op Aanmelding.",
    }
    antwoord = client.post(url, velden)
    assert antwoord.status_code == 302
    pagina = client.get(url).content.decode()
    assert "Vul het dossier aan binnen twee weken en zet de status op Aanmelding." in pagina
    assert "Er is actie van u nodig" in pagina
    log = Beheerhandeling.objects.get(gebeurtenis="processtatus_gewijzigd")
    assert log.voor["instructie"] != log.na["instructie"]
    assert log.na["instructie"].startswith("Vul het dossier aan")

    # The real mail says the same: the preview and the mail share one path.
    hulpvraag = hulpvraag_op_school(omgeving.ib_regenboog, omgeving.regenboog)
    incompleet.refresh_from_db()
    hulpvraag_status_wijzigen(
        hulpvraag=hulpvraag, naar=incompleet, door=omgeving.coordinator, reden="OPP ontbreekt."
    )
    bericht = Bericht.objects.filter(sjabloon="hulpvragen/mail/status_gewijzigd.txt").latest("pk")
    assert "Vul het dossier aan binnen twee weken" in bericht.tekst
    assert bericht.onderwerp == (
        f"Status van hulpvraag {hulpvraag.referentie} gewijzigd: Dossier incompleet"
    )
    assert hulpvraag.leerling.achternaam not in pagina
    del mail.outbox[:]


def test_r20_a_process_that_cannot_end_is_refused_with_a_clear_message_and_input_kept(
    omgeving: Omgeving,
):
    client = omgeving.client(omgeving.beheerder)
    coordinator = omgeving.coordinator.rollen.get().pk
    antwoord = client.post(reverse("swvbeheer:proces_nieuw"), {"naam": "Proef", "code": ""})
    assert antwoord.status_code == 302
    proces = Proces.objects.get(swv=omgeving.ppo, code="proef")
    nieuwe_status = reverse("swvbeheer:status_nieuw", args=[proces.pk])
    assert client.post(nieuwe_status, {"naam": "Start", "volgorde": 10}).status_code == 302
    # A second status that is not final: the process would have no end.
    antwoord = client.post(
        nieuwe_status,
        {
            "naam": "Bezig",
            "volgorde": 20,
            "komt_na": proces.statussen.get().pk,
            "rollen": [coordinator],
        },
    )
    assert antwoord.status_code == 200
    tekst = antwoord.content.decode()
    assert "Het proces heeft geen eindstatus" in tekst
    assert 'value="Bezig"' in tekst  # nothing typed is lost
    start = proces.statussen.get()
    antwoord = client.post(
        nieuwe_status,
        {
            "naam": "Klaar",
            "volgorde": 90,
            "eindstatus": "on",
            "komt_na": start.pk,
            "rollen": [coordinator],
        },
    )
    assert antwoord.status_code == 302
    assert proces_fouten(proces) == []
    # A status nobody can reach.
    antwoord = client.post(nieuwe_status, {"naam": "Los", "volgorde": 50, "eindstatus": "on"})
    assert antwoord.status_code == 200
    assert "Status ‘Los’ is niet te bereiken" in antwoord.content.decode()
    assert not Status.objects.filter(proces=proces, naam="Los").exists()
    # Taking away the one way to the end, or the end itself.
    overgang = proces.overgangen.get()
    antwoord = client.post(
        reverse("swvbeheer:overgang_verwijderen", args=[overgang.pk]), follow=True
    )
    assert "is niet te bereiken" in antwoord.content.decode()
    assert Statusovergang.objects.filter(pk=overgang.pk).exists()
    klaar = proces.statussen.get(naam="Klaar")
    antwoord = client.post(
        reverse("swvbeheer:status", args=[klaar.pk]),
        {"naam": "Klaar", "volgorde": 90, "instructie": "Afgerond."},
    )
    assert antwoord.status_code == 200
    assert "Het proces heeft geen eindstatus" in antwoord.content.decode()
    assert 'value="Klaar"' in antwoord.content.decode()
    klaar.refresh_from_db()
    assert klaar.eindstatus and klaar.instructie == ""
    # A transition to itself, named beside the form.
    antwoord = client.post(
        reverse("swvbeheer:overgang_nieuw", args=[proces.pk]),
        {"van": start.pk, "naar": start.pk, "rollen": [coordinator]},
    )
    assert antwoord.status_code == 200
    assert "Een overgang gaat naar een andere status." in antwoord.content.decode()
    assert Beheerhandeling.objects.filter(gebeurtenis="proces_aangemaakt").count() == 1
    assert Beheerhandeling.objects.filter(gebeurtenis="processtatus_aangemaakt").count() == 2


def test_r16_r29_titles_added_changed_and_retired_on_the_process_page(omgeving: Omgeving):
    client = omgeving.client(omgeving.beheerder)
    proces = Proces.objects.get(swv=omgeving.ppo, code="algemeen")
    aanmelding = _status(omgeving, "aanmelding")
    pagina = client.get(reverse("swvbeheer:proces", args=[proces.pk])).content.decode()
    assert "Ambulante Begeleiding" in pagina and "Doorzetten SCP" in pagina
    url = reverse("swvbeheer:titel_nieuw", args=[proces.pk])
    gegevens = {
        "naam": "Schoolmaatschappelijk werk",
        "proces": proces.pk,
        "beginstatus": aanmelding.pk,
        "alleen_voor_regios": [omgeving.noord.pk],
        "niet_voor_regios": [omgeving.noord.pk],
        "coordinatortoewijzing": "schoolcontactpersoon",
        "volgorde": 5,
        "actief": "on",
    }
    # The same regio on both lists: refused beside the field, what was typed stays.
    antwoord = client.post(url, gegevens)
    assert antwoord.status_code == 200
    tekst = antwoord.content.decode()
    assert "Staat ook bij ‘alleen voor regio&#x27;s’: Noord." in tekst
    assert 'value="Schoolmaatschappelijk werk"' in tekst
    # A beginstatus of another process.
    anders = _status(omgeving, "ob_voorlopige_aanvraag", "ondersteuningsbudget")
    antwoord = client.post(url, {**gegevens, "niet_voor_regios": [], "beginstatus": anders.pk})
    assert "Kies een status van het gekozen proces." in antwoord.content.decode()
    antwoord = client.post(url, {**gegevens, "niet_voor_regios": []})
    assert antwoord.status_code == 302
    titel = Hulpvraagtitel.objects.get(swv=omgeving.ppo, naam="Schoolmaatschappelijk werk")
    assert titel.code == "schoolmaatschappelijk_werk"
    assert list(titel.alleen_voor_regios.all()) == [omgeving.noord]
    # Retired: schools no longer pick it.
    antwoord = client.post(
        reverse("swvbeheer:titel", args=[titel.pk]),
        {**gegevens, "niet_voor_regios": [], "actief": ""},
    )
    assert antwoord.status_code == 302
    titel.refresh_from_db()
    assert not titel.actief
    log = Beheerhandeling.objects.get(gebeurtenis="hulpvraagtitel_gewijzigd")
    assert (log.voor["actief"], log.na["actief"]) == (True, False)


def test_issue16_an_active_title_needs_a_process_that_can_end(omgeving: Omgeving):
    client = omgeving.client(omgeving.beheerder)
    client.post(reverse("swvbeheer:proces_nieuw"), {"naam": "Half"})
    proces = Proces.objects.get(swv=omgeving.ppo, code="half")
    for naam, volgorde in (("Een", 10), ("Twee", 20)):
        # Two statuses without a transition or an end (made by an operator, say).
        Status.objects.create(proces=proces, naam=naam, volgorde=volgorde)
    assert proces_fouten(proces)
    gegevens = {
        "naam": "Halve titel",
        "proces": proces.pk,
        "beginstatus": proces.statussen.get(naam="Een").pk,
        "coordinatortoewijzing": "geen",
        "volgorde": 1,
        "actief": "on",
    }
    antwoord = client.post(reverse("swvbeheer:titel_nieuw", args=[proces.pk]), gegevens)
    assert antwoord.status_code == 200
    assert "Proces ‘Half’ is nog niet af" in antwoord.content.decode()
    assert not Hulpvraagtitel.objects.filter(naam="Halve titel").exists()
    # Not active, it may wait for the process to be finished.
    antwoord = client.post(
        reverse("swvbeheer:titel_nieuw", args=[proces.pk]), {**gegevens, "actief": ""}
    )
    assert antwoord.status_code == 302

"""R44 "Wijzigingsverzoek": a school's IB'er or directeur asks the SWV in the app for a staff
change or new school data; the SWV's application administrator handles it from a list."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from passend.accounts.tests.factories import account_maken
from passend.audit.models import Beheerhandeling
from passend.hulpvragen.tests.conftest import Omgeving
from passend.notificaties.models import Bericht
from passend.swvbeheer.models import Wijzigingsverzoek

pytestmark = pytest.mark.django_db


def _datum(dagen: int) -> str:
    return f"{timezone.localdate() + timedelta(days=dagen):%d-%m-%Y}"


def _personeelswissel(o: Omgeving, **anders: object) -> dict[str, object]:
    return {
        "soort": "personeelswissel",
        "school": o.regenboog.pk,
        "vertrekkend": o.ib_regenboog.pk,
        "nieuwe_naam": "Noor Vos",
        "nieuwe_email": "n.vos@regenboog.example.nl",
        "ingangsdatum": _datum(14),
        "omschrijving": "",
        **anders,
    }


def test_r44_school_files_a_staff_change_the_beheerder_handles_it_and_the_school_sees_it(
    omgeving: Omgeving,
):
    school = omgeving.client(omgeving.ib_regenboog)
    assert (
        "Uw school heeft nog geen wijzigingsverzoeken"
        in school.get(reverse("wijzigingsverzoeken:lijst")).content.decode()
    )
    Bericht.objects.all().delete()
    antwoord = school.post(reverse("wijzigingsverzoeken:nieuw"), _personeelswissel(omgeving))
    assert antwoord.status_code == 302
    verzoek = Wijzigingsverzoek.objects.get()
    assert (verzoek.soort, verzoek.vertrekkend, verzoek.nieuwe_email, verzoek.stand) == (
        "personeelswissel",
        omgeving.ib_regenboog,
        "n.vos@regenboog.example.nl",
        "open",
    )
    assert Beheerhandeling.objects.filter(gebeurtenis="wijzigingsverzoek_ingediend").exists()
    # The SWV's beheerder is told, with a link and no names.
    bericht = Bericht.objects.get()
    assert bericht.aan == [omgeving.beheerder.email]
    assert verzoek.referentie in bericht.tekst and "Noor" not in bericht.tekst

    beheer = omgeving.client(omgeving.beheerder)
    lijst = beheer.get(reverse("swvbeheer:wijzigingsverzoeken")).content.decode()
    assert verzoek.referentie in lijst
    assert "1 open verzoek van scholen" in beheer.get(reverse("swvbeheer:index")).content.decode()
    url = reverse("swvbeheer:wijzigingsverzoek", args=[verzoek.pk])
    detail = beheer.get(url).content.decode()
    # No account yet for the new person: invite first, prefilled; the staff change prefilled.
    assert "email=n.vos%40regenboog.example.nl" in detail
    assert f"?vertrekkend={omgeving.ib_regenboog.pk}" in detail
    # Once the account exists, the link opens the staff-change preview with both accounts.
    nieuw = account_maken(
        omgeving.ppo, "nvos", scholen=(omgeving.regenboog,), email="N.Vos@regenboog.example.nl"
    )
    detail = beheer.get(url).content.decode()
    assert f"vertrekkend={omgeving.ib_regenboog.pk}&amp;nieuw={nieuw.pk}" in detail
    # A handled request needs a note.
    antwoord = beheer.post(url, {"notitie": ""})
    assert antwoord.status_code == 200
    assert "Schrijf in een notitie wat er is gedaan" in antwoord.content.decode()
    Bericht.objects.all().delete()
    antwoord = beheer.post(url, {"notitie": "Account nvos gemaakt, werk overgedragen."})
    assert antwoord.status_code == 302
    verzoek.refresh_from_db()
    assert verzoek.stand == "afgehandeld" and verzoek.afgehandeld_door == omgeving.beheerder
    log = Beheerhandeling.objects.get(gebeurtenis="wijzigingsverzoek_afgehandeld")
    assert log.voor["stand"] == "open" and log.na["stand"] == "afgehandeld"
    assert Bericht.objects.get().aan == [omgeving.ib_regenboog.email]
    assert (
        verzoek.referentie
        not in beheer.get(reverse("swvbeheer:wijzigingsverzoeken")).content.decode()
    )
    assert (
        verzoek.referentie
        in beheer.get(
            reverse("swvbeheer:wijzigingsverzoeken"), {"stand": "afgehandeld"}
        ).content.decode()
    )
    # The school sees the state and the note.
    eigen = school.get(reverse("wijzigingsverzoeken:verzoek", args=[verzoek.pk])).content.decode()
    assert "Afgehandeld" in eigen and "Account nvos gemaakt" in eigen
    # Handled once only: a second note changes nothing.
    tweede = beheer.post(url, {"notitie": "Nogmaals"})
    assert tweede.status_code == 200
    assert "Dit verzoek is al afgehandeld." in tweede.content.decode()
    assert Wijzigingsverzoek.objects.get().afhandelnotitie.startswith("Account nvos")


def test_r44_school_data_request_needs_a_description(omgeving: Omgeving):
    school = omgeving.client(omgeving.ib_regenboog)
    url = reverse("wijzigingsverzoeken:nieuw")
    antwoord = school.post(url, {"soort": "schoolgegevens", "school": omgeving.regenboog.pk})
    assert antwoord.status_code == 200
    assert "Beschrijf wat er verandert" in antwoord.content.decode()
    antwoord = school.post(
        url,
        {
            "soort": "schoolgegevens",
            "school": omgeving.regenboog.pk,
            "omschrijving": "Nieuwe naam per 1 augustus: De Regenboogschool.",
        },
    )
    assert antwoord.status_code == 302
    assert Wijzigingsverzoek.objects.get().soort == "schoolgegevens"


@pytest.mark.parametrize(
    "anders, veld_tekst",
    [
        ({"nieuwe_email": "geen-adres"}, "Vul een geldig e-mailadres in"),
        ({"ingangsdatum": _datum(-1)}, "Deze datum ligt in het verleden"),
        ({"vertrekkend": ""}, "Kies de medewerker die vertrekt."),
        ({"nieuwe_naam": ""}, "Vul de naam van de nieuwe medewerker in."),
    ],
)
def test_r44_bad_input_on_a_staff_change_request_gets_a_dutch_message_and_keeps_the_rest(
    omgeving: Omgeving, anders: dict[str, object], veld_tekst: str
):
    school = omgeving.client(omgeving.ib_regenboog)
    antwoord = school.post(
        reverse("wijzigingsverzoeken:nieuw"), _personeelswissel(omgeving, **anders)
    )
    inhoud = antwoord.content.decode()
    assert antwoord.status_code == 200 and veld_tekst in inhoud
    # Nothing typed is lost.
    for veld in ("nieuwe_naam", "nieuwe_email", "ingangsdatum"):
        waarde = str(_personeelswissel(omgeving, **anders)[veld])
        assert f'value="{waarde}"' in inhoud or not waarde
    assert not Wijzigingsverzoek.objects.exists()


def test_r44_a_staff_change_request_with_the_leaving_persons_own_email_is_refused(
    omgeving: Omgeving,
):
    school = omgeving.client(omgeving.ib_regenboog)
    antwoord = school.post(
        reverse("wijzigingsverzoeken:nieuw"),
        _personeelswissel(omgeving, nieuwe_email=omgeving.ib_regenboog.email.upper()),
    )
    assert antwoord.status_code == 200
    assert "Dit is het e-mailadres van de vertrekkende medewerker" in antwoord.content.decode()
    assert not Wijzigingsverzoek.objects.exists()


def test_r44_empty_beheer_list_explains_itself(omgeving: Omgeving):
    inhoud = (
        omgeving.client(omgeving.beheerder)
        .get(reverse("swvbeheer:wijzigingsverzoeken"))
        .content.decode()
    )
    assert "Er staan geen open wijzigingsverzoeken" in inhoud

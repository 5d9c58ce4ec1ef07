"""The overlegronde (issue 13, R33-R40, P1-P3) through its services and screens."""

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from passend.accounts.models import Gebruiker, Uitnodiging
from passend.accounts.tests.factories import account_maken, totp_code
from passend.audit.models import Inzage
from passend.core.kanalen import Kanaal
from passend.hulpvragen.models import Hulpvraag
from passend.hulpvragen.rechten import statuskeuzes
from passend.notificaties.models import Bericht
from passend.overlegrondes.models import Deelnemer, Overlegronde, Overlegrondeinstellingen, Reactie
from passend.overlegrondes.selectors import mogelijke_deelnemers
from passend.overlegrondes.services import (
    NaamInOverlegronde,
    NieuweDeelnemer,
    externe_accounts_deactiveren,
    overlegronde_sluiten,
    overlegronde_wijzigen,
    reactie_toevoegen,
)
from passend.overlegrondes.tests.conftest import NIEUW, Overleg

pytestmark = pytest.mark.django_db

VANDAAG = timezone.localdate


def inhoud(antwoord) -> bytes:  # type: ignore[no-untyped-def]
    assert antwoord.streaming
    return b"".join(antwoord.streaming_content)


def _verlopen(ronde: Overlegronde, dagen: int = 1) -> None:
    """The clock past the einddatum inzage: the dates moved into the past (no service allows
    that, so straight in the table)."""
    Overlegronde.objects.filter(pk=ronde.pk).update(
        einddatum_reacties=VANDAAG() - timedelta(days=7 + dagen),
        einddatum_inzage=VANDAAG() - timedelta(days=dagen),
    )


# --- R33, R34: where it is offered -------------------------------------------------------------


def test_r33_without_verwerkersovereenkomst_the_school_sees_why_and_whom_to_ask(overleg: Overleg):
    bestuur = overleg.hulpvraag.schoolgegevens.school.bestuur
    bestuur.verwerkersovereenkomst, bestuur.verwerkersovereenkomst_datum = False, None
    bestuur.save()
    client = overleg.o.client(overleg.o.ib_regenboog)
    antwoord = client.get(reverse("overlegrondes:hulpvraag", args=[overleg.hulpvraag.referentie]))
    tekst = antwoord.content.decode()
    assert "verwerkersovereenkomst" in tekst and "privacyverantwoordelijke" in tekst
    assert "Nieuwe overlegronde toevoegen" not in tekst
    nieuw = client.get(reverse("overlegrondes:nieuw", args=[overleg.hulpvraag.referentie]))
    assert nieuw.status_code == 302
    with pytest.raises(PermissionDenied):
        overleg.ronde()


def test_r33_an_ended_verwerkersovereenkomst_counts_as_missing(overleg: Overleg):
    bestuur = overleg.hulpvraag.schoolgegevens.school.bestuur
    bestuur.verwerkersovereenkomst = True
    bestuur.verwerkersovereenkomst_datum = VANDAAG() - timedelta(days=400)
    bestuur.verwerkersovereenkomst_einde = VANDAAG()
    bestuur.save()
    client = overleg.o.client(overleg.o.ib_regenboog)
    url = reverse("overlegrondes:nieuw", args=[overleg.hulpvraag.referentie])
    # Still valid on the day it ends, no longer the day after.
    assert client.get(url).status_code == 200
    bestuur.verwerkersovereenkomst_einde = VANDAAG() - timedelta(days=1)
    bestuur.save()
    assert client.get(url).status_code == 302
    with pytest.raises(PermissionDenied):
        overleg.ronde()


def test_r33_the_tab_shows_on_the_hulpvraag_for_the_school_only(overleg: Overleg):
    detail = reverse("hulpvragen:detail", args=[overleg.hulpvraag.referentie])
    assert (
        "0 Overlegrondes" in overleg.o.client(overleg.o.ib_regenboog).get(detail).content.decode()
    )
    # The SWV's administrator sees the hulpvraag, but not the school's exchange.
    beheerder = overleg.o.client(overleg.o.beheerder)
    assert "0 Overlegrondes" not in beheerder.get(detail).content.decode()


def test_r33_the_applicatiebeheerder_records_the_verwerkersovereenkomst_in_swv_beheer(
    overleg: Overleg,
):
    bestuur = overleg.o.kompas.bestuur
    client = overleg.o.client(overleg.o.beheerder)
    url = reverse("swvbeheer:bestuur", args=[bestuur.pk])
    assert client.get(url).status_code == 200
    antwoord = client.post(url, {"verwerkersovereenkomst_datum": "01-09-2025"})
    assert antwoord.status_code == 302, antwoord.content.decode()[:3000]
    bestuur.refresh_from_db()
    assert (
        bestuur.verwerkersovereenkomst and str(bestuur.verwerkersovereenkomst_datum) == "2025-09-01"
    )


@pytest.mark.parametrize("kanaal", [Kanaal.ESIS, Kanaal.OSO, Kanaal.API])
def test_r34_never_through_an_lvs_channel_or_api(overleg: Overleg, kanaal: Kanaal):
    with pytest.raises(PermissionDenied):
        overleg.ronde(kanaal=kanaal)


# --- R35: exchange without the SWV ---------------------------------------------------------------


def test_r35_informatieuitwisseling_overig_stays_invisible_to_swv_staff_except_beheerders(
    overleg: Overleg,
):
    hulpvraag = overleg.hulpvraag
    assert hulpvraag.status.naam == "Voorlopige aanmelding"
    assert not hulpvraag.status.zichtbaar_voor_swv
    o = overleg.o
    for gebruiker in (o.scp, o.coordinator, o.regiomanager):
        assert not Hulpvraag.objects.zichtbaar_voor(gebruiker).filter(pk=hulpvraag.pk).exists()
    assert Hulpvraag.objects.zichtbaar_voor(o.beheerder).filter(pk=hulpvraag.pk).exists()
    # It stays there: no role may move it on (its process has no transition), so the SWV never
    # gets to see it.
    for gebruiker in (o.ib_regenboog, o.scp, o.coordinator, o.beheerder):
        assert statuskeuzes(gebruiker, hulpvraag) == []
    # A round about it changes nothing about that.
    overleg.ronde()
    hulpvraag.refresh_from_db()
    assert hulpvraag.status.naam == "Voorlopige aanmelding"
    assert not Hulpvraag.objects.zichtbaar_voor(o.coordinator).filter(pk=hulpvraag.pk).exists()


# --- R36: the form's rules -----------------------------------------------------------------------


def test_r36_dates_inzage_not_in_the_past_and_reacties_a_week_before(overleg: Overleg):
    with pytest.raises(ValidationError) as fout:
        overleg.ronde(
            einddatum_reacties=VANDAAG() - timedelta(days=8),
            einddatum_inzage=VANDAAG() - timedelta(days=1),
        )
    assert "verleden" in fout.value.message_dict["einddatum_inzage"][0]
    with pytest.raises(ValidationError) as fout:
        overleg.ronde(
            einddatum_reacties=VANDAAG() + timedelta(days=5),
            einddatum_inzage=VANDAAG() + timedelta(days=10),
        )
    suggestie = (VANDAAG() + timedelta(days=3)).strftime("%d-%m-%Y")
    assert "zeven dagen" in fout.value.message_dict["einddatum_reacties"][0]
    assert suggestie in fout.value.message_dict["einddatum_reacties"][0]
    assert not Overlegronde.objects.filter(hulpvraag=overleg.hulpvraag).exists()


def test_r36_the_pupils_name_in_onderwerp_or_omschrijving_needs_confirmation(overleg: Overleg):
    with pytest.raises(NaamInOverlegronde) as fout:
        overleg.ronde(onderwerp="Verslag Jan", omschrijving="Over van Boven.")
    assert set(fout.value.message_dict) == {"onderwerp", "omschrijving"}
    ronde = overleg.ronde(onderwerp="Verslag Jan", naam_toch_opslaan=True)
    assert ronde.onderwerp == "Verslag Jan"


def test_r36_form_prefills_inzage_a_week_after_reacties_and_keeps_input_on_errors(
    overleg: Overleg,
):
    client = overleg.o.client(overleg.o.ib_regenboog)
    url = reverse("overlegrondes:nieuw", args=[overleg.hulpvraag.referentie])
    tekst = client.get(url).content.decode()
    reacties = VANDAAG() + timedelta(days=14)
    assert f'value="{reacties:%d-%m-%Y}"' in tekst
    assert f'value="{reacties + timedelta(days=7):%d-%m-%Y}"' in tekst
    antwoord = client.post(
        url,
        {
            "actie": "opslaan",
            "onderwerp": "Advies",
            "omschrijving": "",
            "einddatum_reacties": "31-02-2030",
            "einddatum_inzage": "morgen",
            "geselecteerd": [str(overleg.extern.pk)],
        },
    )
    tekst = antwoord.content.decode()
    assert "De datum 31-02-2030 bestaat niet" in tekst
    assert "Vul de datum in als dd-mm-jjjj" in tekst
    assert 'value="Advies"' in tekst and "lgroen@po2806.example.nl" in tekst
    assert not Overlegronde.objects.filter(hulpvraag=overleg.hulpvraag).exists()


def test_r36_r37_an_empty_participant_list_is_refused_with_a_message(overleg: Overleg):
    with pytest.raises(ValidationError) as fout:
        overleg.ronde(deelnemers=[])
    assert "minstens één deelnemer" in fout.value.message_dict["deelnemers"][0]
    client = overleg.o.client(overleg.o.ib_regenboog)
    reacties = VANDAAG() + timedelta(days=7)
    antwoord = client.post(
        reverse("overlegrondes:nieuw", args=[overleg.hulpvraag.referentie]),
        {
            "actie": "opslaan",
            "onderwerp": "Advies",
            "omschrijving": "Graag advies.",
            "einddatum_reacties": f"{reacties:%d-%m-%Y}",
            "einddatum_inzage": f"{reacties + timedelta(days=7):%d-%m-%Y}",
        },
    )
    assert "minstens één deelnemer" in antwoord.content.decode()


# --- R37: participants ---------------------------------------------------------------------------


def test_r37_mogelijke_deelnemers_are_swv_staff_colleagues_and_earlier_externals(overleg: Overleg):
    o = overleg.o
    buiten = account_maken(o.ppo, "nooitgezien", rol="externe_deelnemer")
    ronde = overleg.ronde()
    assert ronde.deelnemers.count() == 2
    mogelijk = set(mogelijke_deelnemers(o.ib_regenboog, overleg.hulpvraag))
    assert {o.scp, o.coordinator, o.regiomanager, o.beheerder, overleg.extern} <= mogelijk
    assert not {o.ib_regenboog, o.ib_kompas, o.ouder, o.ib_ander_swv, buiten} & mogelijk
    assert list(mogelijke_deelnemers(o.ib_regenboog, overleg.hulpvraag, "lgroen")) == [
        overleg.extern
    ]
    with pytest.raises(ValidationError):
        overleg.ronde(deelnemers=[o.ib_kompas])


@pytest.mark.parametrize(
    "nieuw, veld, tekst",
    [
        (NieuweDeelnemer("Sanne", "de Wit", "geen-adres", ""), "email", "geldig e-mailadres"),
        (
            NieuweDeelnemer("Sanne", "de Wit", "iverhoef@po9999.example.nl", ""),
            "email",
            "ander samenwerkingsverband",
        ),
        (
            NieuweDeelnemer("Sanne", "de Wit", "s@ggd.example.nl", "arts van Jan"),
            "specialisme",
            "naam van de leerling",
        ),
        (NieuweDeelnemer("", "de Wit", "s@ggd.example.nl", ""), "voornaam", "voornaam"),
    ],
)
def test_r37_a_new_user_is_checked(overleg: Overleg, nieuw: NieuweDeelnemer, veld: str, tekst: str):
    with pytest.raises(ValidationError) as fout:
        overleg.ronde(nieuwe_deelnemers=[nieuw])
    assert tekst in fout.value.message_dict[veld][0]
    assert not Overlegronde.objects.filter(hulpvraag=overleg.hulpvraag).exists()


def test_r37_participants_are_chosen_by_buttons_and_a_new_user_is_added(overleg: Overleg):
    """No script, no dragging: Zoeken, tick, Toevoegen; Nieuwe gebruiker → Toevoegen."""
    client = overleg.o.client(overleg.o.ib_regenboog)
    url = reverse("overlegrondes:nieuw", args=[overleg.hulpvraag.referentie])
    reacties = VANDAAG() + timedelta(days=7)
    basis = {
        "onderwerp": "Advies",
        "omschrijving": "Graag advies.",
        "einddatum_reacties": f"{reacties:%d-%m-%Y}",
        "einddatum_inzage": f"{reacties + timedelta(days=7):%d-%m-%Y}",
    }
    tekst = client.post(url, {**basis, "actie": "zoeken", "zoeken": "lgroen"}).content.decode()
    assert f'name="mogelijk" value="{overleg.extern.pk}"' in tekst
    tekst = client.post(
        url, {**basis, "actie": "selecteren", "mogelijk": [str(overleg.extern.pk)]}
    ).content.decode()
    assert f'name="geselecteerd" value="{overleg.extern.pk}"' in tekst
    # The specialisme names the pupil: a message beside the field, nothing added.
    fout = client.post(
        url,
        {
            **basis,
            "actie": "nieuw",
            "geselecteerd": [str(overleg.extern.pk)],
            "nieuw-voornaam": "Sanne",
            "nieuw-achternaam": "de Wit",
            "nieuw-email": "s.dewit@ggd.example.nl",
            "nieuw-specialisme": "arts van Jan",
        },
    ).content.decode()
    assert "naam van de leerling" in fout and 'name="nieuw"' not in fout
    assert 'value="arts van Jan"' in fout
    tekst = client.post(
        url,
        {
            **basis,
            "actie": "nieuw",
            "geselecteerd": [str(overleg.extern.pk)],
            "nieuw-voornaam": "Sanne",
            "nieuw-achternaam": "de Wit",
            "nieuw-email": "S.deWit@ggd.example.nl",
            "nieuw-specialisme": "jeugdarts",
        },
    ).content.decode()
    verborgen = re.search(r'name="nieuw" value="([^"]+)"', tekst)
    assert verborgen is not None
    import html

    antwoord = client.post(
        url,
        {
            **basis,
            "actie": "opslaan",
            "geselecteerd": [str(overleg.extern.pk)],
            "nieuw": [html.unescape(verborgen.group(1))],
        },
    )
    assert antwoord.status_code == 302, antwoord.content.decode()[-3000:]
    ronde = Overlegronde.objects.get(hulpvraag=overleg.hulpvraag)
    nieuw = Gebruiker.objects.get(email="s.dewit@ggd.example.nl")
    assert nieuw.gebruikersnaam == "s.dewit@ggd.example.nl"
    assert [rol.code for rol in nieuw.rollen.all()] == ["externe_deelnemer"]
    assert not nieuw.has_usable_password() and nieuw.swv == overleg.o.ppo
    assert {d.gebruiker for d in ronde.deelnemers.all()} == {overleg.extern, nieuw}
    assert ronde.deelnemers.get(gebruiker=nieuw).specialisme == "jeugdarts"


# --- R38: mails and activation -------------------------------------------------------------------


def test_r38_p3_saving_mails_every_participant_a_link_and_no_pupil_data(overleg: Overleg):
    ronde = overleg.ronde(nieuwe_deelnemers=[NIEUW])
    berichten = {tuple(b.aan): b for b in Bericht.objects.all()}
    bestaand = berichten[(overleg.extern.email,)]
    nieuw = berichten[(NIEUW.email,)]
    assert berichten[(overleg.o.coordinator.email,)]
    for bericht in (bestaand, nieuw):
        assert ronde.referentie in bericht.onderwerp
        for geheim in ("Jan", "Boven", "logopedie", "Taal", "03-09-2016", "Regenboog"):
            assert geheim not in bericht.tekst and geheim not in bericht.onderwerp
    assert f"/overlegrondes/{ronde.pk}/" in bestaand.tekst
    assert "authenticator-app" in bestaand.tekst and not bestaand.vertrouwelijk
    assert "/activeren/" in nieuw.tekst and nieuw.vertrouwelijk


def _activatielink(email: str) -> str:
    for bericht in mail.outbox:
        if email in bericht.to:
            gevonden = re.search(r"http://[^\s]+(/activeren/[^\s/]+/)", str(bericht.body))
            if gevonden:
                return gevonden.group(1)
    raise AssertionError("geen activatielink")


def test_r38_a_new_account_activates_once_with_password_and_authenticator(
    overleg: Overleg, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        ronde = overleg.ronde(nieuwe_deelnemers=[NIEUW])
    link = _activatielink(NIEUW.email)
    client = Client()
    assert "s.dewit@ggd.example.nl" in client.get(link).content.decode()
    te_kort = client.post(link, {"wachtwoord": "kort", "wachtwoord_herhalen": "kort"})
    assert te_kort.status_code == 200 and "12" in te_kort.content.decode()
    wachtwoord = "Logopedie-op-dinsdagmiddag"
    antwoord = client.post(link, {"wachtwoord": wachtwoord, "wachtwoord_herhalen": wachtwoord})
    assert antwoord["Location"] == reverse("accounts:authenticator_inrichten")
    client.get(antwoord["Location"])
    device = TOTPDevice.objects.get(user__email=NIEUW.email, confirmed=False)
    antwoord = client.post(antwoord["Location"], {"code": totp_code(device.bin_key)})
    assert antwoord.status_code == 302
    # The start page of an external participant is Mijn overlegrondes, with the round.
    lijst = client.get(reverse("start"), follow=True).content.decode()
    assert "Mijn overlegrondes" in lijst and ronde.onderwerp in lijst
    # The link worked once.
    tweede = Client().get(link)
    assert tweede.status_code == 410 and "al gebruikt" in tweede.content.decode()


def test_r38_an_expired_link_says_so_and_how_to_get_a_new_one(
    overleg: Overleg, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        ronde = overleg.ronde(nieuwe_deelnemers=[NIEUW])
    link = _activatielink(NIEUW.email)
    Uitnodiging.objects.update(verloopt_op=timezone.now() - timedelta(minutes=1))
    antwoord = Client().get(link)
    tekst = antwoord.content.decode()
    assert antwoord.status_code == 410
    assert "verlopen op" in tekst and "nieuwe activatielink" in tekst
    # The school sends a new one from the round; the old link stays dead.
    school = overleg.o.client(overleg.o.ib_regenboog)
    deelnemer = Deelnemer.objects.get(gebruiker__email=NIEUW.email)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        school.post(reverse("overlegrondes:activatielink", args=[ronde.pk, deelnemer.pk]))
    nieuw = _activatielink(NIEUW.email)
    assert nieuw != link and Client().get(nieuw).status_code == 200


# --- R39: taking part ----------------------------------------------------------------------------


def test_r39_p2_a_participant_reads_the_round_and_its_shared_file_logged_with_the_round(
    overleg: Overleg,
):
    ronde = overleg.ronde()
    client = overleg.o.client(overleg.extern)
    tekst = client.get(reverse("overlegrondes:detail", args=[ronde.pk])).content.decode()
    assert "Verslag logopedie" in tekst and "Verslag logopedie.pdf" in tekst
    assert "OPP 2026.docx" not in tekst
    dossier = client.get(reverse("overlegrondes:dossier", args=[ronde.pk])).content.decode()
    assert "Jan van Boven" in dossier and "03-09-2016" in dossier
    download = client.get(reverse("overlegrondes:bijlage", args=[ronde.pk, overleg.gedeeld.pk]))
    assert download.status_code == 200 and inhoud(download).startswith(b"%PDF")
    assert (
        client.get(
            reverse("overlegrondes:bijlage", args=[ronde.pk, overleg.niet_gedeeld.pk])
        ).status_code
        == 404
    )
    rijen = Inzage.objects.filter(gebruiker_id=overleg.extern.pk)
    assert {r.gebeurtenis for r in rijen} == {
        "overlegronde_bekeken",
        "overlegronde_bijlage_bekeken",
    }
    assert {r.grondslag for r in rijen} == {f"overlegronde {ronde.referentie}"}
    gedownload = rijen.get(gebeurtenis="overlegronde_bijlage_bekeken")
    assert gedownload.object_id == str(overleg.gedeeld.pk)
    assert gedownload.leerling_id == overleg.hulpvraag.leerling_id


def test_r39_p1_a_participant_sees_nothing_of_the_hulpvraag_outside_the_round(overleg: Overleg):
    overleg.ronde()
    client = overleg.o.client(overleg.extern)
    h = overleg.hulpvraag
    for url in (
        reverse("hulpvragen:detail", args=[h.referentie]),
        reverse("hulpvragen:statushistorie", args=[h.referentie]),
        reverse("hulpvragen:dossier", args=[h.leerling_id]),
        reverse("bijlagen:lijst", args=[h.referentie]),
        reverse("bijlagen:downloaden", args=[h.referentie, overleg.gedeeld.pk]),
        reverse("bijlagen:downloaden", args=[h.referentie, overleg.niet_gedeeld.pk]),
        reverse("overlegrondes:hulpvraag", args=[h.referentie]),
    ):
        assert client.get(url).status_code == 404, url
    assert "Jan" not in client.get(reverse("hulpvragen:lijst")).content.decode()


def test_r39_p3_a_reaction_with_a_file_mails_the_others_and_the_initiator(overleg: Overleg):
    ronde = overleg.ronde()
    client = overleg.o.client(overleg.extern)
    Bericht.objects.all().delete()
    bestand = SimpleUploadedFile("advies.txt", b"Advies: oefenen met klanken.\n")
    antwoord = client.post(
        reverse("overlegrondes:reageren", args=[ronde.pk]),
        {"tekst": "Zie mijn advies.", "bestand": bestand},
    )
    assert antwoord.status_code == 302, antwoord.content.decode()[-2000:]
    reactie = Reactie.objects.get()
    assert reactie.bijlage.bestandsnaam == "advies.txt" and reactie.bijlage.soort == "txt"
    bericht = Bericht.objects.get()
    assert sorted(bericht.aan) == sorted(
        [overleg.o.coordinator.email, overleg.o.ib_regenboog.email]
    )
    assert "Zie mijn advies" not in bericht.tekst and "Jan" not in bericht.tekst
    inzage = Inzage.objects.get(gebeurtenis="reactie_toegevoegd")
    assert inzage.grondslag == f"overlegronde {ronde.referentie}"
    # The coördinator (a participant) downloads it.
    coordinator = overleg.o.client(overleg.o.coordinator)
    download = coordinator.get(reverse("overlegrondes:reactiebijlage", args=[ronde.pk, reactie.pk]))
    assert inhoud(download).startswith(b"Advies")


def test_r39_a_reaction_file_goes_through_the_same_checks(overleg: Overleg):
    ronde = overleg.ronde()
    client = overleg.o.client(overleg.extern)
    antwoord = client.post(
        reverse("overlegrondes:reageren", args=[ronde.pk]),
        {"tekst": "Hier.", "bestand": SimpleUploadedFile("advies.pdf", b"MZ\x90\x00 geen pdf")},
    )
    assert antwoord.status_code == 200
    assert "advies.pdf" in antwoord.content.decode()
    assert not Reactie.objects.exists()


def test_r39_a_request_over_the_upload_limit_adds_no_reaction_without_its_file(
    overleg: Overleg, settings
):
    settings.PASSEND_UPLOAD_MAX_BYTES = 1000
    ronde = overleg.ronde()
    client = overleg.o.client(overleg.extern)
    antwoord = client.post(
        reverse("overlegrondes:reageren", args=[ronde.pk]),
        {"tekst": "Hier.", "bestand": SimpleUploadedFile("groot.txt", b"a" * 5000)},
    )
    assert antwoord.status_code == 200 and "groter dan" in antwoord.content.decode()
    assert not Reactie.objects.exists()


def test_r39_r40_after_einddatum_reacties_the_round_is_read_only(overleg: Overleg):
    ronde = overleg.ronde()
    Overlegronde.objects.filter(pk=ronde.pk).update(
        einddatum_reacties=VANDAAG() - timedelta(days=1)
    )
    ronde.refresh_from_db()
    with pytest.raises(PermissionDenied):
        reactie_toevoegen(overlegronde=ronde, door=overleg.extern, tekst="Te laat.")
    client = overleg.o.client(overleg.extern)
    tekst = client.get(reverse("overlegrondes:detail", args=[ronde.pk])).content.decode()
    assert "Reageren kon tot en met" in tekst and "Reactie plaatsen" not in tekst
    assert (
        client.post(
            reverse("overlegrondes:reageren", args=[ronde.pk]), {"tekst": "Te laat."}
        ).status_code
        == 404
    )


# --- R40: expiry on every request ----------------------------------------------------------------


def test_r40_after_einddatum_inzage_every_content_url_gives_the_message_in_the_same_session(
    overleg: Overleg,
):
    ronde = overleg.ronde()
    client = overleg.o.client(overleg.extern)
    assert client.get(reverse("overlegrondes:detail", args=[ronde.pk])).status_code == 200
    reactie = reactie_toevoegen(overlegronde=ronde, door=overleg.o.ib_regenboog, tekst="Dank.")
    _verlopen(ronde)
    verwacht = (
        "De inzagetermijn van deze overlegronde is verlopen op "
        f"{VANDAAG() - timedelta(days=1):%d-%m-%Y}. Neem contact op met de school als u nog "
        "inzage nodig hebt."
    )
    for url in (
        reverse("overlegrondes:detail", args=[ronde.pk]),
        reverse("overlegrondes:dossier", args=[ronde.pk]),
        reverse("overlegrondes:bijlage", args=[ronde.pk, overleg.gedeeld.pk]),
        reverse("overlegrondes:reactiebijlage", args=[ronde.pk, reactie.pk]),
    ):
        antwoord = client.get(url)
        assert antwoord.status_code == 410, url
        assert verwacht in antwoord.content.decode()
        assert "Verslag logopedie" not in antwoord.content.decode()
    assert (
        client.post(reverse("overlegrondes:reageren", args=[ronde.pk]), {"tekst": "x"}).status_code
        == 410
    )
    lijst = client.get(reverse("overlegrondes:lijst")).content.decode()
    assert verwacht in lijst and "Verslag logopedie" not in lijst
    # The school still has its round.
    school = overleg.o.client(overleg.o.ib_regenboog)
    assert school.get(reverse("overlegrondes:detail", args=[ronde.pk])).status_code == 200


def test_r40_the_initiator_extends_by_editing_the_dates_logged(overleg: Overleg):
    ronde = overleg.ronde()
    _verlopen(ronde)
    client = overleg.o.client(overleg.o.ib_regenboog)
    reacties = VANDAAG() + timedelta(days=3)
    antwoord = client.post(
        reverse("overlegrondes:bewerken", args=[ronde.pk]),
        {
            "einddatum_reacties": f"{reacties:%d-%m-%Y}",
            "einddatum_inzage": f"{reacties + timedelta(days=7):%d-%m-%Y}",
        },
    )
    assert antwoord.status_code == 302, antwoord.content.decode()[-2000:]
    ronde.refresh_from_db()
    assert ronde.einddatum_inzage == reacties + timedelta(days=7)
    rij = Inzage.objects.get(gebeurtenis="overlegronde_gewijzigd")
    assert rij.details["einddatum_inzage"] == (reacties + timedelta(days=7)).isoformat()
    assert rij.details["einddatum_inzage_oud"] == (VANDAAG() - timedelta(days=1)).isoformat()
    extern = overleg.o.client(overleg.extern)
    assert extern.get(reverse("overlegrondes:detail", args=[ronde.pk])).status_code == 200


def test_r40_closing_early_ends_inzage_and_editing_reopens(overleg: Overleg):
    ronde = overleg.ronde()
    overlegronde_sluiten(overlegronde=ronde, door=overleg.o.ib_regenboog)
    extern = overleg.o.client(overleg.extern)
    antwoord = extern.get(reverse("overlegrondes:detail", args=[ronde.pk]))
    assert antwoord.status_code == 410 and f"{VANDAAG():%d-%m-%Y}" in antwoord.content.decode()
    with pytest.raises(PermissionDenied):
        overlegronde_sluiten(overlegronde=ronde, door=overleg.extern)
    with pytest.raises(PermissionDenied):
        overlegronde_wijzigen(
            overlegronde=ronde,
            door=overleg.extern,
            einddatum_reacties=ronde.einddatum_reacties,
            einddatum_inzage=ronde.einddatum_inzage,
        )
    overlegronde_wijzigen(
        overlegronde=ronde,
        door=overleg.o.ib_regenboog,
        einddatum_reacties=ronde.einddatum_reacties,
        einddatum_inzage=ronde.einddatum_inzage,
    )
    assert extern.get(reverse("overlegrondes:detail", args=[ronde.pk])).status_code == 200


# --- Housekeeping --------------------------------------------------------------------------------


def test_external_accounts_without_an_active_round_are_deactivated_after_the_swv_period(
    overleg: Overleg,
):
    Overlegrondeinstellingen.objects.create(swv=overleg.o.ppo, deactiveren_na_dagen=30)
    ronde = overleg.ronde()
    lang_geleden = timezone.now() - timedelta(days=60)
    Gebruiker.objects.filter(pk=overleg.extern.pk).update(aangemaakt_op=lang_geleden)
    assert externe_accounts_deactiveren().startswith("0 ")
    _verlopen(ronde, dagen=31)
    assert externe_accounts_deactiveren().startswith("1 ")
    overleg.extern.refresh_from_db()
    assert not overleg.extern.is_active
    # Staff taking part are never switched off; a second run does nothing.
    overleg.o.coordinator.refresh_from_db()
    assert overleg.o.coordinator.is_active
    assert externe_accounts_deactiveren().startswith("0 ")
    # Not listed any more, but a new round with the account (its e-mail typed) switches it on.
    assert overleg.extern not in mogelijke_deelnemers(overleg.o.ib_regenboog, overleg.hulpvraag)
    overleg.ronde(
        deelnemers=[], nieuwe_deelnemers=[NieuweDeelnemer("Lotte", "Groen", overleg.extern.email)]
    )
    overleg.extern.refresh_from_db()
    assert overleg.extern.is_active


def test_the_applicatiebeheerder_sees_every_round_as_metadata_not_content(
    overleg: Overleg, django_assert_max_num_queries
):
    ronde = overleg.ronde()
    overleg.ronde(onderwerp="Tweede ronde")
    client = overleg.o.client(overleg.o.beheerder)
    with django_assert_max_num_queries(12):
        tekst = client.get(reverse("overlegrondes:lijst")).content.decode()
    assert ronde.referentie in tekst and overleg.hulpvraag.referentie in tekst
    assert "Verslag logopedie" not in tekst and "Tweede ronde" not in tekst
    assert client.get(reverse("overlegrondes:detail", args=[ronde.pk])).status_code == 404
    assert not Inzage.objects.filter(
        gebruiker_id=overleg.o.beheerder.pk, gebeurtenis="overlegrondes_getoond"
    ).exists()


def test_the_list_page_takes_a_fixed_number_of_queries(
    overleg: Overleg, django_assert_max_num_queries
):
    client = overleg.o.client(overleg.o.ib_regenboog)
    client.get(reverse("overlegrondes:lijst"))
    for nummer in range(3):
        overleg.ronde(onderwerp=f"Ronde {nummer}")
    with django_assert_max_num_queries(14):
        tekst = client.get(reverse("overlegrondes:lijst")).content.decode()
    assert "Ronde 2" in tekst


def test_r37_the_e_mail_of_an_existing_account_warns_and_selects_that_account(overleg: Overleg):
    """An external account of the SWV that never took part at this school is not listed, but
    the school that types its address gets that account, not a second one."""
    o = overleg.o
    bestaand = account_maken(
        o.ppo, "jdijk", rol="externe_deelnemer", email="j.dijk@zorg.example.nl"
    )
    assert bestaand not in mogelijke_deelnemers(o.ib_regenboog, overleg.hulpvraag)
    client = o.client(o.ib_regenboog)
    url = reverse("overlegrondes:nieuw", args=[overleg.hulpvraag.referentie])
    tekst = client.post(
        url,
        {
            "actie": "nieuw",
            "onderwerp": "Advies",
            "nieuw-voornaam": "Jan",
            "nieuw-achternaam": "Dijk",
            "nieuw-email": "J.Dijk@zorg.example.nl",
        },
    ).content.decode()
    assert "Er is al een account met het e-mailadres j.dijk@zorg.example.nl" in tekst
    assert f'name="geselecteerd" value="{bestaand.pk}"' in tekst
    assert 'value="Advies"' in tekst
    # A colleague of another school is an account too, but cannot take part.
    tekst = client.post(
        url,
        {
            "actie": "nieuw",
            "nieuw-voornaam": "H",
            "nieuw-achternaam": "Schaap",
            "nieuw-email": o.ib_kompas.email,
        },
    ).content.decode()
    assert "kan niet deelnemen" in tekst
    ronde = overleg.ronde(deelnemers=[bestaand])
    assert [d.gebruiker for d in ronde.deelnemers.all()] == [bestaand]
    assert Gebruiker.objects.filter(email__iexact="j.dijk@zorg.example.nl").count() == 1

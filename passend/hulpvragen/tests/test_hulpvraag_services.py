"""Creating hulpvragen and changing their status: processes as data (R19-R22, R29-R32)."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from passend.accounts.tests.factories import account_maken
from passend.hulpvragen.models import Hulpvraag, Statuswijziging
from passend.hulpvragen.rechten import statuskeuzes, toegestane_statussen
from passend.hulpvragen.services import (
    StatusIntussenGewijzigd,
    hulpvraag_aanmaken,
    hulpvraag_behandeling_wijzigen,
    hulpvraag_status_wijzigen,
)
from passend.hulpvragen.signals import status_gewijzigd
from passend.hulpvragen.tests.factories import hulpvraag_op_school, leerling_op_school
from passend.processen.models import Hulpvraagtitel, Status

pytestmark = pytest.mark.django_db


def status(hulpvraag: Hulpvraag, naam: str) -> Status:
    return hulpvraag.status.proces.statussen.get(naam=naam)


def titel(naam: str) -> Hulpvraagtitel:
    return Hulpvraagtitel.objects.get(swv__code="PO2806", naam=naam)


@pytest.mark.parametrize(
    "titelnaam, beginstatus, zichtbaar",
    [
        ("Ambulante Begeleiding", "Aanmelding", True),
        ("Ondersteuningsbudget", "OB voorlopige aanvraag", False),
        ("Informatieuitwisseling overig", "Voorlopige aanmelding", False),
        ("KANS", "Aanmelding", True),
    ],
)
def test_r21_beginstatus_comes_from_the_title(omgeving, titelnaam, beginstatus, zichtbaar):
    hulpvraag = hulpvraag_op_school(omgeving.ib_regenboog, omgeving.regenboog, titelnaam)
    assert hulpvraag.status.naam == beginstatus
    assert hulpvraag.status.zichtbaar_voor_swv is zichtbaar
    assert hulpvraag.referentie.startswith(f"HV-{hulpvraag.hulpvraagdatum.year}-")
    eerste = hulpvraag.statuswijzigingen.get()
    assert (eerste.van, eerste.naar, eerste.door) == (None, hulpvraag.status, omgeving.ib_regenboog)


def test_r21_tlv_ijsselmonde_starts_voorlopig_and_invisible(omgeving):
    hulpvraag = hulpvraag_op_school(
        omgeving.ib_regenboog, omgeving.regenboog, "TLV-aanvraag (IJsselmonde)"
    )
    assert hulpvraag.status.naam == "TLV_1_voorlopig"
    assert not Hulpvraag.objects.zichtbaar_voor(omgeving.scp).filter(pk=hulpvraag.pk).exists()


@pytest.mark.parametrize(
    "school, titelnaam, alternatief",
    [
        ("regenboog", "TLV -Nieuw", "TLV-aanvraag (IJsselmonde)"),
        ("regenboog", "TLV -Verlenging", "TLV-aanvraag (IJsselmonde)"),
        ("kompas", "TLV-aanvraag (IJsselmonde)", "TLV -Nieuw"),
        ("extern", "TLV-aanvraag (IJsselmonde)", "TLV -Nieuw"),
    ],
)
def test_r31_title_outside_its_region_is_refused_naming_the_right_one(
    omgeving, school, titelnaam, alternatief
):
    school = getattr(omgeving, school)
    aanvrager = account_maken(omgeving.ppo, "ib_hier", scholen=(school,))
    leerling, schoolgegevens = leerling_op_school(omgeving.beheerder, school, aanvrager=aanvrager)
    with pytest.raises(ValidationError) as fout:
        hulpvraag_aanmaken(
            leerling=leerling,
            schoolgegevens=schoolgegevens,
            titel=titel(titelnaam),
            door=omgeving.beheerder,
        )
    melding = fout.value.message_dict["titel"][0]
    assert f"Kies ‘{alternatief}’" in melding
    assert not Hulpvraag.objects.exists()


def test_r29_the_right_tlv_title_is_accepted_per_region(omgeving):
    ijssel = hulpvraag_op_school(
        omgeving.ib_regenboog, omgeving.regenboog, "TLV-aanvraag (IJsselmonde)"
    )
    noord = hulpvraag_op_school(omgeving.ib_kompas, omgeving.kompas, "TLV -Nieuw")
    assert (ijssel.titel.naam, noord.titel.naam) == ("TLV-aanvraag (IJsselmonde)", "TLV -Nieuw")


def test_r32_coordinator_is_the_schools_scp_automatically(omgeving):
    hulpvraag = hulpvraag_op_school(omgeving.ib_regenboog, omgeving.regenboog)
    assert hulpvraag.coordinator == omgeving.scp


def test_r32_school_cannot_set_coordinator_or_labels(omgeving):
    hulpvraag = hulpvraag_op_school(omgeving.ib_regenboog, omgeving.regenboog)
    with pytest.raises(PermissionDenied):
        hulpvraag_behandeling_wijzigen(
            hulpvraag=hulpvraag, door=omgeving.ib_regenboog, coordinator=None, labels=[]
        )
    hulpvraag_behandeling_wijzigen(
        hulpvraag=hulpvraag, door=omgeving.scp, coordinator=omgeving.coordinator, labels=[]
    )
    hulpvraag.refresh_from_db()
    assert hulpvraag.coordinator == omgeving.coordinator
    with pytest.raises(ValidationError):  # a school account is no coördinator
        hulpvraag_behandeling_wijzigen(
            hulpvraag=hulpvraag, door=omgeving.scp, coordinator=omgeving.ib_regenboog, labels=[]
        )


def test_r20_school_cannot_make_swv_decisions(omgeving):
    hulpvraag = hulpvraag_op_school(omgeving.ib_regenboog, omgeving.regenboog)
    for naam in ("Dossier incompleet", "Toegekend", "Afgewezen", "Afgerond"):
        with pytest.raises(ValidationError) as fout:
            hulpvraag_status_wijzigen(
                hulpvraag=hulpvraag,
                naar=status(hulpvraag, naam),
                door=omgeving.ib_regenboog,
                reden="x",
            )
        assert "niet kiezen" in str(fout.value)
    assert hulpvraag.statuswijzigingen.count() == 1


def test_r20_swv_cannot_make_the_schools_submit_step(omgeving):
    hulpvraag = hulpvraag_op_school(
        omgeving.ib_regenboog, omgeving.regenboog, "Ondersteuningsbudget"
    )
    with pytest.raises((ValidationError, PermissionDenied)):
        hulpvraag_status_wijzigen(
            hulpvraag=hulpvraag,
            naar=status(hulpvraag, "OB aanvraag indienen"),
            door=omgeving.beheerder,
        )


def test_r19_r22_incompleet_needs_a_reason_and_writes_history_and_signal(omgeving):
    hulpvraag = hulpvraag_op_school(omgeving.ib_regenboog, omgeving.regenboog)
    incompleet = status(hulpvraag, "Dossier incompleet")
    with pytest.raises(ValidationError) as fout:
        hulpvraag_status_wijzigen(
            hulpvraag=hulpvraag, naar=incompleet, door=omgeving.scp, reden="  "
        )
    assert "reden" in fout.value.message_dict

    ontvangen = []

    def ontvanger(sender, statuswijziging, **kwargs):  # type: ignore[no-untyped-def]
        ontvangen.append(statuswijziging)

    status_gewijzigd.connect(ontvanger)
    try:
        wijziging = hulpvraag_status_wijzigen(
            hulpvraag=hulpvraag, naar=incompleet, door=omgeving.scp, reden="Het OPP ontbreekt."
        )
    finally:
        status_gewijzigd.disconnect(ontvanger)
    assert ontvangen == [wijziging]
    hulpvraag.refresh_from_db()
    assert hulpvraag.status == incompleet
    historie = list(
        hulpvraag.statuswijzigingen.values_list("van__naam", "naar__naam", "door", "reden")
    )
    assert historie[-1] == (
        "Aanmelding",
        "Dossier incompleet",
        omgeving.scp.pk,
        "Het OPP ontbreekt.",
    )

    # The school completes the dossier and sets Aanmelding again, as the manual says.
    hulpvraag_status_wijzigen(
        hulpvraag=hulpvraag, naar=status(hulpvraag, "Aanmelding"), door=omgeving.ib_regenboog
    )
    hulpvraag.refresh_from_db()
    assert hulpvraag.status.naam == "Aanmelding"


def test_rule4_second_of_two_simultaneous_changes_gets_a_clear_message(omgeving):
    hulpvraag = hulpvraag_op_school(omgeving.ib_regenboog, omgeving.regenboog)
    gezien = hulpvraag.status  # both SWV users opened the form while it said Aanmelding
    hulpvraag_status_wijzigen(
        hulpvraag=hulpvraag,
        naar=status(hulpvraag, "Doorzetten SCP"),
        door=omgeving.scp,
        verwachte_status=gezien,
    )
    with pytest.raises(StatusIntussenGewijzigd) as fout:
        hulpvraag_status_wijzigen(
            hulpvraag=Hulpvraag.objects.get(pk=hulpvraag.pk),
            naar=status(hulpvraag, "Dossier incompleet"),
            door=omgeving.coordinator,
            reden="Het OPP ontbreekt.",
            verwachte_status=gezien,
        )
    assert "intussen gewijzigd in ‘Doorzetten SCP’" in str(fout.value)
    assert Statuswijziging.objects.filter(hulpvraag=hulpvraag).count() == 2


def test_p1_changing_a_hulpvraag_one_cannot_see_is_refused(omgeving):
    hulpvraag = hulpvraag_op_school(omgeving.ib_regenboog, omgeving.regenboog)
    with pytest.raises(PermissionDenied):
        hulpvraag_status_wijzigen(
            hulpvraag=hulpvraag,
            naar=status(hulpvraag, "Voorlopige aanmelding"),
            door=omgeving.ib_kompas,
        )


def test_r30_tlv_1_incompleet_means_the_school_acts_and_sets_tlv_2_indienen(omgeving):
    hulpvraag = hulpvraag_op_school(omgeving.ib_kompas, omgeving.kompas, "TLV -Nieuw")
    assert hulpvraag.status.naam == "TLV_2_indienen"
    incompleet = status(hulpvraag, "TLV_1_incompleet")
    assert incompleet.school_moet_actie_ondernemen and incompleet.reden_verplicht
    hulpvraag_status_wijzigen(
        hulpvraag=hulpvraag,
        naar=incompleet,
        door=omgeving.scp,
        reden="Handtekening ouders ontbreekt.",
    )
    # Only the school resubmits: the SWV may not set TLV_2_indienen on its behalf.
    with pytest.raises(ValidationError):
        hulpvraag_status_wijzigen(
            hulpvraag=hulpvraag, naar=status(hulpvraag, "TLV_2_indienen"), door=omgeving.scp
        )
    hulpvraag_status_wijzigen(
        hulpvraag=hulpvraag, naar=status(hulpvraag, "TLV_2_indienen"), door=omgeving.ib_kompas
    )
    hulpvraag.refresh_from_db()
    assert hulpvraag.status.naam == "TLV_2_indienen"
    assert Hulpvraag.objects.zichtbaar_voor(omgeving.scp).filter(pk=hulpvraag.pk).exists()


def test_r20_the_school_takes_a_request_back_only_before_the_swv_acted(omgeving):
    """A transition's condition reads the history (preset choice 2): Aanmelding → Voorlopige
    aanmelding is the school's while the SWV took no step; after "Dossier incompleet" and the
    school's Aanmelding again, it is shown as not yet possible, with why, and refused."""
    terug = omgeving.ib_regenboog
    eerste = hulpvraag_op_school(terug, omgeving.regenboog)
    voorlopig = status(eerste, "Voorlopige aanmelding")
    assert voorlopig in toegestane_statussen(terug, eerste)
    hulpvraag_status_wijzigen(hulpvraag=eerste, naar=voorlopig, door=terug)
    # Submitted again: still nothing done by the SWV, so it may be taken back again.
    hulpvraag_status_wijzigen(hulpvraag=eerste, naar=status(eerste, "Aanmelding"), door=terug)
    assert voorlopig in toegestane_statussen(terug, eerste)

    tweede = hulpvraag_op_school(terug, omgeving.regenboog, roepnaam="Mila")
    hulpvraag_status_wijzigen(
        hulpvraag=tweede,
        naar=status(tweede, "Dossier incompleet"),
        door=omgeving.scp,
        reden="Het OPP ontbreekt.",
    )
    hulpvraag_status_wijzigen(hulpvraag=tweede, naar=status(tweede, "Aanmelding"), door=terug)
    assert voorlopig not in toegestane_statussen(terug, tweede)
    # Offered with its reason, not hidden (R20): the service says why.
    [keuze] = statuskeuzes(terug, tweede)
    assert keuze.status == voorlopig
    assert "al in behandeling genomen" in keuze.ontbreekt[0]
    with pytest.raises(ValidationError) as fout:
        hulpvraag_status_wijzigen(hulpvraag=tweede, naar=voorlopig, door=terug)
    assert fout.value.message_dict["naar"] == [
        "U kunt nog niet kiezen voor ‘Voorlopige aanmelding’. Eerst nodig:",
        *keuze.ontbreekt,
    ]
    tweede.refresh_from_db()
    assert tweede.status.naam == "Aanmelding"


def test_asvs_v4_2_1_a_channel_cannot_slip_in_objects_of_another_pupil_or_swv(omgeving):
    """What a form offers, a channel without a form (the API, an intake) could send anyway: the
    services refuse another pupil's schoolgegevens, another SWV's or a retired title, another
    SWV's label, and an aanvrager who does not work at the school, each beside its field."""
    from passend.dossiers.services import schoolgegevens_bewerken
    from passend.hulpvragen.models import Label
    from passend.hulpvragen.services import hulpvraag_behandeling_wijzigen

    ib = omgeving.ib_regenboog
    hulpvraag = hulpvraag_op_school(ib, omgeving.regenboog)
    _andere_leerling, andere_schoolgegevens = leerling_op_school(ib, omgeving.regenboog)
    ambulant = titel("Ambulante Begeleiding")

    def aanmaken(**anders: object) -> str:
        velden: dict[str, object] = {
            "leerling": hulpvraag.leerling,
            "schoolgegevens": hulpvraag.schoolgegevens,
            "titel": ambulant,
            "door": ib,
            **anders,
        }
        with pytest.raises(ValidationError) as fout:
            hulpvraag_aanmaken(**velden)  # type: ignore[arg-type]
        return next(iter(fout.value.message_dict))

    assert aanmaken(schoolgegevens=andere_schoolgegevens) == "schoolgegevens"
    vreemde_titel = Hulpvraagtitel.objects.create(
        swv=omgeving.ander_swv,
        naam="Vreemd",
        proces=ambulant.proces,
        beginstatus=ambulant.beginstatus,
    )
    assert aanmaken(titel=vreemde_titel) == "titel"
    Hulpvraagtitel.objects.filter(pk=ambulant.pk).update(actief=False)
    ambulant.refresh_from_db()
    assert aanmaken(titel=ambulant) == "titel"
    assert Hulpvraag.objects.count() == 1

    vreemd_label = Label.objects.create(swv=omgeving.ander_swv, naam="Vreemd")
    with pytest.raises(ValidationError) as fout:
        hulpvraag_behandeling_wijzigen(
            hulpvraag=hulpvraag, door=omgeving.scp, coordinator=None, labels=[vreemd_label]
        )
    assert "labels" in fout.value.message_dict
    with pytest.raises(ValidationError) as fout:
        schoolgegevens_bewerken(
            schoolgegevens=hulpvraag.schoolgegevens,
            door=ib,
            aanvrager=omgeving.ib_kompas,  # works at Het Kompas, not at De Regenboog
            contactpersoon="X",
            email="x@example.nl",
            telefoon="",
        )
    assert fout.value.message_dict == {
        "aanvrager": ["Kies een aanvrager die bij deze school werkt."]
    }
    hulpvraag.schoolgegevens.refresh_from_db()
    assert hulpvraag.schoolgegevens.aanvrager == ib
    assert not hulpvraag.labels.exists()


def test_i19_after_a_move_the_previous_school_files_no_new_hulpvraag_nor_changes_the_dossier(
    omgeving,
):
    from datetime import date

    from passend.dossiers.services import leerling_wijzigen, schoolgegevens_toevoegen

    oud = hulpvraag_op_school(omgeving.ib_regenboog, omgeving.regenboog)
    leerling = oud.leerling
    nieuw = schoolgegevens_toevoegen(
        leerling=leerling,
        school=omgeving.kompas,
        door=omgeving.coordinator,
        aanvrager=omgeving.ib_kompas,
        contactpersoon="H. Schaap",
        email=omgeving.ib_kompas.email,
    )
    # The previous school, under its own (old) schoolgegevens: refused by the service.
    with pytest.raises(PermissionDenied):
        hulpvraag_aanmaken(
            leerling=leerling,
            schoolgegevens=oud.schoolgegevens,
            titel=oud.titel,
            door=omgeving.ib_regenboog,
        )
    with pytest.raises(PermissionDenied):
        leerling_wijzigen(
            leerling=leerling,
            door=omgeving.ib_regenboog,
            roepnaam="Jan",
            tussenvoegsel="van",
            achternaam="Anders",
            geboortedatum=date(2016, 9, 3),
        )
    # The current school may.
    hulpvraag_aanmaken(
        leerling=leerling, schoolgegevens=nieuw, titel=oud.titel, door=omgeving.ib_kompas
    )
    assert Hulpvraag.objects.filter(leerling=leerling).count() == 2


def test_i19_swv_staff_see_the_dossier_they_entered_and_colleagues_do_not_yet(omgeving):
    from passend.dossiers.selectors import leerling_voor
    from passend.dossiers.services import leerling_aanmaken

    leerling, _ = leerling_op_school(
        omgeving.coordinator, omgeving.kompas, aanvrager=omgeving.ib_kompas, roepnaam="Noor"
    )
    assert leerling_voor(omgeving.coordinator, leerling.pk) == leerling
    zonder_school = leerling_aanmaken(
        door=omgeving.coordinator,
        roepnaam="Sam",
        achternaam="Direct",
        geboortedatum=leerling.geboortedatum,
    )
    assert leerling_voor(omgeving.coordinator, zonder_school.pk) == zonder_school
    # Another SWV account sees it once a hulpvraag the SWV sees exists, not before.
    with pytest.raises(leerling.DoesNotExist):
        leerling_voor(omgeving.scp, leerling.pk)


def test_i12_r20_a_transition_may_require_a_filled_field_of_the_hulpvraag(omgeving):
    """Issue 12 item 3: "a filled field on the hulpvraag" as a condition: here the SWV's step
    from Aanmelding needs a coördinator; the status form names it and links to the hulpvraag."""
    from passend.processen.models import Statusovergang

    hulpvraag = hulpvraag_op_school(omgeving.ib_regenboog, omgeving.regenboog)
    hulpvraag_behandeling_wijzigen(
        hulpvraag=hulpvraag, door=omgeving.scp, coordinator=None, labels=[]
    )
    doorzetten = status(hulpvraag, "Doorzetten SCP")
    overgang = Statusovergang.objects.get(van=hulpvraag.status, naar=doorzetten)
    overgang.voorwaarden = ["hulpvraag_ingevuld:coordinator"]
    overgang.full_clean()
    overgang.save()
    [keuze] = [k for k in statuskeuzes(omgeving.scp, hulpvraag) if k.status == doorzetten]
    assert keuze.ontbreekt == [
        "Wijs eerst een coördinator toe (Coördinator en labels, of Oppakken)."
    ]
    assert keuze.plaatsen[0].url == f"/hulpvragen/{hulpvraag.referentie}/"
    hulpvraag_behandeling_wijzigen(
        hulpvraag=hulpvraag, door=omgeving.scp, coordinator=omgeving.scp, labels=[]
    )
    hulpvraag_status_wijzigen(hulpvraag=hulpvraag, naar=doorzetten, door=omgeving.scp)

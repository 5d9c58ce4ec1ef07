"""The PPO Rotterdam preset (the manual's processes and titles) and its loader."""

from collections import deque
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from passend.accounts import rollen
from passend.accounts.models import Rol
from passend.accounts.tests.factories import account_maken, inloggen
from passend.organisaties.models import Regio, Samenwerkingsverband
from passend.organisaties.tests.factories import (
    RegioFactory,
    SamenwerkingsverbandFactory,
    SchoolFactory,
)
from passend.processen.admin import HulpvraagtitelForm
from passend.processen.models import Hulpvraagtitel, Proces, Status, Statusovergang
from passend.processen.presets import PresetFout, preset_laden, preset_pad
from passend.processen.selectors import overgangen_voor, titels_voor_school

PRESET = preset_pad("ppo_rotterdam")

# The manual's list (Esis chapter, step 2), in its order and spelling.
MANUAL_TITELS = [
    "Aanvangsklas -aanvraag",
    "Aanvangsklas -plaatsing",
    "Ambulante Begeleiding",
    "Budget inclusief onderwijs",
    "CAR met bestaande TLV",
    "Dyslexie -Vergoede zorg",
    "GAAF -Leerling met ontwikkelingsvoorsprong/(hoog)begaafdheid",
    "Herstart junior",
    "Jonge kind (3,2 - 4 jr) advisering",
    "KANS",
    "Ouderfunctionaris inzet",
    "Ondersteuningsbudget",
    "Perspectief in Praktijk",
    "Preventie SCP",
    "Psychodiagnostisch onderzoek",
    "STAP-arrangement",
    "Terugplaatsing",
    "Thuiszitter",
    "TLV -Nieuw",
    "TLV -Verlaging/ophoging",
    "TLV -Verlenging",
    "TLV-aanvraag (IJsselmonde)",
    "Informatieuitwisseling overig",
]
OUDE_TLV_TITELS = ["TLV -Nieuw", "TLV -Verlaging/ophoging", "TLV -Verlenging"]
IJSSELMONDE_TLV = "TLV-aanvraag (IJsselmonde)"

SCHOOLROLLEN = [rollen.INTERN_BEGELEIDER, rollen.DIRECTEUR]
SWVROLLEN = [
    rollen.SCHOOLCONTACTPERSOON,
    rollen.COORDINATOR,
    rollen.TLV_ADMINISTRATIE,
    rollen.DESKUNDIGE,
    rollen.REGIOMANAGER,
    rollen.APPLICATIEBEHEERDER,
]
# The statuses only the school sets: submitting, resubmitting, taking back to prepare.
SCHOOLSTAPPEN = {"Voorlopige aanmelding", "Aanmelding", "OB aanvraag indienen", "TLV_2_indienen"}


@pytest.fixture
def regios(ppo: Samenwerkingsverband) -> dict[str, Regio]:
    return {naam: RegioFactory.create(swv=ppo, naam=naam) for naam in ("IJsselmonde", "Noord")}


@pytest.fixture
def geladen(ppo: Samenwerkingsverband, regios: dict[str, Regio]) -> Samenwerkingsverband:
    preset_laden(swv=ppo, pad=PRESET)
    return ppo


def rijen_tellen() -> dict[str, int]:
    """Every table the loader writes, including the many-to-many tables."""
    return {
        "processen": Proces.objects.count(),
        "statussen": Status.objects.count(),
        "overgangen": Statusovergang.objects.count(),
        "overgangrollen": Statusovergang.rollen.through.objects.count(),
        "titels": Hulpvraagtitel.objects.count(),
        "alleen_voor": Hulpvraagtitel.alleen_voor_regios.through.objects.count(),
        "niet_voor": Hulpvraagtitel.niet_voor_regios.through.objects.count(),
    }


def status(swv: Samenwerkingsverband, proces: str, naam: str) -> Status:
    return Status.objects.get(proces__swv=swv, proces__code=proces, naam=naam)


def naar_namen(van: Status, rolcodes: list[str]) -> set[str]:
    return {overgang.naar.naam for overgang in overgangen_voor(van, rolcodes)}


def rolcodes(overgang: Statusovergang) -> set[str]:
    return set(overgang.rollen.values_list("code", flat=True))


def preset_schrijven(tmp_path: Path, tekst: str) -> Path:
    pad = tmp_path / "proef.yaml"
    pad.write_text(tekst, encoding="utf-8")
    return pad


# The titles -------------------------------------------------------------------------------------


def test_r16_r29_preset_holds_exactly_the_manuals_23_titles_in_its_order(geladen):
    titels = Hulpvraagtitel.objects.filter(swv=geladen).order_by("volgorde")
    assert [titel.naam for titel in titels] == MANUAL_TITELS
    assert len(MANUAL_TITELS) == 23
    assert all(titel.actief for titel in titels)


@pytest.mark.parametrize(
    ("titel", "proces", "beginstatus", "zichtbaar"),
    [
        ("Ondersteuningsbudget", "ondersteuningsbudget", "OB voorlopige aanvraag", False),
        (IJSSELMONDE_TLV, "tlv_ijsselmonde", "TLV_1_voorlopig", False),
        ("Informatieuitwisseling overig", "informatieuitwisseling", "Voorlopige aanmelding", False),
        ("Ambulante Begeleiding", "algemeen", "Aanmelding", True),
        ("Herstart junior", "herstart_kans", "Aanmelding", True),
        ("KANS", "herstart_kans", "Aanmelding", True),
        ("Thuiszitter", "thuiszitter", "Aanmelding", True),
        ("TLV -Nieuw", "tlv", "TLV_2_indienen", True),
    ],
)
def test_r21_r35_each_title_starts_in_its_beginstatus(
    geladen, titel, proces, beginstatus, zichtbaar
):
    rij = Hulpvraagtitel.objects.get(swv=geladen, naam=titel)
    assert rij.proces.code == proces
    assert rij.beginstatus.naam == beginstatus
    assert rij.beginstatus.zichtbaar_voor_swv is zichtbaar


def test_r21_voorlopig_statuses_are_invisible_and_ask_the_school_to_act(geladen):
    for proces, naam in [
        ("algemeen", "Voorlopige aanmelding"),
        ("herstart_kans", "Voorlopige aanmelding"),
        ("ondersteuningsbudget", "OB voorlopige aanvraag"),
        ("tlv_ijsselmonde", "TLV_1_voorlopig"),
    ]:
        rij = status(geladen, proces, naam)
        assert not rij.zichtbaar_voor_swv, naam
        assert rij.school_moet_actie_ondernemen, naam
    # Nothing else is hidden from the SWV.
    assert set(
        Status.objects.filter(proces__swv=geladen, zichtbaar_voor_swv=False).values_list(
            "naam", flat=True
        )
    ) == {"Voorlopige aanmelding", "OB voorlopige aanvraag", "TLV_1_voorlopig"}


def test_r20_status_names_follow_the_manual(geladen):
    namen = set(Status.objects.filter(proces__swv=geladen).values_list("naam", flat=True))
    for naam in [
        "Voorlopige aanmelding",
        "OB voorlopige aanvraag",
        "TLV_1_voorlopig",
        "Aanmelding",
        "Doorzetten SCP",
        "Dossier compleet",
        "Dossier incompleet",
        "Toegekend",
        "Akkoord coördinator Herstart/KANS",
        "Gearrangeerd budget Herstart/KANS",
        "Wacht",
        "In behandeling",
        "Behandeling loopt",
        "TLV afgegeven",
        "Afgerond",
        "Afgewezen",
        "Niet ontvankelijk",
        "Niet ontvankelijk financieel",
        "Thuiszitter",
        "OB aanvraag indienen",
        "OB incompleet",
        "Gearrangeerd budget",
        "Afgewezen regiomanager",
        "TLV_1_incompleet",
        "TLV_2_indienen",
        "TLV_3_in behandeling",
    ]:
        assert naam in namen
    # The manual's typo and variant are not taken over.
    assert "TLV_1_incompleteet" not in namen
    assert "TLV_2_aanvraag indienen" not in namen


def test_r19_every_status_has_an_instruction_and_incompleet_asks_for_a_reason(geladen):
    for rij in Status.objects.filter(proces__swv=geladen):
        assert rij.instructie.strip(), rij
    for proces, naam, terug in [
        ("algemeen", "Dossier incompleet", "Aanmelding"),
        ("herstart_kans", "Dossier incompleet", "Aanmelding"),
        ("ondersteuningsbudget", "OB incompleet", "OB aanvraag indienen"),
        ("tlv", "TLV_1_incompleet", "TLV_2_indienen"),
        ("tlv_ijsselmonde", "TLV_1_incompleet", "TLV_2_indienen"),
    ]:
        rij = status(geladen, proces, naam)
        assert rij.school_moet_actie_ondernemen and rij.reden_verplicht
        # The text sends the school back to the same hulpvraag, never a new one.
        assert terug in rij.instructie
        assert "deze hulpvraag" in rij.instructie
        assert "nieuwe hulpvraag" in rij.instructie or "tweede hulpvraag" in rij.instructie


def test_r20_rejections_need_a_reason(geladen):
    for rij in Status.objects.filter(
        proces__swv=geladen, naam__in=["Afgewezen", "Niet ontvankelijk", "Afgewezen regiomanager"]
    ):
        assert rij.eindstatus and rij.reden_verplicht, rij
    rij = status(geladen, "herstart_kans", "Niet ontvankelijk financieel")
    assert rij.eindstatus and rij.reden_verplicht


# Regions ----------------------------------------------------------------------------------------


def test_r29_r30_ijsselmonde_school_gets_only_the_ijsselmonde_tlv_title(geladen, regios):
    school = SchoolFactory.create(swv=geladen, regio=regios["IJsselmonde"])
    namen = [titel.naam for titel in titels_voor_school(school)]
    assert IJSSELMONDE_TLV in namen
    for oud in OUDE_TLV_TITELS:
        assert oud not in namen
    assert len(namen) == 20


def test_r29_r30_school_outside_ijsselmonde_gets_the_old_tlv_titles(geladen, regios):
    school = SchoolFactory.create(swv=geladen, regio=regios["Noord"])
    namen = [titel.naam for titel in titels_voor_school(school)]
    assert IJSSELMONDE_TLV not in namen
    for oud in OUDE_TLV_TITELS:
        assert oud in namen
    assert namen == [naam for naam in MANUAL_TITELS if naam != IJSSELMONDE_TLV]


def test_r8_r29_external_school_is_outside_ijsselmonde(geladen):
    school = SchoolFactory.create(swv=geladen, regio=None, aangesloten=False)
    namen = [titel.naam for titel in titels_voor_school(school)]
    assert IJSSELMONDE_TLV not in namen
    assert "TLV -Nieuw" in namen


def test_r29_each_tlv_title_names_the_other_as_its_alternative(geladen):
    for oud in OUDE_TLV_TITELS:
        titel = Hulpvraagtitel.objects.get(swv=geladen, naam=oud)
        assert titel.alternatief is not None and titel.alternatief.naam == IJSSELMONDE_TLV
        assert [r.naam for r in titel.niet_voor_regios.all()] == ["IJsselmonde"]
        assert not titel.alleen_voor_regios.exists()
    titel = Hulpvraagtitel.objects.get(swv=geladen, naam=IJSSELMONDE_TLV)
    assert titel.alternatief is not None and titel.alternatief.naam == "TLV -Nieuw"
    assert [r.naam for r in titel.alleen_voor_regios.all()] == ["IJsselmonde"]


def test_r32_coordinator_is_the_scp_except_for_tlv_and_exchange_only(geladen):
    zonder = set(
        Hulpvraagtitel.objects.filter(
            swv=geladen, coordinatortoewijzing=Hulpvraagtitel.Coordinatortoewijzing.GEEN
        ).values_list("naam", flat=True)
    )
    assert zonder == {*OUDE_TLV_TITELS, IJSSELMONDE_TLV, "Informatieuitwisseling overig"}


# Who may change what ----------------------------------------------------------------------------


def test_r23_r26_school_submits_an_ob_request_and_the_swv_cannot(geladen):
    voorlopig = status(geladen, "ondersteuningsbudget", "OB voorlopige aanvraag")
    assert naar_namen(voorlopig, SCHOOLROLLEN) == {"OB aanvraag indienen"}
    assert naar_namen(voorlopig, [rollen.INTERN_BEGELEIDER]) == {"OB aanvraag indienen"}
    assert naar_namen(voorlopig, SWVROLLEN) == set()
    incompleet = status(geladen, "ondersteuningsbudget", "OB incompleet")
    assert "OB aanvraag indienen" in naar_namen(incompleet, SCHOOLROLLEN)
    assert "OB aanvraag indienen" not in naar_namen(incompleet, SWVROLLEN)


def test_r27_ob_decision_is_the_regiomanagers(geladen):
    in_behandeling = status(geladen, "ondersteuningsbudget", "OB in behandeling")
    besluiten = {"Gearrangeerd budget", "Afgewezen regiomanager"}
    assert besluiten <= naar_namen(in_behandeling, [rollen.REGIOMANAGER])
    anderen = [code for code in SWVROLLEN if code != rollen.REGIOMANAGER]
    assert not besluiten & naar_namen(in_behandeling, anderen)


def test_r31_tlv_1_incompleet_goes_back_to_tlv_2_indienen_by_the_school(geladen):
    for proces in ("tlv", "tlv_ijsselmonde"):
        incompleet = status(geladen, proces, "TLV_1_incompleet")
        assert naar_namen(incompleet, SCHOOLROLLEN) == {"TLV_2_indienen"}
        assert "TLV_2_indienen" not in naar_namen(incompleet, SWVROLLEN)
    voorlopig = status(geladen, "tlv_ijsselmonde", "TLV_1_voorlopig")
    assert naar_namen(voorlopig, SCHOOLROLLEN) == {"TLV_2_indienen"}
    assert naar_namen(voorlopig, SWVROLLEN) == set()


def test_r20_school_may_take_back_a_request_the_swv_has_not_started(geladen):
    aanmelding = status(geladen, "algemeen", "Aanmelding")
    assert naar_namen(aanmelding, SCHOOLROLLEN) == {"Voorlopige aanmelding"}
    assert "Voorlopige aanmelding" not in naar_namen(aanmelding, SWVROLLEN)
    # Once the SWV took a step, the school cannot hide the request again.
    for naam in ("Doorzetten SCP", "Dossier compleet", "Toegekend"):
        assert naar_namen(status(geladen, "algemeen", naam), SCHOOLROLLEN) == set()


def test_r20_school_roles_never_reach_a_final_status(geladen):
    overgangen = Statusovergang.objects.filter(proces__swv=geladen).select_related("naar")
    assert overgangen.exists()
    for overgang in overgangen:
        if overgang.naar.eindstatus:
            assert not rolcodes(overgang) & set(SCHOOLROLLEN), overgang


def test_r20_r21_school_and_swv_keep_to_their_own_steps(geladen):
    """The school submits and resubmits; every decision is the SWV's, and the SWV never
    makes the school's "_indienen" or back-to-Aanmelding step on its behalf."""
    for overgang in Statusovergang.objects.filter(proces__swv=geladen).select_related("naar"):
        codes = rolcodes(overgang)
        assert codes, overgang
        if overgang.naar.naam in SCHOOLSTAPPEN:
            assert codes <= set(SCHOOLROLLEN), overgang
        else:
            assert codes <= set(SWVROLLEN), overgang
        # Nobody on the SWV side can hide a hulpvraag from the SWV.
        if not overgang.naar.zichtbaar_voor_swv:
            assert codes <= set(SCHOOLROLLEN), overgang


def test_r20_every_status_of_every_process_can_reach_an_end(geladen):
    """A graph walk: from each title's beginstatus, and from every status, some final status
    is reachable; a hulpvraag never gets stuck. Except an exchange the SWV never sees (R35):
    "Informatieuitwisseling overig" stays in its one status on purpose."""
    for proces in Proces.objects.filter(swv=geladen).exclude(code="informatieuitwisseling"):
        volgende: dict[int, set[int]] = {}
        for van_id, naar_id in proces.overgangen.values_list("van_id", "naar_id"):
            volgende.setdefault(van_id, set()).add(naar_id)
        einden = set(proces.statussen.filter(eindstatus=True).values_list("pk", flat=True))
        assert einden, proces

        def bereikt_einde(start: int, volgende=volgende, einden=einden) -> bool:
            gezien, rij = {start}, deque([start])
            while rij:
                huidig = rij.popleft()
                if huidig in einden:
                    return True
                for buur in volgende.get(huidig, set()) - gezien:
                    gezien.add(buur)
                    rij.append(buur)
            return False

        for titel in proces.titels.all():
            assert bereikt_einde(titel.beginstatus_id), titel
        for rij in proces.statussen.all():
            assert bereikt_einde(rij.pk), f"{proces.code}: {rij.naam}"


# Loading: idempotent, source of truth, leaves additions alone ------------------------------------


def test_loading_twice_creates_nothing_and_changes_nothing(geladen):
    voor = rijen_tellen()
    assert voor["titels"] == 23
    assert voor["processen"] == 7
    resultaat = preset_laden(swv=geladen, pad=PRESET)
    assert rijen_tellen() == voor
    assert resultaat.aangemaakt == []
    assert resultaat.bijgewerkt == []
    # The parts other apps keep beside the processes (forms, kinds of document) report their
    # rows too.
    eigen = [
        label
        for label in resultaat.ongewijzigd
        if label.split(" ")[0] in {"proces", "status", "overgang", "titel"}
    ]
    assert len(eigen) == sum(
        voor[sleutel] for sleutel in ("processen", "statussen", "overgangen", "titels")
    )


def test_reload_restores_the_presets_texts_and_roles(geladen):
    incompleet = status(geladen, "algemeen", "Dossier incompleet")
    origineel = incompleet.instructie
    incompleet.instructie = "Aangepast door een beheerder."
    incompleet.reden_verplicht = False
    incompleet.save()
    overgang = Statusovergang.objects.get(van=incompleet, naar__naam="Aanmelding")
    overgang.rollen.add(Rol.objects.get(code=rollen.SCHOOLCONTACTPERSOON))
    titel = Hulpvraagtitel.objects.get(swv=geladen, naam="TLV -Nieuw")
    titel.niet_voor_regios.clear()

    resultaat = preset_laden(swv=geladen, pad=PRESET)

    incompleet.refresh_from_db()
    assert incompleet.instructie == origineel
    assert incompleet.reden_verplicht
    assert rolcodes(overgang) == set(SCHOOLROLLEN)
    assert [r.naam for r in titel.niet_voor_regios.all()] == ["IJsselmonde"]
    assert sorted(resultaat.bijgewerkt) == [
        'overgang "Dossier incompleet" → "Aanmelding" (algemeen)',
        'status "Dossier incompleet" (algemeen)',
        'titel "TLV -Nieuw"',
    ]


def test_reload_leaves_what_an_administrator_added(geladen):
    proces = Proces.objects.get(swv=geladen, code="algemeen")
    extra = Status.objects.create(proces=proces, naam="Doorzetten leescoördinator", volgorde=36)
    overgang = Statusovergang.objects.create(
        proces=proces, van=status(geladen, "algemeen", "Doorzetten SCP"), naar=extra
    )
    overgang.rollen.add(Rol.objects.get(code=rollen.COORDINATOR))
    eigen_titel = Hulpvraagtitel.objects.create(
        swv=geladen,
        naam="Leesondersteuning",
        proces=proces,
        beginstatus=status(geladen, "algemeen", "Aanmelding"),
    )
    Hulpvraagtitel.objects.filter(swv=geladen, naam="TLV -Nieuw").update(actief=False)
    voor = rijen_tellen()

    preset_laden(swv=geladen, pad=PRESET)

    assert rijen_tellen() == voor
    assert Status.objects.filter(pk=extra.pk).exists()
    assert rolcodes(overgang) == {rollen.COORDINATOR}
    assert Hulpvraagtitel.objects.filter(pk=eigen_titel.pk).exists()
    # The preset does not state `actief`, so a retired title stays retired.
    assert not Hulpvraagtitel.objects.get(swv=geladen, naam="TLV -Nieuw").actief


def test_processes_and_titles_belong_to_one_swv(geladen):
    ander = SamenwerkingsverbandFactory.create(code="PO9999", naam="SWV Voorbeeldstad")
    regio = RegioFactory.create(swv=ander, naam="IJsselmonde")
    preset_laden(swv=ander, pad=PRESET)
    assert Hulpvraagtitel.objects.filter(swv=ander).count() == 23
    assert Hulpvraagtitel.objects.filter(swv=geladen).count() == 23
    # No status, transition or beginstatus crosses from one SWV to the other.
    for titel in Hulpvraagtitel.objects.filter(swv=ander).select_related("beginstatus__proces"):
        assert titel.beginstatus.proces.swv_id == ander.pk
        assert all(r.swv_id == ander.pk for r in titel.alleen_voor_regios.all())
    school = SchoolFactory.create(swv=ander, regio=regio)
    assert {titel.swv_id for titel in titels_voor_school(school)} == {ander.pk}


# Checking the preset -----------------------------------------------------------------------------

KLEINE_PRESET = """
rolgroepen:
  school: [intern_begeleider, directeur]
processen:
  - code: klein
    naam: Klein
    statussen:
      - code: aanmelding
        naam: Aanmelding
        volgorde: 10
      - code: afgerond
        naam: Afgerond
        volgorde: 90
        eindstatus: true
    overgangen:
      - van: {van}
        naar: afgerond
        rollen: [{rol}]
titels:
  - code: proef
    naam: Proef
    proces: klein
    beginstatus: aanmelding
    {regels}
"""


def test_a_transition_to_an_unknown_status_is_named(ppo, tmp_path):
    pad = preset_schrijven(
        tmp_path, KLEINE_PRESET.format(van="aanmeldng", rol="coordinator", regels="")
    )
    with pytest.raises(PresetFout) as fout:
        preset_laden(swv=ppo, pad=pad)
    assert 'Proces "klein", overgang 1: status "aanmeldng" bestaat niet in dit proces.' in str(
        fout.value
    )
    assert not Proces.objects.exists()


def test_an_unknown_role_is_named(ppo, tmp_path):
    pad = preset_schrijven(
        tmp_path, KLEINE_PRESET.format(van="aanmelding", rol="conciërge", regels="")
    )
    with pytest.raises(PresetFout) as fout:
        preset_laden(swv=ppo, pad=pad)
    assert 'onbekende rol of rolgroep "conciërge"' in str(fout.value)


def test_external_roles_never_change_a_status(ppo, tmp_path):
    pad = preset_schrijven(tmp_path, KLEINE_PRESET.format(van="aanmelding", rol="ouder", regels=""))
    with pytest.raises(PresetFout) as fout:
        preset_laden(swv=ppo, pad=pad)
    assert 'rol "ouder" is een externe rol' in str(fout.value)


def test_an_unknown_region_is_named_and_nothing_is_written(ppo, tmp_path):
    pad = preset_schrijven(
        tmp_path,
        KLEINE_PRESET.format(
            van="aanmelding", rol="coordinator", regels="niet_voor_regios: [Zuid]"
        ),
    )
    with pytest.raises(PresetFout) as fout:
        preset_laden(swv=ppo, pad=pad)
    assert 'Regio "Zuid" bestaat niet bij samenwerkingsverband PO2806 PPO Rotterdam' in str(
        fout.value
    )
    assert '"Proef"' in str(fout.value)
    assert rijen_tellen() == dict.fromkeys(rijen_tellen(), 0)


def test_a_misspelt_field_and_a_doubled_key_are_refused(ppo, tmp_path):
    pad = preset_schrijven(
        tmp_path,
        KLEINE_PRESET.format(van="aanmelding", rol="coordinator", regels="actief: ja").replace(
            "eindstatus: true", "eindstaus: true"
        ),
    )
    with pytest.raises(PresetFout) as fout:
        preset_laden(swv=ppo, pad=pad)
    assert 'onbekend veld "eindstaus"' in str(fout.value)
    assert '"actief" moet true of false zijn' in str(fout.value)
    pad = preset_schrijven(
        tmp_path,
        KLEINE_PRESET.format(van="aanmelding", rol="coordinator", regels="").replace(
            "volgorde: 10", "volgorde: 10\n        volgorde: 20"
        ),
    )
    with pytest.raises(PresetFout, match='de sleutel "volgorde" staat twee keer'):
        preset_laden(swv=ppo, pad=pad)


def test_codes_are_required_unique_and_plain_and_conditions_must_exist(ppo, tmp_path):
    tekst = KLEINE_PRESET.format(van="aanmelding", rol="coordinator", regels="")
    for fout_tekst, melding in [
        (tekst.replace("code: aanmelding\n        naam", "naam"), '"code" ontbreekt of is leeg'),
        (tekst.replace("code: afgerond", "code: aanmelding"), 'Statuscode "aanmelding" staat twee'),
        (tekst.replace("code: proef", "code: Proef Titel"), "mag alleen kleine letters"),
        (
            tekst.replace(
                "rollen: [coordinator]", "rollen: [coordinator]\n        voorwaarden: [x]"
            ),
            'onbekende voorwaarde "x"',
        ),
    ]:
        with pytest.raises(PresetFout) as fout:
            preset_laden(swv=ppo, pad=preset_schrijven(tmp_path, fout_tekst))
        assert melding in str(fout.value)
        assert not Proces.objects.exists()


def test_a_rename_keeps_the_row_and_a_reload_updates_it_never_duplicates(geladen, tmp_path):
    """Statuses and titles are known by their code: renaming one (in the admin, or in the
    preset) changes its label only; transitions and hulpvragen keep pointing at the same row."""
    aanmelding = status(geladen, "algemeen", "Aanmelding")
    titel = Hulpvraagtitel.objects.get(swv=geladen, naam="KANS")
    Status.objects.filter(pk=aanmelding.pk).update(naam="Aangemeld")
    Hulpvraagtitel.objects.filter(pk=titel.pk).update(naam="KANS (oud)")
    voor = rijen_tellen()

    preset_laden(swv=geladen, pad=PRESET)
    assert rijen_tellen() == voor
    aanmelding.refresh_from_db()
    titel.refresh_from_db()
    assert (aanmelding.code, aanmelding.naam) == ("aanmelding", "Aanmelding")
    assert (titel.code, titel.naam) == ("kans", "KANS")

    # The preset itself renames: the same rows get the new names.
    hernoemd = PRESET.read_text().replace("naam: Aanmelding", "naam: Aangemeld bij PPO")
    preset_laden(swv=geladen, pad=preset_schrijven(tmp_path, hernoemd))
    assert rijen_tellen() == voor
    aanmelding.refresh_from_db()
    assert aanmelding.naam == "Aangemeld bij PPO"
    assert Statusovergang.objects.filter(van=aanmelding).exists()


def test_the_manuals_preset_needs_the_region_ijsselmonde(ppo):
    with pytest.raises(PresetFout) as fout:
        preset_laden(swv=ppo, pad=PRESET)
    assert str(fout.value).startswith('Regio "IJsselmonde" bestaat niet')
    assert not Proces.objects.exists()


# The command ------------------------------------------------------------------------------------


def test_command_says_clearly_when_the_swv_does_not_exist(db):
    with pytest.raises(CommandError, match='Samenwerkingsverband "PO2806" bestaat niet'):
        call_command("preset_laden", "PO2806")
    assert not Proces.objects.exists()


def test_command_says_clearly_when_a_region_is_missing(ppo):
    with pytest.raises(CommandError) as fout:
        call_command("preset_laden", "PO2806")
    assert "er is niets gewijzigd" in str(fout.value)
    assert 'Regio "IJsselmonde" bestaat niet' in str(fout.value)


def test_command_loads_and_reloads_the_preset(ppo, regios):
    uit = StringIO()
    call_command("preset_laden", " po2806", "--preset", "ppo_rotterdam", stdout=uit)
    assert "Preset ppo_rotterdam geladen in PO2806 PPO Rotterdam:" in uit.getvalue()
    assert Hulpvraagtitel.objects.filter(swv=ppo).count() == 23
    uit = StringIO()
    call_command("preset_laden", "PO2806", stdout=uit)
    assert " 0 aangemaakt, 0 bijgewerkt," in uit.getvalue()


@pytest.mark.parametrize("naam", ["bestaat_niet", "../ppo_rotterdam", "PPO_Rotterdam"])
def test_command_refuses_an_unknown_preset(ppo, regios, naam):
    with pytest.raises(CommandError, match=r"bestaat niet\. Beschikbaar: ppo_rotterdam"):
        call_command("preset_laden", "PO2806", "--preset", naam)


# The admin --------------------------------------------------------------------------------------


def test_admin_shows_processes_and_titles_for_editing(client, geladen):
    beheerder = account_maken(geladen, "operator", rol=rollen.APPLICATIEBEHEERDER)
    beheerder.is_staff = True
    beheerder.is_superuser = True
    beheerder.save()
    inloggen(client, beheerder)
    algemeen = Proces.objects.get(swv=geladen, code="algemeen")
    titel = Hulpvraagtitel.objects.get(swv=geladen, naam="TLV -Nieuw")
    for url in [
        "/beheer/processen/proces/",
        f"/beheer/processen/proces/?swv__id__exact={geladen.pk}",
        f"/beheer/processen/proces/{algemeen.pk}/change/",
        "/beheer/processen/hulpvraagtitel/",
        f"/beheer/processen/hulpvraagtitel/?swv__id__exact={geladen.pk}",
        f"/beheer/processen/hulpvraagtitel/{titel.pk}/change/",
        "/beheer/processen/hulpvraagtitel/add/",
    ]:
        assert client.get(url).status_code == 200, url
    pagina = client.get(f"/beheer/processen/proces/{algemeen.pk}/change/").content.decode()
    assert "Dossier incompleet" in pagina
    # The transition inline offers only this process's statuses.
    assert "TLV afgegeven" not in pagina


def _titelform(titel: Hulpvraagtitel, **wijzigingen: object) -> HulpvraagtitelForm:
    gegevens: dict[str, object] = {
        "swv": titel.swv_id,
        "naam": titel.naam,
        "proces": titel.proces_id,
        "beginstatus": titel.beginstatus_id,
        "coordinatortoewijzing": titel.coordinatortoewijzing,
        "actief": titel.actief,
        "volgorde": titel.volgorde,
        "alleen_voor_regios": [],
        "niet_voor_regios": [],
        "alternatief": "",
        **wijzigingen,
    }
    return HulpvraagtitelForm(data=gegevens, instance=titel)


def test_r29_admin_refuses_a_region_both_allowed_and_excluded_or_of_another_swv(geladen, regios):
    titel = Hulpvraagtitel.objects.get(swv=geladen, naam="TLV -Nieuw")
    ijsselmonde = regios["IJsselmonde"].pk
    assert _titelform(titel, niet_voor_regios=[ijsselmonde]).is_valid()
    form = _titelform(titel, alleen_voor_regios=[ijsselmonde], niet_voor_regios=[ijsselmonde])
    assert not form.is_valid()
    assert "IJsselmonde" in str(form.errors["niet_voor_regios"])
    vreemd = RegioFactory.create(naam="Elders")
    form = _titelform(titel, alleen_voor_regios=[vreemd.pk])
    assert not form.is_valid()
    assert "dit samenwerkingsverband" in str(form.errors["alleen_voor_regios"])


ONBEREIKBAAR_PRESET = """
processen:
  - code: klein
    naam: Klein
    statussen:
      - {code: aanmelding, naam: Aanmelding, volgorde: 10}
      - {code: wacht, naam: Wacht, volgorde: 20}
      - {code: vergeten, naam: Vergeten, volgorde: 30}
      - {code: afgerond, naam: Afgerond, volgorde: 90, eindstatus: %s}
    overgangen:
      - {van: aanmelding, naar: wacht, rollen: [coordinator]}
      - {van: vergeten, naar: afgerond, rollen: [coordinator]}
titels:
  - {code: proef, naam: Proef, proces: klein, beginstatus: aanmelding}
"""


def test_r20_issue16_the_loader_refuses_a_process_with_an_unreachable_status_or_a_dead_end(
    ppo, tmp_path
):
    """The graph check SWV-beheer's screens make (processen.services.procesgraaf_fouten) is
    the loader's too: every fault named, nothing written."""
    with pytest.raises(PresetFout) as fout:
        preset_laden(swv=ppo, pad=preset_schrijven(tmp_path, ONBEREIKBAAR_PRESET % "true"))
    tekst = str(fout.value)
    assert 'Proces "klein": Status ‘Vergeten’ is niet te bereiken' in tekst
    assert 'Proces "klein": Status ‘Afgerond’ is niet te bereiken' in tekst
    assert "Vanuit status ‘Wacht’ is geen eindstatus te bereiken" in tekst
    assert "Vanuit status ‘Aanmelding’ is geen eindstatus te bereiken" in tekst
    assert not Proces.objects.exists()
    with pytest.raises(PresetFout) as fout:
        preset_laden(swv=ppo, pad=preset_schrijven(tmp_path, ONBEREIKBAAR_PRESET % "false"))
    assert "Het proces heeft geen eindstatus" in str(fout.value)
    assert not Proces.objects.exists()

"""The direct-entry screens: visibility on every path (P1), the access log (P2), the manual's
labels and examples (R13-R16, R46, R53), bad input, and fixed query counts."""

from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from passend.accounts.tests.factories import account_maken
from passend.audit.models import Inzage
from passend.dossiers.models import Leerling
from passend.hulpvragen.models import Hulpvraag, Label
from passend.hulpvragen.services import (
    hulpvraag_aanmaken,
    hulpvraag_behandeling_wijzigen,
    hulpvraag_status_wijzigen,
)
from passend.hulpvragen.tests.factories import hulpvraag_op_school
from passend.processen.selectors import overgangen_voor

pytestmark = pytest.mark.django_db


def detail_url(hulpvraag: Hulpvraag) -> str:
    return reverse("hulpvragen:detail", args=[hulpvraag.referentie])


# --- P1: the visibility matrix, on list, detail, dossier and search --------------------------

ZICHTBAAR, ONZICHTBAAR = True, False


@pytest.mark.parametrize(
    "wie, titel, verwacht",
    [
        ("ib_regenboog", "Ambulante Begeleiding", ZICHTBAAR),  # own school
        ("ib_regenboog", "Ondersteuningsbudget", ZICHTBAAR),  # own school, invisible status
        ("ib_kompas", "Ambulante Begeleiding", ONZICHTBAAR),  # other school
        ("scp", "Ambulante Begeleiding", ZICHTBAAR),  # SWV, visible status
        ("scp", "Ondersteuningsbudget", ONZICHTBAAR),  # SWV, invisible status
        ("coordinator", "Informatieuitwisseling overig", ONZICHTBAAR),
        ("beheerder", "Ondersteuningsbudget", ZICHTBAAR),  # application administrator
        ("ouder", "Ambulante Begeleiding", ONZICHTBAAR),
        ("ib_ander_swv", "Ambulante Begeleiding", ONZICHTBAAR),  # another SWV
    ],
)
def test_p1_visibility_matrix_on_list_detail_dossier_and_search(omgeving, wie, titel, verwacht):
    hulpvraag = hulpvraag_op_school(omgeving.ib_regenboog, omgeving.regenboog, titel)
    client = omgeving.client(getattr(omgeving, wie))

    lijst = client.get(reverse("hulpvragen:lijst")).content.decode()
    assert (hulpvraag.referentie in lijst) is verwacht
    assert ("Jan van Boven" in lijst) is verwacht

    assert client.get(detail_url(hulpvraag)).status_code == (200 if verwacht else 404)
    dossier = reverse("hulpvragen:dossier", args=[hulpvraag.leerling_id])
    assert client.get(dossier).status_code == (200 if verwacht else 404)
    historie = reverse("hulpvragen:statushistorie", args=[hulpvraag.referentie])
    assert client.get(historie).status_code == (200 if verwacht else 404)

    zoeken = client.get(reverse("hulpvragen:toevoegen"), {"naam": "boven"})
    if zoeken.status_code == 200:
        assert ("Jan van Boven" in zoeken.content.decode()) is verwacht
    else:
        assert zoeken.status_code == 404 and not verwacht  # parents cannot enter dossiers


def test_p1_school_cannot_reach_another_schools_forms(omgeving):
    hulpvraag = hulpvraag_op_school(omgeving.ib_regenboog, omgeving.regenboog)
    client = omgeving.client(omgeving.ib_kompas)
    for naam in ("status_wijzigen", "schoolgegevens_bewerken", "behandeling_wijzigen"):
        assert (
            client.get(reverse(f"hulpvragen:{naam}", args=[hulpvraag.referentie])).status_code
            == 404
        )
    for naam in ("adres_nieuw", "schoolgegevens_nieuw", "hulpvraag_nieuw"):
        assert (
            client.get(reverse(f"hulpvragen:{naam}", args=[hulpvraag.leerling_id])).status_code
            == 404
        )


# --- P2: every view of pupil data is logged --------------------------------------------------


def test_p2_every_dossier_and_hulpvraag_view_writes_an_audit_entry(omgeving):
    hulpvraag = hulpvraag_op_school(omgeving.ib_regenboog, omgeving.regenboog)
    client = omgeving.client(omgeving.scp)
    paden = [
        detail_url(hulpvraag),
        reverse("hulpvragen:statushistorie", args=[hulpvraag.referentie]),
        reverse("hulpvragen:dossier", args=[hulpvraag.leerling_id]),
        reverse("hulpvragen:dossier_schoolgegevens", args=[hulpvraag.leerling_id]),
        reverse("hulpvragen:dossier_hulpvragen", args=[hulpvraag.leerling_id]),
        reverse("hulpvragen:lijst"),
    ]
    for pad in paden:
        voor = Inzage.objects.count()
        assert client.get(pad, REMOTE_ADDR="203.0.113.9").status_code == 200
        assert Inzage.objects.count() == voor + 1, pad
        regel = Inzage.objects.order_by("-pk").first()
        assert regel is not None
        assert (regel.gebruikersnaam, regel.swv_code, regel.client_adres) == (
            "pjansen",
            "PO2806",
            "203.0.113.9",
        )
        assert regel.rollen == "schoolcontactpersoon"
        assert regel.grondslag == "medewerker van het samenwerkingsverband"
        assert "Boven" not in str(regel.details)  # ids, never the data itself
    lijstregel = Inzage.objects.order_by("-pk").first()
    assert lijstregel is not None and lijstregel.details == {"hulpvragen": [hulpvraag.referentie]}


def test_p2_refused_view_writes_no_entry_and_search_logs_ids_only(omgeving):
    hulpvraag = hulpvraag_op_school(omgeving.ib_regenboog, omgeving.regenboog)
    client = omgeving.client(omgeving.ib_kompas)
    client.get(detail_url(hulpvraag))
    assert not Inzage.objects.filter(gebruikersnaam="hschaap").exists()
    eigen = omgeving.client(omgeving.ib_regenboog)
    eigen.get(reverse("hulpvragen:toevoegen"), {"naam": "Boven"})
    regel = Inzage.objects.get(actie=Inzage.Actie.GEZOCHT)
    assert regel.details == {"leerlingen": [hulpvraag.leerling_id]}


# --- The manual's flow, labels and examples --------------------------------------------------


@pytest.mark.parametrize(
    "roepnaam, tussenvoegsel, achternaam, volledig",
    [
        ("Jan", "van", "Boven", "Jan van Boven"),
        ("Hasna", "", "El-Makrini", "Hasna El-Makrini"),
        ("Pedro", "", "Fortes Monteiro", "Pedro Fortes Monteiro"),
    ],
)
def test_r14_names_are_entered_apart_as_the_manual_shows(
    omgeving, roepnaam, tussenvoegsel, achternaam, volledig
):
    client = omgeving.client(omgeving.ib_regenboog)
    antwoord = client.post(
        reverse("hulpvragen:dossier_nieuw"),
        {
            "roepnaam": roepnaam,
            "tussenvoegsel": tussenvoegsel,
            "achternaam": achternaam,
            "geboortedatum": "03-09-2016",
            "geslacht": "0",
            "ouder_emailadressen": "moeder@example.nl\nvader@example.nl",
        },
    )
    leerling = Leerling.objects.get()
    assert antwoord["Location"] == reverse("hulpvragen:dossier", args=[leerling.pk])
    assert (leerling.roepnaam, leerling.tussenvoegsel, leerling.achternaam) == (
        roepnaam,
        tussenvoegsel,
        achternaam,
    )
    assert leerling.volledige_naam == volledig
    assert leerling.geboortedatum == date(2016, 9, 3)
    assert leerling.ouder_emailadressen_lijst == ["moeder@example.nl", "vader@example.nl"]
    # Until schoolgegevens exist, the IB'er who started the dossier still reaches it.
    assert client.get(antwoord["Location"]).status_code == 200


def test_p4_bad_input_gets_dutch_messages_beside_the_fields_and_keeps_what_was_typed(omgeving):
    client = omgeving.client(omgeving.ib_regenboog)
    # A week ahead: "tomorrow" by the machine's clock (UTC) can be today in Amsterdam, the
    # time zone the check uses, and a date one day ahead can become today while the test runs.
    later = (timezone.localdate() + timedelta(days=7)).strftime("%d-%m-%Y")
    pagina = client.post(
        reverse("hulpvragen:dossier_nieuw"),
        {
            "roepnaam": "Jan",
            "tussenvoegsel": "van",
            "achternaam": "",
            "geboortedatum": later,
            "geslacht": "2",
            "ouder_emailadressen": "moeder@example.nl\ngeen-adres",
        },
    ).content.decode()
    assert "Vul de achternaam in." in pagina
    assert "De geboortedatum ligt in de toekomst." in pagina
    assert "‘geen-adres’ is geen geldig e-mailadres" in pagina
    assert (
        'value="Jan"' in pagina and f'value="{later}"' in pagina and "moeder@example.nl" in pagina
    )
    assert not Leerling.objects.exists()


def test_p4_bad_address_gets_dutch_messages_and_keeps_what_was_typed(omgeving):
    hulpvraag = hulpvraag_op_school(omgeving.ib_regenboog, omgeving.regenboog)
    client = omgeving.client(omgeving.ib_regenboog)
    pagina = client.post(
        reverse("hulpvragen:adres_nieuw", args=[hulpvraag.leerling_id]),
        {
            "soort": "woonadres",
            "straat": "Slinge",
            "huisnummer": "12a",
            "postcode": "308 EA",
            "plaats": "Rotterdam",
            "land": "Nederland",
        },
    ).content.decode()
    assert "een letter hoort bij Toevoeging" in pagina
    assert 'value="Slinge"' in pagina and 'value="308 EA"' in pagina
    pagina = client.post(
        reverse("hulpvragen:adres_nieuw", args=[hulpvraag.leerling_id]),
        {
            "soort": "woonadres",
            "straat": "Slinge",
            "huisnummer": "12",
            "postcode": "308 EA",
            "plaats": "Rotterdam",
            "land": "Nederland",
        },
    ).content.decode()
    assert "vier cijfers, een spatie en twee hoofdletters" in pagina
    antwoord = client.post(
        reverse("hulpvragen:adres_nieuw", args=[hulpvraag.leerling_id]),
        {
            "soort": "woonadres",
            "straat": "Slinge",
            "huisnummer": "12",
            "postcode": "3085ea",
            "plaats": "Rotterdam",
            "land": "Nederland",
        },
    )
    assert antwoord.status_code == 302
    assert hulpvraag.leerling.adressen.get().postcode == "3085 EA"


def test_p4_bad_schoolgegevens_email_is_refused_beside_the_field_keeping_the_rest(omgeving):
    hulpvraag = hulpvraag_op_school(omgeving.ib_regenboog, omgeving.regenboog)
    client = omgeving.client(omgeving.ib_regenboog)
    pagina = client.post(
        reverse("hulpvragen:schoolgegevens_nieuw", args=[hulpvraag.leerling_id]),
        {
            "school": "Regen",
            "aanvrager": omgeving.ib_regenboog.pk,
            "contactpersoon": "Ingrid Verhoef",
            "email": "ingrid@",
            "telefoon": "010 123 45 67",
        },
    ).content.decode()
    assert "Vul een geldig e-mailadres in" in pagina
    assert 'value="Regen"' in pagina and 'value="010 123 45 67"' in pagina


def test_r13_duplicate_pupil_is_warned_about_and_can_be_confirmed(omgeving):
    hulpvraag_op_school(omgeving.ib_regenboog, omgeving.regenboog)
    client = omgeving.client(omgeving.ib_regenboog)
    gegevens = {
        "roepnaam": "jan",
        "tussenvoegsel": "van",
        "achternaam": "Boven",
        "geboortedatum": "03-09-2016",
        "geslacht": "0",
    }
    pagina = client.post(reverse("hulpvragen:dossier_nieuw"), gegevens).content.decode()
    assert "al een dossier van een leerling met dezelfde naam en geboortedatum" in pagina
    assert Leerling.objects.count() == 1
    antwoord = client.post(
        reverse("hulpvragen:dossier_nieuw"), {**gegevens, "toch_nieuw_dossier": "on"}
    )
    assert antwoord.status_code == 302
    assert Leerling.objects.count() == 2


def test_r13_duplicate_warning_never_reveals_another_schools_pupil(omgeving):
    hulpvraag_op_school(omgeving.ib_regenboog, omgeving.regenboog)
    client = omgeving.client(omgeving.ib_kompas)
    antwoord = client.post(
        reverse("hulpvragen:dossier_nieuw"),
        {
            "roepnaam": "Jan",
            "tussenvoegsel": "van",
            "achternaam": "Boven",
            "geboortedatum": "03-09-2016",
            "geslacht": "0",
        },
    )
    assert antwoord.status_code == 302


def test_r13_search_ignores_case_and_accents(omgeving):
    hulpvraag_op_school(
        omgeving.ib_regenboog,
        omgeving.regenboog,
        roepnaam="Zoë",
        tussenvoegsel="",
        achternaam="Çelik",
    )
    client = omgeving.client(omgeving.ib_regenboog)
    pagina = client.get(reverse("hulpvragen:toevoegen"), {"naam": "zoe celik"}).content.decode()
    assert "Zoë Çelik" in pagina
    pagina = client.get(reverse("hulpvragen:toevoegen"), {"naam": "Pietje"}).content.decode()
    assert "Geen leerling gevonden" in pagina


def test_r16_pupils_name_in_omschrijving_is_warned_about(omgeving):
    hulpvraag = hulpvraag_op_school(omgeving.ib_regenboog, omgeving.regenboog)
    client = omgeving.client(omgeving.ib_regenboog)
    url = reverse("hulpvragen:hulpvraag_nieuw", args=[hulpvraag.leerling_id])
    titel = hulpvraag.titel.pk
    gegevens = {
        "schoolgegevens": hulpvraag.schoolgegevens_id,
        "titel": titel,
        "omschrijving": "Jan heeft moeite met lezen.",
        "hulpvraagdatum": "01-10-2026",
    }
    pagina = client.post(url, gegevens).content.decode()
    assert "De omschrijving noemt de naam van de leerling" in pagina
    assert "Jan heeft moeite met lezen." in pagina
    assert Hulpvraag.objects.count() == 1
    assert client.post(url, {**gegevens, "naam_toch_opslaan": "on"}).status_code == 302
    assert Hulpvraag.objects.count() == 2


def test_i19_r16_name_behind_punctuation_or_birth_date_in_omschrijving_is_warned_about(omgeving):
    hulpvraag = hulpvraag_op_school(
        omgeving.ib_regenboog,
        omgeving.regenboog,
        roepnaam="Pedro",
        tussenvoegsel="",
        achternaam="Fortes-Monteiro",
    )
    client = omgeving.client(omgeving.ib_regenboog)
    url = reverse("hulpvragen:hulpvraag_nieuw", args=[hulpvraag.leerling_id])
    for omschrijving in ("Lezen (Fortes-Monteiro).", "Lezen; geboren 3 september 2016."):
        gegevens = {
            "schoolgegevens": hulpvraag.schoolgegevens_id,
            "titel": hulpvraag.titel.pk,
            "omschrijving": omschrijving,
            "hulpvraagdatum": "01-10-2026",
        }
        pagina = client.post(url, gegevens).content.decode()
        assert "De omschrijving noemt de naam van de leerling" in pagina
        assert omschrijving in pagina  # nothing typed is lost
    assert Hulpvraag.objects.count() == 1


def test_r16_title_list_follows_the_schools_region(omgeving):
    ijssel = hulpvraag_op_school(omgeving.ib_regenboog, omgeving.regenboog)
    noord = hulpvraag_op_school(
        omgeving.ib_kompas,
        omgeving.kompas,
        roepnaam="Hasna",
        tussenvoegsel="",
        achternaam="El-Makrini",
    )
    pagina_ijssel = (
        omgeving.client(omgeving.ib_regenboog)
        .get(reverse("hulpvragen:hulpvraag_nieuw", args=[ijssel.leerling_id]))
        .content.decode()
    )
    pagina_noord = (
        omgeving.client(omgeving.ib_kompas)
        .get(reverse("hulpvragen:hulpvraag_nieuw", args=[noord.leerling_id]))
        .content.decode()
    )
    assert "TLV-aanvraag (IJsselmonde)" in pagina_ijssel and "TLV -Nieuw" not in pagina_ijssel
    assert "TLV -Nieuw" in pagina_noord and "TLV-aanvraag (IJsselmonde)" not in pagina_noord


def test_r53_detail_shows_the_manuals_fields_and_buttons(omgeving):
    hulpvraag = hulpvraag_op_school(omgeving.ib_regenboog, omgeving.regenboog)
    pagina = omgeving.client(omgeving.ib_regenboog).get(detail_url(hulpvraag)).content.decode()
    for label in (
        "Hulpvraagdatum",
        "Status",
        "Schoolgegevens",
        "Hulpvraag",
        "Omschrijving",
        "Coördinator",
        "Labels",
        "Status wijzigen",
        "Statushistorie",
        "Schoolgegevens bewerken",
    ):
        assert label in pagina, label
    assert "Coördinator en labels" not in pagina  # not for the school (R32)
    assert "De Regenboog (12AB00) (Ingrid Verhoef)" in pagina


def test_r20_status_form_offers_only_allowed_statuses_and_keeps_the_reason(omgeving):
    hulpvraag = hulpvraag_op_school(omgeving.ib_regenboog, omgeving.regenboog)
    url = reverse("hulpvragen:status_wijzigen", args=[hulpvraag.referentie])
    school = omgeving.client(omgeving.ib_regenboog).get(url).content.decode()
    assert "Voorlopige aanmelding" in school and "Toegekend" not in school
    scp = omgeving.client(omgeving.scp)
    assert "Dossier incompleet" in scp.get(url).content.decode()
    incompleet = hulpvraag.status.proces.statussen.get(naam="Dossier incompleet")
    pagina = scp.post(
        url, {"naar": incompleet.pk, "reden": "", "huidige_status": hulpvraag.status_id}
    ).content.decode()
    assert "Geef een reden" in pagina
    antwoord = scp.post(
        url,
        {
            "naar": incompleet.pk,
            "reden": "Het OPP ontbreekt.",
            "huidige_status": hulpvraag.status_id,
        },
    )
    assert antwoord["Location"] == detail_url(hulpvraag)
    # A second user who opened the form while it said Aanmelding is told, keeping the reason.
    aanmelding = hulpvraag.status.proces.statussen.get(naam="Aanmelding")
    pagina = (
        omgeving.client(omgeving.coordinator)
        .post(
            url,
            {
                "naar": incompleet.pk,
                "reden": "Ook de toetsgegevens.",
                "huidige_status": aanmelding.pk,
            },
        )
        .content.decode()
    )
    assert "De status is intussen gewijzigd in ‘Dossier incompleet’" in pagina
    assert "Ook de toetsgegevens." in pagina
    assert hulpvraag.statuswijzigingen.count() == 2


def test_r46_school_edits_the_contact_phone_and_aanvrager(omgeving):
    hulpvraag = hulpvraag_op_school(omgeving.ib_regenboog, omgeving.regenboog)
    collega = account_maken(omgeving.ppo, "mdekker", scholen=(omgeving.regenboog,))
    assert hulpvraag.schoolgegevens.aanvrager == omgeving.ib_regenboog
    client = omgeving.client(omgeving.ib_regenboog)
    url = reverse("hulpvragen:schoolgegevens_bewerken", args=[hulpvraag.referentie])
    pagina = client.post(
        url,
        {
            "aanvrager": collega.pk,
            "contactpersoon": "Ingrid Verhoef",
            "email": "ib@regenboog.nl",
            "telefoon": "06 12",
        },
    ).content.decode()
    assert "Vul een telefoonnummer in met cijfers" in pagina
    antwoord = client.post(
        url,
        {
            "aanvrager": collega.pk,
            "contactpersoon": "Ingrid Verhoef",
            "email": "ib@regenboog.nl",
            "telefoon": "010 123 45 67",
        },
    )
    assert antwoord.status_code == 302
    hulpvraag.schoolgegevens.refresh_from_db()
    assert hulpvraag.schoolgegevens.telefoon == "010 123 45 67"
    assert hulpvraag.schoolgegevens.aanvrager == collega
    # An account of another school cannot become the aanvrager.
    pagina = client.post(
        url,
        {
            "aanvrager": omgeving.ib_kompas.pk,
            "contactpersoon": "X",
            "email": "x@y.nl",
            "telefoon": "",
        },
    ).content.decode()
    assert "Selecteer een geldige keuze" in pagina
    hulpvraag.schoolgegevens.refresh_from_db()
    assert hulpvraag.schoolgegevens.aanvrager == collega


# --- Fixed query counts ----------------------------------------------------------------------


def aantal_queries(client, url: str) -> int:  # type: ignore[no-untyped-def]
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_detail_page_query_count_does_not_grow_with_history_or_labels(omgeving):
    hulpvraag = hulpvraag_op_school(omgeving.ib_regenboog, omgeving.regenboog)
    client = omgeving.client(omgeving.scp)
    url = detail_url(hulpvraag)
    historie = reverse("hulpvragen:statushistorie", args=[hulpvraag.referentie])
    aantal, aantal_historie = aantal_queries(client, url), aantal_queries(client, historie)

    for _ in range(4):  # four more history rows, along whatever the process allows
        hulpvraag.refresh_from_db()
        volgende = overgangen_voor(hulpvraag.status, ["applicatiebeheerder"]).filter(
            naar__eindstatus=False
        )[0]
        hulpvraag_status_wijzigen(
            hulpvraag=hulpvraag, naar=volgende.naar, door=omgeving.beheerder, reden="r"
        )
    assert hulpvraag.statuswijzigingen.count() == 5
    labels = [Label.objects.create(swv=omgeving.ppo, naam=f"label {i}") for i in range(5)]
    hulpvraag_behandeling_wijzigen(
        hulpvraag=hulpvraag, door=omgeving.scp, coordinator=omgeving.coordinator, labels=labels
    )
    assert aantal_queries(client, url) == aantal
    assert aantal_queries(client, historie) == aantal_historie


def test_list_page_query_count_does_not_grow_with_rows(omgeving):
    client = omgeving.client(omgeving.scp)
    url = reverse("hulpvragen:lijst")
    hulpvraag_op_school(omgeving.ib_regenboog, omgeving.regenboog)
    client.get(url)  # reads the SWV's filter lists, which are kept (test_overzicht.py)
    een = aantal_queries(client, url)
    for i in range(6):
        hulpvraag_op_school(omgeving.ib_kompas, omgeving.kompas, roepnaam=f"Kind{i}")
    assert aantal_queries(client, url) == een


def test_dossier_hulpvragen_tab_query_count_does_not_grow_with_hulpvragen(omgeving):
    """The tab shows each hulpvraag with links to its parts (bijlagen, forms, OSO-gegevens);
    their counts come with the one query of the list."""
    eerste = hulpvraag_op_school(omgeving.ib_regenboog, omgeving.regenboog)
    client = omgeving.client(omgeving.ib_regenboog)
    url = reverse("hulpvragen:dossier_hulpvragen", args=[eerste.leerling_id])
    een = aantal_queries(client, url)
    for _ in range(2):
        hulpvraag_aanmaken(
            leerling=eerste.leerling,
            schoolgegevens=eerste.schoolgegevens,
            titel=eerste.titel,
            door=omgeving.ib_regenboog,
            omschrijving="Op het gebied van gedrag.",
        )
    assert aantal_queries(client, url) == een
    pagina = client.get(url).content.decode()
    assert pagina.count("Bijlagen<span") == 3


def test_r32_swv_staff_set_coordinator_and_labels_on_the_screen(omgeving):
    hulpvraag = hulpvraag_op_school(omgeving.ib_regenboog, omgeving.regenboog)
    spoed = Label.objects.create(swv=omgeving.ppo, naam="Spoed")
    url = reverse("hulpvragen:behandeling_wijzigen", args=[hulpvraag.referentie])
    assert omgeving.client(omgeving.ib_regenboog).get(url).status_code == 404
    scp = omgeving.client(omgeving.scp)
    pagina = scp.get(url).content.decode()
    # Only SWV staff can be coördinator: the school's IB'er is not offered.
    assert f'value="{omgeving.coordinator.pk}"' in pagina
    assert f'value="{omgeving.ib_regenboog.pk}"' not in pagina
    antwoord = scp.post(url, {"coordinator": omgeving.coordinator.pk, "labels": [spoed.pk]})
    assert antwoord["Location"] == detail_url(hulpvraag)
    hulpvraag.refresh_from_db()
    assert hulpvraag.coordinator == omgeving.coordinator
    assert "Spoed" in scp.get(detail_url(hulpvraag)).content.decode()


def test_r14_school_corrects_basisgegevens_and_an_address(omgeving):
    hulpvraag = hulpvraag_op_school(omgeving.ib_regenboog, omgeving.regenboog)
    leerling = hulpvraag.leerling
    adres = leerling.adressen.create(
        straat="Slinge", huisnummer=1, postcode="3085 EA", plaats="Rotterdam"
    )
    client = omgeving.client(omgeving.ib_regenboog)
    url = reverse("hulpvragen:basisgegevens_wijzigen", args=[leerling.pk])
    assert "Boven" in client.get(url).content.decode()
    gegevens = {
        "roepnaam": "Jan",
        "tussenvoegsel": "van den",
        "achternaam": "Boven",
        "geboortedatum": "03-09-2016",
        "geslacht": "2",
    }
    pagina = client.post(url, {**gegevens, "achternaam": ""}).content.decode()
    assert "Vul de achternaam in." in pagina and 'value="van den"' in pagina
    assert client.post(url, gegevens).status_code == 302
    leerling.refresh_from_db()
    assert leerling.volledige_naam == "Jan van den Boven"

    adres_url = reverse("hulpvragen:adres_bewerken", args=[leerling.pk, adres.pk])
    antwoord = client.post(
        adres_url,
        {
            "soort": "postadres",
            "straat": "Slinge",
            "huisnummer": "2",
            "postcode": "3085EA",
            "plaats": "Rotterdam",
            "land": "Nederland",
            "opmerkingen": "Adres van de voogd",
        },
    )
    assert antwoord.status_code == 302
    adres.refresh_from_db()
    assert (adres.soort, adres.huisnummer, adres.opmerkingen) == (
        "postadres",
        2,
        "Adres van de voogd",
    )

    # Another school reaches neither form.
    ander = omgeving.client(omgeving.ib_kompas)
    assert ander.get(url).status_code == 404
    assert ander.get(adres_url).status_code == 404

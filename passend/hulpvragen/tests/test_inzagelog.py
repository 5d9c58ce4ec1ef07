"""The access log (P2, NEN 7513): every page that shows a pupil logs the read, every change is
logged in the change's own transaction, and each row says where it came from (client address
through the configured proxies, user agent, request id) without the services knowing a request."""

import pytest
from django.db import transaction
from django.test import Client
from django.urls import reverse

from passend.audit.context import verzoekcontext
from passend.audit.models import Inzage
from passend.dossiers.services import adres_toevoegen
from passend.hulpvragen.models import Statuswijziging
from passend.hulpvragen.services import hulpvraag_status_wijzigen
from passend.hulpvragen.tests.factories import hulpvraag_op_school

pytestmark = pytest.mark.django_db


def nieuwe_regels(voor: int) -> list[Inzage]:
    return list(Inzage.objects.filter(pk__gt=voor).order_by("pk"))


def laatste_pk() -> int:
    return Inzage.objects.order_by("-pk").values_list("pk", flat=True).first() or 0


def adres(leerling):  # type: ignore[no-untyped-def]
    return adres_toevoegen(
        leerling=leerling,
        door=leerling.aangemaakt_door,
        straat="Slinge",
        huisnummer=101,
        postcode="3085 EA",
        plaats="Rotterdam",
    )


def test_p2_the_dossier_and_hulpvraag_form_pages_log_their_reads(omgeving):
    """Each of these pages shows the pupil's name (or the hulpvraag) before anything is saved:
    opening one is a read of pupil data and writes its row, like the tabs do."""
    hulpvraag = hulpvraag_op_school(omgeving.ib_regenboog, omgeving.regenboog)
    leerling = hulpvraag.leerling
    woonadres = adres(leerling)
    client = omgeving.client(omgeving.scp)
    ref, pk = hulpvraag.referentie, leerling.pk
    paginas = {
        reverse("hulpvragen:basisgegevens_wijzigen", args=[pk]): "basisgegevens_wijzigen",
        reverse("hulpvragen:adres_nieuw", args=[pk]): "adres",
        reverse("hulpvragen:adres_bewerken", args=[pk, woonadres.pk]): "adres",
        reverse("hulpvragen:schoolgegevens_nieuw", args=[pk]): "schoolgegevens_nieuw",
        reverse("hulpvragen:hulpvraag_nieuw", args=[pk]): "hulpvraag_nieuw",
        reverse("hulpvragen:status_wijzigen", args=[ref]): "status_wijzigen",
        reverse("hulpvragen:behandeling_wijzigen", args=[ref]): "behandeling",
        reverse("hulpvragen:schoolgegevens_bewerken", args=[ref]): "schoolgegevens",
    }
    for url, scherm in paginas.items():
        voor = laatste_pk()
        assert client.get(url).status_code == 200, url
        (regel,) = nieuwe_regels(voor)
        assert (regel.actie, regel.leerling_id, regel.gebruikersnaam) == (
            Inzage.Actie.BEKEKEN,
            pk,
            "pjansen",
        )
        assert regel.details == {"scherm": scherm}, url
        assert regel.object_id == (ref if regel.objecttype == "hulpvraag" else str(pk))


def test_p2_every_change_writes_its_row_naming_what_changed(omgeving):
    ib, scp = omgeving.ib_regenboog, omgeving.scp
    voor = laatste_pk()
    hulpvraag = hulpvraag_op_school(ib, omgeving.regenboog)
    leerling = hulpvraag.leerling
    aangemaakt = [(r.gebeurtenis, r.actie, r.objecttype) for r in nieuwe_regels(voor)]
    assert aangemaakt == [
        ("leerling_aangemaakt", "aangemaakt", "leerling"),
        ("leerling_gewijzigd", "gewijzigd", "leerling"),  # the schoolgegevens
        ("hulpvraag_aangemaakt", "aangemaakt", "hulpvraag"),
    ]

    wijzigingen = [
        (
            reverse("hulpvragen:status_wijzigen", args=[hulpvraag.referentie]),
            {
                "naar": hulpvraag.status.proces.statussen.get(naam="Doorzetten SCP").pk,
                "huidige_status": hulpvraag.status_id,
                "reden": "",
            },
            scp,
            ("status_gewijzigd", {"van": "Aanmelding", "status": "Doorzetten SCP"}),
        ),
        (
            reverse("hulpvragen:behandeling_wijzigen", args=[hulpvraag.referentie]),
            {"coordinator": omgeving.coordinator.pk, "labels": []},
            scp,
            ("behandeling_gewijzigd", {"scherm": "behandeling"}),
        ),
        (
            reverse("hulpvragen:schoolgegevens_bewerken", args=[hulpvraag.referentie]),
            {
                "aanvrager": ib.pk,
                "contactpersoon": "Ingrid Verhoef",
                "email": "ib@regenboog.nl",
                "telefoon": "010 123 45 67",
            },
            ib,
            ("schoolgegevens_gewijzigd", {"schoolgegevens": hulpvraag.schoolgegevens_id}),
        ),
        (
            reverse("hulpvragen:basisgegevens_wijzigen", args=[leerling.pk]),
            {
                "roepnaam": "Jan",
                "tussenvoegsel": "van",
                "achternaam": "Bovenkamp",
                "geboortedatum": "03-09-2016",
                "geslacht": "0",
            },
            ib,
            ("leerling_gewijzigd", {"tab": "basisgegevens"}),
        ),
        (
            reverse("hulpvragen:adres_nieuw", args=[leerling.pk]),
            {
                "soort": "woonadres",
                "straat": "Slinge",
                "huisnummer": "101",
                "postcode": "3085ea",
                "plaats": "Rotterdam",
                "land": "Nederland",
            },
            ib,
            ("leerling_gewijzigd", {"adres": "toegevoegd"}),
        ),
    ]
    clients = {ib.pk: omgeving.client(ib), scp.pk: omgeving.client(scp)}
    for url, gegevens, wie, (gebeurtenis, details) in wijzigingen:
        client = clients[wie.pk]
        voor = laatste_pk()
        assert client.post(url, gegevens).status_code == 302, url
        (regel,) = nieuwe_regels(voor)
        assert (regel.gebeurtenis, regel.actie, regel.details) == (
            gebeurtenis,
            Inzage.Actie.GEWIJZIGD,
            details,
        )
        assert (regel.gebruiker_id, regel.leerling_id) == (wie.pk, leerling.pk)
        assert "Bovenkamp" not in str(regel.details)  # ids and labels, never the pupil's data


def test_p2_a_change_and_its_row_commit_or_roll_back_together(omgeving):
    """The row is written in the service's transaction: a change that is rolled back (here by
    the caller's transaction, as an intake would when a later step fails) leaves no row."""
    hulpvraag = hulpvraag_op_school(omgeving.ib_regenboog, omgeving.regenboog)
    doorzetten = hulpvraag.status.proces.statussen.get(naam="Doorzetten SCP")
    voor = laatste_pk()

    class LaterMislukt(Exception):
        pass

    with pytest.raises(LaterMislukt), transaction.atomic():
        hulpvraag_status_wijzigen(hulpvraag=hulpvraag, naar=doorzetten, door=omgeving.scp)
        assert [r.gebeurtenis for r in nieuwe_regels(voor)] == ["status_gewijzigd"]
        raise LaterMislukt
    assert nieuwe_regels(voor) == []
    assert not Statuswijziging.objects.filter(naar=doorzetten).exists()


def test_p2_rows_say_where_a_request_came_from(omgeving, settings):
    hulpvraag = hulpvraag_op_school(omgeving.ib_regenboog, omgeving.regenboog)
    detail = reverse("hulpvragen:detail", args=[hulpvraag.referentie])

    client = omgeving.client(omgeving.scp)
    antwoord = client.get(
        detail,
        REMOTE_ADDR="203.0.113.9",
        HTTP_USER_AGENT="Firefox/140",
        HTTP_X_FORWARDED_FOR="198.51.100.1",
        HTTP_X_REQUEST_ID="van-de-client",
    )
    regel = Inzage.objects.latest("pk")
    # Without configured proxies the forwarded address and request id are the client's own
    # claims: neither is believed.
    assert (regel.client_adres, regel.user_agent) == ("203.0.113.9", "Firefox/140")
    assert regel.request_id == antwoord["X-Request-ID"] != "van-de-client"
    assert len(regel.request_id) == 32

    settings.PASSEND_PROXY_AANTAL = 1
    antwoord = client.get(
        detail,
        REMOTE_ADDR="10.0.0.2",  # the proxy, which appended the address it saw
        HTTP_X_FORWARDED_FOR="6.6.6.6, 198.51.100.1",  # the first one the client wrote itself
        HTTP_X_REQUEST_ID="proxy-7f3a",
    )
    regel = Inzage.objects.latest("pk")
    assert (regel.client_adres, regel.request_id) == ("198.51.100.1", "proxy-7f3a")
    assert antwoord["X-Request-ID"] == "proxy-7f3a"
    # A proxy's id that could forge a log line is replaced by one of our own.
    client.get(detail, REMOTE_ADDR="10.0.0.2", HTTP_X_REQUEST_ID="a\nb")
    assert Inzage.objects.latest("pk").request_id not in ("a\nb", "")


def test_p2_a_change_outside_a_request_logs_no_address_and_may_say_on_whose_behalf(omgeving):
    """A task or an intake calls the services without a request: the row has the actor and
    no client details; a channel acting for someone records that."""
    hulpvraag = hulpvraag_op_school(omgeving.ib_regenboog, omgeving.regenboog)
    regel = Inzage.objects.get(gebeurtenis="hulpvraag_aangemaakt")
    assert (regel.client_adres, regel.user_agent, regel.request_id, regel.namens) == (
        None,
        "",
        "",
        "",
    )
    assert regel.gebruikersnaam == "iverhoef"
    doorzetten = hulpvraag.status.proces.statussen.get(naam="Doorzetten SCP")
    with verzoekcontext(namens="Esis: H. Schaap (IB)"):
        hulpvraag_status_wijzigen(hulpvraag=hulpvraag, naar=doorzetten, door=omgeving.scp)
    assert Inzage.objects.latest("pk").namens == "Esis: H. Schaap (IB)"
    # Outside the block the context is the system's again.
    assert Client().get("/aanmelden/").status_code == 200

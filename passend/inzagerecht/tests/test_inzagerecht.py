"""Parents' inzage (R14) and the pupil export (B10), through the screens as users meet them,
with the access log (P2) checked for every read."""

import io
import json
import re
import zipfile

import pytest
from django.core import mail
from django.core.files.storage import storages
from django.test import Client
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from passend.accounts.models import Gebruiker
from passend.accounts.tests.factories import account_maken, inloggen, totp_code
from passend.audit.models import Inzage
from passend.bijlagen.tests import bestanden
from passend.bijlagen.tests.conftest import toevoegen
from passend.dossiers.services import leerling_aanmaken
from passend.hulpvragen.models import Hulpvraag
from passend.hulpvragen.services import hulpvraag_status_wijzigen
from passend.hulpvragen.tests.factories import hulpvraag_op_school
from passend.inzagerecht.models import GedeeldeBijlage, Ouderinzage
from passend.inzagerecht.services import bijlage_delen_met_ouders, ouder_uitnodigen
from passend.inzagerecht.tests.conftest import OUDER_EMAIL, Kind
from passend.notificaties.models import Bericht

pytestmark = pytest.mark.django_db
WACHTWOORD = "Ouderavond-op-donderdag-2026"


def _uitnodigen(kind: Kind, email: str = OUDER_EMAIL, client: Client | None = None):  # type: ignore[no-untyped-def]
    client = client or kind.o.client(kind.o.coordinator)
    return client.post(
        reverse("inzagerecht:dossier", args=[kind.leerling.pk]), {"emailadres": email}
    )


def _activatielink(email: str) -> str:
    for bericht in mail.outbox:
        if email in bericht.to:
            gevonden = re.search(r"http://[^\s]+(/activeren/[^\s/]+/)", str(bericht.body))
            if gevonden:
                return gevonden.group(1)
    raise AssertionError("geen activatielink")


def _activeren(email: str) -> Client:
    """The parent follows the mailed link: a password, then the authenticator app."""
    client = Client()
    link = _activatielink(email)
    antwoord = client.post(link, {"wachtwoord": WACHTWOORD, "wachtwoord_herhalen": WACHTWOORD})
    assert antwoord["Location"] == reverse("accounts:authenticator_inrichten")
    client.get(antwoord["Location"])
    device = TOTPDevice.objects.get(user__email=email, confirmed=False)
    assert client.post(antwoord["Location"], {"code": totp_code(device.bin_key)}).status_code == 302
    return client


def _ouderlog() -> list[Inzage]:
    return list(Inzage.objects.filter(grondslag="ouder van de leerling").order_by("pk"))


def test_r14_an_address_not_on_the_dossier_is_refused_beside_the_field_and_kept(kind: Kind):
    antwoord = _uitnodigen(kind, "iemand.anders@example.nl")
    html = antwoord.content.decode()
    assert antwoord.status_code == 200
    assert "staat niet in het dossier" in html and 'value="iemand.anders@example.nl"' in html
    assert not Ouderinzage.objects.exists()
    assert not Gebruiker.objects.filter(email="iemand.anders@example.nl").exists()


def test_r14_a_staff_address_gets_no_parent_inzage(kind: Kind):
    kind.leerling.ouder_emailadressen = kind.o.ib_regenboog.email
    kind.leerling.save()
    antwoord = _uitnodigen(kind, kind.o.ib_regenboog.email)
    assert "account van een medewerker" in antwoord.content.decode()
    assert not Ouderinzage.objects.exists()


def test_r14_parent_activates_and_sees_only_the_childs_hulpvraag_and_shared_attachment(
    kind: Kind, django_capture_on_commit_callbacks
):
    o = kind.o
    with django_capture_on_commit_callbacks(execute=True):
        antwoord = _uitnodigen(kind)
    assert antwoord.status_code == 302
    inzage = Ouderinzage.objects.get()
    ouder = inzage.gebruiker
    assert ouder.rollen.get().code == "ouder" and inzage.emailadres == OUDER_EMAIL
    # The invitation and the school's notice name no pupil.
    for bericht in Bericht.objects.all():
        for geheim in ("Jan", "Boven", "Regenboog"):
            assert geheim not in bericht.tekst and geheim not in bericht.onderwerp
    assert Bericht.objects.filter(aan=[OUDER_EMAIL], vertrouwelijk=True).exists()
    assert Bericht.objects.filter(aan=[kind.hulpvraag.schoolgegevens.email]).exists()
    bijlage_delen_met_ouders(door=o.coordinator, bijlage=kind.gedeeld, delen=True)

    client = _activeren(OUDER_EMAIL)
    assert client.get(reverse("start"))["Location"] == reverse("inzagerecht:ouder_start")
    start = client.get(reverse("inzagerecht:ouder_start")).content.decode()
    assert "Jan van Boven" in start
    pagina = client.get(reverse("inzagerecht:ouder_kind", args=[kind.leerling.pk])).content
    assert (
        kind.hulpvraag.referentie in pagina.decode() and "Wie heeft dit gezien" in pagina.decode()
    )
    detail = client.get(reverse("inzagerecht:ouder_hulpvraag", args=[kind.hulpvraag.referentie]))
    html = detail.content.decode()
    assert "Verslag.pdf" in html and "Intern.pdf" not in html and "Aanmelding" in html
    download = client.get(
        reverse("inzagerecht:ouder_bijlage", args=[kind.hulpvraag.referentie, kind.gedeeld.pk])
    )
    with storages["bijlagen"].open(kind.gedeeld.opslagnaam, "rb") as bron:
        assert b"".join(download.streaming_content) == bron.read()  # type: ignore[attr-defined]
    assert download["Content-Security-Policy"].startswith("sandbox")

    # Nothing else: the unshared file, another child, a hulpvraag the SWV does not see yet, and
    # the pages of school and SWV.
    niet = reverse(
        "inzagerecht:ouder_bijlage", args=[kind.hulpvraag.referentie, kind.niet_gedeeld.pk]
    )
    ander = hulpvraag_op_school(o.ib_regenboog, o.regenboog, roepnaam="Mila", achternaam="Sterk")
    voorlopig = hulpvraag_op_school(
        o.ib_regenboog, o.regenboog, "Ondersteuningsbudget", roepnaam="Sem", achternaam="Bakker"
    )
    Ouderinzage.objects.create(
        leerling=voorlopig.leerling,
        gebruiker=ouder,
        emailadres=OUDER_EMAIL,
        uitgenodigd_door=o.coordinator,
    )
    for url in (
        niet,
        reverse("inzagerecht:ouder_hulpvraag", args=[ander.referentie]),
        reverse("inzagerecht:ouder_kind", args=[ander.leerling.pk]),
        reverse("inzagerecht:ouder_hulpvraag", args=[voorlopig.referentie]),
        reverse("hulpvragen:detail", args=[kind.hulpvraag.referentie]),
        reverse("hulpvragen:dossier", args=[kind.leerling.pk]),
        reverse("bijlagen:lijst", args=[kind.hulpvraag.referentie]),
        reverse("inzagerecht:dossier", args=[kind.leerling.pk]),
    ):
        assert client.get(url).status_code == 404, url
    assert not Hulpvraag.objects.zichtbaar_voor(ouder).exists()

    # P2: every read the parent made is in the log, with the parent's grounds.
    gelogd = [(rij.gebeurtenis, rij.object_id) for rij in _ouderlog()]
    assert gelogd == [
        ("ouder_leerling_bekeken", str(kind.leerling.pk)),
        ("ouder_leerling_bekeken", str(kind.leerling.pk)),
        ("ouder_hulpvraag_bekeken", kind.hulpvraag.referentie),
        ("ouder_bijlage_bekeken", str(kind.gedeeld.pk)),
    ]
    assert all(rij.gebruiker_id == ouder.pk for rij in _ouderlog())


def test_r14_intrekken_ends_access_at_once_also_in_a_running_session(
    kind: Kind, django_capture_on_commit_callbacks
):
    o = kind.o
    beheer = o.client(o.coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        _uitnodigen(kind, client=beheer)
    bijlage_delen_met_ouders(door=o.coordinator, bijlage=kind.gedeeld, delen=True)
    client = _activeren(OUDER_EMAIL)
    urls = [
        reverse("inzagerecht:ouder_kind", args=[kind.leerling.pk]),
        reverse("inzagerecht:ouder_hulpvraag", args=[kind.hulpvraag.referentie]),
        reverse("inzagerecht:ouder_bijlage", args=[kind.hulpvraag.referentie, kind.gedeeld.pk]),
    ]
    assert [client.get(url).status_code for url in urls] == [200, 200, 200]
    inzage = Ouderinzage.objects.get()
    antwoord = beheer.post(reverse("inzagerecht:intrekken", args=[kind.leerling.pk, inzage.pk]))
    assert antwoord.status_code == 302
    assert [client.get(url).status_code for url in urls] == [404, 404, 404]
    start = client.get(reverse("inzagerecht:ouder_start")).content.decode()
    assert "geen inzage" in start and "Neem contact op" in start
    assert Inzage.objects.filter(gebeurtenis="ouderinzage_ingetrokken").count() == 1


def test_r14_the_school_sees_that_a_parent_has_inzage(kind: Kind):
    o = kind.o
    ouder_uitnodigen(door=o.beheerder, leerling=kind.leerling, emailadres=OUDER_EMAIL)
    school = o.client(o.ib_regenboog)
    dossier = school.get(reverse("hulpvragen:dossier", args=[kind.leerling.pk])).content.decode()
    assert "Een ouder/verzorger heeft sinds" in dossier
    assert "Inzage en export" not in dossier  # the tab is the SWV's
    detail = school.get(reverse("hulpvragen:detail", args=[kind.hulpvraag.referentie]))
    assert "Inzage ouders" in detail.content.decode()


def test_r14_an_existing_parent_account_is_reused_for_a_second_child(kind: Kind):
    o = kind.o
    eerste = ouder_uitnodigen(door=o.beheerder, leerling=kind.leerling, emailadres=OUDER_EMAIL)
    broer = leerling_aanmaken(
        door=o.ib_regenboog,
        roepnaam="Tim",
        achternaam="Boven",
        geboortedatum=kind.leerling.geboortedatum.replace(year=2018),
        ouder_emailadressen=OUDER_EMAIL.upper(),
    )
    # The SWV's administrator sees every dossier of the SWV.
    tweede = ouder_uitnodigen(door=o.beheerder, leerling=broer, emailadres=OUDER_EMAIL)
    assert tweede.gebruiker_id == eerste.gebruiker_id
    assert Gebruiker.objects.filter(email=OUDER_EMAIL).count() == 1


def test_r14_the_parents_start_page_explains_itself_without_inzage(omgeving):
    client = omgeving.client(omgeving.ouder)
    antwoord = client.get(reverse("start"), follow=True)
    html = antwoord.content.decode()
    assert "U heeft nu geen inzage" in html and omgeving.ppo.naam in html
    assert "Mijn acties" not in html


def test_b10_export_holds_every_attachment_byte_for_byte_and_every_history_row(
    kind: Kind, django_capture_on_commit_callbacks
):
    o = kind.o
    hulpvraag = kind.hulpvraag
    hulpvraag_status_wijzigen(
        hulpvraag=hulpvraag,
        naar=hulpvraag.status.proces.statussen.get(naam="Doorzetten SCP"),
        door=o.coordinator,
        reden="Naar de SCP.",
    )
    derde = toevoegen(hulpvraag, o.coordinator, "Verslag SWV.pdf", bestanden.pdf("Van het SWV"))
    client = o.client(o.coordinator)
    assert (
        "Inzage en export"
        in client.get(reverse("hulpvragen:dossier", args=[kind.leerling.pk])).content.decode()
    )
    antwoord = client.post(reverse("inzagerecht:exporteren", args=[kind.leerling.pk]))
    assert antwoord.status_code == 200 and antwoord["Content-Type"] == "application/zip"
    inhoud = b"".join(antwoord.streaming_content)  # type: ignore[attr-defined]
    with zipfile.ZipFile(io.BytesIO(inhoud)) as zip:
        gegevens = json.loads(zip.read("leerling.json"))
        assert "Jan" in zip.read("samenvatting.html").decode()
        [hv] = gegevens["hulpvragen"]
        assert hv["referentie"] == hulpvraag.referentie
        for bijlage in (kind.gedeeld, kind.niet_gedeeld, derde):
            [meta] = [b for b in hv["bijlagen"] if b["id"] == bijlage.pk]
            with storages["bijlagen"].open(bijlage.opslagnaam, "rb") as bron:
                assert zip.read(meta["pad"]) == bron.read()
            assert meta["sha256"] == bijlage.sha256
        historie = list(hulpvraag.statuswijzigingen.order_by("op", "pk"))
        assert len(hv["statushistorie"]) == len(historie) >= 2
        assert [w["naar"] for w in hv["statushistorie"]] == [w.naar.naam for w in historie]
        assert hv["statushistorie"][-1]["reden"] == "Naar de SCP."
        assert gegevens["leerling"]["ouder_emailadressen"] == [
            OUDER_EMAIL,
            "tweede.ouder@example.nl",
        ]
        gebeurtenissen = {rij["gebeurtenis"] for rij in gegevens["inzagelog"]}
        assert {"leerling_geexporteerd", "bijlage_toegevoegd", "status_gewijzigd"} <= gebeurtenissen
    log = Inzage.objects.get(gebeurtenis="leerling_geexporteerd")
    assert log.gebruiker_id == o.coordinator.pk and log.leerling_id == kind.leerling.pk
    assert log.details["bestanden"] == 3 and log.details["hulpvragen"] == 1


def test_b10_no_export_of_another_swvs_pupil_nor_by_the_school(kind: Kind):
    o = kind.o
    ander = leerling_aanmaken(
        door=o.ib_ander_swv,
        roepnaam="Eva",
        achternaam="Elders",
        geboortedatum=kind.leerling.geboortedatum,
    )
    beheer = o.client(o.beheerder)
    assert beheer.post(reverse("inzagerecht:exporteren", args=[ander.pk])).status_code == 404
    school = o.client(o.ib_regenboog)
    assert (
        school.post(reverse("inzagerecht:exporteren", args=[kind.leerling.pk])).status_code == 404
    )
    assert beheer.get(reverse("inzagerecht:exporteren", args=[kind.leerling.pk])).status_code == 405
    assert not Inzage.objects.filter(gebeurtenis="leerling_geexporteerd").exists()


def test_r14_sharing_an_attachment_is_marked_by_swv_staff_and_logged(kind: Kind):
    o = kind.o
    client = o.client(o.coordinator)
    url = reverse("inzagerecht:delen", args=[kind.hulpvraag.referentie])
    assert "Intern.pdf" in client.get(url).content.decode()
    assert client.post(url, {"gedeeld": [str(kind.gedeeld.pk)]}).status_code == 302
    assert list(GedeeldeBijlage.objects.values_list("bijlage", flat=True)) == [kind.gedeeld.pk]
    log = Inzage.objects.get(gebeurtenis="bijlage_delen_met_ouders_gewijzigd")
    assert log.details["gedeeld"] == "ja"
    assert client.post(url, {}).status_code == 302
    assert not GedeeldeBijlage.objects.exists()
    # The school does not mark.
    assert o.client(o.ib_regenboog).get(url).status_code == 404
    detail = client.get(reverse("hulpvragen:detail", args=[kind.hulpvraag.referentie]))
    assert "Delen met ouders" in detail.content.decode()


def test_r14_another_swvs_parent_account_sees_nothing(kind: Kind):
    ouder_uitnodigen(door=kind.o.beheerder, leerling=kind.leerling, emailadres=OUDER_EMAIL)
    ander = account_maken(kind.o.ander_swv, "ouder", rol="ouder", email=OUDER_EMAIL)
    client = Client()
    inloggen(client, ander)
    assert (
        client.get(
            reverse("inzagerecht:ouder_hulpvraag", args=[kind.hulpvraag.referentie])
        ).status_code
        == 404
    )

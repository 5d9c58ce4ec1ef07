"""SWV-beheer: an application administrator edits the own SWV's processes and titles in the
admin (issue: processes as data), and sees nothing of another SWV (tenant isolation)."""

import re
from html.parser import HTMLParser

import pytest
from django.test import Client
from django.urls import reverse

from passend.accounts.tests.factories import account_maken, inloggen
from passend.processen.models import Hulpvraagtitel, Proces
from passend.swvbeheer.tests.conftest import beheerder_client
from passend.swvbeheer.tests.conftest import twee_swvs as twee_swvs

pytestmark = pytest.mark.django_db


def test_application_administrator_sees_only_the_own_swvs_configuration(twee_swvs):
    """Processes and titles are on SWV-beheer's own screens (issue 16 item 6), no longer in
    this admin; another SWV's rows are a 404 there."""
    ppo, ander = twee_swvs
    client = beheerder_client(ppo)
    assert client.get("/swv-beheer/processen/proces/").status_code == 404
    lijst = client.get(reverse("swvbeheer:processen")).content.decode()
    assert lijst.count("Ondersteuningsbudget") == 1  # one SWV's processes, not two
    eigen = Proces.objects.get(swv=ppo, code="ondersteuningsbudget")
    vreemd = Proces.objects.get(swv=ander, code="ondersteuningsbudget")
    assert client.get(reverse("swvbeheer:proces", args=[eigen.pk])).status_code == 200
    assert client.get(reverse("swvbeheer:proces", args=[vreemd.pk])).status_code == 404
    vreemde_titel = Hulpvraagtitel.objects.get(swv=ander, naam="KANS")
    assert client.get(reverse("swvbeheer:titel", args=[vreemde_titel.pk])).status_code == 404


def test_application_administrator_edits_a_title(twee_swvs):
    ppo, ander = twee_swvs
    client = beheerder_client(ppo)
    titel = Hulpvraagtitel.objects.get(swv=ppo, naam="KANS")
    url = reverse("swvbeheer:titel", args=[titel.pk])
    pagina = client.get(url).content.decode()
    # Choices come from the own SWV only: none of PO9999's statuses.
    vreemde_status = ander.processen.get(code="herstart_kans").statussen.get(naam="Aanmelding")
    assert f'value="{vreemde_status.pk}"' not in pagina
    assert 'name="swv"' not in pagina
    gegevens = {
        "naam": "KANS",
        "proces": titel.proces_id,
        "beginstatus": titel.beginstatus_id,
        "coordinatortoewijzing": "geen",
        "actief": "on",
        "volgorde": titel.volgorde,
    }
    antwoord = client.post(url, gegevens)
    assert antwoord.status_code == 302, antwoord.content.decode()[:2000]
    titel.refresh_from_db()
    assert titel.coordinatortoewijzing == "geen"
    # A status of another SWV cannot be slipped in as beginstatus.
    antwoord = client.post(url, {**gegevens, "beginstatus": vreemde_status.pk})
    assert antwoord.status_code == 200
    titel.refresh_from_db()
    assert titel.beginstatus.proces.swv_id == ppo.pk


def test_r42_only_application_administrators_reach_swv_beheer_and_only_staff_the_admin(
    twee_swvs,
):
    """SWV-beheer is the app's own screens, for the applicatiebeheerder; the Django admin
    (/beheer/) is for operators (staff) only, and the SWV's old admin pages are gone."""
    ppo, _ = twee_swvs
    scp = Client()
    inloggen(scp, account_maken(ppo, "pjansen", rol="schoolcontactpersoon"))
    assert scp.get(reverse("swvbeheer:index")).status_code == 404
    assert "SWV-beheer" not in scp.get("/").content.decode()
    beheerder = beheerder_client(ppo)
    assert beheerder.get("/swv-beheer/").url == reverse("swvbeheer:index")  # type: ignore[attr-defined]
    assert beheerder.get(reverse("swvbeheer:index")).status_code == 200
    assert "SWV-beheer" in beheerder.get("/").content.decode()
    for oud in ("/swv-beheer/hulpvragen/label/", "/swv-beheer/koppelingen/apiclient/add/"):
        assert beheerder.get(oud).status_code == 404, oud
    assert beheerder.get("/beheer/").status_code == 302  # the operators' admin is not theirs
    operator = account_maken(ppo, "operator", rol="applicatiebeheerder")
    operator.is_staff = True
    operator.save(update_fields=["is_staff"])
    staff = Client()
    inloggen(staff, operator)
    assert staff.get("/beheer/").status_code == 200


def test_the_process_page_offers_the_registered_conditions_of_a_transition(twee_swvs):
    """An administrator picks a transition's conditions from what the apps registered, as
    checkboxes; the PPO preset's history condition shows checked where it applies."""
    ppo, _ = twee_swvs
    proces = Proces.objects.get(swv=ppo, code="algemeen")
    client = beheerder_client(ppo)
    aangevinkt = 0
    for overgang in proces.overgangen.all():
        html = client.get(reverse("swvbeheer:overgang", args=[overgang.pk])).content.decode()
        assert html.count('value="swv_nog_niet_begonnen"') == 1
        aangevinkt += len(
            re.findall(r'<input[^>]*value="swv_nog_niet_begonnen"[^>]*checked>', html)
        )
    assert aangevinkt == 1
    assert "Het samenwerkingsverband nam nog geen stap" in html


class _Formulierwaarden(HTMLParser):
    """What a browser would post back from a page's form, unchanged."""

    def __init__(self) -> None:
        super().__init__()
        self.waarden: list[tuple[str, str]] = []
        self._select: str | None = None
        self._textarea: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        naam = a.get("name")
        if tag == "input" and naam and a.get("type") not in ("submit", "button"):
            if a.get("type") in ("checkbox", "radio") and "checked" not in a:
                return
            self.waarden.append(
                (naam, a.get("value") or ("on" if a.get("type") == "checkbox" else ""))
            )
        elif tag == "select" and naam:
            self._select = naam
        elif tag == "option" and self._select and "selected" in a:
            self.waarden.append((self._select, a.get("value") or ""))
        elif tag == "textarea" and naam:
            self._textarea = naam
            self.waarden.append((naam, ""))

    def handle_data(self, data: str) -> None:
        if self._textarea:
            naam, tekst = self.waarden[-1]
            self.waarden[-1] = (naam, tekst + data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None


def test_i12_the_ob_process_with_its_form_and_attachment_conditions_saves_unchanged(twee_swvs):
    """The conditions that name a form or a kind of document are offered per SWV (its own
    forms and kinds only), checked where the preset set them, and the page saves unchanged."""
    from passend.formulieren.models import Formulierdefinitie

    ppo, ander = twee_swvs
    Formulierdefinitie.objects.create(swv=ander, code="alleen_po9999", naam="Formulier PO9999")
    proces = Proces.objects.get(swv=ppo, code="ondersteuningsbudget")
    client = beheerder_client(ppo)
    indienen = proces.overgangen.get(naar__code="ob_aanvraag_indienen", van__code="ob_incompleet")
    url = reverse("swvbeheer:overgang", args=[indienen.pk])
    html = client.get(url).content.decode()
    for code in ("formulier_compleet:aanvraag_ondersteuningsbudget", "bijlage_van_type:opp"):
        assert re.search(rf'<input[^>]*value="{re.escape(code)}"[^>]*checked>', html), code
    assert 'value="formulier_antwoord:besluit_ondersteuningsbudget.besluit=toegekend"' in html
    assert "alleen_po9999" not in html
    lezer = _Formulierwaarden()
    lezer.feed(html.split("<main")[1])
    gegevens = {
        k: v for k, v in dict_met_lijsten(lezer.waarden).items() if k != "csrfmiddlewaretoken"
    }
    antwoord = client.post(url, gegevens)
    assert antwoord.status_code == 302, antwoord.content.decode()[-3000:]
    indienen.refresh_from_db()
    assert indienen.voorwaarden == [
        "formulier_compleet:aanvraag_ondersteuningsbudget",
        "bijlage_van_type:opp",
    ]


def dict_met_lijsten(paren: list[tuple[str, str]]) -> dict[str, list[str]]:
    waarden: dict[str, list[str]] = {}
    for naam, waarde in paren:
        waarden.setdefault(naam, []).append(waarde)
    return waarden

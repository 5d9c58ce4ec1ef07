"""SWV-beheer's form-definition screens (issue 16 item 1, issue 12 item 8; R24): the questions as
YAML, a save of changed questions is a new version (a form begun keeps its own), a faulty
definition refused beside the field with the typed text kept, a preview as the school sees
it, every change in the beheerlog, and another SWV's forms out of reach."""

from html.parser import HTMLParser

import pytest
import yaml
from django.test import Client
from django.urls import reverse

from passend.audit.models import Beheerhandeling
from passend.formulieren.models import Formulierdefinitie, Formulierversie
from passend.processen.models import Hulpvraagtitel, Status
from passend.swvbeheer.tests.conftest import beheerder_client

pytestmark = pytest.mark.django_db


class _Formulierwaarden(HTMLParser):
    """What a browser would post back from a page's form, unchanged."""

    def __init__(self) -> None:
        super().__init__()
        self.waarden: dict[str, list[str]] = {}
        self._textarea: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        naam = a.get("name")
        if tag == "input" and naam and a.get("type") not in ("submit", "button"):
            if a.get("type") in ("checkbox", "radio") and "checked" not in a:
                return
            self.waarden.setdefault(naam, []).append(a.get("value") or "")
        elif tag == "textarea" and naam:
            self._textarea = naam
            self.waarden[naam] = [""]

    def handle_data(self, data: str) -> None:
        if self._textarea:
            self.waarden[self._textarea][0] += data

    def handle_endtag(self, tag: str) -> None:
        if tag == "textarea":
            self._textarea = None


def _gegevens(client: Client, url: str) -> dict[str, list[str]]:
    lezer = _Formulierwaarden()
    lezer.feed(client.get(url).content.decode().split("<main")[1])
    lezer.waarden.pop("csrfmiddlewaretoken", None)
    # The textarea's first newline is eaten by the parser, as a browser does.
    lezer.waarden["vragen"] = [lezer.waarden["vragen"][0].lstrip("\n")]
    return lezer.waarden


def test_i12_r24_the_administrator_edits_a_form_as_a_new_version_with_a_preview(twee_swvs):
    """Issue 12 item 8: the questions as YAML; saving changed questions makes version 2 (a
    form already begun keeps version 1); a faulty definition is refused with every error in
    Dutch, the typed text kept and nothing saved; another SWV's forms are out of reach; the
    preview shows the form as a school sees it."""
    ppo, ander = twee_swvs
    definitie = Formulierdefinitie.objects.get(swv=ppo, code="aanvraag_ondersteuningsbudget")
    client = beheerder_client(ppo)
    url = reverse("swvbeheer:formulier", args=[definitie.pk])
    gegevens = _gegevens(client, url)
    inhoud = yaml.safe_load(gegevens["vragen"][0])
    assert inhoud == definitie.huidige_versie().inhoud  # type: ignore[union-attr]

    inhoud["secties"][0]["vragen"][0]["vraag"] = "Welke onderwijsbehoeften heeft de leerling?"
    gegevens["vragen"] = [yaml.safe_dump(inhoud, allow_unicode=True)]
    log_voor = Beheerhandeling.objects.count()
    antwoord = client.post(url, gegevens)
    assert antwoord.status_code == 302, antwoord.content.decode()[-3000:]
    versies = Formulierversie.objects.filter(definitie=definitie).order_by("nummer")
    assert [v.nummer for v in versies] == [1, 2]
    assert versies[1].aangemaakt_door is not None
    assert versies[0].inhoud["secties"][0]["vragen"][0]["vraag"] == (
        "Wat zijn de onderwijsbehoeften van de leerling?"
    )
    log = Beheerhandeling.objects.order_by("-pk").first()
    assert Beheerhandeling.objects.count() == log_voor + 1
    assert log is not None and log.gebeurtenis == "instelling_gewijzigd"
    assert (log.objecttype, log.object_id) == ("formulierdefinitie", str(definitie.pk))
    assert log.voor == {"versie": 1} and log.na["versie"] == 2
    assert "versie 2" in client.get(url).content.decode()
    # Saved again unchanged: no version 3, no log row.
    assert client.post(url, gegevens).status_code == 302
    assert versies.count() == 2
    assert Beheerhandeling.objects.count() == log_voor + 1

    inhoud["secties"][0]["vragen"][0]["soort"] = "tekening"
    fout = yaml.safe_dump(inhoud, allow_unicode=True)
    antwoord = client.post(url, {**gegevens, "vragen": [fout]})
    assert antwoord.status_code == 200
    html = antwoord.content.decode()
    assert "onbekende soort ‘tekening’" in html
    assert "soort: tekening" in html  # the typed text is kept
    assert versies.count() == 2

    antwoord = client.post(url, {**gegevens, "vragen": ["secties: [een: {"]})
    assert antwoord.status_code == 200
    assert "Dit is geen geldige YAML" in antwoord.content.decode()
    assert "secties: [een: {" in antwoord.content.decode()
    assert versies.count() == 2
    assert Beheerhandeling.objects.count() == log_voor + 1

    voorbeeld = client.get(reverse("swvbeheer:formulier_voorbeeld", args=[definitie.pk]))
    html = voorbeeld.content.decode()
    assert "Welke onderwijsbehoeften heeft de leerling?" in html
    assert "Het bevoegd gezag stemt in met het indienen van deze aanvraag" in html
    assert "(versie 2)" in html
    vreemd = Formulierdefinitie.objects.get(swv=ander, code="aanvraag_ondersteuningsbudget")
    for naam in ("formulier", "formulier_voorbeeld"):
        vreemd_url = reverse(f"swvbeheer:{naam}", args=[vreemd.pk])
        assert client.get(vreemd_url).status_code == 404
        assert client.post(vreemd_url, gegevens).status_code in (404, 405)
    assert vreemd.versies.count() == 1


def test_issue16_the_list_shows_the_own_forms_with_their_version(twee_swvs):
    ppo, ander = twee_swvs
    Formulierdefinitie.objects.create(swv=ander, code="alleen_po9999", naam="Formulier PO9999")
    html = beheerder_client(ppo).get(reverse("swvbeheer:formulieren")).content.decode()
    eigen = Formulierdefinitie.objects.get(swv=ppo, code="aanvraag_ondersteuningsbudget")
    assert f'href="{reverse("swvbeheer:formulier", args=[eigen.pk])}"' in html
    assert "Formulier PO9999" not in html
    vreemd = Formulierdefinitie.objects.get(swv=ander, code="aanvraag_ondersteuningsbudget")
    assert f'href="{reverse("swvbeheer:formulier", args=[vreemd.pk])}"' not in html
    assert "<td>1</td>" in html


def test_i12_a_new_form_with_the_own_statuses_and_titles_only(twee_swvs):
    """A new definition: statuses and titles offered as checkboxes from the own SWV only; one of
    another SWV cannot be slipped in; a code already used is refused beside the field; the
    saved form has version 1 and a beheerlog row."""
    ppo, ander = twee_swvs
    client = beheerder_client(ppo)
    url = reverse("swvbeheer:formulier_nieuw")
    html = client.get(url).content.decode()
    vreemde_status = Status.objects.filter(proces__swv=ander).first()
    vreemde_titel = Hulpvraagtitel.objects.filter(swv=ander).first()
    assert vreemde_status is not None and vreemde_titel is not None
    assert f'name="koppelen_bij" value="{vreemde_status.pk}"' not in html
    assert f'name="alleen_voor_titels" value="{vreemde_titel.pk}"' not in html
    assert 'type="checkbox" name="koppelen_bij"' in html
    status = Status.objects.filter(proces__swv=ppo).first()
    titel = Hulpvraagtitel.objects.filter(swv=ppo).first()
    assert status is not None and titel is not None
    vragen = _gegevens(client, url)["vragen"]
    gegevens = {
        "naam": "Evaluatie",
        "code": "evaluatie_nieuw",
        "koppelen_bij": [status.pk],
        "alleen_voor_titels": [titel.pk],
        "vragen": vragen,
    }
    antwoord = client.post(url, {**gegevens, "koppelen_bij": [vreemde_status.pk]})
    assert antwoord.status_code == 200
    assert not Formulierdefinitie.objects.filter(code="evaluatie_nieuw").exists()
    antwoord = client.post(url, {**gegevens, "code": "aanvraag_ondersteuningsbudget"})
    assert antwoord.status_code == 200
    assert "Er is al een formulier met deze code." in antwoord.content.decode()

    log_voor = Beheerhandeling.objects.count()
    antwoord = client.post(url, gegevens)
    assert antwoord.status_code == 302, antwoord.content.decode()[-3000:]
    nieuw = Formulierdefinitie.objects.get(swv=ppo, code="evaluatie_nieuw")
    assert list(nieuw.koppelen_bij.all()) == [status]
    assert list(nieuw.alleen_voor_titels.all()) == [titel]
    assert nieuw.huidige_versie().nummer == 1  # type: ignore[union-attr]
    logs = Beheerhandeling.objects.order_by("pk")[log_voor:]
    assert [(r.gebeurtenis, r.objecttype) for r in logs] == [
        ("instelling_aangemaakt", "formulierdefinitie"),
        ("instelling_gewijzigd", "formulierdefinitie"),
    ]
    assert logs[0].na["koppelen_bij"] == [status.pk]
    assert logs[1].voor == {"versie": None} and logs[1].na["versie"] == 1


def test_i12_a_change_of_name_and_statuses_only_is_logged_without_a_new_version(twee_swvs):
    ppo, _ = twee_swvs
    definitie = Formulierdefinitie.objects.get(swv=ppo, code="aanvraag_ondersteuningsbudget")
    client = beheerder_client(ppo)
    url = reverse("swvbeheer:formulier", args=[definitie.pk])
    gegevens = _gegevens(client, url)
    log_voor = Beheerhandeling.objects.count()
    assert client.post(url, {**gegevens, "naam": ["Aanvraag OB"]}).status_code == 302
    definitie.refresh_from_db()
    assert definitie.naam == "Aanvraag OB"
    assert definitie.versies.count() == 1
    log = Beheerhandeling.objects.order_by("-pk").first()
    assert Beheerhandeling.objects.count() == log_voor + 1
    assert log is not None and log.voor["naam"] != "Aanvraag OB"
    assert log.na["naam"] == "Aanvraag OB"

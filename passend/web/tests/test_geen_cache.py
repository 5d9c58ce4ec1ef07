"""No browser or proxy keeps a copy of a page with pupil data: every answer to a logged-in user
says `Cache-Control: private, no-store` (issue 19, item 2; SECURITY.md "Sensitive pages")."""

import pytest

from passend.hulpvragen.tests.conftest import omgeving  # noqa: F401
from passend.hulpvragen.tests.factories import hulpvraag_op_school

pytestmark = pytest.mark.django_db


def _geen_opslag(antwoord) -> None:  # type: ignore[no-untyped-def]
    richtlijnen = {deel.strip() for deel in antwoord["Cache-Control"].split(",")}
    assert {"private", "no-store"} <= richtlijnen, antwoord["Cache-Control"]
    assert "public" not in richtlijnen


def test_i19_pages_with_pupil_data_are_never_stored_by_a_browser_or_proxy(omgeving):  # noqa: F811
    hulpvraag = hulpvraag_op_school(omgeving.ib_regenboog, omgeving.regenboog)
    ib = omgeving.client(omgeving.ib_regenboog)
    for pad in (
        "/",
        "/mijn-acties/",
        "/hulpvragen/",
        f"/hulpvragen/{hulpvraag.referentie}/",
        f"/dossiers/{hulpvraag.leerling_id}/",
        "/hulpvragen/toevoegen/?naam=Boven",
        "/account/",
    ):
        antwoord = ib.get(pad)
        assert antwoord.status_code == 200, pad
        _geen_opslag(antwoord)
    coordinator = omgeving.client(omgeving.coordinator)
    for pad in ("/hulpvragen/export.csv", "/managementoverzicht/"):
        antwoord = coordinator.get(pad)
        assert antwoord.status_code == 200, pad
        _geen_opslag(antwoord)


def test_i19_an_anonymous_static_file_may_still_be_cached(client):
    """Only answers to a logged-in user are marked: the style sheet is the same for all."""
    antwoord = client.get("/static/web/passend.css")
    assert antwoord.status_code == 200
    assert "no-store" not in antwoord.get("Cache-Control", "")

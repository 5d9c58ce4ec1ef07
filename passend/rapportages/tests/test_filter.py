"""The Managementoverzicht's filter (issues 18.6 and 19.9): dates within a sensible range, and
no figures at all while the filter has an error."""

from datetime import timedelta

import pytest
from django.utils import timezone

from passend.hulpvragen.tests.factories import hulpvraag_op_school

pytestmark = pytest.mark.django_db
URL = "/managementoverzicht/"
TOTAAL = "hulpvraag in totaal"
PER_STATUS = "Hulpvragen per status"


def test_i19_a_date_before_2014_gets_a_dutch_message_not_a_server_error(omgeving):
    hulpvraag_op_school(omgeving.ib_regenboog, omgeving.regenboog)
    client = omgeving.client(omgeving.scp)
    for van in ("01-01-0001", "01-01-0002", "31-12-2013"):
        antwoord = client.get(URL, {"van": van})
        assert antwoord.status_code == 200
        pagina = antwoord.content.decode()
        assert "Kies een datum vanaf 01-01-2014." in pagina
        assert f'value="{van}"' in pagina  # what was typed stays
        assert len(antwoord.content) < 100_000  # not 24,000 monthly bars
    later = (timezone.localdate() + timedelta(days=7)).strftime("%d-%m-%Y")
    pagina = client.get(URL, {"tot": later}).content.decode()
    assert "Deze datum ligt in de toekomst." in pagina
    pagina = client.get(URL, {"van": "01-01-2014"}).content.decode()
    assert "1 hulpvraag met een hulpvraagdatum in de gekozen periode" in pagina


def test_i18_a_filter_with_an_error_shows_no_figures(omgeving):
    hulpvraag_op_school(omgeving.ib_regenboog, omgeving.regenboog)
    client = omgeving.client(omgeving.scp)
    assert TOTAAL in client.get(URL).content.decode()
    for filters in (
        {"van": "31-12-2020", "tot": "01-01-2020"},
        {"van": "morgen"},
        {"regio": "999999"},
    ):
        pagina = client.get(URL, filters).content.decode()
        assert "Verbeter het filter met een melding; dan ziet u de cijfers weer." in pagina
        assert TOTAAL not in pagina and PER_STATUS not in pagina, filters
        assert "Thuiszitters" not in pagina, filters

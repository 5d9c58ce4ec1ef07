"""The API against its committed OpenAPI document (docs/api/openapi.yaml), and the refusals
schemathesis found or cannot judge by itself: every refusal is JSON with a machine code, never a
500 or an HTML page, and no client or school reaches another's request (P1, SECURITY.md V4.2.1).
"""

from pathlib import Path

import pytest
import yaml
from django.conf import settings
from rest_framework.test import APIClient

from passend.koppelingen.tests.conftest import Esis, aanvraag_json

pytestmark = pytest.mark.django_db

DOCUMENT = Path(settings.BASE_DIR) / "docs" / "api" / "openapi.yaml"


@pytest.mark.parametrize(
    "kopjes",
    [
        {},
        {"HTTP_AUTHORIZATION": "Bearer psd_onbekend_geheim"},
        {"HTTP_AUTHORIZATION": "Bearer geen-token"},
    ],
    ids=["zonder token", "onbekend token", "ongeldig token"],
)
def test_p4_a_call_without_a_valid_token_is_a_json_401_not_a_500(
    esis: Esis, kopjes: dict[str, str]
) -> None:
    """Found by schemathesis: DRF put `None` on the request as its user, and the no-cache
    middleware then failed on `request.user.is_authenticated` (a 500 for every such call)."""
    antwoord = APIClient().get("/api/v1/aanvragen/", **kopjes)
    assert antwoord.status_code == 401
    assert antwoord.json()["code"] in {"niet_aangemeld", "token_ongeldig"}
    assert antwoord["WWW-Authenticate"] == 'Bearer realm="passend"'


@pytest.mark.parametrize(
    "pad",
    ["/api/v1/aanvragen/null,null/", "/api/v1/aanvragen/123/", "/api/v1/bestaat-niet/"],
)
def test_p4_an_unknown_api_path_is_a_json_404(esis: Esis, pad: str) -> None:
    """Found by schemathesis: a path the routes do not match answered with the web's HTML 404,
    a content type the document does not promise."""
    for methode in ("get", "patch", "delete", "post"):
        antwoord = getattr(esis.http, methode)(pad, **esis.kopjes(if_match='"1-0"'))
        assert antwoord.status_code == 404
        assert antwoord["Content-Type"] == "application/json"
        assert antwoord.json()["code"] == "niet_gevonden"


@pytest.mark.parametrize("params", [{"pagina": "0"}, {"per_pagina": "201"}, {"status": "x" * 61}])
def test_p4_the_document_names_the_limits_of_the_list_filters(
    esis: Esis, params: dict[str, str]
) -> None:
    """Found by schemathesis: pagina=0 was allowed by the document and refused by the API; the
    document now carries the serializer's limits, and the API still refuses beyond them."""
    antwoord = esis.lijst(**params)
    assert antwoord.status_code == 400
    assert antwoord.json()["fouten"][0]["veld"] in params
    schema = yaml.safe_load(DOCUMENT.read_text())
    lijst = {
        p["name"]: p["schema"] for p in schema["paths"]["/api/v1/aanvragen/"]["get"]["parameters"]
    }
    assert lijst["pagina"]["minimum"] == 1
    assert (lijst["per_pagina"]["minimum"], lijst["per_pagina"]["maximum"]) == (1, 200)
    assert lijst["status"]["maxLength"] == 60


@pytest.mark.parametrize("parameter", ["gewijzigd_vanaf", "gewijzigd_tot", "pagina", "per_pagina"])
def test_p4_an_empty_date_or_number_filter_is_refused(esis: Esis, parameter: str) -> None:
    """Found by schemathesis: `?gewijzigd_vanaf=` was read as no filter, while the document says
    a date; now refused with the field's code, as every other bad value."""
    antwoord = esis.lijst(**{parameter: ""})
    assert antwoord.status_code == 400
    assert antwoord.json()["fouten"] == [
        {
            "veld": parameter,
            "code": "leeg",
            "melding": "Geef een waarde, of laat deze parameter weg.",
        }
    ]
    assert esis.lijst(status="").status_code == 200  # an empty text filter is no filter


def test_p4_the_document_says_if_match_is_not_empty(esis: Esis) -> None:
    """Found by schemathesis: an empty If-Match was allowed by the document, and the API answers
    it as a missing one (428)."""
    uuid = esis.indienen().json()["uuid"]
    antwoord = esis.wijzigen(uuid, {"zorgvraag": "Anders."}, etag="")
    assert antwoord.status_code == 428
    assert antwoord.json()["code"] == "if_match_verplicht"
    schema = yaml.safe_load(DOCUMENT.read_text())
    for methode in ("patch", "delete"):
        (if_match,) = [
            p
            for p in schema["paths"]["/api/v1/aanvragen/{uuid}/"][methode]["parameters"]
            if p["name"] == "If-Match"
        ]
        assert if_match["required"] is True
        assert if_match["schema"]["minLength"] == 1


def test_r11_a_drafts_attachments_have_no_uuid_and_the_document_says_so(esis: Esis) -> None:
    """Found by schemathesis: a draft's attachments are listed with uuid null (they are not yet
    the hulpvraag's), which the document did not allow."""
    antwoord = esis.indienen(aanvraag_json(verzenden=False))
    assert [b["uuid"] for b in antwoord.json()["bijlagen"]] == [None]
    schema = yaml.safe_load(DOCUMENT.read_text())
    assert schema["components"]["schemas"]["BijlageUit"]["properties"]["uuid"]["nullable"] is True

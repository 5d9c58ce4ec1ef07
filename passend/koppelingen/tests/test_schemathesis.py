"""The API against its committed OpenAPI document (docs/api/openapi.yaml), and the refusals
schemathesis found or cannot judge by itself: every refusal is JSON with a machine code, never a
500 or an HTML page, and no client or school reaches another's request (P1, SECURITY.md V4.2.1).
"""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from django.conf import settings
from pytest_django.live_server_helper import LiveServer
from rest_framework.test import APIClient

from passend.hulpvragen.tests.conftest import Omgeving
from passend.koppelingen.models import Aanvraag, ApiClient
from passend.koppelingen.services import client_registreren
from passend.koppelingen.tests.conftest import CODE_KOMPAS, Esis, aanvraag_json

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


# --- No client or school reaches another's request (P1, SECURITY.md V4.2.1) -------------------


def test_p1_another_client_or_school_gets_404_for_a_request_it_did_not_send(
    esis: Esis, omgeving: Omgeving
) -> None:
    antwoord = esis.indienen()
    assert antwoord.status_code == 201
    uuid, etag = antwoord.json()["uuid"], antwoord["ETag"]
    concept = esis.indienen(aanvraag_json(verzenden=False)).json()["uuid"]

    # Client B: a second Esis client of the same SWV, with the same school's code.
    _client, token_b = client_registreren(
        swv=omgeving.ppo, naam="Esis test", soort=ApiClient.Soort.ESIS, door=omgeving.beheerder
    )
    client_b = Esis(client=_client, token=token_b)
    # School B: the same client, for Het Kompas and its IB'er.
    school_b = Esis(
        client=esis.client,
        token=esis.token,
        code=CODE_KOMPAS,
        contactpersoon="hschaap@po2806.example.nl",
    )
    # Another SWV's client, with De Regenboog's code (unknown at its SWV).
    _ander, token_ander = client_registreren(
        swv=omgeving.ander_swv, naam="Esis", soort=ApiClient.Soort.ESIS, door=None
    )
    ander_swv = Esis(client=_ander, token=token_ander)

    for vreemde in (client_b, school_b):
        for doel in (uuid, concept):
            assert vreemde.lezen(doel).status_code == 404
            assert vreemde.wijzigen(doel, {"verzenden": True}, etag=etag).status_code == 404
            assert vreemde.verwijderen(doel, etag=etag).status_code == 404
        assert vreemde.lijst().json()["count"] == 0
    assert ander_swv.lezen(uuid).json()["code"] == "verificatiecode_onjuist"
    assert ander_swv.lezen(uuid).status_code == 403
    # The owner still reads both, unchanged.
    assert esis.lezen(uuid).status_code == 200
    assert esis.lezen(concept).json()["status"] == "concept"
    assert Aanvraag.objects.get(uuid=uuid).versie == 1


# --- schemathesis against the committed document -----------------------------------------------

# Bounded so the run takes about a minute and a half here (2 cores): every phase runs, each
# operation gets at most this many generated cases per phase. SCHEMATHESIS_MAX_EXAMPLES and
# SCHEMATHESIS_SEED change it for a longer or another run.
MAX_EXAMPLES = int(os.environ.get("SCHEMATHESIS_MAX_EXAMPLES", "25"))
SEED = os.environ.get("SCHEMATHESIS_SEED", "20261130")

# Statuses that are right for this API although schemathesis' defaults do not expect them:
# 412 (a stale If-Match is checked before the body, as RFC 9110 says), 413 (too large), 428
# (If-Match missing). For the writes, a schema-valid request can still break a business rule
# the document cannot state (a title from the school's list, a contact with an account, a birth
# date not in the future): 400 with its code, 412/422 for a stale ETag or a reused
# Idempotency-Key.
CONFIGURATIE = """
[auth.openapi.clientToken]
bearer = "${PASSEND_ST_TOKEN}"

[dictionaries.titels]
values = ["Ambulante Begeleiding"]
[dictionaries.contactpersonen]
values = ["{contactpersoon}"]
[dictionaries.aanvragen]
values = ["{verzonden}", "{concept}"]

[parameters]
"header.X-Verificatiecode" = "${PASSEND_ST_CODE}"
"header.X-Contactpersoon" = "${PASSEND_ST_CONTACT}"
"body.korte_omschrijving" = { dictionary = "titels", probability = 0.5 }
"body.contactpersoon.email" = { dictionary = "contactpersonen", probability = 0.5 }
"path.uuid" = { dictionary = "aanvragen", probability = 0.5 }

[checks.negative_data_rejection]
expected-statuses = [
  "400", "401", "403", "404", "405", "406", "409", "412", "413", "415", "422", "428", "429"
]
[checks.missing_required_header]
expected-statuses = ["400", "401", "403", "406", "415", "422", "428"]

[[operations]]
# The OSO dossier's content (XML checked against the standard) is no part of the document.
include-operation-id-regex = "^(oso_)?aanvraag_(indienen|wijzigen|verwijderen)$"
checks.positive_data_acceptance.expected-statuses = [
  "2xx", "400", "401", "403", "404", "409", "412", "422", "429"
]
"""


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_asvs_v4_api_keeps_to_its_committed_openapi_document(
    live_server: LiveServer, esis: Esis, tmp_path: Path
) -> None:
    """schemathesis (all phases: examples, coverage, fuzzing, stateful; all checks, among them
    not_a_server_error, response_schema_conformance and ignored_auth) against
    docs/api/openapi.yaml as committed, with a real client token and a real verification code
    and contact, on a live server."""
    ApiClient.objects.filter(pk=esis.client.pk).update(max_per_minuut=1_000_000)
    verzonden = esis.indienen().json()["uuid"]
    concept = esis.indienen(aanvraag_json(verzenden=False)).json()["uuid"]
    configuratie = tmp_path / "schemathesis.toml"
    # Dictionary entries are taken as written; the secrets come from the environment.
    configuratie.write_text(
        CONFIGURATIE.replace("{verzonden}", verzonden)
        .replace("{concept}", concept)
        .replace("{contactpersoon}", esis.contactpersoon)
    )
    omgeving = {
        **os.environ,
        "PASSEND_ST_TOKEN": esis.token,
        "PASSEND_ST_CODE": esis.code,
        "PASSEND_ST_CONTACT": esis.contactpersoon,
        "NO_COLOR": "1",
    }
    run = subprocess.run(  # noqa: S603 (our own venv's schemathesis, fixed arguments)
        [
            str(Path(sys.executable).parent / "schemathesis"),
            "--config-file",
            str(configuratie),
            "run",
            str(DOCUMENT),
            "--url",
            live_server.url,
            "--phases",
            "examples,coverage,fuzzing,stateful",
            "--checks",
            "all",
            "--max-examples",
            str(MAX_EXAMPLES),
            "--seed",
            SEED,
            "--workers",
            "1",
            "--suppress-health-check",
            "all",
        ],
        cwd=tmp_path,
        env=omgeving,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    uitvoer = run.stdout + run.stderr
    assert run.returncode == 0, uitvoer[-12000:]
    samenvatting = uitvoer.split("SUMMARY")[-1]
    print(samenvatting)  # shown with pytest -s: phases, checks, cases generated
    for fase in ("Coverage", "Fuzzing", "Stateful"):
        assert f"✅ {fase}" in samenvatting, samenvatting
    # The requests it made went through the real services: nothing half-stored.
    assert Aanvraag.objects.filter(client=esis.client).count() >= 2


def test_r11_a_drafts_attachments_have_no_uuid_and_the_document_says_so(esis: Esis) -> None:
    """Found by schemathesis: a draft's attachments are listed with uuid null (they are not yet
    the hulpvraag's), which the document did not allow."""
    antwoord = esis.indienen(aanvraag_json(verzenden=False))
    assert [b["uuid"] for b in antwoord.json()["bijlagen"]] == [None]
    schema = yaml.safe_load(DOCUMENT.read_text())
    assert schema["components"]["schemas"]["BijlageUit"]["properties"]["uuid"]["nullable"] is True


@pytest.mark.parametrize("inhoud", ["JVBERi0x\x00", "JVBERi0x\ud800", "JVBERi0xé", "JVBER i0x"])
def test_p4_attachment_content_that_is_not_base64_is_refused_and_nothing_stored(
    esis: Esis, inhoud: str
) -> None:
    """The base64 field skips DRF's per-character NUL and surrogate scans (bench/intake.py: they
    cost ~15% of a creation with a 200 kB file); the strict decoder still refuses them."""
    gegevens = aanvraag_json()
    gegevens["bijlagen"][0]["inhoud"] = inhoud
    antwoord = esis.http.post(
        "/api/v1/aanvragen/",
        json.dumps(gegevens),  # ASCII with \u escapes: a lone surrogate travels too
        content_type="application/json",
        **esis.kopjes(),
    )
    assert antwoord.status_code == 400
    assert antwoord.json()["code"] == "base64_ongeldig"
    assert not Aanvraag.objects.exists()

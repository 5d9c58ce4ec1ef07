"""Every refusal of the API as JSON: a stable machine code and a Dutch message, per field where
a field is at fault (P4). Never a 500 for bad input; an unexpected error stays a 500 and is
logged as one."""

import logging
from typing import Any

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from django.utils.translation import gettext as _
from rest_framework import exceptions, serializers, status
from rest_framework.response import Response

from passend.koppelingen.oso import OsoGeweigerd
from passend.koppelingen.services import KoppelingFout

logger = logging.getLogger("passend.koppelingen")

# DRF's own codes, in the API's Dutch vocabulary.
_CODES = {
    "required": "verplicht",
    "invalid": "ongeldig",
    "blank": "leeg",
    "null": "leeg",
    "max_length": "te_lang",
    "min_length": "te_kort",
    "max_value": "te_groot",
    "min_value": "te_klein",
    "invalid_choice": "ongeldige_keuze",
    "not_a_list": "geen_lijst",
    "empty": "leeg",
    "max_string_length": "te_lang",
    "date": "ongeldige_datum",
    "datetime": "ongeldige_datum",
    "not_authenticated": "niet_aangemeld",
    "authentication_failed": "token_ongeldig",
    "permission_denied": "geen_toegang",
    "not_found": "niet_gevonden",
    "method_not_allowed": "methode_niet_toegestaan",
    "not_acceptable": "niet_aanvaardbaar",
    "unsupported_media_type": "mediatype_niet_ondersteund",
    "parse_error": "json_ongeldig",
    "throttled": "te_veel_verzoeken",
}

# Fields of the shared services, as the API names them.
_VELDEN = {
    "titel": "korte_omschrijving",
    "omschrijving": "zorgvraag",
    "roepnaam": "leerling.roepnaam",
    "tussenvoegsel": "leerling.tussenvoegsel",
    "achternaam": "leerling.achternaam",
    "geboortedatum": "leerling.geboortedatum",
    "geslacht": "leerling.geslacht",
    "ouder_emailadressen": "leerling.ouder_emailadressen",
    "straat": "leerling.adressen.straat",
    "huisnummer": "leerling.adressen.huisnummer",
    "postcode": "leerling.adressen.postcode",
    "plaats": "leerling.adressen.plaats",
    "contactpersoon": "contactpersoon.naam",
    "email": "contactpersoon.email",
    "telefoon": "contactpersoon.telefoon",
}


class VeldfoutSerializer(serializers.Serializer[Any]):
    veld = serializers.CharField(help_text="Het veld, met punten genest (leerling.geboortedatum).")
    code = serializers.CharField(
        help_text="Vaste code voor programma's, bijvoorbeeld titel_onbekend."
    )
    melding = serializers.CharField(help_text="Uitleg in het Nederlands, voor de gebruiker.")
    toegestaan = serializers.ListField(
        child=serializers.CharField(), required=False, help_text="De toegestane waarden."
    )


class FoutSerializer(serializers.Serializer[Any]):
    code = serializers.CharField()
    melding = serializers.CharField()
    fouten = VeldfoutSerializer(many=True, required=False)


def fout(
    code: str, melding: str, statuscode: int, fouten: list[dict[str, Any]] | None = None
) -> Response:
    body: dict[str, Any] = {"code": code, "melding": melding}
    if fouten:
        body["fouten"] = fouten
    return Response(body, status=statuscode)


def _plat(detail: Any, pad: str = "") -> list[dict[str, Any]]:
    """DRF's nested errors as a flat list with dotted field names."""
    if isinstance(detail, dict):
        return [f for sleutel, waarde in detail.items() for f in _plat(waarde, _pad(pad, sleutel))]
    if isinstance(detail, list):
        if all(isinstance(d, exceptions.ErrorDetail) for d in detail):
            return [
                {
                    "veld": pad or "algemeen",
                    "code": _CODES.get(d.code or "", d.code),
                    "melding": str(d),
                }
                for d in detail
            ]
        return [f for i, waarde in enumerate(detail) for f in _plat(waarde, _pad(pad, str(i)))]
    return [
        {
            "veld": pad or "algemeen",
            "code": _CODES.get(getattr(detail, "code", ""), "ongeldig"),
            "melding": str(detail),
        }
    ]


def _pad(pad: str, sleutel: str) -> str:
    if sleutel == "non_field_errors":
        return pad
    return f"{pad}.{sleutel}" if pad else sleutel


def _django_fouten(fout_: DjangoValidationError) -> list[dict[str, Any]]:
    if not hasattr(fout_, "error_dict"):
        return [
            {"veld": "algemeen", "code": e.code or "ongeldig", "melding": " ".join(e.messages)}
            for e in fout_.error_list
        ]
    return [
        {
            "veld": _VELDEN.get(veld, veld) if veld != "__all__" else "algemeen",
            "code": e.code or "ongeldig",
            "melding": " ".join(e.messages),
        }
        for veld, lijst in fout_.error_dict.items()
        for e in lijst
    ]


def fout_afhandelen(exc: Exception, context: dict[str, Any]) -> Response | None:
    if isinstance(exc, OsoGeweigerd):
        # Logged with its code only: the messages may name elements, never pupil content, but
        # the attempt's content itself stays out of every log (issue 15).
        logger.info("OSO-dossier geweigerd", extra={"code": exc.code})
        return fout(
            exc.code,
            str(exc.samenvatting),
            413 if exc.code == "te_groot" else 400,
            [{"veld": "dossier", "code": exc.code, "melding": m} for m in exc.meldingen],
        )
    if isinstance(exc, KoppelingFout):
        veldfout = {
            "veld": exc.veld or "algemeen",
            "code": exc.code,
            "melding": exc.melding,
            **exc.extra,
        }
        return fout(exc.code, exc.melding, exc.status, [veldfout])
    if isinstance(exc, DjangoValidationError):
        fouten = _django_fouten(exc)
        return fout(
            fouten[0]["code"],
            _("De aanvraag is niet verwerkt: %s") % fouten[0]["melding"],
            400,
            fouten,
        )
    if isinstance(exc, exceptions.ValidationError):
        fouten = _plat(exc.detail)
        return fout(
            "ongeldig", _("De gegevens zijn niet verwerkt; zie de fouten per veld."), 400, fouten
        )
    if isinstance(exc, Http404 | exceptions.NotFound):
        return fout("niet_gevonden", _("Niet gevonden."), status.HTTP_404_NOT_FOUND)
    if isinstance(exc, DjangoPermissionDenied):
        return fout("geen_toegang", _("U hebt hiervoor geen toegang."), status.HTTP_403_FORBIDDEN)
    if isinstance(exc, exceptions.APIException):
        detail = exc.detail
        code = exc.get_codes() if not isinstance(detail, dict | list) else "ongeldig"
        code = _CODES.get(str(code), str(code))
        response = fout(code, str(detail), exc.status_code)
        if isinstance(exc, exceptions.Throttled) and exc.wait is not None:
            response["Retry-After"] = str(int(exc.wait) + 1)
        if getattr(exc, "auth_header", None):
            response["WWW-Authenticate"] = exc.auth_header  # type: ignore[attr-defined]
        return response
    return None

"""The API's endpoints (/api/v1/). Thin: find who calls and for which school, parse, call a
service or selector, answer. Reads of pupil data are logged as in the web, under the school
account the call acts for and the client it came through (P2)."""

import base64
import binascii
import hashlib
import hmac
import json
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import exceptions, serializers
from rest_framework.pagination import PageNumberPagination
from rest_framework.parsers import MultiPartParser
from rest_framework.renderers import JSONRenderer
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from passend.accounts.models import Gebruiker
from passend.audit import gebeurtenissen
from passend.koppelingen.api import serializers as s
from passend.koppelingen.api.fouten import FoutSerializer
from passend.koppelingen.models import Aanvraag, ApiClient, Idempotentiesleutel
from passend.koppelingen.oso import OsoAanvraag, lees_dossier
from passend.koppelingen.selectors import aanvragen_voor, scholen_van_client, verificatiecode_voor
from passend.koppelingen.services import (
    AangebodenBestand,
    KoppelingFout,
    aanvraag_indienen,
    aanvraag_verwijderen,
    aanvraag_wijzigen,
    contactpersoon_voor,
    oso_aanvraag_indienen,
    oso_te_bewaren,
)
from passend.koppelingen.sleutels import verificatiecode_hmac
from passend.organisaties.models import School
from passend.processen.selectors import titels_voor_school

VERIFICATIECODE = OpenApiParameter(
    "X-Verificatiecode",
    OpenApiTypes.STR,
    OpenApiParameter.HEADER,
    description="Esis: de verificatiecode van de school (R10). Nooit in de URL.",
)
SCHOOL = OpenApiParameter(
    "X-School",
    OpenApiTypes.STR,
    OpenApiParameter.HEADER,
    description="Andere systemen: BRIN en vestiging van de school waarvoor de client handelt.",
)
CONTACTPERSOON = OpenApiParameter(
    "X-Contactpersoon",
    OpenApiTypes.EMAIL,
    OpenApiParameter.HEADER,
    required=True,
    description="Het e-mailadres van de medewerker van de school voor wie het systeem handelt.",
)
IDEMPOTENCY_KEY = OpenApiParameter(
    "Idempotency-Key",
    OpenApiTypes.STR,
    OpenApiParameter.HEADER,
    description="Een herhaald verzoek met dezelfde sleutel geeft het eerste antwoord terug en "
    "maakt niets dubbel.",
)
IF_MATCH = OpenApiParameter(
    "If-Match",
    {"type": "string", "minLength": 1},
    OpenApiParameter.HEADER,
    required=True,
    description="De ETag uit het laatste antwoord over deze aanvraag.",
)
FOUTEN = {
    code: OpenApiResponse(FoutSerializer, description=beschrijving)
    for code, beschrijving in {
        400: "Ongeldige invoer",
        401: "Geen of een ongeldig token",
        403: "Geen toegang (verificatiecode, school)",
        404: "Niet gevonden",
        413: "Verzoek te groot",
        429: "Te veel verzoeken",
    }.items()
}


class ApiView(APIView):
    # The API's base: the school and the account a call acts for, and the size limit. (A
    # comment, not a docstring: the OpenAPI document would show it as every operation's text.)

    def initial(self, request: Request, *args: Any, **kwargs: Any) -> None:
        lengte = request.META.get("CONTENT_LENGTH") or "0"
        if lengte.isdigit() and int(lengte) > settings.PASSEND_API_MAX_BYTES:
            raise TeGroot
        super().initial(request, *args, **kwargs)

    @property
    def client(self) -> ApiClient:
        client = self.request.auth
        if not isinstance(client, ApiClient):  # AlleenClient let nobody else through
            raise exceptions.NotAuthenticated
        return client

    def school(self) -> School:
        """R10: an Esis call names its school by the verification code; another client by
        X-School, among the schools that switched it on. A code of another SWV, or a removed
        one, is refused with its own code."""
        client = self.client
        if client.soort == ApiClient.Soort.ESIS:
            code = self.request.headers.get("X-Verificatiecode", "")
            rij = verificatiecode_voor(code) if code else None
            if (
                rij is None
                or rij.school.swv_id != client.swv_id
                or not hmac.compare_digest(rij.code_hmac, verificatiecode_hmac(code))
            ):
                raise KoppelingFout(
                    "verificatiecode_onjuist",
                    _("De verificatiecode is onjuist of niet bij dit samenwerkingsverband bekend."),
                    veld="X-Verificatiecode",
                    status=403,
                )
            if rij.verwijderd_op is not None:
                raise KoppelingFout(
                    "koppeling_gepauzeerd",
                    _(
                        "De koppeling van deze school is gepauzeerd: het samenwerkingsverband "
                        "heeft de verificatiecode verwijderd. Neem contact op met het "
                        "samenwerkingsverband."
                    ),
                    veld="X-Verificatiecode",
                    status=403,
                )
            return rij.school
        code = self.request.headers.get("X-School", "").strip().upper()
        school = scholen_van_client(client).filter(code=code).first() if code else None
        if school is None:
            raise KoppelingFout(
                "school_niet_gekoppeld",
                _("Deze school gebruikt deze koppeling niet (X-School)."),
                veld="X-School",
                status=403,
            )
        return school

    def contactpersoon(self, school: School) -> Gebruiker:
        email = self.request.headers.get("X-Contactpersoon", "")
        if not email:
            raise KoppelingFout(
                "contactpersoon_verplicht",
                _("Geef in X-Contactpersoon het e-mailadres van de medewerker van de school."),
                veld="X-Contactpersoon",
            )
        gebruiker = contactpersoon_voor(school, email)
        return gebruiker

    def aanvraag(self, school: School, gebruiker: Gebruiker, uuid: str) -> Aanvraag:
        aanvraag = aanvragen_voor(self.client, gebruiker, school).filter(uuid=uuid).first()
        if aanvraag is None:
            raise exceptions.NotFound
        return aanvraag

    def finalize_response(self, request: Request, response: Any, *args: Any, **kwargs: Any) -> Any:
        response = super().finalize_response(request, response, *args, **kwargs)
        response["Cache-Control"] = "no-store"
        return response


class TeGroot(exceptions.APIException):
    status_code = 413
    default_code = "te_groot"
    default_detail = _("Het verzoek is te groot.")


def etag(aanvraag: Aanvraag) -> str:
    """Changes with every change of the request and every status change of its hulpvraag."""
    status = aanvraag.hulpvraag.status_sinds.timestamp() if aanvraag.hulpvraag else 0
    return f'"{aanvraag.versie}-{status:.6f}"'


def _beantwoord(aanvraag: Aanvraag, gebruiker: Gebruiker, statuscode: int = 200) -> Response:
    if aanvraag.hulpvraag is not None:
        gebeurtenissen.hulpvraag_bekeken(aanvraag.hulpvraag, door=gebruiker, via="api")
    return Response(
        s.aanvraag_weergave(aanvraag), status=statuscode, headers={"ETag": etag(aanvraag)}
    )


@contextmanager
def _bestanden(
    invoer: list[dict[str, Any]], uploads: list[Any], soorten: list[str]
) -> Iterator[list[AangebodenBestand]]:
    """The files of a call as files on disk: base64 decoded into a temporary folder, uploads
    where Django's upload handler put them. The folder goes when the call ends."""
    with tempfile.TemporaryDirectory(prefix="passend-api-") as map_:
        bestanden = []
        for i, bijlage in enumerate(invoer):
            pad = Path(map_) / f"{i}"
            try:
                pad.write_bytes(base64.b64decode(bijlage["inhoud"], validate=True))
            except (binascii.Error, ValueError) as fout:
                raise KoppelingFout(
                    "base64_ongeldig",
                    _("De inhoud van %s is geen geldige base64.") % bijlage["bestandsnaam"],
                    veld=f"bijlagen.{i}.inhoud",
                ) from fout
            bestanden.append(
                AangebodenBestand(bijlage["bestandsnaam"], pad, bijlage.get("soort", ""))
            )
        for i, upload in enumerate(uploads):
            bestanden.append(
                AangebodenBestand(
                    upload.name,
                    Path(upload.temporary_file_path()),
                    soorten[i] if i < len(soorten) else "",
                )
            )
        yield bestanden


def _invoer(
    request: Request, serializer_klasse: type[serializers.Serializer[Any]]
) -> tuple[dict[str, Any], list[Any], list[str]]:
    """JSON, or multipart with the fields as JSON in `gegevens` and the files in `bijlagen`."""
    if request.content_type.startswith("multipart/"):
        try:
            data = json.loads(request.data.get("gegevens", ""))
        except (TypeError, ValueError) as fout:
            raise KoppelingFout(
                "json_ongeldig", _("Het veld gegevens bevat geen geldige JSON."), veld="gegevens"
            ) from fout
        uploads = request.FILES.getlist("bijlagen")
        soorten = request.data.getlist("soorten")
    else:
        data, uploads, soorten = request.data, [], []
    invoer = serializer_klasse(data=data)
    invoer.is_valid(raise_exception=True)
    return dict(invoer.validated_data), uploads, soorten


def _json(gegevens: dict[str, Any]) -> dict[str, Any]:
    """The validated fields as stored in a draft (dates as text)."""
    return json.loads(json.dumps(gegevens, default=str))


def _verzoek_sha256(request: Request) -> str:
    inhoud = (
        {k: v for k, v in request.data.items() if k not in request.FILES}
        if request.content_type.startswith("multipart/")
        else request.data
    )
    hash_ = hashlib.sha256(json.dumps(inhoud, sort_keys=True, default=str).encode())
    for veld in sorted(request.FILES):
        for upload in request.FILES.getlist(veld):
            for stuk in upload.chunks():
                hash_.update(stuk)
    return hash_.hexdigest()


def idempotent(request: Request, client: ApiClient, maken: Callable[[], Response]) -> Response:
    """B6: with an Idempotency-Key, the first answer is kept in the change's own transaction and
    returned for every retry; a retry that arrives while the first runs waits for it on the
    unique index. A refused request (an exception) keeps nothing, so the key stays free."""
    sleutel = request.headers.get("Idempotency-Key", "").strip()[:255]
    if not sleutel:
        return maken()
    verzoek = _verzoek_sha256(request)
    try:
        with transaction.atomic():
            with transaction.atomic():
                rij = Idempotentiesleutel.objects.create(
                    client=client,
                    sleutel=sleutel,
                    verzoek_sha256=verzoek,
                    statuscode=201,
                    antwoord={},
                )
            response = maken()
            rij.statuscode = response.status_code
            rij.antwoord = {
                "body": json.loads(JSONRenderer().render(response.data)),
                "etag": response.get("ETag", ""),
            }
            rij.save(update_fields=["statuscode", "antwoord"])
            return response
    except IntegrityError:
        eerder = Idempotentiesleutel.objects.filter(client=client, sleutel=sleutel).first()
        if eerder is None:
            raise
    if eerder.verzoek_sha256 != verzoek:
        raise KoppelingFout(
            "idempotency_key_hergebruikt",
            _("Deze Idempotency-Key hoorde bij een ander verzoek; kies een nieuwe sleutel."),
            veld="Idempotency-Key",
            status=422,
        )
    headers = {"Idempotent-Replayed": "true"}
    if eerder.antwoord["etag"]:
        headers["ETag"] = eerder.antwoord["etag"]
    return Response(eerder.antwoord["body"], status=eerder.statuscode, headers=headers)


class Paginering(PageNumberPagination):
    page_size = 50
    page_query_param = "pagina"
    page_size_query_param = "per_pagina"
    max_page_size = 200


class AanvragenView(ApiView):
    @extend_schema(
        operation_id="aanvragen_lijst",
        summary="De aanvragen van deze school via deze koppeling",
        parameters=[
            VERIFICATIECODE,
            SCHOOL,
            CONTACTPERSOON,
            # The limits of LijstfilterSerializer, so a request the document allows is served.
            OpenApiParameter(
                "status",
                {"type": "string", "maxLength": 60},
                description="‘concept’ of een statuscode.",
            ),
            OpenApiParameter("gewijzigd_vanaf", OpenApiTypes.DATE),
            OpenApiParameter("gewijzigd_tot", OpenApiTypes.DATE, description="Tot en met."),
            OpenApiParameter("pagina", {"type": "integer", "minimum": 1}),
            OpenApiParameter("per_pagina", {"type": "integer", "minimum": 1, "maximum": 200}),
        ],
        responses={200: s.AanvraagPaginaSerializer, **FOUTEN},
    )
    def get(self, request: Request) -> Response:
        school = self.school()
        gebruiker = self.contactpersoon(school)
        filter_ = s.LijstfilterSerializer(data=request.query_params)
        filter_.is_valid(raise_exception=True)
        aanvragen: QuerySet[Aanvraag] = aanvragen_voor(self.client, gebruiker, school)
        status = filter_.validated_data.get("status")
        if status == s.CONCEPT:
            aanvragen = aanvragen.filter(hulpvraag__isnull=True)
        elif status:
            aanvragen = aanvragen.filter(hulpvraag__status__code=status)
        if vanaf := filter_.validated_data.get("gewijzigd_vanaf"):
            aanvragen = aanvragen.filter(gewijzigd_op__date__gte=vanaf)
        if tot := filter_.validated_data.get("gewijzigd_tot"):
            aanvragen = aanvragen.filter(gewijzigd_op__date__lte=tot)
        paginering = Paginering()
        pagina = (
            paginering.paginate_queryset(
                aanvragen.order_by("-gewijzigd_op", "-pk"), request, view=self
            )
            or []
        )
        gebeurtenissen.hulpvragen_getoond(
            [a.hulpvraag for a in pagina if a.hulpvraag is not None], door=gebruiker
        )
        return paginering.get_paginated_response(
            [s.aanvraag_weergave(a, met_details=False) for a in pagina]
        )

    @extend_schema(
        operation_id="aanvraag_indienen",
        summary="Een aanvraag opslaan (concept) of opslaan en verzenden",
        description="R11. Bijlagen als base64 in JSON, of multipart met de velden als JSON in "
        "`gegevens`. De hele aanvraag wordt geweigerd als één bijlage of veld niet klopt; dan "
        "is niets opgeslagen.",
        parameters=[VERIFICATIECODE, SCHOOL, IDEMPOTENCY_KEY],
        request={
            "application/json": s.AanvraagInvoerSerializer,
            "multipart/form-data": s.AanvraagMultipartSerializer,
        },
        responses={201: s.AanvraagSerializer, 409: FoutSerializer, 422: FoutSerializer, **FOUTEN},
    )
    def post(self, request: Request) -> Response:
        school = self.school()
        gegevens, uploads, soorten = _invoer(request, s.AanvraagInvoerSerializer)
        return idempotent(
            request, self.client, lambda: self._indienen(school, gegevens, uploads, soorten)
        )

    def _indienen(
        self, school: School, gegevens: dict[str, Any], uploads: list[Any], soorten: list[str]
    ) -> Response:
        invoer = gegevens.pop("bijlagen", [])
        verzenden = gegevens.pop("verzenden", False)
        with _bestanden(invoer, uploads, soorten) as bestanden:
            aanvraag = aanvraag_indienen(
                client=self.client,
                school=school,
                gegevens=_json(gegevens),
                bestanden=bestanden,
                verzenden=verzenden,
            )
        return _beantwoord(aanvraag, aanvraag.contactpersoon, statuscode=201)


class AanvraagView(ApiView):
    @extend_schema(
        operation_id="aanvraag_lezen",
        summary="Eén aanvraag: status, statushistorie (met redenen) en bijlagen (R7)",
        parameters=[VERIFICATIECODE, SCHOOL, CONTACTPERSOON],
        responses={200: s.AanvraagSerializer, **FOUTEN},
    )
    def get(self, request: Request, uuid: str) -> Response:
        school = self.school()
        gebruiker = self.contactpersoon(school)
        return _beantwoord(self.aanvraag(school, gebruiker, uuid), gebruiker)

    @extend_schema(
        operation_id="aanvraag_wijzigen",
        summary="Een concept wijzigen, bijlagen toevoegen, (opnieuw) verzenden",
        description="R11. Na ‘Dossier incompleet’: bijlagen toevoegen en verzenden zet de "
        "hulpvraag terug in de status die het proces de school dan laat kiezen.",
        parameters=[VERIFICATIECODE, SCHOOL, CONTACTPERSOON, IF_MATCH],
        request={
            "application/json": s.AanvraagWijzigenSerializer,
            "multipart/form-data": s.AanvraagMultipartSerializer,
        },
        responses={
            200: s.AanvraagSerializer,
            409: FoutSerializer,
            412: FoutSerializer,
            428: FoutSerializer,
            **FOUTEN,
        },
    )
    def patch(self, request: Request, uuid: str) -> Response:
        school = self.school()
        gebruiker = self.contactpersoon(school)
        aanvraag = self.aanvraag(school, gebruiker, uuid)
        versie = self._verwachte_versie(aanvraag)
        gegevens, uploads, soorten = _invoer(request, s.AanvraagWijzigenSerializer)
        invoer = gegevens.pop("bijlagen", [])
        verzenden = gegevens.pop("verzenden", False)
        with _bestanden(invoer, uploads, soorten) as bestanden:
            aanvraag = aanvraag_wijzigen(
                aanvraag=aanvraag,
                door=gebruiker,
                gegevens=_json(gegevens) if gegevens else None,
                bestanden=bestanden,
                verzenden=verzenden,
                verwachte_versie=versie,
            )
        return _beantwoord(self.aanvraag(school, gebruiker, uuid), gebruiker)

    @extend_schema(
        operation_id="aanvraag_verwijderen",
        summary="Een concept of een afgehandelde aanvraag verwijderen (aan de kant van de school)",
        parameters=[VERIFICATIECODE, SCHOOL, CONTACTPERSOON, IF_MATCH],
        responses={
            204: None,
            409: FoutSerializer,
            412: FoutSerializer,
            428: FoutSerializer,
            **FOUTEN,
        },
    )
    def delete(self, request: Request, uuid: str) -> Response:
        school = self.school()
        gebruiker = self.contactpersoon(school)
        aanvraag = self.aanvraag(school, gebruiker, uuid)
        aanvraag_verwijderen(aanvraag=aanvraag, verwachte_versie=self._verwachte_versie(aanvraag))
        return Response(status=204)

    def _verwachte_versie(self, aanvraag: Aanvraag) -> int:
        """If-Match is required: of two writers the second learns of the first (412)."""
        gezien = self.request.headers.get("If-Match", "")
        if not gezien:
            raise KoppelingFout(
                "if_match_verplicht",
                _(
                    "Stuur de ETag van de aanvraag mee in If-Match, zodat geen wijziging "
                    "verloren gaat."
                ),
                veld="If-Match",
                status=428,
            )
        if gezien.strip() != etag(aanvraag):
            raise KoppelingFout(
                "versie_verouderd",
                _(
                    "De aanvraag is intussen gewijzigd. Haal hem opnieuw op en probeer het dan "
                    "opnieuw."
                ),
                veld="If-Match",
                status=412,
            )
        return aanvraag.versie


class TitelsView(ApiView):
    @extend_schema(
        operation_id="titels_lijst",
        summary="De korte omschrijvingen (titels) die deze school kan kiezen (R11, R31)",
        parameters=[VERIFICATIECODE, SCHOOL],
        responses={200: s.TitelSerializer(many=True), **FOUTEN},
    )
    def get(self, request: Request) -> Response:
        titels = titels_voor_school(self.school())
        return Response([{"naam": t.naam, "proces": t.proces.naam} for t in titels])


class OsoAanvragenView(ApiView):
    parser_classes = [MultiPartParser]

    @extend_schema(
        operation_id="oso_aanvraag_indienen",
        summary="Een OSO-dossier (ParnasSys en andere) indienen als hulpvraag",
        description="Issue 15, R6-R8. Multipart: `aanvraag` (JSON: samenwerkingsverband, "
        "aanvraagtype, datum, omschrijving, contactpersoon) en `dossier` (het OSO PaO-dossier als "
        "XML). Het dossier wordt veilig gelezen, tegen het XSD en de bedrijfsregels van de "
        "standaard gecontroleerd, en alleen de blokken die het samenwerkingsverband bewaart "
        "worden opgeslagen; de andere staan in `weggelaten_blokken`. De school volgt uit BRIN en "
        "vestiging in het dossier. Status teruglezen: GET /aanvragen/{uuid}/ met X-School.",
        parameters=[IDEMPOTENCY_KEY],
        request={"multipart/form-data": s.OsoInvoerSerializer},
        responses={201: s.OsoAanvraagSerializer, 422: FoutSerializer, **FOUTEN},
    )
    def post(self, request: Request) -> Response:
        client = self.client
        invoer = s.OsoInvoerSerializer(data=request.data)
        invoer.is_valid(raise_exception=True)
        metadata = _oso_metadata(invoer.validated_data["aanvraag"])
        dossier = lees_dossier(
            invoer.validated_data["dossier"], te_bewaren=oso_te_bewaren(client.swv_id)
        )
        return idempotent(request, client, lambda: self._indienen(metadata, dossier))

    def _indienen(self, metadata: dict[str, Any], dossier: OsoAanvraag) -> Response:
        aanvraag = oso_aanvraag_indienen(client=self.client, metadata=metadata, dossier=dossier)
        response = _beantwoord(aanvraag, aanvraag.contactpersoon, statuscode=201)
        response.data["weggelaten_blokken"] = [str(t) for t in dossier.weggelaten_bloktitels]
        response.data["onleesbare_bijlagen"] = list(dossier.onleesbare_bijlagen)
        return response


def _oso_metadata(tekst: str) -> dict[str, Any]:
    try:
        data = json.loads(tekst)
    except ValueError as fout:
        raise KoppelingFout(
            "json_ongeldig", _("Het veld aanvraag bevat geen geldige JSON."), veld="aanvraag"
        ) from fout
    metadata = s.OsoMetadataSerializer(data=data)
    if not metadata.is_valid():
        raise exceptions.ValidationError({"aanvraag": metadata.errors})
    return _json(dict(metadata.validated_data))

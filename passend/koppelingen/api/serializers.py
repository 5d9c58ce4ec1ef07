"""What goes in and out of the API. Input is checked strictly (an unknown field is refused, not
ignored); the rules themselves live in the services, so every channel gets the same ones."""

from typing import Any

from django.conf import settings
from django.core.validators import ProhibitNullCharactersValidator
from rest_framework import serializers
from rest_framework.validators import ProhibitSurrogateCharactersValidator

from passend.dossiers.models import Adres, Leerling
from passend.koppelingen.models import Aanvraag

CONCEPT = "concept"


class StrikteSerializer(serializers.Serializer[Any]):
    """Refuses fields it does not know: a misspelt field would otherwise be lost silently."""

    def to_internal_value(self, data: Any) -> Any:
        if isinstance(data, dict):
            onbekend = sorted(set(data) - set(self.fields))
            if onbekend:
                raise serializers.ValidationError(
                    {
                        veld: [
                            serializers.ErrorDetail(
                                "Dit veld kent de API niet.", code="onbekend_veld"
                            )
                        ]
                        for veld in onbekend
                    }
                )
        return super().to_internal_value(data)


class AdresSerializer(StrikteSerializer):
    soort = serializers.ChoiceField(
        choices=Adres.Soort.choices, default=Adres.Soort.WOON_EN_POSTADRES
    )
    straat = serializers.CharField(max_length=200)
    huisnummer = serializers.IntegerField(min_value=1, max_value=99999)
    toevoeging = serializers.CharField(max_length=10, required=False, allow_blank=True, default="")
    postcode = serializers.CharField(max_length=10, required=False, allow_blank=True, default="")
    plaats = serializers.CharField(max_length=100)
    land = serializers.CharField(max_length=100, required=False, default="Nederland")


class LeerlingSerializer(StrikteSerializer):
    roepnaam = serializers.CharField(max_length=100)
    tussenvoegsel = serializers.CharField(
        max_length=30, required=False, allow_blank=True, default=""
    )
    achternaam = serializers.CharField(max_length=150)
    geboortedatum = serializers.DateField(help_text="jjjj-mm-dd")
    geslacht = serializers.ChoiceField(
        choices=Leerling.Geslacht.choices,
        default=Leerling.Geslacht.ONBEKEND,
        help_text="OSO-codelijst 14: 0 onbekend, 1 meisje, 2 jongen.",
    )
    ouder_emailadressen = serializers.ListField(
        child=serializers.EmailField(), max_length=6, required=False, default=list
    )
    adressen = AdresSerializer(many=True, required=False, default=list, max_length=4)


class ContactpersoonSerializer(StrikteSerializer):
    naam = serializers.CharField(max_length=200)
    email = serializers.EmailField(
        help_text="Het e-mailadres van het account van deze medewerker in Passend."
    )
    telefoon = serializers.CharField(max_length=30, required=False, allow_blank=True, default="")
    functie = serializers.CharField(max_length=100, required=False, allow_blank=True, default="")


class Base64Veld(serializers.CharField):
    """Base64 text. The strict decoder in the view refuses every character outside the base64
    alphabet (NUL and surrogates included), so DRF's two per-character scans of a CharField are
    left out: on a 10 MB file they cost more than the rest of the request (bench/intake.py)."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        alle: list[Any] = list(self.validators)  # type: ignore[has-type]
        self.validators = [
            v
            for v in alle
            if not isinstance(
                v, ProhibitNullCharactersValidator | ProhibitSurrogateCharactersValidator
            )
        ]


class BijlageInvoerSerializer(StrikteSerializer):
    bestandsnaam = serializers.CharField(max_length=255)
    inhoud = Base64Veld(
        help_text="De inhoud van het bestand, base64-gecodeerd.",
        max_length=settings.PASSEND_API_MAX_BYTES,
        trim_whitespace=False,
    )
    soort = serializers.CharField(
        max_length=60,
        required=False,
        allow_blank=True,
        default="",
        help_text="De code van de soort document (bijvoorbeeld opp), uit de lijst van het "
        "samenwerkingsverband.",
    )


class AanvraagGegevensSerializer(StrikteSerializer):
    """R11: the fields of an Esis request."""

    leerling = LeerlingSerializer()
    groep = serializers.CharField(max_length=20, required=False, allow_blank=True, default="")
    contactpersoon = ContactpersoonSerializer()
    korte_omschrijving = serializers.CharField(
        max_length=200,
        help_text="Een titel uit de lijst van het samenwerkingsverband (GET /titels/).",
    )
    zorgvraag = serializers.CharField(max_length=5000, required=False, allow_blank=True, default="")
    opp_toevoegen = serializers.BooleanField(
        default=False, help_text="Ja: een van de bijlagen is het OPP (soort opp)."
    )
    naam_toch_opslaan = serializers.BooleanField(
        default=False,
        help_text="De zorgvraag noemt de leerling met reden (anders geweigerd: "
        "naam_in_omschrijving).",
    )


class AanvraagInvoerSerializer(AanvraagGegevensSerializer):
    bijlagen = BijlageInvoerSerializer(many=True, required=False, default=list, max_length=20)
    verzenden = serializers.BooleanField(
        default=False, help_text="Ja: ‘Opslaan en verzenden’; nee: ‘Opslaan’ (concept)."
    )


class AanvraagMultipartSerializer(serializers.Serializer[Any]):
    gegevens = serializers.CharField(
        help_text="De velden van de aanvraag als JSON (zonder bijlagen)."
    )
    bijlagen = serializers.ListField(child=serializers.FileField(), required=False)
    soorten = serializers.ListField(
        child=serializers.CharField(allow_blank=True),
        required=False,
        help_text="Per bijlage, in dezelfde volgorde, de soort document.",
    )


class AanvraagWijzigenSerializer(StrikteSerializer):
    """A draft's fields may change; a sent request only gets files and is sent again."""

    leerling = LeerlingSerializer(required=False)
    groep = serializers.CharField(max_length=20, required=False, allow_blank=True)
    contactpersoon = ContactpersoonSerializer(required=False)
    korte_omschrijving = serializers.CharField(max_length=200, required=False)
    zorgvraag = serializers.CharField(max_length=5000, required=False, allow_blank=True)
    opp_toevoegen = serializers.BooleanField(required=False)
    naam_toch_opslaan = serializers.BooleanField(required=False)
    bijlagen = BijlageInvoerSerializer(many=True, required=False, default=list, max_length=20)
    verzenden = serializers.BooleanField(default=False)


class StatuswijzigingUitSerializer(serializers.Serializer[Any]):
    van = serializers.CharField(allow_null=True)
    naar = serializers.CharField()
    op = serializers.DateTimeField()
    reden = serializers.CharField(allow_blank=True)


class BijlageUitSerializer(serializers.Serializer[Any]):
    uuid = serializers.UUIDField(
        allow_null=True, help_text="Leeg zolang de aanvraag een concept is (nog niet verzonden)."
    )
    bestandsnaam = serializers.CharField()
    grootte = serializers.IntegerField()
    soort = serializers.CharField(allow_blank=True)
    toegevoegd_op = serializers.DateTimeField()


class AanvraagSerializer(serializers.Serializer[Any]):
    uuid = serializers.UUIDField()
    status = serializers.CharField(
        help_text="‘concept’, of de code van de status van de hulpvraag."
    )
    statusnaam = serializers.CharField(
        help_text="De naam van de status, zoals de school hem leest."
    )
    referentie = serializers.CharField(allow_blank=True, help_text="HV-jjjj-nnnnnn na verzenden.")
    korte_omschrijving = serializers.CharField()
    school = serializers.CharField(help_text="BRIN en vestiging.")
    versie = serializers.IntegerField()
    aangemaakt_op = serializers.DateTimeField()
    gewijzigd_op = serializers.DateTimeField()
    verzonden_op = serializers.DateTimeField(allow_null=True)
    statushistorie = StatuswijzigingUitSerializer(many=True)
    bijlagen = BijlageUitSerializer(many=True)


class AanvraagPaginaSerializer(serializers.Serializer[Any]):
    count = serializers.IntegerField(help_text="Het aantal aanvragen in totaal.")
    next = serializers.URLField(allow_null=True, help_text="De volgende pagina.")
    previous = serializers.URLField(allow_null=True, help_text="De vorige pagina.")
    results = AanvraagSerializer(many=True)


def aanvraag_weergave(aanvraag: Aanvraag, *, met_details: bool = True) -> dict[str, Any]:
    """The representation, from rows the view read (see selectors)."""
    hulpvraag = aanvraag.hulpvraag
    gegevens: dict[str, Any] = {
        "uuid": aanvraag.uuid,
        "school": aanvraag.school.code,
        "versie": aanvraag.versie,
        "aangemaakt_op": aanvraag.aangemaakt_op,
        "gewijzigd_op": aanvraag.gewijzigd_op,
        "verzonden_op": aanvraag.verzonden_op,
        "statushistorie": [],
        "bijlagen": [],
    }
    if hulpvraag is None:
        gegevens |= {
            "status": CONCEPT,
            "statusnaam": "Concept",
            "referentie": "",
            "korte_omschrijving": aanvraag.gegevens.get("korte_omschrijving", ""),
        }
        if met_details:
            gegevens["bijlagen"] = [
                {
                    "uuid": None,
                    "bestandsnaam": b.bestandsnaam,
                    "grootte": b.grootte,
                    "soort": b.documenttype.code if b.documenttype else "",
                    "toegevoegd_op": b.toegevoegd_op,
                }
                for b in aanvraag.conceptbijlagen.select_related("documenttype")
            ]
        return gegevens
    gegevens |= {
        "status": hulpvraag.status.code,
        "statusnaam": hulpvraag.status.naam,
        "referentie": hulpvraag.referentie,
        "korte_omschrijving": hulpvraag.titel.naam,
    }
    if met_details:
        gegevens["statushistorie"] = [
            {
                "van": w.van.naam if w.van else None,
                "naar": w.naar.naam,
                "op": w.op,
                "reden": w.reden,
            }
            for w in hulpvraag.statuswijzigingen.select_related("van", "naar").order_by("op", "pk")
        ]
        gegevens["bijlagen"] = [
            {
                "uuid": b.uuid,
                "bestandsnaam": b.bestandsnaam,
                "grootte": b.grootte,
                "soort": b.documenttype.code if b.documenttype else "",
                "toegevoegd_op": b.toegevoegd_op,
            }
            for b in hulpvraag.bijlagen.select_related("documenttype").order_by(
                "toegevoegd_op", "pk"
            )
        ]
    return gegevens


class TitelSerializer(serializers.Serializer[Any]):
    naam = serializers.CharField()
    proces = serializers.CharField()


class LijstfilterSerializer(StrikteSerializer):
    status = serializers.CharField(max_length=60, required=False)
    gewijzigd_vanaf = serializers.DateField(required=False)
    gewijzigd_tot = serializers.DateField(required=False)
    pagina = serializers.IntegerField(min_value=1, required=False)
    per_pagina = serializers.IntegerField(min_value=1, max_value=200, required=False)

    def to_internal_value(self, data: Any) -> Any:
        # DRF reads an empty query parameter as an absent one; a date or number that is empty
        # is neither, so it is refused as the document says (found by schemathesis).
        leeg = [
            veld
            for veld in ("gewijzigd_vanaf", "gewijzigd_tot", "pagina", "per_pagina")
            if hasattr(data, "get") and data.get(veld) == ""
        ]
        if leeg:
            raise serializers.ValidationError(
                {
                    veld: [
                        serializers.ErrorDetail(
                            "Geef een waarde, of laat deze parameter weg.", code="leeg"
                        )
                    ]
                    for veld in leeg
                }
            )
        return super().to_internal_value(data)


class OsoMetadataSerializer(StrikteSerializer):
    """R6: what the school fills in in ParnasSys beside the data blocks."""

    samenwerkingsverband = serializers.CharField(max_length=6, help_text="Bijvoorbeeld PO2806.")
    aanvraagtype = serializers.CharField(max_length=200)
    datum = serializers.DateField()
    omschrijving = serializers.CharField(
        max_length=5000, required=False, allow_blank=True, default=""
    )
    contactpersoon = ContactpersoonSerializer()
    aanleverpunt = serializers.CharField(
        max_length=20, required=False, allow_blank=True, default=""
    )
    naam_toch_opslaan = serializers.BooleanField(default=False)


class OsoInvoerSerializer(serializers.Serializer[Any]):
    aanvraag = serializers.CharField(help_text="De velden van OsoMetadata als JSON.")
    dossier = serializers.FileField(help_text="Het OSO PaO-dossier (XML).")


class OsoAanvraagSerializer(AanvraagSerializer):
    weggelaten_blokken = serializers.ListField(
        child=serializers.CharField(),
        help_text="De gegevensblokken die het samenwerkingsverband niet bewaart: niet opgeslagen.",
    )
    onleesbare_bijlagen = serializers.ListField(
        child=serializers.CharField(),
        help_text="Bijlagen die niet te lezen waren (kapot ZIP-bestand): niet opgeslagen.",
    )

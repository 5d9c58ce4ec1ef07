"""The pupil's dossier at the SWV: basisgegevens, addresses and schoolgegevens (R14, R15).

No BSN or onderwijsnummer is stored (ARCHITECTURE.md rule 7; the OSO SWV profile forbids them).
"""

import uuid
from collections.abc import Collection
from datetime import date

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_stubs_ext import StrOrPromise

from passend.accounts.models import Gebruiker
from passend.core.normalize import normaliseer_tekst, normalize_postcode, zoeksleutel
from passend.core.validators import postcode_validator, telefoon_validator
from passend.dossiers.query import LeerlingQuerySet, SchoolgegevensQuerySet
from passend.organisaties.models import Samenwerkingsverband, School

OUDSTE_LEEFTIJD = 25  # pupils in primary and secondary education, with room for VSO

# How the Netherlands is written in Land: these get the Dutch postcode rules.
NEDERLAND = frozenset({"nederland", "nl", "nld", "netherlands", "the netherlands", "holland"})


def naam_samenstellen(*delen: str) -> str:
    return " ".join(deel for deel in delen if deel)


class Leerling(models.Model):
    class Geslacht(models.IntegerChoices):
        # The codes of OSO codelist 14, so an intake maps one to one.
        ONBEKEND = 0, _("Onbekend")
        VROUW = 1, _("Meisje")
        MAN = 2, _("Jongen")

    # For references outside Passend (the API, a school's system): never the integer id.
    uuid = models.UUIDField(_("UUID"), default=uuid.uuid4, unique=True, editable=False)
    swv = models.ForeignKey(
        Samenwerkingsverband,
        on_delete=models.PROTECT,
        related_name="leerlingen",
        verbose_name=_("samenwerkingsverband"),
    )
    roepnaam = models.CharField(_("Roepnaam"), max_length=100)
    tussenvoegsel = models.CharField(
        _("Tussenvoegsel"),
        max_length=30,
        blank=True,
        help_text=_("Alleen bij een duidelijk tussenvoegsel zoals ‘van’, ‘van der’ of ‘ten’."),
    )
    achternaam = models.CharField(_("Achternaam"), max_length=150)
    geboortedatum = models.DateField(_("Geboortedatum"))
    geslacht = models.PositiveSmallIntegerField(
        _("Geslacht"), choices=Geslacht.choices, default=Geslacht.ONBEKEND
    )
    ouder_emailadressen = models.TextField(
        _("E-mailadressen ouders/verzorgers"),
        blank=True,
        help_text=_(
            "Eén per regel. Vul ze in overleg met de ouders in, zodat het samenwerkingsverband "
            "hun inzage kan geven."
        ),
    )
    # The full name normalised, in lower case without accents (`zoeksleutel`), kept in step on
    # save, for searching.
    zoeknaam = models.CharField(max_length=300, editable=False, db_index=True)
    aangemaakt_door = models.ForeignKey(
        Gebruiker,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("aangemaakt door"),
    )
    aangemaakt_op = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)

    objects = LeerlingQuerySet.as_manager()

    class Meta:
        verbose_name = _("leerling")
        verbose_name_plural = _("leerlingen")
        ordering = ["achternaam", "roepnaam"]
        indexes = [models.Index(fields=["swv", "achternaam"], name="leerling_swv_achternaam")]

    def __str__(self) -> str:
        return self.volledige_naam

    def save(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        self.zoeknaam = zoeksleutel(self.volledige_naam)
        super().save(*args, **kwargs)

    @property
    def volledige_naam(self) -> str:
        return naam_samenstellen(self.roepnaam, self.tussenvoegsel, self.achternaam)

    @property
    def ouder_emailadressen_lijst(self) -> list[str]:
        return self.ouder_emailadressen.split()

    def clean_fields(self, exclude: Collection[str] | None = None) -> None:
        for veld in ("roepnaam", "tussenvoegsel", "achternaam"):
            setattr(self, veld, normaliseer_tekst(getattr(self, veld)))
        adressen = self.ouder_emailadressen.replace(",", " ").replace(";", " ").split()
        self.ouder_emailadressen = "\n".join(dict.fromkeys(a.lower() for a in adressen))
        super().clean_fields(exclude)

    def clean(self) -> None:
        fouten: dict[str, StrOrPromise] = {}
        if isinstance(self.geboortedatum, date):
            vandaag = timezone.localdate()
            if self.geboortedatum > vandaag:
                fouten["geboortedatum"] = _("De geboortedatum ligt in de toekomst.")
            elif self.geboortedatum.year < vandaag.year - OUDSTE_LEEFTIJD:
                fouten["geboortedatum"] = _(
                    "Deze leerling zou ouder zijn dan %(jaar)d jaar; controleer het geboortejaar."
                ) % {"jaar": OUDSTE_LEEFTIJD}
        for adres in self.ouder_emailadressen_lijst:
            try:
                validate_email(adres)
            except ValidationError:
                fouten["ouder_emailadressen"] = _(
                    "‘%(adres)s’ is geen geldig e-mailadres. Zet elk adres op een eigen regel."
                ) % {"adres": adres}
                break
        if fouten:
            raise ValidationError(fouten)


class Adres(models.Model):
    class Soort(models.TextChoices):
        WOONADRES = "woonadres", _("Woonadres")
        POSTADRES = "postadres", _("Postadres")
        WOON_EN_POSTADRES = "woon_en_postadres", _("Woon- én postadres")

    leerling = models.ForeignKey(
        Leerling, on_delete=models.CASCADE, related_name="adressen", verbose_name=_("leerling")
    )
    soort = models.CharField(
        _("Soort adres"), max_length=20, choices=Soort.choices, default=Soort.WOON_EN_POSTADRES
    )
    straat = models.CharField(_("Straat"), max_length=200)
    huisnummer = models.PositiveIntegerField(_("Huisnummer"))
    toevoeging = models.CharField(_("Toevoeging"), max_length=10, blank=True)
    postcode = models.CharField(_("Postcode"), max_length=10, blank=True)
    plaats = models.CharField(_("Plaats"), max_length=100)
    land = models.CharField(_("Land"), max_length=100, default="Nederland")
    opmerkingen = models.TextField(
        _("Opmerkingen"),
        blank=True,
        help_text=_("Bijvoorbeeld van wie dit adres is, zoals een voogd."),
    )

    class Meta:
        verbose_name = _("adres")
        verbose_name_plural = _("adressen")
        ordering = ["leerling", "pk"]

    def __str__(self) -> str:
        return f"{self.straat} {self.huisnummer}{self.toevoeging}, {self.postcode} {self.plaats}"

    @property
    def in_nederland(self) -> bool:
        return normaliseer_tekst(self.land).casefold() in NEDERLAND

    def clean_fields(self, exclude: Collection[str] | None = None) -> None:
        if self.in_nederland:
            self.postcode = normalize_postcode(self.postcode)
        super().clean_fields(exclude)

    def clean(self) -> None:
        fouten: dict[str, StrOrPromise | list[str]] = {}
        if isinstance(self.huisnummer, int) and self.huisnummer < 1:
            fouten["huisnummer"] = _(
                "Vul een huisnummer van 1 of hoger in; een letter hoort bij Toevoeging."
            )
        # A Dutch address has a Dutch postcode; a foreign one keeps that country's own (or
        # none): no format is imposed on it.
        if self.in_nederland:
            if not self.postcode:
                fouten["postcode"] = _(
                    "Vul de postcode in, zoals 3011 AB. Is het adres buiten Nederland? Vul dan "
                    "bij Land het land in; de postcode mag dan leeg blijven."
                )
            else:
                try:
                    postcode_validator(self.postcode)
                except ValidationError as fout:
                    fouten["postcode"] = fout.messages
        if fouten:
            raise ValidationError(fouten)


class Schoolgegevens(models.Model):
    """The pupil's school for this request, and the school's contact for it (R15, R46)."""

    leerling = models.ForeignKey(
        Leerling,
        on_delete=models.CASCADE,
        related_name="schoolgegevens",
        verbose_name=_("leerling"),
    )
    school = models.ForeignKey(
        School, on_delete=models.PROTECT, related_name="+", verbose_name=_("School")
    )
    groep = models.CharField(
        _("Groep"), max_length=20, blank=True, help_text=_("Bijvoorbeeld 5, 7/8 of S.")
    )
    sinds = models.DateField(_("Op deze school sinds"), null=True, blank=True)
    aanvrager = models.ForeignKey(
        Gebruiker,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("Aanvrager"),
        help_text=_("Ontvangt de e-mails bij statuswijzigingen."),
    )
    contactpersoon = models.CharField(_("Contactpersoon"), max_length=200)
    email = models.EmailField(_("E-mailadres"))
    telefoon = models.CharField(
        _("Telefoon"),
        max_length=20,
        blank=True,
        validators=[telefoon_validator],
        help_text=_("Een zakelijk nummer; geen privénummer."),
    )
    aangemaakt_op = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)

    objects = SchoolgegevensQuerySet.as_manager()

    class Meta:
        verbose_name = _("schoolgegevens")
        verbose_name_plural = _("schoolgegevens")
        ordering = ["leerling", "-aangemaakt_op"]

    def __str__(self) -> str:
        return f"{self.school.naam} ({self.school.code}) ({self.contactpersoon})"

    def clean(self) -> None:
        fouten = {}
        if self.leerling_id and self.school_id and self.school.swv_id != self.leerling.swv_id:
            fouten["school"] = _("Kies een school van dit samenwerkingsverband.")
        if self.aanvrager_id and self.leerling_id and self.aanvrager.swv_id != self.leerling.swv_id:
            fouten["aanvrager"] = _("Kies een account van dit samenwerkingsverband.")
        if self.sinds and self.sinds > timezone.localdate():
            fouten["sinds"] = _("Deze datum ligt in de toekomst.")
        if fouten:
            raise ValidationError(fouten)

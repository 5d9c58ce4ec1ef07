"""Processes as data, per SWV: which titles exist, where a hulpvraag starts, who may move it on.

Modelled on Open Zaak's Catalogi (ZaakType, StatusType), not on a hard-coded dict of allowed
changes: an application administrator changes a process on SWV-beheer's screens, not in code.
"""

from collections.abc import Collection
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from passend.accounts.models import Rol
from passend.core.normalize import code_uit_naam
from passend.organisaties.models import Regio, Samenwerkingsverband
from passend.processen.voorwaarden import voorwaarde


class MetCode(models.Model):
    """A row known by a stable `code` that presets, transitions, conditions and the API refer
    to; renaming its `naam` changes nothing else. Left empty, the code is made from the name."""

    code = models.SlugField(
        _("code"),
        max_length=60,
        blank=True,
        help_text=_(
            "Vaste sleutel; verandert niet als de naam verandert. Leeg: gemaakt uit de naam."
        ),
    )
    naam: str

    class Meta:
        abstract = True

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.code = self.code or code_uit_naam(self.naam)
        super().save(*args, **kwargs)

    def clean_fields(self, exclude: Collection[str] | None = None) -> None:
        self.code = self.code or code_uit_naam(self.naam)
        super().clean_fields(exclude)


class Proces(models.Model):
    swv = models.ForeignKey(
        Samenwerkingsverband,
        on_delete=models.PROTECT,
        related_name="processen",
        verbose_name=_("samenwerkingsverband"),
    )
    code = models.SlugField(_("code"), max_length=50)
    naam = models.CharField(_("naam"), max_length=100)
    behandelende_rol = models.ForeignKey(
        Rol,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("behandelende functie"),
        help_text=_(
            "De functie binnen het samenwerkingsverband die hulpvragen van dit proces zonder "
            "coördinator oppakt (bijvoorbeeld de TLV-administratie voor TLV's)."
        ),
    )

    class Meta:
        verbose_name = _("proces")
        verbose_name_plural = _("processen")
        ordering = ["swv", "naam"]
        constraints = [
            models.UniqueConstraint(fields=["swv", "code"], name="proces_code_uniek_per_swv")
        ]

    def __str__(self) -> str:
        return str(self.naam)


class Status(MetCode):
    proces = models.ForeignKey(
        Proces, on_delete=models.CASCADE, related_name="statussen", verbose_name=_("proces")
    )
    naam = models.CharField(_("naam"), max_length=100)
    volgorde = models.PositiveSmallIntegerField(
        _("volgorde"), default=0, help_text=_("Hoe ver het proces is; lager komt eerder.")
    )
    zichtbaar_voor_swv = models.BooleanField(
        _("zichtbaar voor het samenwerkingsverband"),
        default=True,
        help_text=_(
            "Uit voor een status waarin de school de hulpvraag nog voorbereidt; alleen "
            "applicatiebeheerders van het SWV zien hem dan."
        ),
    )
    school_moet_actie_ondernemen = models.BooleanField(
        _("school moet actie ondernemen"), default=False
    )
    eindstatus = models.BooleanField(_("eindstatus"), default=False)
    reden_verplicht = models.BooleanField(
        _("reden verplicht"),
        default=False,
        help_text=_("Wie deze status kiest, moet een reden geven; die gaat mee in de e-mail."),
    )
    instructie = models.TextField(
        _("instructie"),
        blank=True,
        help_text=_("Wat de school nu moet doen; staat in de e-mail bij deze statuswijziging."),
    )
    telt_als_thuiszitter = models.BooleanField(
        _("telt als thuiszitter"),
        default=False,
        help_text=_(
            "Aan voor de status waarin een leerling als thuiszitter geregistreerd staat zonder "
            "oplossing; het Managementoverzicht telt hulpvragen in deze status."
        ),
    )

    class Meta:
        verbose_name = _("status")
        verbose_name_plural = _("statussen")
        ordering = ["proces", "volgorde", "naam"]
        constraints = [
            models.UniqueConstraint(fields=["proces", "naam"], name="status_naam_uniek_per_proces"),
            models.UniqueConstraint(fields=["proces", "code"], name="status_code_uniek_per_proces"),
        ]

    def __str__(self) -> str:
        return str(self.naam)


class Statusovergang(models.Model):
    """One allowed change of status, and the roles that may make it."""

    proces = models.ForeignKey(
        Proces, on_delete=models.CASCADE, related_name="overgangen", verbose_name=_("proces")
    )
    van = models.ForeignKey(
        Status, on_delete=models.CASCADE, related_name="overgangen_van", verbose_name=_("van")
    )
    naar = models.ForeignKey(
        Status, on_delete=models.CASCADE, related_name="overgangen_naar", verbose_name=_("naar")
    )
    rollen = models.ManyToManyField(Rol, related_name="+", verbose_name=_("rollen"))
    voorwaarden = models.JSONField(
        _("voorwaarden"),
        default=list,
        blank=True,
        help_text=_("Codes van voorwaarden die moeten gelden voordat deze overgang kan."),
    )

    class Meta:
        verbose_name = _("statusovergang")
        verbose_name_plural = _("statusovergangen")
        ordering = ["proces", "van__volgorde", "naar__volgorde"]
        constraints = [models.UniqueConstraint(fields=["van", "naar"], name="statusovergang_uniek")]

    def __str__(self) -> str:
        return f"{self.van} → {self.naar}"

    def clean(self) -> None:
        if self.van_id and self.naar_id:
            if self.van_id == self.naar_id:
                raise ValidationError(_("Een overgang gaat naar een andere status."))
            if {self.van.proces_id, self.naar.proces_id} != {self.proces_id}:
                raise ValidationError(_("Beide statussen horen bij het proces van de overgang."))
        onbekend = [code for code in self.voorwaarden or [] if voorwaarde(code) is None]
        if not isinstance(self.voorwaarden, list) or onbekend:
            raise ValidationError(
                {"voorwaarden": _("Onbekende voorwaarde: %(codes)s.") % {"codes": onbekend}}
            )


class Hulpvraagtitel(MetCode):
    """The kind of request a school picks from the list (R16), e.g. "TLV -Nieuw". The school
    systems (Esis, OSO) send the title; the API and presets know it by `code`."""

    class Coordinatortoewijzing(models.TextChoices):
        SCHOOLCONTACTPERSOON = "schoolcontactpersoon", _("de schoolcontactpersoon van de school")
        GEEN = "geen", _("niemand: het SWV wijst toe")

    swv = models.ForeignKey(
        Samenwerkingsverband,
        on_delete=models.PROTECT,
        related_name="hulpvraagtitels",
        verbose_name=_("samenwerkingsverband"),
    )
    naam = models.CharField(_("naam"), max_length=150)
    proces = models.ForeignKey(
        Proces, on_delete=models.PROTECT, related_name="titels", verbose_name=_("proces")
    )
    beginstatus = models.ForeignKey(
        Status, on_delete=models.PROTECT, related_name="+", verbose_name=_("beginstatus")
    )
    alleen_voor_regios = models.ManyToManyField(
        Regio,
        blank=True,
        related_name="+",
        verbose_name=_("alleen voor regio's"),
        help_text=_("Leeg: voor scholen uit elke regio."),
    )
    niet_voor_regios = models.ManyToManyField(
        Regio, blank=True, related_name="+", verbose_name=_("niet voor regio's")
    )
    alternatief = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("alternatief"),
        help_text=_("De titel die een school gebruikt waar deze niet mag; de melding noemt hem."),
    )
    coordinatortoewijzing = models.CharField(
        _("coördinator automatisch"),
        max_length=30,
        choices=Coordinatortoewijzing.choices,
        default=Coordinatortoewijzing.SCHOOLCONTACTPERSOON,
    )
    actief = models.BooleanField(_("actief"), default=True)
    volgorde = models.PositiveSmallIntegerField(_("volgorde in de lijst"), default=0)

    class Meta:
        verbose_name = _("hulpvraagtitel")
        verbose_name_plural = _("hulpvraagtitels")
        ordering = ["swv", "volgorde", "naam"]
        constraints = [
            models.UniqueConstraint(fields=["swv", "naam"], name="hulpvraagtitel_uniek_per_swv"),
            models.UniqueConstraint(
                fields=["swv", "code"], name="hulpvraagtitel_code_uniek_per_swv"
            ),
        ]

    def __str__(self) -> str:
        return str(self.naam)

    def clean(self) -> None:
        if self.proces_id and self.beginstatus_id and self.beginstatus.proces_id != self.proces_id:
            raise ValidationError({"beginstatus": _("Kies een status van het gekozen proces.")})
        if self.proces_id and self.swv_id and self.proces.swv_id != self.swv_id:
            raise ValidationError({"proces": _("Kies een proces van dit samenwerkingsverband.")})

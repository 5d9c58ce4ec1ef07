"""Attachments of a hulpvraag (R2, R17, R52), the ones waiting for the user's answer to a
warning (R3, R4), and the record of every removal.

The file itself lives in the "bijlagen" storage (settings.STORAGES) under `opslagnaam`, a random
name: never the user's. A stored file that no row names is an orphan, which
`manage.py bijlagen_opruimen` removes once it is older than an upload can take.
"""

import uuid

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from passend.accounts.models import Gebruiker
from passend.core.kanalen import Kanaal
from passend.core.models import AlleenToevoegen, AlleenToevoegenMixin
from passend.hulpvragen.models import Hulpvraag
from passend.hulpvragen.query import ViaHulpvraagQuerySet
from passend.organisaties.models import Samenwerkingsverband

STANDAARD_MAX_MB = 10


class Bijlageinstellingen(models.Model):
    """An SWV's settings for attachments; an SWV without a row has the defaults."""

    swv = models.OneToOneField(
        Samenwerkingsverband,
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="+",
        verbose_name=_("samenwerkingsverband"),
    )
    max_bijlage_mb = models.PositiveSmallIntegerField(
        _("grootste bijlage (MB)"),
        default=STANDAARD_MAX_MB,
        validators=[MinValueValidator(1), MaxValueValidator(100)],
        help_text=_("Een bijlage mag hoogstens zo groot zijn (R3); standaard 10 MB."),
    )

    class Meta:
        verbose_name = _("instellingen voor bijlagen")
        verbose_name_plural = _("instellingen voor bijlagen")

    def __str__(self) -> str:
        return str(_("Bijlagen"))

    @property
    def max_bijlage_bytes(self) -> int:
        return int(self.max_bijlage_mb) * 1024 * 1024


class GecontroleerdeInhoud(models.Model):
    """What the checks found out about a stored file; shared by both kinds of row."""

    bestandsnaam = models.CharField(_("Bestandsnaam"), max_length=255)
    opslagnaam = models.CharField(_("opslagnaam"), max_length=64, unique=True, editable=False)
    soort = models.CharField(_("soort"), max_length=10)
    mime = models.CharField(_("MIME-type"), max_length=100)
    inline_tonen = models.BooleanField(_("in de browser te openen"))
    grootte = models.PositiveBigIntegerField(_("grootte in bytes"))
    sha256 = models.CharField(_("SHA-256"), max_length=64)

    class Meta:
        abstract = True


class Documenttype(models.Model):
    """What kind of document an attachment is (OPP, deskundigenadvies, ...), chosen at upload:
    per SWV as data, so a transition can require one (issue 12: "an OPP is attached")."""

    swv = models.ForeignKey(
        Samenwerkingsverband,
        on_delete=models.PROTECT,
        related_name="documenttypes",
        verbose_name=_("samenwerkingsverband"),
    )
    code = models.SlugField(_("code"), max_length=60)
    naam = models.CharField(_("naam"), max_length=100)
    volgorde = models.PositiveSmallIntegerField(_("volgorde in de lijst"), default=0)
    actief = models.BooleanField(_("actief"), default=True)

    class Meta:
        verbose_name = _("soort document")
        verbose_name_plural = _("soorten documenten")
        ordering = ["swv", "volgorde", "naam"]
        constraints = [
            models.UniqueConstraint(fields=["swv", "code"], name="documenttype_code_uniek_per_swv")
        ]

    def __str__(self) -> str:
        return str(self.naam)


class Bijlage(GecontroleerdeInhoud):
    # For references outside Passend (the API, a school's system): never the integer id.
    uuid = models.UUIDField(_("UUID"), default=uuid.uuid4, unique=True, editable=False)
    hulpvraag = models.ForeignKey(
        Hulpvraag, on_delete=models.PROTECT, related_name="bijlagen", verbose_name=_("hulpvraag")
    )
    toegevoegd_op = models.DateTimeField(_("Toegevoegd op"), default=timezone.now)
    toegevoegd_door = models.ForeignKey(
        Gebruiker,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("Toegevoegd door"),
    )
    bron = models.CharField(_("bron"), max_length=10, choices=Kanaal.choices, default=Kanaal.WEB)
    documenttype = models.ForeignKey(
        Documenttype,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("Soort document"),
    )

    objects = ViaHulpvraagQuerySet.as_manager()

    class Meta:
        verbose_name = _("bijlage")
        verbose_name_plural = _("bijlagen")
        ordering = ["-toegevoegd_op", "-pk"]
        constraints = [
            # R4: one copy of the same content per hulpvraag; the service names the existing
            # file, this constraint holds when two uploads race.
            models.UniqueConstraint(
                fields=["hulpvraag", "sha256"], name="bijlage_inhoud_eenmaal_per_hulpvraag"
            )
        ]
        indexes = [models.Index(fields=["hulpvraag", "-toegevoegd_op"], name="bijlage_lijst")]

    def __str__(self) -> str:
        return str(self.bestandsnaam)


class WachtendeBijlage(GecontroleerdeInhoud):
    """A file that passed the checks and waits for its uploader to answer a warning: rename a
    meaningless name (R4), accept a smaller copy of a scanned PDF (R3), or say what kind of
    document it is. Kept so the answer
    needs no second upload; gone once answered or after settings.PASSEND_BIJLAGE_BEDENKTIJD."""

    hulpvraag = models.ForeignKey(
        Hulpvraag, on_delete=models.CASCADE, related_name="+", verbose_name=_("hulpvraag")
    )
    gebruiker = models.ForeignKey(
        Gebruiker, on_delete=models.CASCADE, related_name="+", verbose_name=_("gebruiker")
    )
    bron = models.CharField(_("bron"), max_length=10, choices=Kanaal.choices, default=Kanaal.WEB)
    naam_betekenisloos = models.BooleanField(_("naam zegt niet wat erin staat"), default=False)
    # Empty when the uploader chose no kind of document yet: the answer asks for it.
    documenttype = models.ForeignKey(
        Documenttype,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("Soort document"),
    )
    # Set when this is a downsampled copy of a scanned PDF that was over the limit.
    oorspronkelijke_grootte = models.PositiveBigIntegerField(
        _("oorspronkelijke grootte in bytes"), null=True, blank=True
    )
    aangeboden_op = models.DateTimeField(_("aangeboden op"), default=timezone.now)
    verloopt_op = models.DateTimeField(_("verloopt op"), db_index=True)

    class Meta:
        verbose_name = _("wachtende bijlage")
        verbose_name_plural = _("wachtende bijlagen")
        ordering = ["aangeboden_op", "pk"]

    def __str__(self) -> str:
        return str(self.bestandsnaam)


class BijlageverwijderingQuerySet(AlleenToevoegenMixin, ViaHulpvraagQuerySet):
    pass


class Bijlageverwijdering(AlleenToevoegen):
    """Who removed which attachment of a hulpvraag, when and why (R49 beyond: removal is logged).
    Plain values instead of a key to the attachment: the row outlives it."""

    hulpvraag = models.ForeignKey(
        Hulpvraag, on_delete=models.PROTECT, related_name="+", verbose_name=_("hulpvraag")
    )
    bijlage_id = models.BigIntegerField(_("bijlage"))
    bestandsnaam = models.CharField(_("Bestandsnaam"), max_length=255)
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    grootte = models.PositiveBigIntegerField(_("grootte in bytes"))
    toegevoegd_op = models.DateTimeField(_("Toegevoegd op"))
    toegevoegd_door_id = models.BigIntegerField(_("toegevoegd door"), null=True)
    verwijderd_op = models.DateTimeField(_("verwijderd op"), default=timezone.now)
    verwijderd_door = models.ForeignKey(
        Gebruiker, on_delete=models.PROTECT, related_name="+", verbose_name=_("verwijderd door")
    )
    reden = models.TextField(_("Reden"), blank=True)
    # The SWV could see the hulpvraag or had opened the file: it keeps seeing the removal.
    zichtbaar_voor_swv = models.BooleanField(
        _("zichtbaar voor het samenwerkingsverband"), default=False
    )

    objects = BijlageverwijderingQuerySet.as_manager()

    class Meta:
        verbose_name = _("verwijderde bijlage")
        verbose_name_plural = _("verwijderde bijlagen")
        ordering = ["-verwijderd_op", "-pk"]

    def __str__(self) -> str:
        return f"{self.bestandsnaam} ({self.verwijderd_op:%d-%m-%Y})"

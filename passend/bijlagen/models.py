"""Attachments of a hulpvraag (R2, R17, R52), the ones waiting for the user's answer to a
warning (R3, R4), and the record of every removal.

The file itself lives in the "bijlagen" storage (settings.STORAGES) under `opslagnaam`, a random
name: never the user's. A stored file that no row names is an orphan, which
`manage.py bijlagen_opruimen` removes once it is older than an upload can take.
"""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from passend.accounts.models import Gebruiker
from passend.hulpvragen.models import Hulpvraag


class AlleenToevoegenError(Exception):
    """A removal record is appended, never changed (ARCHITECTURE.md rule 4)."""


class Bron(models.TextChoices):
    """The channel a file came in through; every channel runs the same checks (R2)."""

    WEB = "web", _("Passend")
    ESIS = "esis", _("Esis")
    OSO = "oso", _("OSO (ParnasSys en andere)")


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


class Bijlage(GecontroleerdeInhoud):
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
    bron = models.CharField(_("bron"), max_length=10, choices=Bron.choices, default=Bron.WEB)

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
    meaningless name (R4), or accept a smaller copy of a scanned PDF (R3). Kept so the answer
    needs no second upload; gone once answered or after settings.PASSEND_BIJLAGE_BEDENKTIJD."""

    hulpvraag = models.ForeignKey(
        Hulpvraag, on_delete=models.CASCADE, related_name="+", verbose_name=_("hulpvraag")
    )
    gebruiker = models.ForeignKey(
        Gebruiker, on_delete=models.CASCADE, related_name="+", verbose_name=_("gebruiker")
    )
    bron = models.CharField(_("bron"), max_length=10, choices=Bron.choices, default=Bron.WEB)
    naam_betekenisloos = models.BooleanField(_("naam zegt niet wat erin staat"), default=False)
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


class Bijlageverwijdering(models.Model):
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

    class Meta:
        verbose_name = _("verwijderde bijlage")
        verbose_name_plural = _("verwijderde bijlagen")
        ordering = ["-verwijderd_op", "-pk"]

    def __str__(self) -> str:
        return f"{self.bestandsnaam} ({self.verwijderd_op:%d-%m-%Y})"

    def save(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        if self.pk is not None:
            raise AlleenToevoegenError("Een verwijderde bijlage blijft zoals vastgelegd.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        raise AlleenToevoegenError("Het verwijderlog wordt nooit ingekort.")

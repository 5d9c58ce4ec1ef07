"""The overlegronde (R36-R40): a time-limited exchange about one hulpvraag between the school
and participants it chose, among them external accounts (a youth-care worker, a speech
therapist). Content is reachable for a participant only until the einddatum inzage, checked on
every request (`selectors/query.py`); the school that owns the hulpvraag keeps it.

Reactions' attachments are stored in the "bijlagen" storage under a random name, after the same
checks as an attachment of a hulpvraag; the files the initiator shares are links to the
hulpvraag's own attachments, never copies.
"""

from datetime import date

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from passend.accounts.models import Gebruiker
from passend.bijlagen.models import Bijlage, GecontroleerdeInhoud
from passend.hulpvragen.models import Hulpvraag
from passend.organisaties.models import Samenwerkingsverband
from passend.overlegrondes.query import OverlegrondeQuerySet, ViaOverlegrondeQuerySet

STANDAARD_DEACTIVEREN_NA_DAGEN = 90


class Overlegrondeinstellingen(models.Model):
    """An SWV's settings for overlegrondes; an SWV without a row has the defaults."""

    swv = models.OneToOneField(
        Samenwerkingsverband,
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="+",
        verbose_name=_("samenwerkingsverband"),
    )
    deactiveren_na_dagen = models.PositiveSmallIntegerField(
        _("externe accounts uitzetten na (dagen)"),
        default=STANDAARD_DEACTIVEREN_NA_DAGEN,
        validators=[MinValueValidator(7), MaxValueValidator(730)],
        help_text=_(
            "Een account van een externe deelnemer zonder lopende overlegronde wordt na zoveel "
            "dagen uitgezet; standaard 90."
        ),
    )

    class Meta:
        verbose_name = _("instellingen voor overlegrondes")
        verbose_name_plural = _("instellingen voor overlegrondes")

    def __str__(self) -> str:
        return str(_("Overlegrondes"))


class Overlegronde(models.Model):
    swv = models.ForeignKey(
        Samenwerkingsverband,
        on_delete=models.PROTECT,
        related_name="overlegrondes",
        verbose_name=_("samenwerkingsverband"),
    )
    hulpvraag = models.ForeignKey(
        Hulpvraag,
        on_delete=models.PROTECT,
        related_name="overlegrondes",
        verbose_name=_("Hulpvraag"),
    )
    onderwerp = models.CharField(_("Onderwerp"), max_length=200)
    omschrijving = models.TextField(_("Omschrijving"))
    einddatum_reacties = models.DateField(_("Einddatum reacties"))
    einddatum_inzage = models.DateField(_("Einddatum inzage"))
    gedeelde_bijlagen = models.ManyToManyField(
        Bijlage, blank=True, related_name="+", verbose_name=_("Gedeelde bijlagen")
    )
    aangemaakt_door = models.ForeignKey(
        Gebruiker, on_delete=models.PROTECT, related_name="+", verbose_name=_("Gestart door")
    )
    aangemaakt_op = models.DateTimeField(_("aangemaakt op"), default=timezone.now)
    gesloten_op = models.DateTimeField(_("gesloten op"), null=True, blank=True)

    objects = OverlegrondeQuerySet.as_manager()

    class Meta:
        verbose_name = _("overlegronde")
        verbose_name_plural = _("overlegrondes")
        ordering = ["-aangemaakt_op", "-pk"]
        indexes = [models.Index(fields=["swv", "einddatum_inzage"], name="overlegronde_swv_inzage")]

    def __str__(self) -> str:
        return f"{self.referentie} {self.onderwerp}"

    @property
    def referentie(self) -> str:
        """The number mails and logs name (P3): never the onderwerp."""
        return f"OR-{self.pk:06d}"

    @property
    def einde_inzage(self) -> date:
        """The last day of inzage: the einddatum, or the day it was closed early."""
        if self.gesloten_op is not None:
            return min(self.einddatum_inzage, timezone.localdate(self.gesloten_op))
        return self.einddatum_inzage

    @property
    def inzage_verlopen(self) -> bool:
        if self.gesloten_op is not None:
            return True
        return timezone.localdate() > self.einddatum_inzage

    @property
    def reacties_open(self) -> bool:
        return not self.inzage_verlopen and timezone.localdate() <= self.einddatum_reacties


class Deelnemer(models.Model):
    overlegronde = models.ForeignKey(
        Overlegronde, on_delete=models.CASCADE, related_name="deelnemers"
    )
    gebruiker = models.ForeignKey(
        Gebruiker, on_delete=models.PROTECT, related_name="deelnames", verbose_name=_("deelnemer")
    )
    specialisme = models.CharField(_("Specialisme"), max_length=100, blank=True)
    toegevoegd_op = models.DateTimeField(_("toegevoegd op"), default=timezone.now)

    objects = ViaOverlegrondeQuerySet.as_manager()

    class Meta:
        verbose_name = _("deelnemer")
        verbose_name_plural = _("deelnemers")
        ordering = ["gebruiker__achternaam", "gebruiker__voornaam", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["overlegronde", "gebruiker"], name="deelnemer_eenmaal_per_overlegronde"
            )
        ]

    def __str__(self) -> str:
        return f"{self.overlegronde_id}: {self.gebruiker_id}"


class Reactie(models.Model):
    overlegronde = models.ForeignKey(
        Overlegronde, on_delete=models.PROTECT, related_name="reacties"
    )
    door = models.ForeignKey(
        Gebruiker, on_delete=models.PROTECT, related_name="+", verbose_name=_("Door")
    )
    tekst = models.TextField(_("Reactie"))
    geplaatst_op = models.DateTimeField(_("Geplaatst op"), default=timezone.now)

    objects = ViaOverlegrondeQuerySet.as_manager()

    class Meta:
        verbose_name = _("reactie")
        verbose_name_plural = _("reacties")
        ordering = ["geplaatst_op", "pk"]

    def __str__(self) -> str:
        return f"{self.overlegronde_id}: {self.pk}"


class Reactiebijlage(GecontroleerdeInhoud):
    """The file of a reaction, checked as an attachment of a hulpvraag is."""

    reactie = models.OneToOneField(Reactie, on_delete=models.PROTECT, related_name="bijlage")

    class Meta:
        verbose_name = _("bijlage bij een reactie")
        verbose_name_plural = _("bijlagen bij reacties")

    def __str__(self) -> str:
        return str(self.bestandsnaam)

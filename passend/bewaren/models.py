"""Retention by document type (B9, issue 17 item 2): per SWV and per kind a term, as data; a
legal hold per pupil; the reviewed dry run that a removal may need.

What is past its term is decided in one place (`selectors.verlopen`), used by the dry-run
report and by the removal alike; `services.py` removes it.
"""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from passend.accounts.models import Gebruiker
from passend.dossiers.models import Leerling
from passend.organisaties.models import Samenwerkingsverband


class Soort(models.TextChoices):
    """The kinds of data with a term of their own. docs/bewaartermijnen.md gives each default
    and its source."""

    NOOIT_INGEDIEND = "nooit_ingediend", _("Hulpvraag nooit ingediend")
    AFGESLOTEN = "afgesloten", _("Afgesloten ondersteuningsdossier")
    TLV_BESLUIT = "tlv_besluit", _("TLV-besluit")
    INZAGELOG = "inzagelog", _("Inzagelog")


class Eenheid(models.TextChoices):
    MAANDEN = "maanden", _("maanden")
    JAREN = "jaren", _("jaren")


# The defaults every SWV starts with: (number, unit). Chosen defaults, see docs/bewaartermijnen.md.
STANDAARD: dict[str, tuple[int, str]] = {
    Soort.NOOIT_INGEDIEND: (1, Eenheid.JAREN),
    Soort.AFGESLOTEN: (3, Eenheid.JAREN),
    Soort.TLV_BESLUIT: (7, Eenheid.JAREN),
    Soort.INZAGELOG: (5, Eenheid.JAREN),
}
# What each term counts from, as the screens say it.
VANAF = {
    Soort.NOOIT_INGEDIEND: _("na de laatste wijziging"),
    Soort.AFGESLOTEN: _("na het afsluiten (de eindstatus)"),
    Soort.TLV_BESLUIT: _("na de einddatum van de TLV"),
    Soort.INZAGELOG: _("na het moment van inzage"),
}


class Bewaartermijn(models.Model):
    """How long one kind of data is kept at one SWV. An SWV without a row for a kind has the
    default (`STANDAARD`)."""

    swv = models.ForeignKey(
        Samenwerkingsverband,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("samenwerkingsverband"),
    )
    soort = models.CharField(_("soort"), max_length=30, choices=Soort.choices)
    aantal = models.PositiveSmallIntegerField(
        _("termijn"), validators=[MinValueValidator(1), MaxValueValidator(600)]
    )
    eenheid = models.CharField(_("eenheid"), max_length=10, choices=Eenheid.choices)

    class Meta:
        verbose_name = _("bewaartermijn")
        verbose_name_plural = _("bewaartermijnen")
        ordering = ["swv", "soort"]
        constraints = [
            models.UniqueConstraint(fields=["swv", "soort"], name="bewaartermijn_per_soort")
        ]

    def __str__(self) -> str:
        return f"{self.get_soort_display()}: {self.aantal} {self.get_eenheid_display()}"

    @property
    def maanden(self) -> int:
        return int(self.aantal) * (12 if self.eenheid == Eenheid.JAREN else 1)


class Bewaarinstellingen(models.Model):
    """An SWV's retention settings; an SWV without a row has the defaults."""

    swv = models.OneToOneField(
        Samenwerkingsverband,
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="+",
        verbose_name=_("samenwerkingsverband"),
    )
    alleen_na_beoordeelde_proefronde = models.BooleanField(
        _("verwijderen alleen na beoordeelde proefronde"),
        default=False,
        help_text=_(
            "Aan: de periodieke ronde verwijdert alleen wat in een beoordeelde proefronde stond."
        ),
    )
    # The day of the last periodic run: the job runs once a day per SWV, however often cron
    # calls `manage.py periodiek`.
    laatste_ronde_op = models.DateField(_("laatste ronde op"), null=True, blank=True)

    class Meta:
        verbose_name = _("instellingen voor bewaren")
        verbose_name_plural = _("instellingen voor bewaren")

    def __str__(self) -> str:
        return str(_("Bewaren"))


class Bewaarplicht(models.Model):
    """A legal hold: while it exists nothing of the pupil is removed, nor its access log."""

    leerling = models.OneToOneField(
        Leerling,
        on_delete=models.PROTECT,
        related_name="bewaarplicht",
        verbose_name=_("leerling"),
    )
    reden = models.TextField(_("Reden"))
    gezet_door = models.ForeignKey(
        Gebruiker, on_delete=models.PROTECT, related_name="+", verbose_name=_("gezet door")
    )
    gezet_op = models.DateTimeField(_("gezet op"), default=timezone.now)

    class Meta:
        verbose_name = _("bewaarplicht")
        verbose_name_plural = _("bewaarplichten")

    def __str__(self) -> str:
        return str(self.leerling_id)


class Proefronde(models.Model):
    """A dry-run list that the applicatiebeheerder reviewed ("Proefronde beoordeeld"): who,
    when, and the items it listed. With the review setting on, a removal takes only these."""

    swv = models.ForeignKey(
        Samenwerkingsverband,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("samenwerkingsverband"),
    )
    beoordeeld_door = models.ForeignKey(
        Gebruiker, on_delete=models.PROTECT, related_name="+", verbose_name=_("beoordeeld door")
    )
    beoordeeld_op = models.DateTimeField(_("beoordeeld op"), default=timezone.now)
    # Hulpvraag ids and pupil ids the list held; the access log up to this moment.
    hulpvragen = models.JSONField(_("hulpvragen"), default=list, blank=True)
    leerlingen = models.JSONField(_("leerlingen"), default=list, blank=True)
    inzage_tot = models.DateTimeField(_("inzagelog tot"), null=True, blank=True)
    vingerafdruk = models.CharField(_("vingerafdruk"), max_length=64)

    class Meta:
        verbose_name = _("beoordeelde proefronde")
        verbose_name_plural = _("beoordeelde proefrondes")
        ordering = ["-beoordeeld_op", "-pk"]

    def __str__(self) -> str:
        return f"{self.swv_id} {self.beoordeeld_op:%d-%m-%Y}"

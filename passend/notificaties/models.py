from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from passend.organisaties.models import Samenwerkingsverband


class Bericht(models.Model):
    """One e-mail in the outbox, written in the same transaction as the change that causes it.

    The text is rendered when the row is written, so what is sent is what was decided then,
    and the outbox shows it. It never holds pupil names or content (P3).
    """

    class Status(models.TextChoices):
        WACHTEND = "wachtend", _("wachtend")
        VERZONDEN = "verzonden", _("verzonden")
        MISLUKT = "mislukt", _("mislukt")

    swv = models.ForeignKey(
        Samenwerkingsverband,
        on_delete=models.PROTECT,
        related_name="berichten",
        verbose_name=_("samenwerkingsverband"),
    )
    sjabloon = models.CharField(_("sjabloon"), max_length=200)
    aan = models.JSONField(_("aan"), default=list)
    onderwerp = models.CharField(_("onderwerp"), max_length=250)
    tekst = models.TextField(_("tekst"))
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.WACHTEND
    )
    pogingen = models.PositiveSmallIntegerField(_("pogingen"), default=0)
    laatste_fout = models.TextField(_("laatste fout"), blank=True)
    volgende_poging = models.DateTimeField(_("volgende poging"), default=timezone.now)
    aangemaakt_op = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)
    verzonden_op = models.DateTimeField(_("verzonden op"), null=True, blank=True)
    gemeld_als_mislukt = models.BooleanField(
        _("gemeld in het dagrapport"), default=False, editable=False
    )
    # A mail with a secret in it (a password-reset link): hidden in the outbox, wiped once
    # delivered or given up.
    vertrouwelijk = models.BooleanField(_("vertrouwelijk"), default=False, editable=False)

    class Meta:
        verbose_name = _("bericht")
        verbose_name_plural = _("berichten")
        ordering = ["-aangemaakt_op"]
        indexes = [
            models.Index(fields=["status", "volgende_poging"], name="bericht_wachtrij"),
        ]

    def __str__(self) -> str:
        return f"{self.onderwerp} ({self.get_status_display()})"

    @property
    def message_id(self) -> str:
        """The same for every attempt, so a mail server or reader can spot a repeat."""
        return f"<bericht-{self.pk}@passend>"


class Dagrapport(models.Model):
    """The day the report of failed mails went out, so `periodiek` sends it once a day."""

    datum = models.DateField(_("datum"), unique=True)

    class Meta:
        verbose_name = _("dagrapport")
        verbose_name_plural = _("dagrapporten")

    def __str__(self) -> str:
        return f"{self.datum:%d-%m-%Y}"

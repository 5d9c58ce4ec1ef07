"""Parents' inzage (R14) and the attachments the SWV shares with them.

An `Ouderinzage` gives one parent's account read access to one pupil's file at the SWV; it
is never deleted, only withdrawn (`ingetrokken_op`), so who had inzage when stays known. A
`GedeeldeBijlage` marks one attachment as shareable with the pupil's parents.
"""

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from passend.accounts.models import Gebruiker
from passend.bijlagen.models import Bijlage
from passend.dossiers.models import Leerling


class Ouderinzage(models.Model):
    leerling = models.ForeignKey(
        # A pupil removed under the retention rules takes the inzage with it.
        Leerling,
        on_delete=models.CASCADE,
        related_name="ouderinzagen",
        verbose_name=_("leerling"),
    )
    gebruiker = models.ForeignKey(
        Gebruiker,
        on_delete=models.PROTECT,
        related_name="ouderinzagen",
        verbose_name=_("account van de ouder"),
    )
    emailadres = models.EmailField(_("e-mailadres"))
    uitgenodigd_door = models.ForeignKey(
        Gebruiker, on_delete=models.PROTECT, related_name="+", verbose_name=_("uitgenodigd door")
    )
    uitgenodigd_op = models.DateTimeField(_("uitgenodigd op"), default=timezone.now)
    ingetrokken_door = models.ForeignKey(
        Gebruiker,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("ingetrokken door"),
    )
    ingetrokken_op = models.DateTimeField(_("ingetrokken op"), null=True, blank=True)

    class Meta:
        verbose_name = _("inzage van een ouder")
        verbose_name_plural = _("inzage van ouders")
        ordering = ["-uitgenodigd_op", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["leerling", "gebruiker"],
                condition=Q(ingetrokken_op__isnull=True),
                name="ouderinzage_eenmaal_actief",
                violation_error_message=_("Deze ouder heeft al inzage in dit dossier."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.leerling_id}: {self.emailadres}"

    @property
    def actief(self) -> bool:
        return self.ingetrokken_op is None


class GedeeldeBijlage(models.Model):
    bijlage = models.OneToOneField(
        Bijlage,
        on_delete=models.CASCADE,
        related_name="gedeeld_met_ouders",
        verbose_name=_("bijlage"),
    )
    gedeeld_door = models.ForeignKey(
        Gebruiker, on_delete=models.PROTECT, related_name="+", verbose_name=_("gedeeld door")
    )
    gedeeld_op = models.DateTimeField(_("gedeeld op"), default=timezone.now)

    class Meta:
        verbose_name = _("bijlage gedeeld met ouders")
        verbose_name_plural = _("bijlagen gedeeld met ouders")

    def __str__(self) -> str:
        return str(self.bijlage_id)

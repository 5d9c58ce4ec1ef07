"""R44 "Wijzigingsverzoek": a school's contact person asks the SWV in the app for a staff change
or a change of the school's data, instead of a helpdesk ticket; the SWV's application
administrator handles it from a list. The request is a note between people: it changes
nothing by itself (the administrator does, on the staff-change or school screens)."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from passend.accounts.models import Gebruiker
from passend.organisaties.models import Samenwerkingsverband, School


class Wijzigingsverzoek(models.Model):
    class Soort(models.TextChoices):
        PERSONEELSWISSEL = "personeelswissel", _("Personeelswissel")
        SCHOOLGEGEVENS = "schoolgegevens", _("Schoolgegevens")

    class Stand(models.TextChoices):
        OPEN = "open", _("Open")
        AFGEHANDELD = "afgehandeld", _("Afgehandeld")

    swv = models.ForeignKey(
        Samenwerkingsverband,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("samenwerkingsverband"),
    )
    school = models.ForeignKey(
        School, on_delete=models.PROTECT, related_name="+", verbose_name=_("school")
    )
    soort = models.CharField(_("soort"), max_length=20, choices=Soort.choices)
    vertrekkend = models.ForeignKey(
        Gebruiker,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("vertrekkende medewerker"),
    )
    nieuwe_naam = models.CharField(_("naam nieuwe medewerker"), max_length=200, blank=True)
    nieuwe_email = models.EmailField(_("e-mailadres nieuwe medewerker"), blank=True)
    ingangsdatum = models.DateField(_("met ingang van"), null=True, blank=True)
    omschrijving = models.TextField(_("omschrijving"), max_length=2000, blank=True)
    ingediend_door = models.ForeignKey(
        Gebruiker, on_delete=models.PROTECT, related_name="+", verbose_name=_("ingediend door")
    )
    ingediend_op = models.DateTimeField(_("ingediend op"), default=timezone.now)
    stand = models.CharField(
        _("stand"), max_length=20, choices=Stand.choices, default=Stand.OPEN, db_index=True
    )
    afgehandeld_door = models.ForeignKey(
        Gebruiker,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("afgehandeld door"),
    )
    afgehandeld_op = models.DateTimeField(_("afgehandeld op"), null=True, blank=True)
    afhandelnotitie = models.TextField(_("notitie bij afhandeling"), max_length=2000, blank=True)

    class Meta:
        verbose_name = _("wijzigingsverzoek")
        verbose_name_plural = _("wijzigingsverzoeken")
        ordering = ["-ingediend_op", "-pk"]
        indexes = [models.Index(fields=["swv", "stand"], name="wijzigingsverzoek_swv_stand")]

    def __str__(self) -> str:
        return self.referentie

    @property
    def referentie(self) -> str:
        return f"WV-{self.pk:06d}"

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class AlleenToevoegenError(Exception):
    """The access log is appended to, never changed (ASVS V7.3.3)."""


class Inzage(models.Model):
    """One read or change of pupil data: who, in which role, what, when, from where, on what
    grounds (P2, NEN 7513). Holds ids, never the data itself.

    Plain values instead of foreign keys, so an entry outlives the account or record it names.
    """

    class Actie(models.TextChoices):
        BEKEKEN = "bekeken", _("bekeken")
        LIJST = "lijst", _("in een lijst getoond")
        GEZOCHT = "gezocht", _("gezocht")
        AANGEMAAKT = "aangemaakt", _("aangemaakt")
        GEWIJZIGD = "gewijzigd", _("gewijzigd")

    tijd = models.DateTimeField(_("tijd"), default=timezone.now, db_index=True)
    swv_code = models.CharField(_("samenwerkingsverband"), max_length=6)
    gebruiker_id = models.BigIntegerField(_("gebruiker"), null=True)
    gebruikersnaam = models.CharField(_("gebruikersnaam"), max_length=150)
    rollen = models.CharField(_("rollen"), max_length=300)
    actie = models.CharField(_("actie"), max_length=20, choices=Actie.choices)
    objecttype = models.CharField(_("soort gegeven"), max_length=50)
    object_id = models.CharField(_("object"), max_length=50)
    leerling_id = models.BigIntegerField(_("leerling"), null=True, db_index=True)
    grondslag = models.CharField(_("grondslag"), max_length=100)
    client_adres = models.GenericIPAddressField(_("clientadres"), null=True)
    details = models.JSONField(_("details"), default=dict, blank=True)

    class Meta:
        verbose_name = _("inzage")
        verbose_name_plural = _("inzagelog")
        ordering = ["-tijd"]

    def __str__(self) -> str:
        return f"{self.tijd:%d-%m-%Y %H:%M} {self.gebruikersnaam} {self.actie} {self.object_id}"

    def save(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        if self.pk is not None:
            raise AlleenToevoegenError("Een regel in het inzagelog wordt nooit gewijzigd.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        raise AlleenToevoegenError("Een regel in het inzagelog wordt nooit verwijderd.")

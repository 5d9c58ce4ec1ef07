from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from passend.core.models import AlleenToevoegen, AlleenToevoegenQuerySet


class Inzage(AlleenToevoegen):
    """One read or change of pupil data: which event, who in which role, what, when, from where,
    on whose behalf and on what grounds (P2, NEN 7513). Holds ids, never the data itself.

    Plain values instead of foreign keys, so an entry outlives the account or record it names.
    Written only through `audit.gebeurtenissen`, one function per event.
    """

    class Actie(models.TextChoices):
        BEKEKEN = "bekeken", _("bekeken")
        LIJST = "lijst", _("in een lijst getoond")
        GEZOCHT = "gezocht", _("gezocht")
        AANGEMAAKT = "aangemaakt", _("aangemaakt")
        GEWIJZIGD = "gewijzigd", _("gewijzigd")
        VERWIJDERD = "verwijderd", _("verwijderd")

    class Objecttype(models.TextChoices):
        LEERLING = "leerling", _("leerling (dossier)")
        HULPVRAAG = "hulpvraag", _("hulpvraag")
        BIJLAGE = "bijlage", _("bijlage")
        OVERLEGRONDE = "overlegronde", _("overlegronde")
        # The access log itself: reading it is logged too (B8).
        INZAGELOG = "inzagelog", _("inzagelog")

    tijd = models.DateTimeField(_("tijd"), default=timezone.now, db_index=True)
    swv_code = models.CharField(_("samenwerkingsverband"), max_length=6)
    gebruiker_id = models.BigIntegerField(_("gebruiker"), null=True)
    gebruikersnaam = models.CharField(_("gebruikersnaam"), max_length=150)
    rollen = models.CharField(_("rollen"), max_length=300)
    gebeurtenis = models.CharField(_("gebeurtenis"), max_length=50, blank=True)
    actie = models.CharField(_("actie"), max_length=20, choices=Actie.choices)
    objecttype = models.CharField(_("soort gegeven"), max_length=50, choices=Objecttype.choices)
    object_id = models.CharField(_("object"), max_length=50)
    leerling_id = models.BigIntegerField(_("leerling"), null=True, db_index=True)
    grondslag = models.CharField(_("grondslag"), max_length=100)
    client_adres = models.GenericIPAddressField(_("clientadres"), null=True)
    user_agent = models.CharField(_("browser (user agent)"), max_length=300, blank=True)
    request_id = models.CharField(_("verzoek-id"), max_length=64, blank=True)
    namens = models.CharField(
        _("namens"),
        max_length=200,
        blank=True,
        help_text=_("Voor wie een koppeling handelde, als dat een ander is dan de gebruiker."),
    )
    # NEN 7513's "client/system": the koppeling (API client) a read or change came through.
    systeem = models.CharField(
        _("systeem"),
        max_length=200,
        blank=True,
        help_text=_("De koppeling (API-client) waarlangs dit gebeurde; leeg voor Passend zelf."),
    )
    details = models.JSONField(_("details"), default=dict, blank=True)

    objects = AlleenToevoegenQuerySet.as_manager()

    class Meta:
        verbose_name = _("inzage")
        verbose_name_plural = _("inzagelog")
        ordering = ["-tijd"]

    def __str__(self) -> str:
        return f"{self.tijd:%d-%m-%Y %H:%M} {self.gebruikersnaam} {self.actie} {self.object_id}"


class Beheerhandeling(AlleenToevoegen):
    """One change an SWV's application administrator made to accounts (invite, roles, schools,
    deactivation, a reset second factor, a staff change): who, when, from where, which
    account, and the values before and after. Not pupil data, so not in the Inzage log that a
    pupil's access overview and export read (B8, B10); kept beside it with the same context.

    Plain values instead of foreign keys, so an entry outlives the accounts it names. Written
    only through `audit.gebeurtenissen`."""

    tijd = models.DateTimeField(_("tijd"), default=timezone.now, db_index=True)
    swv_code = models.CharField(_("samenwerkingsverband"), max_length=6, db_index=True)
    gebruiker_id = models.BigIntegerField(_("gebruiker"), null=True)
    gebruikersnaam = models.CharField(_("gebruikersnaam"), max_length=150)
    gebeurtenis = models.CharField(_("gebeurtenis"), max_length=50)
    objecttype = models.CharField(_("soort gegeven"), max_length=50)
    object_id = models.CharField(_("object"), max_length=50, db_index=True)
    voor = models.JSONField(_("voor"), default=dict, blank=True)
    na = models.JSONField(_("na"), default=dict, blank=True)
    details = models.JSONField(_("details"), default=dict, blank=True)
    client_adres = models.GenericIPAddressField(_("clientadres"), null=True)
    user_agent = models.CharField(_("browser (user agent)"), max_length=300, blank=True)
    request_id = models.CharField(_("verzoek-id"), max_length=64, blank=True)

    objects = AlleenToevoegenQuerySet.as_manager()

    class Meta:
        verbose_name = _("beheerhandeling")
        verbose_name_plural = _("beheerlog")
        ordering = ["-tijd"]

    def __str__(self) -> str:
        return (
            f"{self.tijd:%d-%m-%Y %H:%M} {self.gebruikersnaam} {self.gebeurtenis} {self.object_id}"
        )


class Aanmelding(AlleenToevoegen):
    """One login event of an account of the SWV (ASVS V7.2.1, NEN 7513): a login that
    succeeded, failed (wrong password or code) or was blocked, and a second factor reset by the
    application administrator. Shown in the audit viewer beside the access log (B8).

    Never a password or a code. A failed attempt for a name that is no account stores
    "onbekend account", not what was typed: people type their password in the name field.
    Plain values instead of foreign keys, like the access log. Written only through
    `audit.gebeurtenissen`."""

    class Gebeurtenis(models.TextChoices):
        GELUKT = "aanmelden_gelukt", _("aanmelden gelukt")
        MISLUKT = "aanmelden_mislukt", _("aanmelden mislukt")
        GEBLOKKEERD = "aanmelden_geblokkeerd", _("aanmelden geblokkeerd")
        TWEEDE_FACTOR_HERSTELD = "tweede_factor_hersteld", _("tweede factor hersteld")

    ONBEKEND_ACCOUNT = "onbekend account"

    tijd = models.DateTimeField(_("tijd"), default=timezone.now, db_index=True)
    swv_code = models.CharField(_("samenwerkingsverband"), max_length=6, blank=True, db_index=True)
    gebruiker_id = models.BigIntegerField(_("gebruiker"), null=True)
    gebruikersnaam = models.CharField(_("gebruikersnaam"), max_length=150)
    gebeurtenis = models.CharField(_("gebeurtenis"), max_length=50, choices=Gebeurtenis.choices)
    client_adres = models.GenericIPAddressField(_("clientadres"), null=True)
    user_agent = models.CharField(_("browser (user agent)"), max_length=300, blank=True)
    request_id = models.CharField(_("verzoek-id"), max_length=64, blank=True)
    details = models.JSONField(_("details"), default=dict, blank=True)

    objects = AlleenToevoegenQuerySet.as_manager()

    class Meta:
        verbose_name = _("aanmeldgebeurtenis")
        verbose_name_plural = _("aanmeldlog")
        ordering = ["-tijd"]

    def __str__(self) -> str:
        return f"{self.tijd:%d-%m-%Y %H:%M} {self.gebruikersnaam} {self.gebeurtenis}"

"""The koppelingen (links with school systems): API clients per supplier, Esis verification
codes per school, the requests (aanvragen) a system sends, and the answers kept for retried
calls. The pupil data itself lives in dossiers and hulpvragen, reached through the same
services as the web screens."""

import uuid

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from passend.accounts.models import Gebruiker
from passend.bijlagen.models import Documenttype, GecontroleerdeInhoud
from passend.core.kanalen import Kanaal
from passend.hulpvragen.models import Hulpvraag
from passend.organisaties.models import Samenwerkingsverband, School


class ApiClient(models.Model):
    """One supplier's access to one SWV ("Esis", "ParnasSys", a test client). The secret is
    shown once when made; only its SHA-256 is kept (a random 256-bit secret needs no slow hash,
    and a slow one would cost every call)."""

    class Soort(models.TextChoices):
        ESIS = Kanaal.ESIS.value, _("Esis")
        OSO = Kanaal.OSO.value, _("OSO (ParnasSys en andere)")
        API = Kanaal.API.value, _("Ander systeem (API)")

    uuid = models.UUIDField(_("UUID"), default=uuid.uuid4, unique=True, editable=False)
    swv = models.ForeignKey(
        Samenwerkingsverband,
        on_delete=models.PROTECT,
        related_name="api_clients",
        verbose_name=_("samenwerkingsverband"),
    )
    naam = models.CharField(_("naam"), max_length=100, help_text=_("Bijvoorbeeld ‘Esis’."))
    soort = models.CharField(_("soort koppeling"), max_length=10, choices=Soort.choices)
    sleutel_id = models.CharField(_("sleutel-id"), max_length=16, unique=True, editable=False)
    geheim_sha256 = models.CharField(_("geheim (SHA-256)"), max_length=64, editable=False)
    max_per_minuut = models.PositiveIntegerField(
        _("maximaal aantal verzoeken per minuut"), default=600
    )
    scholen = models.ManyToManyField(
        School,
        through="Schoolkoppeling",
        blank=True,
        related_name="+",
        verbose_name=_("scholen"),
        help_text=_(
            "De scholen die deze koppeling gebruiken. Bij Esis bepaalt de verificatiecode de "
            "school; daar is deze lijst niet nodig."
        ),
    )
    aangemaakt_op = models.DateTimeField(_("aangemaakt op"), default=timezone.now)
    aangemaakt_door = models.ForeignKey(
        Gebruiker,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("aangemaakt door"),
    )
    ingetrokken_op = models.DateTimeField(_("ingetrokken op"), null=True, blank=True)

    class Meta:
        verbose_name = _("API-client")
        verbose_name_plural = _("API-clients")
        ordering = ["swv", "naam"]

    def __str__(self) -> str:
        return self.naam

    @property
    def systeem(self) -> str:
        """How the access log names this client (NEN 7513 'client/system')."""
        return f"{self.get_soort_display()}: {self.naam} ({self.uuid})"


class Schoolkoppeling(models.Model):
    """R8: a school that switched a client on, with what the OSO route needs recorded: the
    mandate the bestuur gave in the Onderwijs Serviceregister and the routeringskenmerk the
    school's system sends with."""

    client = models.ForeignKey(
        ApiClient, on_delete=models.CASCADE, related_name="schoolkoppelingen"
    )
    school = models.ForeignKey(
        School, on_delete=models.PROTECT, related_name="+", verbose_name=_("school")
    )
    mandaat = models.CharField(
        _("mandaat (OSR)"),
        max_length=200,
        blank=True,
        help_text=_("Het mandaat dat het bestuur in het Onderwijs Serviceregister gaf."),
    )
    routeringskenmerk = models.CharField(_("routeringskenmerk"), max_length=100, blank=True)
    sinds = models.DateField(_("actief sinds"), default=timezone.localdate)

    class Meta:
        verbose_name = _("school die de koppeling gebruikt")
        verbose_name_plural = _("scholen die de koppeling gebruiken")
        constraints = [
            models.UniqueConstraint(fields=["client", "school"], name="schoolkoppeling_uniek")
        ]

    def __str__(self) -> str:
        return str(self.school)


class Verificatiecode(models.Model):
    """R10: the code a school made up and the SWV registered, per school and Esis environment.
    Kept as a keyed hash; a removed code stays (without being usable) so a call with it is told
    the link is paused rather than that the code is wrong."""

    school = models.ForeignKey(
        School, on_delete=models.PROTECT, related_name="+", verbose_name=_("school")
    )
    omgeving = models.CharField(
        _("Esis-omgeving"),
        max_length=100,
        blank=True,
        help_text=_("Alleen nodig als de school meer dan één Esis-omgeving gebruikt."),
    )
    code_hmac = models.CharField(_("code (versleuteld)"), max_length=64, editable=False)
    aangemaakt_op = models.DateTimeField(_("aangemaakt op"), default=timezone.now)
    aangemaakt_door = models.ForeignKey(
        Gebruiker,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("aangemaakt door"),
    )
    verwijderd_op = models.DateTimeField(_("verwijderd op"), null=True, blank=True)

    class Meta:
        verbose_name = _("Esis-verificatiecode")
        verbose_name_plural = _("Esis-verificatiecodes")
        ordering = ["school__naam", "omgeving"]
        indexes = [models.Index(fields=["code_hmac"])]

    def __str__(self) -> str:
        return f"{self.school.code} {self.omgeving}".strip()


class Aanvraag(models.Model):
    """What a school system sent: a draft ("Opslaan") keeps the request's data here until it is
    sent; sending ("Opslaan en verzenden") files it through the web's services as a hulpvraag
    and empties `gegevens`, so pupil data lives only in the dossier. Removing it on the school
    side hides it from the system; the SWV's hulpvraag stays."""

    uuid = models.UUIDField(_("UUID"), default=uuid.uuid4, unique=True, editable=False)
    client = models.ForeignKey(
        ApiClient, on_delete=models.PROTECT, related_name="aanvragen", verbose_name=_("client")
    )
    school = models.ForeignKey(
        School, on_delete=models.PROTECT, related_name="+", verbose_name=_("school")
    )
    contactpersoon = models.ForeignKey(
        Gebruiker, on_delete=models.PROTECT, related_name="+", verbose_name=_("contactpersoon")
    )
    hulpvraag = models.OneToOneField(
        Hulpvraag,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="aanvraag",
        verbose_name=_("hulpvraag"),
    )
    gegevens = models.JSONField(_("gegevens van het concept"), default=dict, blank=True)
    versie = models.PositiveIntegerField(_("versie"), default=1)
    aangemaakt_op = models.DateTimeField(_("aangemaakt op"), default=timezone.now)
    gewijzigd_op = models.DateTimeField(_("gewijzigd op"), default=timezone.now, db_index=True)
    verzonden_op = models.DateTimeField(_("verzonden op"), null=True, blank=True)
    verwijderd_op = models.DateTimeField(_("verwijderd op"), null=True, blank=True)

    class Meta:
        verbose_name = _("aanvraag via een koppeling")
        verbose_name_plural = _("aanvragen via koppelingen")
        ordering = ["-gewijzigd_op"]

    def __str__(self) -> str:
        return str(self.uuid)


class Conceptbijlage(GecontroleerdeInhoud):
    """A file of a draft: checked on arrival like every attachment, kept until the draft is
    sent (then it becomes the hulpvraag's Bijlage, without a second upload) or removed."""

    aanvraag = models.ForeignKey(Aanvraag, on_delete=models.CASCADE, related_name="conceptbijlagen")
    documenttype = models.ForeignKey(
        Documenttype,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("Soort document"),
    )
    toegevoegd_op = models.DateTimeField(_("toegevoegd op"), default=timezone.now)

    class Meta:
        verbose_name = _("bijlage van een concept")
        verbose_name_plural = _("bijlagen van concepten")
        constraints = [
            models.UniqueConstraint(fields=["aanvraag", "sha256"], name="conceptbijlage_uniek")
        ]


class Idempotentiesleutel(models.Model):
    """B6: the first answer to a POST with an Idempotency-Key, returned again for a retry.
    The row is written in the same transaction as the change it answers, so a retry that
    arrives while the first is running waits for it on the unique index."""

    client = models.ForeignKey(ApiClient, on_delete=models.CASCADE, related_name="+")
    sleutel = models.CharField(max_length=255)
    verzoek_sha256 = models.CharField(max_length=64)
    statuscode = models.PositiveSmallIntegerField()
    antwoord = models.JSONField()
    aangemaakt_op = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["client", "sleutel"], name="idempotentiesleutel_uniek")
        ]

    def __str__(self) -> str:
        return self.sleutel


def _alleen_bijlagen() -> list[str]:
    return ["bijlagen"]


class Osoinstellingen(models.Model):
    """Issue 15: what an SWV keeps of an OSO dossier. Blocks not listed are dropped before
    anything is written (B7); PPO keeps only the attachments ("bijlagen")."""

    swv = models.OneToOneField(
        Samenwerkingsverband,
        on_delete=models.CASCADE,
        related_name="osoinstellingen",
        verbose_name=_("samenwerkingsverband"),
    )
    te_bewaren = models.JSONField(
        _("gegevensblokken die bewaard worden"), default=_alleen_bijlagen, blank=True
    )

    class Meta:
        verbose_name = _("instellingen voor OSO")
        verbose_name_plural = _("instellingen voor OSO")

    def __str__(self) -> str:
        return str(_("OSO-instellingen van %s") % self.swv.code)


class Aanvraagtype(models.Model):
    """Issue 15: the aanvraagtype a school picks in ParnasSys, mapped to this SWV's title (as
    data). Several titles: the one the school's region may use (the TLV titles differ per
    regio, R31). An aanvraagtype that is itself a title's name needs no row."""

    swv = models.ForeignKey(
        Samenwerkingsverband,
        on_delete=models.CASCADE,
        related_name="aanvraagtypen",
        verbose_name=_("samenwerkingsverband"),
    )
    code = models.CharField(_("aanvraagtype"), max_length=100)
    titels = models.ManyToManyField(
        "processen.Hulpvraagtitel", related_name="+", verbose_name=_("hulpvraagtitels")
    )

    class Meta:
        verbose_name = _("aanvraagtype (OSO)")
        verbose_name_plural = _("aanvraagtypen (OSO)")
        ordering = ["swv", "code"]
        constraints = [
            models.UniqueConstraint(fields=["swv", "code"], name="aanvraagtype_uniek_per_swv")
        ]

    def __str__(self) -> str:
        return self.code


class Osogegevens(models.Model):
    """The blocks of an OSO dossier the SWV keeps, as the reader mapped them (no BSN, no
    onderwijsnummer, nothing of a dropped block), shown readably on the hulpvraag."""

    hulpvraag = models.OneToOneField(
        Hulpvraag, on_delete=models.PROTECT, related_name="osogegevens"
    )
    blokken = models.JSONField(_("bewaarde gegevensblokken"), default=list, blank=True)
    weggelaten = models.JSONField(_("niet bewaarde gegevensblokken"), default=list, blank=True)
    pakket = models.CharField(_("verzonden door"), max_length=200, blank=True)
    ontvangen_op = models.DateTimeField(_("ontvangen op"), default=timezone.now)

    class Meta:
        verbose_name = _("OSO-gegevens")
        verbose_name_plural = _("OSO-gegevens")

    def __str__(self) -> str:
        return str(self.hulpvraag_id)

import uuid

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from passend.accounts.models import Gebruiker
from passend.core.kanalen import Kanaal
from passend.core.models import AlleenToevoegen, AlleenToevoegenMixin
from passend.dossiers.models import Leerling, Schoolgegevens
from passend.hulpvragen.query import (
    HulpvraagQuerySet,
    ViaHulpvraagQuerySet,
    ZichtbaarheidQuerySet,
)
from passend.organisaties.models import Samenwerkingsverband, School
from passend.processen.models import Hulpvraagtitel, Status


class Label(models.Model):
    swv = models.ForeignKey(
        Samenwerkingsverband,
        on_delete=models.PROTECT,
        related_name="labels",
        verbose_name=_("samenwerkingsverband"),
    )
    naam = models.CharField(_("naam"), max_length=60)

    class Meta:
        verbose_name = _("label")
        verbose_name_plural = _("labels")
        ordering = ["naam"]
        constraints = [models.UniqueConstraint(fields=["swv", "naam"], name="label_uniek_per_swv")]

    def __str__(self) -> str:
        return str(self.naam)


class Referentieteller(models.Model):
    """The last number handed out in a year, for references like HV-2026-000123."""

    jaar = models.PositiveSmallIntegerField(primary_key=True)
    laatste = models.PositiveIntegerField(default=0)

    def __str__(self) -> str:
        return f"{self.jaar}: {self.laatste}"


class Hulpvraag(models.Model):
    # For references outside Passend (the API, a school's system): never the integer id.
    uuid = models.UUIDField(_("UUID"), default=uuid.uuid4, unique=True, editable=False)
    swv = models.ForeignKey(
        Samenwerkingsverband,
        on_delete=models.PROTECT,
        related_name="hulpvragen",
        verbose_name=_("samenwerkingsverband"),
    )
    referentie = models.CharField(_("Referentie"), max_length=20, unique=True)
    leerling = models.ForeignKey(
        Leerling, on_delete=models.PROTECT, related_name="hulpvragen", verbose_name=_("leerling")
    )
    schoolgegevens = models.ForeignKey(
        Schoolgegevens,
        on_delete=models.PROTECT,
        related_name="hulpvragen",
        verbose_name=_("Schoolgegevens"),
    )
    titel = models.ForeignKey(
        Hulpvraagtitel, on_delete=models.PROTECT, related_name="+", verbose_name=_("Titel")
    )
    omschrijving = models.TextField(_("Omschrijving"), blank=True)
    hulpvraagdatum = models.DateField(_("Hulpvraagdatum"), default=timezone.localdate)
    status = models.ForeignKey(
        Status, on_delete=models.PROTECT, related_name="+", verbose_name=_("Status")
    )
    # When the current status was reached: kept in step with the Statushistorie by the services,
    # so "Mijn acties" sorts oldest first without reading the history.
    status_sinds = models.DateTimeField(_("status sinds"), default=timezone.now)
    coordinator = models.ForeignKey(
        Gebruiker,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="gecoordineerde_hulpvragen",
        verbose_name=_("Coördinator"),
    )
    labels = models.ManyToManyField(Label, blank=True, related_name="+", verbose_name=_("Labels"))
    bron = models.CharField(_("bron"), max_length=10, choices=Kanaal.choices, default=Kanaal.WEB)
    aangemaakt_door = models.ForeignKey(
        Gebruiker, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    aangemaakt_op = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)

    objects = HulpvraagQuerySet.as_manager()

    class Meta:
        verbose_name = _("hulpvraag")
        verbose_name_plural = _("hulpvragen")
        ordering = ["-hulpvraagdatum", "-pk"]
        # For the overview: the visibility/status filter, then the default order (newest
        # first, pk as tie-break), so the first page is read from the index without sorting.
        indexes = [
            models.Index(
                fields=["swv", "status", "-hulpvraagdatum", "-id"], name="hulpvraag_swv_status"
            ),
            models.Index(fields=["swv", "-hulpvraagdatum", "-id"], name="hulpvraag_swv_datum"),
            # Mijn acties: a coördinator's hulpvragen, oldest status first.
            models.Index(fields=["coordinator", "status_sinds"], name="hulpvraag_coord_sinds"),
        ]

    def __str__(self) -> str:
        return f"{self.referentie} {self.titel}"


class StatuswijzigingQuerySet(AlleenToevoegenMixin, ViaHulpvraagQuerySet):
    pass


class Statuswijziging(AlleenToevoegen):
    """One row of the Statushistorie (R22); appended, never edited (ARCHITECTURE.md rule 4).
    History outlives nothing it names: the hulpvraag and the account are kept (PROTECT)."""

    hulpvraag = models.ForeignKey(
        Hulpvraag, on_delete=models.PROTECT, related_name="statuswijzigingen"
    )
    van = models.ForeignKey(
        Status, on_delete=models.PROTECT, null=True, related_name="+", verbose_name=_("Van")
    )
    naar = models.ForeignKey(
        Status, on_delete=models.PROTECT, related_name="+", verbose_name=_("Naar")
    )
    door = models.ForeignKey(
        Gebruiker, on_delete=models.PROTECT, null=True, related_name="+", verbose_name=_("Door")
    )
    op = models.DateTimeField(_("Op"), default=timezone.now)
    reden = models.TextField(_("Reden"), blank=True)

    objects = StatuswijzigingQuerySet.as_manager()

    class Meta:
        verbose_name = _("statuswijziging")
        verbose_name_plural = _("statushistorie")
        ordering = ["hulpvraag", "op", "pk"]

    def __str__(self) -> str:
        return f"{self.hulpvraag_id}: {self.van} → {self.naar}"


class HulpvraagverloopQuerySet(ZichtbaarheidQuerySet["Hulpvraagverloop"]):
    zichtbaar_voor_swv_veld = "status_zichtbaar_voor_swv"


class Hulpvraagverloop(models.Model):
    """A summary of one hulpvraag for the Managementoverzicht (issue 20 item 3): what its
    figures group and filter on, so they aggregate over one narrow row per hulpvraag instead of
    joining a million schoolgegevens and reading every history row.

    Derived, never edited by hand: `services.hulpvraagverloop_bijwerken` computes it from the
    hulpvraag and its Statushistorie, in the same transaction as the creation and every status
    change (and again when a status's flags `zichtbaar_voor_swv` or `eindstatus` change). It
    keeps copies of the columns the visibility rule reads (`swv`, `status`, `schoolgegevens`),
    so `zichtbaar_voor` is the very rule of Hulpvraag (query.ZichtbaarheidQuerySet). The regio
    is not copied: it is read through the school (a few dozen rows), so a school that moves to
    another regio counts there at once, as before, with nothing to rewrite. The school of
    schoolgegevens never changes (they are added, not moved), nor do a hulpvraag's
    schoolgegevens, titel and hulpvraagdatum after creation."""

    hulpvraag = models.OneToOneField(
        Hulpvraag, on_delete=models.CASCADE, primary_key=True, related_name="verloop"
    )
    # The hulpvraag holds the same references (PROTECT): nothing to collect on delete, and no
    # index of their own beyond the two below.
    swv = models.ForeignKey(
        Samenwerkingsverband, on_delete=models.DO_NOTHING, db_index=False, related_name="+"
    )
    titel = models.ForeignKey(
        Hulpvraagtitel, on_delete=models.DO_NOTHING, db_index=False, related_name="+"
    )
    status = models.ForeignKey(
        Status, on_delete=models.DO_NOTHING, db_index=False, related_name="+"
    )
    schoolgegevens = models.ForeignKey(
        Schoolgegevens, on_delete=models.DO_NOTHING, db_index=False, related_name="+"
    )
    school = models.ForeignKey(
        School, on_delete=models.DO_NOTHING, db_index=False, related_name="+"
    )
    # A copy of `status.zichtbaar_voor_swv`, for the visibility rule: joining the statuses of
    # every SWV cost more than the aggregate itself (bench/README.md).
    status_zichtbaar_voor_swv = models.BooleanField()
    hulpvraagdatum = models.DateField()
    # The first moment in a status the SWV sees, and the first final status at or after it:
    # the lead time of "Doorlooptijden per proces".
    eerst_zichtbaar = models.DateTimeField(null=True)
    eerst_afgerond = models.DateTimeField(null=True)

    objects = HulpvraagverloopQuerySet.as_manager()

    class Meta:
        verbose_name = _("verloop van een hulpvraag")
        verbose_name_plural = _("verloop van hulpvragen")
        indexes = [
            # The period filter and every aggregate of one SWV.
            models.Index(fields=["swv", "hulpvraagdatum"], name="verloop_swv_datum"),
            # "Thuiszitters nu": the SWV's hulpvragen in a few statuses, whatever the date.
            models.Index(fields=["swv", "status"], name="verloop_swv_status"),
        ]

    def __str__(self) -> str:
        return f"{self.hulpvraag_id}: {self.eerst_zichtbaar} → {self.eerst_afgerond}"

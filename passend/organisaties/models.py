import uuid
from collections.abc import Collection
from datetime import date

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from passend.core.models import AlleenToevoegen, AlleenToevoegenQuerySet
from passend.core.normalize import normalize_code, normalize_postcode
from passend.core.validators import (
    bestuursnummer_validator,
    brin_vestiging_validator,
    postcode_validator,
    swv_code_validator,
)


class Samenwerkingsverband(models.Model):
    """The tenant: every account and every case belongs to exactly one."""

    code = models.CharField(_("code"), max_length=6, unique=True, validators=[swv_code_validator])
    naam = models.CharField(_("naam"), max_length=200)
    # Renewed whenever the SWV's configuration changes (schools, regio's, processes, titles,
    # staff, labels): a process that keeps something read from that configuration reads it
    # again once this differs. Each page reads this row with the account, so comparing is free.
    configuratieversie = models.UUIDField(
        _("versie van de configuratie"), default=uuid.uuid4, editable=False
    )

    class Meta:
        verbose_name = _("samenwerkingsverband")
        verbose_name_plural = _("samenwerkingsverbanden")
        ordering = ["code"]

    def __str__(self) -> str:
        return f"{self.code} {self.naam}"

    def clean_fields(self, exclude: Collection[str] | None = None) -> None:
        # Normalised before the field validators see it: " po2806" is a valid code.
        self.code = normalize_code(self.code)
        super().clean_fields(exclude)


class Regio(models.Model):
    swv = models.ForeignKey(
        Samenwerkingsverband,
        on_delete=models.PROTECT,
        related_name="regios",
        verbose_name=_("samenwerkingsverband"),
    )
    naam = models.CharField(_("naam"), max_length=100)

    class Meta:
        verbose_name = _("regio")
        verbose_name_plural = _("regio's")
        ordering = ["naam"]
        constraints = [
            models.UniqueConstraint(
                fields=["swv", "naam"],
                name="regio_naam_uniek_per_swv",
                violation_error_message=_(
                    "Dit samenwerkingsverband heeft al een regio met deze naam."
                ),
            )
        ]

    def __str__(self) -> str:
        return self.naam


class Bestuur(models.Model):
    """The bevoegd gezag of one or more schools."""

    swv = models.ForeignKey(
        Samenwerkingsverband,
        on_delete=models.PROTECT,
        related_name="besturen",
        verbose_name=_("samenwerkingsverband"),
    )
    naam = models.CharField(_("naam"), max_length=200)
    nummer = models.CharField(
        _("bestuursnummer"), max_length=5, validators=[bestuursnummer_validator]
    )
    verwerkersovereenkomst = models.BooleanField(
        _("verwerkersovereenkomst getekend"),
        default=False,
        help_text=_("Nodig voordat scholen van dit bestuur een overlegronde mogen starten."),
    )
    verwerkersovereenkomst_datum = models.DateField(
        _("verwerkersovereenkomst getekend op"), null=True, blank=True
    )
    verwerkersovereenkomst_einde = models.DateField(
        _("verwerkersovereenkomst loopt af op"), null=True, blank=True
    )

    class Meta:
        verbose_name = _("bestuur")
        verbose_name_plural = _("besturen")
        ordering = ["naam"]
        constraints = [
            models.UniqueConstraint(
                fields=["swv", "nummer"],
                name="bestuur_nummer_uniek_per_swv",
                violation_error_message=_(
                    "Dit samenwerkingsverband heeft al een bestuur met dit bestuursnummer."
                ),
            )
        ]

    def __str__(self) -> str:
        return f"{self.naam} ({self.nummer})"

    def clean(self) -> None:
        if self.verwerkersovereenkomst and not self.verwerkersovereenkomst_datum:
            raise ValidationError(
                {"verwerkersovereenkomst_datum": _("Vul de datum in waarop het bestuur tekende.")}
            )
        if not self.verwerkersovereenkomst and self.verwerkersovereenkomst_datum:
            raise ValidationError(
                {
                    "verwerkersovereenkomst": _(
                        "Er is een datum ingevuld; vink aan dat de verwerkersovereenkomst "
                        "getekend is, of maak de datum leeg."
                    )
                }
            )
        if (
            self.verwerkersovereenkomst_datum
            and self.verwerkersovereenkomst_datum > timezone.localdate()
        ):
            raise ValidationError(
                {"verwerkersovereenkomst_datum": _("Deze datum ligt in de toekomst.")}
            )
        if (
            self.verwerkersovereenkomst_einde
            and self.verwerkersovereenkomst_datum
            and self.verwerkersovereenkomst_einde < self.verwerkersovereenkomst_datum
        ):
            raise ValidationError(
                {
                    "verwerkersovereenkomst_einde": _(
                        "Deze datum ligt vóór de datum waarop het bestuur tekende."
                    )
                }
            )

    @property
    def verwerkersovereenkomst_geldig(self) -> bool:
        """R33: signed and not yet ended."""
        return self.verwerkersovereenkomst and not (
            self.verwerkersovereenkomst_einde
            and self.verwerkersovereenkomst_einde < timezone.localdate()
        )


class School(models.Model):
    """A school location (vestiging), known by BRIN and vestigingsnummer.

    `aangesloten` is False for a school of another SWV that may still submit here (R8).
    """

    swv = models.ForeignKey(
        Samenwerkingsverband,
        on_delete=models.PROTECT,
        related_name="scholen",
        verbose_name=_("samenwerkingsverband"),
    )
    naam = models.CharField(_("naam"), max_length=200)
    code = models.CharField(
        _("BRIN en vestiging"),
        max_length=6,
        validators=[brin_vestiging_validator],
        help_text=_("Zes tekens: BRIN (bijvoorbeeld 12AB) en vestigingsnummer (bijvoorbeeld 00)."),
    )
    straat = models.CharField(_("straat"), max_length=200, blank=True)
    huisnummer = models.CharField(_("huisnummer"), max_length=20, blank=True)
    postcode = models.CharField(
        _("postcode"), max_length=7, blank=True, validators=[postcode_validator]
    )
    plaats = models.CharField(_("plaats"), max_length=100, blank=True)
    bestuur = models.ForeignKey(
        Bestuur, on_delete=models.PROTECT, related_name="scholen", verbose_name=_("bestuur")
    )
    regio = models.ForeignKey(
        Regio,
        on_delete=models.PROTECT,
        related_name="scholen",
        null=True,
        blank=True,
        verbose_name=_("regio"),
    )
    aangesloten = models.BooleanField(
        _("aangesloten bij dit samenwerkingsverband"),
        default=True,
        help_text=_(
            "Uit voor een school van een ander samenwerkingsverband die hier mag indienen."
        ),
    )
    gesloten_op = models.DateField(
        _("gesloten op"),
        null=True,
        blank=True,
        help_text=_("Vanaf deze dag geen nieuwe hulpvragen; lopende blijven bereikbaar (R45)."),
    )
    # R45: merged into another school of the SWV. From `opgegaan_op` on, the staff of that
    # school (and of any school it merges into later) see this school's pupils and hulpvragen
    # (accounts.rechten.eigen_scholen); the school itself is closed from that day.
    opgegaan_in = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        related_name="opgenomen_scholen",
        null=True,
        blank=True,
        verbose_name=_("opgegaan in"),
    )
    opgegaan_op = models.DateField(_("samengevoegd op"), null=True, blank=True)

    class Meta:
        verbose_name = _("school")
        verbose_name_plural = _("scholen")
        ordering = ["naam"]
        constraints = [
            models.UniqueConstraint(
                fields=["swv", "code"],
                name="school_code_uniek_per_swv",
                violation_error_message=_(
                    "Dit samenwerkingsverband kent al een school met deze BRIN en vestiging."
                ),
            )
        ]

    def __str__(self) -> str:
        return f"{self.naam} ({self.code})"

    @property
    def brin(self) -> str:
        return self.code[:4]

    @property
    def vestiging(self) -> str:
        return self.code[4:]

    def clean_fields(self, exclude: Collection[str] | None = None) -> None:
        self.code = normalize_code(self.code)
        self.postcode = normalize_postcode(self.postcode)
        super().clean_fields(exclude)

    def clean(self) -> None:
        errors = {}
        if self.bestuur_id and self.swv_id and self.bestuur.swv_id != self.swv_id:
            errors["bestuur"] = _("Kies een bestuur van hetzelfde samenwerkingsverband.")
        if self.regio is not None and self.swv_id and self.regio.swv_id != self.swv_id:
            errors["regio"] = _("Kies een regio van hetzelfde samenwerkingsverband.")
        if self.aangesloten and not self.regio_id:
            errors["regio"] = _("Een aangesloten school hoort bij een regio.")
        if self.opgegaan_in_id is not None:
            if self.opgegaan_in_id == self.pk:
                errors["opgegaan_in"] = _("Een school kan niet in zichzelf opgaan.")
            elif self.swv_id and self.opgegaan_in.swv_id != self.swv_id:  # type: ignore[union-attr]
                errors["opgegaan_in"] = _("Kies een school van hetzelfde samenwerkingsverband.")
            if self.opgegaan_op is None:
                errors["opgegaan_op"] = _("Vul de datum van de samenvoeging in.")
        if errors:
            raise ValidationError(errors)

    def opgegaan(self, op: date | None = None) -> bool:
        """Merged into another school on or before day `op` (today by default)."""
        return self.opgegaan_op is not None and self.opgegaan_op <= (op or timezone.localdate())


class Schoolgeschiedenis(AlleenToevoegen):
    """R45: a school through its life, one row per change with the day it takes effect: how
    the school was named and coded, in which regio and under which bestuur, from that day on.
    Appended, never changed; the first row is the school as it was when its history began."""

    class Soort(models.TextChoices):
        AANGEMAAKT = "aangemaakt", _("nieuwe school")
        BEGIN = "begin", _("begin van de geschiedenis")
        GEWIJZIGD = "gewijzigd", _("gewijzigd")
        GESLOTEN = "gesloten", _("gesloten")
        HEROPEND = "heropend", _("heropend")
        SAMENGEVOEGD = "samengevoegd", _("opgegaan in een andere school")
        OPGENOMEN = "opgenomen", _("een andere school opgenomen")

    school = models.ForeignKey(
        School, on_delete=models.PROTECT, related_name="geschiedenis", verbose_name=_("school")
    )
    soort = models.CharField(_("soort"), max_length=20, choices=Soort.choices)
    ingangsdatum = models.DateField(_("met ingang van"))
    naam = models.CharField(_("naam"), max_length=200)
    code = models.CharField(_("BRIN en vestiging"), max_length=6)
    regio = models.CharField(_("regio"), max_length=100, blank=True)
    bestuur = models.CharField(_("bestuur"), max_length=220, blank=True)
    wijzigingen = models.JSONField(
        _("wijzigingen"), default=list, blank=True, help_text=_("Welke gegevens veranderden.")
    )
    andere_school = models.CharField(
        _("andere school"),
        max_length=220,
        blank=True,
        help_text=_("Bij een samenvoeging: de andere school, zoals die toen heette."),
    )
    vastgelegd_op = models.DateTimeField(_("vastgelegd op"), default=timezone.now)
    vastgelegd_door = models.CharField(_("vastgelegd door"), max_length=150, blank=True)

    objects = AlleenToevoegenQuerySet.as_manager()

    class Meta:
        verbose_name = _("schoolgeschiedenis")
        verbose_name_plural = _("schoolgeschiedenis")
        ordering = ["school", "ingangsdatum", "vastgelegd_op", "pk"]

    def __str__(self) -> str:
        return f"{self.school_id} {self.ingangsdatum:%d-%m-%Y} {self.naam} ({self.code})"

"""Forms as data (R21, R23-R31): an SWV's form definitions, each with numbered versions that
never change once saved, and the forms filled on a hulpvraag against one version.

A filled form keeps the version it was started on: editing a definition adds a version and
leaves every filled form as its users saw it.
"""

from functools import cached_property

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from passend.accounts.models import Gebruiker
from passend.core.models import AlleenToevoegen, AlleenToevoegenQuerySet
from passend.formulieren.definitie import Definitie, definitie_lezen
from passend.hulpvragen.models import Hulpvraag
from passend.hulpvragen.query import ViaHulpvraagQuerySet
from passend.organisaties.models import Samenwerkingsverband
from passend.processen.models import Hulpvraagtitel, Status


class Formulierdefinitie(models.Model):
    swv = models.ForeignKey(
        Samenwerkingsverband,
        on_delete=models.PROTECT,
        related_name="formulierdefinities",
        verbose_name=_("samenwerkingsverband"),
    )
    code = models.SlugField(_("code"), max_length=60)
    naam = models.CharField(_("naam"), max_length=150)
    koppelen_bij = models.ManyToManyField(
        Status,
        blank=True,
        related_name="+",
        verbose_name=_("koppelen bij status"),
        help_text=_("Een hulpvraag die deze status krijgt, krijgt dit formulier erbij."),
    )
    alleen_voor_titels = models.ManyToManyField(
        Hulpvraagtitel,
        blank=True,
        related_name="+",
        verbose_name=_("alleen voor titels"),
        help_text=_("Leeg: bij elke titel van het proces."),
    )

    class Meta:
        verbose_name = _("formulierdefinitie")
        verbose_name_plural = _("formulierdefinities")
        ordering = ["swv", "naam"]
        constraints = [
            models.UniqueConstraint(fields=["swv", "code"], name="formulier_code_uniek_per_swv")
        ]

    def __str__(self) -> str:
        return str(self.naam)

    def huidige_versie(self) -> "Formulierversie | None":
        return self.versies.order_by("-nummer").first()


class Formulierversie(AlleenToevoegen):
    """One saved state of a definition; append-only, so a filled form's questions stay put."""

    definitie = models.ForeignKey(
        Formulierdefinitie,
        on_delete=models.PROTECT,
        related_name="versies",
        verbose_name=_("definitie"),
    )
    nummer = models.PositiveIntegerField(_("versie"))
    inhoud = models.JSONField(_("inhoud"))
    aangemaakt_op = models.DateTimeField(_("aangemaakt op"), default=timezone.now)
    aangemaakt_door = models.ForeignKey(
        Gebruiker,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("aangemaakt door"),
        help_text=_("Leeg: geladen uit een preset."),
    )

    objects = AlleenToevoegenQuerySet.as_manager()

    class Meta:
        verbose_name = _("formulierversie")
        verbose_name_plural = _("formulierversies")
        ordering = ["definitie", "nummer"]
        constraints = [
            models.UniqueConstraint(fields=["definitie", "nummer"], name="formulierversie_uniek")
        ]

    def __str__(self) -> str:
        return f"{self.definitie} (versie {self.nummer})"

    @cached_property
    def definitie_gelezen(self) -> Definitie:
        return definitie_lezen(self.inhoud)


class Formulier(models.Model):
    """A form on one hulpvraag. `antwoorden` maps a question's code to its stored value (see
    waarden.py); signatures are rows of their own."""

    hulpvraag = models.ForeignKey(
        Hulpvraag, on_delete=models.PROTECT, related_name="formulieren", verbose_name=_("hulpvraag")
    )
    versie = models.ForeignKey(
        Formulierversie, on_delete=models.PROTECT, related_name="+", verbose_name=_("versie")
    )
    antwoorden = models.JSONField(_("antwoorden"), default=dict, blank=True)
    bevoegd_gezag = models.ForeignKey(
        Gebruiker,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="formulieren_als_bevoegd_gezag",
        verbose_name=_("bevoegd gezag"),
    )
    ingediend_op = models.DateTimeField(
        _("ingediend op"),
        null=True,
        blank=True,
        help_text=_("Gezet als de school indient; leeg zodra de school weer moet aanvullen."),
    )
    aangemaakt_op = models.DateTimeField(_("aangemaakt op"), default=timezone.now)
    gewijzigd_op = models.DateTimeField(_("gewijzigd op"), default=timezone.now)

    objects = ViaHulpvraagQuerySet.as_manager()

    class Meta:
        verbose_name = _("formulier")
        verbose_name_plural = _("formulieren")
        ordering = ["hulpvraag", "aangemaakt_op", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["hulpvraag", "versie"], name="formulier_eenmaal"),
        ]

    def __str__(self) -> str:
        return str(self.versie.definitie)

    @property
    def definitie(self) -> Definitie:
        return self.versie.definitie_gelezen


class Ondertekening(models.Model):
    """A signature question answered: a deliberate act by a logged-in user with both factors,
    also in the access log. Withdrawn (never deleted) by whoever placed it, before submission."""

    formulier = models.ForeignKey(
        Formulier,
        on_delete=models.PROTECT,
        related_name="ondertekeningen",
        verbose_name=_("formulier"),
    )
    vraag = models.CharField(_("vraag"), max_length=60)
    door = models.ForeignKey(
        Gebruiker, on_delete=models.PROTECT, related_name="+", verbose_name=_("door")
    )
    op = models.DateTimeField(_("op"), default=timezone.now)
    ingetrokken_op = models.DateTimeField(_("ingetrokken op"), null=True, blank=True)

    class Meta:
        verbose_name = _("ondertekening")
        verbose_name_plural = _("ondertekeningen")
        ordering = ["formulier", "op"]
        constraints = [
            models.UniqueConstraint(
                fields=["formulier", "vraag"],
                condition=models.Q(ingetrokken_op__isnull=True),
                name="een_geldige_ondertekening_per_vraag",
            )
        ]

    def __str__(self) -> str:
        return f"{self.vraag}: {self.door} ({self.op:%d-%m-%Y})"


class Termijn(models.Model):
    """A date answered on a form that someone must be reminded of (a question with
    `herinneren`): the evaluation deadline of an ondersteuningsbudget, a TLV's end date. Kept as
    a row so the periodic job finds what is due by index, not by reading every form."""

    formulier = models.ForeignKey(
        Formulier, on_delete=models.CASCADE, related_name="termijnen", verbose_name=_("formulier")
    )
    vraag = models.CharField(_("vraag"), max_length=60)
    datum = models.DateField(_("datum"))
    herinneren_vanaf = models.DateField(_("herinneren vanaf"), db_index=True)
    ook_na_einde = models.BooleanField(
        _("ook na afronding"),
        default=False,
        help_text=_("Ook herinneren als de hulpvraag is afgerond (de einddatum van een TLV)."),
    )
    school_herinnerd_op = models.DateTimeField(_("school herinnerd op"), null=True, blank=True)
    verlopen_gemeld_op = models.DateTimeField(_("verlopen gemeld op"), null=True, blank=True)

    class Meta:
        verbose_name = _("termijn")
        verbose_name_plural = _("termijnen")
        constraints = [
            models.UniqueConstraint(fields=["formulier", "vraag"], name="termijn_per_vraag")
        ]

    def __str__(self) -> str:
        return f"{self.vraag}: {self.datum:%d-%m-%Y}"

from typing import Any

from django.contrib.auth.base_user import AbstractBaseUser, BaseUserManager
from django.contrib.auth.models import PermissionsMixin
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from passend.organisaties.models import Samenwerkingsverband, School


class Rol(models.Model):
    """A role is data: what it may do is decided by rules that name its code, not by user flags."""

    class Kant(models.TextChoices):
        SCHOOL = "school", _("school")
        SWV = "swv", _("samenwerkingsverband")
        EXTERN = "extern", _("extern")

    code = models.SlugField(_("code"), max_length=40, unique=True)
    naam = models.CharField(_("naam"), max_length=100)
    kant = models.CharField(_("kant"), max_length=10, choices=Kant.choices)
    aan_scholen_gekoppeld = models.BooleanField(
        _("aan scholen gekoppeld"),
        default=False,
        help_text=_("Een account met deze rol hoort bij een of meer scholen."),
    )

    class Meta:
        verbose_name = _("rol")
        verbose_name_plural = _("rollen")
        ordering = ["kant", "naam"]

    def __str__(self) -> str:
        return str(self.naam)


class GebruikerManager(BaseUserManager["Gebruiker"]):
    def create_user(
        self, gebruikersnaam: str, email: str, password: str | None = None, **velden: Any
    ) -> "Gebruiker":
        swv = velden.pop("swv")
        gebruiker = self.model(
            gebruikersnaam=gebruikersnaam,
            email=self.normalize_email(email),
            # `createsuperuser` passes the SWV's primary key, code passes the object.
            swv_id=swv if isinstance(swv, int) else swv.pk,
            **velden,
        )
        if password:
            gebruiker.set_password(password)
        else:
            gebruiker.set_unusable_password()
        gebruiker.full_clean()
        gebruiker.save()
        return gebruiker

    def create_superuser(
        self, gebruikersnaam: str, email: str, password: str | None = None, **velden: Any
    ) -> "Gebruiker":
        """The operator's first account, for the technical admin; still asked for a code."""
        gebruiker = self.create_user(
            gebruikersnaam, email, password, is_staff=True, is_superuser=True, **velden
        )
        gebruiker.rollen.set(Rol.objects.filter(code="applicatiebeheerder"))
        return gebruiker

    def get_by_natural_key(self, username: str | None) -> "Gebruiker":
        # A username alone does not identify an account: it is unique within one SWV only.
        # Natural keys look like "PO2806/jdevries".
        code, _, gebruikersnaam = (username or "").partition("/")
        return self.get(swv__code=code, gebruikersnaam=gebruikersnaam)


class Gebruiker(AbstractBaseUser, PermissionsMixin):
    """A personal account at one samenwerkingsverband (R42, R43)."""

    swv = models.ForeignKey(
        Samenwerkingsverband,
        on_delete=models.PROTECT,
        related_name="gebruikers",
        verbose_name=_("samenwerkingsverband"),
    )
    gebruikersnaam = models.CharField(_("gebruikersnaam"), max_length=150)
    voornaam = models.CharField(_("voornaam"), max_length=100)
    tussenvoegsel = models.CharField(_("tussenvoegsel"), max_length=30, blank=True)
    achternaam = models.CharField(_("achternaam"), max_length=150)
    email = models.EmailField(_("e-mailadres"))
    rollen = models.ManyToManyField(Rol, related_name="gebruikers", verbose_name=_("rollen"))
    scholen = models.ManyToManyField(
        School, related_name="medewerkers", blank=True, verbose_name=_("scholen")
    )
    statusmails_ontvangen = models.BooleanField(
        _("statusmails ontvangen"),
        default=True,
        help_text=_("Een e-mail bij elke statuswijziging van hulpvragen die u aanvroeg."),
    )
    is_active = models.BooleanField(_("actief"), default=True)
    is_staff = models.BooleanField(
        _("toegang tot technisch beheer"),
        default=False,
        help_text=_("Alleen voor de beheerders die de installatie onderhouden."),
    )
    aangemaakt_op = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)
    deactiveren_op = models.DateField(
        _("uitzetten op"),
        null=True,
        blank=True,
        help_text=_("Vanaf deze dag kan het account niet meer aanmelden (R44)."),
    )
    authenticator_via_link = models.BooleanField(
        _("authenticator alleen via link"),
        default=False,
        help_text=_(
            "Een authenticator-app wordt alleen ingesteld via de link uit een uitnodiging of "
            "herstelmail, nooit met alleen het wachtwoord (B11)."
        ),
    )

    objects = GebruikerManager()

    USERNAME_FIELD = "gebruikersnaam"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["swv", "email", "voornaam", "achternaam"]

    class Meta:
        verbose_name = _("gebruiker")
        verbose_name_plural = _("gebruikers")
        ordering = ["swv", "achternaam", "voornaam"]
        constraints = [
            models.UniqueConstraint(
                fields=["swv", "gebruikersnaam"],
                name="gebruikersnaam_uniek_per_swv",
                violation_error_message=_(
                    "Deze gebruikersnaam bestaat al bij dit samenwerkingsverband."
                ),
            )
        ]
        indexes = [models.Index(fields=["swv", "email"], name="gebruiker_swv_email")]

    def __str__(self) -> str:
        return f"{self.volledige_naam} ({self.swv.code}/{self.gebruikersnaam})"

    @property
    def volledige_naam(self) -> str:
        return self.naam_uit(self.voornaam, self.tussenvoegsel, self.achternaam)

    @staticmethod
    def naam_uit(voornaam: str, tussenvoegsel: str, achternaam: str) -> str:
        """The full name from its parts, for lists that read only these columns."""
        return " ".join(deel for deel in (voornaam, tussenvoegsel, achternaam) if deel)

    def get_full_name(self) -> str:
        return self.volledige_naam

    def get_short_name(self) -> str:
        return self.voornaam

    def natural_key(self) -> tuple[str]:
        return (f"{self.swv.code}/{self.gebruikersnaam}",)


class Schoolcontactpersoon(models.Model):
    """The SWV's contact person for a school: first point of contact, and by default the
    coördinator of the school's hulpvragen (R32)."""

    school = models.OneToOneField(
        School,
        on_delete=models.CASCADE,
        related_name="schoolcontactpersoon",
        verbose_name=_("school"),
    )
    gebruiker = models.ForeignKey(
        Gebruiker,
        on_delete=models.PROTECT,
        related_name="scp_voor",
        verbose_name=_("schoolcontactpersoon"),
    )

    class Meta:
        verbose_name = _("schoolcontactpersoon")
        verbose_name_plural = _("schoolcontactpersonen")

    def __str__(self) -> str:
        return f"{self.gebruiker.volledige_naam} – {self.school.naam}"

    def clean(self) -> None:
        if self.school_id and self.gebruiker_id:
            if self.gebruiker.swv_id != self.school.swv_id:
                raise ValidationError(
                    {"gebruiker": _("Kies een account van het samenwerkingsverband van de school.")}
                )
            if not self.gebruiker.rollen.filter(code="schoolcontactpersoon").exists():
                raise ValidationError(
                    {"gebruiker": _("Dit account heeft niet de rol schoolcontactpersoon.")}
                )


class Herstelverzoek(models.Model):
    """One "Wachtwoord vergeten" request, counted per client address for the limit on reset
    requests; rows older than an hour are removed with the next request."""

    tijd = models.DateTimeField(_("tijd"), default=timezone.now, db_index=True)
    client_adres = models.GenericIPAddressField(_("clientadres"), null=True)

    class Meta:
        verbose_name = _("verzoek om wachtwoordherstel")
        verbose_name_plural = _("verzoeken om wachtwoordherstel")

    def __str__(self) -> str:
        return f"{self.client_adres} {self.tijd:%Y-%m-%d %H:%M}"


class Herstelmail(models.Model):
    """One reset mail sent, counted per account for the limit on reset mails."""

    tijd = models.DateTimeField(_("tijd"), default=timezone.now, db_index=True)
    gebruiker = models.ForeignKey(
        Gebruiker, on_delete=models.CASCADE, related_name="+", verbose_name=_("account")
    )

    class Meta:
        verbose_name = _("herstelmail")
        verbose_name_plural = _("herstelmails")

    def __str__(self) -> str:
        return f"{self.gebruiker_id} {self.tijd:%Y-%m-%d %H:%M}"


class Uitnodiging(models.Model):
    """A single-use link that activates a new account: set a password, then enrol an
    authenticator app. Only a hash of the link's token is kept, so the table gives no link away.
    Made for external participants of an overlegronde; any invited account can use it. Of soort
    AUTHENTICATOR it enrols a new authenticator app after a lost second factor (B11)."""

    class Soort(models.TextChoices):
        ACTIVEREN = "activeren", _("account activeren")
        AUTHENTICATOR = "authenticator", _("nieuwe authenticator-app instellen")

    gebruiker = models.ForeignKey(
        Gebruiker, on_delete=models.CASCADE, related_name="uitnodigingen", verbose_name=_("account")
    )
    soort = models.CharField(
        _("soort"), max_length=20, choices=Soort.choices, default=Soort.ACTIVEREN
    )
    token_hash = models.CharField(_("token (SHA-256)"), max_length=64, unique=True)
    aangemaakt_op = models.DateTimeField(_("aangemaakt op"), default=timezone.now)
    verloopt_op = models.DateTimeField(_("verloopt op"))
    gebruikt_op = models.DateTimeField(_("gebruikt op"), null=True, blank=True)

    class Meta:
        verbose_name = _("uitnodiging")
        verbose_name_plural = _("uitnodigingen")
        ordering = ["-aangemaakt_op"]

    def __str__(self) -> str:
        return f"{self.gebruiker_id} {self.aangemaakt_op:%Y-%m-%d %H:%M}"

    @property
    def verlopen(self) -> bool:
        return timezone.now() >= self.verloopt_op

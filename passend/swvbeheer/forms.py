from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from passend.accounts import rollen as rolcodes
from passend.accounts.models import Gebruiker, Rol
from passend.core.forms import DatumField, NaamField
from passend.organisaties.models import Bestuur, Regio, School
from passend.swvbeheer.models import Wijzigingsverzoek

ACTIEF_KEUZES = [("", _("Alle")), ("ja", _("Actief")), ("nee", _("Uitgezet"))]
AUTHENTICATOR_KEUZES = [("", _("Alle")), ("ja", _("Ingesteld")), ("nee", _("Niet ingesteld"))]
AANGEMELD_KEUZES = [
    ("", _("Alle")),
    ("nooit", _("Nooit aangemeld")),
    ("30", _("Niet in de laatste 30 dagen")),
    ("90", _("Niet in de laatste 90 dagen")),
    ("365", _("Niet in het laatste jaar")),
]


def _rollen() -> Any:
    # Parents' accounts are not made here.
    return Rol.objects.exclude(code=rolcodes.OUDER).order_by("kant", "naam")


class AccountFilterForm(forms.Form):
    """R42: the account list's filters (GET)."""

    zoek = forms.CharField(label=_("Zoek op naam, gebruikersnaam of e-mail"), required=False)
    rol = forms.ChoiceField(label=_("Rol"), required=False)
    school = forms.ChoiceField(label=_("School"), required=False)
    actief = forms.ChoiceField(label=_("Actief"), choices=ACTIEF_KEUZES, required=False)
    laatst_aangemeld = forms.ChoiceField(
        label=_("Laatst aangemeld"), choices=AANGEMELD_KEUZES, required=False
    )
    authenticator = forms.ChoiceField(
        label=_("Tweede factor"), choices=AUTHENTICATOR_KEUZES, required=False
    )

    def __init__(self, *args: Any, door: Gebruiker, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        rol_veld = cast(forms.ChoiceField, self.fields["rol"])
        rol_veld.choices = [("", _("Alle rollen"))] + [
            (rol.code, rol.naam) for rol in Rol.objects.order_by("kant", "naam")
        ]
        school_veld = cast(forms.ChoiceField, self.fields["school"])
        school_veld.choices = [("", _("Alle scholen"))] + [
            (str(pk), f"{naam} ({code})")
            for pk, naam, code in School.objects.filter(swv=door.swv_id)
            .order_by("naam")
            .values_list("pk", "naam", "code")
        ]

    def filters(self) -> dict[str, Any]:
        if not self.is_valid():
            return {}
        gegevens = dict(self.cleaned_data)
        gegevens["school"] = int(gegevens["school"]) if gegevens.get("school") else None
        return gegevens


class AccountForm(forms.Form):
    """Name, e-mail, roles and schools; on invitation also the user name."""

    gebruikersnaam = forms.CharField(
        label=_("Gebruikersnaam"),
        max_length=150,
        help_text=_("Uniek binnen uw samenwerkingsverband, bijvoorbeeld jdevries."),
    )
    voornaam = NaamField(label=_("Voornaam"), max_length=100)
    tussenvoegsel = NaamField(label=_("Tussenvoegsel"), max_length=30, required=False)
    achternaam = NaamField(label=_("Achternaam"), max_length=150)
    email = forms.EmailField(label=_("E-mailadres"))
    rollen = forms.ModelMultipleChoiceField(
        label=_("Rollen"), queryset=Rol.objects.none(), widget=forms.CheckboxSelectMultiple
    )
    scholen = forms.ModelMultipleChoiceField(
        label=_("Scholen"),
        queryset=School.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("Voor rollen op een school: de scholen waar dit account werkt."),
    )

    def __init__(self, *args: Any, door: Gebruiker, nieuw: bool = True, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["rollen"].queryset = _rollen()  # type: ignore[attr-defined]
        self.fields["scholen"].queryset = School.objects.filter(swv=door.swv_id).order_by("naam")  # type: ignore[attr-defined]
        if not nieuw:
            del self.fields["gebruikersnaam"]


class DeactiverenForm(forms.Form):
    op = DatumField(
        label=_("Uitzetten op"),
        help_text=_(
            "Vandaag zet het account direct uit en beëindigt zijn sessies; een latere datum "
            "zet het die dag uit. Schrijf als dd-mm-jjjj."
        ),
    )


class AuthenticatorHerstellenForm(forms.Form):
    """B11: the identity check that the SWV records before a second factor is reset."""

    gecontroleerd_door = forms.CharField(
        label=_("Identiteit gecontroleerd door"),
        max_length=200,
        help_text=_("Wie de identiteit van de gebruiker heeft gecontroleerd."),
    )
    controle = forms.CharField(
        label=_("Hoe is de identiteit gecontroleerd?"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "Bijvoorbeeld: teruggebeld op het bij de school bekende nummer; legitimatiebewijs "
            "gezien. Noem geen nummer van een identiteitsbewijs."
        ),
    )


class _AccountKeuze(forms.ModelChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.volledige_naam} ({obj.gebruikersnaam})"


class PersoneelswisselForm(forms.Form):
    """R44: the leaving account and the one taking over, both of the administrator's SWV."""

    vertrekkend = _AccountKeuze(
        label=_("Vertrekkende medewerker"),
        queryset=Gebruiker.objects.none(),
        empty_label=_("Kies een account"),
    )
    nieuw = _AccountKeuze(
        label=_("Neemt het werk over"),
        queryset=Gebruiker.objects.none(),
        empty_label=_("Kies een account"),
        help_text=_("Een actief account van een medewerker van dezelfde school."),
    )

    def __init__(self, *args: Any, door: Gebruiker, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        eigen = Gebruiker.objects.filter(swv=door.swv_id).order_by("achternaam", "voornaam")
        cast(_AccountKeuze, self.fields["vertrekkend"]).queryset = eigen
        cast(_AccountKeuze, self.fields["nieuw"]).queryset = eigen.filter(
            is_active=True, rollen__kant=Rol.Kant.SCHOOL
        ).distinct()


class SchoolForm(forms.Form):
    """R45: a school's name, BRIN and vestiging, regio and bestuur, from a date."""

    naam = NaamField(label=_("Naam"), max_length=200)
    code = forms.CharField(
        label=_("BRIN en vestiging"),
        max_length=6,
        help_text=_("Zes tekens: BRIN (bijvoorbeeld 12AB) en vestigingsnummer (bijvoorbeeld 00)."),
    )
    regio = forms.ModelChoiceField(
        label=_("Regio"), queryset=Regio.objects.none(), empty_label=_("Kies een regio")
    )
    bestuur = forms.ModelChoiceField(
        label=_("Bestuur"), queryset=Bestuur.objects.none(), empty_label=_("Kies een bestuur")
    )
    ingangsdatum = DatumField(
        label=_("Met ingang van"),
        help_text=_("De dag waarop de school zo heet, deze code heeft of zo valt. dd-mm-jjjj."),
    )

    def __init__(self, *args: Any, door: Gebruiker, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["regio"]).queryset = Regio.objects.filter(  # type: ignore[type-arg]
            swv=door.swv_id
        ).order_by("naam")
        cast(forms.ModelChoiceField, self.fields["bestuur"]).queryset = Bestuur.objects.filter(  # type: ignore[type-arg]
            swv=door.swv_id
        ).order_by("naam")


class SluitenForm(forms.Form):
    op = DatumField(
        label=_("Gesloten op"),
        help_text=_("Vanaf deze dag geen nieuwe hulpvragen bij deze school. dd-mm-jjjj."),
    )


class _SchoolKeuze(forms.ModelChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.naam} ({obj.code})"


class SamenvoegenForm(forms.Form):
    """R45: the school this one goes up in, and from which day."""

    in_school = _SchoolKeuze(
        label=_("Opgaan in school"),
        queryset=School.objects.none(),
        empty_label=_("Kies een school"),
        help_text=_(
            "De medewerkers van deze school zien vanaf de samenvoegdatum de leerlingen en "
            "hulpvragen van de school die opgaat."
        ),
    )
    op = DatumField(
        label=_("Samengevoegd op"),
        help_text=_(
            "Vanaf deze dag: geen nieuwe hulpvragen meer bij de school die opgaat. Uiterlijk "
            "een jaar vooruit. dd-mm-jjjj."
        ),
    )

    def __init__(self, *args: Any, door: Gebruiker, school: School, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Every school of the own SWV but this one; the service says why a choice cannot be.
        cast(_SchoolKeuze, self.fields["in_school"]).queryset = (
            School.objects.filter(swv=door.swv_id).exclude(pk=school.pk).order_by("naam", "code")
        )


class BestuurForm(forms.Form):
    """R33: the verwerkersovereenkomst of a bestuur: signed on, ends on."""

    verwerkersovereenkomst_datum = DatumField(
        label=_("Verwerkersovereenkomst getekend op"),
        required=False,
        help_text=_("Leeg als het bestuur nog niet tekende. dd-mm-jjjj."),
    )
    verwerkersovereenkomst_einde = DatumField(
        label=_("Verwerkersovereenkomst loopt af op"),
        required=False,
        help_text=_("Leeg als de overeenkomst geen einddatum heeft. dd-mm-jjjj."),
    )


class WijzigingsverzoekForm(forms.Form):
    """R44: a school's request to the SWV. The service checks the fields per kind; the form
    only parses them, so nothing typed is lost when one is wrong."""

    soort = forms.ChoiceField(
        label=_("Wat verandert er?"),
        choices=Wijzigingsverzoek.Soort.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Kies wat er verandert.")},
    )
    school = forms.ModelChoiceField(
        label=_("School"),
        queryset=School.objects.none(),
        empty_label=_("Kies een school"),
        error_messages={
            "required": _("Kies de school."),
            "invalid_choice": _("Kies een van uw eigen scholen."),
        },
    )
    vertrekkend = _AccountKeuze(
        label=_("Medewerker die vertrekt"),
        queryset=Gebruiker.objects.none(),
        required=False,
        empty_label=_("Kies een medewerker"),
        help_text=_("Alleen bij een personeelswissel."),
        error_messages={"invalid_choice": _("Kies een medewerker van uw school.")},
    )
    nieuwe_naam = NaamField(
        label=_("Naam van de nieuwe medewerker"),
        max_length=200,
        required=False,
        help_text=_("Alleen bij een personeelswissel."),
    )
    nieuwe_email = forms.CharField(
        label=_("E-mailadres van de nieuwe medewerker"),
        max_length=254,
        required=False,
        help_text=_("Een zakelijk adres van de school. Alleen bij een personeelswissel."),
    )
    ingangsdatum = DatumField(
        label=_("Met ingang van"),
        required=False,
        help_text=_(
            "Bij een personeelswissel: de eerste werkdag van de nieuwe medewerker. dd-mm-jjjj."
        ),
    )
    omschrijving = forms.CharField(
        label=_("Toelichting"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "Bij schoolgegevens: wat verandert er (bijvoorbeeld een nieuwe naam, een nieuw "
            "adres of een nieuwe BRIN/vestiging). Noem geen leerlingen."
        ),
    )

    def __init__(
        self, *args: Any, door: Gebruiker, scholen: Any, collegas: Any, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["school"]).queryset = scholen  # type: ignore[type-arg]
        cast(_AccountKeuze, self.fields["vertrekkend"]).queryset = collegas


class AfhandelenForm(forms.Form):
    notitie = forms.CharField(
        label=_("Notitie: wat is er gedaan?"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("De school leest deze notitie bij haar verzoek."),
        error_messages={
            "required": _("Schrijf in een notitie wat er is gedaan; de school leest die.")
        },
    )

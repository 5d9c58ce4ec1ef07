"""Forms of the direct-entry flow, labelled as in the manual's chapter "Nieuwe hulpvraag
rechtstreeks in Kindkans aanmaken"."""

from collections.abc import Iterable
from datetime import date
from typing import Any, cast

from django import forms
from django.db.models import QuerySet
from django.forms.utils import flatatt
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy as _
from django_stubs_ext import StrOrPromise

from passend.accounts.models import Gebruiker
from passend.core.forms import VROEGSTE_DATUM, DatumField, NaamField, TekstKeuzeField
from passend.dossiers.models import OUDSTE_LEEFTIJD, Adres, Leerling, Schoolgegevens
from passend.hulpvragen.models import Hulpvraag, Label
from passend.hulpvragen.selectors import (
    SORTERINGEN,
    STANDAARD_SORTERING,
    filterkeuzes,
    statussen_voor_filter,
)
from passend.organisaties.models import School
from passend.processen.models import Hulpvraagtitel, Status


def _volledige_naam(gebruiker: Gebruiker) -> str:
    return gebruiker.volledige_naam


def _keuzes(
    form: forms.BaseForm, veld: str, queryset: QuerySet[Any], *, toon_naam: bool = False
) -> None:
    """Limits a choice field to what this user may pick; accounts show their full name."""
    keuze = cast(forms.ModelChoiceField, form.fields[veld])  # type: ignore[type-arg]
    keuze.queryset = queryset
    if toon_naam:
        keuze.label_from_instance = _volledige_naam  # type: ignore[method-assign,assignment]


class _Keuzelijst(forms.Select):
    """A select written out in Python. Django renders each option through its own template;
    with the SWV's schools and staff as options that was most of the overview's rendering time.
    The same HTML: the attributes the bound field passes (id, aria-describedby, aria-invalid)
    and the chosen option marked selected."""

    def render(
        self, name: str, value: Any, attrs: dict[str, Any] | None = None, renderer: Any = None
    ) -> SafeString:
        gekozen = str(self.format_value(value)[0])
        opties = format_html_join(
            "",
            '<option value="{}"{}>{}</option>',
            (
                (waarde, mark_safe(" selected") if str(waarde) == gekozen else "", label)
                for waarde, label in self.choices
            ),
        )
        return format_html(
            '<select name="{}"{}>{}</select>',
            name,
            flatatt(self.build_attrs(self.attrs, attrs)),
            opties,
        )


def _keuzeveld(label: StrOrPromise, fout: StrOrPromise) -> forms.TypedChoiceField:
    # A plain choice of ids, filled per user in __init__: cleaning needs no extra query.
    return forms.TypedChoiceField(
        label=label,
        coerce=int,
        empty_value=None,
        required=False,
        widget=_Keuzelijst,
        error_messages={"invalid_choice": fout},
    )


def _vroegste_geboortedatum() -> date:
    """The oldest pupil a dossier accepts (Leerling.clean): an earlier date finds no one."""
    return date(timezone.localdate().year - OUDSTE_LEEFTIJD, 1, 1)


class HulpvraagZoekForm(forms.Form):
    """The search fields of the Hulpvragen overview (R50, R51), read from the URL (GET)."""

    naam = NaamField(
        label=_("Leerlingnaam"),
        max_length=100,
        required=False,
        help_text=_("Roepnaam of achternaam, of een deel ervan."),
        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off"}),
    )
    geboortedatum = DatumField(
        label=_("Geboortedatum"), required=False, vroegst=_vroegste_geboortedatum, tot_vandaag=True
    )
    school = _keuzeveld(_("School"), _("Kies een school uit de lijst."))
    regio = _keuzeveld(_("Regio"), _("Kies een regio uit de lijst."))
    titel = _keuzeveld(_("Hulpvraag"), _("Kies een hulpvraag uit de lijst."))
    status = forms.TypedMultipleChoiceField(
        label=_("Status"),
        coerce=int,
        required=False,
        error_messages={"invalid_choice": _("Kies statussen uit de lijst.")},
    )
    coordinator = _keuzeveld(_("Coördinator"), _("Kies een coördinator uit de lijst."))
    label = _keuzeveld(_("Label"), _("Kies een label uit de lijst."))
    van = DatumField(
        label=_("Hulpvraagdatum van"), required=False, vroegst=VROEGSTE_DATUM, tot_vandaag=True
    )
    tot = DatumField(
        label=_("Hulpvraagdatum tot en met"),
        required=False,
        vroegst=VROEGSTE_DATUM,
        tot_vandaag=True,
    )
    actie = forms.BooleanField(label=_("School moet actie ondernemen"), required=False)
    sorteer = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, data: Any, *, gebruiker: Gebruiker) -> None:
        super().__init__(data)
        alle = {
            "school": _("Alle scholen"),
            "regio": _("Alle regio's"),
            "titel": _("Alle hulpvragen"),
            "coordinator": _("Alle coördinatoren"),
            "label": _("Alle labels"),
        }
        for veld, keuzes in filterkeuzes(gebruiker).items():
            cast(forms.ChoiceField, self.fields[veld]).choices = [("", alle[veld]), *keuzes]
        self.status_groepen = statussen_voor_filter(gebruiker)
        cast(forms.ChoiceField, self.fields["status"]).choices = self.status_groepen

    def status_vinkjes(self) -> SafeString:
        """The status checkboxes, one fieldset per process, the chosen ones checked. Written
        out in Python like the selects: about fifty checkboxes through the template language
        were a third of the overview's rendering."""
        gekozen = self.gekozen_statussen()
        # The process in each label too (visually hidden; the legend shows it): "Aanmelding"
        # is in several processes, and a checkbox's name alone must say which one.
        vinkje = (
            '<div class="veld--vinkje"><input type="checkbox" name="status" value="{}"'
            ' id="id_status_{}"{}><label for="id_status_{}">{}'
            '<span class="visueel-verborgen"> ({})</span></label></div>'
        )
        return format_html_join(
            "",
            '<fieldset class="statusgroep"><legend>{}</legend>{}</fieldset>',
            (
                (
                    proces,
                    format_html_join(
                        "",
                        vinkje,
                        (
                            (
                                pk,
                                pk,
                                mark_safe(" checked") if str(pk) in gekozen else "",
                                pk,
                                naam,
                                proces,
                            )
                            for pk, naam in statussen
                        ),
                    ),
                )
                for proces, statussen in self.status_groepen
            ),
        )

    def clean_sorteer(self) -> str:
        # Not typed by anyone: an unknown value just falls back to the default order.
        sorteer: str = self.cleaned_data["sorteer"]
        return sorteer if sorteer.removeprefix("-") in SORTERINGEN else STANDAARD_SORTERING

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        van, tot = data.get("van"), data.get("tot")
        if van and tot and tot < van:
            self.add_error("tot", _("Deze datum ligt vóór de datum bij ‘Hulpvraagdatum van’."))
        return data

    def gekozen_statussen(self) -> set[str]:
        """The checked status ids as the template compares them (strings, also when invalid)."""
        return {str(waarde) for waarde in self["status"].value() or ()}

    def zoekvragen(self) -> dict[str, Any]:
        """The cleaned fields as `hulpvragen_zoeken` takes them."""
        data = dict(self.cleaned_data)
        data["statussen"] = data.pop("status")
        return data


class LeerlingZoekForm(forms.Form):
    naam = NaamField(
        label=_("Leerlingnaam"),
        max_length=100,
        required=False,
        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off"}),
    )


class BasisgegevensForm(forms.ModelForm):  # type: ignore[type-arg]
    geboortedatum = DatumField(
        label=_("Geboortedatum"),
        error_messages={
            "required": _("Vul de geboortedatum in."),
            "invalid": _("Vul de datum in als dd-mm-jjjj, bijvoorbeeld 03-09-2016."),
        },
    )
    toch_nieuw_dossier = forms.BooleanField(
        label=_("Dit is een andere leerling: toch een nieuw dossier aanmaken"), required=False
    )

    class Meta:
        model = Leerling
        fields = [
            "roepnaam",
            "tussenvoegsel",
            "achternaam",
            "geboortedatum",
            "geslacht",
            "ouder_emailadressen",
        ]
        field_classes = {"roepnaam": NaamField, "tussenvoegsel": NaamField, "achternaam": NaamField}
        widgets = {"ouder_emailadressen": forms.Textarea(attrs={"rows": 3})}
        error_messages = {
            "roepnaam": {"required": _("Vul de roepnaam in.")},
            "achternaam": {"required": _("Vul de achternaam in.")},
        }


class AdresForm(forms.ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = Adres
        fields = [
            "soort",
            "straat",
            "huisnummer",
            "toevoeging",
            "postcode",
            "plaats",
            "land",
            "opmerkingen",
        ]
        field_classes = {
            veld: NaamField for veld in ("straat", "toevoeging", "postcode", "plaats", "land")
        }
        widgets = {"opmerkingen": forms.Textarea(attrs={"rows": 2})}
        help_texts = {
            "postcode": _(
                "In Nederland verplicht, zoals 3011 AB. Buiten Nederland zoals in dat land, "
                "of leeg."
            ),
        }
        error_messages = {
            "straat": {"required": _("Vul de straat in.")},
            "huisnummer": {
                "required": _("Vul het huisnummer in."),
                "invalid": _("Vul het huisnummer in cijfers in; een letter hoort bij Toevoeging."),
                "min_value": _(
                    "Vul een huisnummer van 1 of hoger in; een letter hoort bij Toevoeging."
                ),
            },
            "plaats": {"required": _("Vul de plaats in.")},
        }


def _scholen_zoeker(scholen: QuerySet[School]) -> Any:
    def zoeken(tekst: str) -> list[School]:
        tekst = " ".join(tekst.split()).casefold()
        kandidaten = list(scholen)
        exact = [s for s in kandidaten if tekst in {str(s).casefold(), s.code.casefold()}]
        return exact or [s for s in kandidaten if tekst in str(s).casefold()]

    return zoeken


class SchoolgegevensForm(forms.Form):
    school = forms.CharField()  # replaced per user in __init__
    groep = forms.CharField(label=_("Groep"), max_length=20, required=False)
    sinds = DatumField(label=_("Op deze school sinds"), required=False)
    aanvrager = forms.ModelChoiceField(
        label=_("Aanvrager"),
        queryset=Gebruiker.objects.none(),
        help_text=_("Ontvangt de e-mails bij statuswijzigingen."),
        error_messages={"required": _("Kies de aanvrager.")},
    )
    contactpersoon = NaamField(
        label=_("Contactpersoon"),
        max_length=200,
        error_messages={"required": _("Vul de contactpersoon in.")},
    )
    email = forms.EmailField(
        label=_("E-mailadres"),
        error_messages={
            "required": _("Vul het e-mailadres van de contactpersoon in."),
            "invalid": _("Vul een geldig e-mailadres in, zoals naam@school.nl."),
        },
    )
    telefoon = forms.CharField(
        label=_("Telefoon"),
        max_length=20,
        required=False,
        help_text=_("Een zakelijk nummer; geen privénummer."),
    )

    def __init__(
        self, *args: Any, scholen: QuerySet[School], aanvragers: QuerySet[Gebruiker], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.scholen = scholen
        self.fields["school"] = TekstKeuzeField(
            zoeken=_scholen_zoeker(scholen),
            datalist_id="scholen",
            label=_("School"),
            help_text=_("Typ een paar letters van de schoolnaam en kies uw school."),
            error_messages={"required": _("Kies de school.")},
            niet_gevonden=_("Geen school gevonden bij ‘%(tekst)s’. Kies een school uit de lijst."),
            meerdere=_("Meerdere scholen passen bij ‘%(tekst)s’. Kies er een uit de lijst."),
        )
        _keuzes(self, "aanvrager", aanvragers, toon_naam=True)
        self.order_fields(["school", "groep", "sinds", "aanvrager", "contactpersoon"])


class SchoolgegevensBewerkenForm(forms.ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = Schoolgegevens
        fields = ["aanvrager", "contactpersoon", "email", "telefoon"]
        field_classes = {"contactpersoon": NaamField}
        error_messages = {
            "contactpersoon": {"required": _("Vul de contactpersoon in.")},
            "email": {
                "required": _("Vul het e-mailadres van de contactpersoon in."),
                "invalid": _("Vul een geldig e-mailadres in, zoals naam@school.nl."),
            },
        }

    # R44: offered for a new aanvrager, both on by default, so the mails follow the new one.
    contactpersoon_overnemen = forms.BooleanField(
        label=_("Bij een andere aanvrager: de nieuwe aanvrager wordt ook de contactpersoon"),
        required=False,
        initial=True,
    )
    email_overnemen = forms.BooleanField(
        label=_(
            "Bij een andere aanvrager: de e-mails gaan naar het e-mailadres van de nieuwe aanvrager"
        ),
        required=False,
        initial=True,
    )

    def __init__(self, *args: Any, aanvragers: QuerySet[Gebruiker], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _keuzes(self, "aanvrager", aanvragers, toon_naam=True)


class HulpvraagForm(forms.Form):
    schoolgegevens = forms.ModelChoiceField(
        label=_("Schoolgegevens"), queryset=Schoolgegevens.objects.none(), empty_label=None
    )
    titel = forms.ModelChoiceField(
        label=_("Titel"),
        queryset=Hulpvraagtitel.objects.none(),
        empty_label=_("Kies een titel"),
        error_messages={"required": _("Kies een titel uit de lijst.")},
    )
    omschrijving = forms.CharField(
        label=_("Omschrijving"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "Eventueel een korte toelichting, bijvoorbeeld bij een TLV-verlenging de einddatum "
            "en het nummer van de oude TLV. De naam van de leerling hoort hier niet."
        ),
    )
    hulpvraagdatum = DatumField(
        label=_("Hulpvraagdatum"),
        vroegst=VROEGSTE_DATUM,
        tot_vandaag=True,
        error_messages={"required": _("Vul de hulpvraagdatum in.")},
    )
    naam_toch_opslaan = forms.BooleanField(
        label=_("De naam staat er met reden in: toch opslaan"), required=False
    )

    def __init__(
        self,
        *args: Any,
        schoolgegevens: QuerySet[Schoolgegevens],
        titels: list[Hulpvraagtitel],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        _keuzes(self, "schoolgegevens", schoolgegevens)
        _keuzes(
            self,
            "titel",
            Hulpvraagtitel.objects.filter(pk__in=[t.pk for t in titels]).order_by("volgorde"),
        )


class StatusWijzigenForm(forms.Form):
    naar = forms.ModelChoiceField(
        label=_("Nieuwe status"),
        queryset=Status.objects.none(),
        empty_label=_("Kies een status"),
        error_messages={"required": _("Kies de nieuwe status.")},
    )
    reden = forms.CharField(
        label=_("Reden"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "Staat in de e-mail aan de school en in de statushistorie. Noem geen naam of "
            "andere gegevens van de leerling: de e-mail verwijst alleen naar de hulpvraag."
        ),
    )
    huidige_status = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(
        self, *args: Any, statussen: Iterable[Status], hulpvraag: Hulpvraag, **kwargs: Any
    ) -> None:
        """Offers `statussen`, the ones allowed now; accepts any status of the process, so
        the service decides (and says so) when the status changed in the meantime or the
        choice is not allowed from it."""
        super().__init__(*args, **kwargs)
        _keuzes(self, "naar", Status.objects.filter(proces=hulpvraag.status.proces_id))
        veld = cast(forms.ModelChoiceField, self.fields["naar"])  # type: ignore[type-arg]
        veld.widget.choices = [("", veld.empty_label), *((s.pk, s.naam) for s in statussen)]


class BehandelingForm(forms.Form):
    coordinator = forms.ModelChoiceField(
        label=_("Coördinator"),
        queryset=Gebruiker.objects.none(),
        required=False,
        empty_label=_("Geen"),
    )
    labels = forms.ModelMultipleChoiceField(
        label=_("Labels"),
        queryset=Label.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(
        self,
        *args: Any,
        medewerkers: QuerySet[Gebruiker],
        labels: QuerySet[Label],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        _keuzes(self, "coordinator", medewerkers, toon_naam=True)
        _keuzes(self, "labels", labels)

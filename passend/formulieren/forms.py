"""The Django form for filling in a form definition: one field per question the user may
write, typed by its kind. The service checks again; this form only turns text into values."""

from decimal import Decimal
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from passend.core.forms import DatumField
from passend.formulieren.definitie import SCHOOL, Definitie, Soort, Vraag
from passend.formulieren.models import Formulier
from passend.formulieren.services import (
    kiesbare_accounts,
    kiesbare_bijlagen,
    kiesbare_hulpvragen,
)
from passend.formulieren.waarden import uit_opslag

JA_NEE = [("", _("Kies")), ("ja", _("Ja")), ("nee", _("Nee"))]


class BedragField(forms.DecimalField):
    """Euros as Dutch users type them: "1.250,50", "1250,5" or "1250". A text field, not a
    number field: a browser's number field refuses the Dutch thousands point and comma."""

    widget = forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"})

    def widget_attrs(self, widget: forms.Widget) -> dict[str, Any]:
        return {}

    def to_python(self, value: Any) -> Any:
        if isinstance(value, str):
            value = value.strip().replace("€", "").replace(" ", "")
            if "," in value:
                value = value.replace(".", "").replace(",", ".")
        return super().to_python(value)


class JaNeeField(forms.TypedChoiceField):
    def __init__(self, **kwargs: Any) -> None:
        super().__init__(
            choices=JA_NEE,
            coerce=lambda waarde: waarde == "ja",
            empty_value=None,
            **kwargs,
        )


def _veld(vraag: Vraag, definitie: Definitie, formulier: Formulier | None) -> forms.Field:
    """The field of one question; without a filled form (SWV-beheer's preview) the accounts,
    attachments and hulpvragen to choose from are none."""
    # Required questions are checked as "still missing", not on save: a half-filled form saves.
    hulptekst = vraag.hulptekst
    if vraag.toon_als is not None:
        bron = definitie.vraag(vraag.toon_als.vraag)
        waarden = " of ".join(_als_keuze(w) for w in vraag.toon_als.waarden)
        hulptekst = " ".join(
            [
                str(
                    _("Alleen als het antwoord op ‘%(vraag)s’ %(waarden)s is.")
                    % {"vraag": bron.vraag if bron else "", "waarden": waarden}
                ),
                hulptekst,
            ]
        ).strip()
    gemeen: dict[str, Any] = {"label": vraag.vraag, "help_text": hulptekst, "required": False}
    if vraag.soort == Soort.KORTE_TEKST:
        return forms.CharField(max_length=200, **gemeen)
    if vraag.soort == Soort.LANGE_TEKST:
        return forms.CharField(
            max_length=10_000, widget=forms.Textarea(attrs={"rows": 4}), **gemeen
        )
    if vraag.soort == Soort.DATUM:
        return DatumField(**gemeen)
    if vraag.soort == Soort.GETAL:
        return forms.IntegerField(**gemeen, error_messages={"invalid": _("Vul een heel getal in.")})
    if vraag.soort == Soort.BEDRAG:
        return BedragField(
            **gemeen,
            decimal_places=2,
            max_digits=10,
            min_value=Decimal("0.01"),
            error_messages={
                "invalid": _("Vul een bedrag in euro in, bijvoorbeeld 1250,00."),
                "min_value": _("Een bedrag is groter dan € 0,00."),
                "max_decimal_places": _(
                    "Vul een bedrag in euro in, met hoogstens twee cijfers na de komma."
                ),
            },
        )
    if vraag.soort == Soort.KEUZE:
        return forms.ChoiceField(
            choices=[("", _("Kies")), *((k, k) for k in vraag.keuzes)], **gemeen
        )
    if vraag.soort == Soort.MEERKEUZE:
        return forms.MultipleChoiceField(
            choices=[(k, k) for k in vraag.keuzes], widget=forms.CheckboxSelectMultiple, **gemeen
        )
    if vraag.soort == Soort.JA_NEE:
        return JaNeeField(**gemeen)
    if vraag.soort == Soort.ACCOUNT:
        return forms.TypedChoiceField(
            choices=[("", _("Kies een account"))]
            + [
                (g.pk, g.volledige_naam)
                for g in (kiesbare_accounts(formulier, vraag) if formulier else [])
            ],
            coerce=int,
            empty_value=None,
            **gemeen,
        )
    if vraag.soort == Soort.BIJLAGE:
        bijlagen = kiesbare_bijlagen(formulier, vraag) if formulier else []
        return forms.TypedChoiceField(
            choices=[("", _("Kies een bijlage"))] + [(b.pk, b.bestandsnaam) for b in bijlagen],
            coerce=int,
            empty_value=None,
            **gemeen,
        )
    if vraag.soort == Soort.HULPVRAAG:
        return forms.TypedChoiceField(
            choices=[("", _("Kies een hulpvraag"))]
            + [
                (h.pk, f"{h.referentie} · {h.titel.naam}")
                for h in (kiesbare_hulpvragen(formulier, vraag) if formulier else [])
            ],
            coerce=int,
            empty_value=None,
            **gemeen,
        )
    raise ValueError(vraag.soort)


def _als_keuze(waarde: Any) -> str:
    if isinstance(waarde, bool):
        return str(_("ja") if waarde else _("nee"))
    return f"‘{waarde}’"


class FormulierInvullenForm(forms.Form):
    """Fields for the questions `schrijfbaar` names (signatures excluded: they are an act of
    their own), filled with the stored answers."""

    def __init__(
        self, *args: Any, formulier: Formulier, schrijfbaar: set[str], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.vragen = [
            vraag
            for vraag in formulier.definitie.vragen
            if vraag.code in schrijfbaar and vraag.soort != Soort.ONDERTEKENING
        ]
        for vraag in self.vragen:
            veld = _veld(vraag, formulier.definitie, formulier)
            waarde = uit_opslag(vraag, formulier.antwoorden.get(vraag.code))
            if vraag.soort == Soort.JA_NEE and waarde is not None:
                waarde = "ja" if waarde else "nee"
            veld.initial = waarde
            self.fields[vraag.code] = veld


class VoorbeeldForm(forms.Form):
    """SWV-beheer's preview of a definition as a school sees it: every question, the ones the
    school does not write shown disabled."""

    def __init__(self, *args: Any, definitie: Definitie, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.definitie = definitie
        for vraag in definitie.vragen:
            if vraag.soort == Soort.ONDERTEKENING:
                continue
            veld = _veld(vraag, definitie, None)
            veld.disabled = vraag.schrijver != SCHOOL
            self.fields[vraag.code] = veld

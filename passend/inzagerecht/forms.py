from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _


class OuderUitnodigenForm(forms.Form):
    """R14: one of the parents' addresses the school entered in the dossier (checked by the
    service; another address is refused beside the field)."""

    emailadres = forms.CharField(label=_("E-mailadres van de ouder/verzorger"), max_length=254)

    def __init__(self, *args: Any, adressen: list[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        veld = self.fields["emailadres"]
        veld.widget.attrs.update({"autocomplete": "off", "list": "ouder-adressen"})
        veld.help_text = (
            _("Kies een van de adressen uit het dossier: %(adressen)s.")
            % {"adressen": ", ".join(adressen)}
            if adressen
            else _(
                "Het dossier heeft nog geen e-mailadres van de ouders. Vraag de school het "
                "in te vullen."
            )
        )

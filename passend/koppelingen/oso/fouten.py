"""The one refusal of the OSO reader: a stable machine code and Dutch messages.

The messages name element paths, line numbers and block names, never pupil content (no names,
dates, values), so the caller may log them as they are.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

# The machine codes, stable for API clients and the simulator.
TE_GROOT = "te_groot"
XML_ONGELDIG = "xml_ongeldig"
DOCTYPE_VERBODEN = "doctype_verboden"
TE_DIEP = "te_diep"
NAMESPACE_ONBEKEND = "namespace_onbekend"
SCHEMA_ONGELDIG = "schema_ongeldig"
REGEL_OVERTREDEN = "regel_overtreden"
BLOK_NIET_TOEGESTAAN = "blok_niet_toegestaan"
IDENTIFICATIENUMMER_VERBODEN = "identificatienummer_verboden"
BIJLAGE_ZIP_ONGELDIG = "bijlage_zip_ongeldig"
BIJLAGE_TE_GROOT = "bijlage_te_groot"

CODES = {
    TE_GROOT: _("Het dossier is te groot."),
    XML_ONGELDIG: _("Het dossier is geen geldige XML."),
    DOCTYPE_VERBODEN: _("Het dossier bevat een DOCTYPE of entiteiten; die zijn niet toegestaan."),
    TE_DIEP: _("Het dossier is te diep genest."),
    NAMESPACE_ONBEKEND: _("Het dossier heeft een onbekende OSO-namespace of -versie."),
    SCHEMA_ONGELDIG: _("Het dossier voldoet niet aan het OSO-schema (XSD)."),
    REGEL_OVERTREDEN: _("Het dossier voldoet niet aan de bedrijfsregels van het OSO SWV-profiel."),
    BLOK_NIET_TOEGESTAAN: _("Het dossier bevat een gegevensblok dat er niet in mag staan."),
    IDENTIFICATIENUMMER_VERBODEN: _(
        "Het dossier bevat een BSN of onderwijsnummer; die zijn verboden in een SWV-dossier."
    ),
    BIJLAGE_ZIP_ONGELDIG: _("Een bijlage is geen bruikbaar ZIP-bestand."),
    BIJLAGE_TE_GROOT: _("Een bijlage is te groot of pakt te groot uit."),
}


class OsoGeweigerd(Exception):
    """An OSO dossier refused. `code` is one of CODES; `meldingen` are Dutch, for the school
    (and fit for logs: no pupil content); `details` optionally carry the validator's own
    (English) text, with quoted values blanked out."""

    def __init__(self, code: str, meldingen: list[str], details: list[str] | None = None) -> None:
        if code not in CODES:
            raise ValueError(f"unknown OSO refusal code {code!r}")
        super().__init__(f"{code}: {'; '.join(meldingen)}")
        self.code = code
        self.meldingen = meldingen
        self.details = details or []

    @property
    def samenvatting(self) -> str:
        """One Dutch sentence for the code, for a 4xx body's title."""
        return str(CODES[self.code])

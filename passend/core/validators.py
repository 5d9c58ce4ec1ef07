"""Validators for the codes of this field, with messages a school understands."""

from django.core.validators import RegexValidator
from django.utils.translation import gettext_lazy as _

swv_code_validator = RegexValidator(
    regex=r"^(PO|VO)[0-9]{4}$",
    message=_("Een SWV-code bestaat uit PO of VO en vier cijfers, bijvoorbeeld PO2806."),
    code="swv_code",
)

brin_vestiging_validator = RegexValidator(
    regex=r"^[0-9]{2}[A-Z]{2}[0-9]{2}$",
    message=_(
        "Een schoolcode bestaat uit de BRIN (twee cijfers en twee hoofdletters) en het "
        "vestigingsnummer (twee cijfers), samen zes tekens, bijvoorbeeld 12AB00."
    ),
    code="brin_vestiging",
)

postcode_validator = RegexValidator(
    regex=r"^[1-9][0-9]{3} [A-Z]{2}$",
    message=_("Vul de postcode in als vier cijfers, een spatie en twee hoofdletters: 3011 AB."),
    code="postcode",
)

bestuursnummer_validator = RegexValidator(
    regex=r"^[0-9]{5}$",
    message=_("Een bestuursnummer (bevoegd gezag) bestaat uit vijf cijfers, bijvoorbeeld 41234."),
    code="bestuursnummer",
)

telefoon_validator = RegexValidator(
    regex=r"^\+?[0-9][0-9 ()-]{5,18}$",
    message=_("Vul een telefoonnummer in met cijfers, bijvoorbeeld 010 123 45 67."),
    code="telefoon",
)

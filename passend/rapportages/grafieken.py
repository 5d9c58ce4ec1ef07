"""Bar charts as server-rendered SVG: no JavaScript, no charting library to keep up to date.

The chart is one image for assistive technology (role="img" with a title and description); the
numbers themselves are in the accessible table the template puts beside it.
"""

from collections.abc import Sequence

from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe

from passend.rapportages.selectors import Staaf

BREEDTE = 640
LABELBREEDTE = 230
RIJHOOGTE = 24
MAX_LABEL = 34
_NEDERLANDS = str.maketrans(",.", ".,")


def getal(waarde: float) -> str:
    """Whole numbers as such, others with one decimal, in the Dutch way (1.234 and 3,5): the
    only language of Passend (settings.LANGUAGES). Not number_format: the page shows some 250
    numbers, and it looked up the locale's formats for each (issue 20 item 3)."""
    afgerond = round(float(waarde), 1) + 0.0  # + 0.0: no "-0"
    vorm = ",.0f" if afgerond.is_integer() else ",.1f"
    return format(afgerond, vorm).translate(_NEDERLANDS)


def _kort(label: str) -> str:
    return label if len(label) <= MAX_LABEL else label[: MAX_LABEL - 1] + "…"


def staafdiagram(
    staven: Sequence[Staaf], *, sleutel: str, titel: str, beschrijving: str
) -> SafeString:
    """A horizontal bar chart; `sleutel` makes the ids of title and description unique."""
    hoogste = max((staaf.waarde for staaf in staven), default=0) or 1
    ruimte = BREEDTE - LABELBREEDTE - 70
    hoogte = max(1, len(staven)) * RIJHOOGTE + 8
    # Written out with one escape per text, not format_html per bar: its ten arguments each
    # went through conditional_escape, a fifth of the Managementoverzicht's rendering.
    rijen = mark_safe(  # noqa: S308 - labels and numbers are escaped here, the rest is ours
        "".join(
            f'<text x="{LABELBREEDTE - 8}" y="{i * RIJHOOGTE + 17}" text-anchor="end">'
            f"{escape(_kort(staaf.label))}</text>"
            f'<rect x="{LABELBREEDTE}" y="{i * RIJHOOGTE + 4}"'
            f' width="{ruimte * staaf.waarde / hoogste:.1f}" height="{RIJHOOGTE - 6}"'
            ' class="grafiek__staaf"></rect>'
            f'<text x="{LABELBREEDTE + ruimte * staaf.waarde / hoogste + 6}"'
            f' y="{i * RIJHOOGTE + 17}">{escape(getal(staaf.waarde))}</text>'
            for i, staaf in enumerate(staven)
        )
    )
    return format_html(
        '<svg class="grafiek" role="img" aria-labelledby="{0}-titel {0}-beschrijving" '
        'viewBox="0 0 {1} {2}" width="{1}" height="{2}" xmlns="http://www.w3.org/2000/svg">'
        '<title id="{0}-titel">{3}</title><desc id="{0}-beschrijving">{4}</desc>{5}</svg>',
        sleutel,
        BREEDTE,
        hoogte,
        titel,
        beschrijving,
        rijen,
    )


def tabelrijen(staven: Sequence[Staaf]) -> SafeString:
    """The rows of the table beside a chart, written here rather than in a template loop: the
    page has a row per status and per school (issue 20 item 3, where the time of a request
    went)."""
    return mark_safe(  # noqa: S308 - both texts escaped here
        "".join(
            f'<tr><th scope="row">{escape(staaf.label)}</th>'
            f"<td>{escape(getal(staaf.waarde))}</td></tr>"
            for staaf in staven
        )
    )

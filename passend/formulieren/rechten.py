"""Who may read and write a form, per question (R24). The services call these and refuse, also
for a crafted POST; the screens call them to show the other questions read-only."""

from passend.accounts.models import Gebruiker
from passend.accounts.rechten import rolfeiten, werkt_op_school
from passend.formulieren.definitie import BEVOEGD_GEZAG, SCHOOL, SWV, Soort, Vraag
from passend.formulieren.models import Formulier, Ondertekening
from passend.hulpvragen.rechten import is_zichtbaar


def mag_formulier_zien(gebruiker: Gebruiker, formulier: Formulier) -> bool:
    """Whoever sees the hulpvraag sees its forms (the bevoegd gezag works at the school), except
    that the school sees a decision the SWV drafts only once it is made."""
    if not is_zichtbaar(gebruiker, formulier.hulpvraag):
        return False
    return (
        not formulier.definitie.school_ziet_pas_na_indienen
        or formulier.ingediend_op is not None
        or rolfeiten(gebruiker).werkt_voor_swv
    )


def schrijfbare_vragen(gebruiker: Gebruiker, formulier: Formulier) -> set[str]:
    """The codes of the questions `gebruiker` may write: the party a question names (the
    school's staff, the account the school chose as bevoegd gezag on this form, or an SWV
    role). None once the form is submitted (until the SWV sends it back), nor on a closed
    hulpvraag."""
    hulpvraag = formulier.hulpvraag
    if formulier.ingediend_op is not None or hulpvraag.status.eindstatus:
        return set()
    if not is_zichtbaar(gebruiker, hulpvraag):
        return set()
    feiten = rolfeiten(gebruiker)
    partijen: set[str] = set(feiten.rolcodes) | {SWV} if feiten.werkt_voor_swv else set()
    if werkt_op_school(gebruiker, hulpvraag.schoolgegevens.school_id):
        partijen.add(SCHOOL)
    if formulier.bevoegd_gezag_id is not None and formulier.bevoegd_gezag_id == gebruiker.pk:
        partijen.add(BEVOEGD_GEZAG)
    return {vraag.code for vraag in formulier.definitie.vragen if vraag.schrijver in partijen}


def mag_vraag_schrijven(gebruiker: Gebruiker, formulier: Formulier, vraag: Vraag) -> bool:
    return vraag.code in schrijfbare_vragen(gebruiker, formulier)


def mag_ondertekenen(gebruiker: Gebruiker, formulier: Formulier, vraag: Vraag) -> bool:
    return vraag.soort == Soort.ONDERTEKENING and mag_vraag_schrijven(gebruiker, formulier, vraag)


def mag_ondertekening_intrekken(gebruiker: Gebruiker, ondertekening: Ondertekening) -> bool:
    """Only whoever signed, and only before the form is submitted."""
    formulier = ondertekening.formulier
    return (
        ondertekening.ingetrokken_op is None
        and ondertekening.door_id == gebruiker.pk
        and formulier.ingediend_op is None
        and is_zichtbaar(gebruiker, formulier.hulpvraag)
    )


def mag_termijnen_zien(gebruiker: Gebruiker) -> bool:
    """The dates to watch (TLV end dates, evaluation deadlines) are the SWV's work list."""
    return rolfeiten(gebruiker).werkt_voor_swv

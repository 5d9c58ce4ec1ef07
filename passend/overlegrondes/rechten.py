"""Who may start, manage and react in an overlegronde (R33, R34, R37-R40). Each takes the
object and answers completely, visibility included; the services call them and refuse, the
views call them to decide what to show."""

from django.utils.translation import gettext as _

from passend.accounts import rollen
from passend.accounts.models import Gebruiker
from passend.accounts.rechten import rolfeiten, werkt_op_school
from passend.core.kanalen import Kanaal
from passend.hulpvragen.models import Hulpvraag
from passend.overlegrondes.models import Overlegronde


def verwerkersovereenkomst_ontbreekt(hulpvraag: Hulpvraag) -> bool:
    """R33: the school's bestuur has no verwerkersovereenkomst with the SWV."""
    return not hulpvraag.schoolgegevens.school.bestuur.verwerkersovereenkomst_geldig


def waarom_geen_overlegronde(hulpvraag: Hulpvraag) -> str:
    """What the school sees instead of the button, and whom to ask (R33)."""
    bestuur = hulpvraag.schoolgegevens.school.bestuur
    return _(
        "Een overlegronde starten kan alleen als het schoolbestuur (%(bestuur)s) een "
        "verwerkersovereenkomst heeft met het samenwerkingsverband. Die ontbreekt nog. Vraag de "
        "privacyverantwoordelijke van uw bestuur om de overeenkomst te regelen; de "
        "applicatiebeheerder van het samenwerkingsverband legt hem vast."
    ) % {"bestuur": bestuur.naam}


def is_school_van(gebruiker: Gebruiker, hulpvraag: Hulpvraag) -> bool:
    return gebruiker.swv_id == hulpvraag.swv_id and werkt_op_school(
        gebruiker, hulpvraag.schoolgegevens.school_id
    )


def mag_overlegrondes_zien(gebruiker: Gebruiker, hulpvraag: Hulpvraag) -> bool:
    """The tab "Overlegronde" of a hulpvraag: the staff of its school."""
    return is_school_van(gebruiker, hulpvraag)


def mag_overlegronde_starten(
    gebruiker: Gebruiker, hulpvraag: Hulpvraag, kanaal: Kanaal = Kanaal.WEB
) -> bool:
    """R33, R34: school staff of the hulpvraag's school, whose bestuur has a
    verwerkersovereenkomst, logged in directly (the web app with both factors), never through
    an LVS channel or an API token."""
    return (
        kanaal == Kanaal.WEB
        and is_school_van(gebruiker, hulpvraag)
        and not verwerkersovereenkomst_ontbreekt(hulpvraag)
    )


def mag_overlegronde_beheren(gebruiker: Gebruiker, overlegronde: Overlegronde) -> bool:
    """Edit the dates (extend), close early, send a new activation link: the school's staff."""
    return gebruiker.swv_id == overlegronde.swv_id and is_school_van(
        gebruiker, overlegronde.hulpvraag
    )


def is_deelnemer(gebruiker: Gebruiker, overlegronde: Overlegronde) -> bool:
    return overlegronde.deelnemers.filter(gebruiker=gebruiker).exists()


def mag_inhoud_zien(gebruiker: Gebruiker, overlegronde: Overlegronde) -> bool:
    return Overlegronde.objects.zichtbaar_voor(gebruiker).filter(pk=overlegronde.pk).exists()


def mag_reageren(gebruiker: Gebruiker, overlegronde: Overlegronde) -> bool:
    """R39: a participant or the school, until the einddatum reacties (R40)."""
    return (
        overlegronde.reacties_open
        and mag_inhoud_zien(gebruiker, overlegronde)
        and (
            is_deelnemer(gebruiker, overlegronde)
            or mag_overlegronde_beheren(gebruiker, overlegronde)
        )
    )


def is_alleen_externe_deelnemer(gebruiker: Gebruiker) -> bool:
    """An external account: no side of school or SWV, the role externe deelnemer."""
    feiten = rolfeiten(gebruiker)
    return rollen.EXTERNE_DEELNEMER in feiten.rolcodes and not feiten.werkt_voor_school_of_swv


def mag_overlegrondes_openen(gebruiker: Gebruiker) -> bool:
    """The menu item: school staff, application administrators and external participants."""
    feiten = rolfeiten(gebruiker)
    return (
        feiten.werkt_voor_school
        or feiten.is_applicatiebeheerder
        or rollen.EXTERNE_DEELNEMER in feiten.rolcodes
    )

"""Who may add and remove attachments. The services call these and refuse; the screens call
them to decide what to show. Visibility of the hulpvraag is part of each answer."""

from passend.accounts.models import Gebruiker, Rol
from passend.accounts.rechten import rolfeiten, werkt_op_school
from passend.audit.models import Inzage
from passend.bijlagen.models import Bijlage, WachtendeBijlage
from passend.hulpvragen.models import Hulpvraag
from passend.hulpvragen.rechten import is_zichtbaar


def mag_bijlagen_toevoegen(gebruiker: Gebruiker, hulpvraag: Hulpvraag) -> bool:
    """School and SWV staff add attachments at any status (R2, R17); parents and external
    participants only read."""
    return rolfeiten(gebruiker).werkt_voor_school_of_swv and is_zichtbaar(gebruiker, hulpvraag)


def mag_bijlage_verwijderen(gebruiker: Gebruiker, hulpvraag: Hulpvraag) -> bool:
    """The school, its own hulpvraag's attachments while the SWV cannot see it yet; afterwards
    only SWV staff."""
    if not is_zichtbaar(gebruiker, hulpvraag):
        return False
    if rolfeiten(gebruiker).werkt_voor_swv:
        return True
    return not hulpvraag.status.zichtbaar_voor_swv and werkt_op_school(
        gebruiker, hulpvraag.schoolgegevens.school_id
    )


def door_swv_geopend(bijlage: Bijlage) -> bool:
    """Whether any SWV staff member opened or downloaded this attachment: the access log knows
    (issue 19 item 10). Seeing its name in the list does not count."""
    return Inzage.objects.filter(
        gebeurtenis="bijlage_bekeken",
        objecttype=Inzage.Objecttype.BIJLAGE,
        object_id=str(bijlage.pk),
        details__wijze__in=["openen", "downloaden"],
        gebruiker_id__in=Gebruiker.objects.filter(
            swv=bijlage.hulpvraag.swv_id, rollen__kant=Rol.Kant.SWV
        ).values("pk"),
    ).exists()


def reden_verplicht_bij_verwijderen(bijlage: Bijlage) -> bool:
    """Once the SWV can see the hulpvraag, or has opened the attachment (also when the school
    moved the hulpvraag back to a status the SWV does not see), a removal needs a reason, and
    the SWV keeps seeing that it was removed, when and why."""
    return bool(bijlage.hulpvraag.status.zichtbaar_voor_swv) or door_swv_geopend(bijlage)


def mag_wachtende_bijlage_beantwoorden(gebruiker: Gebruiker, wachtend: WachtendeBijlage) -> bool:
    """Only the uploader answers a warning about their file, while they may still add files."""
    return wachtend.gebruiker_id == gebruiker.pk and mag_bijlagen_toevoegen(
        gebruiker, wachtend.hulpvraag
    )

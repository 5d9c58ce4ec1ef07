"""Who may enter and change a pupil's dossier. The dossier services call these and refuse; the
screens call them to decide what to show. Visibility is part of each answer.

Decided here (docs/gebruikers.md): the roles that enter pupil data (`DOSSIERINVOER`: school
staff, the SWV's schoolcontactpersonen, coördinatoren and TLV-administratie, the application
administrator) may create dossiers and change what they can see of them; a deskundige and a
regiomanager read dossiers but never change them. A school changes its own schoolgegevens only.

After a move (issue 19 item 11d; the manual: the new school adds its schoolgegevens, the old
ones stay with their hulpvragen): the pupil's current school is the school of the newest
schoolgegevens. Only the current school changes the basisgegevens and addresses, adds
schoolgegevens and files new hulpvragen, and only it sees the addresses and the parents'
e-mail addresses. A previous school keeps reading the pupil's name and birth date, its own
schoolgegevens (it may still correct their contact, as in a change of IB'er) and its own
hulpvragen; never the new school's. SWV staff are not bound to a school.
"""

from passend.accounts.models import Gebruiker
from passend.accounts.rechten import rolfeiten, werkt_op_school
from passend.dossiers.models import Leerling, Schoolgegevens
from passend.organisaties.models import School


def mag_dossier_aanmaken(gebruiker: Gebruiker) -> bool:
    """R13: "Toevoegen" and "Nieuw dossier"."""
    return rolfeiten(gebruiker).voert_dossiers_in


def huidige_school_id(leerling: Leerling) -> int | None:
    """The school of the pupil's newest schoolgegevens; None before the first."""
    return (
        Schoolgegevens.objects.filter(leerling=leerling)
        .order_by("-aangemaakt_op", "-pk")
        .values_list("school_id", flat=True)
        .first()
    )


def _is_zichtbaar(gebruiker: Gebruiker, leerling: Leerling) -> bool:
    return Leerling.objects.zichtbaar_voor(gebruiker).filter(pk=leerling.pk).exists()


def _voor_swv_of_huidige_school(gebruiker: Gebruiker, leerling: Leerling) -> bool:
    if rolfeiten(gebruiker).werkt_voor_swv:
        return True
    school_id = huidige_school_id(leerling)
    # Before the first schoolgegevens only its maker (of a school) sees the dossier at all.
    return school_id is None or werkt_op_school(gebruiker, school_id)


def mag_dossier_wijzigen(gebruiker: Gebruiker, leerling: Leerling) -> bool:
    """R14: basisgegevens and addresses of a pupil the user may see; of a school, only while
    the pupil is at that school (issue 19 item 11d)."""
    return (
        rolfeiten(gebruiker).voert_dossiers_in
        and _is_zichtbaar(gebruiker, leerling)
        and _voor_swv_of_huidige_school(gebruiker, leerling)
    )


def mag_contactgegevens_zien(gebruiker: Gebruiker, leerling: Leerling) -> bool:
    """Addresses and the parents' e-mail addresses: SWV staff and the current school, not a
    school the pupil left (issue 19 item 11d)."""
    return _is_zichtbaar(gebruiker, leerling) and _voor_swv_of_huidige_school(gebruiker, leerling)


def mag_kiezen_als_school(gebruiker: Gebruiker, school: School) -> bool:
    """R15: a school user picks one of the own schools; SWV staff any school of the SWV."""
    if school.swv_id != gebruiker.swv_id:
        return False
    return rolfeiten(gebruiker).werkt_voor_swv or werkt_op_school(gebruiker, school.pk)


def mag_schoolgegevens_toevoegen(gebruiker: Gebruiker, leerling: Leerling, school: School) -> bool:
    return mag_kiezen_als_school(gebruiker, school) and mag_dossier_wijzigen(gebruiker, leerling)


def mag_schoolgegevens_bewerken(gebruiker: Gebruiker, schoolgegevens: Schoolgegevens) -> bool:
    """R46: aanvrager, contactpersoon, e-mail and telephone; a school its own only."""
    return (
        rolfeiten(gebruiker).voert_dossiers_in
        and Schoolgegevens.objects.zichtbaar_voor(gebruiker).filter(pk=schoolgegevens.pk).exists()
    )


def mag_hulpvraag_indienen_onder(gebruiker: Gebruiker, schoolgegevens: Schoolgegevens) -> bool:
    """R16: a hulpvraag is filed under schoolgegevens the user may change, for a pupil whose
    dossier the user may change: a school the pupil left files none."""
    return (
        mag_kiezen_als_school(gebruiker, schoolgegevens.school)
        and mag_schoolgegevens_bewerken(gebruiker, schoolgegevens)
        and mag_dossier_wijzigen(gebruiker, schoolgegevens.leerling)
    )

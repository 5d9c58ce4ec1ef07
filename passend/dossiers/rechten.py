"""Who may enter and change a pupil's dossier. The dossier services call these and refuse; the
screens call them to decide what to show. Visibility is part of each answer.

Decided here (docs/gebruikers.md): the roles that enter pupil data (`DOSSIERINVOER`: school
staff, the SWV's schoolcontactpersonen, coördinatoren and TLV-administratie, the application
administrator) may create dossiers and change what they can see of them; a deskundige and a
regiomanager read dossiers but never change them. A school changes its own schoolgegevens only.
"""

from passend.accounts.models import Gebruiker
from passend.accounts.rechten import rolfeiten, werkt_op_school
from passend.dossiers.models import Leerling, Schoolgegevens
from passend.organisaties.models import School


def mag_dossier_aanmaken(gebruiker: Gebruiker) -> bool:
    """R13: "Toevoegen" and "Nieuw dossier"."""
    return rolfeiten(gebruiker).voert_dossiers_in


def mag_dossier_wijzigen(gebruiker: Gebruiker, leerling: Leerling) -> bool:
    """R14: basisgegevens and addresses of a pupil the user may see."""
    return (
        rolfeiten(gebruiker).voert_dossiers_in
        and Leerling.objects.zichtbaar_voor(gebruiker).filter(pk=leerling.pk).exists()
    )


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
    """R16: a hulpvraag is filed under schoolgegevens the user may change."""
    return mag_kiezen_als_school(gebruiker, schoolgegevens.school) and mag_schoolgegevens_bewerken(
        gebruiker, schoolgegevens
    )

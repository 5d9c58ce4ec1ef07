"""Who may use the SWV-beheer screens: an SWV's application administrator, for its own SWV
only. Services call these and refuse; views call them to decide what to show (a 404 otherwise)."""

from passend.accounts import rollen as rolcodes
from passend.accounts.models import Gebruiker
from passend.accounts.rechten import rolfeiten, werkt_op_school
from passend.organisaties.models import School
from passend.swvbeheer.models import Wijzigingsverzoek


def mag_accounts_beheren(gebruiker: Gebruiker) -> bool:
    return gebruiker.is_active and rolfeiten(gebruiker).is_applicatiebeheerder


def mag_account_beheren(gebruiker: Gebruiker, account: Gebruiker) -> bool:
    return mag_accounts_beheren(gebruiker) and account.swv_id == gebruiker.swv_id


# R44 "Wijzigingsverzoek": a school's contact persons (its IB'ers and directeur) file requests
# for their own schools and see those schools' requests; the SWV's application administrator
# handles them.
INDIENERS = frozenset({rolcodes.INTERN_BEGELEIDER, rolcodes.DIRECTEUR})


def mag_wijzigingsverzoeken_indienen(gebruiker: Gebruiker) -> bool:
    feiten = rolfeiten(gebruiker)
    return gebruiker.is_active and feiten.werkt_voor_school and bool(feiten.rolcodes & INDIENERS)


def mag_wijzigingsverzoek_indienen_voor(gebruiker: Gebruiker, school: School) -> bool:
    return (
        mag_wijzigingsverzoeken_indienen(gebruiker)
        and school.swv_id == gebruiker.swv_id
        and werkt_op_school(gebruiker, school.pk)
    )


def mag_wijzigingsverzoek_afhandelen(gebruiker: Gebruiker, verzoek: Wijzigingsverzoek) -> bool:
    return mag_accounts_beheren(gebruiker) and verzoek.swv_id == gebruiker.swv_id

from datetime import date

from passend.accounts.models import Gebruiker
from passend.dossiers.models import Leerling, Schoolgegevens
from passend.dossiers.services import leerling_aanmaken, schoolgegevens_toevoegen
from passend.hulpvragen.models import Hulpvraag
from passend.hulpvragen.services import hulpvraag_aanmaken
from passend.organisaties.models import School
from passend.processen.models import Hulpvraagtitel


def leerling_op_school(
    ib: Gebruiker,
    school: School,
    *,
    aanvrager: Gebruiker | None = None,
    roepnaam: str = "Jan",
    tussenvoegsel: str = "van",
    achternaam: str = "Boven",
    geboortedatum: date = date(2016, 9, 3),
) -> tuple[Leerling, Schoolgegevens]:
    """A dossier as an IB'er enters it: basisgegevens, then schoolgegevens (R14, R15). Someone
    else than the school's staff (SWV staff) names an `aanvrager` of the school."""
    leerling = leerling_aanmaken(
        door=ib,
        roepnaam=roepnaam,
        tussenvoegsel=tussenvoegsel,
        achternaam=achternaam,
        geboortedatum=geboortedatum,
        # Tests make many pupils with the default name; the duplicate check has its own tests.
        toch_nieuw_dossier=True,
    )
    schoolgegevens = schoolgegevens_toevoegen(
        leerling=leerling,
        school=school,
        door=ib,
        aanvrager=aanvrager or ib,
        contactpersoon=(aanvrager or ib).volledige_naam,
        email=(aanvrager or ib).email,
        groep="5",
    )
    return leerling, schoolgegevens


def hulpvraag_op_school(
    ib: Gebruiker, school: School, titel: str = "Ambulante Begeleiding", **leerling: object
) -> Hulpvraag:
    nieuwe_leerling, schoolgegevens = leerling_op_school(ib, school, **leerling)  # type: ignore[arg-type]
    return hulpvraag_aanmaken(
        leerling=nieuwe_leerling,
        schoolgegevens=schoolgegevens,
        titel=Hulpvraagtitel.objects.get(swv=school.swv, naam=titel),
        door=ib,
        omschrijving="Op het gebied van gedrag.",
    )

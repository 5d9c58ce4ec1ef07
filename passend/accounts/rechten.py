"""The role facts of an account, computed once per request: which sides it works on, whether it
administers its SWV, which schools are its own. Every app's rights (`<app>/rechten.py`) and
visibility (`<app>/query.py`) start from these; none reads roles or schools itself.

The facts are kept on the account object, which Django loads anew for every request (a task
that changes roles and asks again reads the account again).
"""

from dataclasses import dataclass

from django.db import connection
from django.db.models import QuerySet
from django.db.models.expressions import RawSQL
from django.utils import timezone

from passend.accounts import rollen
from passend.accounts.models import Gebruiker, Rol
from passend.organisaties.models import School

# The roles that enter and correct pupil data: basisgegevens, addresses, schoolgegevens and new
# hulpvragen. A deskundige advises and a regiomanager decides: both read the dossier, neither
# writes it (docs/gebruikers.md). Parents and external participants never write.
DOSSIERINVOER = frozenset(
    {
        rollen.INTERN_BEGELEIDER,
        rollen.DIRECTEUR,
        rollen.SCHOOLCONTACTPERSOON,
        rollen.COORDINATOR,
        rollen.TLV_ADMINISTRATIE,
        rollen.APPLICATIEBEHEERDER,
    }
)


@dataclass(frozen=True)
class Rolfeiten:
    rolcodes: frozenset[str]
    kanten: frozenset[str]

    @property
    def is_applicatiebeheerder(self) -> bool:
        return rollen.APPLICATIEBEHEERDER in self.rolcodes

    @property
    def werkt_voor_school(self) -> bool:
        return Rol.Kant.SCHOOL in self.kanten

    @property
    def werkt_voor_swv(self) -> bool:
        """SWV staff, the application administrator among them."""
        return Rol.Kant.SWV in self.kanten

    @property
    def werkt_voor_school_of_swv(self) -> bool:
        """Everyone who handles hulpvragen; parents and external participants do not."""
        return self.werkt_voor_school or self.werkt_voor_swv

    @property
    def voert_dossiers_in(self) -> bool:
        return bool(self.rolcodes & DOSSIERINVOER)

    @property
    def grondslag(self) -> str:
        """On what grounds this account sees pupil data, for the access log (NEN 7513)."""
        if self.is_applicatiebeheerder:
            return "applicatiebeheerder van het samenwerkingsverband"
        delen = []
        if self.werkt_voor_school:
            delen.append("medewerker van de school van de leerling")
        if self.werkt_voor_swv:
            delen.append("medewerker van het samenwerkingsverband")
        return "; ".join(delen) or "geen"


def rolfeiten(gebruiker: Gebruiker) -> Rolfeiten:
    """The account's role facts, read with one query and then kept on the object."""
    feiten: Rolfeiten | None = getattr(gebruiker, "_rolfeiten", None)
    if feiten is None:
        rijen = list(gebruiker.rollen.values_list("code", "kant"))
        feiten = Rolfeiten(
            rolcodes=frozenset(code for code, _kant in rijen),
            kanten=frozenset(kant for _code, kant in rijen),
        )
        gebruiker._rolfeiten = feiten  # type: ignore[attr-defined]
    return feiten


def _scholen_met_opgegane(gebruiker: Gebruiker) -> QuerySet[School]:
    """R45: the account's schools and every school merged into one of them (and into those,
    transitively) whose merge day has come: one recursive query, no query of its own until it
    is read, so the list and the subquery below are the same schools."""
    koppeling = Gebruiker.scholen.through._meta
    school = School._meta
    sql = (
        f"WITH RECURSIVE zichtbaar (id) AS ("  # noqa: S608 - table names from the models only
        f"SELECT {koppeling.get_field('school').column} FROM {koppeling.db_table} "
        f"WHERE {koppeling.get_field('gebruiker').column} = %s "
        f"UNION SELECT s.{school.pk.column} FROM {school.db_table} s "
        f"JOIN zichtbaar z ON s.{school.get_field('opgegaan_in').column} = z.id "
        f"WHERE s.{school.get_field('opgegaan_op').column} <= %s"
        f") SELECT id FROM zichtbaar"
    )
    vandaag = connection.ops.adapt_datefield_value(timezone.localdate())
    # Only table and column names from the models go into the text; the values are parameters.
    opgegane = RawSQL(sql, (gebruiker.pk, vandaag))  # noqa: S611
    return School.objects.filter(swv=gebruiker.swv_id, pk__in=opgegane)


def eigen_scholen(gebruiker: Gebruiker) -> list[School]:
    """The account's own schools (of its own SWV) by name, read once: visibility, the
    overview's school filter and the school pickers share them. R45: a school merged into an
    own school counts as own from the merge day on (its pupils and hulpvragen went along);
    pickers for new work leave such closed schools out (`School.opgegaan`)."""
    scholen: list[School] | None = getattr(gebruiker, "_eigen_scholen", None)
    if scholen is None:
        scholen = list(_scholen_met_opgegane(gebruiker).order_by("naam", "code"))
        gebruiker._eigen_scholen = scholen  # type: ignore[attr-defined]
    return scholen


def eigen_scholen_voorwaarde(gebruiker: Gebruiker) -> list[int] | QuerySet[School]:
    """The account's own schools for a query condition: their ids once read (PostgreSQL then
    estimates the rows well; a subquery it guesses at 1 row and joins the whole SWV first),
    else a subquery, so a page that does not need the list takes no extra query. The same
    schools either way."""
    scholen: list[School] | None = getattr(gebruiker, "_eigen_scholen", None)
    if scholen is None:
        return _scholen_met_opgegane(gebruiker)
    return [school.pk for school in scholen]


def werkt_op_school(gebruiker: Gebruiker, school_id: int) -> bool:
    return rolfeiten(gebruiker).werkt_voor_school and any(
        school.pk == school_id for school in eigen_scholen(gebruiker)
    )

"""What inzagerecht adds to the pages of lower apps, through their registries: the dossier tab
"Inzage en export" (SWV staff with the right), the button "Delen met ouders" on the hulpvraag
page, and the notice that a parent has inzage, for the school's and the SWV's staff (the
school is told, R14)."""

from django.db.models import Count, Expression, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.utils import formats
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from passend.accounts.models import Gebruiker
from passend.accounts.rechten import rolfeiten
from passend.dossiers.models import Leerling
from passend.hulpvragen.models import Hulpvraag
from passend.hulpvragen.onderdelen import Dossiertab, Onderdeel
from passend.inzagerecht.models import GedeeldeBijlage
from passend.inzagerecht.rechten import mag_inzagerecht_beheren
from passend.inzagerecht.selectors import actieve_ouderinzagen


def _label(aantal: int) -> str:
    return ngettext(
        "Delen met ouders (%(aantal)d gedeeld)", "Delen met ouders (%(aantal)d gedeeld)", aantal
    ) % {"aantal": aantal}


def _aantal() -> Expression:
    per_hulpvraag = (
        GedeeldeBijlage.objects.filter(bijlage__hulpvraag=OuterRef("pk"))
        .order_by()
        .values("bijlage__hulpvraag")
        .annotate(aantal=Count("pk"))
        .values("aantal")
    )
    return Coalesce(Subquery(per_hulpvraag), 0)


def _mag_delen(gebruiker: Gebruiker, hulpvraag: Hulpvraag) -> bool:
    # The hulpvraag page is shown only to who sees the hulpvraag; the part's own page checks
    # visibility again.
    return mag_inzagerecht_beheren(gebruiker) and hulpvraag.swv_id == gebruiker.swv_id


DELEN_MET_OUDERS = Onderdeel(
    code="delen_met_ouders",
    label=_label,
    url_naam="inzagerecht:delen",
    aantal=_aantal,
    zichtbaar_voor=_mag_delen,
    volgorde=30,
)

INZAGE_EN_EXPORT = Dossiertab(
    code="inzage",
    label=gettext_lazy("Inzage en export"),
    url_naam="inzagerecht:dossier",
    zichtbaar_voor=lambda gebruiker, leerling: (
        mag_inzagerecht_beheren(gebruiker) and leerling.swv_id == gebruiker.swv_id
    ),
)


def _melding(gebruiker: Gebruiker, leerling_id: int) -> list[str]:
    if not rolfeiten(gebruiker).werkt_voor_school_of_swv:
        return []
    eerste = actieve_ouderinzagen(leerling_id).order_by("uitgenodigd_op").first()
    if eerste is None:
        return []
    return [
        _(
            "Een ouder/verzorger heeft sinds %(datum)s inzage in dit dossier via het "
            "samenwerkingsverband: de hulpvragen met hun status, gedeelde bijlagen en wie het "
            "dossier zag."
        )
        % {"datum": formats.date_format(eerste.uitgenodigd_op, "d-m-Y")}
    ]


def dossiermelding(gebruiker: Gebruiker, leerling: Leerling) -> list[str]:
    return _melding(gebruiker, leerling.pk)


def hulpvraagkenmerk(gebruiker: Gebruiker, hulpvraag: Hulpvraag) -> list[tuple[str, str]]:
    return [(_("Inzage ouders"), tekst) for tekst in _melding(gebruiker, hulpvraag.leerling_id)]

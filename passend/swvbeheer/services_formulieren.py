"""Writes of SWV-beheer's form-definition and outbox screens (issue 16 item 1). Each checks the
administrator's right to the row and lands in the beheerlog with before and after, in the
change's own transaction."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from passend.accounts.models import Gebruiker
from passend.audit import gebeurtenissen
from passend.formulieren.models import Formulierdefinitie, Formulierversie
from passend.formulieren.services import nieuwe_versie_opslaan
from passend.notificaties import services as notificaties
from passend.notificaties.models import Bericht
from passend.swvbeheer.forms_formulieren import FormulierdefinitieBeheerForm
from passend.swvbeheer.instellingen import instelling_opslaan, mag_instelling_beheren


@transaction.atomic
def formulierdefinitie_opslaan(
    *, door: Gebruiker, form: FormulierdefinitieBeheerForm
) -> tuple[Formulierdefinitie, Formulierversie | None]:
    """Issue 12 item 8: name, code, statuses and titles saved and logged as any setting; changed
    questions become a new version (forms already begun keep theirs), logged with the version
    numbers before and after. Returns the definition and the new version, if one was made."""
    vorige = form.instance.huidige_versie() if form.instance.pk else None
    definitie = instelling_opslaan(door=door, form=form, objecttype="formulierdefinitie")
    versie = nieuwe_versie_opslaan(
        definitie=definitie, inhoud=form.cleaned_data["vragen"], door=door
    )
    if versie is not None:
        gebeurtenissen.instelling_gewijzigd(
            definitie,
            door=door,
            objecttype="formulierdefinitie",
            voor={"versie": vorige.nummer if vorige else None},
            na={"versie": versie.nummer, "versie_id": versie.pk},
        )
    return definitie, versie


def mag_opnieuw_versturen(bericht: Bericht) -> bool:
    """A mail not yet delivered may be offered again; a confidential one (a reset link) never:
    its text is wiped once given up, and the link expired long ago anyway."""
    return bericht.status != Bericht.Status.VERZONDEN and not bericht.vertrouwelijk


@transaction.atomic
def bericht_opnieuw_versturen(*, door: Gebruiker, bericht: Bericht) -> None:
    """The outbox's "Opnieuw versturen": the mail waits again with its attempts reset and is
    delivered after commit (notificaties.services), logged in the beheerlog."""
    if not mag_instelling_beheren(door, bericht):
        raise PermissionDenied
    bericht = Bericht.objects.select_for_update().get(pk=bericht.pk)
    if not mag_opnieuw_versturen(bericht):
        raise ValidationError(_("Dit bericht kan niet opnieuw worden verstuurd."))
    voor = {"status": bericht.status, "pogingen": bericht.pogingen}
    notificaties.bericht_opnieuw_versturen(bericht=bericht)
    gebeurtenissen.bericht_opnieuw_verstuurd(
        bericht,
        door=door,
        voor=voor,
        na={"status": bericht.status, "pogingen": bericht.pogingen},
    )

"""Every write of inzagerecht: invite a parent (R14), withdraw the inzage, mark an attachment as
shareable with parents. Rights are checked here (`rechten.py`); each change writes its
access-log row and its mails (through the outbox) in its own transaction. Mails carry a link,
never the pupil's name (P3)."""

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from passend.accounts import rollen
from passend.accounts.models import Gebruiker, Rol
from passend.accounts.services import gebruiker_aanmaken, uitnodiging_aanmaken
from passend.audit import gebeurtenissen
from passend.bijlagen.models import Bijlage
from passend.dossiers.models import Leerling, Schoolgegevens
from passend.inzagerecht.models import GedeeldeBijlage, Ouderinzage
from passend.inzagerecht.rechten import is_alleen_ouder, mag_bijlagen_delen, mag_leerling_beheren
from passend.notificaties.services import bericht_versturen


def _link(naam: str, *args: object) -> str:
    return settings.PASSEND_BASIS_URL.rstrip("/") + reverse(naam, args=args)


def _adres_controleren(leerling: Leerling, emailadres: str) -> str:
    email = emailadres.strip().lower()
    try:
        validate_email(email)
    except ValidationError as fout:
        raise ValidationError(
            {"emailadres": _("Vul een geldig e-mailadres in, zoals naam@voorbeeld.nl.")}
        ) from fout
    if email not in {adres.lower() for adres in leerling.ouder_emailadressen_lijst}:
        raise ValidationError(
            {
                "emailadres": _(
                    "Dit e-mailadres staat niet in het dossier bij de e-mailadressen van de "
                    "ouders/verzorgers. Kies een adres uit het dossier, of vraag de school het "
                    "adres eerst in het dossier te zetten."
                )
            }
        )
    return email


def _ouderaccount(leerling: Leerling, email: str) -> tuple[Gebruiker, bool]:
    """The parent's account of this SWV with this address, made when there is none yet.
    A staff account with the address is not turned into a parent's account."""
    bestaand = Gebruiker.objects.filter(swv=leerling.swv_id, email__iexact=email).first()
    if bestaand is None:
        bestaand = Gebruiker.objects.filter(swv=leerling.swv_id, gebruikersnaam=email).first()
    if bestaand is not None:
        if not is_alleen_ouder(bestaand):
            raise ValidationError(
                {
                    "emailadres": _(
                        "Dit e-mailadres hoort bij een account van een medewerker of externe "
                        "deelnemer. Een ouder krijgt inzage met een eigen account: vraag de "
                        "applicatiebeheerder om hulp."
                    )
                }
            )
        if not bestaand.is_active or bestaand.deactiveren_op is not None:
            Gebruiker.objects.filter(pk=bestaand.pk).update(is_active=True, deactiveren_op=None)
            bestaand.is_active, bestaand.deactiveren_op = True, None
        return bestaand, False
    account = gebruiker_aanmaken(
        swv=leerling.swv,
        gebruikersnaam=email,
        voornaam=_("Ouder"),
        achternaam=email,
        email=email,
        rollen=[Rol.objects.get(code=rollen.OUDER)],
    )
    return account, True


def _school_informeren(leerling: Leerling) -> None:
    """The school is told that a parent has inzage: one mail to the contact of the pupil's
    newest schoolgegevens, with a link to the dossier and no name."""
    schoolgegevens = (
        Schoolgegevens.objects.filter(leerling=leerling).order_by("-aangemaakt_op", "-pk").first()
    )
    if schoolgegevens is None or not schoolgegevens.email:
        return
    bericht_versturen(
        swv=leerling.swv,
        aan=[schoolgegevens.email],
        sjabloon="inzagerecht/mail/school_geinformeerd.txt",
        context={"swv": leerling.swv.naam, "link": _link("hulpvragen:dossier", leerling.pk)},
    )


@transaction.atomic
def ouder_uitnodigen(*, door: Gebruiker, leerling: Leerling, emailadres: str) -> Ouderinzage:
    """R14: a parent gets read access to the pupil's file, through one of the addresses the
    school entered in the dossier. A new account (role ouder) gets a single-use activation
    link (password, then an authenticator app: the same flow as every invitation); an existing
    parent's account of the SWV is reused and told by mail."""
    if not mag_leerling_beheren(door, leerling):
        raise PermissionDenied
    leerling = Leerling.objects.select_for_update().select_related("swv").get(pk=leerling.pk)
    email = _adres_controleren(leerling, emailadres)
    account, nieuw = _ouderaccount(leerling, email)
    if Ouderinzage.objects.filter(
        leerling=leerling, gebruiker=account, ingetrokken_op__isnull=True
    ).exists():
        raise ValidationError({"emailadres": _("Deze ouder heeft al inzage in dit dossier.")})
    inzage = Ouderinzage(
        leerling=leerling, gebruiker=account, emailadres=email, uitgenodigd_door=door
    )
    inzage.full_clean()
    inzage.save()
    gebeurtenissen.ouder_uitgenodigd(leerling, door=door, ouderinzage=inzage.pk)
    context = {
        "swv": leerling.swv.naam,
        "organisatie": f"{leerling.swv.code} {leerling.swv.naam}",
        "gebruikersnaam": account.gebruikersnaam,
        "link": _link("inzagerecht:ouder_start"),
    }
    if nieuw or not account.has_usable_password():
        token = uitnodiging_aanmaken(gebruiker=account)
        bericht_versturen(
            swv=leerling.swv,
            aan=[email],
            sjabloon="inzagerecht/mail/uitnodiging_nieuw_account.txt",
            context={
                **context,
                "activatielink": _link("accounts:activeren", token),
                "geldig_uur": settings.PASSEND_ACTIVATIE_GELDIG_UUR,
            },
            vertrouwelijk=True,
        )
    else:
        bericht_versturen(
            swv=leerling.swv,
            aan=[email],
            sjabloon="inzagerecht/mail/uitnodiging.txt",
            context=context,
        )
    _school_informeren(leerling)
    return inzage


@transaction.atomic
def ouderinzage_intrekken(*, door: Gebruiker, ouderinzage: Ouderinzage) -> Ouderinzage:
    """Ends the parent's access at once: every read checks the active inzage, so the next
    request of a logged-in parent answers 404."""
    if not mag_leerling_beheren(door, ouderinzage.leerling):
        raise PermissionDenied
    inzage = Ouderinzage.objects.select_for_update().get(pk=ouderinzage.pk)
    if inzage.ingetrokken_op is not None:
        raise ValidationError(_("Deze inzage is al ingetrokken."))
    inzage.ingetrokken_op = timezone.now()
    inzage.ingetrokken_door = door
    inzage.full_clean(validate_constraints=False)
    inzage.save(update_fields=["ingetrokken_op", "ingetrokken_door"])
    gebeurtenissen.ouderinzage_ingetrokken(inzage.leerling, door=door, ouderinzage=inzage.pk)
    return inzage


@transaction.atomic
def bijlage_delen_met_ouders(*, door: Gebruiker, bijlage: Bijlage, delen: bool) -> bool:
    """Marks the attachment as shareable with the pupil's parents, or takes the mark off.
    Returns whether anything changed (only a change is logged)."""
    if not mag_bijlagen_delen(door, bijlage.hulpvraag):
        raise PermissionDenied
    bestaand = GedeeldeBijlage.objects.select_for_update().filter(bijlage=bijlage).first()
    if delen == (bestaand is not None):
        return False
    if delen:
        gedeeld = GedeeldeBijlage(bijlage=bijlage, gedeeld_door=door)
        gedeeld.full_clean()
        gedeeld.save()
    elif bestaand is not None:
        bestaand.delete()
    gebeurtenissen.bijlage_delen_met_ouders_gewijzigd(bijlage, door=door, gedeeld=delen)
    return True

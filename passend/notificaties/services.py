"""The outbox (ARCHITECTURE.md rule 5): a mail is a row written with the change that causes it,
delivered after commit by a background task, retried with growing pauses until it goes out."""

from collections.abc import Callable, Iterable
from datetime import timedelta
from functools import partial
from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone
from django_tasks import default_task_backend

from passend.notificaties.models import Bericht, Dagrapport
from passend.notificaties.tasks import bericht_bezorgen
from passend.organisaties.models import Samenwerkingsverband

MAXIMUM_POGINGEN = 8
GEWIST = "(vertrouwelijk: na bezorgen gewist)"


def wachttijd(pogingen: int) -> timedelta:
    """1, 4, 16, 64 minutes, ... at most a day: a short outage costs minutes, a long one
    does not flood the mail server when it returns."""
    return min(timedelta(minutes=4 ** (pogingen - 1)), timedelta(days=1))


def bericht_versturen(
    *,
    swv: Samenwerkingsverband,
    aan: Iterable[str],
    sjabloon: str,
    context: dict[str, Any],
    vertrouwelijk: bool = False,
) -> Bericht | None:
    """Queues one mail. `sjabloon` is the full name of the body's template, owned by the app
    that sends (e.g. "hulpvragen/mail/status_gewijzigd.txt"); the subject is the template of the
    same name ending in "_onderwerp.txt". A `vertrouwelijk` mail (a password-reset link) is not
    shown in the outbox and its text is wiped once it is delivered or given up.

    Call it inside the transaction of the change: if that rolls back, so does the mail.
    """
    adressen = list(dict.fromkeys(adres.strip().lower() for adres in aan if adres.strip()))
    if not adressen:
        return None
    onderwerp, tekst = bericht_opmaken(sjabloon=sjabloon, context=context)
    bericht = Bericht.objects.create(
        swv=swv,
        sjabloon=sjabloon,
        aan=adressen,
        onderwerp=onderwerp,
        tekst=tekst,
        vertrouwelijk=vertrouwelijk,
    )
    _na_commit_bezorgen(bericht)
    return bericht


def bericht_opmaken(*, sjabloon: str, context: dict[str, Any]) -> tuple[str, str]:
    """Subject and body of a mail as `bericht_versturen` writes them; a preview (SWV-beheer's
    status mail) renders through here, so it shows what a school will get."""
    context = {**context, "basis_url": settings.PASSEND_BASIS_URL}
    stam = sjabloon.removesuffix(".txt")
    onderwerp = " ".join(render_to_string(f"{stam}_onderwerp.txt", context).split())
    return onderwerp, render_to_string(sjabloon, context)


def _na_commit_bezorgen(bericht: Bericht) -> None:
    transaction.on_commit(partial(bericht_bezorgen.enqueue, bericht_id=bericht.pk))


def _message_id(bericht: Bericht) -> str:
    host = urlsplit(settings.PASSEND_BASIS_URL).hostname or "passend"
    return f"<bericht-{bericht.pk}.{bericht.swv_id}@{host}>"


def bericht_bezorgen_nu(bericht_id: int) -> Bericht | None:
    """One delivery attempt. The row stays locked while the mail goes out, so a second run of
    the same task waits and then finds it sent: a task run twice never mails twice."""
    with transaction.atomic():
        bericht = Bericht.objects.select_for_update().filter(pk=bericht_id).first()
        if (
            bericht is None
            or bericht.status != Bericht.Status.WACHTEND
            or bericht.volgende_poging > timezone.now()
        ):
            return bericht
        bericht.pogingen += 1
        try:
            EmailMessage(
                subject=bericht.onderwerp,
                body=bericht.tekst,
                to=bericht.aan,
                headers={"Message-ID": _message_id(bericht)},
            ).send()
        except Exception as fout:  # any failure: record why and try again later
            bericht.laatste_fout = f"{type(fout).__name__}: {fout}"[:2000]
            if bericht.pogingen >= MAXIMUM_POGINGEN:
                bericht.status = Bericht.Status.MISLUKT
            else:
                bericht.volgende_poging = timezone.now() + wachttijd(bericht.pogingen)
                _herhaling_inplannen(bericht)
        else:
            bericht.status = Bericht.Status.VERZONDEN
            bericht.verzonden_op = timezone.now()
            bericht.laatste_fout = ""
        if bericht.vertrouwelijk and bericht.status != Bericht.Status.WACHTEND:
            bericht.tekst = GEWIST
        bericht.save()
        return bericht


def _herhaling_inplannen(bericht: Bericht) -> None:
    """Where the task backend can defer (the database worker), the retry is queued for its
    time; `manage.py periodiek` picks up any that were not."""
    if default_task_backend.supports_defer:
        transaction.on_commit(
            partial(
                bericht_bezorgen.using(run_after=bericht.volgende_poging).enqueue,
                bericht_id=bericht.pk,
            )
        )


@transaction.atomic
def bericht_opnieuw_versturen(*, bericht: Bericht) -> None:
    """An administrator sends a failed mail again, for example after fixing an address."""
    bericht.status = Bericht.Status.WACHTEND
    bericht.pogingen = 0
    bericht.volgende_poging = timezone.now()
    bericht.gemeld_als_mislukt = False
    bericht.save()
    _na_commit_bezorgen(bericht)


def wachtende_berichten_aanbieden() -> int:
    """Queues every mail whose next attempt is due; the task itself skips what is not."""
    klaar = list(
        Bericht.objects.filter(
            status=Bericht.Status.WACHTEND, volgende_poging__lte=timezone.now()
        ).values_list("pk", flat=True)
    )
    for bericht_id in klaar:
        bericht_bezorgen.enqueue(bericht_id=bericht_id)
    return len(klaar)


def wachtende_berichten_aanbieden_periodiek() -> str:
    return f"{wachtende_berichten_aanbieden()} wachtende e-mail(s) aangeboden."


def dagrapport_versturen(*, ontvangers: Callable[[Samenwerkingsverband], Iterable[str]]) -> int:
    """Once a day: each SWV whose mails failed for good hears which, at the addresses
    `ontvangers` gives for it (its application administrators, accounts/apps.py).

    Returns the number of SWVs that got a report; 0 when today's report already went out.
    """
    _, nieuw = Dagrapport.objects.get_or_create(datum=timezone.localdate())
    if not nieuw:
        return 0
    mislukt = Bericht.objects.filter(status=Bericht.Status.MISLUKT, gemeld_als_mislukt=False)
    rapporten = 0
    for swv in Samenwerkingsverband.objects.filter(pk__in=mislukt.values("swv")):
        berichten = list(mislukt.filter(swv=swv).order_by("aangemaakt_op"))
        with transaction.atomic():
            bericht_versturen(
                swv=swv,
                aan=ontvangers(swv),
                sjabloon="notificaties/mail/mislukte_berichten.txt",
                context={"swv": swv, "berichten": berichten},
            )
            Bericht.objects.filter(pk__in=[b.pk for b in berichten]).update(gemeld_als_mislukt=True)
        rapporten += 1
    return rapporten

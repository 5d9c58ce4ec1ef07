"""The local mail catcher: `make run` keeps every outgoing mail as a file in var/mail/, and a
page shown only in such a local run lists them, so a new user sees what a school receives."""

from collections.abc import Sequence
from datetime import UTC, datetime
from email import message_from_bytes, policy
from email.message import EmailMessage as Mail
from email.utils import parsedate_to_datetime
from pathlib import Path
from typing import Any
from uuid import uuid4

from django.conf import settings
from django.core.mail.backends.base import BaseEmailBackend
from django.core.mail.message import EmailMessage
from django.utils import timezone


def opvangmap() -> Path:
    return Path(settings.PASSEND_MAIL_MAP)


class OpvangBackend(BaseEmailBackend):
    def send_messages(self, email_messages: Sequence[EmailMessage]) -> int:
        map_ = opvangmap()
        map_.mkdir(parents=True, exist_ok=True)
        for bericht in email_messages:
            naam = f"{timezone.now():%Y%m%d-%H%M%S-%f}-{uuid4().hex[:8]}.eml"
            (map_ / naam).write_bytes(bericht.message().as_bytes())
        return len(email_messages)


def _verzonden_op(kop: str) -> datetime:
    """The Date header as an aware moment. Django writes UTC as "-0000", which the email module
    reads as a naive time; shown as it is, that was an hour or two off Dutch time."""
    moment = parsedate_to_datetime(kop)
    return moment if timezone.is_aware(moment) else moment.replace(tzinfo=UTC)


def opgevangen_mails(limiet: int = 100) -> list[dict[str, Any]]:
    """The newest caught mails first, parsed for display."""
    map_ = opvangmap()
    if not map_.is_dir():
        return []
    mails = []
    for pad in sorted(map_.glob("*.eml"), reverse=True)[:limiet]:
        mail = message_from_bytes(pad.read_bytes(), policy=policy.default)
        assert isinstance(mail, Mail)  # noqa: S101  (policy.default parses to EmailMessage)
        inhoud = mail.get_body(preferencelist=("plain",))
        mails.append(
            {
                "naam": pad.stem,
                "aan": mail["To"],
                "onderwerp": mail["Subject"],
                "datum": _verzonden_op(mail["Date"]),
                "tekst": inhoud.get_content() if inhoud is not None else "",
            }
        )
    return mails

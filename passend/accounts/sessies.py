"""Sessions in the database (Django's own engine), with one difference: when the database
connection is lost while a session is saved, that is reported as the database failure it is (a
500, "Er ging iets mis aan onze kant") instead of as a session that another request deleted
(Django turns every database error there into UpdateError, shown as a 400 "Ongeldig verzoek").
Seen when PostgreSQL restarts under load (web/tests/test_storingen.py)."""

from django.contrib.sessions.backends import db
from django.contrib.sessions.backends.base import UpdateError
from django.db import InterfaceError, OperationalError


class SessionStore(db.SessionStore):
    def save(self, must_create: bool = False) -> None:
        try:
            super().save(must_create=must_create)
        except UpdateError as fout:
            oorzaak = fout.__context__
            if isinstance(oorzaak, OperationalError | InterfaceError):
                raise oorzaak from None
            raise

"""The lockout after failed logins (ASVS V2.2.1): a limit per account and a separate limit per
client address, as django-axes counts them in its database.

django-axes compares one number with one limit (AXES_FAILURE_LIMIT); with two lockout
parameters it takes the larger count. The address limit differs from the account limit (a
school network shares one address), so this handler expresses the address's count on the
account's scale before axes compares it.
"""

from typing import Any

from axes.attempts import get_cool_off_threshold
from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_client_username
from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import QuerySet, Sum
from django.http import HttpRequest


def _som(pogingen: QuerySet[AccessAttempt]) -> int:
    return pogingen.aggregate(som=Sum("failures_since_start"))["som"] or 0


class BlokkadeHandler(AxesDatabaseHandler):
    def get_failures(self, request: HttpRequest, credentials: dict[str, Any] | None = None) -> int:
        """Failures on this account from anywhere, or from this address on any account, each
        against its own limit; the user agent plays no part, so changing it does not help."""
        recent = AccessAttempt.objects.filter(attempt_time__gte=get_cool_off_threshold(request))
        account = _som(recent.filter(username=get_client_username(request, credentials)))
        adres = _som(recent.filter(ip_address=request.axes_ip_address))  # type: ignore[attr-defined]
        per_account = settings.AXES_FAILURE_LIMIT
        return max(account, adres - settings.PASSEND_LOGIN_MAX_MISLUKT_PER_ADRES + per_account)

    def reset_user_attempts(
        self, request: HttpRequest, credentials: dict[str, Any] | None = None
    ) -> int:
        """A login clears that account's failures only. The address keeps the rest of its
        count, so an attacker cannot wipe it by logging in to an account of his own."""
        username = get_client_username(request, credentials)
        aantal, _ = AccessAttempt.objects.filter(username=username).delete()
        return aantal

"""Dates as Passend shows them."""

from datetime import date, datetime

from django.utils import timezone

# Passend onderwijs began in 2014: no hulpvraag, and no period filter, lies before it. Also keeps
# a typed year 0001 from asking a report for two thousand years of months (issue 19.9).
VROEGSTE_DATUM = date(2014, 1, 1)


def datum_tekst(waarde: date | datetime | None) -> str:
    """dd-mm-jjjj, a moment in Dutch time; empty for no date. Plain strftime: Django's `date`
    filter goes through its format machinery, a third of a list row's cost."""
    if waarde is None:
        return ""
    if isinstance(waarde, datetime):
        waarde = timezone.localtime(waarde)
    return waarde.strftime("%d-%m-%Y")

"""CSV cells safe to open in a spreadsheet."""


def csv_celwaarde(waarde: object) -> str:
    """A cell Excel will not run as a formula (CSV injection, OWASP): text starting with
    = + - @ or a tab or carriage return gets a leading apostrophe."""
    tekst = "" if waarde is None else str(waarde)
    return "'" + tekst if tekst[:1] in ("=", "+", "-", "@", "\t", "\r") else tekst

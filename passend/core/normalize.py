def normalize_code(value: str) -> str:
    """Codes are typed in any case and with stray spaces; they are stored upper-case and bare."""
    return "".join(value.split()).upper()

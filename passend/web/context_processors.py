from django.http import HttpRequest
from django.urls import NoReverseMatch, reverse

from passend.accounts.selectors import ingelogde_gebruiker
from passend.web.navigation import HOOFDMENU


def _actief(pad: str, url: str) -> bool:
    return pad == url or (url != "/" and pad.startswith(url))


def navigatie(request: HttpRequest) -> dict[str, object]:
    if not (getattr(request, "user", None) and request.user.is_authenticated):
        return {}
    gebruiker = ingelogde_gebruiker(request)
    items = []
    for item in HOOFDMENU:
        if not item.voor(gebruiker):
            continue
        try:
            url = reverse(item.url_name)
        except NoReverseMatch:
            continue
        items.append({"label": item.label, "url": url, "actief": _actief(request.path, url)})
    return {"hoofdmenu": items}

from django.http import HttpRequest
from django.urls import NoReverseMatch, reverse

from passend.accounts.selectors import ingelogde_gebruiker, kanten, rolcodes
from passend.web.navigation import HOOFDMENU


def _actief(pad: str, url: str) -> bool:
    return pad == url or (url != "/" and pad.startswith(url))


def navigatie(request: HttpRequest) -> dict[str, object]:
    if not (getattr(request, "user", None) and request.user.is_authenticated):
        return {}
    gebruiker = ingelogde_gebruiker(request)
    rollen, eigen_kanten = rolcodes(gebruiker), kanten(gebruiker)
    items = []
    for item in HOOFDMENU:
        if item.alleen_voor_rol and item.alleen_voor_rol not in rollen:
            continue
        if item.alleen_voor_kant and item.alleen_voor_kant not in eigen_kanten:
            continue
        try:
            url = reverse(item.url_name)
        except NoReverseMatch:
            continue
        items.append({"label": item.label, "url": url, "actief": _actief(request.path, url)})
    return {"hoofdmenu": items}

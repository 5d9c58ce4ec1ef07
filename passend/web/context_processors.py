from django.http import HttpRequest
from django.urls import NoReverseMatch, reverse

from passend.web.navigation import HOOFDMENU


def navigatie(request: HttpRequest) -> dict[str, object]:
    if not (getattr(request, "user", None) and request.user.is_authenticated):
        return {}
    items = []
    for item in HOOFDMENU:
        try:
            url = reverse(item.url_name)
        except NoReverseMatch:
            continue
        items.append({"label": item.label, "url": url, "actief": request.path == url})
    return {"hoofdmenu": items}

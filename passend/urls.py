from django.contrib import admin
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse
from django.urls import include, path, reverse

from passend.web import gezondheid
from passend.web.views import start


def _admin_login(request: HttpRequest, extra_context: object = None) -> HttpResponse:
    """The admin has no login of its own: both factors are asked on the one login page."""
    return redirect_to_login(request.get_full_path(), login_url=reverse("accounts:aanmelden"))


admin.site.login = _admin_login  # type: ignore[method-assign]
admin.site.site_header = "Passend technisch beheer"
admin.site.site_title = "Passend"

urlpatterns = [
    path("gezond", gezondheid.gezond, name="gezond"),
    path("gereed", gezondheid.gereed, name="gereed"),
    # The local mailbox answers only where mails are caught locally (the view checks
    # PASSEND_LOKALE_MAILBOX): a 404 elsewhere.
    path("", include("passend.notificaties.urls")),
    # The home page, where login lands, is "Mijn acties" (also at /mijn-acties/).
    path("", start, name="start"),
    path("", include("passend.accounts.urls")),
    path("", include("passend.hulpvragen.urls")),
    path("", include("passend.bijlagen.urls")),
    path("", include("passend.formulieren.urls")),
    path("", include("passend.overlegrondes.urls")),
    path("", include("passend.koppelingen.urls")),
    path("", include("passend.rapportages.urls")),
    path("", include("passend.inzagerecht.urls")),
    path("api/v1/", include("passend.koppelingen.api.urls")),
    path("beheer/", admin.site.urls),
    # SWV-beheer in the app's own look; the Django admin above is for operators (staff) only.
    path("swv-beheer/", include("passend.swvbeheer.urls")),
    path("swv-beheer/bewaren/", include("passend.bewaren.urls")),
    path("wijzigingsverzoeken/", include("passend.swvbeheer.urls_school")),
    # The audit viewer for the SWV's privacy officer and application administrator (B8, P2).
    path("verantwoording/", include("passend.verantwoording.urls")),
]

import time
from base64 import b32encode
from typing import Any
from urllib.parse import urlencode

import qrcode
from axes.handlers.proxy import AxesProxyHandler
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import authenticate, login
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.contrib.auth.signals import user_login_failed
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice
from qrcode.image.svg import SvgPathImage

from passend.accounts import security_log
from passend.accounts.forms import (
    AanmeldForm,
    AccountInstellingenForm,
    ActiverenForm,
    AuthenticatorCodeForm,
    AuthenticatorHerstelForm,
    WachtwoordVergetenForm,
)
from passend.accounts.middleware import (
    SESSIE_AANGEMELD_OP,
    SESSIE_LAATSTE_ACTIVITEIT,
    volledig_aangemeld,
)
from passend.accounts.models import Gebruiker, Uitnodiging
from passend.accounts.selectors import ingelogde_gebruiker
from passend.accounts.services import (
    UitnodigingOngeldig,
    account_activeren,
    account_instellingen_wijzigen,
    authenticator_bevestigen,
    authenticator_inrichten_starten,
    authenticator_link_gebruiken,
    authenticator_van,
    code_controleren,
    uitnodiging_van,
    wachtwoordherstel_aanvragen,
)
from passend.core.clientadres import clientadres
from passend.core.tijd import datum_tekst
from passend.organisaties.selectors import samenwerkingsverbanden

SESSIE_INRICHTEN = "authenticator_inrichten"
INRICHTEN_GELDIG_SECONDEN = 10 * 60

MISLUKT = gettext_lazy(
    "Aanmelden is niet gelukt. Controleer uw gebruikersnaam, uw wachtwoord en de code uit uw "
    "authenticator-app. Staat de klok van uw telefoon goed? Een code werkt maar één keer."
)
GEBLOKKEERD = gettext_lazy(
    "Er is te vaak geprobeerd aan te melden, met deze gebruikersnaam of vanaf dit netwerk. "
    "Probeer het over %(minuten)d minuten opnieuw, of neem contact op met de helpdesk."
)


def _geblokkeerd_melding() -> str:
    return str(GEBLOKKEERD) % {"minuten": settings.AXES_COOLOFF_TIME.total_seconds() // 60}


def _render_aanmelden(request: HttpRequest, form: AanmeldForm, status: int = 200) -> HttpResponse:
    return render(
        request,
        "accounts/aanmelden.html",
        {"form": form, "organisaties": samenwerkingsverbanden(), "next": _veilige_next(request)},
        status=status,
    )


def _veilige_next(request: HttpRequest) -> str:
    next_url = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return next_url
    return ""


def _aanmelden_voltooien(request: HttpRequest, gebruiker: Gebruiker, device: TOTPDevice) -> None:
    # login() gives the session a new id; the second factor is recorded in the same session.
    login(request, gebruiker, backend="passend.accounts.backends.OrganisatieBackend")
    otp_login(request, device)
    request.session[SESSIE_AANGEMELD_OP] = request.session[SESSIE_LAATSTE_ACTIVITEIT] = time.time()


def lockout_response(
    request: HttpRequest, original_response: HttpResponse | None, credentials: Any = None
) -> HttpResponse:
    """django-axes calls this when it refused an attempt; the login view already said why."""
    if original_response is not None:
        return original_response
    form = AanmeldForm(request.POST or None)
    form.is_valid()
    form.add_error(None, _geblokkeerd_melding())
    return _render_aanmelden(request, form, status=429)


@login_not_required
@never_cache
@require_http_methods(["GET", "POST"])
def aanmelden(request: HttpRequest) -> HttpResponse:
    if volledig_aangemeld(request):
        return redirect(settings.LOGIN_REDIRECT_URL)
    form = AanmeldForm(request.POST if request.method == "POST" else None)
    if not (request.method == "POST" and form.is_valid()):
        return _render_aanmelden(request, form)

    swv = form.cleaned_data["organisatie"]
    gebruikersnaam = form.cleaned_data["gebruikersnaam"]
    code = form.cleaned_data["code"]
    gebruiker = authenticate(
        request, username=gebruikersnaam, password=form.cleaned_data["wachtwoord"], swv=swv
    )
    if getattr(request, "axes_locked_out", False):
        form.add_error(None, _geblokkeerd_melding())
        return _render_aanmelden(request, form, status=429)
    if not isinstance(gebruiker, Gebruiker):
        form.add_error(None, MISLUKT)
        return _render_aanmelden(request, form)

    device = authenticator_van(gebruiker)
    if device is None and gebruiker.authenticator_via_link:
        # B11: after an invitation or a lost second factor, only the mailed link enrols one.
        form.add_error(
            None,
            _(
                "Voor dit account is nog geen authenticator-app ingesteld. Gebruik de link uit "
                "de e-mail die u kreeg, of vraag de applicatiebeheerder van uw "
                "samenwerkingsverband om een nieuwe."
            ),
        )
        return _render_aanmelden(request, form)
    if device is None:
        request.session.cycle_key()
        request.session[SESSIE_INRICHTEN] = {"gebruiker": gebruiker.pk, "sinds": time.time()}
        return redirect(_met_next(reverse("accounts:authenticator_inrichten"), request))
    if code and code_controleren(device=device, code=code):
        _aanmelden_voltooien(request, gebruiker, device)
        return redirect(_veilige_next(request) or settings.LOGIN_REDIRECT_URL)

    security_log.code_mislukt(request, gebruiker)
    # Counted by django-axes like a wrong password, so guessing codes locks the account too.
    user_login_failed.send(
        sender=__name__,
        credentials={"username": gebruikersnaam, "swv": swv},
        request=request,
    )
    form.add_error(None, MISLUKT)
    return _render_aanmelden(request, form)


def _met_next(url: str, request: HttpRequest) -> str:
    next_url = _veilige_next(request)
    return f"{url}?{urlencode({'next': next_url})}" if next_url else url


def _gebruiker_in_inrichting(request: HttpRequest) -> Gebruiker | None:
    inrichting = request.session.get(SESSIE_INRICHTEN)
    if not inrichting or time.time() - inrichting["sinds"] > INRICHTEN_GELDIG_SECONDEN:
        return None
    return (
        Gebruiker.objects.select_related("swv")
        .filter(pk=inrichting["gebruiker"], is_active=True)
        .first()
    )


def _qr_svg(data: str) -> str:
    image = qrcode.make(data, image_factory=SvgPathImage, box_size=8, border=2)
    svg = image.to_string(encoding="unicode")
    return svg[svg.index("<svg") :]


@login_not_required
@never_cache
@require_http_methods(["GET", "POST"])
def authenticator_inrichten(request: HttpRequest) -> HttpResponse:
    """First login (R12, R43): the QR code and the secret in text, confirmed with a code."""
    gebruiker = _gebruiker_in_inrichting(request)
    if gebruiker is None:
        request.session.pop(SESSIE_INRICHTEN, None)
        messages.info(request, _("Meld u opnieuw aan om uw authenticator-app in te stellen."))
        return redirect("accounts:aanmelden")
    device = authenticator_inrichten_starten(gebruiker=gebruiker)
    form = AuthenticatorCodeForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        if authenticator_bevestigen(device=device, code=form.cleaned_data["code"]):
            del request.session[SESSIE_INRICHTEN]
            device.refresh_from_db()
            _aanmelden_voltooien(request, gebruiker, device)
            security_log.authenticator_ingesteld(request, gebruiker)
            messages.success(request, _("Uw authenticator-app is ingesteld. U bent aangemeld."))
            return redirect(_veilige_next(request) or settings.LOGIN_REDIRECT_URL)
        security_log.code_mislukt(request, gebruiker)
        form.add_error(
            "code",
            _(
                "Deze code klopt niet. Gebruik de code die de app nu toont voor "
                "‘%(naam)s’, en controleer of de klok van uw telefoon goed staat."
            )
            % {"naam": settings.OTP_TOTP_ISSUER(device)},
        )
    geheim = b32encode(device.bin_key).decode()
    return render(
        request,
        "accounts/authenticator_inrichten.html",
        {
            "form": form,
            "gebruiker": gebruiker,
            "qr_svg": _qr_svg(device.config_url),
            "geheim_in_groepen": " ".join(geheim[i : i + 4] for i in range(0, len(geheim), 4)),
            "app_naam": settings.OTP_TOTP_ISSUER(device),
            "next": _veilige_next(request),
        },
    )


@login_not_required
@never_cache
@require_http_methods(["GET", "POST"])
def wachtwoord_vergeten(request: HttpRequest) -> HttpResponse:
    form = WachtwoordVergetenForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        wachtwoordherstel_aanvragen(
            swv=form.cleaned_data["organisatie"],
            gebruikersnaam=form.cleaned_data["gebruikersnaam"],
            email=form.cleaned_data["email"],
            client_adres=clientadres(request),
        )
        return redirect("accounts:wachtwoord_vergeten_verstuurd")
    return render(
        request,
        "accounts/wachtwoord_vergeten.html",
        {"form": form, "organisaties": samenwerkingsverbanden()},
    )


@login_not_required
def wachtwoord_vergeten_verstuurd(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "accounts/wachtwoord_vergeten_verstuurd.html",
        {"geldig_minuten": settings.PASSWORD_RESET_TIMEOUT // 60},
    )


class WachtwoordHerstellenView(auth_views.PasswordResetConfirmView):
    """Sets a new password from the mailed link; it never logs in, so the code is still asked."""

    template_name = "accounts/wachtwoord_herstellen.html"
    success_url = reverse_lazy("accounts:wachtwoord_hersteld")
    post_reset_login = False


class WachtwoordHersteldView(auth_views.PasswordResetCompleteView):
    template_name = "accounts/wachtwoord_hersteld.html"


class WachtwoordWijzigenView(auth_views.PasswordChangeView):
    template_name = "accounts/wachtwoord_wijzigen.html"
    success_url = reverse_lazy("start")

    def form_valid(self, form):  # type: ignore[no-untyped-def]
        response = super().form_valid(form)
        messages.success(self.request, _("Uw wachtwoord is gewijzigd."))
        return response


class AfmeldenView(auth_views.LogoutView):
    next_page = "accounts:aanmelden"

    def post(self, request, *args, **kwargs):  # type: ignore[no-untyped-def]
        response = super().post(request, *args, **kwargs)
        messages.success(request, _("U bent uitgelogd."))
        return response


@require_http_methods(["GET", "POST"])
def mijn_account(request: HttpRequest) -> HttpResponse:
    """The account's own settings; for now whether status mails are sent (R19)."""
    gebruiker = ingelogde_gebruiker(request)
    form = AccountInstellingenForm(
        request.POST if request.method == "POST" else None,
        initial={"statusmails_ontvangen": gebruiker.statusmails_ontvangen},
    )
    if request.method == "POST" and form.is_valid():
        account_instellingen_wijzigen(
            gebruiker=gebruiker,
            statusmails_ontvangen=form.cleaned_data["statusmails_ontvangen"],
        )
        messages.success(request, _("Uw instellingen zijn opgeslagen."))
        return redirect("accounts:mijn_account")
    return render(request, "accounts/mijn_account.html", {"form": form})


@login_not_required
@never_cache
@require_http_methods(["GET", "POST"])
def activeren(request: HttpRequest, token: str) -> HttpResponse:
    """An invited account's single-use link (issue 13 item 5): choose a password, then enrol
    the authenticator app through the login's enrolment step, which logs in. An expired link
    says so and how to get a new one; a used or unknown one says it no longer works."""
    try:
        uitnodiging = uitnodiging_van(token)
    except UitnodigingOngeldig as fout:
        return render(
            request,
            "accounts/activeren_ongeldig.html",
            {
                "verlopen_op": datum_tekst(fout.verlopen_op) if fout.verlopen_op else "",
                "tijd": timezone.localtime(fout.verlopen_op).strftime("%H:%M")
                if fout.verlopen_op
                else "",
            },
            status=410,
        )
    gebruiker = uitnodiging.gebruiker
    form = ActiverenForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            gebruiker = account_activeren(token=token, wachtwoord=form.cleaned_data["wachtwoord"])
        except UitnodigingOngeldig:
            return redirect("accounts:activeren", token=token)
        except ValidationError as fout:
            form.add_error(None, fout)
        else:
            request.session.cycle_key()
            request.session[SESSIE_INRICHTEN] = {"gebruiker": gebruiker.pk, "sinds": time.time()}
            messages.success(
                request,
                _("Uw wachtwoord is opgeslagen. Stel nu uw authenticator-app in."),
            )
            return redirect("accounts:authenticator_inrichten")
    return render(
        request,
        "accounts/activeren.html",
        {"form": form, "gebruiker": gebruiker, "organisatie": gebruiker.swv},
    )


@login_not_required
@never_cache
@require_http_methods(["GET", "POST"])
def authenticator_herstellen(request: HttpRequest, token: str) -> HttpResponse:
    """B11: the single-use link mailed after the SWV checked who lost their second factor. The
    account's password, then a new authenticator app through the login's enrolment step."""
    try:
        uitnodiging = uitnodiging_van(token, soort=Uitnodiging.Soort.AUTHENTICATOR)
    except UitnodigingOngeldig as fout:
        return render(
            request,
            "accounts/authenticator_herstellen_ongeldig.html",
            {
                "verlopen_op": datum_tekst(fout.verlopen_op) if fout.verlopen_op else "",
                "tijd": timezone.localtime(fout.verlopen_op).strftime("%H:%M")
                if fout.verlopen_op
                else "",
            },
            status=410,
        )
    gebruiker = uitnodiging.gebruiker
    form = AuthenticatorHerstelForm(request.POST if request.method == "POST" else None)
    geloofsbrieven = {"username": gebruiker.gebruikersnaam, "swv": gebruiker.swv}
    if request.method == "POST" and not AxesProxyHandler.is_allowed(request, geloofsbrieven):
        form.is_valid()
        form.add_error(None, _geblokkeerd_melding())
    elif request.method == "POST" and form.is_valid():
        try:
            gebruiker = authenticator_link_gebruiken(
                token=token, wachtwoord=form.cleaned_data["wachtwoord"]
            )
        except UitnodigingOngeldig:
            return redirect("accounts:authenticator_herstellen", token=token)
        except ValidationError as fout:
            # Counted by django-axes like a failed login: the link is no way to guess passwords.
            user_login_failed.send(sender=__name__, credentials=geloofsbrieven, request=request)
            form.add_error(None, fout)
        else:
            request.session.cycle_key()
            request.session[SESSIE_INRICHTEN] = {"gebruiker": gebruiker.pk, "sinds": time.time()}
            messages.success(request, _("Stel nu uw nieuwe authenticator-app in."))
            return redirect("accounts:authenticator_inrichten")
    return render(
        request,
        "accounts/authenticator_herstellen.html",
        {"form": form, "gebruiker": gebruiker, "organisatie": gebruiker.swv},
    )

"""SWV-beheer: the admin where an SWV's application administrators edit their own configuration.

A separate admin site from the operators' /beheer/: everything in it is limited to the
administrator's own samenwerkingsverband, rows and choices alike, so one SWV never sees or
picks another's processes, regions, schools or accounts.
"""

from typing import Any

from django import forms
from django.contrib import admin, messages
from django.contrib.auth.views import redirect_to_login
from django.db import models
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from passend.accounts.rechten import rolfeiten
from passend.accounts.selectors import ingelogde_gebruiker
from passend.koppelingen.models import (
    Aanvraagtype,
    ApiClient,
    Osoinstellingen,
    Schoolkoppeling,
    Verificatiecode,
)
from passend.koppelingen.oso import BIJLAGEN, BLOKKEN
from passend.koppelingen.services import (
    client_intrekken,
    client_registreren,
    verificatiecode_controleren,
    verificatiecode_registreren,
    verificatiecode_verwijderen,
)
from passend.processen.models import Status


def _swv_id(request: HttpRequest) -> int:
    return ingelogde_gebruiker(request).swv_id


def _is_eigen_beheerder(request: HttpRequest) -> bool:
    user = request.user
    return bool(user.is_authenticated and user.is_active) and (
        rolfeiten(ingelogde_gebruiker(request)).is_applicatiebeheerder
    )


def _eigen_swv(model: type[models.Model], swv_id: int) -> models.QuerySet[Any]:
    """The rows of `model` that belong to this SWV (directly, or a status through its process)."""
    if model is Status:
        return Status.objects.filter(proces__swv=swv_id)
    if any(veld.name == "swv" for veld in model._meta.get_fields()):
        return model._default_manager.filter(swv=swv_id)
    return model._default_manager.all()  # shared rows, such as roles


class EigenSwvMixin:
    """Rows, choices and permissions limited to the administrator's own SWV."""

    swv_pad = "swv"

    class Media:
        # Underlined breadcrumb links: axe-core's link-in-text-block on the changelists.
        css = {"all": ["web/swv_beheer.css"]}

    def get_queryset(self, request: HttpRequest) -> models.QuerySet[Any]:
        return super().get_queryset(request).filter(**{self.swv_pad: _swv_id(request)})  # type: ignore[misc]

    def has_module_permission(self, request: HttpRequest) -> bool:
        return _is_eigen_beheerder(request)

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return _is_eigen_beheerder(request)

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return _is_eigen_beheerder(request)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return _is_eigen_beheerder(request)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        # Processes, statuses and titles are kept (hulpvragen refer to them); retire a title
        # with 'actief' instead. Labels and SCP links may go.
        return False

    def formfield_for_foreignkey(self, db_field: Any, request: HttpRequest, **kwargs: Any) -> Any:
        kwargs["queryset"] = _eigen_swv(db_field.related_model, _swv_id(request))
        return super().formfield_for_foreignkey(db_field, request, **kwargs)  # type: ignore[misc]

    def formfield_for_manytomany(self, db_field: Any, request: HttpRequest, **kwargs: Any) -> Any:
        kwargs["queryset"] = _eigen_swv(db_field.related_model, _swv_id(request))
        return super().formfield_for_manytomany(db_field, request, **kwargs)  # type: ignore[misc]

    def get_fieldsets(self, request: HttpRequest, obj: Any = None) -> Any:
        # The SWV is not a choice here: it is the administrator's own.
        return [
            (naam, {**opties, "fields": [v for v in opties["fields"] if v != "swv"]})
            for naam, opties in super().get_fieldsets(request, obj)  # type: ignore[misc]
        ]

    def get_form(
        self, request: HttpRequest, obj: Any = None, change: bool = False, **kwargs: Any
    ) -> Any:
        form = super().get_form(request, obj, change=change, **kwargs)  # type: ignore[misc]
        swv_id = _swv_id(request)

        class FormVoorEigenSwv(form):  # type: ignore[misc,valid-type]
            def __init__(self, *args: Any, **kwargs: Any) -> None:
                super().__init__(*args, **kwargs)
                # Set before validation, so the model's own checks know the SWV.
                if hasattr(self.instance, "swv_id") and self.instance.swv_id is None:
                    self.instance.swv_id = swv_id

        return FormVoorEigenSwv


class SchoolkoppelingInline(EigenSwvMixin, admin.StackedInline[Schoolkoppeling, ApiClient]):
    """R8: the schools that use this client, with the OSO route's mandate and
    routeringskenmerk. (Esis schools are named by their verification code instead.)"""

    model = Schoolkoppeling
    swv_pad = "school__swv"
    extra = 0
    fields = ["school", "mandaat", "routeringskenmerk", "sinds"]
    verbose_name = gettext_lazy("school die deze koppeling gebruikt")
    verbose_name_plural = gettext_lazy("scholen die deze koppeling gebruiken (R8)")

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return _is_eigen_beheerder(request)


class EigenApiClientAdmin(EigenSwvMixin, admin.ModelAdmin[ApiClient]):
    """Issue 14: a client per supplier. Its token is shown once, on the page after saving; only
    its hash is kept. A client is revoked, never deleted: its requests refer to it."""

    list_display = ["naam", "soort", "max_per_minuut", "aangemaakt_op", "ingetrokken_op"]
    fields = ["naam", "soort", "max_per_minuut"]
    readonly_fields = ["aangemaakt_op", "ingetrokken_op"]
    inlines = [SchoolkoppelingInline]
    actions = ["intrekken"]

    def get_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        return [*self.fields, *self.readonly_fields] if obj is not None else self.fields

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> list[str]:
        return [*self.readonly_fields, "soort"] if obj is not None else []

    def save_model(self, request: HttpRequest, obj: ApiClient, form: Any, change: bool) -> None:
        if change:
            super().save_model(request, obj, form, change)
            return
        client, token = client_registreren(
            swv=obj.swv,
            naam=obj.naam,
            soort=obj.soort,
            door=ingelogde_gebruiker(request),
            max_per_minuut=obj.max_per_minuut,
        )
        obj.pk = client.pk
        request._passend_token = token  # type: ignore[attr-defined]

    def response_add(
        self, request: HttpRequest, obj: ApiClient, post_url_continue: Any = None
    ) -> HttpResponse:
        # Rendered here, not carried in a message (a cookie) or a URL: shown once, kept nowhere.
        return TemplateResponse(
            request,
            "web/beheer_token.html",
            {
                **self.admin_site.each_context(request),
                "title": _("Token van %s") % obj.naam,
                "client": obj,
                "token": request._passend_token,  # type: ignore[attr-defined]
                "lijst_url": reverse("swv_beheer:koppelingen_apiclient_changelist"),
            },
        )

    @admin.action(description=gettext_lazy("Intrekken: elk verzoek met het token wordt geweigerd"))
    def intrekken(self, request: HttpRequest, rijen: models.QuerySet[ApiClient]) -> None:
        for client in rijen:
            client_intrekken(client=client)
        messages.success(request, _("De gekozen clients zijn ingetrokken."))


class VerificatiecodeForm(forms.ModelForm[Verificatiecode]):
    code = forms.CharField(
        label=gettext_lazy("Verificatiecode"),
        min_length=1,
        max_length=200,
        strip=True,
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
        help_text=gettext_lazy(
            "De code die de school in Esis heeft ingevoerd (Beheer > Koppelingen): begint met "
            "de BRIN en vestiging van de school, 20 tot 50 tekens. Passend bewaart hem "
            "versleuteld; hij is hierna niet meer te lezen."
        ),
    )

    class Meta:
        model = Verificatiecode
        fields = ["school", "omgeving"]

    def clean(self) -> dict[str, Any]:
        gegevens = super().clean() or {}
        school, code = gegevens.get("school"), gegevens.get("code")
        if school is not None and code:
            verificatiecode_controleren(school, code)
        return gegevens


class EigenVerificatiecodeAdmin(EigenSwvMixin, admin.ModelAdmin[Verificatiecode]):
    """R10: the SWV registers a school's Esis code; removing it pauses the link, registering
    the same code again resumes it."""

    swv_pad = "school__swv"
    form = VerificatiecodeForm
    list_display = ["school", "omgeving", "status", "aangemaakt_op"]
    list_filter = ["verwijderd_op"]
    actions = ["pauzeren"]

    def get_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        return ["school", "omgeving", "code"] if obj is None else ["school", "omgeving", "status"]

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> list[str]:
        return [] if obj is None else ["school", "omgeving", "status"]

    @admin.display(description=gettext_lazy("Status"))
    def status(self, obj: Verificatiecode) -> str:
        if obj.verwijderd_op is None:
            return _("Actief")
        return _("Gepauzeerd sinds %s") % obj.verwijderd_op.strftime("%d-%m-%Y")

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return obj is None and _is_eigen_beheerder(request)

    def save_model(
        self, request: HttpRequest, obj: Verificatiecode, form: Any, change: bool
    ) -> None:
        rij = verificatiecode_registreren(
            school=obj.school,
            code=form.cleaned_data["code"],
            omgeving=obj.omgeving,
            door=ingelogde_gebruiker(request),
        )
        obj.pk = rij.pk

    @admin.action(description=gettext_lazy("Verwijderen: de koppeling van de school pauzeren"))
    def pauzeren(self, request: HttpRequest, rijen: models.QuerySet[Verificatiecode]) -> None:
        for rij in rijen:
            verificatiecode_verwijderen(verificatiecode=rij)
        messages.success(
            request,
            _("De koppeling is gepauzeerd. Voer dezelfde code opnieuw in om haar te hervatten."),
        )


class OsoinstellingenForm(forms.ModelForm[Osoinstellingen]):
    te_bewaren = forms.MultipleChoiceField(
        label=gettext_lazy("Gegevensblokken die bewaard worden"),
        choices=[(BIJLAGEN, gettext_lazy("Bijlagen (de documenten van elk blok)"))]
        + [(blok.naam, blok.titel) for blok in BLOKKEN if not blok.basis],
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=gettext_lazy(
            "Wat niet is aangevinkt, laat Passend weg voordat er iets wordt opgeslagen; de school "
            "hoort welke blokken zijn weggelaten. Naam, geboortedatum, adres en school van de "
            "leerling zijn altijd nodig voor de hulpvraag."
        ),
    )

    class Meta:
        model = Osoinstellingen
        fields = ["te_bewaren"]


class EigenOsoinstellingenAdmin(EigenSwvMixin, admin.ModelAdmin[Osoinstellingen]):
    """Issue 15: which OSO blocks the SWV keeps (B7). One row, made on first visit."""

    form = OsoinstellingenForm
    list_display = ["__str__", "te_bewaren"]

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def changelist_view(self, request: HttpRequest, extra_context: Any = None) -> HttpResponse:
        if _is_eigen_beheerder(request):
            Osoinstellingen.objects.get_or_create(swv_id=_swv_id(request))
        return super().changelist_view(request, extra_context)


class EigenAanvraagtypeAdmin(EigenSwvMixin, admin.ModelAdmin[Aanvraagtype]):
    """Issue 15: the aanvraagtypen of ParnasSys mapped to the SWV's titles (per regio)."""

    list_display = ["code"]
    fields = ["code", "titels"]

    def formfield_for_manytomany(self, db_field: Any, request: HttpRequest, **kwargs: Any) -> Any:
        # Checkboxes, not filter_horizontal: its script gives a <span> an aria-label, which
        # axe-core refuses (aria-prohibited-attr), and an SWV has only a few titles.
        kwargs["widget"] = forms.CheckboxSelectMultiple
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return _is_eigen_beheerder(request)


class SwvBeheerSite(admin.AdminSite):
    site_header = "Passend – beheer van uw samenwerkingsverband"
    site_title = "Passend SWV-beheer"
    index_title = "Formulieren, labels, schoolcontactpersonen en instellingen"
    # Links to the accounts and staff-change screens (passend.swvbeheer) above the models.
    index_template = "web/swv_beheer_index.html"

    def has_permission(self, request: HttpRequest) -> bool:
        return _is_eigen_beheerder(request)

    def login(self, request: HttpRequest, extra_context: Any = None) -> HttpResponse:
        return redirect_to_login(request.get_full_path(), login_url=reverse("accounts:aanmelden"))


swv_beheer = SwvBeheerSite(name="swv_beheer")
# Processes, titles, labels, document types, schoolcontactpersonen, besturen and the settings
# have screens of their own (passend.swvbeheer, issue 16); the operators' admin (/beheer/) keeps
# them for staff.
swv_beheer.register(ApiClient, EigenApiClientAdmin)
swv_beheer.register(Verificatiecode, EigenVerificatiecodeAdmin)
swv_beheer.register(Osoinstellingen, EigenOsoinstellingenAdmin)
swv_beheer.register(Aanvraagtype, EigenAanvraagtypeAdmin)

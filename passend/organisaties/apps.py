from django.apps import AppConfig


class OrganisatiesConfig(AppConfig):
    name = "passend.organisaties"
    verbose_name = "Organisaties"

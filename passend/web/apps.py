from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "passend.web"
    verbose_name = "Web"

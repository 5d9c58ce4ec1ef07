from django.apps import AppConfig


class ProcessenConfig(AppConfig):
    name = "passend.processen"
    verbose_name = "Processen"

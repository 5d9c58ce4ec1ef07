from django.apps import AppConfig


class TestdataConfig(AppConfig):
    """Demo data (`manage.py demo`, `demo_code`) and the national-scale generator
    (`manage.py genereer_data`). The top layer: it may import every app, no app imports it."""

    name = "passend.testdata"
    verbose_name = "Testgegevens"

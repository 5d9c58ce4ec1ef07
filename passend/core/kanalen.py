"""The channels through which a school's data comes in (R1, R2): every channel takes the same
services, so the same rules and checks."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Kanaal(models.TextChoices):
    WEB = "web", _("Passend")
    ESIS = "esis", _("Esis")
    OSO = "oso", _("OSO (ParnasSys en andere)")
    API = "api", _("API")

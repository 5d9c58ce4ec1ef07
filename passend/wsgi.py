import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "passend.settings")
application = get_wsgi_application()

# After setup, so the line goes through the JSON logging of settings.LOGGING.
from passend.bijlagen.controles.virusscanner import virusscanner_stand_melden  # noqa: E402

virusscanner_stand_melden()

import os

from django.core.wsgi import get_wsgi_application

from passend.core.geheugen import malloc_afstemmen
from passend.core.wsgi_invoer import invoer_in_grote_blokken

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "passend.settings")
# Uploads pass through blocks of a MiB; without this each one page-faults in fresh memory.
malloc_afstemmen()
application = invoer_in_grote_blokken(get_wsgi_application())

# After setup, so the line goes through the JSON logging of settings.LOGGING.
from passend.bijlagen.controles.virusscanner import virusscanner_stand_melden  # noqa: E402

virusscanner_stand_melden()

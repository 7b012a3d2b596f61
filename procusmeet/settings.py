"""ProcusMeet settings: one module driven by environment variables.

Development defaults need no servers (SQLite, local files, a file cache shared by
processes, the `test` payment provider). ``DJANGO_ENV=production`` turns on the strict
checks and refuses to start without the variables production needs.

This is the module DJANGO_SETTINGS_MODULE names everywhere. Its parts live in
``procusmeet.conf``, one concern a module; each part imports the parts it reads, so
the order of the imports below does not matter. What runs at start-up stays here.
"""

from django.core.exceptions import ImproperlyConfigured

# Star imports on purpose: every setting of every part is a setting of this module.
from procusmeet.conf.accounts import *
from procusmeet.conf.api import *
from procusmeet.conf.background import *
from procusmeet.conf.core import *
from procusmeet.conf.core import PRODUCTION
from procusmeet.conf.logging import *
from procusmeet.conf.logging import init_sentry
from procusmeet.conf.security import *
from procusmeet.conf.security import refuse_unsafe_production
from procusmeet.conf.services import *
from procusmeet.conf.storage import *
from procusmeet.conf.storage import create_local_folders

create_local_folders()
init_sentry()
# Last, so the message lists every missing variable at once. The refusal is for an
# operator, so it exits with the message alone (manage.py, uvicorn and celery all print a
# SystemExit's text without a traceback).
if PRODUCTION:
    try:
        refuse_unsafe_production()
    except ImproperlyConfigured as exc:
        raise SystemExit(f"ProcusMeet refuses to start (DJANGO_ENV=production). {exc}. See .env.example.") from None

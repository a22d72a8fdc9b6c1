"""WSGI entry point (gunicorn seslip.wsgi).

Each gunicorn worker imports this module when it starts, before it takes a request. It
loads the URL configuration there, and with it every view module and what they import
(openpyxl for the cohort file's template, the REST framework's serializers, ...), so
that the first request a new worker serves does not pay for those imports: in the upload
benchmark (docs/performance.md) that was over a second on a fresh process."""

import os

from django.core.wsgi import get_wsgi_application
from django.urls import get_resolver

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "seslip.settings")

application = get_wsgi_application()


def load_url_configuration() -> None:
    """Import every view now rather than on the first request (Django does it lazily)."""
    get_resolver().url_patterns  # noqa: B018 (a cached property: reading it loads the URLconf)


load_url_configuration()

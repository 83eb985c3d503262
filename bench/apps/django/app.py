"""Django's side: plaintext, JSON and Fortunes in one file, served by gunicorn (`gunicorn app:application`).
FORTUNES_DB names the SQLite file the .NET apps read."""
import os

from django.conf import settings

settings.configure(
    DEBUG=False,
    SECRET_KEY="bench-only",
    ALLOWED_HOSTS=["*"],
    ROOT_URLCONF=__name__,
    MIDDLEWARE=[],
    INSTALLED_APPS=[],
    DATABASES={"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": os.environ.get("FORTUNES_DB", "fortunes.db")}},
    TEMPLATES=[{"BACKEND": "django.template.backends.django.DjangoTemplates", "DIRS": [], "OPTIONS": {"loaders": []}}],
    USE_TZ=False,
)

import django  # noqa: E402

django.setup()

from django.db import models  # noqa: E402
from django.http import HttpResponse, JsonResponse  # noqa: E402
from django.template import engines  # noqa: E402
from django.urls import path  # noqa: E402


class Fortune(models.Model):
    id = models.AutoField(primary_key=True, db_column="Id")
    message = models.TextField(db_column="Message")

    class Meta:
        app_label = "bench"
        db_table = "Fortunes"
        managed = False


FORTUNES = engines["django"].from_string(
    "<!DOCTYPE html><html><head><title>Fortunes</title></head><body><table><tr><th>id</th><th>message</th></tr>"
    "{% for fortune in fortunes %}<tr><td>{{ fortune.id }}</td><td>{{ fortune.message }}</td></tr>{% endfor %}"
    "</table></body></html>")


def plaintext(request):
    return HttpResponse("Hello, World!", content_type="text/plain")


def json(request):
    return JsonResponse({"message": "Hello, World!"})


def fortunes(request):
    rows = list(Fortune.objects.all())
    rows.append(Fortune(id=0, message="Additional fortune added at request time."))
    rows.sort(key=lambda f: f.message)
    return HttpResponse(FORTUNES.render({"fortunes": rows}), content_type="text/html; charset=utf-8")


urlpatterns = [path("plaintext", plaintext), path("json", json), path("fortunes", fortunes)]

from django.core.wsgi import get_wsgi_application  # noqa: E402

application = get_wsgi_application()

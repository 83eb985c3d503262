"""Django's side: plaintext, JSON, Fortunes and the blog page in one file, served by gunicorn (`gunicorn app:application`).
FORTUNES_DB names the SQLite file the .NET apps read; the blog page renders Micro's bench templates (../micro/templates/blog/),
the same files."""
import os

HERE = os.path.dirname(os.path.abspath(__file__))

from django.conf import settings

settings.configure(
    DEBUG=False,
    SECRET_KEY="bench-only",
    ALLOWED_HOSTS=["*"],
    ROOT_URLCONF=__name__,
    MIDDLEWARE=[],
    INSTALLED_APPS=[],
    DATABASES={"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": os.environ.get("FORTUNES_DB", "fortunes.db")}},
    # DEBUG off and no loaders given: Django caches the parsed templates, as a deployed site does.
    TEMPLATES=[{"BACKEND": "django.template.backends.django.DjangoTemplates",
                "DIRS": [os.path.join(HERE, "..", "micro", "templates")]}],
    USE_TZ=False,
)

import django  # noqa: E402

django.setup()

from django.db import models  # noqa: E402
from django.http import HttpResponse, JsonResponse  # noqa: E402
from django.shortcuts import render  # noqa: E402
from django.template import engines  # noqa: E402
from django.urls import path  # noqa: E402


class Table(models.Model):
    """A table of the SQLite file the .NET apps read (make_db.py writes it): an "Id" key, and columns named as Micro names them."""
    id = models.AutoField(primary_key=True, db_column="Id")

    class Meta:
        abstract = True
        app_label = "bench"
        managed = False


class Fortune(Table):
    message = models.TextField(db_column="Message")

    class Meta(Table.Meta):
        db_table = "Fortunes"


class Author(Table):
    name = models.TextField(db_column="Name")

    class Meta(Table.Meta):
        db_table = "Authors"


class BlogPost(Table):
    title = models.TextField(db_column="Title")
    slug = models.TextField(db_column="Slug")
    year = models.IntegerField(db_column="Year")
    body = models.TextField(db_column="Body")
    author = models.ForeignKey(Author, models.DO_NOTHING, db_column="AuthorId")

    class Meta(Table.Meta):
        db_table = "BlogPosts"


POSTS_PER_PAGE = 20

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


def posts(request):
    """Micro's Bench.Posts: the newest posts with their authors, 20 a page, a page number past the last showing the last."""
    rows = BlogPost.objects.order_by("-year", "id")
    pages = max(1, (rows.count() + POSTS_PER_PAGE - 1) // POSTS_PER_PAGE)
    try:
        page = min(max(int(request.GET.get("page", 1)), 1), pages)
    except ValueError:
        page = 1
    start = (page - 1) * POSTS_PER_PAGE
    return render(request, "blog/posts.html", {
        "posts": list(rows.select_related("author")[start:start + POSTS_PER_PAGE]),
        "page": page, "pages": pages, "next": page + 1 if page < pages else None,
    })


def post_page(request, slug):
    return HttpResponse(slug, content_type="text/plain")


def author_page(request, id):
    return HttpResponse(str(id), content_type="text/plain")


urlpatterns = [
    path("plaintext", plaintext, name="plaintext"), path("json", json, name="json"), path("fortunes", fortunes, name="fortunes"),
    path("posts/", posts, name="post_list"), path("posts/<slug:slug>/", post_page, name="post_page"),
    path("authors/<int:id>/", author_page, name="author_page"),
]

from django.core.wsgi import get_wsgi_application  # noqa: E402

application = get_wsgi_application()

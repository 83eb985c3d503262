using System.Net;
using System.Text.Json;
using System.Xml.Linq;
using Micro.Runtime.Tests.Infrastructure;

namespace Micro.Runtime.Tests;

/// <summary>
/// Django's sitemaps over HTTP: the test app's sitemap of two sections, a sitemap per section and their index (TestApp/SitemapViews.cs)
/// against Django 3.2's sitemap and index views serving the same sections: the locations, their pages and 404s, the headers.
/// </summary>
public sealed class SitemapTests(DatabaseApp app) : IClassFixture<DatabaseApp>
{
    private static readonly string[] s_paths =
    [
        "/sitemap.xml", "/sitemap.xml?p=2", "/sitemap.xml?p=x", "/sitemap.xml?p=0", "/sitemap-posts.xml", "/sitemap-posts.xml?p=3",
        "/sitemap-posts.xml?p=4", "/sitemap-posts.xml?p=1&p=3", "/sitemap-posts.xml?P=3", "/sitemap-pages.xml", "/sitemap-empty.xml", "/sitemap-nope.xml", "/sitemap-index.xml",
    ];

    private const string DjangoScript = """
        import datetime, json, sys
        from xml.etree import ElementTree
        from django.conf import settings
        settings.configure(ROOT_URLCONF="__main__", INSTALLED_APPS=["django.contrib.sitemaps"], ALLOWED_HOSTS=["testserver"],
                           TEMPLATES=[{"BACKEND": "django.template.backends.django.DjangoTemplates", "APP_DIRS": True}])
        import django
        django.setup()
        from django.contrib.sitemaps import Sitemap, views
        from django.test import Client
        from django.urls import path

        CHANGED = datetime.datetime(2023, 11, 6, 9, 30, tzinfo=datetime.timezone.utc)

        class Posts(Sitemap):
            changefreq, priority, limit = "weekly", 0.6, 2
            def items(self): return [("post-%d" % i, CHANGED + datetime.timedelta(days=i - 5, seconds=i)) for i in range(1, 6)]
            def location(self, item): return "/posts/%s/" % item[0]
            def lastmod(self, item): return item[1]

        class Pages(Sitemap):
            changefreq, priority = "monthly", 1.0
            def items(self): return ["/", "/search/?q=a&b=<c>"]
            def location(self, item): return item

        class Empty(Sitemap):
            def items(self): return []
            def location(self, item): return item

        sections = {"posts": Posts, "pages": Pages, "empty": Empty}
        urlpatterns = [
            path("sitemap.xml", views.sitemap, {"sitemaps": {"posts": Posts, "pages": Pages}}),
            path("sitemap-index.xml", views.index, {"sitemaps": sections}),
            path("sitemap-<section>.xml", views.sitemap, {"sitemaps": sections}, name="django.contrib.sitemaps.views.sitemap"),
        ]

        N = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
        answers = []
        for url in sys.argv[1:]:
            response = Client().get(url)
            answer = {"status": response.status_code}
            if response.status_code == 200:
                root = ElementTree.fromstring(response.content)
                answer["type"] = response["Content-Type"]
                answer["robots"] = response.get("X-Robots-Tag")
                answer["modified"] = response.get("Last-Modified")
                answer["entries"] = [[(e.findtext(N + name) or "") for name in ("loc", "lastmod", "changefreq", "priority")] for e in root]
            answers.append(answer)
        print(json.dumps(answers))
        """;

    [Fact]
    public async Task Sitemaps_and_their_index_answer_as_Djangos_views()
    {
        using var django = JsonDocument.Parse(await Micro.Tests.DjangoPython.RunAsync(["-c", DjangoScript, .. s_paths]));
        var root = app.Client.BaseAddress!.GetLeftPart(UriPartial.Authority);
        var compared = 0;
        foreach (var (path, expected) in s_paths.Zip(django.RootElement.EnumerateArray()))
        {
            using var response = await app.Client.GetAsync(path);
            var status = expected.GetProperty("status").GetInt32();
            Assert.True(status == (int)response.StatusCode, $"{path}: Django {status}, Micro {(int)response.StatusCode}");
            if (status != 200)
            {
                continue;
            }

            Assert.Equal(expected.GetProperty("type").GetString(), response.Content.Headers.ContentType?.ToString());
            Assert.Equal(expected.GetProperty("robots").GetString(), string.Join(", ", response.Headers.GetValues("X-Robots-Tag")));
            var modified = expected.GetProperty("modified");
            Assert.True(
                (modified.ValueKind == JsonValueKind.Null ? null : modified.GetString()) == response.Content.Headers.LastModified?.ToString("r"),
                $"{path}: Last-Modified {modified} from Django, {response.Content.Headers.LastModified} from Micro");

            // Locations are absolute: Django's test client is http://testserver, Micro's test server 127.0.0.1 on its port. Django 3.2
            // writes a day (Y-m-d) where Micro writes the time as Django 4.1 and later do (W3C's datetime): the day is compared here.
            var document = XDocument.Parse(await response.Content.ReadAsStringAsync());
            var micro = document.Root!.Elements().Select(e => string.Join("|", new[] { "loc", "lastmod", "changefreq", "priority" }
                .Select(name => e.Element(XName.Get(name, "http://www.sitemaps.org/schemas/sitemap/0.9"))?.Value ?? "")
                .Select((value, i) => i == 0 ? value.Replace(root, "http://testserver", StringComparison.Ordinal) : i == 1 && value.Length > 10 ? value[..10] : value)))
                .ToList();
            var fromDjango = expected.GetProperty("entries").EnumerateArray().Select(e => string.Join("|", e.EnumerateArray().Select(v => v.GetString()))).ToList();
            Assert.True(fromDjango.SequenceEqual(micro), $"{path}\nDjango: {string.Join("\n        ", fromDjango)}\nMicro:  {string.Join("\n        ", micro)}");
            compared++;
        }

        Assert.Equal(8, compared);
    }

    [Fact]
    public async Task A_sitemap_holds_absolute_escaped_locations_with_their_times()
    {
        var xml = await app.Client.GetStringAsync("/sitemap-pages.xml");
        var root = app.Client.BaseAddress!.GetLeftPart(UriPartial.Authority);

        Assert.StartsWith("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">", xml, StringComparison.Ordinal);
        Assert.Contains($"<url><loc>{root}/search/?q=a&amp;b=&lt;c&gt;</loc><changefreq>monthly</changefreq><priority>1.0</priority></url>", xml, StringComparison.Ordinal);

        var posts = await app.Client.GetStringAsync("/sitemap-posts.xml");
        Assert.Contains($"<url><loc>{root}/posts/post-1/</loc><lastmod>2023-11-02T09:30:01+00:00</lastmod><changefreq>weekly</changefreq><priority>0.6</priority></url>", posts, StringComparison.Ordinal);
        Assert.Equal(2, XDocument.Parse(posts).Root!.Elements().Count());
    }

    [Fact]
    public async Task A_host_the_app_does_not_serve_gets_no_sitemap()
    {
        // Locations are made from the Host header, so a forged host must not reach them (Django's ALLOWED_HOSTS).
        using var request = new HttpRequestMessage(HttpMethod.Get, "/sitemap.xml");
        request.Headers.Host = "evil.example";
        using var response = await app.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.DoesNotContain("evil.example", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_section_refuses_a_priority_or_limit_the_protocol_does_not_allow()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Sitemap.Section(["/"], static p => p, priority: 1.5));
        Assert.Throws<ArgumentOutOfRangeException>(() => Sitemap.Section(["/"], static p => p, priority: double.NaN));
        Assert.Throws<ArgumentOutOfRangeException>(() => Sitemap.Section(["/"], static p => p, limit: 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => Sitemap.Section(["/"], static p => p, limit: 50_001));
        Assert.Equal(3, Sitemap.Section(Enumerable.Range(0, 5), static i => "/" + i, limit: 2).PageCount);
    }
}

using System.Text.Json;
using Micro.Runtime.Tests.Infrastructure;

namespace Micro.Runtime.Tests;

/// <summary>
/// Django's syndication feeds over HTTP: the test app's feed (TestApp/FeedViews.cs) as RSS 2.0 and Atom 1.0 against Django 3.2's
/// Feed view with the same feed and items, byte for byte, with the same headers.
/// </summary>
public sealed class FeedTests(DatabaseApp app) : IClassFixture<DatabaseApp>
{
    private const string DjangoScript = """
        import datetime, json
        from django.conf import settings
        settings.configure(ROOT_URLCONF="__main__", ALLOWED_HOSTS=["testserver"], USE_TZ=True, TIME_ZONE="UTC")
        import django
        django.setup()
        from django.contrib.syndication.views import Feed, add_domain
        from django.test import Client
        from django.urls import path
        from django.utils import feedgenerator

        UTC = datetime.timezone.utc
        ITEMS = [
            dict(title="Hello & <welcome>", link="/posts/hello/", description="<p>First</p>", pubdate=datetime.datetime(2023, 11, 4, 8, 0, tzinfo=UTC),
                 author_name="Ada", author_email="ada@example.com", categories=["news", 'say "hi"']),
            dict(title="Café ☕", link="/posts/café/", description=None, pubdate=datetime.datetime(2023, 11, 5, 10, 15, 30, 250000),
                 updateddate=datetime.datetime(2023, 11, 6, 9, 30), author_name="Grace", guid="urn:post:2", guid_is_permalink=False),
            dict(title="Quote \"x\" 'y'", link="https://other.example/x?a=1&b=2", description="tab\there", comments="/posts/3/comments/"),
        ]

        class Rss(Feed):
            title, link, description, subtitle = "Micro's blog", "/posts/", "New posts & notes", "All the posts"
            author_name, author_email, categories, feed_copyright = "Ada", "ada@example.com", ["tech"], "© 2023 Ada"
            def items(self): return ITEMS
            def item_title(self, item): return item["title"]
            def item_link(self, item): return item["link"]
            def item_description(self, item): return item.get("description")
            def item_pubdate(self, item): return item.get("pubdate")
            def item_updateddate(self, item): return item.get("updateddate")
            def item_author_name(self, item): return item.get("author_name")
            def item_author_email(self, item): return item.get("author_email")
            def item_categories(self, item): return item.get("categories", ())
            def item_guid(self, item): return item.get("guid") or add_domain("testserver", item["link"])  # Django's default without item_guid
            def item_guid_is_permalink(self, item): return item.get("guid_is_permalink")
            def item_comments(self, item): return item.get("comments")

        class Atom(Rss):
            feed_type = feedgenerator.Atom1Feed

        urlpatterns = [path("feed/rss/", Rss()), path("feed/atom/", Atom())]
        answers = []
        for url in ["/feed/rss/", "/feed/atom/"]:
            response = Client().get(url)
            answers.append({"status": response.status_code, "type": response["Content-Type"], "modified": response.get("Last-Modified"), "body": response.content.decode()})
        print(json.dumps(answers))
        """;

    [Fact]
    public async Task Rss_and_atom_feeds_are_written_as_Djangos()
    {
        using var django = JsonDocument.Parse(await Micro.Tests.DjangoPython.RunAsync("-c", DjangoScript));
        var root = app.Client.BaseAddress!.GetLeftPart(UriPartial.Authority);
        foreach (var (path, expected) in new[] { "/feed/rss/", "/feed/atom/" }.Zip(django.RootElement.EnumerateArray()))
        {
            using var response = await app.Client.GetAsync(path);
            Assert.Equal(expected.GetProperty("status").GetInt32(), (int)response.StatusCode);
            Assert.Equal(expected.GetProperty("type").GetString(), response.Content.Headers.ContentType?.ToString());
            Assert.Equal(expected.GetProperty("modified").GetString(), response.Content.Headers.LastModified?.ToString("r"));

            // Django's test client is http://testserver; Micro's test server 127.0.0.1 on its port.
            var micro = (await response.Content.ReadAsStringAsync()).Replace(root, "http://testserver", StringComparison.Ordinal);
            Assert.Equal(expected.GetProperty("body").GetString(), micro);
        }
    }

    [Fact]
    public async Task Control_characters_an_xml_document_cannot_hold_are_left_out()
    {
        var result = new SyndicationFeed { Title = "T\u0001itle", Link = "/" }.Render([new FeedItem("Bad\u000bvalue\u0000", "/x/") { Description = "ok\u001f" }]);
        var context = new Microsoft.AspNetCore.Http.DefaultHttpContext();
        context.Request.Scheme = "http";
        context.Request.Host = new Microsoft.AspNetCore.Http.HostString("example.com");
        context.Request.Path = "/feed/";
        using var body = new MemoryStream();
        context.Response.Body = body;

        await result.ExecuteAsync(context);

        var xml = System.Text.Encoding.UTF8.GetString(body.ToArray());
        var document = System.Xml.Linq.XDocument.Parse(xml);
        Assert.Equal("Title", document.Root!.Element("channel")!.Element("title")!.Value);
        Assert.Contains("<item><title>Badvalue</title><link>http://example.com/x/</link><description>ok</description>", xml, StringComparison.Ordinal);
        Assert.Contains("<atom:link href=\"http://example.com/feed/\" rel=\"self\"></atom:link>", xml, StringComparison.Ordinal);
    }
}

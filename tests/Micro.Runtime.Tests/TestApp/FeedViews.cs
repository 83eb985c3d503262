namespace Micro.Runtime.Tests.TestApp;

// Django's syndication feeds (FeedTests): one feed as RSS 2.0 and as Atom 1.0, compared byte for byte with Django's.

public static class FeedViews
{
    /// <summary>Three items: escaped text, a path that isn't ASCII, an id of their own, a URL elsewhere, times with and without a kind.</summary>
    public static FeedItem[] Items() =>
    [
        new FeedItem("Hello & <welcome>", "/posts/hello/")
        {
            Description = "<p>First</p>",
            PubDate = new DateTime(2023, 11, 4, 8, 0, 0, DateTimeKind.Utc),
            AuthorName = "Ada",
            AuthorEmail = "ada@example.com",
            Categories = ["news", "say \"hi\""],
        },
        new FeedItem("Café ☕", "/posts/café/")
        {
            PubDate = new DateTime(2023, 11, 5, 10, 15, 30, 250),
            UpdatedDate = new DateTime(2023, 11, 6, 9, 30, 0),
            AuthorName = "Grace",
            Guid = "urn:post:2",
            GuidIsPermaLink = false,
        },
        new FeedItem("Quote \"x\" 'y'", "https://other.example/x?a=1&b=2")
        {
            Description = "tab\there",
            Comments = "/posts/3/comments/",
        },
    ];

    private static SyndicationFeed Feed(FeedFormat format) => new()
    {
        Title = "Micro's blog",
        Link = "/posts/",
        Description = "New posts & notes",
        Subtitle = "All the posts",
        AuthorName = "Ada",
        AuthorEmail = "ada@example.com",
        Categories = ["tech"],
        Copyright = "© 2023 Ada",
        Format = format,
    };

    [Route("feed/rss/", Name = "feed_rss")]
    public static FeedResult Rss() => Feed(FeedFormat.Rss).Render(Items());

    [Route("feed/atom/", Name = "feed_atom")]
    public static FeedResult Atom() => Feed(FeedFormat.Atom).Render(Items());
}

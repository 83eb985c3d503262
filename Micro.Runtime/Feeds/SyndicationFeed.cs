using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace Micro;

/// <summary>The kind of document a <see cref="SyndicationFeed"/> writes.</summary>
public enum FeedFormat
{
    /// <summary>RSS 2.0 (<c>application/rss+xml</c>), Django's default <c>Rss201rev2Feed</c>.</summary>
    Rss,

    /// <summary>Atom 1.0 (<c>application/atom+xml</c>), Django's <c>Atom1Feed</c>.</summary>
    Atom,
}

/// <summary>
/// Django's syndication framework (<c>django.contrib.syndication</c>): an RSS or Atom feed of the app's latest items, from a route.
/// <code>
/// [Route("feed/", Name = "feed")]
/// public static async Task&lt;FeedResult&gt; Feed(Db db) =&gt; new SyndicationFeed { Title = "Blog", Link = "/posts/", Description = "New posts" }
///     .Render((await db.Posts.OrderByDescending(p =&gt; p.Created)[..10].ToListAsync())
///         .Select(p =&gt; new FeedItem(p.Title, Urls.Post(p.Slug)) { Description = p.Summary, PubDate = p.Created }));
/// </code>
/// Links are made absolute with the request's scheme and host, and the document is written as Django's feed generator writes it.
/// </summary>
public sealed class SyndicationFeed
{
    /// <summary>The feed's title.</summary>
    public required string Title { get; init; }

    /// <summary>The page the feed is about: a path (made absolute) or a URL.</summary>
    public required string Link { get; init; }

    /// <summary>What the feed is (RSS's <c>description</c>).</summary>
    public string? Description { get; init; }

    /// <summary>Atom's <c>subtitle</c>.</summary>
    public string? Subtitle { get; init; }

    /// <summary>The feed's language, as Django's <c>LANGUAGE_CODE</c>: <c>en-us</c> unless set.</summary>
    public string Language { get; init; } = "en-us";

    /// <summary>Where the feed itself is (its <c>self</c> link): the request's path unless set.</summary>
    public string? FeedUrl { get; init; }

    /// <summary>The feed's author (Atom's <c>author</c>).</summary>
    public string? AuthorName { get; init; }

    public string? AuthorEmail { get; init; }

    public string? AuthorLink { get; init; }

    /// <summary>The feed's categories.</summary>
    public IReadOnlyList<string> Categories { get; init; } = [];

    /// <summary>The feed's copyright notice (RSS's <c>copyright</c>, Atom's <c>rights</c>).</summary>
    public string? Copyright { get; init; }

    /// <summary>Atom's feed <c>id</c>: the feed's link unless set.</summary>
    public string? Guid { get; init; }

    public FeedFormat Format { get; init; } = FeedFormat.Rss;

    /// <summary>The feed of <paramref name="items"/>, in their order, as the response.</summary>
    public FeedResult Render(IEnumerable<FeedItem> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        return new FeedResult(this, [.. items]);
    }
}

/// <summary>One entry of a <see cref="SyndicationFeed"/>: its title and link (a path, made absolute, or a URL), and what else is known of it.</summary>
public sealed record FeedItem(string Title, string Link)
{
    /// <summary>The item's text or HTML (RSS's <c>description</c>, Atom's <c>summary</c>).</summary>
    public string? Description { get; init; }

    /// <summary>When the item was published, written in UTC (a time of no stated kind is taken as UTC, as Micro stores times).</summary>
    public DateTime? PubDate { get; init; }

    /// <summary>When the item last changed (Atom's <c>updated</c>), in UTC as <see cref="PubDate"/>.</summary>
    public DateTime? UpdatedDate { get; init; }

    public string? AuthorName { get; init; }

    public string? AuthorEmail { get; init; }

    public string? AuthorLink { get; init; }

    /// <summary>The item's unique id (RSS's <c>guid</c>, Atom's <c>id</c>): its absolute link unless set.</summary>
    public string? Guid { get; init; }

    /// <summary>RSS's <c>isPermaLink</c> of the guid, written only when set.</summary>
    public bool? GuidIsPermaLink { get; init; }

    /// <summary>Where the item's comments are (RSS's <c>comments</c>).</summary>
    public string? Comments { get; init; }

    public IReadOnlyList<string> Categories { get; init; } = [];
}

/// <summary>A feed as the response: RSS 2.0 or Atom 1.0, with a <c>Last-Modified</c> of its latest item when its items have times.</summary>
public sealed class FeedResult : IResult
{
    private readonly SyndicationFeed _feed;
    private readonly FeedItem[] _items;

    internal FeedResult(SyndicationFeed feed, FeedItem[] items)
    {
        _feed = feed;
        _items = items;
    }

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        var request = httpContext.Request;
        var secure = request.IsHttps;
        var domain = request.Host.Value ?? "";
        var dated = _items.Any(static item => item.PubDate is not null || item.UpdatedDate is not null);
        var latest = _items.SelectMany(static item => new[] { item.UpdatedDate, item.PubDate }).Where(static date => date is not null)
            .Select(static date => Sitemap.AsUtc(date!.Value)).DefaultIfEmpty(DateTime.UtcNow).Max();
        var text = _feed.Format == FeedFormat.Atom
            ? FeedWriter.Atom(_feed, _items, domain, secure, request.PathBase.Add(request.Path).Value ?? "/", latest)
            : FeedWriter.Rss(_feed, _items, domain, secure, request.PathBase.Add(request.Path).Value ?? "/", latest);
        httpContext.Response.StatusCode = StatusCodes.Status200OK;
        httpContext.Response.ContentType = _feed.Format == FeedFormat.Atom ? "application/atom+xml; charset=utf-8" : "application/rss+xml; charset=utf-8";
        if (dated)
        {
            httpContext.Response.Headers[HeaderNames.LastModified] = HeaderUtilities.FormatDate(new DateTimeOffset(latest));
        }

        await httpContext.Response.WriteAsync(text, Encoding.UTF8, httpContext.RequestAborted);
    }
}

/// <summary>Writes feeds as Django's feed generator (its <c>SimplerXMLGenerator</c>): no whitespace, attributes sorted, every element closed.</summary>
internal static class FeedWriter
{
    public static string Rss(SyndicationFeed feed, FeedItem[] items, string domain, bool secure, string path, DateTime latest)
    {
        var xml = new Xml();
        xml.Start("rss", ("version", "2.0"), ("xmlns:atom", "http://www.w3.org/2005/Atom"));
        xml.Start("channel");
        xml.Element("title", feed.Title);
        xml.Element("link", AbsoluteLink(feed.Link, domain, secure));
        xml.Element("description", feed.Description);
        xml.Element("atom:link", null, ("rel", "self"), ("href", AbsoluteLink(feed.FeedUrl ?? path, domain, secure)));
        xml.Element("language", feed.Language);
        foreach (var category in feed.Categories)
        {
            xml.Element("category", category);
        }

        if (feed.Copyright is not null)
        {
            xml.Element("copyright", feed.Copyright);
        }

        xml.Element("lastBuildDate", Rfc2822(latest));
        foreach (var item in items)
        {
            var link = AbsoluteLink(item.Link, domain, secure);
            xml.Start("item");
            xml.Element("title", item.Title);
            xml.Element("link", link);
            if (item.Description is not null)
            {
                xml.Element("description", item.Description);
            }

            // As Django's feed view: an author's email and link count only with the author's name.
            if (item.AuthorName is not null && item.AuthorEmail is not null)
            {
                xml.Element("author", $"{item.AuthorEmail} ({item.AuthorName})");
            }
            else if (item.AuthorName is not null)
            {
                xml.Element("dc:creator", item.AuthorName, ("xmlns:dc", "http://purl.org/dc/elements/1.1/"));
            }

            if (item.PubDate is { } published)
            {
                xml.Element("pubDate", Rfc2822(Sitemap.AsUtc(published)));
            }

            if (item.Comments is not null)
            {
                xml.Element("comments", item.Comments);
            }

            xml.Element("guid", item.Guid ?? link, item.GuidIsPermaLink is { } permaLink ? [("isPermaLink", permaLink ? "true" : "false")] : []);
            foreach (var category in item.Categories)
            {
                xml.Element("category", category);
            }

            xml.End("item");
        }

        xml.End("channel");
        xml.End("rss");
        return xml.ToString();
    }

    public static string Atom(SyndicationFeed feed, FeedItem[] items, string domain, bool secure, string path, DateTime latest)
    {
        var xml = new Xml();
        var link = AbsoluteLink(feed.Link, domain, secure);
        xml.Start("feed", ("xmlns", "http://www.w3.org/2005/Atom"), ("xml:lang", feed.Language));
        xml.Element("title", feed.Title);
        xml.Element("link", "", ("rel", "alternate"), ("href", link));
        xml.Element("link", "", ("rel", "self"), ("href", AbsoluteLink(feed.FeedUrl ?? path, domain, secure)));
        xml.Element("id", feed.Guid ?? link);
        xml.Element("updated", Rfc3339(latest));
        Author(xml, feed.AuthorName, feed.AuthorEmail, feed.AuthorLink);
        if (feed.Subtitle is not null)
        {
            xml.Element("subtitle", feed.Subtitle);
        }

        foreach (var category in feed.Categories)
        {
            xml.Element("category", "", ("term", category));
        }

        if (feed.Copyright is not null)
        {
            xml.Element("rights", feed.Copyright);
        }

        foreach (var item in items)
        {
            var itemLink = AbsoluteLink(item.Link, domain, secure);
            xml.Start("entry");
            xml.Element("title", item.Title);
            xml.Element("link", "", ("href", itemLink), ("rel", "alternate"));
            if (item.PubDate is { } published)
            {
                xml.Element("published", Rfc3339(Sitemap.AsUtc(published)));
            }

            if (item.UpdatedDate is { } updated)
            {
                xml.Element("updated", Rfc3339(Sitemap.AsUtc(updated)));
            }

            Author(xml, item.AuthorName, item.AuthorEmail, item.AuthorLink);
            xml.Element("id", item.Guid ?? itemLink);
            if (item.Description is not null)
            {
                xml.Element("summary", item.Description, ("type", "html"));
            }

            foreach (var category in item.Categories)
            {
                xml.Element("category", "", ("term", category));
            }

            xml.End("entry");
        }

        xml.End("feed");
        return xml.ToString();
    }

    private static void Author(Xml xml, string? name, string? email, string? link)
    {
        if (name is null)
        {
            return;
        }

        xml.Start("author");
        xml.Element("name", name);
        if (email is not null)
        {
            xml.Element("email", email);
        }

        if (link is not null)
        {
            xml.Element("uri", Templates.UrlEncoding.Quote(link, IriSafe));
        }

        xml.End("author");
    }

    /// <summary>The characters Django's <c>iri_to_uri</c> leaves as they are.</summary>
    private const string IriSafe = "/#%[]=:;$&()+,!?*@'~";

    /// <summary>Django's <c>add_domain</c>, then <c>iri_to_uri</c>: a path gets the scheme and host; a URL (or <c>mailto:</c>) stays.</summary>
    private static string AbsoluteLink(string link, string domain, bool secure)
    {
        var scheme = secure ? "https" : "http";
        var absolute = link.StartsWith("//", StringComparison.Ordinal) ? scheme + ":" + link
            : link.StartsWith("http://", StringComparison.Ordinal) || link.StartsWith("https://", StringComparison.Ordinal) || link.StartsWith("mailto:", StringComparison.Ordinal) ? link
            : scheme + "://" + domain + link;
        return Templates.UrlEncoding.Quote(absolute, IriSafe);
    }

    /// <summary>Django's <c>rfc2822_date</c> of a UTC time (the <c>date</c> filter's <c>r</c>): <c>Mon, 06 Nov 2023 09:30:00 +0000</c>.</summary>
    private static string Rfc2822(DateTime utc) => Templates.DateFormat.Format(utc, "r")!;

    /// <summary>Django's <c>rfc3339_date</c> of a UTC time (the <c>date</c> filter's <c>c</c>): <c>2023-11-06T09:30:00+00:00</c>.</summary>
    private static string Rfc3339(DateTime utc) => Templates.DateFormat.Format(utc, "c")!;

    /// <summary>Python's <c>XMLGenerator</c> as Django's <c>SimplerXMLGenerator</c> drives it.</summary>
    private sealed class Xml
    {
        private readonly StringBuilder _text = new("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");

        public void Start(string name, params (string Name, string Value)[] attributes)
        {
            _text.Append('<').Append(name);
            foreach (var (attribute, value) in attributes.OrderBy(static a => a.Name, StringComparer.Ordinal))
            {
                _text.Append(' ').Append(attribute).Append('=').Append(QuoteAttribute(value));
            }

            _text.Append('>');
        }

        public void End(string name) => _text.Append("</").Append(name).Append('>');

        /// <summary>An element with its text (none when null), always closed by its end tag.</summary>
        public void Element(string name, string? text, params (string Name, string Value)[] attributes)
        {
            Start(name, attributes);
            if (text is not null)
            {
                Escape(_text, text);
            }

            End(name);
        }

        public override string ToString() => _text.ToString();

        private static void Escape(StringBuilder output, string text)
        {
            foreach (var c in text)
            {
                switch (c)
                {
                    case '&': output.Append("&amp;"); break;
                    case '<': output.Append("&lt;"); break;
                    case '>': output.Append("&gt;"); break;

                    // XML 1.0 can't hold these control characters: left out (Django's generator refuses the whole feed).
                    case < ' ' and not ('\t' or '\n' or '\r'): break;
                    default: output.Append(c); break;
                }
            }
        }

        /// <summary>Python's <c>quoteattr</c>: escaped, in double quotes unless the value holds one and no single quote.</summary>
        private static string QuoteAttribute(string value)
        {
            var escaped = new StringBuilder();
            Escape(escaped, value);
            escaped.Replace("\n", "&#10;").Replace("\r", "&#13;").Replace("\t", "&#9;");
            var text = escaped.ToString();
            if (!text.Contains('"', StringComparison.Ordinal))
            {
                return "\"" + text + "\"";
            }

            return text.Contains('\'', StringComparison.Ordinal) ? "\"" + text.Replace("\"", "&quot;", StringComparison.Ordinal) + "\"" : "'" + text + "'";
        }
    }
}

using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace Micro;

/// <summary>How often a page is likely to change: a sitemap's <c>changefreq</c>.</summary>
public enum ChangeFrequency
{
    Always,
    Hourly,
    Daily,
    Weekly,
    Monthly,
    Yearly,
    Never,
}

/// <summary>
/// Django's sitemaps framework (<c>django.contrib.sitemaps</c>): an XML sitemap of the app's pages for search engines, from a route.
/// <code>
/// [Route("sitemap.xml", Name = "sitemap")]
/// public static async Task&lt;SitemapResult&gt; Sitemap(Db db) =&gt; Micro.Sitemap.Render(
///     Micro.Sitemap.Section(await db.Posts.ToListAsync(), p =&gt; Urls.Post(p.Slug), lastModified: p =&gt; p.Updated, changeFrequency: ChangeFrequency.Weekly));
/// </code>
/// Locations are made absolute with the request's scheme and host; a section is paged by its <c>limit</c> (<c>?p=2</c>), and a
/// sitemap index (<see cref="Index"/>) lists each section's pages.
/// </summary>
public static class Sitemap
{
    /// <summary>The most locations a sitemap file may hold, as the sitemap protocol (and Django's <c>Sitemap.limit</c>) says.</summary>
    public const int MaxLimit = 50_000;

    /// <summary>
    /// One section of a sitemap (one of Django's <c>Sitemap</c> classes): the <paramref name="items"/>, each page's path from
    /// <paramref name="location"/> (<c>/posts/hello/</c>, made absolute when the sitemap is served), when it last changed, how often it
    /// changes and its priority (0.0 to 1.0) among the site's pages. Times are UTC (one of no stated kind is taken as UTC).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">A priority outside 0.0 to 1.0, or a limit outside 1 to 50,000.</exception>
    public static SitemapSection Section<T>(
        IEnumerable<T> items,
        Func<T, string> location,
        Func<T, DateTime?>? lastModified = null,
        ChangeFrequency? changeFrequency = null,
        double? priority = null,
        int limit = MaxLimit)
    {
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(location);
        if (priority is < 0.0 or > 1.0 or double.NaN)
        {
            throw new ArgumentOutOfRangeException(nameof(priority), priority, "A sitemap's priority is from 0.0 to 1.0.");
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(limit, MaxLimit);
        var entries = items.Select(item => new SitemapEntry(location(item), lastModified?.Invoke(item) is { } changed ? AsUtc(changed) : null)).ToList();
        return new SitemapSection(entries, changeFrequency, priority, limit);
    }

    /// <summary>
    /// The sitemap of <paramref name="sections"/>, as Django's <c>sitemap</c> view: page <c>p</c> of each section (the first without
    /// <c>?p=</c>), in one <c>urlset</c>. A page that isn't there is a 404.
    /// </summary>
    public static SitemapResult Render(params SitemapSection[] sections) => new(sections);

    /// <summary>
    /// The sitemap of one of the <paramref name="sections"/>, by name, for the files a sitemap index lists
    /// (<c>[Route("sitemap-&lt;section&gt;.xml")]</c>); a name that isn't one of them is a 404.
    /// </summary>
    public static SitemapResult Render(IReadOnlyDictionary<string, SitemapSection> sections, string section)
    {
        ArgumentNullException.ThrowIfNull(sections);
        return sections.TryGetValue(section, out var found)
            ? new SitemapResult([found])
            : throw new NotFoundException($"No sitemap available for section: '{section}'.");
    }

    /// <summary>
    /// A sitemap index, as Django's <c>index</c> view: the absolute location of each section's sitemap (<paramref name="sectionPath"/>
    /// of its name, such as <c>Urls.SitemapSection(name)</c>), and of its further pages (<c>?p=2</c>...).
    /// </summary>
    public static SitemapIndexResult Index(IReadOnlyDictionary<string, SitemapSection> sections, Func<string, string> sectionPath)
    {
        ArgumentNullException.ThrowIfNull(sections);
        ArgumentNullException.ThrowIfNull(sectionPath);
        return new SitemapIndexResult([.. sections.Select(pair => (sectionPath(pair.Key), pair.Value.PageCount))]);
    }

    /// <summary>
    /// A time as UTC: a sitemap's times carry their zone. A time of no stated kind is taken as UTC, as Micro stores times (a column's
    /// <c>DateTime</c> reads back without a kind).
    /// </summary>
    internal static DateTime AsUtc(DateTime time) => time.Kind switch
    {
        DateTimeKind.Local => time.ToUniversalTime(),
        DateTimeKind.Unspecified => DateTime.SpecifyKind(time, DateTimeKind.Utc),
        _ => time,
    };

    /// <summary>The site's root for absolute locations: the request's scheme and host (checked against the allowed hosts).</summary>
    internal static string Root(HttpContext context) => context.Request.Scheme + "://" + context.Request.Host.Value;

    /// <summary>The crawlers' header Django's sitemap views send, so a sitemap itself isn't indexed.</summary>
    internal static void AddRobotsTag(HttpContext context) => context.Response.Headers["X-Robots-Tag"] = "noindex, noodp, noarchive";
}

/// <summary>One location of a sitemap: a path and when its page last changed.</summary>
internal readonly record struct SitemapEntry(string Path, DateTime? LastModified);

/// <summary>A section of a sitemap, from <see cref="Sitemap.Section"/>.</summary>
public sealed class SitemapSection
{
    internal SitemapSection(List<SitemapEntry> entries, ChangeFrequency? changeFrequency, double? priority, int limit)
    {
        Entries = entries;
        ChangeFrequency = changeFrequency;
        Priority = priority;
        Paginator = new Paginator(entries.Count, limit);
    }

    /// <summary>How many locations the section has.</summary>
    public int Count => Entries.Count;

    /// <summary>How many sitemap pages the section takes (at least one).</summary>
    public int PageCount => Paginator.NumPages;

    internal List<SitemapEntry> Entries { get; }

    internal ChangeFrequency? ChangeFrequency { get; }

    internal double? Priority { get; }

    internal Paginator Paginator { get; }
}

/// <summary>A sitemap as the response (<c>application/xml</c>), rendered from the <c>sitemap.xml</c> template, which an app may replace.</summary>
public sealed class SitemapResult : IResult
{
    private readonly SitemapSection[] _sections;

    internal SitemapResult(SitemapSection[] sections) => _sections = sections;

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        // As Django's request.GET.get("p"): the last value of "p", its case as written.
        var page = Templates.QueryDict.Parse(httpContext.Request.QueryString.Value).TryGetValue("p", out var number) ? (string?)number : null;
        var root = Sitemap.Root(httpContext);
        var urls = new List<object?>();
        DateTime? latest = null;
        var everyLastModified = true;
        foreach (var section in _sections)
        {
            // Django's sitemap view: the same page of each section; one that isn't there is a 404 (an InvalidPageException).
            var pageNumber = page is null ? section.Paginator.ValidateNumber(1) : section.Paginator.ValidateNumber(page);
            var entries = section.Entries.Skip((pageNumber - 1) * section.Paginator.PerPage).Take(section.Paginator.PerPage).ToList();

            // As Django's: Last-Modified only when every location of every section has a time (an empty section has none).
            everyLastModified &= entries.Count > 0;
            foreach (var entry in entries)
            {
                urls.Add(new Dictionary<string, object?>(StringComparer.Ordinal)
                {
                    ["location"] = root + entry.Path,
                    ["lastmod"] = entry.LastModified,
                    ["changefreq"] = section.ChangeFrequency?.ToString().ToLowerInvariant(),
                    ["priority"] = section.Priority is { } priority ? Templates.TemplateValues.ToText(priority) : null,
                });
                everyLastModified &= entry.LastModified is not null;
                if (entry.LastModified is { } modified && (latest is null || modified > latest))
                {
                    latest = modified;
                }
            }
        }

        Sitemap.AddRobotsTag(httpContext);
        if (everyLastModified && latest is { } last)
        {
            httpContext.Response.Headers[HeaderNames.LastModified] = HeaderUtilities.FormatDate(new DateTimeOffset(last));
        }

        await new TemplateResult("sitemap.xml", new Dictionary<string, object?>(StringComparer.Ordinal) { ["urlset"] = urls })
        {
            ContentType = "application/xml",
        }.ExecuteAsync(httpContext);
    }
}

/// <summary>A sitemap index as the response (<c>application/xml</c>), rendered from the <c>sitemap_index.xml</c> template.</summary>
public sealed class SitemapIndexResult : IResult
{
    private readonly (string Path, int Pages)[] _sections;

    internal SitemapIndexResult((string Path, int Pages)[] sections) => _sections = sections;

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        var root = Sitemap.Root(httpContext);
        var locations = new List<object?>();
        foreach (var (path, pages) in _sections)
        {
            locations.Add(root + path);
            for (var page = 2; page <= pages; page++)
            {
                locations.Add(root + path + "?p=" + page.ToString(CultureInfo.InvariantCulture));
            }
        }

        Sitemap.AddRobotsTag(httpContext);
        await new TemplateResult("sitemap_index.xml", new Dictionary<string, object?>(StringComparer.Ordinal) { ["sitemaps"] = locations })
        {
            ContentType = "application/xml",
        }.ExecuteAsync(httpContext);
    }
}

namespace Micro.Runtime.Tests.TestApp;

// Django's sitemaps (SitemapTests): one sitemap of two sections, a sitemap per section and their index, compared with Django's views.

public static class SitemapViews
{
    /// <summary>The present moment of the posts' times: each post changed a day before the one after it.</summary>
    private static readonly DateTime s_changed = new(2023, 11, 6, 9, 30, 0); // no kind: taken as UTC, as a column's time reads back

    /// <summary>Five posts, two a page, weekly; two pages with no time; a section with nothing in it.</summary>
    public static Dictionary<string, SitemapSection> Sections() => new(StringComparer.Ordinal)
    {
        ["posts"] = Sitemap.Section(
            Enumerable.Range(1, 5).Select(static i => (Slug: $"post-{i}", Changed: s_changed.AddDays(i - 5).AddSeconds(i))),
            static post => $"/posts/{post.Slug}/",
            lastModified: static post => post.Changed,
            changeFrequency: ChangeFrequency.Weekly,
            priority: 0.6,
            limit: 2),
        ["pages"] = Sitemap.Section(["/", "/search/?q=a&b=<c>"], static path => path, changeFrequency: ChangeFrequency.Monthly, priority: 1.0),
        ["empty"] = Sitemap.Section(Array.Empty<string>(), static path => path),
    };

    /// <summary>The posts and the pages in one sitemap (Django's sitemap view with both).</summary>
    [Route("sitemap.xml", Name = "sitemap")]
    public static SitemapResult All()
    {
        var sections = Sections();
        return Sitemap.Render(sections["posts"], sections["pages"]);
    }

    /// <summary>Each section's sitemap and its pages, by name.</summary>
    [Route("sitemap-index.xml", Name = "sitemap_index")]
    public static SitemapIndexResult Index() => Sitemap.Index(Sections(), static section => Urls.SitemapSection(section));

    /// <summary>One section's sitemap; a name that isn't one is a 404.</summary>
    [Route("sitemap-<section>.xml", Name = "sitemap_section")]
    public static SitemapResult Section(string section) => Sitemap.Render(Sections(), section);
}

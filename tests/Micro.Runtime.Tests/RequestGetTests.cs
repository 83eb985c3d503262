using System.Runtime.CompilerServices;
using System.Text.Json;
using Micro.Runtime.Tests.Infrastructure;

namespace Micro.Runtime.Tests;

/// <summary>
/// <c>request.GET</c> in templates is Django's QueryDict: a name's last value, every value in <c>lists</c>, the names in their order
/// and case. Pages served over HTTP (the compiled template and the interpreter) against Django 3.2 rendering the same template text.
/// </summary>
public sealed class RequestGetTests(DatabaseApp app) : IClassFixture<DatabaseApp>
{
    private static readonly string[] s_queries =
    [
        "q=a&q=b",
        "q=a%26b&Q=x",
        "",
        "a=1&b=&c",
        "x=caf%C3%A9&x=+plus+&y=%2B",
        "%3Cb%3E=%3Ci%3E&urlencode=shadow",
        "q=1&q=2&q=3&page=9&&",
    ];

    [Fact]
    public async Task Templates_read_the_query_as_Djangos_QueryDict()
    {
        var text = await File.ReadAllTextAsync(TemplatePath());
        const string Script = """
            import json, sys
            from django.conf import settings
            settings.configure(TEMPLATES=[{"BACKEND": "django.template.backends.django.DjangoTemplates"}])
            import django
            django.setup()
            from django.http import QueryDict
            from django.template import Context, Template

            class Request:
                pass

            template = Template(sys.argv[1])
            pages = []
            for query in sys.argv[2:]:
                request = Request()
                request.GET = QueryDict(query)
                pages.append(template.render(Context({"request": request})))
            print(json.dumps(pages))
            """;
        using var pages = JsonDocument.Parse(await Micro.Tests.DjangoPython.RunAsync(["-c", Script, text, .. s_queries]));
        var django = pages.RootElement.EnumerateArray().Select(static page => page.GetString()!).ToArray();

        for (var i = 0; i < s_queries.Length; i++)
        {
            foreach (var renderer in new[] { "", "interpreted/" })
            {
                var micro = await app.Client.GetStringAsync($"/paged/query/{renderer}?{s_queries[i]}");
                Assert.True(django[i].TrimEnd() == micro.TrimEnd(), $"?{s_queries[i]} ({(renderer == "" ? "compiled" : "interpreted")})\nDjango: {django[i]}\nMicro:  {micro}");
            }
        }

        // What Django gives, spelled out for two of them: the last value, and names differing in case kept apart.
        Assert.Equal("q=b|q=a+b;|q,|q:b,|q=a&amp;q=b|1|some|-|b|b|&lt;QueryDict: {&#x27;q&#x27;: [&#x27;a&#x27;, &#x27;b&#x27;]}&gt;", django[0].TrimEnd());
        Assert.StartsWith("q=a&amp;b|q=a&amp;b;Q=x;|q,Q,|", django[1], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("interpreted/")]
    public async Task Querystring_keeps_names_that_differ_only_in_case_apart(string renderer)
    {
        var html = await app.Client.GetStringAsync($"/paged/links/{renderer}?Page=1&page=2");

        Assert.Contains("<a href=\"?Page=1&amp;page=3\">third</a>", html, StringComparison.Ordinal);
        Assert.Contains("<a href=\"?Page=1\">first</a>", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_long_hostile_query_is_read_and_escaped()
    {
        var names = string.Join("&", Enumerable.Range(0, 150).Select(static i => $"%3Cs%3E{i}=%22%3E%3Cscript%3E"));
        var html = await app.Client.GetStringAsync($"/paged/query/?{names}&q=%00%FF%zz");

        Assert.DoesNotContain("<script>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<s>", html, StringComparison.Ordinal);
        Assert.Contains("|151|some|", html, StringComparison.Ordinal);
    }

    private static string TemplatePath([CallerFilePath] string path = "") =>
        Path.Combine(Path.GetDirectoryName(path)!, "templates", "paged", "query.html");
}

namespace Micro.Runtime.Tests.TestApp;

/// <summary>Routes for reversing by name, and a page that reverses while serving a request.</summary>
public static class ReverseViews
{
    [Route("rev/greet/<str:name>/", Name = "greet")]
    public static string Greet(string name) => $"hello {name}";

    [Route("rev/posts/<yyyy:year>/<slug:slug>/", Name = "post")]
    public static string Post(int year, string slug) => $"post {year} {slug}";

    [Route("rev/files/<path:file>", Name = "file")]
    public static string File(string file) => $"file {file}";

    /// <summary>The URLs reversed while a request is served, one a line: typed, positional, by name, and by a template parsed at run time.</summary>
    [Route("rev/links/")]
    public static async Task<string> Links()
    {
        // After an await too: the request's URL scope flows with it.
        await Task.Yield();
        return string.Join('\n',
            Urls.Home(),
            Urls.Greet("Zoë & co?"),
            Url.Reverse("post", 2024, "hello-world"),
            Url.Reverse("conv_int", new Dictionary<string, object?> { ["value"] = 5 }),
            Template.Parse("{% url 'greet' 'tpl' %}").Render());
    }
}

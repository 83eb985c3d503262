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

    // Three routes with one name, and two names that differ only in punctuation, as Django allows.
    [Route("dup/a/<int:x>/", Name = "dup")]
    public static string DupA(int x) => $"a {x}";

    [Route("dup/b/<slug:x>/", Name = "dup")]
    public static string DupB(string x) => $"b {x}";

    [Route("dup/c/", Name = "dup")]
    public static string DupC() => "c";

#pragma warning disable MICRO0006 // neither gets a Urls method; they are reversed by name
    [Route("places/1/", Name = "places?")]
    public static string PlacesMaybe() => "places?";

    [Route("places/2/", Name = "places+")]
    public static string PlacesSome() => "places+";
#pragma warning restore MICRO0006

    /// <summary>The shared name reversed every way while a request is served.</summary>
    [Route("dup/links/")]
    public static string DupLinks() => string.Join('\n',
        Urls.Dup(),
        Urls.Dup(1),
        Urls.Dup("a-b"),
        Url.Reverse("places?"),
        Url.Reverse("places+"),
        Template.Parse("{% url 'dup' 5 %} {% url 'places+' %}").Render());

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

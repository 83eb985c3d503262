namespace Micro.Runtime.Tests.TestApp;

/// <summary>
/// Django's namespaced <c>include()</c>s: the app <c>polls</c> mounted twice (its default instance and <c>author-polls</c>), nested
/// namespaces, and the app <c>blog</c> with two instances and no default one. Each handler answers how it reverses from inside.
/// </summary>
[RouteGroup("ns/polls", AppName = "polls")]
[RouteGroup("ns/author-polls", AppName = "polls", Namespace = "author-polls")]
public static class PollViews
{
    [Route("", Name = "index")]
    public static string Index(ResolverMatch match) =>
        $"{match.Namespace}|{match.AppName}|{match.UrlName}|{Url.Reverse("polls:index")}|{Urls.Polls.Detail(1)}";

    [Route("<int:pk>/", Name = "detail")]
    public static string Detail(int pk, ResolverMatch match) =>
        $"{match.ViewName}|{match.Route}|{match.Values["pk"]}|{Url.Reverse("polls:detail", pk)}";

    [Route("<int:pk>/page/", Name = "page")]
    public static TemplateResult Page(int pk) => Template.Render("ns/page.html", new { pk });

    /// <summary>A poll's votes, as JSON: one handler under two paths, without a name.</summary>
    [Route("<int:pk>/votes/")]
    public static PollVotes Votes(int pk) => new(pk, 3);
}

public sealed record PollVotes(int Poll, int Votes);

[RouteGroup("ns/outer", Namespace = "outer")]
public static class OuterViews
{
    [Route("", Name = "home")]
    public static string Home() => Url.Reverse("outer:inner:item", "here");

    [RouteGroup("inner", Namespace = "inner")]
    public static class Inner
    {
        [Route("<slug:slug>/", Name = "item")]
        public static string Item(string slug, ResolverMatch match) => $"{match.Namespace}|{match.AppName}|{match.ViewName}|{Urls.Outer.Inner.Item(slug)}";
    }
}

[RouteGroup("ns/news", AppName = "blog", Namespace = "news")]
[RouteGroup("ns/updates", AppName = "blog", Namespace = "updates")]
public static class NewsViews
{
    [Route("", Name = "latest")]
    public static string Latest() => Url.Reverse("blog:latest");
}

/// <summary>A route outside any namespace, for its resolver match.</summary>
public static class PlainMatchViews
{
    [Route("ns-plain/<str:word>/", Name = "ns_plain")]
    public static string Plain(string word, HttpContext context) =>
        context.GetResolverMatch() is { } match ? $"[{match.Namespace}]|[{match.AppName}]|{match.UrlName}|{match.Route}|{match.Values["word"]}" : "none";
}

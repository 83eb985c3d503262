namespace Micro;

/// <summary>
/// Maps a static method, or a class of static verb methods (<c>Get</c>, <c>Post</c>, ...), to a URL
/// pattern in Django's <c>path()</c> syntax: <c>"blog/&lt;int:year&gt;/"</c>. Patterns have no leading
/// slash and match exactly, trailing slash included.
/// </summary>
[AttributeUsage(AttributeTargets.Method | AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class RouteAttribute : Attribute
{
    public RouteAttribute(string pattern) => Pattern = pattern;

    /// <summary>The pattern, in <c>path()</c> syntax, or a regular expression when <see cref="Regex"/> is set.</summary>
    public string Pattern { get; }

    /// <summary>The name used by <c>Urls.*</c>, <c>Url.Reverse</c> and <c>{% url %}</c>.</summary>
    public string? Name { get; set; }

    /// <summary>
    /// The HTTP methods this route answers, separated by commas: <c>"POST"</c>, <c>"GET, POST"</c>.
    /// GET and HEAD when not set. Class-based views answer the verbs they have methods for.
    /// </summary>
    public string? Methods { get; set; }

    /// <summary>Treat <see cref="Pattern"/> as a regular expression with named groups, as Django's <c>re_path()</c>.</summary>
    public bool Regex { get; set; }

    /// <summary>Lower values are tried first when two routes match the same URL.</summary>
    public int Order { get; set; }
}

/// <summary>
/// Groups the routes of a static class under a URL prefix, as Django's <c>include()</c> does: <c>[RouteGroup("api/v1")]</c>
/// makes the class's <c>[Route("posts/")]</c> answer <c>/api/v1/posts/</c>. The class's other attributes
/// (<c>[Authorize]</c>, <c>[LoginRequired]</c>, <c>[CsrfExempt]</c>...) become metadata of every route in it, and
/// <see cref="Tags"/> their OpenAPI tags. Groups nest: a nested class's prefix follows its containing class's.
/// <para>
/// With <see cref="AppName"/> or <see cref="Namespace"/> the group is a namespaced <c>include()</c>: its route names are
/// reversed as <c>"blog:post_detail"</c> (<c>Url.Reverse</c>, <c>{% url %}</c>, <c>Urls.Blog.PostDetail(...)</c>), nested
/// groups as <c>"outer:inner:name"</c>. Repeat the attribute to mount the same routes more than once, each instance under
/// its own prefix and namespace; reversing by the app name picks the instance of the current request, else the default
/// instance (the one whose namespace is the app name), else the last declared, as Django does.
/// </para>
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class RouteGroupAttribute : Attribute
{
    public RouteGroupAttribute(string prefix) => Prefix = prefix;

    /// <summary>Literal path text before every pattern of the class, without a leading slash: <c>"api/v1"</c> (a trailing slash is implied).</summary>
    public string Prefix { get; }

    /// <summary>The routes' tags (<c>Microsoft.AspNetCore.Http.TagsAttribute</c> metadata), which group operations in the OpenAPI document.</summary>
    public string[]? Tags { get; set; }

    /// <summary>
    /// The application namespace of the group's routes, as Django's <c>app_name</c>: the same for every instance of the group.
    /// Defaults to <see cref="Namespace"/>.
    /// </summary>
    public string? AppName { get; set; }

    /// <summary>
    /// The instance namespace of this mount of the group, as <c>include(..., namespace=...)</c>: unique among the groups mounted
    /// beside it. Defaults to <see cref="AppName"/>.
    /// </summary>
    public string? Namespace { get; set; }
}

/// <summary>
/// Handles a response status (400, 403, 404, 405, 500) for the whole app, like Django's
/// <c>handler404</c>. The method may take <see cref="Microsoft.AspNetCore.Http.HttpContext"/>,
/// <see cref="ErrorInfo"/> and services, and returns any result a route can return. With detailed errors
/// (the Development environment), 404s and exceptions show the detailed pages instead, as with Django's <c>DEBUG</c>.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = true, Inherited = false)]
public sealed class ErrorHandlerAttribute : Attribute
{
    public ErrorHandlerAttribute(int statusCode) => StatusCode = statusCode;

    public int StatusCode { get; }
}

/// <summary>
/// Registers a route converter class under a name usable in patterns, as Django's
/// <c>register_converter()</c>: <c>[RouteConverter("yyyy")] class FourDigitYear : RouteConverter&lt;int&gt;</c>.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class RouteConverterAttribute : Attribute
{
    public RouteConverterAttribute(string name) => Name = name;

    public string Name { get; }
}

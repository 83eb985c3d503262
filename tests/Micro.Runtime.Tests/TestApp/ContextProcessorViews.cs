using System.Globalization;
using Micro.Templates;

namespace Micro.Runtime.Tests.TestApp;

/// <summary>
/// The app's own context processor: <c>site_name</c> in every template, and a response header that counts how many times it ran
/// for the request.
/// </summary>
public sealed class SiteNameProcessor : ITemplateContextProcessor
{
    public const string RunsHeader = "X-Context-Processor-Runs";

    public void Process(HttpContext request, IDictionary<string, object?> values)
    {
        var runs = int.TryParse(request.Response.Headers[RunsHeader], CultureInfo.InvariantCulture, out var count) ? count : 0;
        request.Response.Headers[RunsHeader] = (runs + 1).ToString(CultureInfo.InvariantCulture);
        values["site_name"] = "Micro test site";
    }
}

/// <summary>Pages for the context processor tests: some read a processor's variable, some only their view's.</summary>
public static class ContextProcessorViews
{
    [Route("cp/site/")]
    public static TemplateResult Site() => Template.Render("cp/site.html", new { title = "Site" });

    [Route("cp/own/")]
    public static TemplateResult Own() => Template.Render("cp/site.html", new { title = "Own", site_name = "the view's site" });

    [Route("cp/loop/")]
    public static TemplateResult Loop() => Template.Render("cp/loop.html", new { items = new[] { "a", "a", "b" } });

    [Route("cp/include/")]
    public static TemplateResult Include() => Template.Render("cp/include.html", new { title = "Included" });

    [Route("cp/string/")]
    public static string AsString(HttpContext context, TemplateEngine engine) =>
        engine.GetTemplate("cp/site.html").Render(new { title = "String" }, context);
}

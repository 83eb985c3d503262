namespace Micro.Runtime.Tests.TestApp;

/// <summary>A page that links static files, for the static file tests.</summary>
public static class StaticViews
{
    [Route("static-page/")]
    public static TemplateResult Page(string name = "css/site.css") => Template.Render("static/page.html", new { name });
}

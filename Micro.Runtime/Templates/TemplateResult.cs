using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Micro;

/// <summary>
/// A page rendered from a template, as Django's <c>render(request, name, context)</c>: return it from a route.
/// <code>
/// [Route("blog/&lt;int:year&gt;/", Name = "year_archive")]
/// public static TemplateResult Archive(int year) =&gt; Template.Render("archive.html", new { year });
/// </code>
/// The template comes from the app's <see cref="TemplateEngine"/> service: the app's <c>templates/</c> folder.
/// </summary>
public sealed class TemplateResult(string templateName, object? model) : IResult, IStatusCodeHttpResult, IContentTypeHttpResult
{
    public const string HtmlContentType = "text/html; charset=utf-8";

    /// <summary>The template's name inside <c>templates/</c>, such as <c>blog/list.html</c>.</summary>
    public string TemplateName { get; } = templateName;

    /// <summary>What the template reads: a dictionary, an anonymous object or a typed model.</summary>
    public object? Model { get; } = model;

    public int? StatusCode { get; init; }

    public string? ContentType { get; init; } = HtmlContentType;

    /// <summary>Renders with the request's <see cref="TemplateEngine"/> and context processors (<c>csrf_token</c>, <c>messages</c>, <c>user</c>, <c>perms</c>).</summary>
    public async Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        var engine = httpContext.RequestServices.GetService<TemplateEngine>()
            ?? throw new InvalidOperationException($"Rendering '{TemplateName}' needs a TemplateEngine service: build the app with MicroApp.CreateBuilder, or call services.AddMicroTemplates().");
        var template = engine.GetTemplate(TemplateName);
        httpContext.Response.StatusCode = StatusCode ?? StatusCodes.Status200OK;
        httpContext.Response.ContentType = ContentType ?? HtmlContentType;
        await template.RenderToResponse(Model, httpContext);
    }
}

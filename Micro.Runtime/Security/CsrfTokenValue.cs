using Microsoft.AspNetCore.Http;
using Micro.Templates;

namespace Micro.Security;

/// <summary>
/// <c>csrf_token</c> in templates, made only when a template writes it (<c>{% csrf_token %}</c>, <c>{{ csrf_token }}</c>), so a
/// page without a form sets no cookie. One request's pages share the token.
/// </summary>
internal sealed class CsrfTokenValue(HttpContext context)
{
    private string? _token;

    public override string ToString() => _token ??= Csrf.GetToken(context);
}

/// <summary>Adds <c>csrf_token</c> to every template rendered for a request, as Django's <c>csrf</c> context processor.</summary>
internal sealed class CsrfContextProcessor : ITemplateContextProcessor
{
    public void Process(HttpContext request, IDictionary<string, object?> values) => values["csrf_token"] = new CsrfTokenValue(request);
}

using Micro.Templates;
using Microsoft.AspNetCore.Http;

namespace Micro.Auth;

/// <summary>Django's <c>auth</c> context processor: <c>user</c> and <c>perms</c> in every template a request renders.</summary>
internal sealed class AuthTemplateValues : ITemplateContextProcessor
{
    public void Process(HttpContext request, IDictionary<string, object?> values)
    {
        // Lazy, as Django's: a template that never reads them costs no query.
        values["user"] = (Func<object?>)(() => request.GetCurrentUser());
        values["perms"] = (Func<object?>)(() => request.GetCurrentUser().Perms);
    }
}

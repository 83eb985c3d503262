using Micro.Templates;
using Microsoft.AspNetCore.Http;

namespace Micro.Auth;

/// <summary>Django's <c>auth</c> context processor: <c>user</c> and <c>perms</c> in every template a request renders.</summary>
internal sealed class AuthTemplateValues : ITemplateContextProcessor
{
    public IDictionary<string, object?> Values(HttpContext context)
    {
        // Lazy, as Django's: a template that never reads them costs no query.
        return new Dictionary<string, object?>(2, StringComparer.Ordinal)
        {
            ["user"] = (Func<object?>)(() => context.GetCurrentUser()),
            ["perms"] = (Func<object?>)(() => context.GetCurrentUser().Perms),
        };
    }
}

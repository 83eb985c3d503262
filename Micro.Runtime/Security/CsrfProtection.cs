using Micro.Hosting;
using Micro.Routing;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Micro.Security;

/// <summary>
/// The CSRF check of every Micro route, as Django's <c>CsrfViewMiddleware</c>: an unsafe request (anything but GET, HEAD,
/// OPTIONS and TRACE) is refused with a 403 unless its <c>Origin</c> (or, over HTTPS without one, its <c>Referer</c>) is the
/// site itself or a trusted origin, and it carries a token (form field or header) made from the secret in its cookie. It wraps
/// each route's request delegate, so the check holds wherever the app is mounted; a route whose metadata says it is exempt
/// (<see cref="CsrfExemptAttribute"/>, or ASP.NET Core's <c>[IgnoreAntiforgeryToken]</c>) is left unwrapped.
/// </summary>
internal static class CsrfProtection
{
    public const string Failure = "CSRF verification failed. Request aborted.";

    public static RequestDelegate Protect(RequestDelegate next, IReadOnlyList<object> metadata, IServiceProvider services)
    {
        var options = services.GetService<IOptions<SecurityOptions>>()?.Value ?? new SecurityOptions();
        if (!options.CsrfChecks || IsExempt(metadata))
        {
            return next;
        }

        var environment = services.GetService<IHostEnvironment>();
        var detailed = services.GetService<IOptions<MicroOptions>>()?.Value.DetailedErrors ?? environment?.IsDevelopment() ?? false;
        var logger = services.GetService<ILoggerFactory>()?.CreateLogger("Micro.Security.Csrf");
        var trusted = TrustedOrigins.Parse(options.CsrfTrustedOrigins);
        // A safe request goes straight on, without a state machine of its own.
        return context => IsSafe(context.Request.Method) || context.Features.Get<CsrfChecksOff>() is not null ? next(context) : CheckAsync(context);

        async Task CheckAsync(HttpContext context)
        {
            var reason = CheckOrigin(context.Request, trusted);
            if (reason is null)
            {
                var (ok, tokenReason) = await CheckTokenAsync(context);
                if (!ok)
                {
                    // The form body was malformed: already answered with a 400.
                    return;
                }

                reason = tokenReason;
            }

            if (reason is not null)
            {
                logger?.LogWarning("Forbidden ({Reason}): {Method} {Path}", reason, context.Request.Method, context.Request.Path.Value);
                await RequestBinding.Fail(context, StatusCodes.Status403Forbidden, detailed ? $"{Failure} Reason: {reason}" : Failure);
                return;
            }

            await next(context);
        }
    }

    /// <summary>Throws when a setting the check reads is malformed (a trusted origin without a scheme).</summary>
    internal static void Validate(SecurityOptions options) => TrustedOrigins.Parse(options.CsrfTrustedOrigins);

    internal static bool IsExempt(IReadOnlyList<object> metadata)
    {
        // The last word wins, as endpoint metadata is read: a route's own attribute after its class's, a convention after both.
        for (var i = metadata.Count - 1; i >= 0; i--)
        {
            if (metadata[i] is IAntiforgeryMetadata antiforgery)
            {
                return !antiforgery.RequiresValidation;
            }
        }

        return false;
    }

    private static bool IsSafe(string method) =>
        HttpMethods.IsGet(method) || HttpMethods.IsHead(method) || HttpMethods.IsOptions(method) || HttpMethods.IsTrace(method);

    /// <summary>
    /// Whether a WebSocket handshake comes from this site (or a trusted origin): browsers send cookies with a cross-site one,
    /// so another site's page could otherwise talk to the app as its visitor. No Origin (a client that isn't a browser) passes.
    /// </summary>
    internal static bool IsSameOrigin(HttpContext context)
    {
        var options = context.RequestServices.GetService<IOptions<SecurityOptions>>()?.Value ?? new SecurityOptions();
        return !options.CsrfChecks || context.Request.Headers.Origin.Count == 0
            || CheckOrigin(context.Request, TrustedOrigins.Parse(options.CsrfTrustedOrigins)) is null;
    }

    /// <summary>The Origin check for every unsafe request that has one, and the Referer check for HTTPS ones that don't.</summary>
    private static string? CheckOrigin(HttpRequest request, TrustedOrigins trusted)
    {
        var host = request.Host.Value ?? "";
        if (request.Headers.Origin.ToString() is { Length: > 0 } origin)
        {
            var own = (request.IsHttps ? "https://" : "http://") + host;
            return string.Equals(origin, own, StringComparison.OrdinalIgnoreCase) || trusted.AllowsOrigin(origin)
                ? null
                : $"Origin checking failed - {origin} does not match any trusted origins.";
        }

        if (!request.IsHttps)
        {
            return null;
        }

        // Over HTTPS a man in the middle can set the cookie of a plain-HTTP subdomain; the Referer shows where the form was.
        var referer = request.Headers.Referer.ToString();
        if (referer.Length == 0)
        {
            return "Referer checking failed - no Referer.";
        }

        if (!Uri.TryCreate(referer, UriKind.Absolute, out var uri) || uri.Host.Length == 0 || (uri.Scheme != "https" && uri.Scheme != "http"))
        {
            return "Referer checking failed - Referer is malformed.";
        }

        if (uri.Scheme != "https")
        {
            return "Referer checking failed - Referer is insecure while host is secure.";
        }

        return string.Equals(uri.Authority, host, StringComparison.OrdinalIgnoreCase) || trusted.AllowsReferer(uri)
            ? null
            : $"Referer checking failed - {referer} does not match any trusted origins.";
    }

    /// <summary>The cookie's secret against the token of the form (POST) or the header. <c>Ok</c> is false when the form was malformed.</summary>
    private static async ValueTask<(bool Ok, string? Reason)> CheckTokenAsync(HttpContext context)
    {
        var request = context.Request;
        if (!request.Cookies.TryGetValue(Csrf.CookieName, out var secret) || secret.Length == 0)
        {
            return (true, "CSRF cookie not set.");
        }

        if (FormatProblem(secret, Csrf.SecretLength, Csrf.SecretLength) is { } cookieProblem)
        {
            return (true, "CSRF cookie " + cookieProblem);
        }

        string? token = null;
        var source = "POST";
        if (HttpMethods.IsPost(request.Method) && request.HasFormContentType)
        {
            var form = await RequestBinding.ReadFormAsync(context, Csrf.FormField);
            if (form is null)
            {
                return (false, null);
            }

            // The last value, as Django's QueryDict reads one (a page with two forms posted whole sends the token twice).
            token = form[Csrf.FormField] is { Count: > 0 } values ? values[^1] : null;
        }

        if (string.IsNullOrEmpty(token))
        {
            token = request.Headers[Csrf.HeaderName].ToString();
            source = $"the '{Csrf.HeaderName}' HTTP header";
        }

        if (token.Length == 0)
        {
            return (true, "CSRF token missing.");
        }

        if (FormatProblem(token, Csrf.SecretLength, Csrf.SecretLength * 2) is { } tokenProblem)
        {
            return (true, $"CSRF token from {source} {tokenProblem}");
        }

        return Csrf.Matches(token, secret) ? (true, null) : (true, $"CSRF token from {source} incorrect.");
    }

    private static string? FormatProblem(string value, int length, int maskedLength) =>
        value.Length != length && value.Length != maskedLength ? "has incorrect length."
        : !Csrf.IsWellFormed(value, value.Length) ? "has invalid characters."
        : null;

    /// <summary>Django's <c>CSRF_TRUSTED_ORIGINS</c>: exact origins, and <c>https://*.example.com</c> for a domain's subdomains.</summary>
    private sealed class TrustedOrigins
    {
        private readonly HashSet<string> _exact = new(StringComparer.OrdinalIgnoreCase);
        private readonly List<(string Scheme, string Domain)> _subdomains = [];

        public static TrustedOrigins Parse(IEnumerable<string> origins)
        {
            var trusted = new TrustedOrigins();
            foreach (var origin in origins)
            {
                var schemeEnd = origin.IndexOf("://", StringComparison.Ordinal);
                if (schemeEnd <= 0)
                {
                    throw new InvalidOperationException(
                        $"Micro:Security:CsrfTrustedOrigins entry '{origin}' must start with a scheme (https://example.com, https://*.example.com).");
                }

                var authority = origin[(schemeEnd + 3)..].TrimEnd('/');
                if (authority.StartsWith("*.", StringComparison.Ordinal))
                {
                    trusted._subdomains.Add((origin[..schemeEnd], authority[1..]));
                }
                else
                {
                    trusted._exact.Add(origin[..schemeEnd] + "://" + authority);
                }
            }

            return trusted;
        }

        public bool AllowsOrigin(string origin)
        {
            if (_exact.Contains(origin))
            {
                return true;
            }

            return Uri.TryCreate(origin, UriKind.Absolute, out var uri) && AllowsSubdomain(uri.Scheme, uri.Authority);
        }

        public bool AllowsReferer(Uri referer) =>
            _exact.Contains(referer.Scheme + "://" + referer.Authority) || AllowsSubdomain(referer.Scheme, referer.Authority);

        private bool AllowsSubdomain(string scheme, string authority)
        {
            foreach (var (trustedScheme, domain) in _subdomains)
            {
                // ".example.com" matches "www.example.com" and "example.com" itself, as Django's is_same_domain.
                if (string.Equals(scheme, trustedScheme, StringComparison.OrdinalIgnoreCase)
                    && (authority.EndsWith(domain, StringComparison.OrdinalIgnoreCase) || string.Equals(authority, domain[1..], StringComparison.OrdinalIgnoreCase)))
                {
                    return true;
                }
            }

            return false;
        }
    }
}

/// <summary>A request feature that turns off the CSRF check for one request, as Django's test client does unless asked.</summary>
internal sealed class CsrfChecksOff;

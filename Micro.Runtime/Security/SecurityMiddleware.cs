using Micro.Hosting;
using Micro.Routing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Micro.Security;

/// <summary>
/// Django's host check and security headers: a request for a host the app doesn't serve (<see cref="SecurityOptions.AllowedHosts"/>)
/// is a 400, and every response carries <c>X-Content-Type-Options</c>, <c>X-Frame-Options</c>, <c>Referrer-Policy</c>,
/// <c>Cross-Origin-Opener-Policy</c> and, over HTTPS when configured, <c>Strict-Transport-Security</c>. The headers are added
/// as the response starts, so error pages carry them too; a header the app set itself is left alone.
/// </summary>
internal sealed class SecurityMiddleware
{
    private readonly RequestDelegate _next;
    private readonly SecurityOptions _options;
    private readonly HostPattern[] _allowedHosts;
    private readonly bool _detailed;
    private readonly ILogger<SecurityMiddleware> _logger;
    private readonly string? _hsts;

    // Made once: the response's start calls it with the request's context as its state, so a request allocates nothing for it.
    private readonly Func<object, Task> _addHeaders;

    public SecurityMiddleware(
        RequestDelegate next,
        IOptions<SecurityOptions> options,
        IOptions<MicroOptions> microOptions,
        IWebHostEnvironment environment,
        ILogger<SecurityMiddleware> logger)
    {
        _next = next;
        _options = options.Value;
        _allowedHosts = [.. SecurityOptions.EffectiveAllowedHosts(_options).Select(HostPattern.Parse)];
        _detailed = microOptions.Value.DetailedErrors ?? environment.IsDevelopment();
        _logger = logger;
        _addHeaders = state => AddHeaders((HttpContext)state);
        if (_options.HstsSeconds > 0)
        {
            _hsts = "max-age=" + _options.HstsSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture)
                + (_options.HstsIncludeSubdomains ? "; includeSubDomains" : "")
                + (_options.HstsPreload ? "; preload" : "");
        }
    }

    public Task InvokeAsync(HttpContext context)
    {
        context.Response.OnStarting(_addHeaders, context);
        if (!IsAllowed(HostWithoutPort(context.Request.Host)))
        {
            var host = context.Request.Host.Host;

            // The header is the client's own; log it, and show it only where errors are detailed, as Django does.
            _logger.LogWarning("Invalid Host header {Host}: it is not in AllowedHosts.", host);
            var message = host.Length == 0
                ? "The request has no Host header."
                : $"Invalid Host header: '{host}'. You may need to add '{host}' to AllowedHosts (configuration key AllowedHosts, semicolon-separated).";
            return RequestBinding.Fail(context, StatusCodes.Status400BadRequest, _detailed ? message : null);
        }

        if (_options.SslRedirect && !context.Request.IsHttps)
        {
            var request = context.Request;
            context.Response.StatusCode = StatusCodes.Status301MovedPermanently;
            context.Response.Headers.Location = "https://" + request.Host.Value + request.PathBase + request.Path + request.QueryString;
            return Task.CompletedTask;
        }

        return _next(context);
    }

    private bool IsAllowed(ReadOnlySpan<char> host)
    {
        if (host.IsEmpty)
        {
            return false;
        }

        var normalized = host.EndsWith('.') ? host[..^1] : host;
        foreach (var pattern in _allowedHosts)
        {
            if (pattern.Matches(normalized))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// The host of <paramref name="host"/> without its port, read in place: what <see cref="HostString.Host"/> gives, without
    /// making a string of it on every request (<c>[::1]:8000</c> is <c>[::1]</c>, <c>localhost:8000</c> is <c>localhost</c>).
    /// </summary>
    internal static ReadOnlySpan<char> HostWithoutPort(HostString host)
    {
        var value = host.Value.AsSpan();
        var bracket = value.IndexOf(']');
        if (bracket >= 0)
        {
            return value[..(bracket + 1)];
        }

        var colon = value.IndexOf(':');
        if (colon < 0)
        {
            return value;
        }

        // Two colons or more without brackets are an IPv6 address, rare in a Host header, which HostString puts in brackets.
        return colon < value.Length - 1 && value[(colon + 1)..].Contains(':') ? host.Host : value[..colon];
    }

    private Task AddHeaders(HttpContext context)
    {
        var options = _options;
        var headers = context.Response.Headers;
        if (options.ContentTypeNosniff && !headers.ContainsKey("X-Content-Type-Options"))
        {
            headers["X-Content-Type-Options"] = "nosniff";
        }

        SetUnlessPresent(headers, "X-Frame-Options", options.XFrameOptions);
        SetUnlessPresent(headers, "Referrer-Policy", options.ReferrerPolicy);
        SetUnlessPresent(headers, "Cross-Origin-Opener-Policy", options.CrossOriginOpenerPolicy);
        if (_hsts is not null && context.Request.IsHttps)
        {
            SetUnlessPresent(headers, "Strict-Transport-Security", _hsts);
        }

        return Task.CompletedTask;
    }

    private static void SetUnlessPresent(IHeaderDictionary headers, string name, string value)
    {
        if (value.Length > 0 && !headers.ContainsKey(name))
        {
            headers[name] = value;
        }
    }

    /// <summary>
    /// One entry of AllowedHosts: <c>*</c>, <c>.example.com</c> (the domain and its subdomains, as Django), <c>*.example.com</c>
    /// (its subdomains, as ASP.NET Core's host filtering) or an exact host.
    /// </summary>
    private readonly record struct HostPattern(string Host, bool Subdomains, bool Domain, bool Any)
    {
        public static HostPattern Parse(string entry)
        {
            var text = entry.Trim().ToLowerInvariant();
            return text == "*" ? new HostPattern("", false, false, true)
                : text.StartsWith("*.", StringComparison.Ordinal) ? new HostPattern(text[2..], true, false, false)
                : text.StartsWith('.') ? new HostPattern(text[1..], true, true, false)
                : new HostPattern(text, false, true, false);
        }

        public bool Matches(ReadOnlySpan<char> host) =>
            Any
            || (Domain && host.Equals(Host, StringComparison.OrdinalIgnoreCase))
            || (Subdomains && host.Length > Host.Length + 1 && host.EndsWith(Host, StringComparison.OrdinalIgnoreCase) && host[host.Length - Host.Length - 1] == '.');
    }
}

using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace Micro;

/// <summary>
/// Django's security settings, secure by default. Configuration sets them (no code needed): <c>AllowedHosts</c>
/// (ASP.NET Core's key, semicolon-separated, Django's <c>ALLOWED_HOSTS</c>), and under <c>Micro:Security</c>:
/// <c>HstsSeconds</c>, <c>HstsIncludeSubdomains</c>, <c>HstsPreload</c>, <c>SslRedirect</c>, <c>XFrameOptions</c>, <c>ReferrerPolicy</c>,
/// <c>CrossOriginOpenerPolicy</c>, <c>CsrfTrustedOrigins</c> (semicolon-separated), <c>CsrfCookieSecure</c>,
/// <c>CsrfCookieHttpOnly</c>.
/// </summary>
public sealed class SecurityOptions
{
    /// <summary>
    /// The host names the app serves (Django's <c>ALLOWED_HOSTS</c>): <c>example.com</c>, <c>.example.com</c> (the domain and its
    /// subdomains), or <c>*</c> (any). A request for another host is a 400. Empty means localhost only (<c>.localhost</c>,
    /// <c>127.0.0.1</c>, <c>[::1]</c>), as Django's default while debugging; outside Development serving then warns at start.
    /// </summary>
    public IList<string> AllowedHosts { get; } = [];

    /// <summary><c>Strict-Transport-Security</c>'s max-age on HTTPS responses; 0 (the default) sends none (Django's <c>SECURE_HSTS_SECONDS</c>).</summary>
    public int HstsSeconds { get; set; }

    public bool HstsIncludeSubdomains { get; set; }

    public bool HstsPreload { get; set; }

    /// <summary>
    /// Redirect every plain-HTTP request to HTTPS (301), as Django's <c>SECURE_SSL_REDIRECT</c>. Off by default; behind a proxy
    /// that terminates TLS, forward its scheme (ASP.NET Core's forwarded headers) so that requests over HTTPS are seen as such.
    /// </summary>
    public bool SslRedirect { get; set; }

    /// <summary><c>X-Content-Type-Options: nosniff</c> on every response.</summary>
    public bool ContentTypeNosniff { get; set; } = true;

    /// <summary><c>X-Frame-Options</c>: <c>DENY</c> by default, <c>SAMEORIGIN</c>, or empty for none.</summary>
    public string XFrameOptions { get; set; } = "DENY";

    /// <summary><c>Referrer-Policy</c>: <c>same-origin</c> by default, or empty for none.</summary>
    public string ReferrerPolicy { get; set; } = "same-origin";

    /// <summary><c>Cross-Origin-Opener-Policy</c>: <c>same-origin</c> by default, or empty for none.</summary>
    public string CrossOriginOpenerPolicy { get; set; } = "same-origin";

    /// <summary>
    /// Check unsafe requests to Micro routes for a CSRF token (<see cref="Csrf"/>). On by default; turn it off only for an app
    /// no browser with cookies reaches, or mark the routes that need it <see cref="CsrfExemptAttribute"/>.
    /// </summary>
    public bool CsrfChecks { get; set; } = true;

    /// <summary>Origins (scheme and host, <c>https://*.example.com</c> for subdomains) trusted for unsafe requests besides the request's own.</summary>
    public IList<string> CsrfTrustedOrigins { get; } = [];

    /// <summary>The CSRF cookie only travels over HTTPS. Null means "except in Development".</summary>
    public bool? CsrfCookieSecure { get; set; }

    /// <summary>
    /// Hide the CSRF cookie from scripts. False by default, as in Django: scripts read the <c>csrftoken</c> cookie to send the
    /// <c>X-CSRFToken</c> header, and the cookie alone grants nothing.
    /// </summary>
    public bool CsrfCookieHttpOnly { get; set; }

    /// <summary>
    /// The folder of the keys that sign and encrypt Micro's cookies (sessions in the cookie store, messages, logins), Micro's
    /// <c>SECRET_KEY</c>: ASP.NET Core data protection's key ring. Set it to a folder that outlives a deploy and that every
    /// process of the app shares, and the app's cookies stay valid across restarts and processes; the app's label then names
    /// the key ring, not the folder the app runs from. Null leaves data protection's default (a folder in the user's home, or
    /// memory), which <c>check --deploy</c> reports; an app's own <c>AddDataProtection().PersistKeysTo...</c> wins over it.
    /// </summary>
    public string? KeysPath { get; set; }

    /// <summary>Reads the options from configuration, without reflection.</summary>
    internal sealed class FromConfiguration(IConfiguration configuration) : IConfigureOptions<SecurityOptions>
    {
        public void Configure(SecurityOptions options)
        {
            foreach (var host in List(configuration["AllowedHosts"]))
            {
                options.AllowedHosts.Add(host);
            }

            var section = configuration.GetSection("Micro:Security");
            foreach (var origin in List(section["CsrfTrustedOrigins"]))
            {
                options.CsrfTrustedOrigins.Add(origin);
            }

            options.HstsSeconds = Int(section, "HstsSeconds") ?? options.HstsSeconds;
            options.HstsIncludeSubdomains = Bool(section, "HstsIncludeSubdomains") ?? options.HstsIncludeSubdomains;
            options.HstsPreload = Bool(section, "HstsPreload") ?? options.HstsPreload;
            options.SslRedirect = Bool(section, "SslRedirect") ?? options.SslRedirect;
            options.ContentTypeNosniff = Bool(section, "ContentTypeNosniff") ?? options.ContentTypeNosniff;
            options.XFrameOptions = section["XFrameOptions"] ?? options.XFrameOptions;
            options.ReferrerPolicy = section["ReferrerPolicy"] ?? options.ReferrerPolicy;
            options.CrossOriginOpenerPolicy = section["CrossOriginOpenerPolicy"] ?? options.CrossOriginOpenerPolicy;
            options.CsrfCookieSecure = Bool(section, "CsrfCookieSecure") ?? options.CsrfCookieSecure;
            options.CsrfCookieHttpOnly = Bool(section, "CsrfCookieHttpOnly") ?? options.CsrfCookieHttpOnly;
            options.CsrfChecks = Bool(section, "CsrfChecks") ?? options.CsrfChecks;
            options.KeysPath = section["KeysPath"] is { Length: > 0 } keys ? keys : options.KeysPath;
        }

        private static IEnumerable<string> List(string? value) =>
            (value ?? "").Split([';', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

        private static int? Int(IConfiguration section, string key) =>
            section[key] is { } text
                ? int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value >= 0
                    ? value
                    : throw new Hosting.ConfigurationValueException($"Configuration value Micro:Security:{key} must be a whole number of zero or more, not '{text}'.")
                : null;

        private static bool? Bool(IConfiguration section, string key) =>
            section[key] is { } text
                ? bool.TryParse(text, out var value)
                    ? value
                    : throw new Hosting.ConfigurationValueException($"Configuration value Micro:Security:{key} must be true or false, not '{text}'.")
                : null;
    }

    /// <summary>The hosts allowed: the configured ones, or localhost when there are none.</summary>
    internal static IReadOnlyList<string> EffectiveAllowedHosts(SecurityOptions options) =>
        options.AllowedHosts.Count > 0 ? [.. options.AllowedHosts] : LocalHosts;

    internal static readonly string[] LocalHosts = [".localhost", "127.0.0.1", "[::1]"];
}

using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;

namespace Micro.Sessions;

/// <summary>Where sessions are kept: <c>Micro:Sessions:Store</c> in configuration.</summary>
public enum SessionStoreKind
{
    /// <summary>A row per session in the app's database (table <c>micro_session</c>), as Django's default.</summary>
    Database,

    /// <summary>The whole session in the cookie, protected (encrypted and signed) by ASP.NET Core data protection.</summary>
    Cookie,

    /// <summary>An entry per session in the <c>IDistributedCache</c> service (in memory, or Redis when <c>ConnectionStrings:Redis</c> is set).</summary>
    Cache,
}

/// <summary>
/// Sessions' settings, as Django's <c>SESSION_*</c> settings: read from the <c>Micro:Sessions</c> section of configuration
/// (<c>"Micro": { "Sessions": { "CookieAge": 3600 } }</c>), then from code
/// (<c>builder.Services.Configure&lt;MicroSessionOptions&gt;(o =&gt; ...)</c>).
/// </summary>
public sealed class MicroSessionOptions
{
    /// <summary>The configuration section the options are read from.</summary>
    public const string Section = "Micro:Sessions";

    /// <summary>Where sessions are kept (<c>SESSION_ENGINE</c>); the database by default.</summary>
    public SessionStoreKind Store { get; set; } = SessionStoreKind.Database;

    /// <summary>The cookie's name (<c>SESSION_COOKIE_NAME</c>).</summary>
    public string CookieName { get; set; } = "sessionid";

    /// <summary>How long a session lasts (<c>SESSION_COOKIE_AGE</c>): two weeks. In configuration, seconds or a time span (<c>14.00:00:00</c>).</summary>
    public TimeSpan CookieAge { get; set; } = TimeSpan.FromDays(14);

    /// <summary>The cookie's domain (<c>SESSION_COOKIE_DOMAIN</c>); null means the request's host only.</summary>
    public string? CookieDomain { get; set; }

    /// <summary>The cookie's path (<c>SESSION_COOKIE_PATH</c>).</summary>
    public string CookiePath { get; set; } = "/";

    /// <summary>Send the cookie over HTTPS only (<c>SESSION_COOKIE_SECURE</c>). Null means "outside the Development environment".</summary>
    public bool? CookieSecure { get; set; }

    /// <summary>Hide the cookie from scripts (<c>SESSION_COOKIE_HTTPONLY</c>).</summary>
    public bool CookieHttpOnly { get; set; } = true;

    /// <summary>The cookie's SameSite attribute (<c>SESSION_COOKIE_SAMESITE</c>).</summary>
    public SameSiteMode CookieSameSite { get; set; } = SameSiteMode.Lax;

    /// <summary>Make the cookie last until the browser closes (<c>SESSION_EXPIRE_AT_BROWSER_CLOSE</c>); the stored session still expires after <see cref="CookieAge"/>.</summary>
    public bool ExpireAtBrowserClose { get; set; }

    /// <summary>Save the session, and send its cookie again, on every request that has one (<c>SESSION_SAVE_EVERY_REQUEST</c>).</summary>
    public bool SaveEveryRequest { get; set; }

    /// <summary>Reads the <c>Micro:Sessions</c> section; a value that can't be read is an error that names its key.</summary>
    internal static void Read(IConfiguration configuration, MicroSessionOptions options)
    {
        var section = configuration.GetSection(Section);
        if (section["Store"] is { } store)
        {
            options.Store = Settings.Enum<SessionStoreKind>(section, "Store", store);
        }

        options.CookieName = section["CookieName"] is { Length: > 0 } name ? name : options.CookieName;
        if (section["CookieAge"] is { } age)
        {
            options.CookieAge = Settings.Duration(section, "CookieAge", age);
        }

        options.CookieDomain = section["CookieDomain"] is { Length: > 0 } domain ? domain : options.CookieDomain;
        options.CookiePath = section["CookiePath"] is { Length: > 0 } path ? path : options.CookiePath;
        options.CookieSecure = section["CookieSecure"] is { } secure ? Settings.Boolean(section, "CookieSecure", secure) : options.CookieSecure;
        options.CookieHttpOnly = section["CookieHttpOnly"] is { } httpOnly ? Settings.Boolean(section, "CookieHttpOnly", httpOnly) : options.CookieHttpOnly;
        if (section["CookieSameSite"] is { } sameSite)
        {
            options.CookieSameSite = Settings.Enum<SameSiteMode>(section, "CookieSameSite", sameSite);
        }

        options.ExpireAtBrowserClose = section["ExpireAtBrowserClose"] is { } close ? Settings.Boolean(section, "ExpireAtBrowserClose", close) : options.ExpireAtBrowserClose;
        options.SaveEveryRequest = section["SaveEveryRequest"] is { } every ? Settings.Boolean(section, "SaveEveryRequest", every) : options.SaveEveryRequest;
    }
}

/// <summary>Reads settings from configuration without the reflection-based binder, with errors that name the key.</summary>
internal static class Settings
{
    public static bool Boolean(IConfigurationSection section, string key, string value) =>
        bool.TryParse(value.Trim(), out var result) ? result : throw Invalid(section, key, value, "true or false");

    public static int Integer(IConfigurationSection section, string key, string value) =>
        int.TryParse(value.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var result) ? result : throw Invalid(section, key, value, "a whole number");

    public static double Number(IConfigurationSection section, string key, string value) =>
        double.TryParse(value.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var result) && double.IsFinite(result)
            ? result
            : throw Invalid(section, key, value, "a number");

    /// <summary>Seconds (<c>1209600</c>, as Django's settings) or a time span (<c>14.00:00:00</c>).</summary>
    public static TimeSpan Duration(IConfigurationSection section, string key, string value)
    {
        var text = value.Trim();
        if (long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var seconds) && seconds >= 0 && seconds <= TimeSpan.MaxValue.TotalSeconds)
        {
            return TimeSpan.FromSeconds(seconds);
        }

        return TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out var span) && span >= TimeSpan.Zero
            ? span
            : throw Invalid(section, key, value, "a number of seconds or a time span such as 14.00:00:00");
    }

    public static TEnum Enum<TEnum>(IConfigurationSection section, string key, string value)
        where TEnum : struct, System.Enum =>
        System.Enum.TryParse<TEnum>(value.Trim(), ignoreCase: true, out var result) && System.Enum.IsDefined(result)
            ? result
            : throw Invalid(section, key, value, "one of " + string.Join(", ", System.Enum.GetNames<TEnum>()));

    private static InvalidOperationException Invalid(IConfigurationSection section, string key, string value, string expected) =>
        new($"The setting {section.Path}:{key} is '{value}', which is not {expected}.");
}

using System.Diagnostics.CodeAnalysis;

namespace Micro.Data;

/// <summary>
/// Whether this build can talk to PostgreSQL: always, unless the app is published with
/// <c>&lt;MicroPostgreSql&gt;false&lt;/MicroPostgreSql&gt;</c>, which lets the native compiler remove Npgsql (about 4.7 MB of a
/// native binary) from an app that only ever uses SQLite. Every use of Npgsql is reached through <see cref="PostgreSqlProvider"/>,
/// which is made behind this switch.
/// </summary>
internal static class PostgreSqlFeature
{
    public const string Switch = "Micro.Data.PostgreSql.IsSupported";

    [FeatureSwitchDefinition(Switch)]
    public static bool IsSupported => !AppContext.TryGetSwitch(Switch, out var enabled) || enabled;

    /// <summary>The error of a binary published without PostgreSQL whose configuration names a PostgreSQL database.</summary>
    public static Hosting.ConfigurationValueException NotSupported() => new(
        "Configuration value ConnectionStrings:Default names a PostgreSQL database, but this binary was published without PostgreSQL " +
        "support. Remove <MicroPostgreSql>false</MicroPostgreSql> from the app's project file and publish again.");
}

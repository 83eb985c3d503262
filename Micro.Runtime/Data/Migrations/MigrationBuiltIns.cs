
namespace Micro.Data.Migrations;

// The migration commands as built-in [Command]s: the same registry, parsers and help as an app's own.

/// <summary>Write the next migration from the changes to the app's models. It needs the JIT: `dotnet run -- makemigrations`.</summary>
[Command("makemigrations")]
internal static class MakeMigrationsCommand
{
    /// <summary>Diffs the models against migrations/snapshot.json and writes the next numbered SQL migration.</summary>
    /// <param name="context">The running command.</param>
    /// <param name="name">A name for the migration: 0002_add_views.sql.</param>
    /// <param name="check">Write nothing; exit with 1 when the models have changes that no migration holds yet.</param>
    /// <param name="fillDatabases">Write the SQL that older migrations lack for some databases (PostgreSQL), from migrations/snapshot.json.</param>
    public static int Run(CommandContext context, [Argument] string? name = null, bool check = false, bool fillDatabases = false) =>
        fillDatabases
            ? MigrationCommands.FillDatabases(context.Services, context.Out)
            : MigrationCommands.MakeMigrations(context.Services, context.Out, name, check);
}

/// <summary>Apply the migrations the database hasn't had yet, each in a transaction.</summary>
[Command("migrate")]
internal static class MigrateCommand
{
    /// <summary>Applies pending migrations in order and records them.</summary>
    /// <param name="context">The running command.</param>
    public static int Run(CommandContext context) => MigrationCommands.Migrate(context.Services, context.Out);
}

/// <summary>List the migrations, Micro's and the app's, and whether each is applied.</summary>
[Command("showmigrations")]
internal static class ShowMigrationsCommand
{
    /// <summary>Prints one migration per line, [X] when applied.</summary>
    /// <param name="context">The running command.</param>
    public static int Run(CommandContext context) => MigrationCommands.ShowMigrations(context.Services, context.Out);
}

/// <summary>Print the SQL of one migration.</summary>
[Command("sqlmigrate")]
internal static class SqlMigrateCommand
{
    /// <summary>Prints the statements of the migration, marking those that run outside a transaction.</summary>
    /// <param name="context">The running command.</param>
    /// <param name="name">The app's migration (0002, 0002_add_views), or the label of Micro's own (auth, sessions) followed by the migration.</param>
    /// <param name="migration">With a label first: the migration (sqlmigrate auth 0001).</param>
    /// <param name="database">The database whose SQL to print: sqlite or postgresql (the configured one by default).</param>
    public static int Run(CommandContext context, [Argument] string name, [Argument] string? migration = null, string? database = null) =>
        MigrationCommands.SqlMigrate(context.Services, context.Out, name, migration, database);
}

using Micro.Data.Migrations;
using Xunit;

namespace Micro.Data.Tests;

/// <summary>The migration file: one part per database, and files written before there were parts read as SQLite's.</summary>
public sealed class MigrationFileTests
{
    [Fact]
    public void A_file_has_one_part_per_database_and_an_empty_part_changes_nothing()
    {
        var text = """
            -- Migration 0002_views, written by makemigrations.

            -- micro:database sqlite
            -- micro:statement outside-transaction
            PRAGMA foreign_keys = 0;

            -- micro:statement
            ALTER TABLE "Posts" ADD "Views" INTEGER NOT NULL DEFAULT 0;

            -- micro:database postgresql
            -- (nothing to change)
            """;

        var migration = Migration.Parse("0002_views", text);

        Assert.Equal(2, migration.Number);
        Assert.Equal(
            [new MigrationStatement("PRAGMA foreign_keys = 0;", OutsideTransaction: true), new MigrationStatement("ALTER TABLE \"Posts\" ADD \"Views\" INTEGER NOT NULL DEFAULT 0;", OutsideTransaction: false)],
            migration.StatementsFor("sqlite"));
        Assert.True(migration.Supports("postgresql"));
        Assert.Empty(migration.StatementsFor("postgresql"));

        // Written back, it reads the same.
        var again = Migration.Parse("0002_views", migration.Format(["Add column Views to Posts"]));
        Assert.Equal(migration.StatementsFor("sqlite"), again.StatementsFor("sqlite"));
        Assert.Empty(again.StatementsFor("postgresql"));
    }

    [Fact]
    public void A_file_without_database_lines_is_SQLite_s_and_other_databases_are_told_what_to_run()
    {
        var migration = Migration.Parse("0001_initial", "-- micro:statement\nCREATE TABLE \"Posts\" (\"Id\" INTEGER);\n");

        Assert.Equal(["sqlite"], migration.Databases.Keys);
        Assert.False(migration.Supports("postgresql"));
        var error = Assert.Throws<MigrationException>(() => migration.StatementsFor("postgresql"));
        Assert.Equal(
            "Migration 0001_initial has SQL for sqlite only, not postgresql. Run `dotnet run -- makemigrations --fill-databases` to write the SQL other databases lack, then rebuild.",
            error.Message);
    }

    [Theory]
    [InlineData("-- micro:database\n-- micro:statement\nSELECT 1;\n", "Migration 0003_bad: a '-- micro:database' line must name the database (sqlite, postgresql).")]
    [InlineData("-- micro:database sqlite\n-- micro:statement\nSELECT 1;\n-- micro:database sqlite\n", "Migration 0003_bad has two parts for the database sqlite.")]
    public void A_malformed_file_says_what_is_wrong(string text, string message) =>
        Assert.Equal(message, Assert.Throws<MigrationException>(() => Migration.Parse("0003_bad", text)).Message);
}

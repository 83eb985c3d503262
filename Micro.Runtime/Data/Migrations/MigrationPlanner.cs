using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Migrations.Operations;

namespace Micro.Data.Migrations;

/// <summary>What changed between the stored snapshot and the current model, and the SQL that makes the change.</summary>
/// <param name="Operations">EF Core's migration operations, for the summary and the destructive-change warnings.</param>
/// <param name="Statements">The SQL, with the statements that must run outside a transaction marked.</param>
/// <param name="Snapshot">The current model, to store as the new snapshot.</param>
public sealed record MigrationPlan(IReadOnlyList<MigrationOperation> Operations, IReadOnlyList<MigrationStatement> Statements, ModelSnapshot Snapshot)
{
    public bool HasChanges => Operations.Count > 0;

    /// <summary>One line per operation, as Django's makemigrations prints them.</summary>
    public IEnumerable<string> Summary => Operations.Select(Describe).Where(static d => d is not null)!;

    /// <summary>The operations that lose data.</summary>
    public IEnumerable<string> Destructive => Operations.Select(static o => o switch
    {
        DropTableOperation drop => $"drops table {drop.Name} and every row in it",
        DropColumnOperation drop => $"drops column {drop.Table}.{drop.Name} and its values",
        _ => null,
    }).OfType<string>();

    /// <summary>A name like Django's: <c>initial</c>, <c>authors</c>, <c>posts_views</c>, <c>remove_posts_views</c>, else <c>auto_yyyyMMdd_HHmm</c>.</summary>
    public string SuggestName(bool first)
    {
        if (first)
        {
            return "initial";
        }

        var main = Operations.Where(static o => o is not (CreateIndexOperation or DropIndexOperation or AddForeignKeyOperation or DropForeignKeyOperation or SqlOperation)).ToList();
        var name = main.Count == 1 ? main[0] switch
        {
            CreateTableOperation create => create.Name,
            DropTableOperation drop => "delete_" + drop.Name,
            AddColumnOperation add => add.Table + "_" + add.Name,
            DropColumnOperation drop => "remove_" + drop.Table + "_" + drop.Name,
            AlterColumnOperation alter => "alter_" + alter.Table + "_" + alter.Name,
            RenameColumnOperation rename => "rename_" + rename.Table + "_" + rename.NewName,
            _ => null,
        } : null;
        return name is null
            ? "auto_" + DateTime.UtcNow.ToString("yyyyMMdd_HHmm", CultureInfo.InvariantCulture)
            : new string(name.ToLowerInvariant().Select(static c => char.IsLetterOrDigit(c) ? c : '_').ToArray());
    }

    private static string? Describe(MigrationOperation operation) => operation switch
    {
        CreateTableOperation create => $"Create table {create.Name} ({string.Join(", ", create.Columns.Select(static c => c.Name))})",
        DropTableOperation drop => $"Drop table {drop.Name}",
        AddColumnOperation add => $"Add column {add.Name} to {add.Table}",
        DropColumnOperation drop => $"Remove column {drop.Name} from {drop.Table}",
        AlterColumnOperation alter => $"Alter column {alter.Name} of {alter.Table}",
        RenameColumnOperation rename => $"Rename column {rename.Name} of {rename.Table} to {rename.NewName}",
        RenameTableOperation rename => $"Rename table {rename.Name} to {rename.NewName}",
        CreateIndexOperation index => $"Create {(index.IsUnique ? "unique " : "")}index {index.Name} on {index.Table} ({string.Join(", ", index.Columns)})",
        DropIndexOperation index => $"Drop index {index.Name}",
        AddForeignKeyOperation key => $"Add foreign key {key.Name} on {key.Table}",
        DropForeignKeyOperation key => $"Drop foreign key {key.Name} on {key.Table}",
        _ => operation.GetType().Name.Replace("Operation", "", StringComparison.Ordinal),
    };
}

/// <summary>
/// A database makemigrations writes SQL for: how EF Core is pointed at it (no connection is opened: EF's SQL generator only
/// needs the provider), and what the snapshot's rebuild must restate for its differ to see an unchanged model as unchanged.
/// </summary>
/// <param name="name">The dialect name (<see cref="SqlDialect.Name"/>) the migration file's part is written under.</param>
/// <param name="configure">Points a context's options at the database's EF Core provider.</param>
[RequiresDynamicCode(EntityFrameworkFeature.Message)]
[RequiresUnreferencedCode(EntityFrameworkFeature.Message)]
public sealed class MigrationDatabase(string name, Action<DbContextOptionsBuilder> configure)
{
    /// <summary>SQLite's store types are the snapshot's own (it was written from SQLite's model), so the rebuild keeps them.</summary>
    public static MigrationDatabase Sqlite { get; } = new("sqlite", static options => options.UseSqlite("Data Source=:memory:")) { KeepsStoreTypes = true };

    /// <summary>PostgreSQL: store types follow from the CLR types, and generated keys are identity columns, as EF's Npgsql provider makes them.</summary>
    public static MigrationDatabase PostgreSql { get; } = new("postgresql", static options => options.UseNpgsql())
    {
        ConfigureModel = static model => model.UseIdentityByDefaultColumns(),
        ConfigureGeneratedKey = static property => property.UseIdentityByDefaultColumn(),
    };

    /// <summary>Every database Micro writes migrations for, SQLite first.</summary>
    public static IReadOnlyList<MigrationDatabase> All { get; } = [Sqlite, PostgreSql];

    public string Name { get; } = name;

    public Action<DbContextOptionsBuilder> Configure { get; } = configure;

    public bool KeepsStoreTypes { get; init; }

    public Action<ModelBuilder>? ConfigureModel { get; init; }

    public Action<Microsoft.EntityFrameworkCore.Metadata.Builders.PropertyBuilder>? ConfigureGeneratedKey { get; init; }
}

/// <summary>
/// Diffs the app's current EF Core model against a stored snapshot with EF Core's run-time migration services
/// (<see cref="IMigrationsModelDiffer"/>, <see cref="IMigrationsSqlGenerator"/>), without EF's design package.
/// </summary>
[RequiresDynamicCode(EntityFrameworkFeature.Message)]
[RequiresUnreferencedCode(EntityFrameworkFeature.Message)]
public static class MigrationPlanner
{
    /// <summary>The plan for <paramref name="database"/>, whose provider <paramref name="context"/> uses.</summary>
    public static MigrationPlan Plan(DbContext context, ModelSnapshot? previous, MigrationDatabase? database = null)
    {
        database ??= MigrationDatabase.Sqlite;
        var current = context.GetService<IDesignTimeModel>().Model;
        var source = previous is null ? null : Rebuild(context, previous, database);
        var operations = context.GetService<IMigrationsModelDiffer>().GetDifferences(source?.GetRelationalModel(), current.GetRelationalModel());
        var commands = operations.Count == 0 ? [] : context.GetService<IMigrationsSqlGenerator>().Generate(operations, current);
        var statements = commands.Select(static c => new MigrationStatement(c.CommandText.Trim(), c.TransactionSuppressed)).ToList();
        return new MigrationPlan(operations, statements, Snapshot(current.GetRelationalModel()));
    }

    /// <summary>The snapshot of a relational model: what the differ compares, in a stable order.</summary>
    public static ModelSnapshot Snapshot(IRelationalModel model)
    {
        var tables = new List<SnapshotTable>();
        foreach (var table in model.Tables.OrderBy(static t => t.Name, StringComparer.Ordinal))
        {
            var columns = table.Columns.Select(static column =>
            {
                var property = column.PropertyMappings.First().Property;
                return new SnapshotColumn(
                    column.Name,
                    column.StoreType,
                    (column.ProviderClrType ?? property.GetProviderClrType() ?? property.ClrType).FullName!,
                    column.IsNullable,
                    column.MaxLength,
                    FormatDefault(column.DefaultValue),
                    column.DefaultValueSql,
                    property.ValueGenerated == ValueGenerated.OnAdd && property.IsPrimaryKey());
            }).ToList();
            var key = table.PrimaryKey ?? throw new InvalidOperationException($"Table {table.Name} has no primary key.");
            tables.Add(new SnapshotTable(
                table.Name,
                columns,
                key.Name,
                key.Columns.Select(static c => c.Name).ToList(),
                table.Indexes.OrderBy(static i => i.Name, StringComparer.Ordinal)
                    .Select(static i => new SnapshotIndex(i.Name, i.Columns.Select(static c => c.Name).ToList(), i.IsUnique)).ToList(),
                table.ForeignKeyConstraints.OrderBy(static f => f.Name, StringComparer.Ordinal)
                    .Select(static f => new SnapshotForeignKey(
                        f.Name,
                        f.Columns.Select(static c => c.Name).ToList(),
                        f.PrincipalTable.Name,
                        f.PrincipalColumns.Select(static c => c.Name).ToList(),
                        f.OnDeleteAction.ToString())).ToList()));
        }

        return new ModelSnapshot(tables);
    }

    /// <summary>Rebuilds the model a snapshot describes, one shared-type entity per table, as EF's own snapshots do.</summary>
    public static IModel Rebuild(DbContext context, ModelSnapshot snapshot, MigrationDatabase? database = null)
    {
        database ??= MigrationDatabase.Sqlite;
        var builder = new ModelBuilder();
        database.ConfigureModel?.Invoke(builder);
        foreach (var table in snapshot.Tables)
        {
            builder.SharedTypeEntity<Dictionary<string, object>>(table.Name, entity =>
            {
                entity.ToTable(table.Name);
                foreach (var column in table.Columns)
                {
                    var property = entity.Property(ClrType(column.ClrType, column.IsNullable), column.Name)
                        .HasColumnName(column.Name)
                        .IsRequired(!column.IsNullable);
                    if (database.KeepsStoreTypes)
                    {
                        property.HasColumnType(column.StoreType);
                    }

                    if (column.MaxLength is { } maxLength)
                    {
                        property.HasMaxLength(maxLength);
                    }

                    if (column.DefaultValue is not null)
                    {
                        property.HasDefaultValue(ParseDefault(column.DefaultValue, ClrType(column.ClrType, false)));
                    }

                    if (column.DefaultValueSql is not null)
                    {
                        property.HasDefaultValueSql(column.DefaultValueSql);
                    }

                    if (column.IsGeneratedOnAdd)
                    {
                        property.ValueGeneratedOnAdd();
                        database.ConfigureGeneratedKey?.Invoke(property);
                    }
                    else
                    {
                        property.ValueGeneratedNever();
                    }
                }

                entity.HasKey(table.PrimaryKeyColumns.ToArray()).HasName(table.PrimaryKeyName);
                foreach (var index in table.Indexes)
                {
                    entity.HasIndex(index.Columns.ToArray(), index.Name).IsUnique(index.IsUnique).HasDatabaseName(index.Name);
                }
            });
        }

        // Foreign keys once every table exists.
        foreach (var table in snapshot.Tables)
        {
            builder.SharedTypeEntity<Dictionary<string, object>>(table.Name, entity =>
            {
                foreach (var foreignKey in table.ForeignKeys)
                {
                    entity.HasOne(foreignKey.PrincipalTable, null).WithMany()
                        .HasForeignKey(foreignKey.Columns.ToArray())
                        .HasPrincipalKey(foreignKey.PrincipalColumns.ToArray())
                        .HasConstraintName(foreignKey.Name)
                        .OnDelete(foreignKey.OnDelete switch
                        {
                            nameof(ReferentialAction.Cascade) => DeleteBehavior.Cascade,
                            nameof(ReferentialAction.SetNull) => DeleteBehavior.SetNull,
                            nameof(ReferentialAction.Restrict) => DeleteBehavior.Restrict,
                            _ => DeleteBehavior.NoAction,
                        });
                }
            });
        }

        var model = builder.FinalizeModel();
        return context.GetService<IModelRuntimeInitializer>().Initialize(model, designTime: true, validationLogger: null);
    }

    private static string? FormatDefault(object? value) => value switch
    {
        null => null,
        bool flag => flag ? "true" : "false",
        DateTime time => time.ToString("O", CultureInfo.InvariantCulture),
        DateTimeOffset time => time.ToString("O", CultureInfo.InvariantCulture),
        DateOnly date => date.ToString("O", CultureInfo.InvariantCulture),
        TimeOnly time => time.ToString("O", CultureInfo.InvariantCulture),
        byte[] bytes => Convert.ToBase64String(bytes),
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString(),
    };

    private static object ParseDefault(string text, Type type)
    {
        var c = CultureInfo.InvariantCulture;
        return type switch
        {
            _ when type == typeof(string) => text,
            _ when type == typeof(bool) => text == "true",
            _ when type == typeof(byte) => byte.Parse(text, c),
            _ when type == typeof(short) => short.Parse(text, c),
            _ when type == typeof(int) => int.Parse(text, c),
            _ when type == typeof(long) => long.Parse(text, c),
            _ when type == typeof(float) => float.Parse(text, c),
            _ when type == typeof(double) => double.Parse(text, c),
            _ when type == typeof(decimal) => decimal.Parse(text, c),
            _ when type == typeof(DateTime) => DateTime.Parse(text, c, DateTimeStyles.RoundtripKind),
            _ when type == typeof(DateTimeOffset) => DateTimeOffset.Parse(text, c, DateTimeStyles.RoundtripKind),
            _ when type == typeof(DateOnly) => DateOnly.Parse(text, c),
            _ when type == typeof(TimeOnly) => TimeOnly.Parse(text, c),
            _ when type == typeof(TimeSpan) => TimeSpan.Parse(text, c),
            _ when type == typeof(Guid) => Guid.Parse(text),
            _ when type == typeof(byte[]) => Convert.FromBase64String(text),
            _ => throw new InvalidDataException($"The model snapshot has a default value of type {type}, which Micro can't read."),
        };
    }

    private static Type ClrType(string name, bool nullable)
    {
        var type = name switch
        {
            "System.String" => typeof(string),
            "System.Boolean" => typeof(bool),
            "System.Byte" => typeof(byte),
            "System.SByte" => typeof(sbyte),
            "System.Int16" => typeof(short),
            "System.UInt16" => typeof(ushort),
            "System.Int32" => typeof(int),
            "System.UInt32" => typeof(uint),
            "System.Int64" => typeof(long),
            "System.UInt64" => typeof(ulong),
            "System.Single" => typeof(float),
            "System.Double" => typeof(double),
            "System.Decimal" => typeof(decimal),
            "System.Char" => typeof(char),
            "System.DateTime" => typeof(DateTime),
            "System.DateTimeOffset" => typeof(DateTimeOffset),
            "System.DateOnly" => typeof(DateOnly),
            "System.TimeOnly" => typeof(TimeOnly),
            "System.TimeSpan" => typeof(TimeSpan),
            "System.Guid" => typeof(Guid),
            "System.Byte[]" => typeof(byte[]),
            _ => throw new InvalidDataException($"The model snapshot has a column of type {name}, which Micro can't read."),
        };
        return nullable && type.IsValueType ? typeof(Nullable<>).MakeGenericType(type) : type;
    }
}

using System.Text;
using System.Text.Json;

namespace Micro.Data.Migrations;

/// <summary>
/// The database schema a set of migrations produces, as Micro stores it in <c>migrations/snapshot.json</c>:
/// tables, columns with their store types, keys, indexes and foreign keys. <c>makemigrations</c> rebuilds the
/// previous model from it and diffs the current model against that. Written and read without reflection.
/// </summary>
public sealed record ModelSnapshot(IReadOnlyList<SnapshotTable> Tables)
{
    public const string FileName = "snapshot.json";
    private const int FormatVersion = 1;

    public string ToJson()
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            json.WriteNumber("version", FormatVersion);
            json.WriteStartArray("tables");
            foreach (var table in Tables)
            {
                json.WriteStartObject();
                json.WriteString("name", table.Name);
                json.WriteStartArray("columns");
                foreach (var column in table.Columns)
                {
                    json.WriteStartObject();
                    json.WriteString("name", column.Name);
                    json.WriteString("storeType", column.StoreType);
                    json.WriteString("clrType", column.ClrType);
                    json.WriteBoolean("nullable", column.IsNullable);
                    if (column.MaxLength is { } maxLength)
                    {
                        json.WriteNumber("maxLength", maxLength);
                    }

                    if (column.DefaultValue is not null)
                    {
                        json.WriteString("default", column.DefaultValue);
                    }

                    if (column.DefaultValueSql is not null)
                    {
                        json.WriteString("defaultSql", column.DefaultValueSql);
                    }

                    if (column.IsGeneratedOnAdd)
                    {
                        json.WriteBoolean("generatedOnAdd", true);
                    }

                    json.WriteEndObject();
                }

                json.WriteEndArray();
                json.WriteString("primaryKey", table.PrimaryKeyName);
                WriteStrings(json, "primaryKeyColumns", table.PrimaryKeyColumns);
                json.WriteStartArray("indexes");
                foreach (var index in table.Indexes)
                {
                    json.WriteStartObject();
                    json.WriteString("name", index.Name);
                    WriteStrings(json, "columns", index.Columns);
                    json.WriteBoolean("unique", index.IsUnique);
                    json.WriteEndObject();
                }

                json.WriteEndArray();
                json.WriteStartArray("foreignKeys");
                foreach (var foreignKey in table.ForeignKeys)
                {
                    json.WriteStartObject();
                    json.WriteString("name", foreignKey.Name);
                    WriteStrings(json, "columns", foreignKey.Columns);
                    json.WriteString("principalTable", foreignKey.PrincipalTable);
                    WriteStrings(json, "principalColumns", foreignKey.PrincipalColumns);
                    json.WriteString("onDelete", foreignKey.OnDelete);
                    json.WriteEndObject();
                }

                json.WriteEndArray();
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray()).Replace("\r\n", "\n", StringComparison.Ordinal) + "\n";
    }

    public static ModelSnapshot FromJson(string text)
    {
        using var document = JsonDocument.Parse(text);
        var root = document.RootElement;
        if (root.TryGetProperty("version", out var version) && version.GetInt32() > FormatVersion)
        {
            throw new InvalidDataException($"The model snapshot has format version {version.GetInt32()}; this Micro reads version {FormatVersion} at most.");
        }

        var tables = new List<SnapshotTable>();
        foreach (var table in root.GetProperty("tables").EnumerateArray())
        {
            var columns = table.GetProperty("columns").EnumerateArray().Select(static c => new SnapshotColumn(
                c.GetProperty("name").GetString()!,
                c.GetProperty("storeType").GetString()!,
                c.GetProperty("clrType").GetString()!,
                c.GetProperty("nullable").GetBoolean(),
                c.TryGetProperty("maxLength", out var maxLength) ? maxLength.GetInt32() : null,
                c.TryGetProperty("default", out var defaultValue) ? defaultValue.GetString() : null,
                c.TryGetProperty("defaultSql", out var defaultSql) ? defaultSql.GetString() : null,
                c.TryGetProperty("generatedOnAdd", out var generated) && generated.GetBoolean())).ToList();
            var indexes = table.GetProperty("indexes").EnumerateArray().Select(static i => new SnapshotIndex(
                i.GetProperty("name").GetString()!,
                ReadStrings(i.GetProperty("columns")),
                i.GetProperty("unique").GetBoolean())).ToList();
            var foreignKeys = table.GetProperty("foreignKeys").EnumerateArray().Select(static f => new SnapshotForeignKey(
                f.GetProperty("name").GetString()!,
                ReadStrings(f.GetProperty("columns")),
                f.GetProperty("principalTable").GetString()!,
                ReadStrings(f.GetProperty("principalColumns")),
                f.GetProperty("onDelete").GetString()!)).ToList();
            tables.Add(new SnapshotTable(
                table.GetProperty("name").GetString()!,
                columns,
                table.GetProperty("primaryKey").GetString()!,
                ReadStrings(table.GetProperty("primaryKeyColumns")),
                indexes,
                foreignKeys));
        }

        return new ModelSnapshot(tables);
    }

    private static void WriteStrings(Utf8JsonWriter json, string name, IEnumerable<string> values)
    {
        json.WriteStartArray(name);
        foreach (var value in values)
        {
            json.WriteStringValue(value);
        }

        json.WriteEndArray();
    }

    private static IReadOnlyList<string> ReadStrings(JsonElement array) => array.EnumerateArray().Select(static e => e.GetString()!).ToList();
}

public sealed record SnapshotTable(
    string Name,
    IReadOnlyList<SnapshotColumn> Columns,
    string PrimaryKeyName,
    IReadOnlyList<string> PrimaryKeyColumns,
    IReadOnlyList<SnapshotIndex> Indexes,
    IReadOnlyList<SnapshotForeignKey> ForeignKeys);

/// <summary>
/// A column. <c>ClrType</c> is the CLR type the provider stores (<c>System.Int32</c>; the number type of an enum),
/// <c>DefaultValue</c> is formatted with the invariant culture, and <c>IsGeneratedOnAdd</c> means the database
/// assigns the value on insert (an auto-increment key).
/// </summary>
public sealed record SnapshotColumn(
    string Name,
    string StoreType,
    string ClrType,
    bool IsNullable,
    int? MaxLength,
    string? DefaultValue,
    string? DefaultValueSql,
    bool IsGeneratedOnAdd);

public sealed record SnapshotIndex(string Name, IReadOnlyList<string> Columns, bool IsUnique);

/// <summary>A foreign key; <c>OnDelete</c> is Cascade, SetNull, Restrict or NoAction.</summary>
public sealed record SnapshotForeignKey(string Name, IReadOnlyList<string> Columns, string PrincipalTable, IReadOnlyList<string> PrincipalColumns, string OnDelete);

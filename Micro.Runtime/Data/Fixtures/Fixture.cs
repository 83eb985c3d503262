using System.Data.Common;
using System.Globalization;
using System.Text.Json;

namespace Micro.Data.Fixtures;

/// <summary>
/// Django's fixtures: the rows of the app's models as JSON, <c>[{"model": "blog.post", "pk": 1, "fields": {"title": "Hello", ...}}]</c>,
/// written by <c>dumpdata</c> and read back by <c>loaddata</c>. A model is named by the app label and its class in lower case; a field
/// by its property in snake_case (<c>author_id</c> for a reference's key). Values are JSON's own where they fit (numbers, true and
/// false, null), text otherwise: a decimal as <c>"12.50"</c> (every digit kept), dates and times in ISO 8601, a duration as
/// <c>"1.02:30:00"</c>, a UUID, bytes in base64, an enum as its number.
/// </summary>
internal static class Fixture
{
    /// <summary>A model's name in fixtures: <c>blog.post</c>.</summary>
    public static string ModelName(string label, ModelInfo model) => label + "." + model.Name.ToLowerInvariant();

    /// <summary>A column's name in a fixture's <c>fields</c>: the property in snake_case.</summary>
    public static string FieldName(ColumnInfo column) => JsonNamingPolicy.SnakeCaseLower.ConvertName(column.Property);

    /// <summary>
    /// The models in an order where a model comes after those its references point to (so that rows can be inserted in the order
    /// written, on a database that checks references at once); otherwise the order given.
    /// </summary>
    public static List<ModelInfo> InDependencyOrder(IReadOnlyList<ModelInfo> models)
    {
        var ordered = new List<ModelInfo>();
        var visiting = new HashSet<ModelInfo>();
        void Visit(ModelInfo model)
        {
            if (ordered.Contains(model) || !visiting.Add(model))
            {
                return; // Done, or a cycle: the rows' own order decides.
            }

            foreach (var target in model.Columns.Select(static c => c.References).OfType<string>())
            {
                if (models.FirstOrDefault(m => m.Name == target) is { } referenced && !ReferenceEquals(referenced, model))
                {
                    Visit(referenced);
                }
            }

            ordered.Add(model);
        }

        foreach (var model in models)
        {
            Visit(model);
        }

        return ordered;
    }

    /// <summary>Writes one row as a fixture object, its many-to-many fields (<paramref name="links"/>) after its columns.</summary>
    public static void WriteObject(Utf8JsonWriter writer, string modelName, ModelInfo model, object?[] values, IEnumerable<(string Field, IEnumerable<object> Keys)> links)
    {
        writer.WriteStartObject();
        writer.WriteString("model", modelName);
        writer.WritePropertyName("pk");
        WriteValue(writer, values[model.KeyIndex]);
        writer.WriteStartObject("fields");
        for (var i = 0; i < values.Length; i++)
        {
            if (i != model.KeyIndex)
            {
                writer.WritePropertyName(FieldName(model.Columns[i]));
                WriteValue(writer, values[i]);
            }
        }

        foreach (var (field, keys) in links)
        {
            writer.WriteStartArray(field);
            foreach (var key in keys)
            {
                if (key is string[] natural)
                {
                    writer.WriteStartArray();
                    foreach (var part in natural)
                    {
                        writer.WriteStringValue(part);
                    }

                    writer.WriteEndArray();
                }
                else
                {
                    WriteValue(writer, key);
                }
            }

            writer.WriteEndArray();
        }

        writer.WriteEndObject();
        writer.WriteEndObject();
    }

    private static void WriteValue(Utf8JsonWriter writer, object? value)
    {
        switch (value)
        {
            case null: writer.WriteNullValue(); break;
            case string text: writer.WriteStringValue(text); break;
            case bool flag: writer.WriteBooleanValue(flag); break;
            case byte or short or int or long: writer.WriteNumberValue(Convert.ToInt64(value, CultureInfo.InvariantCulture)); break;
            case float single: writer.WriteNumberValue(single); break;
            case double number: writer.WriteNumberValue(number); break;
            case decimal number: writer.WriteStringValue(number.ToString(CultureInfo.InvariantCulture)); break;
            case DateTime time: writer.WriteStringValue(time.ToString("O", CultureInfo.InvariantCulture)); break;
            case DateTimeOffset time: writer.WriteStringValue(time.ToString("O", CultureInfo.InvariantCulture)); break;
            case DateOnly date: writer.WriteStringValue(date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)); break;
            case TimeOnly time: writer.WriteStringValue(time.ToString("HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture).TrimEnd('.')); break;
            case TimeSpan span: writer.WriteStringValue(span.ToString("c", CultureInfo.InvariantCulture)); break;
            case Guid id: writer.WriteStringValue(id); break;
            case byte[] bytes: writer.WriteBase64StringValue(bytes); break;
            case Enum: writer.WriteNumberValue(Convert.ToInt64(value, CultureInfo.InvariantCulture)); break;
            default: throw new NotSupportedException($"A fixture can't hold a {value.GetType().Name}.");
        }
    }

    /// <summary>
    /// The fixture's objects as rows of their models: each one's model found among <paramref name="fixtureModels"/>, its <c>fields</c> all
    /// known and its columns all there (a many-to-many field may be left out: its links stay as they are). Objects of
    /// <paramref name="excluded"/> models are skipped, and with <paramref name="ignoreNonexistent"/> those of unknown models and unknown
    /// fields too. Problems are a <see cref="FixtureException"/> naming the file and the object.
    /// </summary>
    public static List<(ModelInfo Model, FixtureRowReader Row)> Read(string file, JsonDocument document, FixtureModels fixtureModels, IReadOnlySet<ModelInfo> excluded, bool ignoreNonexistent)
    {
        var models = fixtureModels.All;
        var modelName = fixtureModels.Name;
        var name = Path.GetFileName(file);
        if (document.RootElement.ValueKind != JsonValueKind.Array)
        {
            throw new FixtureException($"{name}: a fixture is a JSON array of objects ([{{\"model\": ..., \"pk\": ..., \"fields\": {{...}}}}]), not {document.RootElement.ValueKind.ToString().ToLowerInvariant()}.");
        }

        var rows = new List<(ModelInfo, FixtureRowReader)>();
        var index = 0;
        foreach (var item in document.RootElement.EnumerateArray())
        {
            index++;
            var where = $"{name}, object {index.ToString(CultureInfo.InvariantCulture)}";
            if (item.ValueKind != JsonValueKind.Object)
            {
                throw new FixtureException($"{where}: expected an object with \"model\", \"pk\" and \"fields\".");
            }

            if (!item.TryGetProperty("model", out var modelElement) || modelElement.ValueKind != JsonValueKind.String)
            {
                throw new FixtureException($"{where}: \"model\" is missing; give the model as app_label.model (\"{(models.Count > 0 ? modelName(models[0]) : "app.model")}\").");
            }

            var wanted = modelElement.GetString()!;
            var model = models.FirstOrDefault(m => string.Equals(modelName(m), wanted, StringComparison.OrdinalIgnoreCase));
            if (model is null && ignoreNonexistent || model is not null && excluded.Contains(model))
            {
                continue;
            }

            if (model is null)
            {
                throw new FixtureException($"{where}: no model '{wanted}'. The models are: {fixtureModels.Names()}.");
            }

            JsonElement? pk = item.TryGetProperty("pk", out var pkElement) && pkElement.ValueKind != JsonValueKind.Null ? pkElement : null;
            where += $" ({modelName(model)}{(pk is { } key ? ", pk " + key.GetRawText() : "")})";
            if (!item.TryGetProperty("fields", out var fields) || fields.ValueKind != JsonValueKind.Object)
            {
                throw new FixtureException($"{where}: \"fields\" is missing; it is an object of the row's values.");
            }

            var values = new JsonElement?[model.Columns.Count];
            values[model.KeyIndex] = pk;
            var links = new List<(FixtureLink, JsonElement)>();
            foreach (var field in fields.EnumerateObject())
            {
                var column = IndexOf(model, field.Name);
                if (column >= 0)
                {
                    values[column] = field.Value;
                }
                else if (FixtureModels.Links(model).FirstOrDefault(l => l.Field == field.Name) is { } link)
                {
                    CheckKeys(where, link, field.Value, fixtureModels.Name(link.Target));
                    links.Add((link, field.Value));
                }
                else if (!ignoreNonexistent)
                {
                    throw new FixtureException($"{where}: {modelName(model)} has no field '{field.Name}'. Its fields are: {string.Join(", ", FieldNames(model))}.");
                }
            }

            FillDefaults(model, values, where);

            rows.Add((model, new FixtureRowReader(model, values, where) { Links = links }));
        }

        return rows;
    }

    /// <summary>
    /// Gives each field the object leaves out the value a new instance of the model has (Django's field default), written as dumpdata
    /// writes it; a field whose new value is null in a column that can't hold one is an error.
    /// </summary>
    private static void FillDefaults(ModelInfo model, JsonElement?[] values, string where)
    {
        var missing = Enumerable.Range(0, values.Length).Where(i => i != model.KeyIndex && values[i] is null).ToList();
        if (missing.Count == 0)
        {
            return;
        }

        var defaults = model.NewValues();
        var unfilled = missing.Where(i => defaults is null || (defaults[i] is null && !model.Columns[i].IsNullable)).Select(i => "'" + FieldName(model.Columns[i]) + "'").ToList();
        if (unfilled.Count > 0)
        {
            var (them, it) = unfilled.Count == 1 ? ("it has", "it") : ("they have", "them");
            throw new FixtureException(defaults is null
                ? $"{where}: no value for {string.Join(", ", unfilled)}; a {model.Name} is made only with every field given, so a fixture gives them all."
                : $"{where}: no value for {string.Join(", ", unfilled)}, and {them} no default: a new {model.Name} leaves {it} null, which its column can't hold.");
        }

        foreach (var i in missing)
        {
            var buffer = new System.Buffers.ArrayBufferWriter<byte>();
            using (var writer = new Utf8JsonWriter(buffer))
            {
                WriteValue(writer, defaults![i]);
            }

            using var document = JsonDocument.Parse(buffer.WrittenMemory);
            values[i] = document.RootElement.Clone();
        }
    }

    private static int IndexOf(ModelInfo model, string field)
    {
        for (var i = 0; i < model.Columns.Count; i++)
        {
            if (i != model.KeyIndex && FieldName(model.Columns[i]) == field)
            {
                return i;
            }
        }

        return -1;
    }

    private static IEnumerable<string> FieldNames(ModelInfo model) =>
        model.Columns.Where((_, i) => i != model.KeyIndex).Select(FieldName).Concat(FixtureModels.Links(model).Select(static l => l.Field));

    /// <summary>A many-to-many field is a list of keys: each a whole number, or the target's natural key as a list of text.</summary>
    private static void CheckKeys(string where, FixtureLink link, JsonElement keys, string target)
    {
        var natural = link.NaturalKey.Count;
        var expected = $"a list of {target} keys (each a number, or a natural key: [{string.Join(", ", link.NaturalKey.Select(static c => "\"" + c.Name + "\""))}])";
        if (keys.ValueKind != JsonValueKind.Array)
        {
            throw new FixtureException($"{where}, field '{link.Field}': expected {expected}, got {FixtureRowReader.Shown(keys)}.");
        }

        foreach (var key in keys.EnumerateArray())
        {
            var fits = key.ValueKind switch
            {
                JsonValueKind.Number => key.TryGetInt32(out _),
                JsonValueKind.Array => key.GetArrayLength() == natural && key.EnumerateArray().All(static part => part.ValueKind == JsonValueKind.String),
                _ => false,
            };
            if (!fits)
            {
                throw new FixtureException($"{where}, field '{link.Field}': expected {expected}, got {FixtureRowReader.Shown(key)} in it.");
            }
        }
    }
}

/// <summary>A fixture that can't be loaded: what is wrong and where (the file, the object and the field).</summary>
internal sealed class FixtureException(string message) : Exception(message);

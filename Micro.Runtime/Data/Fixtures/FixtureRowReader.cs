using System.Collections;
using System.Data.Common;
using System.Globalization;
using System.Text.Json;

namespace Micro.Data.Fixtures;

/// <summary>
/// One object of a fixture as the row a model's generated <c>Read</c> takes: its <c>pk</c> and <c>fields</c> in the model's column order,
/// each converted to the type the generated code asks for (<c>GetInt32</c>, <c>GetFieldValue&lt;DateOnly&gt;</c>). A value that doesn't
/// fit is a <see cref="FixtureException"/> naming the object and the field.
/// </summary>
internal sealed class FixtureRowReader : DbDataReader
{
    private readonly ModelInfo _model;
    private readonly JsonElement?[] _values;

    /// <param name="model">The model the object is a row of.</param>
    /// <param name="values">Each column's value, in column order; null for a key not given (the database assigns it).</param>
    /// <param name="where">The object, for errors: <c>posts.json, object 3 (blog.post, pk 7)</c>.</param>
    public FixtureRowReader(ModelInfo model, JsonElement?[] values, string where)
    {
        _model = model;
        _values = values;
        Where = where;
    }

    /// <summary>The object, for errors: <c>posts.json, object 3 (blog.post, pk 7)</c>.</summary>
    public string Where { get; }

    /// <summary>The object's many-to-many fields, each a list of keys (checked to be numbers or natural keys).</summary>
    public IReadOnlyList<(FixtureLink Link, JsonElement Keys)> Links { get; init; } = [];

    public override int FieldCount => _values.Length;

    public override bool IsDBNull(int ordinal) => _values[ordinal] is not { } value || value.ValueKind == JsonValueKind.Null;

    public override string GetString(int ordinal) =>
        Value(ordinal, "text") is { ValueKind: JsonValueKind.String } value ? value.GetString()! : throw Wrong(ordinal, "text");

    public override bool GetBoolean(int ordinal) => Value(ordinal, "true or false").ValueKind switch
    {
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        _ => throw Wrong(ordinal, "true or false"),
    };

    public override byte GetByte(int ordinal) => Value(ordinal, "a whole number from 0 to 255") is { ValueKind: JsonValueKind.Number } value && value.TryGetByte(out var result)
        ? result : throw Wrong(ordinal, "a whole number from 0 to 255");

    public override short GetInt16(int ordinal) => Value(ordinal, "a whole number from -32768 to 32767") is { ValueKind: JsonValueKind.Number } value && value.TryGetInt16(out var result)
        ? result : throw Wrong(ordinal, "a whole number from -32768 to 32767");

    public override int GetInt32(int ordinal)
    {
        if (_values[ordinal] is null && ordinal == _model.KeyIndex)
        {
            return 0; // No pk: the database assigns one.
        }

        return Value(ordinal, "a whole number") is { ValueKind: JsonValueKind.Number } value && value.TryGetInt32(out var result)
            ? result : throw Wrong(ordinal, "a whole number from -2147483648 to 2147483647");
    }

    public override long GetInt64(int ordinal)
    {
        if (_values[ordinal] is null && ordinal == _model.KeyIndex)
        {
            return 0;
        }

        return Value(ordinal, "a whole number") is { ValueKind: JsonValueKind.Number } value && value.TryGetInt64(out var result)
            ? result : throw Wrong(ordinal, "a whole number");
    }

    public override float GetFloat(int ordinal) => (float)GetDouble(ordinal);

    public override double GetDouble(int ordinal) => Value(ordinal, "a number") is { ValueKind: JsonValueKind.Number } value && value.TryGetDouble(out var result)
        ? result : throw Wrong(ordinal, "a number");

    /// <summary>A decimal, written as text (<c>"12.50"</c>, as Django's dumpdata does, which keeps every digit) or as a number.</summary>
    public override decimal GetDecimal(int ordinal)
    {
        var value = Value(ordinal, "a decimal number");
        return value.ValueKind switch
        {
            JsonValueKind.Number when value.TryGetDecimal(out var number) => number,
            JsonValueKind.String when decimal.TryParse(value.GetString(), NumberStyles.Number, CultureInfo.InvariantCulture, out var parsed) => parsed,
            _ => throw Wrong(ordinal, "a decimal number (\"12.50\")"),
        };
    }

    public override DateTime GetDateTime(int ordinal) =>
        DateTime.TryParse(Text(ordinal, "a date and time"), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var result)
            ? result : throw Wrong(ordinal, "a date and time (\"2026-12-07T10:30:00\")");

    public override Guid GetGuid(int ordinal)
    {
        if (_values[ordinal] is null && ordinal == _model.KeyIndex)
        {
            return Guid.Empty;
        }

        return Guid.TryParse(Text(ordinal, "a UUID"), out var result) ? result : throw Wrong(ordinal, "a UUID");
    }

    public override T GetFieldValue<T>(int ordinal)
    {
        if (typeof(T) == typeof(DateTimeOffset))
        {
            return DateTimeOffset.TryParse(Text(ordinal, "a date and time with its offset"), CultureInfo.InvariantCulture, DateTimeStyles.None, out var result)
                ? (T)(object)result : throw Wrong(ordinal, "a date and time with its offset (\"2026-12-07T10:30:00+01:00\")");
        }

        if (typeof(T) == typeof(DateOnly))
        {
            return DateOnly.TryParseExact(Text(ordinal, "a date"), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var result)
                ? (T)(object)result : throw Wrong(ordinal, "a date (\"2026-12-07\")");
        }

        if (typeof(T) == typeof(TimeOnly))
        {
            return TimeOnly.TryParse(Text(ordinal, "a time"), CultureInfo.InvariantCulture, DateTimeStyles.None, out var result)
                ? (T)(object)result : throw Wrong(ordinal, "a time (\"10:30:00\")");
        }

        if (typeof(T) == typeof(TimeSpan))
        {
            return TimeSpan.TryParseExact(Text(ordinal, "a duration"), "c", CultureInfo.InvariantCulture, out var result)
                ? (T)(object)result : throw Wrong(ordinal, "a duration (\"1.02:30:00\")");
        }

        if (typeof(T) == typeof(byte[]))
        {
            try
            {
                return (T)(object)Convert.FromBase64String(Text(ordinal, "bytes in base64"));
            }
            catch (FormatException)
            {
                throw Wrong(ordinal, "bytes in base64");
            }
        }

        throw new NotSupportedException($"A fixture can't hold a {typeof(T).Name}.");
    }

    private string Text(int ordinal, string expected) =>
        Value(ordinal, expected) is { ValueKind: JsonValueKind.String } value ? value.GetString()! : throw Wrong(ordinal, expected);

    /// <summary>The column's value; a null for a column that can't hold one is an error here rather than the database's.</summary>
    private JsonElement Value(int ordinal, string expected) =>
        _values[ordinal] is { ValueKind: not JsonValueKind.Null } value ? value : throw Wrong(ordinal, expected);

    private FixtureException Wrong(int ordinal, string expected)
    {
        var column = _model.Columns[ordinal];
        var name = ordinal == _model.KeyIndex ? "pk" : Fixture.FieldName(column);
        var got = _values[ordinal] is { } value ? Shown(value) : "nothing";
        return new FixtureException($"{Where}, field '{name}': expected {expected}, got {got}.");
    }

    internal static string Shown(JsonElement value)
    {
        var text = value.GetRawText();
        return text.Length > 60 ? text[..57] + "..." : text;
    }

    // What a row reader is asked besides values: this one is one row, already read.
    public override object this[int ordinal] => throw new NotSupportedException();

    public override object this[string name] => throw new NotSupportedException();

    public override int Depth => 0;

    public override bool HasRows => true;

    public override bool IsClosed => false;

    public override int RecordsAffected => -1;

    public override long GetBytes(int ordinal, long dataOffset, byte[]? buffer, int bufferOffset, int length) => throw new NotSupportedException();

    public override char GetChar(int ordinal) => throw new NotSupportedException();

    public override long GetChars(int ordinal, long dataOffset, char[]? buffer, int bufferOffset, int length) => throw new NotSupportedException();

    public override string GetDataTypeName(int ordinal) => throw new NotSupportedException();

    public override IEnumerator GetEnumerator() => throw new NotSupportedException();

    [return: System.Diagnostics.CodeAnalysis.DynamicallyAccessedMembers(System.Diagnostics.CodeAnalysis.DynamicallyAccessedMemberTypes.PublicFields | System.Diagnostics.CodeAnalysis.DynamicallyAccessedMemberTypes.PublicProperties)]
    public override Type GetFieldType(int ordinal) => throw new NotSupportedException();

    public override string GetName(int ordinal) => _model.Columns[ordinal].Name;

    public override int GetOrdinal(string name) => throw new NotSupportedException();

    public override object GetValue(int ordinal) => throw new NotSupportedException();

    public override int GetValues(object[] values) => throw new NotSupportedException();

    public override bool NextResult() => false;

    public override bool Read() => false;
}

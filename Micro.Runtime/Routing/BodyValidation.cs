using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.RegularExpressions;
using Micro.Forms;
using Microsoft.AspNetCore.Http;

namespace Micro.Routing;

/// <summary>A property of a JSON body that generated code checks: its C# name, its <c>[JsonPropertyName]</c> and its label.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class BodyField(string name, string? jsonName, string label)
{
    private (JsonSerializerOptions Options, string Name)? _named;

    /// <summary>The C# property name.</summary>
    public string Name { get; } = name;

    /// <summary>What <c>{0}</c> is in an annotation's own <c>ErrorMessage</c>: <c>[Display(Name)]</c>, or the property name.</summary>
    public string Label { get; } = label;

    /// <summary>The property's name in JSON under <paramref name="options"/>: its <c>[JsonPropertyName]</c>, or its name under the naming policy.</summary>
    public string JsonName(JsonSerializerOptions options)
    {
        if (jsonName is not null)
        {
            return jsonName;
        }

        if (_named is { } named && ReferenceEquals(named.Options, options))
        {
            return named.Name;
        }

        var converted = options.PropertyNamingPolicy?.ConvertName(Name) ?? Name;
        _named = (options, converted);
        return converted;
    }
}

/// <summary>
/// The errors of one JSON body, keyed as ASP.NET Core's validation keys them: the property's JSON name, with the path of
/// nested objects and list items before it (<c>items[0].name</c>). Generated code calls a check per annotation; each uses
/// the rules and messages forms use, runs only on a present value, and only while its property has no error yet.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class BodyErrors(JsonSerializerOptions options)
{
    private Dictionary<string, List<string>>? _errors;

    /// <summary>How many properties have errors.</summary>
    public int Count => _errors?.Count ?? 0;

    /// <summary>The errors by key, in the order found.</summary>
    public IReadOnlyDictionary<string, List<string>> Errors => _errors ?? s_none;

    private static readonly Dictionary<string, List<string>> s_none = new();

    /// <summary>The path of a nested object: <c>author.</c>.</summary>
    public string Member(string path, BodyField field) => Key(path, field) + ".";

    /// <summary>The path of an item of a list: <c>items[2].</c>.</summary>
    public string Item(string path, BodyField field, int index) => Key(path, field) + "[" + index.ToString(CultureInfo.InvariantCulture) + "].";

    public void Add(string key, string message)
    {
        _errors ??= new Dictionary<string, List<string>>(StringComparer.Ordinal);
        if (!_errors.TryGetValue(key, out var messages))
        {
            _errors[key] = messages = [];
        }

        messages.Add(message);
    }

    /// <summary><c>[Required]</c>: not null, and for text not empty or white space unless <c>AllowEmptyStrings</c>.</summary>
    public void Required(string path, BodyField field, object? value, bool allowEmptyStrings, string? message)
    {
        if (value is null || (!allowEmptyStrings && value is string text && string.IsNullOrWhiteSpace(text)))
        {
            Add(Key(path, field), message is null ? Forms.Messages.Required : Forms.Messages.Format(message, field.Label));
        }
    }

    public void MaxLength(string path, BodyField field, string? value, int maximum, string? message) =>
        Text(path, field, value, static (v, s) => AnnotationChecks.MaxLength(v, s.maximum, s.message, s.Label), (maximum, message, field.Label));

    public void MinLength(string path, BodyField field, string? value, int minimum, string? message) =>
        Text(path, field, value, static (v, s) => AnnotationChecks.MinLength(v, s.minimum, s.message, s.Label), (minimum, message, field.Label));

    public void StringLength(string path, BodyField field, string? value, int maximum, int minimum, string? message) =>
        Text(path, field, value, static (v, s) => AnnotationChecks.StringLength(v, s.maximum, s.minimum, s.message, s.Label), (maximum, minimum, message, field.Label));

    public void Email(string path, BodyField field, string? value, string? message) =>
        Text(path, field, value, static (v, s) => AnnotationChecks.Email(v, s.message, s.Label), (message, field.Label));

    public void Url(string path, BodyField field, string? value, string? message) =>
        Text(path, field, value, static (v, s) => AnnotationChecks.Url(v, s.message, s.Label), (message, field.Label));

    public void Pattern(string path, BodyField field, string? value, Regex regex, string? message) =>
        Text(path, field, value, static (v, s) => AnnotationChecks.Pattern(v, s.regex, s.message, s.Label), (regex, message, field.Label));

    public void Range<T>(string path, BodyField field, T? value, T minimum, T maximum, string? message)
        where T : struct, IComparable<T>
    {
        if (value is { } present)
        {
            Range(path, field, present, minimum, maximum, message);
        }
    }

    public void Range<T>(string path, BodyField field, T value, T minimum, T maximum, string? message)
        where T : struct, IComparable<T>
    {
        if (AnnotationChecks.Range(value, minimum, maximum, message, field.Label) is { } error)
        {
            AddUnlessFailed(Key(path, field), error);
        }
    }

    /// <summary>A list's <c>[MinLength]</c>: "Ensure this list has at least 1 item (it has 0)."</summary>
    public void MinCount(string path, BodyField field, System.Collections.IEnumerable? value, int minimum, string? message)
    {
        if (value is not null && ItemCount(value) is var count && count < minimum)
        {
            AddUnlessFailed(Key(path, field), message is null
                ? $"Ensure this list has at least {minimum} item{(minimum == 1 ? "" : "s")} (it has {count})."
                : Forms.Messages.Format(message, field.Label, minimum));
        }
    }

    /// <summary>A list's <c>[MaxLength]</c>: "Ensure this list has at most 3 items (it has 5)."</summary>
    public void MaxCount(string path, BodyField field, System.Collections.IEnumerable? value, int maximum, string? message)
    {
        if (value is not null && ItemCount(value) is var count && count > maximum)
        {
            AddUnlessFailed(Key(path, field), message is null
                ? $"Ensure this list has at most {maximum} item{(maximum == 1 ? "" : "s")} (it has {count})."
                : Forms.Messages.Format(message, field.Label, maximum));
        }
    }

    private static int ItemCount(System.Collections.IEnumerable value)
    {
        if (value is System.Collections.ICollection collection)
        {
            return collection.Count;
        }

        var count = 0;
        foreach (var _ in value)
        {
            count++;
        }

        return count;
    }

    /// <summary><c>[Compare]</c>: the property must equal another of the same object.</summary>
    public void Compare(string path, BodyField field, object? value, BodyField other, object? otherValue, string? message)
    {
        if (AnnotationChecks.Compare(value, otherValue, message, field.Label, other.Label) is { } error && !Has(Key(path, other)))
        {
            AddUnlessFailed(Key(path, field), error);
        }
    }

    /// <summary>Any other <see cref="ValidationAttribute"/>: its own check and message.</summary>
    public void Check(string path, BodyField field, object? value, ValidationAttribute attribute)
    {
        if (AnnotationChecks.Attribute(value, attribute, field.Label) is { } error)
        {
            AddUnlessFailed(Key(path, field), error);
        }
    }

    private void Text<TState>(string path, BodyField field, string? value, Func<string, TState, string?> check, TState state)
    {
        if (!string.IsNullOrEmpty(value) && check(value, state) is { } error)
        {
            AddUnlessFailed(Key(path, field), error);
        }
    }

    /// <summary>As Django runs a field's validators: a check after a failed one adds nothing (a malformed email is not also too long).</summary>
    private void AddUnlessFailed(string key, string error)
    {
        if (!Has(key))
        {
            Add(key, error);
        }
    }

    private bool Has(string key) => _errors?.ContainsKey(key) == true;

    private string Key(string path, BodyField field) => path.Length == 0 ? field.JsonName(options) : path + field.JsonName(options);

    /// <summary>Writes the errors as ASP.NET Core's <c>ValidationProblemDetails</c>: a 400 <c>application/problem+json</c>.</summary>
    public Task WriteAsync(HttpContext context) => ValidationProblem.WriteAsync(context, Errors, detail: null);
}

/// <summary>A 400 in the shape of ASP.NET Core's <c>ValidationProblemDetails</c>, written without reflection.</summary>
internal static class ValidationProblem
{
    public const string Title = "One or more validation errors occurred.";
    public const string Type = "https://tools.ietf.org/html/rfc9110#section-15.5.1";

    public static Task WriteAsync(HttpContext context, IReadOnlyDictionary<string, List<string>> errors, string? detail)
    {
        var response = context.Response;
        response.StatusCode = StatusCodes.Status400BadRequest;
        response.ContentType = "application/problem+json; charset=utf-8";
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            json.WriteString("type", Type);
            json.WriteString("title", Title);
            json.WriteNumber("status", StatusCodes.Status400BadRequest);
            if (detail is not null)
            {
                json.WriteString("detail", detail);
            }

            json.WriteStartObject("errors");
            foreach (var (key, messages) in errors)
            {
                json.WriteStartArray(key);
                foreach (var message in messages)
                {
                    json.WriteStringValue(message);
                }

                json.WriteEndArray();
            }

            json.WriteEndObject();
            json.WriteEndObject();
        }

        return response.Body.WriteAsync(buffer.ToArray()).AsTask();
    }
}

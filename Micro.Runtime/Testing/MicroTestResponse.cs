using System.Collections;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using Micro.Testing;
using Microsoft.AspNetCore.WebUtilities;

namespace Micro;

/// <summary>
/// A response the <see cref="MicroTestClient"/> received: its status, headers and body, the templates it rendered and the values
/// they read, and the redirects a followed request went through. The assertions are Django's <c>SimpleTestCase</c> ones; each
/// returns the response, so they chain, and throws <see cref="AssertionFailedException"/> with the request and what differed.
/// </summary>
public sealed class MicroTestResponse
{
    private const int ShownCharacters = 1000;

    private readonly MicroTestClient _client;
    private readonly IReadOnlyList<RenderedTemplate> _templates;
    private string? _text;

    internal MicroTestResponse(
        MicroTestClient client,
        string method,
        string url,
        int statusCode,
        string reasonPhrase,
        IReadOnlyDictionary<string, IReadOnlyList<string>> headers,
        byte[] content,
        IReadOnlyList<RenderedTemplate> templates)
    {
        _client = client;
        Method = method;
        Url = url;
        StatusCode = statusCode;
        ReasonPhrase = reasonPhrase;
        Headers = headers;
        Content = content;
        _templates = templates;
    }

    /// <summary>The method of the request that got this response (the last one, after redirects).</summary>
    public string Method { get; }

    /// <summary>The URL of the request that got this response (the last one, after redirects).</summary>
    public string Url { get; }

    public int StatusCode { get; }

    public string ReasonPhrase { get; }

    /// <summary>The response's headers and its content's, by name, ignoring case.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Headers { get; }

    /// <summary>The body as bytes.</summary>
    public byte[] Content { get; }

    /// <summary>The body as text (UTF-8).</summary>
    public string Text => _text ??= Encoding.UTF8.GetString(Content);

    /// <summary>The <c>Content-Type</c> header, if any.</summary>
    public string? ContentType => Header("Content-Type");

    /// <summary>The <c>Location</c> header, if any.</summary>
    public string? Location => Header("Location");

    /// <summary>The names of the templates rendered for the request, in order: the page, the one it extends, its includes.</summary>
    public IReadOnlyList<string> Templates => [.. _templates.Select(static t => t.Name)];

    /// <summary>The redirects a request sent with <c>follow: true</c> went through, first to last; empty otherwise.</summary>
    public IReadOnlyList<RedirectHop> RedirectChain { get; internal set; } = [];

    internal bool IsRedirect => StatusCode is >= 300 and < 400 && Location is not null;

    internal bool IsHtml => ContentType?.StartsWith("text/html", StringComparison.OrdinalIgnoreCase) == true;

    /// <summary>The first value of header <paramref name="name"/>, or null.</summary>
    public string? Header(string name) => Headers.TryGetValue(name, out var values) && values.Count > 0 ? values[0] : null;

    /// <summary>A value a rendered template could read (<c>{{ title }}</c>), as Django's <c>response.context["title"]</c>.</summary>
    public bool TryGetContextValue(string name, out object? value)
    {
        foreach (var template in _templates)
        {
            if (template.TryGetValue(name, out value))
            {
                return true;
            }
        }

        value = null;
        return false;
    }

    /// <summary>The body read as JSON into <typeparamref name="T"/> with the app's JSON metadata (the types its routes read and write).</summary>
    public T? Json<T>() => JsonSerializer.Deserialize(Content, _client.JsonTypeInfo<T>());

    /// <summary>The status is <paramref name="statusCode"/>.</summary>
    public MicroTestResponse AssertStatus(int statusCode, [CallerFilePath] string filePath = "", [CallerLineNumber] int line = 0)
    {
        if (StatusCode != statusCode)
        {
            Fail($"Response code was {Status(StatusCode)} (expected {Status(statusCode)}) for {Request}.{Body()}", filePath, line);
        }

        return this;
    }

    /// <summary>
    /// The response redirected to <paramref name="expectedUrl"/> with <paramref name="statusCode"/>, as Django's <c>assertRedirects</c>.
    /// For a followed request, the first redirect is checked and the page it ended on must have <paramref name="targetStatusCode"/>.
    /// A URL on the app's own host compares as its path.
    /// </summary>
    public MicroTestResponse AssertRedirects(string expectedUrl, int statusCode = 302, int targetStatusCode = 200, [CallerFilePath] string filePath = "", [CallerLineNumber] int line = 0)
    {
        ArgumentNullException.ThrowIfNull(expectedUrl);
        if (RedirectChain.Count > 0)
        {
            var first = RedirectChain[0];
            if (first.StatusCode != statusCode)
            {
                Fail($"Initial response didn't redirect as expected: response code was {Status(first.StatusCode)} (expected {Status(statusCode)}).", filePath, line);
            }

            var last = RedirectChain[^1].Url;
            if (Normalize(last) != Normalize(expectedUrl))
            {
                Fail($"Response redirected to '{last}', expected '{expectedUrl}' (redirects: {string.Join(" -> ", RedirectChain.Select(static h => h.Url))}).", filePath, line);
            }

            if (StatusCode != targetStatusCode)
            {
                Fail($"Couldn't retrieve redirection page '{last}': response code was {Status(StatusCode)} (expected {Status(targetStatusCode)}).{Body()}", filePath, line);
            }

            return this;
        }

        if (StatusCode != statusCode)
        {
            Fail($"Response didn't redirect as expected: response code was {Status(StatusCode)} (expected {Status(statusCode)}) for {Request}.{Body()}", filePath, line);
        }

        if (Location is not { } location)
        {
            Fail($"Response to {Request} has status {StatusCode} but no Location header.", filePath, line);
        }
        else if (Normalize(location) != Normalize(expectedUrl))
        {
            Fail($"Response redirected to '{location}', expected '{expectedUrl}' (for {Request}).", filePath, line);
        }

        return this;
    }

    /// <summary>
    /// The response has <paramref name="statusCode"/> and its body contains <paramref name="text"/> (exactly <paramref name="count"/>
    /// times when given), as Django's <c>assertContains</c>. With <paramref name="html"/>, both are compared as HTML: attribute order,
    /// quoting and whitespace don't matter, and elements match whole.
    /// </summary>
    public MicroTestResponse AssertContains(string text, int? count = null, int statusCode = 200, bool html = false, [CallerFilePath] string filePath = "", [CallerLineNumber] int line = 0)
    {
        ArgumentNullException.ThrowIfNull(text);
        var found = Count(text, html, filePath, line);
        if (count is { } expected)
        {
            if (found != expected)
            {
                Fail($"Found {found} instance{(found == 1 ? "" : "s")} of '{text}' in the response to {Request} (expected {expected}).{Body()}", filePath, line);
            }
        }
        else if (found == 0)
        {
            Fail($"Couldn't find '{text}' in the response to {Request}.{Body()}", filePath, line);
        }

        return this;

        int Count(string needle, bool asHtml, string file, int at)
        {
            if (StatusCode != statusCode)
            {
                Fail($"Couldn't retrieve content: response code was {Status(StatusCode)} (expected {Status(statusCode)}) for {Request}.{Body()}", file, at);
            }

            return asHtml ? HtmlCount(needle, file, at) : HtmlNode.Occurrences(Text, needle);
        }
    }

    /// <summary>The response has <paramref name="statusCode"/> and its body doesn't contain <paramref name="text"/>, as Django's <c>assertNotContains</c>.</summary>
    public MicroTestResponse AssertNotContains(string text, int statusCode = 200, bool html = false, [CallerFilePath] string filePath = "", [CallerLineNumber] int line = 0)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (StatusCode != statusCode)
        {
            Fail($"Couldn't retrieve content: response code was {Status(StatusCode)} (expected {Status(statusCode)}) for {Request}.{Body()}", filePath, line);
        }

        var found = html ? HtmlCount(text, filePath, line) : HtmlNode.Occurrences(Text, text);
        if (found > 0)
        {
            Fail($"'{text}' unexpectedly found in the response to {Request}.{Body()}", filePath, line);
        }

        return this;
    }

    /// <summary>Template <paramref name="templateName"/> rendered the response (or a part of it: a parent, an include), <paramref name="count"/> times when given.</summary>
    public MicroTestResponse AssertTemplateUsed(string templateName, int? count = null, [CallerFilePath] string filePath = "", [CallerLineNumber] int line = 0)
    {
        ArgumentNullException.ThrowIfNull(templateName);
        var used = _templates.Count(t => t.Name == templateName);
        if (_templates.Count == 0)
        {
            Fail($"No templates used to render the response to {Request} (expected '{templateName}').", filePath, line);
        }

        if (count is { } expected ? used != expected : used == 0)
        {
            var times = count is null ? "" : $" {count} time(s) (used {used})";
            Fail($"Template '{templateName}' was not a template used to render the response to {Request}{times}. Actual template(s) used: {string.Join(", ", Templates)}.", filePath, line);
        }

        return this;
    }

    /// <summary>Template <paramref name="templateName"/> did not render any part of the response.</summary>
    public MicroTestResponse AssertTemplateNotUsed(string templateName, [CallerFilePath] string filePath = "", [CallerLineNumber] int line = 0)
    {
        ArgumentNullException.ThrowIfNull(templateName);
        if (_templates.Any(t => t.Name == templateName))
        {
            Fail($"Template '{templateName}' was used unexpectedly in rendering the response to {Request}.", filePath, line);
        }

        return this;
    }

    /// <summary>
    /// A rendered template could read <paramref name="name"/> and its value equals <paramref name="expected"/> (lists item by item;
    /// numbers by value), as Django's <c>response.context[name]</c>.
    /// </summary>
    public MicroTestResponse AssertContext(string name, object? expected, [CallerFilePath] string filePath = "", [CallerLineNumber] int line = 0)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (_templates.Count == 0)
        {
            Fail($"No templates used to render the response to {Request}, so it has no context value '{name}'.", filePath, line);
        }

        if (!TryGetContextValue(name, out var actual))
        {
            Fail($"The templates of the response to {Request} ({string.Join(", ", Templates)}) had no context value '{name}'.", filePath, line);
        }
        else if (!ValuesEqual(actual, expected))
        {
            Fail($"Context value '{name}' of the response to {Request} was {Show(actual)} (expected {Show(expected)}).", filePath, line);
        }

        return this;
    }

    /// <summary>The body is JSON equal to <paramref name="expectedJson"/>: the same values, members in any order, as Django's <c>assertJSONEqual</c>.</summary>
    public MicroTestResponse AssertJson(string expectedJson, [CallerFilePath] string filePath = "", [CallerLineNumber] int line = 0)
    {
        ArgumentNullException.ThrowIfNull(expectedJson);
        JsonElement expected;
        try
        {
            expected = JsonDocument.Parse(expectedJson).RootElement;
        }
        catch (JsonException exception)
        {
            throw new ArgumentException($"The expected JSON is not valid JSON: {exception.Message}", nameof(expectedJson), exception);
        }

        JsonElement actual;
        try
        {
            actual = JsonDocument.Parse(Content).RootElement;
        }
        catch (JsonException exception)
        {
            Fail($"The response to {Request} is not JSON ({exception.Message}).{Body()}", filePath, line);
            return this;
        }

        if (JsonDifference(actual, expected, "$") is { } difference)
        {
            Fail($"The JSON of the response to {Request} differs at {difference}.\nActual:   {actual.GetRawText()}\nExpected: {expected.GetRawText()}", filePath, line);
        }

        return this;
    }

    /// <summary>The body is JSON equal to <paramref name="expected"/> written with the app's JSON metadata.</summary>
    public MicroTestResponse AssertJson<T>(T expected, [CallerFilePath] string filePath = "", [CallerLineNumber] int line = 0) =>
        AssertJson(JsonSerializer.Serialize(expected, _client.JsonTypeInfo<T>()), filePath, line);

    /// <summary>Header <paramref name="name"/> has the value <paramref name="expected"/> (null: the response hasn't it).</summary>
    public MicroTestResponse AssertHeader(string name, string? expected, [CallerFilePath] string filePath = "", [CallerLineNumber] int line = 0)
    {
        ArgumentNullException.ThrowIfNull(name);
        var actual = Headers.TryGetValue(name, out var values) ? string.Join(", ", values) : null;
        if (actual != expected)
        {
            Fail($"Header '{name}' of the response to {Request} was {Show(actual)} (expected {Show(expected)}).", filePath, line);
        }

        return this;
    }

    public override string ToString() => $"{Status(StatusCode)} for {Request}";

    private string Request => $"{Method} {Url}";

    [System.Diagnostics.CodeAnalysis.DoesNotReturn]
    private static void Fail(string message, string filePath, int line) => throw new AssertionFailedException(message, filePath, line);

    private static string Status(int code) =>
        ReasonPhrases.GetReasonPhrase(code) is { Length: > 0 } reason ? $"{code} {reason}" : code.ToString(CultureInfo.InvariantCulture);

    /// <summary>The start of the body, for a failure message.</summary>
    private string Body()
    {
        if (Content.Length == 0)
        {
            return " The body is empty.";
        }

        var text = Text.Length > ShownCharacters ? Text[..ShownCharacters] + "..." : Text;
        return $"\nThe body ({ContentType ?? "no content type"}):\n{text}";
    }

    private string Normalize(string url)
    {
        // A URL of the app itself is compared by its path and query, as Django compares against the test server.
        if (Uri.TryCreate(url, UriKind.Absolute, out var absolute) && absolute.Authority == _client.BaseAddress.Authority)
        {
            return absolute.PathAndQuery;
        }

        return url;
    }

    private int HtmlCount(string needle, string filePath, int line)
    {
        HtmlNode.Element document;
        try
        {
            document = HtmlNode.Parse(Text);
        }
        catch (FormatException exception)
        {
            Fail($"The response to {Request} is not valid HTML: {exception.Message}", filePath, line);
            return 0;
        }

        HtmlNode.Element expected;
        try
        {
            expected = HtmlNode.Parse(needle);
        }
        catch (FormatException exception)
        {
            throw new ArgumentException($"The expected text is not valid HTML: {exception.Message}", nameof(needle), exception);
        }

        return document.Count(expected);
    }

    private static bool ValuesEqual(object? actual, object? expected)
    {
        if (Equals(actual, expected))
        {
            return true;
        }

        if (IsNumber(actual) && IsNumber(expected))
        {
            return Convert.ToDecimal(actual, CultureInfo.InvariantCulture) == Convert.ToDecimal(expected, CultureInfo.InvariantCulture);
        }

        if (actual is IEnumerable actualItems and not string && expected is IEnumerable expectedItems and not string)
        {
            var left = actualItems.Cast<object?>().ToList();
            var right = expectedItems.Cast<object?>().ToList();
            return left.Count == right.Count && left.Zip(right).All(static pair => ValuesEqual(pair.First, pair.Second));
        }

        return actual is SafeString safe && expected is string plain && safe.Value == plain;
    }

    private static bool IsNumber(object? value) => value is byte or sbyte or short or ushort or int or uint or long or ulong or float or double or decimal;

    private static string Show(object? value) => value switch
    {
        null => "null",
        string text => "\"" + text + "\"",
        IEnumerable items => "[" + string.Join(", ", items.Cast<object?>().Select(Show)) + "]",
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? value.GetType().Name,
    };

    /// <summary>Where two JSON values first differ, as a path and both values; null when they are equal.</summary>
    private static string? JsonDifference(JsonElement actual, JsonElement expected, string path)
    {
        if (actual.ValueKind != expected.ValueKind)
        {
            return $"{path}: {actual.GetRawText()} (expected {expected.GetRawText()})";
        }

        switch (actual.ValueKind)
        {
            case JsonValueKind.Object:
                var actualMembers = actual.EnumerateObject().ToDictionary(static p => p.Name, static p => p.Value, StringComparer.Ordinal);
                var expectedMembers = expected.EnumerateObject().ToDictionary(static p => p.Name, static p => p.Value, StringComparer.Ordinal);
                foreach (var (name, value) in expectedMembers)
                {
                    if (!actualMembers.TryGetValue(name, out var other))
                    {
                        return $"{path}.{name}: missing (expected {value.GetRawText()})";
                    }

                    if (JsonDifference(other, value, path + "." + name) is { } inner)
                    {
                        return inner;
                    }
                }

                var extra = actualMembers.Keys.FirstOrDefault(name => !expectedMembers.ContainsKey(name));
                return extra is null ? null : $"{path}.{extra}: {actualMembers[extra].GetRawText()} (not expected)";
            case JsonValueKind.Array:
                var actualItems = actual.EnumerateArray().ToList();
                var expectedItems = expected.EnumerateArray().ToList();
                for (var i = 0; i < Math.Min(actualItems.Count, expectedItems.Count); i++)
                {
                    if (JsonDifference(actualItems[i], expectedItems[i], $"{path}[{i.ToString(CultureInfo.InvariantCulture)}]") is { } inner)
                    {
                        return inner;
                    }
                }

                return actualItems.Count == expectedItems.Count
                    ? null
                    : $"{path}: {actualItems.Count} items (expected {expectedItems.Count})";
            default:
                return JsonElement.DeepEquals(actual, expected) ? null : $"{path}: {actual.GetRawText()} (expected {expected.GetRawText()})";
        }
    }
}

using System.ComponentModel;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Micro.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace Micro.Routing;

/// <summary>
/// Helpers the generated request delegates call to read parameters and refuse bad input. A client's
/// mistake becomes a 4xx whose message says which parameter and why; it never reaches the handler.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class RequestBinding
{
    /// <summary>Ends the request with a client error. The error pages render the message; without them it is written as text.</summary>
    public static Task Fail(HttpContext context, int statusCode, string? message)
    {
        context.Response.StatusCode = statusCode;
        if (context.Features.Get<ErrorPagesFeature>() is not null)
        {
            ErrorPagesMiddleware.SetMessage(context, message);
            return Task.CompletedTask;
        }

        if (message is null)
        {
            return Task.CompletedTask;
        }

        context.Response.ContentType = "text/plain; charset=utf-8";
        return context.Response.WriteAsync(message);
    }

    /// <summary>A route value that its parameter's type can't hold: the URL doesn't name anything, as in Django.</summary>
    public static Task NotFound(HttpContext context) => Fail(context, StatusCodes.Status404NotFound, null);

    public static Task Missing(HttpContext context, string source, string name, string expected) =>
        Fail(context, StatusCodes.Status400BadRequest, $"The {source} parameter '{name}' is required ({expected}).");

    public static Task Invalid(HttpContext context, string source, string name, string? value, string expected) =>
        Fail(context, StatusCodes.Status400BadRequest, $"The {source} parameter '{name}' must be {expected}; '{value}' is not.");

    /// <summary>The first value of a query string key, or null when the key is absent.</summary>
    public static string? Query(HttpContext context, string key) =>
        context.Request.Query.TryGetValue(key, out var values) && values.Count > 0 ? values[0] : null;

    public static string? Header(HttpContext context, string name) =>
        context.Request.Headers.TryGetValue(name, out var values) && values.Count > 0 ? values.ToString() : null;

    /// <summary>Reads the form, or fails the request (415 for another content type, 400 for a malformed body) and returns null.</summary>
    public static async ValueTask<IFormCollection?> ReadFormAsync(HttpContext context, string parameter)
    {
        var request = context.Request;
        if (!request.HasFormContentType)
        {
            await Fail(context, StatusCodes.Status415UnsupportedMediaType,
                $"The form parameter '{parameter}' needs a form body (application/x-www-form-urlencoded or multipart/form-data), not '{request.ContentType ?? "no body"}'.");
            return null;
        }

        try
        {
            return await request.ReadFormAsync(context.RequestAborted);
        }
        catch (Exception exception) when (FormFailure(exception) is { } failure)
        {
            await Fail(context, failure.Status, failure.Message);
            return null;
        }
    }

    /// <summary>
    /// What a form body that ASP.NET Core refused to read says to the client: 413 for one over FormOptions' or Kestrel's limits,
    /// 408 for one that stopped arriving, 400 for a malformed one; null for an exception reading a form doesn't throw.
    /// </summary>
    internal static (int Status, string Message)? FormFailure(Exception exception) => exception switch
    {
        BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } => (StatusCodes.Status413PayloadTooLarge, $"The form body is too large: {exception.Message}"),
        // Kestrel's minimum body data rate: the client stopped sending the body it announced.
        BadHttpRequestException { StatusCode: StatusCodes.Status408RequestTimeout } => (StatusCodes.Status408RequestTimeout, $"The form body did not arrive in time: {exception.Message}"),
        // FormOptions' limits: too many fields, a key, a value or a multipart body too long.
        InvalidDataException invalid when IsFormLimit(invalid) => (StatusCodes.Status413PayloadTooLarge, $"The form body is too large: {exception.Message}"),
        InvalidDataException or BadHttpRequestException or IOException => (StatusCodes.Status400BadRequest, $"The form body is malformed: {exception.Message}"),
        _ => null,
    };

    /// <summary>
    /// When the app read the form itself (<c>Request.Form</c>, <c>ReadFormAsync</c>) and ASP.NET Core refused the body, what
    /// to answer instead of a server error: 415 for a request whose body isn't a form (Django's <c>request.POST</c> would be
    /// empty), else as <see cref="FormFailure"/>; 415 too when it read JSON (<c>ReadFromJsonAsync</c>) from a body of another
    /// type. Null when <paramref name="exception"/> didn't come from reading the body.
    /// </summary>
    internal static async ValueTask<(int Status, string Message)?> AppBodyFailureAsync(HttpContext context, Exception exception)
    {
        var request = context.Request;
        // A GET that reads a body is the page's own mistake: a 500.
        var sent = !HttpMethods.IsGet(request.Method) && !HttpMethods.IsHead(request.Method);
        if (exception is InvalidOperationException && sent && !request.HasJsonContentType()
            && Refusal(() => request.ReadFromJsonAsync(CacheJson.Default.String).AsTask().GetAwaiter().GetResult()) == exception.Message)
        {
            // The page read a JSON body with ASP.NET Core's ReadFromJsonAsync, which refuses another content type before reading
            // anything (so the type asked for here is any one).
            return (StatusCodes.Status415UnsupportedMediaType, $"This page reads a JSON body (Content-Type: application/json), not '{request.ContentType ?? "no body"}'.");
        }

        if (exception is not (InvalidDataException or InvalidOperationException or IOException)
            || context.Features.Get<IFormFeature>() is not { Form: null } form)
        {
            return null;
        }

        if (!form.HasFormContentType)
        {
            // A body of another type: the form feature refuses it with the same message every time (one for Request.Form, one
            // for ReadFormAsync), which tells its refusal from the page's own.
            return exception is InvalidOperationException && sent
                && (Refusal(() => form.ReadForm()) == exception.Message || Refusal(() => form.ReadFormAsync(CancellationToken.None).GetAwaiter().GetResult()) == exception.Message)
                ? (StatusCodes.Status415UnsupportedMediaType, $"This page reads a form body (application/x-www-form-urlencoded or multipart/form-data), not '{request.ContentType ?? "no body"}'.")
                : null;
        }

        // A form that fails to read throws one of these; the form feature keeps the outcome of its one read, so reading again
        // throws the same exception when the form is what failed.
        if (exception is not (InvalidDataException or IOException))
        {
            return null;
        }

        try
        {
            await form.ReadFormAsync(context.RequestAborted);
            return null;
        }
        catch (Exception again) when (ReferenceEquals(again, exception))
        {
            return FormFailure(exception);
        }
        catch (Exception)
        {
            return null;
        }
    }

    /// <summary>The message of the <see cref="InvalidOperationException"/> <paramref name="read"/> throws (it throws before reading any body).</summary>
    private static string? Refusal(Action read)
    {
        try
        {
            read();
            return null;
        }
        catch (InvalidOperationException refused)
        {
            return refused.Message;
        }
    }

    // The messages of FormReader's and MultipartReader's limits: "Form value count limit 1024 exceeded.", "Multipart body length limit 16384 exceeded."
    private static bool IsFormLimit(InvalidDataException exception) =>
        exception.Message.Contains(" limit ", StringComparison.Ordinal) && exception.Message.EndsWith(" exceeded.", StringComparison.Ordinal);

    /// <summary>Reads a JSON body with generated metadata, or fails the request and returns <c>Ok = false</c>.</summary>
    public static async ValueTask<(bool Ok, T? Value)> ReadJsonAsync<T>(HttpContext context, JsonTypeInfo<T> typeInfo, string parameter, bool optional)
    {
        var request = context.Request;
        var hasBody = request.ContentLength is > 0 || (request.ContentLength is null && request.Headers.TransferEncoding.Count > 0);
        if (!hasBody)
        {
            if (optional)
            {
                return (true, default);
            }

            await Fail(context, StatusCodes.Status400BadRequest, $"The body parameter '{parameter}' is required: send it as a JSON request body.");
            return (false, default);
        }

        if (!request.HasJsonContentType())
        {
            await Fail(context, StatusCodes.Status415UnsupportedMediaType,
                $"The body parameter '{parameter}' needs a JSON body (Content-Type: application/json), not '{request.ContentType ?? "none"}'.");
            return (false, default);
        }

        if (UnknownCharset(request) is { } charset)
        {
            await Fail(context, StatusCodes.Status415UnsupportedMediaType,
                $"The body parameter '{parameter}' needs a JSON body in a known encoding; charset '{charset}' is not one (send UTF-8).");
            return (false, default);
        }

        try
        {
            var value = await request.ReadFromJsonAsync(ForBodies(typeInfo), context.RequestAborted);
            if (value is null && !optional)
            {
                await Fail(context, StatusCodes.Status400BadRequest, $"The body parameter '{parameter}' is required, but the JSON body is null.");
                return (false, default);
            }

            return (true, value);
        }
        catch (JsonException exception)
        {
            await ValidationProblem.WriteAsync(context, JsonErrors(exception), $"The JSON body for parameter '{parameter}' is invalid: {exception.Message}");
            return (false, default);
        }
        catch (IOException exception) when (exception is not BadHttpRequestException && !context.RequestAborted.IsCancellationRequested)
        {
            // Kestrel refused the body on the way in: a chunk size too large to read ("Bad chunk size data"). A BadHttpRequestException
            // (a body too large, or one that stopped coming) goes on to the error pages, which answer with its status.
            await Fail(context, StatusCodes.Status400BadRequest, $"The body of parameter '{parameter}' can't be read: {exception.Message}");
            return (false, default);
        }
        catch (NotSupportedException exception)
        {
            // The JSON names no type that can be created: an interface or abstract type without its type discriminator.
            var errors = new Dictionary<string, List<string>> { ["$"] = [exception.Message] };
            await ValidationProblem.WriteAsync(context, errors, $"The JSON body for parameter '{parameter}' can't be read: {exception.Message}");
            return (false, default);
        }
    }

    /// <summary>
    /// A body System.Text.Json refused, as validation errors keyed by where in the JSON (<c>items[0].name</c>; <c>$</c> for
    /// the body itself): each missing required property, a null where none is allowed, a value of the wrong type.
    /// </summary>
    private static Dictionary<string, List<string>> JsonErrors(JsonException exception)
    {
        var path = exception.Path ?? "$";
        var prefix = path == "$" ? "" : path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] + "." : path + ".";
        var key = path == "$" ? "$" : path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path;
        var message = exception.Message;
        var errors = new Dictionary<string, List<string>>(StringComparer.Ordinal);

        // "JSON deserialization for type 'X' was missing required properties including: 'a', 'b'."
        const string missing = "missing required properties including: ";
        var at = message.IndexOf(missing, StringComparison.Ordinal);
        if (at >= 0)
        {
            foreach (var name in message[(at + missing.Length)..].TrimEnd('.').Split(", "))
            {
                errors[prefix + name.Trim('\'')] = [Forms.Messages.Required];
            }

            return errors;
        }

        if (message.Contains("doesn't allow setting null values", StringComparison.Ordinal) || message.Contains("doesn't allow null values", StringComparison.Ordinal))
        {
            errors[key] = [NotNull];
            return errors;
        }

        // "The JSON value could not be converted to System.Int32. Path: $.quantity | LineNumber: 0 | BytePositionInLine: 30."
        var location = message.IndexOf(" Path: ", StringComparison.Ordinal);
        errors[key] = [location > 0 ? message[..location] : message];
        return errors;
    }

    /// <summary>Django REST framework's message for a null where the field doesn't allow one.</summary>
    internal const string NotNull = "This field may not be null.";

    /// <summary>
    /// <paramref name="typeInfo"/> under options that read a body strictly: a constructor parameter the JSON leaves out
    /// (unless it has a default or is nullable), or a null where the type says null can't be, is an error naming the
    /// property, rather than a default value that fails later (in the database, as a 500). Responses are still written with
    /// the app's options as they are.
    /// </summary>
    private static JsonTypeInfo<T> ForBodies<T>(JsonTypeInfo<T> typeInfo)
    {
        var strict = s_bodyOptions.GetValue(typeInfo.Options, static options => new JsonSerializerOptions(options)
        {
            RespectNullableAnnotations = true,
            TypeInfoResolver = options.TypeInfoResolver?.WithAddedModifier(RequireParametersWithoutDefaults),
        });
        return (JsonTypeInfo<T>)strict.GetTypeInfo(typeof(T));
    }

    // System.Text.Json's RespectRequiredConstructorParameters also requires nullable ones, an API's optional values. A
    // get-only property set only through the constructor can't be marked required without it, so it is left as it is.
    private static void RequireParametersWithoutDefaults(JsonTypeInfo typeInfo)
    {
        if (typeInfo.Kind != JsonTypeInfoKind.Object)
        {
            return;
        }

        foreach (var property in typeInfo.Properties)
        {
            if (property is { AssociatedParameter: { HasDefaultValue: false, IsNullable: false, IsMemberInitializer: false }, Set: not null })
            {
                property.IsRequired = true;
            }
        }
    }

    private static readonly ConditionalWeakTable<JsonSerializerOptions, JsonSerializerOptions> s_bodyOptions = new();

    /// <summary>The Content-Type's charset when .NET has no encoding of that name (reading the body would throw), else null.</summary>
    private static string? UnknownCharset(HttpRequest request)
    {
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var mediaType) || mediaType.Charset is not { HasValue: true } charset)
        {
            return null;
        }

        // As ASP.NET Core's JSON reader looks it up: by the name as sent.
        try
        {
            _ = Encoding.GetEncoding(charset.Value!);
            return null;
        }
        catch (Exception exception) when (exception is ArgumentException or NotSupportedException)
        {
            // Unknown, or known and refused (UTF-7 is disabled in .NET).
            return charset.Value;
        }
    }

    /// <summary>The error an <see cref="ErrorHandlerAttribute"/> method is handling.</summary>
    public static ErrorInfo Error(HttpContext context) =>
        context.Features.Get<ErrorInfo>() ?? new ErrorInfo(context.Response.StatusCode, null, null);

    /// <summary>Whether a parameter type without a binding attribute is a registered service (else it is read from the body).</summary>
    public static bool IsService(IServiceProvider services, Type type) =>
        services.GetService<IServiceProviderIsService>()?.IsService(type) ?? false;

    /// <summary>The metadata System.Text.Json uses for <typeparamref name="T"/> under the app's JSON options.</summary>
    public static JsonTypeInfo<T> JsonTypeInfo<T>(IServiceProvider services) =>
        ResponseWriter.TypeInfo<T>(services.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions);
}

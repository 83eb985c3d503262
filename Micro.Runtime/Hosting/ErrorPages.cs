using System.Data.Common;
using System.Net;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Micro.Data;
using Micro.Routing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace Micro.Hosting;

/// <summary>
/// Set on requests that pass through <see cref="ErrorPagesMiddleware"/>, so that a failing binder leaves the page to it: the
/// shared <see cref="Present"/> on every request (nothing allocated), replaced by one with the page's message when something fails.
/// </summary>
internal sealed class ErrorPagesFeature(string? message)
{
    public static readonly ErrorPagesFeature Present = new(null);

    /// <summary>The message the error page shows, when the failure has one for the client.</summary>
    public string? Message { get; } = message;
}

/// <summary>
/// Turns unhandled exceptions and empty error responses into pages: the app's
/// <see cref="ErrorHandlerAttribute"/> method for the status if it has one, otherwise a detailed page
/// in Development and a plain, safe one in Production (JSON problem details for JSON clients).
/// </summary>
internal sealed class ErrorPagesMiddleware(
    RequestDelegate next,
    MountedRouteTables mounted,
    IOptions<MicroOptions> options,
    IWebHostEnvironment environment,
    ILogger<ErrorPagesMiddleware> logger)
{
    private readonly bool _detailed = options.Value.DetailedErrors ?? environment.IsDevelopment();

    public async Task InvokeAsync(HttpContext context)
    {
        context.Features.Set(ErrorPagesFeature.Present);
        Exception? unhandled = null;
        try
        {
            await next(context);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            return;
        }
        catch (BadHttpRequestException exception) when (!context.Response.HasStarted)
        {
            ResetForError(context.Response, exception.StatusCode);
            SetMessage(context, exception.Message);
        }
        catch (NotFoundException exception) when (!context.Response.HasStarted)
        {
            // Django's Http404: a page, not a server error; its message is a detail shown in Development only.
            ResetForError(context.Response, StatusCodes.Status404NotFound);
            SetMessage(context, _detailed ? exception.Message : null);
        }
        catch (Exception exception) when ((exception is ValueTooLongException or UnstorableValueException) && !context.Response.HasStarted)
        {
            // Too long for its column, or text the database can't store (a NUL on PostgreSQL): the client's input, said to it.
            logger.LogWarning(exception, "A value its column can't hold in {Method} {Path}", context.Request.Method, context.Request.Path.Value);
            ResetForError(context.Response, StatusCodes.Status400BadRequest);
            SetMessage(context, exception.Message);
        }
        catch (DbException exception) when (!context.Response.HasStarted && RefusedWrite(context, exception) is ({ } status, { } message))
        {
            // A write the database refused (a taken unique value, a reference to no row): the request's fault, said to it.
            logger.LogWarning(exception, "The database refused a write in {Method} {Path}", context.Request.Method, context.Request.Path.Value);
            ResetForError(context.Response, status);
            SetMessage(context, message);
        }
        catch (Exception exception) when (!context.Response.HasStarted)
        {
            if (await RequestBinding.AppBodyFailureAsync(context, exception) is ({ } status, { } message))
            {
                // The page read the body with ASP.NET Core's API, which refused the client's: the request's fault, said to it.
                logger.LogWarning(exception, "A request body refused in {Method} {Path}", context.Request.Method, context.Request.Path.Value);
                ResetForError(context.Response, status);
                SetMessage(context, message);
            }
            else
            {
                logger.LogError(exception, "Unhandled exception in {Method} {Path}", context.Request.Method, context.Request.Path.Value);
                ResetForError(context.Response, StatusCodes.Status500InternalServerError);
                unhandled = exception;
                if (!_detailed)
                {
                    // Django's ADMINS: with DEBUG off, the people who can fix it hear of it.
                    await Mail.ErrorReports.SendAsync(context, exception, logger);
                }
            }
        }

        var response = context.Response;
        if (response.HasStarted || response.StatusCode < 400 || response.ContentLength > 0 || response.ContentType is not null)
        {
            return;
        }

        await RenderAsync(context, new ErrorInfo(response.StatusCode, context.Features.Get<ErrorPagesFeature>()?.Message, unhandled));
    }

    /// <summary>The message of the page this request fails with (a binder's, or the exception's the page may show).</summary>
    internal static void SetMessage(HttpContext context, string? message) => context.Features.Set(new ErrorPagesFeature(message));

    /// <summary>409 for a unique value that is taken, 400 for a reference to a row that doesn't exist; null for other failures.</summary>
    private static (int? Status, string? Message) RefusedWrite(HttpContext context, DbException exception)
    {
        if (context.RequestServices.GetService<IDatabaseProvider>()?.Dialect is not { } dialect)
        {
            return default;
        }

        if (dialect.UniqueViolation(exception) is { Count: > 0 } columns)
        {
            return (StatusCodes.Status409Conflict, $"A row with the same {string.Join(", ", columns)} already exists.");
        }

        return dialect.IsForeignKeyViolation(exception)
            ? (StatusCodes.Status400BadRequest, "A value refers to a row that doesn't exist.")
            : default;
    }

    /// <summary>
    /// Readies a response that failed before it started for the error page. Unlike <c>Response.Clear()</c>, it keeps the
    /// headers the app's middleware set (security headers, cookies, its own): only what described the body that failed
    /// goes, so that the page is never cached as that body would have been nor redirected.
    /// </summary>
    private static void ResetForError(HttpResponse response, int statusCode)
    {
        foreach (var name in s_headersOfTheFailedBody)
        {
            response.Headers.Remove(name);
        }

        if (response.HttpContext.Features.Get<IHttpResponseFeature>() is { } feature)
        {
            feature.ReasonPhrase = null;
        }

        if (response.Body.CanSeek)
        {
            response.Body.SetLength(0);
        }

        response.StatusCode = statusCode;
    }

    private static readonly string[] s_headersOfTheFailedBody =
    [
        HeaderNames.ContentType, HeaderNames.ContentLength, HeaderNames.ContentEncoding, HeaderNames.ContentLanguage,
        HeaderNames.ContentRange, HeaderNames.ContentDisposition, HeaderNames.ContentLocation, HeaderNames.ETag,
        HeaderNames.LastModified, HeaderNames.Location, HeaderNames.CacheControl, HeaderNames.Expires, HeaderNames.AcceptRanges,
    ];

    private async Task RenderAsync(HttpContext context, ErrorInfo error)
    {
        // As Django with DEBUG on: an exception shows the technical 500 page and a 404 the technical 404 page
        // (the URL patterns tried), never the app's handlers for them.
        var showTechnicalPage = _detailed && (error.Exception is not null || error.StatusCode == StatusCodes.Status404NotFound);
        if (!showTechnicalPage && mounted.HandlerFor(error.StatusCode) is { } handler)
        {
            context.Features.Set(error);
            try
            {
                await handler(context);
                return;
            }
            catch (Exception exception) when (!context.Response.HasStarted)
            {
                logger.LogError(exception, "The error handler for status {Status} failed", error.StatusCode);
                ResetForError(context.Response, error.StatusCode);
            }
        }

        await WriteDefaultPageAsync(context, error);
    }

    private Task WriteDefaultPageAsync(HttpContext context, ErrorInfo error)
    {
        var response = context.Response;
        var title = ReasonPhrase(error.StatusCode);
        var detail = error.Message ?? (_detailed ? error.Exception?.Message : null);
        if (PrefersJson(context.Request))
        {
            response.ContentType = "application/problem+json; charset=utf-8";
            using var buffer = new MemoryStream();
            using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
            {
                json.WriteStartObject();
                json.WriteString("title", title);
                json.WriteNumber("status", error.StatusCode);
                if (detail is not null)
                {
                    json.WriteString("detail", detail);
                }

                json.WriteEndObject();
            }

            return response.Body.WriteAsync(buffer.ToArray()).AsTask();
        }

        response.ContentType = "text/html; charset=utf-8";
        var html = new StringBuilder()
            .Append("<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>")
            .Append(Encode(title)).Append("</title></head>\n<body>\n<h1>").Append(Encode(title))
            .Append(" (").Append(error.StatusCode).Append(")</h1>\n");
        if (error.Message is not null)
        {
            html.Append("<p>").Append(Encode(error.Message)).Append("</p>\n");
        }
        else if (error.StatusCode == StatusCodes.Status404NotFound)
        {
            html.Append("<p>The requested resource was not found on this server.</p>\n");
        }

        if (_detailed)
        {
            AppendDetails(html, context, error);
        }

        return response.WriteAsync(html.Append("</body></html>\n").ToString());
    }

    /// <summary>What Django's technical 404 and 500 pages show: the exception, the request, the URL patterns tried.</summary>
    private void AppendDetails(StringBuilder html, HttpContext context, ErrorInfo error)
    {
        var request = context.Request;
        html.Append("<table>\n<tr><th>Request method</th><td>").Append(Encode(request.Method)).Append("</td></tr>\n")
            .Append("<tr><th>Request URL</th><td>").Append(Encode(request.PathBase + request.Path + request.QueryString)).Append("</td></tr>\n");
        if (error.Exception is { } exception)
        {
            html.Append("<tr><th>Exception type</th><td>").Append(Encode(exception.GetType().FullName ?? exception.GetType().Name)).Append("</td></tr>\n")
                .Append("<tr><th>Exception message</th><td>").Append(Encode(exception.Message)).Append("</td></tr>\n")
                .Append("</table>\n<h2>Traceback</h2>\n<pre>").Append(Encode(exception.ToString())).Append("</pre>\n");
        }
        else
        {
            html.Append("</table>\n");
        }

        if (error.StatusCode == StatusCodes.Status404NotFound && mounted.Tables.Count > 0)
        {
            html.Append("<p>Micro tried these URL patterns, in this order:</p>\n<ol>\n");
            foreach (var (table, prefix) in mounted.Tables)
            {
                foreach (var route in table.Routes)
                {
                    html.Append("<li><code>").Append(Encode(prefix + route.Pattern)).Append("</code>");
                    if (route.Name is not null)
                    {
                        html.Append(" [name='").Append(Encode(route.Name)).Append("']");
                    }

                    html.Append("</li>\n");
                }
            }

            html.Append("</ol>\n<p>The current path, <code>").Append(Encode(request.Path.Value?.TrimStart('/') ?? ""))
                .Append("</code>, didn't match any of these.</p>\n");
        }

        html.Append("<p>You're seeing this page because the app runs in the Development environment. In Production it shows a plain page.</p>\n");
    }

    private static bool PrefersJson(HttpRequest request)
    {
        var accept = request.Headers.Accept.ToString();
        return accept.Contains("json", StringComparison.OrdinalIgnoreCase) && !accept.Contains("text/html", StringComparison.OrdinalIgnoreCase);
    }

    private static string ReasonPhrase(int statusCode) => statusCode switch
    {
        500 => "Server Error",
        _ => Microsoft.AspNetCore.WebUtilities.ReasonPhrases.GetReasonPhrase(statusCode) is { Length: > 0 } phrase ? phrase : "Error",
    };

    private static string Encode(string text) => WebUtility.HtmlEncode(text);
}

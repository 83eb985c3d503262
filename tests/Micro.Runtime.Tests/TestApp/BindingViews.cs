using System.Globalization;
using System.Security.Claims;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Micro.Runtime.Tests.TestApp;

/// <summary>One route per binding source.</summary>
public static class BindingViews
{
    [Route("bind/route/<int:id>/<int:big>/<uuid:key>/<str:color>/<str:day>/", Name = "route_values")]
    public static string RouteValues(int id, long big, Guid key, Color color, DateOnly day) =>
        string.Create(CultureInfo.InvariantCulture, $"id={id} big={big} key={key:N} color={color} day={day:yyyy-MM-dd} ({day.DayOfWeek})");

    [Route("bind/query/")]
    public static QueryEcho Query(
        string q,
        int? page,
        string[] tag,
        int[] ids,
        Color[] palette,
        [FromQuery(Name = "per-page")] int perPage = 10,
        int size = 20,
        string? sort = null,
        Color color = Color.Green) =>
        new(q, page, size, sort, ids, tag, color, palette, perPage);

    [Route("bind/query-int/")]
    public static string QueryInt(int n) => $"n={n.ToString(CultureInfo.InvariantCulture)}";

    [Route("bind/header/")]
    public static string Header(
        [FromHeader(Name = "X-Api-Key")] string apiKey,
        [FromHeader(Name = "X-Count")] int? count,
        [FromHeader(Name = "X-Color")] Color color = Color.Blue) =>
        $"key={apiKey} count={count?.ToString(CultureInfo.InvariantCulture) ?? "none"} color={color}";

    [Route("bind/form/", Methods = "POST")]
    public static string Form([FromForm] string name, [FromForm] int age, [FromForm(Name = "tag")] string[] tags, [FromForm] string? nickname) =>
        $"name={name} age={age.ToString(CultureInfo.InvariantCulture)} tags={string.Join(",", tags)} nickname={nickname ?? "none"}";

    /// <summary>A page that reads the form with ASP.NET Core's own API, as a view over <c>request.POST</c> would.</summary>
    [Route("bind/raw-form/", Methods = "GET, POST")]
    public static async Task<string> RawForm(HttpRequest request) =>
        $"fields={(await request.ReadFormAsync()).Count.ToString(CultureInfo.InvariantCulture)}";

    /// <inheritdoc cref="RawForm"/>
    [Route("bind/raw-form-sync/", Methods = "POST")]
    public static string RawFormSync(HttpRequest request) => $"fields={request.Form.Count.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>Reads the form, then fails in a way of its own that a form can also fail in: still the page's error.</summary>
    [Route("bind/raw-form-then-fails/", Methods = "POST")]
    public static async Task<string> RawFormThenFails(HttpRequest request) =>
        (await request.ReadFormAsync()).Count > 0 ? throw new InvalidDataException("The page's own data is bad.") : "";

    /// <summary>A page that reads a JSON body with ASP.NET Core's own API.</summary>
    [Route("bind/raw-json/", Methods = "POST, PUT")]
    public static async Task<string> RawJson(HttpRequest request) =>
        $"title={(await request.ReadFromJsonAsync(ParityContext.Default.Book))?.Title}";

    /// <summary>Fails with an <see cref="InvalidOperationException"/> of its own whatever the body: a server error, not the body's fault.</summary>
    [Route("bind/fails-itself/", Methods = "POST")]
    public static string FailsItself(HttpRequest request) =>
        request.HasFormContentType ? "" : throw new InvalidOperationException("Sequence contains no elements");

    [Route("bind/upload/", Methods = "POST")]
    public static async Task<string> Upload([FromForm] string title, IFormFile file, IFormFile? extra)
    {
        using var reader = new StreamReader(file.OpenReadStream());
        var content = await reader.ReadToEndAsync();
        return $"{title}: {file.FileName} ({file.ContentType}, {file.Length.ToString(CultureInfo.InvariantCulture)} bytes) {content} extra={extra?.FileName ?? "none"}";
    }

    /// <summary>A complex parameter without an attribute on a POST route: the JSON body.</summary>
    [Route("bind/json/record/", Methods = "POST")]
    public static SavedNote JsonRecord(NewNote note) => new(1, note.Title, note.Body);

    [Route("bind/json/class/", Methods = "PUT")]
    public static string JsonClass([FromBody] Person person) => $"{person.Name} is {person.Age.ToString(CultureInfo.InvariantCulture)}";

    [Route("bind/json/optional/", Methods = "POST")]
    public static string JsonOptional([FromBody] NewNote? note) => note is null ? "no note" : $"note {note.Title}";

    /// <summary>Greeter is a registered service, so it comes from DI even on a POST route; the note is the body.</summary>
    [Route("bind/json/service/", Methods = "POST")]
    public static string JsonWithService(Greeter greeter, NewNote note) => greeter.Greet(note.Title);

    [Route("bind/services/")]
    public static string Services(Greeter greeter, [FromServices] IClock clock, IConfiguration configuration, CallCounter? counter) =>
        $"{greeter.Greet("services")} today={clock.Today:yyyy-MM-dd} setting={configuration["TestApp:Setting"]} counter={(counter is null ? "missing" : "present")}";

    [Route("bind/scoped/")]
    public static string Scoped(RequestScope first, [FromServices] RequestScope second, [FromKeyedServices("leap")] IClock leapDayClock) =>
        $"{first.Id:N} same={ReferenceEquals(first, second)} keyed={leapDayClock.Today:yyyy-MM-dd}";

    [Route("bind/context/")]
    public static string Context(HttpContext context, HttpRequest request, HttpResponse response, CancellationToken cancellationToken, ClaimsPrincipal user)
    {
        response.Headers["X-Same-Request"] = ReferenceEquals(context.Request, request) ? "yes" : "no";
        return $"method={request.Method} path={request.Path} cancellable={cancellationToken.CanBeCanceled} " +
            $"aborted-token={cancellationToken == context.RequestAborted} user={user.Identity?.Name ?? "anonymous"} authenticated={user.Identity?.IsAuthenticated == true}";
    }
}

using Microsoft.AspNetCore.Http.HttpResults;

namespace Micro.Runtime.Tests.TestApp;

/// <summary>A route group: every route under <c>grouped/v2/</c>, tagged, and exempt from CSRF checks as the class says.</summary>
[RouteGroup("grouped/v2", Tags = new[] { "things" })]
[CsrfExempt]
public static class GroupViews
{
    [Route("things/", Methods = "GET, POST", Name = "group_things")]
    public static string Things(HttpContext context) => "things " + context.Request.Method;

    [Route("things/<int:id>/", Name = "group_thing")]
    public static string Thing(int id) => "thing " + id + " at " + Urls.GroupThing(id);

    /// <summary>One thing, as JSON.</summary>
    /// <param name="id">The thing's number.</param>
    [Route("things/<int:id>/detail/", Name = "group_thing_detail")]
    public static Results<Ok<ThingDetail>, NotFound> ThingDetail(int id) =>
        id > 0 ? TypedResults.Ok(new ThingDetail(id, "thing " + id, null)) : TypedResults.NotFound();

    [RouteGroup("admin")]
    public static class Admin
    {
        [Route("stats/", Name = "group_stats")]
        public static string Stats() => "stats";
    }
}

public sealed record ThingDetail(long Id, string Name, DateOnly? Since, List<string>? Labels = null);

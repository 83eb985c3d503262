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

    [RouteGroup("admin")]
    public static class Admin
    {
        [Route("stats/", Name = "group_stats")]
        public static string Stats() => "stats";
    }
}

using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;

namespace Micro.Auth.Tests.TestApp;

/// <summary>A model, so that migrate makes its permissions: authapp.view_widget, add_widget, change_widget, delete_widget.</summary>
[Model]
public class Widget
{
    public int Id { get; set; }

    public string Name { get; set; } = "";
}

/// <summary>A JSON value kept in the session: its metadata is generated because a route writes and reads it.</summary>
public sealed record Cart(string Owner, List<CartLine> Lines);

public sealed record CartLine(string Sku, int Quantity, decimal Price);

/// <summary>Routes that read and write the session.</summary>
public static class SessionViews
{
    [Route("plain/")]
    public static string Plain() => "plain";

    /// <summary>Every typed value, as text.</summary>
    [Route("session/")]
    public static string Read(Session session) =>
        $"name={session.GetString("name") ?? "-"} count={session.GetInt32("count")?.ToString() ?? "-"} big={session.GetInt64("big")?.ToString() ?? "-"} " +
        $"ratio={session.GetDouble("ratio")?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "-"} " +
        $"price={session.GetDecimal("price")?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "-"} " +
        $"flag={session.GetBoolean("flag")?.ToString() ?? "-"} keys={session.Count}";

    [Route("session/set/", Methods = "POST")]
    public static string Set(Session session, [FromForm] string name, [FromForm] int count, [FromForm] long big, [FromForm] double ratio, [FromForm] decimal price, [FromForm] bool flag)
    {
        session.SetString("name", name);
        session.SetInt32("count", count);
        session.SetInt64("big", big);
        session.SetDouble("ratio", ratio);
        session.SetDecimal("price", price);
        session.SetBoolean("flag", flag);
        return "saved";
    }

    /// <summary>Reads a value of one type as another: a missing or mismatched value is null, not an error.</summary>
    [Route("session/mismatch/")]
    public static string Mismatch(Session session) =>
        $"name-as-int={session.GetInt32("name")?.ToString() ?? "null"} count-as-text={session.GetString("count") ?? "null"}";

    [Route("session/cart/")]
    public static Cart GetCart(Session session) => session.Get<Cart>("cart") ?? new Cart("nobody", []);

    [Route("session/cart/save/", Methods = "POST")]
    public static string SaveCart(Session session, Cart cart)
    {
        session.Set("cart", cart);
        return $"{cart.Lines.Count} lines";
    }

    [Route("session/remove/", Methods = "POST")]
    public static string Remove(Session session, [FromForm] string key) => session.Remove(key) ? "removed" : "absent";

    [Route("session/flush/", Methods = "POST")]
    public static string Flush(Session session)
    {
        session.Flush();
        return "flushed";
    }

    [Route("session/expiry/", Methods = "POST")]
    public static string Expiry(Session session, [FromForm] int seconds)
    {
        session.SetExpiry(TimeSpan.FromSeconds(seconds));
        return $"expires in {(int)session.GetExpiryAge().TotalSeconds}s, at browser close: {session.ExpiresAtBrowserClose}";
    }

    [Route("session/big/", Methods = "POST")]
    public static string Big(Session session, [FromForm] int size)
    {
        session.SetString("big", new string('x', size));
        return "stored";
    }

    [Route("session/key/")]
    public static string Key(Session session) => session.Key ?? "none";
}

/// <summary>Routes behind Micro's and ASP.NET Core's authorization.</summary>
public static class AuthPages
{
    [Route("me/")]
    public static string Me(CurrentUser user) => user.IsAuthenticated ? $"user={user.Username} id={user.Id}" : "anonymous";

    [Route("claims/")]
    public static string Claims(ClaimsPrincipal principal) =>
        $"name={principal.Identity?.Name ?? "-"} authenticated={principal.Identity?.IsAuthenticated ?? false} " +
        $"roles={string.Join(",", principal.FindAll(ClaimTypes.Role).Select(static c => c.Value).Order(StringComparer.Ordinal))} " +
        $"staff={principal.HasClaim(MicroAuthDefaults.StaffClaim, "true")}";

    [Route("protected/")]
    [LoginRequired]
    public static string Protected(CurrentUser user) => $"hello {user.Username}";

    [Route("widgets/edit/")]
    [PermissionRequired("authapp.change_widget")]
    public static string EditWidgets() => "editing widgets";

    [Route("staff/")]
    [StaffRequired]
    public static string Staff() => "staff only";

    [Route("editors/")]
    [Authorize(Roles = "editors")]
    public static string Editors() => "editors only";

    [Route("ada/")]
    [Authorize(Policy = "AdaOnly")]
    public static string AdaOnly() => "ada only";

    [Route("anyone/")]
    [AllowAnonymous]
    public static string Anyone() => "anyone";

    [Route("api/secret/")]
    [LoginRequired]
    public static Secret ApiSecret(CurrentUser user) => new(user.Username, 42);

    [Route("profile/")]
    public static TemplateResult Profile() => Template.Render("profile.html", new { title = "Profile" });
}

public sealed record Secret(string Owner, int Value);

/// <summary>A class-based view: the class needs a login (the endpoint), POST also a permission (checked by the verb).</summary>
[Route("widgets/<int:id>/", Name = "widget")]
[LoginRequired]
public static class WidgetView
{
    public static string Get(int id) => $"widget {id}";

    [PermissionRequired("authapp.change_widget")]
    public static string Post(int id) => $"saved widget {id}";
}

/// <summary>A class-based view open to anyone, except its POST.</summary>
[Route("guestbook/")]
public static class GuestbookView
{
    public static string Get() => "the guestbook";

    [Authorize]
    public static string Post(CurrentUser user) => $"signed by {user.Username}";
}

using System.Globalization;
using System.Text.Json;
using Micro.Auth;
using Microsoft.AspNetCore.Http;

namespace Micro.Admin;

/// <summary>The rows a reference's search finds, for another model's <c>AutocompleteFields</c> (Django's <c>AutocompleteJsonView</c>).</summary>
internal sealed partial class AdminModelViews<TModel>
{
    /// <summary>Rows per answer, as Django's <c>AutocompleteJsonView.paginate_by</c>.</summary>
    internal const int AutocompletePageSize = 20;

    /// <summary>
    /// Django's JSON for Select2: <c>{"results": [{"id": "3", "text": "Ada"}], "pagination": {"more": false}}</c>, the rows of this model
    /// whose <c>SearchFields</c> hold every word of <c>term</c>, in the admin's order, 20 a page (<c>page</c>, from 1). Only for a user
    /// who may view this model (a 403 otherwise); a page that isn't a number, or beyond the last one, is a 404, as Django's paginator.
    /// </summary>
    internal override async Task AutocompleteAsync(HttpContext context, CurrentUser user)
    {
        if (!(await AdminSite.PermissionsAsync(user, this)).ViewOrChange)
        {
            context.Response.StatusCode = StatusCodes.Status403Forbidden;
            return;
        }

        var query = context.Request.Query;
        var pageText = query["page"].ToString();
        var page = 1;
        if (_admin.SearchFields.Count == 0
            || (pageText.Length > 0 && (!int.TryParse(pageText, NumberStyles.None, CultureInfo.InvariantCulture, out page) || page < 1))
            || page - 1 > (int.MaxValue - AutocompletePageSize) / AutocompletePageSize) // Its rows would start beyond any table.
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        var found = Ordered(Search(Rows(context), query["term"].ToString(), out _), [.. _admin.Ordering]);
        var rows = await found.Skip((page - 1) * AutocompletePageSize).Take(AutocompletePageSize + 1).ToListAsync(context.RequestAborted);
        if (rows.Count == 0 && page > 1)
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        // What a user may see, for them only: never kept by a shared cache (Django's admin views are never_cache).
        context.Response.Headers.CacheControl = "private, no-store";
        context.Response.ContentType = "application/json; charset=utf-8";
        await using var json = new Utf8JsonWriter(context.Response.Body);
        json.WriteStartObject();
        json.WriteStartArray("results");
        foreach (var row in rows.Take(AutocompletePageSize))
        {
            json.WriteStartObject();
            json.WriteString("id", Key(row));
            json.WriteString("text", _admin.Display(row));
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteStartObject("pagination");
        json.WriteBoolean("more", rows.Count > AutocompletePageSize);
        json.WriteEndObject();
        json.WriteEndObject();
        await json.FlushAsync(context.RequestAborted);
    }
}

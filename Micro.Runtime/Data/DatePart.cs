namespace Micro;

/// <summary>
/// A part of a date, for Django's <c>dates()</c> and for grouping by a date's year, month or day:
/// <c>db.Posts.DatesAsync(p =&gt; p.Published, DatePart.Month)</c>. In the <c>Micro</c> namespace, since apps name it beside their queries.
/// </summary>
public enum DatePart
{
    Year,
    Month,
    Day,
}

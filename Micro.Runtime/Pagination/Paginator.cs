using System.Collections;
using System.Globalization;
using System.Numerics;
using Micro.Data;

namespace Micro;

/// <summary>
/// Splits a list or a query's rows into numbered pages, as Django's <c>Paginator</c>. Most pages need one call:
/// <code>
/// [Route("posts/", Name = "post_list")]
/// public static async Task&lt;TemplateResult&gt; List(Db db, string? page = null) =>
///     Template.Render("posts/list.html", new { page_obj = await Paginator.GetPageAsync(db.Posts.OrderBy(p => p.Id), page, perPage: 10) });
/// </code>
/// and the template reads <c>{% for post in page_obj %}</c>, <c>{{ page_obj.number }}</c>, <c>{{ page_obj.paginator.num_pages }}</c>,
/// <c>{% if page_obj.has_next %}</c>. The page number is taken as text, as Django's <c>request.GET.get("page")</c>: <c>GetPage</c>
/// shows the first page for one that isn't a whole number and the last for one past the end, so no number a visitor types is an
/// error. <see cref="ValidateNumber(string?)"/> is the strict form: an <see cref="InvalidPageException"/>, which the error pages answer with a 404.
/// </summary>
public sealed class Paginator : ITemplateObject
{
    /// <summary>What <see cref="GetElidedPageRange"/> puts where it leaves pages out.</summary>
    public const string Ellipsis = "…";

    /// <param name="count">How many items there are.</param>
    /// <param name="perPage">The most items on a page (the last may hold <paramref name="orphans"/> more).</param>
    /// <param name="orphans">So few items that they go on the page before rather than on a last page of their own.</param>
    /// <param name="allowEmptyFirstPage">Whether page 1 exists when there are no items (else there are no pages).</param>
    public Paginator(int count, int perPage, int orphans = 0, bool allowEmptyFirstPage = true)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfLessThan(perPage, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(orphans);
        Count = count;
        PerPage = perPage;
        Orphans = orphans;
        AllowEmptyFirstPage = allowEmptyFirstPage;
        NumPages = count == 0 && !allowEmptyFirstPage ? 0 : (int)((Math.Max(1L, (long)count - orphans) + perPage - 1) / perPage);
    }

    /// <summary>How many items there are, on every page.</summary>
    public int Count { get; }

    public int PerPage { get; }

    public int Orphans { get; }

    public bool AllowEmptyFirstPage { get; }

    /// <summary>How many pages there are.</summary>
    public int NumPages { get; }

    /// <summary>The page numbers, from 1 (Django's <c>page_range</c>): <c>{% for n in page_obj.paginator.page_range %}</c>.</summary>
    public IReadOnlyList<int> PageRange => [.. Enumerable.Range(1, NumPages)];

    /// <summary>
    /// The page of the <paramref name="number"/> asked for, as Django's <c>get_page</c>: the first for one that isn't a whole number
    /// (or none), the last for one past the end or below 1.
    /// </summary>
    public static Task<Page<TModel>> GetPageAsync<TModel>(QuerySet<TModel> items, string? number, int perPage, int orphans = 0, CancellationToken cancellationToken = default)
        where TModel : class =>
        GetPageAsync(items, Parse(number), perPage, orphans, cancellationToken);

    /// <inheritdoc cref="GetPageAsync{TModel}(QuerySet{TModel}, string?, int, int, CancellationToken)"/>
    public static Task<Page<TModel>> GetPageAsync<TModel>(QuerySet<TModel> items, int number, int perPage, int orphans = 0, CancellationToken cancellationToken = default)
        where TModel : class =>
        GetPageAsync(items, (BigInteger?)number, perPage, orphans, cancellationToken);

    /// <inheritdoc cref="GetPage{T}(IReadOnlyList{T}, string?, int, int)"/>
    public static Page<T> GetPage<T>(IReadOnlyList<T> items, int number, int perPage, int orphans = 0) => GetPage(items, (BigInteger?)number, perPage, orphans);

    /// <inheritdoc cref="GetPageAsync{TModel}(QuerySet{TModel}, string?, int, int, CancellationToken)"/>
    public static Page<T> GetPage<T>(IReadOnlyList<T> items, string? number, int perPage, int orphans = 0) => GetPage(items, Parse(number), perPage, orphans);

    private static async Task<Page<TModel>> GetPageAsync<TModel>(QuerySet<TModel> items, BigInteger? number, int perPage, int orphans, CancellationToken cancellationToken)
        where TModel : class
    {
        ArgumentNullException.ThrowIfNull(items);
        var paginator = new Paginator(await items.CountAsync(cancellationToken), perPage, orphans);
        var page = paginator.GetNumber(number);
        // A query without an order is read in key order, so that each row is on one page only (Django warns instead).
        var rows = await items.Skip(paginator.Offset(page)).Take(paginator.Length(page)).ToListCore(async: true, cancellationToken, orderByKeyIfUnordered: true);
        return new Page<TModel>(rows, page, paginator);
    }

    private static Page<T> GetPage<T>(IReadOnlyList<T> items, BigInteger? number, int perPage, int orphans)
    {
        ArgumentNullException.ThrowIfNull(items);
        var paginator = new Paginator(items.Count, perPage, orphans);
        var page = paginator.GetNumber(number);
        var offset = paginator.Offset(page);
        var length = paginator.Length(page);
        var rows = new T[length];
        for (var i = 0; i < length; i++)
        {
            rows[i] = items[offset + i];
        }

        return new Page<T>(rows, page, paginator);
    }

    /// <summary>
    /// The page number <paramref name="number"/> names, as Django's <c>validate_number</c>: a whole number (<c>"3"</c>, <c>" +3 "</c>;
    /// not <c>"3.0"</c>) from 1 to <see cref="NumPages"/> (page 1 of no items too, unless <see cref="AllowEmptyFirstPage"/> is false).
    /// </summary>
    /// <exception cref="PageNotAnIntegerException">It isn't a whole number.</exception>
    /// <exception cref="EmptyPageException">It is below 1 or past the last page.</exception>
    public int ValidateNumber(string? number)
    {
        return Parse(number) is { } value ? Validate(value) : throw new PageNotAnIntegerException("That page number is not an integer.");
    }

    /// <inheritdoc cref="ValidateNumber(string?)"/>
    public int ValidateNumber(int number) => Validate(number);

    private int Validate(BigInteger value)
    {
        if (value < 1)
        {
            throw new EmptyPageException("That page number is less than 1.");
        }

        if (value > NumPages && !(value == 1 && AllowEmptyFirstPage))
        {
            throw new EmptyPageException("That page contains no results.");
        }

        return (int)value;
    }

    /// <summary>
    /// The whole number <paramref name="number"/> is, as Python's <c>int()</c> reads it: any number of digits, in any script (a page far
    /// past the end is an empty page, not a number that isn't one); null when it isn't one.
    /// </summary>
    private static BigInteger? Parse(string? number) =>
        BigInteger.TryParse(AsciiDigits(number?.Trim()), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) ? value : null;

    /// <summary>Decimal digits of any script (<c>٣</c>) as ASCII ones, which Python's <c>int()</c> reads too.</summary>
    private static string? AsciiDigits(string? text)
    {
        if (text is null || text.All(char.IsAscii))
        {
            return text;
        }

        return string.Create(text.Length, text, static (span, source) =>
        {
            for (var i = 0; i < source.Length; i++)
            {
                var c = source[i];
                span[i] = !char.IsAscii(c) && CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.DecimalDigitNumber
                    ? (char)('0' + CharUnicodeInfo.GetDecimalDigitValue(c))
                    : c;
            }
        });
    }

    /// <summary>
    /// The page number to show for <paramref name="number"/>, as Django's <c>get_page</c>: the first for one that isn't a whole number,
    /// the last for one out of range.
    /// </summary>
    /// <exception cref="EmptyPageException">There are no pages (no items, and <see cref="AllowEmptyFirstPage"/> false).</exception>
    public int GetNumber(string? number) => GetNumber(Parse(number));

    private int GetNumber(BigInteger? number)
    {
        // Django checks the page it falls back to as well: with no pages at all, even page 1 is empty.
        if (number is not { } value)
        {
            return Validate(1);
        }

        try
        {
            return Validate(value);
        }
        catch (EmptyPageException)
        {
            return Validate(NumPages);
        }
    }

    /// <summary>How many items come before page <paramref name="number"/>.</summary>
    public int Offset(int number) => (int)Math.Min(Count, (long)(Math.Max(1, number) - 1) * PerPage);

    /// <summary>How many items page <paramref name="number"/> holds: <see cref="PerPage"/>, and on the last page what is left (orphans too).</summary>
    public int Length(int number)
    {
        var offset = Offset(number);
        var top = offset + (long)PerPage;
        return (int)((top + Orphans >= Count ? Count : top) - offset);
    }

    /// <summary>
    /// The page numbers to link from page <paramref name="number"/> when there are too many to list them all, as Django's
    /// <c>get_elided_page_range</c>: <paramref name="onEnds"/> at each end, <paramref name="onEachSide"/> either side of the page, and
    /// <see cref="Ellipsis"/> between (<c>1, 2, …, 7, 8, 9, 10, 11, 12, 13, …, 49, 50</c>).
    /// </summary>
    public IReadOnlyList<object> GetElidedPageRange(int number = 1, int onEachSide = 3, int onEnds = 2)
    {
        number = ValidateNumber(number);
        var range = new List<object>();
        if (NumPages <= (onEachSide + onEnds) * 2)
        {
            range.AddRange(PageRange.Cast<object>());
            return range;
        }

        if (number > 1 + onEachSide + onEnds + 1)
        {
            Add(1, onEnds);
            range.Add(Ellipsis);
            Add(number - onEachSide, number);
        }
        else
        {
            Add(1, number);
        }

        if (number < NumPages - onEachSide - onEnds - 1)
        {
            Add(number + 1, number + onEachSide);
            range.Add(Ellipsis);
            Add(NumPages - onEnds + 1, NumPages);
        }
        else
        {
            Add(number + 1, NumPages);
        }

        return range;

        void Add(int from, int to)
        {
            for (var i = from; i <= to; i++)
            {
                range.Add(i);
            }
        }
    }

    bool ITemplateObject.TryGetMember(string name, out object? value)
    {
        (var found, value) = name switch
        {
            "count" or "Count" => (true, (object?)Count),
            "num_pages" or "NumPages" => (true, NumPages),
            "per_page" or "PerPage" => (true, PerPage),
            "orphans" or "Orphans" => (true, Orphans),
            "allow_empty_first_page" or "AllowEmptyFirstPage" => (true, AllowEmptyFirstPage),
            "page_range" or "PageRange" => (true, PageRange),
            _ => (false, null),
        };
        return found;
    }
}

/// <summary>
/// One page of a <see cref="Micro.Paginator"/>: its items (a <c>{% for %}</c> over the page goes through them) and where it is among
/// the pages, as Django's <c>Page</c>.
/// </summary>
/// <typeparam name="T">The items' type.</typeparam>
public sealed class Page<T> : IReadOnlyList<T>, ITemplateObject
{
    /// <param name="objectList">The page's items.</param>
    /// <param name="number">Its number, from 1.</param>
    /// <param name="paginator">The paginator it is a page of.</param>
    public Page(IReadOnlyList<T> objectList, int number, Paginator paginator)
    {
        ArgumentNullException.ThrowIfNull(objectList);
        ArgumentNullException.ThrowIfNull(paginator);
        ObjectList = objectList;
        Number = number;
        Paginator = paginator;
    }

    public IReadOnlyList<T> ObjectList { get; }

    /// <summary>The page's number, from 1.</summary>
    public int Number { get; }

    public Paginator Paginator { get; }

    public bool HasNext => Number < Paginator.NumPages;

    public bool HasPrevious => Number > 1;

    public bool HasOtherPages => HasNext || HasPrevious;

    /// <summary>The next page's number.</summary>
    /// <exception cref="EmptyPageException">This is the last page.</exception>
    public int NextPageNumber => Paginator.ValidateNumber(Number + 1);

    /// <summary>The previous page's number.</summary>
    /// <exception cref="EmptyPageException">This is the first page.</exception>
    public int PreviousPageNumber => Paginator.ValidateNumber(Number - 1);

    /// <summary>The position of the page's first item among all of them, from 1 (0 when there are none).</summary>
    public int StartIndex => Paginator.Count == 0 ? 0 : Paginator.Offset(Number) + 1;

    /// <summary>The position of the page's last item among all of them.</summary>
    public int EndIndex => Number == Paginator.NumPages ? Paginator.Count : Number * Paginator.PerPage;

    /// <summary>How many items the page holds.</summary>
    public int Count => ObjectList.Count;

    public T this[int index] => ObjectList[index];

    public IEnumerator<T> GetEnumerator() => ObjectList.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public override string ToString() => $"<Page {Number.ToString(CultureInfo.InvariantCulture)} of {Paginator.NumPages.ToString(CultureInfo.InvariantCulture)}>";

    bool ITemplateObject.TryGetMember(string name, out object? value)
    {
        (var found, value) = name switch
        {
            "number" or "Number" => (true, (object?)Number),
            "paginator" or "Paginator" => (true, Paginator),
            "object_list" or "ObjectList" => (true, ObjectList),
            "has_next" or "HasNext" => (true, HasNext),
            "has_previous" or "HasPrevious" => (true, HasPrevious),
            "has_other_pages" or "HasOtherPages" => (true, HasOtherPages),
            // A page before the first or after the last is nothing, as any missing value (Django's raises there).
            "next_page_number" or "NextPageNumber" => HasNext ? (true, Number + 1) : (false, null),
            "previous_page_number" or "PreviousPageNumber" => HasPrevious ? (true, Number - 1) : (false, null),
            "start_index" or "StartIndex" => (true, StartIndex),
            "end_index" or "EndIndex" => (true, EndIndex),
            _ => (false, null),
        };
        return found;
    }
}

/// <summary>A page number that names no page, as Django's <c>InvalidPage</c>: the error pages answer it with a 404.</summary>
public class InvalidPageException(string message) : NotFoundException(message);

/// <summary>A page number that isn't a whole number (Django's <c>PageNotAnInteger</c>).</summary>
public sealed class PageNotAnIntegerException(string message) : InvalidPageException(message);

/// <summary>A page number below 1 or past the last page (Django's <c>EmptyPage</c>).</summary>
public sealed class EmptyPageException(string message) : InvalidPageException(message);

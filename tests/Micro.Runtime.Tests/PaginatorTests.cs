using System.Globalization;
using System.Net;
using Micro.Runtime.Tests.Infrastructure;
using Micro.Runtime.Tests.TestApp;
using Microsoft.Extensions.DependencyInjection;

namespace Micro.Runtime.Tests;

/// <summary>
/// Django's <c>Paginator</c>: its numbers checked against Django's own (Debian's python3-django) over every combination of a grid,
/// and pages of a query's rows rendered over real HTTP and a SQLite file through the compiled template and the interpreter alike
/// (TestApp/PageViews.cs).
/// </summary>
public sealed class PaginatorTests(DatabaseApp app) : IClassFixture<DatabaseApp>
{
    private static readonly int[] s_counts = [0, 1, 2, 9, 10, 11, 19, 20, 21, 100];
    private static readonly int[] s_perPage = [1, 3, 10];
    private static readonly int[] s_orphans = [0, 2, 5];
    private static readonly string[] s_numbers = ["1", "2", "3", "7", "0", "-1", "", "abc", "2.0", "2.5", "1e1", " 2 ", "+2", "-0", "99999999999999999999999", "nan", "٣"];

    [Fact]
    public async Task Every_number_of_a_grid_is_what_djangos_paginator_says()
    {
        // One line per case: count|per page|orphans|allow empty|the number's index|num_pages|validate_number|get_page|elided range.
        var script = $$"""
            import django
            from django.conf import settings
            settings.configure()
            django.setup()
            from django.core.paginator import Paginator, PageNotAnInteger, EmptyPage
            numbers = {{"[" + string.Join(", ", s_numbers.Select(static n => "'" + n + "'")) + "]"}}
            def attempt(f):
                try:
                    return f()
                except PageNotAnInteger:
                    return "not an integer"
                except EmptyPage:
                    return "empty"
            def page(p, number):
                g = p.get_page(number)
                first = list(g.object_list)[:1]
                return ",".join(str(v) for v in [g.number, len(g), g.start_index(), g.end_index(), int(g.has_next()), int(g.has_previous()), first[0] if first else "-"])
            for count in [{{string.Join(", ", s_counts)}}]:
                for per_page in [{{string.Join(", ", s_perPage)}}]:
                    for orphans in [{{string.Join(", ", s_orphans)}}]:
                        for allow in [1, 0]:
                            p = Paginator(list(range(count)), per_page, orphans=orphans, allow_empty_first_page=bool(allow))
                            for i, number in enumerate(numbers):
                                elided = attempt(lambda: " ".join(str(n) for n in p.get_elided_page_range(p.validate_number(number))))
                                print("|".join(str(v) for v in [count, per_page, orphans, allow, i, p.num_pages, attempt(lambda: p.validate_number(number)), attempt(lambda: page(p, number)), elided]))
            """;
        var django = (await Micro.Tests.DjangoPython.RunAsync("-c", script)).Split('\n', StringSplitOptions.RemoveEmptyEntries);

        var compared = 0;
        foreach (var line in django)
        {
            var row = line.Split('|');
            var (count, perPage, orphans, allow, number) = (int.Parse(row[0], CultureInfo.InvariantCulture), int.Parse(row[1], CultureInfo.InvariantCulture),
                int.Parse(row[2], CultureInfo.InvariantCulture), row[3] == "1", s_numbers[int.Parse(row[4], CultureInfo.InvariantCulture)]);
            var paginator = new Paginator(count, perPage, orphans, allow);
            var micro = string.Join("|", row[..5].Append(paginator.NumPages.ToString(CultureInfo.InvariantCulture))
                .Append(Attempt(() => paginator.ValidateNumber(number).ToString(CultureInfo.InvariantCulture)))
                .Append(Attempt(() =>
                {
                    var number1 = paginator.GetNumber(number);
                    var g = new Page<int>([.. Enumerable.Range(paginator.Offset(number1), paginator.Length(number1))], number1, paginator);
                    return string.Join(",", g.Number, g.Count, g.StartIndex, g.EndIndex, g.HasNext ? 1 : 0, g.HasPrevious ? 1 : 0, g.Count > 0 ? g[0].ToString(CultureInfo.InvariantCulture) : "-");
                }))
                .Append(Attempt(() => string.Join(" ", paginator.GetElidedPageRange(paginator.ValidateNumber(number))))));
            Assert.True(line == micro, $"Django: {line}\nMicro:  {micro}\n(page '{number}')");
            compared++;
        }

        Assert.Equal(s_counts.Length * s_perPage.Length * s_orphans.Length * 2 * s_numbers.Length, compared);

        static string Attempt(Func<string> answer)
        {
            try
            {
                return answer();
            }
            catch (PageNotAnIntegerException)
            {
                return "not an integer";
            }
            catch (EmptyPageException)
            {
                return "empty";
            }
        }
    }

    [Fact]
    public async Task A_querys_rows_page_by_page_through_both_renderers_and_a_number_that_isnt_one_shows_a_page()
    {
        var writer = await SeedAsync(8);

        string[] expected =
        [
            "1/3 of 8|1-3|3|A1;A2;A3;||next 2|1,2,3|A1",
            "2/3 of 8|4-6|3|A4;A5;A6;|prev 1|next 3|1,2,3|A4",
            // The last page keeps its orphan: 2 rows, not a fourth page of 1.
            "3/3 of 8|7-8|2|A7;A8;|prev 2|last|1,2,3|A7",
        ];
        foreach (var renderer in new[] { "", "interpreted/" })
        {
            for (var page = 1; page <= 3; page++)
            {
                Assert.Equal(expected[page - 1], (await app.Client.GetStringAsync($"/paged/writers/{writer}/{renderer}?page={page}")).TrimEnd());
            }

            // Django's get_page: not a number is the first page; past the end, below 1 or huge is the last.
            Assert.StartsWith("1/3 ", await app.Client.GetStringAsync($"/paged/writers/{writer}/{renderer}?page=abc"), StringComparison.Ordinal);
            Assert.StartsWith("1/3 ", await app.Client.GetStringAsync($"/paged/writers/{writer}/{renderer}"), StringComparison.Ordinal);
            foreach (var last in new[] { "4", "0", "-3", "99999999999999999999", "%00" })
            {
                var html = await app.Client.GetStringAsync($"/paged/writers/{writer}/{renderer}?page={last}");
                Assert.True(html.StartsWith(last == "%00" ? "1/3 " : "3/3 ", StringComparison.Ordinal), $"page={last}: {html}");
            }
        }

        // No rows: page 1 of 1, empty.
        var none = await SeedAsync(0);
        Assert.Equal("1/1 of 0|0-0|0|||last|1|", (await app.Client.GetStringAsync($"/paged/writers/{none}/?page=5")).TrimEnd());
    }

    [Fact]
    public async Task The_strict_page_number_is_a_404_when_it_names_no_page()
    {
        Assert.Equal("11,12|1 2 3 4 5 6 7 8 9 … 49 50", await app.Client.GetStringAsync("/paged/numbers/?page=6"));
        Assert.Equal("99,100|1 2 … 47 48 49 50", await app.Client.GetStringAsync("/paged/numbers/?page=50"));

        foreach (var page in new[] { "51", "0", "abc", "", "1.5" })
        {
            using var response = await app.Client.GetAsync($"/paged/numbers/?page={page}");
            Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"page={page}: {response.StatusCode}");
        }
    }

    /// <summary>A new writer with <paramref name="articles"/> articles titled A1, A2, ...; its key.</summary>
    private async Task<int> SeedAsync(int articles)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<Db>();
        var writer = await db.Writers.CreateAsync(new Writer { Name = "Paged" });
        for (var i = 1; i <= articles; i++)
        {
            await db.Articles.CreateAsync(new Article { Title = "A" + i.ToString(CultureInfo.InvariantCulture), Slug = Guid.NewGuid().ToString("N"), WriterId = writer.Id });
        }

        return writer.Id;
    }
}

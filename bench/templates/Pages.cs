// The two pages' data and the accessor Micro's runtime reads them through.
using Micro.Templates;

namespace TemplateBench;

/// <summary>The page a benchmark renders (BenchmarkDotNet's <c>Page</c> parameter).</summary>
public enum Page
{
    /// <summary>100 items with <c>upper</c>, <c>length</c>, <c>floatformat</c>, <c>default</c>, <c>if</c>.</summary>
    List,

    /// <summary>TechEmpower's Fortunes: 13 rows of id and message, sorted by message.</summary>
    Fortunes,
}

public sealed class Item
{
    public required int Id { get; init; }
    public required string Name { get; init; }
    public required decimal Price { get; init; }
    public string? Note { get; init; }
    public required bool OnSale { get; init; }
}

/// <summary>The list page's model (RazorSlices takes one model; the other engines take its two values by name).</summary>
public sealed record ListPage(string Title, List<Item> Items);

public sealed class Fortune
{
    public required int Id { get; init; }
    public required string Message { get; init; }
}

public static class PageData
{
    public static ListPage List() => new("Things & stuff", Enumerable.Range(1, 100).Select(i => new Item
    {
        Id = i,
        Name = $"Item <{i}> & co",
        Price = i * 1.25m,
        Note = i % 3 == 0 ? null : $"note \"{i}\"",
        OnSale = i % 4 == 0,
    }).ToList());

    /// <summary>The 12 rows of TechEmpower's table (bench/tools/fortunes.txt, as make_db.py stores them), the one added at request time, sorted by message.</summary>
    public static List<Fortune> Fortunes()
    {
        var messages = File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "fortunes.txt"));
        var fortunes = messages.Select((message, i) => new Fortune { Id = i + 1, Message = message }).ToList();
        fortunes.Add(new Fortune { Id = 0, Message = "Additional fortune added at request time." });
        fortunes.Sort(static (a, b) => string.CompareOrdinal(a.Message, b.Message));
        return fortunes;
    }
}

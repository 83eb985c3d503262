namespace Micro.Admin.Tests.Infrastructure;

/// <summary>Checks on a page's HTML as text: where parts are and how often.</summary>
public static class PageAssert
{
    /// <summary>Each part is on the page, after the one before it.</summary>
    public static void InOrder(string page, params string[] parts)
    {
        var at = 0;
        foreach (var part in parts)
        {
            var found = page.IndexOf(part, at, StringComparison.Ordinal);
            Assert.True(found >= 0, $"'{part}' is not on the page after position {at}.");
            at = found + part.Length;
        }
    }

    /// <summary>How many times <paramref name="part"/> is on the page.</summary>
    public static int Count(string page, string part) => (page.Length - page.Replace(part, "", StringComparison.Ordinal).Length) / part.Length;
}

using System.Globalization;

namespace Micro.Runtime.Tests.TestApp;

/// <summary>Routes in Django's <c>re_path()</c> syntax.</summary>
public static class RegexViews
{
    [Route(@"^re/articles/(?P<year>[0-9]{4})/(?P<month>[0-9]{2})/$", Regex = true, Name = "re_month")]
    public static string Month(int year, int month) =>
        $"month {year.ToString(CultureInfo.InvariantCulture)}-{month.ToString("D2", CultureInfo.InvariantCulture)}";

    /// <summary>No <c>$</c>: as in Django, anything may follow the match.</summary>
    [Route(@"^re/open/(?P<word>[a-z]+)", Regex = true)]
    public static string Open(string word) => $"open {word}";

    /// <summary>An alternation: Django's normalize gives up on it, so it can't be reversed.</summary>
    [Route(@"^re/either/(?:one|two)/$", Regex = true, Name = "re_either")]
    public static string Either(HttpRequest request) => $"either {request.Path}";

    /// <summary>Python's <c>\Z</c>: the end of the path, never before a final newline.</summary>
    [Route(@"^re/z/(?P<number>[0-9]+)/\Z", Regex = true, Name = "re_z")]
    public static string EndOfText(int number) => $"z {number.ToString(CultureInfo.InvariantCulture)}";
}

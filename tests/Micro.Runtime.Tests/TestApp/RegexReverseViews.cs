using System.Globalization;

namespace Micro.Runtime.Tests.TestApp;

/// <summary>
/// The regex routes of Django's own reversing tests (tests/urlpatterns_reverse), with the same expressions and names, so that
/// RegexReverseTests can assert Django's answers (DjangoReverse/regex_reverse.py prints them).
/// </summary>
public static class RegexReverseViews
{
    [Route(@"^optional/(?P<arg1>\d+)/(?:(?P<arg2>\d+)/)?$", Regex = true, Name = "named_optional")]
    public static string NamedOptional(int arg1, int? arg2) => $"optional {Text(arg1)} {Text(arg2)}";

    [Route(@"^optional/(?P<arg1>\d+)/(?:(?P<arg2>\d+)/)?", Regex = true, Name = "named_optional_terminated")]
    public static string NamedOptionalTerminated(int arg1, int? arg2) => $"optional terminated {Text(arg1)} {Text(arg2)}";

    /// <summary>No named groups: Django passes the groups positionally, to the parameters in order.</summary>
    [Route(@"^no_kwargs/([0-9]+)/([0-9]+)/$", Regex = true, Name = "no_kwargs")]
    public static string NoKwargs(HttpRequest request, int first, long second, string? page = null) =>
        $"no_kwargs {Text(first)} {second.ToString(CultureInfo.InvariantCulture)} {page ?? "-"} {request.Path}";

    [Route(@"^price/\$([0-9]+)/$", Regex = true, Name = "price")]
    public static string Price(int amount) => $"price {Text(amount)}";

    /// <summary>Named groups and an unnamed one inside: Django passes the named ones only.</summary>
    [Route(@"^product/(?P<product>\w+)\+\(\$(?P<price>[0-9]+(\.[0-9]+)?)\)/$", Regex = true, Name = "product")]
    public static string Product(string product, decimal price) => $"product {product} {price.ToString(CultureInfo.InvariantCulture)}";

    [Route(@"^headlines/(?P<year>\d+)\.(?P<month>\d+)\.(?P<day>\d+)/$", Regex = true, Name = "headlines")]
    public static string Headlines(int year, int month, int day) => $"headlines {Text(year)}-{Text(month)}-{Text(day)}";

    [Route(@"^windows_path/(?P<drive_name>[A-Z]):\\(?P<path>.+)/$", Regex = true, Name = "windows")]
    public static string Windows(string drive_name, string path) => $"windows {drive_name} {path}";

    [Route(@"^repeats/a{1,2}/$", Regex = true, Name = "repeats_1")]
    public static string Repeats1(HttpRequest request) => $"repeats_1 {request.Path}";

    [Route(@"^repeats/a{2,4}/$", Regex = true, Name = "repeats_2")]
    public static string Repeats2(HttpRequest request) => $"repeats_2 {request.Path}";

    [Route(@"^repeats/a{2}/$", Regex = true, Name = "repeats_3")]
    public static string Repeats3(HttpRequest request) => $"repeats_3 {request.Path}";

    [Route(@"^test/1/?", Regex = true, Name = "test_1")]
    public static string Test1() => "test_1";

    [Route(@"^lookahead-/(?!not-a-city)(?P<city>[^/]+)/$", Regex = true, Name = "lookahead_negative")]
    public static string LookaheadNegative(string city) => $"lookahead- {city}";

    [Route(@"^lookahead\+/(?=a-city)(?P<city>[^/]+)/$", Regex = true, Name = "lookahead_positive")]
    public static string LookaheadPositive(string city) => $"lookahead+ {city}";

    [Route(@"^lookbehind-/(?P<city>[^/]+)(?<!not-a-city)/$", Regex = true, Name = "lookbehind_negative")]
    public static string LookbehindNegative(string city) => $"lookbehind- {city}";

    [Route(@"^lookbehind\+/(?P<city>[^/]+)(?<=a-city)/$", Regex = true, Name = "lookbehind_positive")]
    public static string LookbehindPositive(string city) => $"lookbehind+ {city}";

    /// <summary>A named and an unnamed group: Django matches with the named one only, and reverses with positional values for both.</summary>
    [Route(@"^mixed_args/([0-9]+)/(?P<arg2>[0-9]+)/$", Regex = true, Name = "mixed_args")]
    public static string MixedArgs(int arg2) => $"mixed_args {Text(arg2)}";

    [Route(@"^places/([0-9]+)/$", Regex = true, Name = "places")]
    public static string Places(int number) => $"places {Text(number)}";

    [Route(@"^places?/$", Regex = true, Name = "places_question")]
    public static string PlacesQuestion() => "places?";

    [Route(@"^places+/$", Regex = true, Name = "places_plus")]
    public static string PlacesPlus() => "places+";

    [Route(@"^places*/$", Regex = true, Name = "places_star")]
    public static string PlacesStar() => "places*";

    [Route(@"^either/(?:one|two)/$", Regex = true, Name = "either")]
    public static string Either() => "either";

    [Route(@"^echo/(?P<word>[a-z]+)/(?P=word)/$", Regex = true, Name = "echo")]
    public static string Echo(string word) => $"echo {word}";

    [Route(@"^classes/[^/]+/$", Regex = true, Name = "negated_class")]
    public static string NegatedClass(HttpRequest request) => $"classes {request.Path}";

    [Route(@"^any/./\d\w\s\W\D\S/\A\b\B\Z$", Regex = true, Name = "escapes")]
    public static string Escapes() => "escapes";

    [Route(@"^unnamed_optional/([0-9]+)/(?:([0-9]+)/)?$", Regex = true, Name = "unnamed_optional")]
    public static string UnnamedOptional(int first, int second = -1) => $"unnamed_optional {Text(first)} {Text(second)}";

    [Route(@"^nested/(?:page-(?P<page>\d+)/)?(?:sort-(?P<sort>[a-z]+)/)?$", Regex = true, Name = "nested_optional")]
    public static string NestedOptional(int? page, string? sort) => $"nested {Text(page)} {sort ?? "-"}";

    /// <summary>Regex routes reversed while a request is served, one a line: typed, positional, by name, and by <c>{% url %}</c>.</summary>
    [Route("regex-reverse/links/")]
    public static string Links() => string.Join('\n',
        Urls.NoKwargs(42, 37),
        Urls.NamedOptional(1),
        Url.Reverse("named_optional", 1, 2),
        Url.Reverse("nested_optional", new Dictionary<string, object?> { ["sort"] = "name" }),
        Template.Parse("{% url 'no_kwargs' 42 37 %} {% url 'named_optional' arg1=1 arg2=2 %} {% url 'price' 10 %} {% url 'lookahead_negative' city='a-city' %}").Render());

    private static string Text(int? value) => value?.ToString(CultureInfo.InvariantCulture) ?? "-";
}

using System.Globalization;

namespace Micro.Runtime.Tests.TestApp;

/// <summary>One route per path converter, each echoing the value it bound.</summary>
public static class ConverterViews
{
    [Route("conv/int/<int:value>/", Name = "conv_int")]
    public static string Int(int value) => $"int {value.ToString(CultureInfo.InvariantCulture)}";

    [Route("conv/long/<int:value>/")]
    public static string Long(long value) => $"long {value.ToString(CultureInfo.InvariantCulture)}";

    [Route("conv/str/<str:value>/", Name = "conv_str")]
    public static string Str(string value) => $"str {value}";

    /// <summary>No converter named: <c>str</c>.</summary>
    [Route("conv/default/<value>/")]
    public static string Default(string value) => $"default {value}";

    [Route("conv/slug/<slug:value>/", Name = "conv_slug")]
    public static string Slug(string value) => $"slug {value}";

    [Route("conv/uuid/<uuid:id>/", Name = "conv_uuid")]
    public static string Uuid(Guid id) => $"uuid {id:N}";

    [Route("conv/path/<path:rest>", Name = "conv_path")]
    public static string Path(string rest) => $"path {rest}";

    /// <summary>A <c>path</c> value followed by literal text: the value stops where the rest of the pattern matches.</summary>
    [Route("conv/mid/<path:rest>/edit/")]
    public static string PathThenLiteral(string rest) => $"mid {rest}";

    [Route("conv/year/<yyyy:year>/", Name = "conv_year")]
    public static string Year(int year) => $"year {year.ToString(CultureInfo.InvariantCulture)}";

    [Route("conv/even/<even:number>/", Name = "conv_even")]
    public static string Even(int number) => $"even {number.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>A value inside a segment, after literal text.</summary>
    [Route("conv/page-<int:number>.html", Name = "conv_page")]
    public static string Page(int number) => $"page {number.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>Literal text that isn't ASCII, and braces, which mean something in ASP.NET Core patterns but not here.</summary>
    [Route("conv/café/{x}/<int:n>/", Name = "conv_literal")]
    public static string Literal(int n) => $"literal {n.ToString(CultureInfo.InvariantCulture)}";

    [Route("conv/pair/<int:a>/<slug:b>/")]
    public static string Pair(int a, string b) => $"pair {a.ToString(CultureInfo.InvariantCulture)} {b}";
}

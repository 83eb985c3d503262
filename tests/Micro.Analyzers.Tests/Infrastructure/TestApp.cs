namespace Micro.Analyzers.Tests.Infrastructure;

/// <summary>The test app every case starts from: <c>static class Site</c> with a valid <c>home</c> route, members and types added.</summary>
internal static class TestApp
{
    /// <summary>
    /// Program.cs with <paramref name="members"/> inside <c>Site</c> (from line 7) and <paramref name="types"/>
    /// after it; <paramref name="statements"/> run before <c>return MicroApp.Run(args);</c>.
    /// </summary>
    public static string With(string members = "", string types = "", string statements = "") => $$"""
        {{statements}}
        return MicroApp.Run(args);

        public static class Site
        {
            [Route("", Name = "home")] public static string Home() => "home";

        {{Indent(members)}}
        }

        {{types}}
        """;

    private static string Indent(string members) =>
        string.Join("\n", members.Split('\n').Select(static line => line.Length == 0 ? line : "    " + line));
}

namespace Micro.Commands;

/// <summary>List the URL table: pattern, name, methods, handler and where each route is declared.</summary>
[Command]
internal static class RoutesCommand
{
    /// <summary>Prints one route per line, in matching order.</summary>
    /// <param name="context">The running command.</param>
    public static void Run(CommandContext context)
    {
        var table = context.Manifest.Routes;
        if (table.Routes.Count == 0)
        {
            context.Out.WriteLine("The app has no routes.");
            return;
        }

        var rows = new List<string[]> { new[] { "PATTERN", "NAME", "METHODS", "HANDLER", "SOURCE" } };
        foreach (var route in table.Routes)
        {
            rows.Add(
            [
                route.IsRegex ? route.Pattern : "/" + route.Pattern,
                route.Name ?? "",
                route.Methods.Count == 0 ? "*" : string.Join(",", route.Methods),
                route.Handler,
                route.Source,
            ]);
        }

        var widths = Enumerable.Range(0, rows[0].Length).Select(column => rows.Max(row => row[column].Length)).ToArray();
        foreach (var row in rows)
        {
            var cells = row.Select((cell, column) => column == row.Length - 1 ? cell : cell.PadRight(widths[column]));
            context.Out.WriteLine(string.Join("  ", cells).TrimEnd());
        }
    }
}

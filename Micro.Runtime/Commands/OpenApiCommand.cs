using Micro.OpenApi;

namespace Micro.Commands;

/// <summary>Write the OpenAPI document of the app's JSON routes, to a file or to standard output.</summary>
[Command("openapi")]
internal static class OpenApiCommand
{
    /// <summary>Writes the document the app serves at /openapi.json.</summary>
    /// <param name="context">The running command.</param>
    /// <param name="output">The file to write; standard output when left out.</param>
    public static int Run(CommandContext context, string? output = null)
    {
        if (OpenApiDocument.For(context.App.Manifest, context.Services) is not { } document)
        {
            context.Error.WriteLine("The app has no JSON routes (none reads a JSON body or writes JSON), so it has no OpenAPI document.");
            return 1;
        }

        if (output is null)
        {
            context.Out.Write(System.Text.Encoding.UTF8.GetString(document));
            return 0;
        }

        File.WriteAllBytes(output, document);
        context.Out.WriteLine($"Wrote {output}.");
        return 0;
    }
}

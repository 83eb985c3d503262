using System.Globalization;

namespace Micro.Commands;

/// <summary>Serve the app (the default command). Quit with Ctrl+C.</summary>
[Command]
internal static class RunserverCommand
{
    /// <summary>Serves until Ctrl+C.</summary>
    /// <param name="context">The running command.</param>
    /// <param name="addrport">The port or address:port to listen on: 8000, 0.0.0.0:8000, [::]:8000. Without it, --urls or the configuration decides.</param>
    public static Task<int> RunAsync(CommandContext context, [Argument] string? addrport = null)
    {
        if (addrport is not null)
        {
            var url = ToUrl(addrport);
            context.App.Urls.Clear();
            context.App.Urls.Add(url);
        }

        return context.App.ServeAsync(context.CancellationToken);
    }

    /// <summary>Django's <c>runserver</c> argument as a URL: <c>8000</c> is <c>http://127.0.0.1:8000</c>, <c>0:8000</c> is <c>http://0.0.0.0:8000</c>.</summary>
    internal static string ToUrl(string addrport)
    {
        if (addrport.Contains("://", StringComparison.Ordinal))
        {
            return addrport;
        }

        var colon = addrport.LastIndexOf(':');
        var address = colon < 0 ? "127.0.0.1" : addrport[..colon];
        var port = colon < 0 ? addrport : addrport[(colon + 1)..];
        if (address == "0")
        {
            address = "0.0.0.0";
        }

        var validAddress = address.Length > 0 && (address.StartsWith('[') ? address.EndsWith(']') : !address.Contains(':'));
        if (!validAddress || !ushort.TryParse(port, NumberStyles.None, CultureInfo.InvariantCulture, out _))
        {
            throw new CommandUsageException($"'{addrport}' is not a port or address:port (for example 8000, 0.0.0.0:8000 or [::1]:8000).");
        }

        return $"http://{address}:{port}";
    }
}

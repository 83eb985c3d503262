using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Micro.Routing;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Micro.Hosting;

/// <summary>The route tables mounted in this app and the error handlers they declare.</summary>
internal sealed class MountedRouteTables
{
    private readonly List<(RouteTable Table, string Prefix)> _tables = [];
    private readonly Dictionary<int, RequestDelegate> _handlers = [];

    public IReadOnlyList<(RouteTable Table, string Prefix)> Tables => _tables;

    public void Add(RouteTable table, string prefix, IServiceProvider services)
    {
        _tables.Add((table, prefix));
        foreach (var handler in table.ErrorHandlers)
        {
            _handlers.TryAdd(handler.StatusCode, UrlScope.Enter(handler.CreateRequestDelegate(services), table, prefix, this));
        }
    }

    public RequestDelegate? HandlerFor(int statusCode) => _handlers.GetValueOrDefault(statusCode);
}

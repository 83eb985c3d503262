using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Micro.Templates
{
    /// <summary>
    /// Adds variables to every template rendered for a request, as Django's context processors: Micro's add
    /// <c>csrf_token</c>, <c>messages</c> and <c>request</c>; register your own as a service
    /// (<c>services.AddSingleton&lt;ITemplateContextProcessor, MyProcessor&gt;()</c>). A view's own variables win over these.
    /// </summary>
    public interface ITemplateContextProcessor
    {
        /// <summary>Adds what templates rendered for <paramref name="request"/> may read. Processors run once a render, when the
        /// template first reads a variable its own context lacks (a page that reads only its view's variables runs none). A value
        /// that costs something should still be a <c>Func&lt;object?&gt;</c>: templates call it only when they use that variable.</summary>
        void Process(HttpContext request, IDictionary<string, object?> values);
    }

    /// <summary>
    /// The request's context processors' variables for one render, made on the first read the template's own variables don't
    /// answer: most pages read only what their view passed, and then no processor runs.
    /// </summary>
    internal sealed class TemplateContextProcessors
    {
        private readonly HttpContext _request;
        private Dictionary<string, object?>? _values;

        public TemplateContextProcessors(HttpContext request) => _request = request;

        /// <summary>Every processor's variables (running the processors if no read has yet).</summary>
        public IReadOnlyDictionary<string, object?> Values => _values ??= Run(_request);

        public bool TryGetValue(string name, out object? value) => Values.TryGetValue(name, out value);

        private static Dictionary<string, object?> Run(HttpContext request)
        {
            // Room for Micro's own five (request, csrf_token, messages, user, perms) without growing.
            var values = new Dictionary<string, object?>(5, StringComparer.Ordinal);
            foreach (var processor in request.RequestServices.GetServices<ITemplateContextProcessor>())
            {
                processor.Process(request, values);
            }

            return values;
        }
    }

    /// <summary><c>request</c> in templates: <c>request.path</c>, <c>request.method</c>, <c>request.GET.q</c>, <c>request.is_secure</c>.</summary>
    internal sealed class RequestContextProcessor : ITemplateContextProcessor
    {
        public void Process(HttpContext request, IDictionary<string, object?> values) => values["request"] = new TemplateRequest(request);
    }

    /// <summary>What templates read of the request, without reflection.</summary>
    internal sealed class TemplateRequest(HttpContext context) : ITemplateObject
    {
        private QueryDict? _get;

        /// <summary><c>request.GET</c>: Django's QueryDict of the request's query, read once (<c>{% querystring %}</c> starts from it).</summary>
        public QueryDict Get => _get ??= QueryDict.Parse(context.Request.QueryString.Value);

        public bool TryGetMember(string name, out object? value)
        {
            var request = context.Request;
            value = name switch
            {
                "path" => request.PathBase.Add(request.Path).Value ?? "/",
                "path_info" => request.Path.Value ?? "/",
                "method" => request.Method,
                "scheme" => request.Scheme,
                "is_secure" => request.IsHttps,
                "host" => request.Host.Value,
                "GET" => Get,
                "full_path" => request.PathBase.Add(request.Path).Add(request.QueryString),
                "resolver_match" => ResolverMatch.For(context),
                _ => null,
            };
            return value is not null;
        }
    }
}

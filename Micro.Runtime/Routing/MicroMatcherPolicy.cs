using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Matching;
using Microsoft.Extensions.Options;

namespace Micro.Routing;

/// <summary>
/// Makes endpoint routing decide Micro routes with values the way Django does. Endpoint routing narrows
/// the candidates with a looser pattern; this policy then matches each Micro candidate exactly
/// (case, trailing slash, converter expressions), takes its values from the match, answers 405 with
/// an <c>Allow</c> header when only the method is wrong, and redirects to the URL with a slash
/// appended when only that URL matches (Django's <c>APPEND_SLASH</c>). Routes without values are
/// decided earlier by <see cref="MicroLiteralRoutePolicy"/>; its 405 and redirect endpoints are
/// settled here when other endpoints compete with them.
/// </summary>
internal sealed class MicroMatcherPolicy(IOptions<MicroOptions> options) : MatcherPolicy, IEndpointSelectorPolicy
{
    // After the built-in policies, so that only path candidates that survived them are decided here.
    public override int Order => 1000;

    public bool AppliesToEndpoints(IReadOnlyList<Endpoint> endpoints)
    {
        var hasFallback = false;
        foreach (var endpoint in endpoints)
        {
            if (endpoint.Metadata.GetMetadata<MicroRouteMetadata>() is { Matcher.LiteralPath: null })
            {
                return true;
            }

            hasFallback |= endpoint.Metadata.GetMetadata<MicroFallbackMetadata>() is not null;
        }

        return hasFallback && endpoints.Count > 1;
    }

    public Task ApplyAsync(HttpContext httpContext, CandidateSet candidates)
    {
        var path = httpContext.Request.Path.Value is { Length: > 0 } value ? value : "/";
        var method = httpContext.Request.Method;
        var anyValid = false;
        var winnerIndex = -1;
        List<string>? allowed = null;
        var slashRedirect = -1;

        for (var i = 0; i < candidates.Count; i++)
        {
            if (!candidates.IsValidCandidate(i))
            {
                continue;
            }

            var candidate = candidates[i];
            if (candidate.Endpoint.Metadata.GetMetadata<MicroFallbackMetadata>() is { } fallback)
            {
                // A 405 or redirect decided for a route without values: it stands only if nothing else matches.
                if (fallback.Allowed is { } methods)
                {
                    allowed ??= [];
                    allowed.AddRange(methods);
                }
                else if (slashRedirect < 0)
                {
                    slashRedirect = i;
                }

                candidates.SetValidity(i, false);
                continue;
            }

            var micro = candidate.Endpoint.Metadata.GetMetadata<MicroRouteMetadata>();
            if (micro is null)
            {
                anyValid = true;
                continue;
            }

            if (!micro.Matcher.TryMatch(path, keepCandidateValues: true, out var values))
            {
                if (slashRedirect < 0 && WantsSlashRedirect(path, method) && micro.Matcher.TryMatch(path + "/", out _))
                {
                    slashRedirect = i;
                }

                candidates.SetValidity(i, false);
                continue;
            }

            if (!micro.Allows(method))
            {
                allowed ??= [];
                allowed.AddRange(micro.Route.Methods);
                candidates.SetValidity(i, false);
                continue;
            }

            // Two Micro routes that match equally well: the first declared wins, as in a Django urlpatterns list.
            if (winnerIndex >= 0 && candidates[winnerIndex].Score == candidate.Score)
            {
                var winner = candidates[winnerIndex].Endpoint.Metadata.GetMetadata<MicroRouteMetadata>()!;
                if (winner.DeclarationIndex < micro.DeclarationIndex)
                {
                    candidates.SetValidity(i, false);
                    continue;
                }

                candidates.SetValidity(winnerIndex, false);
            }

            candidates.ReplaceEndpoint(i, candidate.Endpoint, values ?? candidate.Values);
            winnerIndex = i;
            anyValid = true;
        }

        if (anyValid)
        {
            return Task.CompletedTask;
        }

        if (allowed is not null)
        {
            Replace(candidates, MicroFallbacks.MethodNotAllowed([.. allowed.Distinct(StringComparer.OrdinalIgnoreCase)]));
        }
        else if (slashRedirect >= 0)
        {
            Replace(candidates, MicroFallbacks.AppendSlash);
        }

        return Task.CompletedTask;
    }

    private bool WantsSlashRedirect(string path, string method) =>
        options.Value.AppendSlash && !path.EndsWith('/') && (HttpMethods.IsGet(method) || HttpMethods.IsHead(method));

    private static void Replace(CandidateSet candidates, Endpoint endpoint)
    {
        candidates.ReplaceEndpoint(0, endpoint, null);
        candidates.SetValidity(0, true);
    }
}

/// <summary>Marks the 405 and redirect endpoints Micro's routing answers with; <see cref="Allowed"/> is null for the redirect.</summary>
internal sealed class MicroFallbackMetadata(IReadOnlyList<string>? allowed)
{
    public IReadOnlyList<string>? Allowed { get; } = allowed;
}

/// <summary>What routing answers when a path matches a Micro route but not the request: 405, or Django's slash redirect.</summary>
internal static class MicroFallbacks
{
    /// <summary>
    /// 301 to the same URL with a slash appended, query string kept. The target stays on this site: a path that starts
    /// with <c>//</c> (<c>GET //evil.example</c> with a catch-all route) is sent to <c>/%2Fevil.example/</c>, and a
    /// backslash is percent-encoded, so that no browser reads the target as another host.
    /// </summary>
    public static readonly Endpoint AppendSlash = new(
        context =>
        {
            var request = context.Request;
            context.Response.StatusCode = StatusCodes.Status301MovedPermanently;
            context.Response.Headers.Location =
                UrlEncoding.EscapeLeadingSlashes((request.PathBase + request.Path).ToUriComponent() + "/") + request.QueryString;
            return Task.CompletedTask;
        },
        new EndpointMetadataCollection(new MicroFallbackMetadata(null)),
        "Append slash redirect");

    /// <summary>405 with an <c>Allow</c> header listing <paramref name="allowed"/>.</summary>
    public static Endpoint MethodNotAllowed(IReadOnlyList<string> allowed)
    {
        var allow = string.Join(", ", allowed);
        return new Endpoint(
            context =>
            {
                context.Response.StatusCode = StatusCodes.Status405MethodNotAllowed;
                context.Response.Headers.Allow = allow;
                return Task.CompletedTask;
            },
            new EndpointMetadataCollection(new MicroFallbackMetadata(allowed)),
            "405 Method Not Allowed");
    }
}

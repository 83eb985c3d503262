using System.ComponentModel;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Micro.Routing;

/// <summary>
/// Authorization of one verb of a class-based view, whose verbs share one endpoint: the verb method's own <c>[Authorize]</c>,
/// <c>[AllowAnonymous]</c>, <c>[LoginRequired]</c>... evaluated as ASP.NET Core's authorization middleware evaluates an endpoint's
/// (the class's attributes are the endpoint's, and the middleware has already required them). Generated code creates one per verb.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class RouteAuthorization
{
    private readonly IServiceProvider _services;
    private readonly IAuthorizeData[] _authorizeData;
    private readonly AuthorizationPolicy[] _policies;
    private readonly IAuthorizationRequirement[] _requirements;
    private readonly bool _allowAnonymous;

    private RouteAuthorization(IServiceProvider services, object[] metadata)
    {
        _services = services;
        _authorizeData = metadata.OfType<IAuthorizeData>().ToArray();
        _policies = metadata.OfType<AuthorizationPolicy>().ToArray();
        _requirements = metadata.OfType<IAuthorizationRequirementData>().SelectMany(static data => data.GetRequirements()).ToArray();
        _allowAnonymous = metadata.OfType<Microsoft.AspNetCore.Authorization.IAllowAnonymous>().Any();
    }

    /// <summary>Called by generated code when the endpoint is built, with the verb method's attributes.</summary>
    public static RouteAuthorization Create(IServiceProvider services, object[] metadata) => new(services, metadata);

    /// <summary>True when the request may go on; otherwise the response is the challenge (a login redirect, a 401) or the 403.</summary>
    public async ValueTask<bool> AuthorizeAsync(HttpContext context)
    {
        if (_allowAnonymous)
        {
            return true;
        }

        var policyProvider = _services.GetRequiredService<IAuthorizationPolicyProvider>();
        var policy = await AuthorizationPolicy.CombineAsync(policyProvider, _authorizeData, _policies);
        if (_requirements.Length > 0)
        {
            var requirements = new AuthorizationPolicyBuilder().AddRequirements(_requirements).Build();
            policy = policy is null ? requirements : AuthorizationPolicy.Combine(policy, requirements);
        }

        if (policy is null)
        {
            return true;
        }

        var evaluator = context.RequestServices.GetRequiredService<IPolicyEvaluator>();
        var authentication = await evaluator.AuthenticateAsync(policy, context);
        var result = await evaluator.AuthorizeAsync(policy, authentication, context, context);
        var allowed = false;
        await _services.GetRequiredService<IAuthorizationMiddlewareResultHandler>().HandleAsync(
            _ =>
            {
                allowed = true;
                return Task.CompletedTask;
            },
            context,
            policy,
            result);
        return allowed;
    }
}

using System.Net.Http.Headers;
using System.Security.Claims;
using Micro.Auth.Tests.Infrastructure;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Micro.Auth.Tests;

/// <summary>
/// Requests without the session cookie skip authentication only while Micro's session login is the only scheme: an app
/// that adds its own (a token in a header) has it run on every request, cookie or not.
/// </summary>
public sealed class AuthenticationSchemeTests(AuthenticationSchemeTests.TokenSchemeApp app) : IClassFixture<AuthenticationSchemeTests.TokenSchemeApp>
{
    [Fact]
    public async Task A_scheme_the_app_adds_authenticates_a_request_without_a_session_cookie()
    {
        using var client = new HttpClient { BaseAddress = app.BaseAddress };
        using var request = new HttpRequestMessage(HttpMethod.Get, "/claims/");
        request.Headers.Authorization = new AuthenticationHeaderValue("Token", "grace");

        var response = await client.SendAsync(request);

        Assert.StartsWith("name=grace authenticated=True", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Without_its_header_the_request_is_anonymous()
    {
        using var client = new HttpClient { BaseAddress = app.BaseAddress };

        Assert.StartsWith("name=- authenticated=False", await client.GetStringAsync("/claims/"));
    }

    /// <summary>The auth test app with a second scheme, the default for authenticating: <c>Authorization: Token NAME</c>.</summary>
    public sealed class TokenSchemeApp : AuthApp
    {
        protected override bool Migrate => false;

        protected override void ConfigureServices(IServiceCollection services) =>
            services.AddAuthentication(options =>
            {
                options.AddScheme<TokenHandler>("Token", "Token");
                options.DefaultAuthenticateScheme = "Token";
            });
    }

    private sealed class TokenHandler : IAuthenticationHandler
    {
        private HttpContext _context = null!;

        public Task InitializeAsync(AuthenticationScheme scheme, HttpContext context)
        {
            _context = context;
            return Task.CompletedTask;
        }

        public Task<AuthenticateResult> AuthenticateAsync()
        {
            var header = _context.Request.Headers.Authorization.ToString();
            if (!header.StartsWith("Token ", StringComparison.Ordinal))
            {
                return Task.FromResult(AuthenticateResult.NoResult());
            }

            var identity = new ClaimsIdentity([new Claim(ClaimTypes.Name, header["Token ".Length..])], "Token");
            return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), "Token")));
        }

        public Task ChallengeAsync(AuthenticationProperties? properties) => Task.CompletedTask;

        public Task ForbidAsync(AuthenticationProperties? properties) => Task.CompletedTask;
    }
}

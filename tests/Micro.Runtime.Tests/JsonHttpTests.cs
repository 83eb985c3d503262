using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Micro.Generated;
using Micro.Runtime.Tests.Infrastructure;
using Micro.Runtime.Tests.TestApp;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Micro.Runtime.Tests;

/// <summary>The test app with a string enum converter in the app's JSON options, as a minimal API app configures it.</summary>
public sealed class StringEnumApp : MicroAppFixture
{
    protected override void ConfigureServices(IServiceCollection services) =>
        services.ConfigureHttpJsonOptions(static o => o.SerializerOptions.Converters.Add(new JsonStringEnumConverter<Color>()));
}

/// <summary>
/// The test app with the app's own JSON metadata ahead of Micro's: a resolver built on System.Text.Json's generated
/// context that renames <see cref="Person"/>'s properties.
/// </summary>
public sealed class UserResolverApp : MicroAppFixture
{
    public static readonly IJsonTypeInfoResolver UserResolver = ParityContext.Default.WithAddedModifier(static typeInfo =>
    {
        if (typeInfo.Type == typeof(Person))
        {
            foreach (var property in typeInfo.Properties)
            {
                property.Name = "user_" + property.Name;
            }
        }
    });

    protected override void ConfigureServices(IServiceCollection services) =>
        services.ConfigureHttpJsonOptions(static o => o.SerializerOptions.TypeInfoResolverChain.Insert(0, UserResolver));
}

/// <summary>JSON over real HTTP honours the app's JSON options, as a minimal API does.</summary>
public sealed class JsonOptionsTests(StringEnumApp app) : IClassFixture<StringEnumApp>
{
    [Fact]
    public async Task A_string_enum_converter_in_the_options_writes_enum_names()
    {
        var response = await app.Client.GetAsync("/json/color/");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.BodyAsync();
        Assert.Equal("""{"color":"Green","second":"Blue","others":["Red"]}""", body);

        // What a minimal API writes with the same options and System.Text.Json's generated metadata.
        var minimalApi = new JsonSerializerOptions(JsonSerializerDefaults.Web) { TypeInfoResolver = ParityContext.Default };
        minimalApi.Converters.Add(new JsonStringEnumConverter<Color>());
        Assert.Equal(JsonSerializer.Serialize(new ColorChoice(Color.Green, Color.Blue, [Color.Red]), minimalApi.GetTypeInfo(typeof(ColorChoice))), body);
    }

    [Fact]
    public async Task A_string_enum_converter_in_the_options_reads_enum_names()
    {
        var response = await app.Client.PostAsync("/json/converted/", Json("""{"cover":"Blue","spine":null,"size":"medium"}"""));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("\"cover\":\"Blue\"", await response.BodyAsync());
    }

    [Fact]
    public async Task A_missing_required_property_is_a_400_naming_it()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/json/order/") { Content = Json("""{"id":"A-1","currency":"EUR"}""") };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        var response = await app.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var problem = JsonDocument.Parse(await response.BodyAsync());
        var detail = problem.RootElement.GetProperty("detail").GetString();
        Assert.StartsWith("The JSON body for parameter 'order' is invalid", detail);
        Assert.Contains("'customer'", detail);
    }

    [Fact]
    public async Task A_missing_required_member_is_a_400_naming_it()
    {
        var response = await app.Client.PostAsync("/json/book/", Json("""{"title":"Dune"}"""));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("'publisher'", WebUtility.HtmlDecode(await response.BodyAsync()));
    }

    [Fact]
    public async Task Required_properties_present_are_read()
    {
        var response = await app.Client.PostAsync("/json/order/", Json("""{"id":"A-1","customer":"Ada","currency":"EUR"}"""));

        // An init-only member the JSON leaves out is set to its default, not its initializer, as by System.Text.Json's generator.
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("""{"id":"A-1","quantity":1,"customer":"Ada","currency":"EUR","channel":null,"shippedAt":null}""", await response.BodyAsync());
    }

    [Fact]
    public async Task Polymorphic_values_carry_their_discriminator()
    {
        var response = await app.Client.PostAsync("/json/shape/", Json("""{"$kind":"circle","label":"c","radius":2}"""));

        Assert.Equal("""{"$kind":"circle","radius":2,"label":"c"}""", await response.BodyAsync());
    }

    [Fact]
    public async Task An_interface_body_without_its_discriminator_is_a_400_not_a_500()
    {
        var known = await app.Client.PostAsync("/json/animal/", Json("""{"$type":2,"Name":"Tom","Lives":9}"""));
        var unknown = await app.Client.PostAsync("/json/animal/", Json("""{"Name":"Rex","Good":true}"""));

        Assert.Equal(HttpStatusCode.OK, known.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Contains("The JSON body for parameter 'value' can't be read", await unknown.BodyAsync());
    }

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");
}

/// <summary>Micro's JSON metadata comes after the app's own resolvers and before reflection.</summary>
public sealed class JsonResolverOrderTests(UserResolverApp app) : IClassFixture<UserResolverApp>
{
    [Fact]
    public async Task The_apps_own_resolver_wins_over_Micros()
    {
        var response = await app.Client.GetAsync("/json/person/");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("""{"user_name":"Ada","user_age":36}""", await response.BodyAsync());
    }

    [Fact]
    public async Task Micros_metadata_serves_the_types_the_apps_resolver_lacks()
    {
        var response = await app.Client.PostAsync("/json/strict/", new StringContent("""{"value":3}""", Encoding.UTF8, "application/json"));

        Assert.Equal("""{"value":3}""", await response.BodyAsync());
    }

    [Fact]
    public void Micros_resolver_is_added_after_the_apps()
    {
        var chain = app.Services.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions.TypeInfoResolverChain;

        Assert.Equal([UserResolverApp.UserResolver, MicroJsonResolver.Instance], chain);
    }

    [Fact]
    public void Micros_resolver_goes_before_reflection()
    {
#pragma warning disable IL2026, IL3050 // Reflection-based metadata is only placed in the chain, never used.
        var reflection = new DefaultJsonTypeInfoResolver();
#pragma warning restore IL2026, IL3050
        var options = new JsonSerializerOptions();
        options.TypeInfoResolverChain.Add(ParityContext.Default);
        options.TypeInfoResolverChain.Add(reflection);

        MicroExtensions.AddJsonResolver(options, MicroJsonResolver.Instance);
        MicroExtensions.AddJsonResolver(options, MicroJsonResolver.Instance);

        Assert.Equal([ParityContext.Default, MicroJsonResolver.Instance, reflection], options.TypeInfoResolverChain);
    }

    [Fact]
    public void Micros_resolver_goes_after_a_context_set_as_the_resolver()
    {
        var options = new JsonSerializerOptions { TypeInfoResolver = ParityContext.Default };

        MicroExtensions.AddJsonResolver(options, MicroJsonResolver.Instance);

        Assert.Equal([ParityContext.Default, MicroJsonResolver.Instance], options.TypeInfoResolverChain);
    }
}

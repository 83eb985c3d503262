using System.Net;
using System.Text;
using System.Text.Json;
using Micro.Runtime.Tests.Infrastructure;
using Micro.Runtime.Tests.TestApp;
using Microsoft.Extensions.DependencyInjection;

namespace Micro.Runtime.Tests;

/// <summary>
/// A route that writes a JSON body to a real SQLite file (TestApp/ArticleViews.cs): a body that leaves a value out, or
/// a write the database refuses, is the client's error with a message saying what, never a 500.
/// </summary>
public sealed class JsonWriteTests(DatabaseApp app) : IClassFixture<DatabaseApp>
{
    [Fact]
    public async Task A_complete_body_is_written()
    {
        var writer = await CreateWriterAsync("Complete");

        var response = await PostAsync($$"""{"title":"Whole","slug":"whole","writerId":{{writer}}}""");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("created ", await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("""{"title":"No writer","slug":"no-writer"}""", "writerId")]
    [InlineData("""{"slug":"no-title","writerId":1}""", "title")]
    [InlineData("""{"title":null,"slug":"null-title","writerId":1}""", "title")]
    [InlineData("""{"title":"Null slug","slug":null,"writerId":1}""", "slug")]
    public async Task A_missing_or_null_value_is_a_400_naming_it(string body, string property)
    {
        var response = await PostAsync(body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var detail = await DetailAsync(response);
        Assert.StartsWith("The JSON body for parameter 'article' is invalid: ", detail, StringComparison.Ordinal);
        Assert.Contains($"'{property}'", detail, StringComparison.OrdinalIgnoreCase); // as sent, or the parameter's C# name
    }

    [Fact]
    public async Task A_taken_unique_value_is_a_409_naming_the_column()
    {
        var writer = await CreateWriterAsync("Twice");
        Assert.Equal(HttpStatusCode.OK, (await PostAsync($$"""{"title":"One","slug":"taken","writerId":{{writer}}}""")).StatusCode);

        var response = await PostAsync($$"""{"title":"Two","slug":"taken","writerId":{{writer}}}""");

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal("A row with the same Slug already exists.", await DetailAsync(response));
    }

    [Fact]
    public async Task A_value_longer_than_its_column_is_a_400_naming_it()
    {
        var writer = await CreateWriterAsync("Verbose");

        var response = await PostAsync($$"""{"title":"{{new string('t', 101)}}","slug":"too-long","writerId":{{writer}}}""");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("Article.Title holds at most 100 characters; the value has 101.", await DetailAsync(response));
    }

    [Fact]
    public async Task A_reference_to_no_row_is_a_400()
    {
        var response = await PostAsync("""{"title":"Orphan","slug":"orphan","writerId":999999}""");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("A value refers to a row that doesn't exist.", await DetailAsync(response));
    }

    private async Task<HttpResponseMessage> PostAsync(string json)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/articles/")
        {
            Content = new StringContent(json, Encoding.UTF8, "application/json"),
        };
        request.Headers.Accept.ParseAdd("application/json");
        return await app.Client.SendAsync(request);
    }

    private static async Task<string?> DetailAsync(HttpResponseMessage response)
    {
        Assert.Equal("application/problem+json; charset=utf-8", response.MediaType());
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return problem.RootElement.GetProperty("detail").GetString();
    }

    private async Task<int> CreateWriterAsync(string name)
    {
        using var scope = app.Services.CreateScope();
        return (await scope.ServiceProvider.GetRequiredService<Db>().Writers.CreateAsync(new Writer { Name = name })).Id;
    }
}

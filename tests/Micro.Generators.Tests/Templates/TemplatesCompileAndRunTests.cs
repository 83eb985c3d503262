using System.Text;
using Micro.Generators.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.CodeAnalysis;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Internal;

namespace Micro.Generators.Tests.Templates;

/// <summary>
/// The generated tags and accessors, compiled and run: the app's templates embedded as Micro.App.targets embeds them,
/// a route's <see cref="TemplateResult"/> executed with the engine <c>AddMicroTemplates</c> registers.
/// </summary>
public sealed class TemplatesCompileAndRunTests
{
    [Fact]
    public async Task AnonymousModelWithLayoutUrlsAndCustomTags()
    {
        using var app = LoadBlog();

        var result = Assert.IsType<TemplateResult>(app.Call("Site", "Archive", 2024));
        var (contentType, body) = await ExecuteAsync(app, result);

        Assert.Equal("text/html; charset=utf-8", contentType);
        Assert.Equal(
            """
            <title>2024</title><a href="/">home</a>
            <a href="/posts/hello/">HELLO WORLD!</a> 1 Helloworld
            <a href="/posts/second/">SECOND &lt;POST&gt;!</a> 0 Second&lt;post&gt;
            Hi, Ada! ababab <b>&lt;x&gt;</b> by Ada in 2024
            """,
            body.Trim());
    }

    [Fact]
    public async Task TypedModelWithSnakeCaseMembers()
    {
        using var app = LoadBlog();

        var result = Assert.IsType<TemplateResult>(app.Call("Site", "Detail", "intro"));
        var (_, body) = await ExecuteAsync(app, result);

        Assert.Equal("""<title>Blog</title><a href="/">home</a>Title of intro (2)""", body);
    }

    private static LoadedApp LoadBlog()
    {
        var run = TestCompilation.RunWithTemplates(TemplateApps.Blog, TemplateApps.BlogTemplates).AssertCompilesCleanly();
        var resources = TemplateApps.BlogTemplates.Select(static t =>
            new ResourceDescription("Micro.Templates/" + t.Name, () => new MemoryStream(Encoding.UTF8.GetBytes(t.Text)), isPublic: true));
        return LoadedApp.Load(run.Output, resources);
    }

    private static async Task<(string? ContentType, string Body)> ExecuteAsync(LoadedApp app, TemplateResult result)
    {
        var services = new ServiceCollection()
            .AddSingleton<IHostEnvironment>(new HostingEnvironment { EnvironmentName = "Production", ContentRootPath = Path.GetTempPath() })
            .AddMicroTemplates(app.Manifest)
            .BuildServiceProvider();
        var context = new DefaultHttpContext { RequestServices = services };
        var body = new MemoryStream();
        context.Response.Body = body;
        await result.ExecuteAsync(context);
        return (context.Response.ContentType, Encoding.UTF8.GetString(body.ToArray()));
    }
}

using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Micro.Runtime.Tests;

/// <summary>A page is encoded as UTF-8 straight into the response, with its Content-Length.</summary>
public sealed class TemplateResponseTests
{
    [Fact]
    public void A_surrogate_pair_split_between_two_chunks_of_the_page_is_encoded_whole()
    {
        // A fresh thread has no cached builder: the first chunk holds 1,024 characters, so the emoji after 1,023 'x's is split.
        var padding = new string('x', 1023);
        var emoji = string.Concat(Enumerable.Repeat("\U0001F600é", 3000));
        var expected = Encoding.UTF8.GetBytes(padding + emoji);
        byte[]? body = null;
        long? length = null;
        var thread = new Thread(() =>
        {
            var engine = new TemplateEngine(new TemplateOptions { Loader = new InMemoryTemplateLoader([new("page.html", "{{ a }}{{ b }}")]) });
            var context = new DefaultHttpContext { RequestServices = new ServiceCollection().BuildServiceProvider() };
            var stream = new MemoryStream();
            context.Response.Body = stream;
            engine.GetTemplate("page.html").RenderToResponse(new Dictionary<string, object?> { ["a"] = padding, ["b"] = emoji }, context).AsTask().GetAwaiter().GetResult();
            body = stream.ToArray();
            length = context.Response.ContentLength;
        });
        thread.Start();
        thread.Join();

        Assert.Equal(expected.Length, length);
        Assert.Equal(expected, body);
    }
}

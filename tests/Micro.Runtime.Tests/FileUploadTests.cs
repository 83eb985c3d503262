using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Micro.Runtime.Tests.Infrastructure;

namespace Micro.Runtime.Tests;

/// <summary>
/// Django's <c>FileField</c> in a form, over real HTTP (TestApp/FormViews.cs, <c>UploadForm</c>): an <c>IFormFile</c> property is a file
/// input, the form says it is multipart, and every mistake (no file, an empty one, a wrong extension, a form posted without the
/// multipart encoding) is an error on the field in Django's words; hostile names and bodies are never a server error.
/// </summary>
public sealed class FileUploadTests(ProductionApp app) : IClassFixture<ProductionApp>
{
    private const string Upload = "/forms/upload/";

    [Fact]
    public async Task The_page_is_a_multipart_form_with_file_inputs()
    {
        var html = await app.Client.GetStringAsync(Upload);

        Assert.Contains("<form method=\"post\" enctype=\"multipart/form-data\">", html);
        Assert.Contains("<input type=\"file\" name=\"photo\" required id=\"id_photo\">", html);
        Assert.Contains("<input type=\"file\" name=\"attachment\" id=\"id_attachment\">", html);
    }

    [Fact]
    public async Task Uploaded_files_are_read_with_the_other_fields()
    {
        using var content = Form(("title", "Cats"), File("photo", "cat.PNG", "png bytes"), File("attachment", "notes.txt", "hello"));

        var response = await app.Client.PostAsync(Upload, content);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Cats: cat.PNG (9 bytes: png bytes), attachment notes.txt (5 bytes)", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task An_optional_file_may_be_left_out_and_a_file_sent_twice_gives_the_last()
    {
        using var content = Form(("title", "Twice"), File("photo", "first.jpg", "first"), File("photo", "second.jpg", "second!"));

        var response = await app.Client.PostAsync(Upload, content);

        Assert.Equal("Twice: second.jpg (7 bytes: second!), attachment none", await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData(null, null, "This field is required.")]
    [InlineData("cat.png", "", "The submitted file is empty.")]
    [InlineData("cat.gif", "gif bytes", "File extension “gif” is not allowed. Allowed extensions are: png, jpg.")]
    [InlineData("cat", "no extension", "File extension “” is not allowed. Allowed extensions are: png, jpg.")]
    [InlineData("cat.png.exe", "tricky", "File extension “exe” is not allowed. Allowed extensions are: png, jpg.")]
    public async Task A_missing_empty_or_refused_file_is_an_error_on_its_field(string? name, string? body, string error)
    {
        using var content = name is null ? Form(("title", "Kept")) : Form(("title", "Kept"), File("photo", name, body!));

        var response = await app.Client.PostAsync(Upload, content);
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal([("photo", error)], FormBindingTests.FieldErrors(html));
        // The title is shown again; a file never is (the browser can't be given one back).
        Assert.Contains("value=\"Kept\"", html);
        Assert.Contains("<input type=\"file\" name=\"photo\" required aria-invalid=\"true\"", html);
    }

    [Fact]
    public async Task A_form_posted_without_the_multipart_encoding_is_told_so()
    {
        var response = await app.Client.PostAsync(Upload, new FormUrlEncodedContent([new("title", "Plain"), new("photo", "cat.png")]));

        Assert.Equal([("photo", "No file was submitted. Check the encoding type on the form.")], FormBindingTests.FieldErrors(await response.Content.ReadAsStringAsync()));
    }

    [Theory]
    [InlineData("../../etc/passwd.png")]
    [InlineData("C:\\Windows\\win.ini.jpg")]
    [InlineData("<script>alert(1)</script>.png")]
    [InlineData("名前.png")]
    public async Task A_hostile_file_name_is_the_clients_text_never_a_server_error(string name)
    {
        using var content = Form(("title", "Hostile"), File("photo", name, "bytes"));

        var response = await app.Client.PostAsync(Upload, content);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("Hostile: ", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_file_name_of_ten_thousand_characters_is_no_server_error()
    {
        using var content = Form(("title", "Long"), File("photo", new string('a', 10_000) + ".png", "bytes"));

        var response = await app.Client.PostAsync(Upload, content);

        Assert.True((int)response.StatusCode < 500, response.StatusCode.ToString());
    }

    [Fact]
    public async Task A_file_over_the_servers_body_limit_is_a_413()
    {
        // Kestrel's default limit on a request body is 30,000,000 bytes. The server answers before the body arrives, so the request
        // is written by hand: a client library would fail writing the rest instead of reading the answer.
        var uri = app.Client.BaseAddress!;
        var response = await Http.RawAsync(uri,
            $"POST {Upload} HTTP/1.1\r\nHost: {uri.Authority}\r\nContent-Type: multipart/form-data; boundary=b\r\nContent-Length: 31000000\r\nConnection: close\r\n\r\n"
            + "--b\r\nContent-Disposition: form-data; name=\"photo\"; filename=\"huge.png\"\r\n\r\n" + new string('x', 4096));

        Assert.StartsWith("HTTP/1.1 413 ", response);
    }

    [Fact]
    public async Task A_truncated_multipart_body_is_a_400()
    {
        using var content = new StringContent("--boundary\r\nContent-Disposition: form-data; name=\"photo\"; filename=\"cat.png\"\r\n\r\nunfinished", Encoding.UTF8);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse("multipart/form-data; boundary=boundary");

        var response = await app.Client.PostAsync(Upload, content);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    internal static MultipartFormDataContent Form(params object[] parts)
    {
        var content = new MultipartFormDataContent();
        foreach (var part in parts)
        {
            switch (part)
            {
                case (string name, string value):
                    content.Add(new StringContent(value), name);
                    break;
                case ValueTuple<string, string, ByteArrayContent> file:
                    content.Add(file.Item3, file.Item1, file.Item2);
                    break;
            }
        }

        return content;
    }

    internal static (string Field, string FileName, ByteArrayContent Content) File(string field, string fileName, string body) =>
        (field, fileName, new ByteArrayContent(Encoding.UTF8.GetBytes(body)));
}

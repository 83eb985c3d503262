using System.Net;
using Micro.Files;
using Micro.Runtime.Tests.Infrastructure;
using Micro.Tests.Shared;
using static Micro.Runtime.Tests.FileUploadTests;

namespace Micro.Runtime.Tests;

/// <summary>
/// Django's <c>ImageField</c> (<c>[ImageField]</c> on an upload, TestApp's <c>AvatarForm</c>): the input asks for images, and a file is
/// one when its content starts as a PNG, JPEG, GIF, WebP, BMP or ICO image does, whatever its name says; then its name must have one
/// of those formats' extensions.
/// </summary>
public sealed class ImageUploadTests(ProductionApp app) : IClassFixture<ProductionApp>
{
    [Fact]
    public async Task The_input_asks_for_images()
    {
        var html = await app.Client.GetStringAsync("/forms/avatar/");

        Assert.Contains("<input type=\"file\" name=\"avatar\" accept=\"image/*\" required id=\"id_avatar\">", html);
    }

    [Theory]
    [InlineData("dot.png", "png")]
    [InlineData("photo.JPG", "jpeg")]
    [InlineData("anim.gif", "gif")]
    [InlineData("pic.webp", "webp")]
    [InlineData("old.bmp", "bmp")]
    [InlineData("favicon.ico", "ico")]
    public async Task An_image_of_each_format_is_accepted(string name, string format)
    {
        using var content = Form(Image("avatar", name, Sample(format)));

        var response = await app.Client.PostAsync("/forms/avatar/", content);

        Assert.Equal($"{name}: {Sample(format).Length} bytes", await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("notes.png", "text", "Upload a valid image. The file you uploaded was either not an image or a corrupted image.")]
    [InlineData("page.svg", "svg", "Upload a valid image. The file you uploaded was either not an image or a corrupted image.")]
    [InlineData("cut.png", "truncated png", "Upload a valid image. The file you uploaded was either not an image or a corrupted image.")]
    [InlineData("zero.gif", "empty gif", "Upload a valid image. The file you uploaded was either not an image or a corrupted image.")]
    [InlineData("script.html", "png", "File extension “html” is not allowed. Allowed extensions are: bmp, dib, gif, ico, jfif, jpe, jpeg, jpg, png, webp.")]
    public async Task A_file_that_isnt_an_image_or_isnt_named_as_one_is_refused(string name, string body, string error)
    {
        using var content = Form(Image("avatar", name, Sample(body)));

        var response = await app.Client.PostAsync("/forms/avatar/", content);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal([("avatar", error)], FormBindingTests.FieldErrors(await response.Content.ReadAsStringAsync()));
    }

    [Fact]
    public void Only_the_header_is_read_and_short_files_are_no_images()
    {
        Assert.True(ImageFormats.IsImage(TestImages.Png));
        for (var length = 0; length < 24; length++)
        {
            Assert.False(ImageFormats.IsImage(TestImages.Png.AsSpan(0, length)), length.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
    }

    internal static (string Field, string FileName, ByteArrayContent Content) Image(string field, string fileName, byte[] body) =>
        (field, fileName, new ByteArrayContent(body));

    private static byte[] Sample(string format) => format switch
    {
        "png" => TestImages.Png,
        "truncated png" => TestImages.Png[..20],
        "jpeg" => [0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, (byte)'J', (byte)'F', (byte)'I', (byte)'F', 0x00],
        "gif" => [.. "GIF89a"u8, 0x01, 0x00, 0x01, 0x00, 0x80, 0x00, 0x00],
        "empty gif" => [.. "GIF89a"u8, 0x00, 0x00, 0x00, 0x00, 0x80, 0x00, 0x00],
        "webp" => [.. "RIFF"u8, 0x1A, 0x00, 0x00, 0x00, .. "WEBPVP8L"u8, 0x0D, 0x00, 0x00, 0x00, 0x2F],
        "bmp" => [.. "BM"u8, 0x3A, 0, 0, 0, 0, 0, 0, 0, 0x36, 0, 0, 0, 0x28, 0, 0, 0, 0x01, 0, 0, 0, 0x01, 0, 0, 0, 0x01, 0, 0x18, 0],
        "ico" => [0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x10, 0x10],
        "svg" => "<svg xmlns=\"http://www.w3.org/2000/svg\"></svg>"u8.ToArray(),
        _ => "just some text"u8.ToArray(),
    };
}

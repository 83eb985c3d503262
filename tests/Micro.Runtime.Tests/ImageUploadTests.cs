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
        Assert.Equal(new ImageSize(1, 1), ImageSize.Read(new MemoryStream(TestImages.Png)));
        for (var length = 0; length < 24; length++)
        {
            Assert.Null(ImageSize.Read(new MemoryStream(TestImages.Png[..length])));
        }
    }

    public static TheoryData<string, byte[], int, int> Sizes => new()
    {
        { "png", TestImages.OfPng(640, 480), 640, 480 },
        { "jpeg", TestImages.OfJpeg(1024, 768), 1024, 768 },
        { "jpeg after a 60 kB Exif segment", TestImages.OfJpeg(300, 200, exifLength: 60_000), 300, 200 },
        { "gif", TestImages.OfGif(320, 240), 320, 240 },
        { "lossless webp", TestImages.OfWebP(16_384, 3), 16_384, 3 },
        { "lossy webp", [.. "RIFF"u8, 0, 0, 0, 0, .. "WEBPVP8 "u8, 0, 0, 0, 0, 0, 0, 0, 0x9D, 0x01, 0x2A, 0x80, 0x02, 0xE0, 0x01, 0, 0], 640, 480 },
        { "extended webp", [.. "RIFF"u8, 0, 0, 0, 0, .. "WEBPVP8X"u8, 0x0A, 0, 0, 0, 0, 0, 0, 0, 0x7F, 0x02, 0x00, 0xDF, 0x01, 0x00, 0], 640, 480 },
        { "bmp", TestImages.OfBmp(33, 17), 33, 17 },
        { "top-down bmp", TestImages.OfBmp(33, -17), 33, 17 },
        { "icon: its largest image", TestImages.OfIcon((16, 16), (256, 256), (48, 48)), 256, 256 },
    };

    [Theory]
    [MemberData(nameof(Sizes))]
    public void The_size_of_each_format_is_read_from_its_header(string format, byte[] image, int width, int height)
    {
        Assert.True(ImageSize.Read(new MemoryStream(image)) == new ImageSize(width, height), format);
        Assert.True(ImageSize.Read(new ForwardOnlyStream(image)) == new ImageSize(width, height), format + ", read without seeking");
    }

    public static TheoryData<string, byte[]> NoSizes => new()
    {
        { "jpeg whose scan starts before any frame header", [0xFF, 0xD8, 0xFF, 0xDA, 0x00, 0x02, 0xFF, 0xC0, 0x00, 0x11, 0x08, 0x00, 0x10, 0x00, 0x10] },
        { "jpeg ending inside a segment", TestImages.OfJpeg(10, 10, exifLength: 1000)[..500] },
        { "jpeg with a segment length below 2", [0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x01, 0xFF, 0xC0, 0x00, 0x11, 0x08, 0x00, 0x10, 0x00, 0x10] },
        { "jpeg whose frame header is cut", TestImages.OfJpeg(10, 10)[..52] },
        { "jpeg of width 0", TestImages.OfJpeg(0, 10) },
        { "png of height 0", TestImages.OfPng(5, 0) },
        { "png wider than an int", TestImages.OfPng(-1, 5) },
        { "bmp of height int.MinValue", TestImages.OfBmp(5, int.MinValue) },
        { "icon without images", TestImages.OfIcon() },
        { "icon whose directory is cut", TestImages.OfIcon((16, 16), (32, 32))[..30] },
        { "webp without its lossless signature", [.. TestImages.OfWebP(5, 5)[..20], 0x00, .. TestImages.OfWebP(5, 5)[21..]] },
        { "webp of an unknown chunk", [.. "RIFF"u8, 0, 0, 0, 0, .. "WEBPALPH"u8, .. new byte[20]] },
    };

    [Theory]
    [MemberData(nameof(NoSizes))]
    public void Damaged_headers_have_no_size(string what, byte[] image)
    {
        Assert.True(ImageSize.Read(new MemoryStream(image)) is null, what);
    }

    /// <summary>A stream that can't seek, as a request body can be: the reader skips JPEG segments by reading.</summary>
    private sealed class ForwardOnlyStream(byte[] content) : MemoryStream(content)
    {
        public override bool CanSeek => false;

        public override long Seek(long offset, SeekOrigin loc) => throw new NotSupportedException();
    }

    internal static (string Field, string FileName, ByteArrayContent Content) Image(string field, string fileName, byte[] body) =>
        (field, fileName, new ByteArrayContent(body));

    private static byte[] Sample(string format) => format switch
    {
        "png" => TestImages.Png,
        "truncated png" => TestImages.Png[..20],
        "jpeg" => TestImages.OfJpeg(2, 2),
        "gif" => TestImages.OfGif(1, 1),
        "empty gif" => TestImages.OfGif(0, 0),
        "webp" => TestImages.OfWebP(1, 1),
        "bmp" => TestImages.OfBmp(1, 1),
        "ico" => TestImages.OfIcon((16, 16)),
        "svg" => "<svg xmlns=\"http://www.w3.org/2000/svg\"></svg>"u8.ToArray(),
        _ => "just some text"u8.ToArray(),
    };
}

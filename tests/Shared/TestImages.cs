using System.Buffers.Binary;

namespace Micro.Tests.Shared;

/// <summary>Pictures for the tests of <c>[ImageField]</c>, which reads an upload's header: the headers of each format, of any size.</summary>
internal static class TestImages
{
    /// <summary>The header of a one-pixel PNG: its signature and an IHDR chunk of 1 × 1.</summary>
    public static readonly byte[] Png = OfPng(1, 1);

    /// <summary>A PNG's signature and IHDR chunk (8-bit RGBA) of <paramref name="width"/> × <paramref name="height"/>, as a header reader sees it.</summary>
    public static byte[] OfPng(int width, int height)
    {
        byte[] png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48, 0x44, 0x52, 0, 0, 0, 0, 0, 0, 0, 0, 0x08, 0x06, 0x00, 0x00, 0x00, 0x1F, 0x15, 0xC4, 0x89];
        BinaryPrimitives.WriteInt32BigEndian(png.AsSpan(16), width);
        BinaryPrimitives.WriteInt32BigEndian(png.AsSpan(20), height);
        return png;
    }

    /// <summary>A JPEG's start, a JFIF segment, an Exif segment of <paramref name="exifLength"/> bytes, a table, then a baseline frame header.</summary>
    public static byte[] OfJpeg(int width, int height, int exifLength = 20)
    {
        var output = new MemoryStream();
        output.Write([0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, (byte)'J', (byte)'F', (byte)'I', (byte)'F', 0x00, 0x01, 0x01, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00]);
        output.Write([0xFF, 0xE1, (byte)((exifLength + 2) >> 8), (byte)(exifLength + 2)]);
        output.Write(new byte[exifLength]);
        output.Write([0xFF, 0xDB, 0x00, 0x04, 0x00, 0x00]);
        output.Write([0xFF, 0xC0, 0x00, 0x11, 0x08, (byte)(height >> 8), (byte)height, (byte)(width >> 8), (byte)width, 0x03, 0x01, 0x22, 0x00, 0x02, 0x11, 0x01, 0x03, 0x11, 0x01]);
        output.Write([0xFF, 0xDA, 0x00, 0x02, 0xFF, 0xD9]);
        return output.ToArray();
    }

    public static byte[] OfGif(int width, int height) =>
        [.. "GIF89a"u8, (byte)width, (byte)(width >> 8), (byte)height, (byte)(height >> 8), 0x80, 0x00, 0x00];

    /// <summary>A lossless WebP (VP8L), whose header holds the size less one in two 14-bit fields.</summary>
    public static byte[] OfWebP(int width, int height)
    {
        var bits = (uint)(width - 1) | ((uint)(height - 1) << 14);
        byte[] webp = [.. "RIFF"u8, 0x1A, 0x00, 0x00, 0x00, .. "WEBPVP8L"u8, 0x0D, 0x00, 0x00, 0x00, 0x2F, 0, 0, 0, 0, 0x00, 0x00, 0x00, 0x00, 0x00];
        BinaryPrimitives.WriteUInt32LittleEndian(webp.AsSpan(21), bits);
        return webp;
    }

    /// <summary>A BMP with the common 40-byte info header; a negative height is one stored top-down.</summary>
    public static byte[] OfBmp(int width, int height)
    {
        byte[] bmp = [.. "BM"u8, 0x3A, 0, 0, 0, 0, 0, 0, 0, 0x36, 0, 0, 0, 0x28, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x01, 0, 0x18, 0];
        BinaryPrimitives.WriteInt32LittleEndian(bmp.AsSpan(18), width);
        BinaryPrimitives.WriteInt32LittleEndian(bmp.AsSpan(22), height);
        return bmp;
    }

    /// <summary>An icon's directory of images of the sizes given (256 is written as 0, as the format does).</summary>
    public static byte[] OfIcon(params (int Width, int Height)[] sizes)
    {
        var output = new MemoryStream();
        output.Write([0x00, 0x00, 0x01, 0x00, (byte)sizes.Length, (byte)(sizes.Length >> 8)]);
        foreach (var (width, height) in sizes)
        {
            var entry = new byte[16];
            entry[0] = (byte)(width == 256 ? 0 : width);
            entry[1] = (byte)(height == 256 ? 0 : height);
            output.Write(entry);
        }

        return output.ToArray();
    }
}

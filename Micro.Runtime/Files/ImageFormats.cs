using System.Buffers.Binary;
using Microsoft.AspNetCore.Http;

namespace Micro.Files;

/// <summary>
/// What <c>[ImageField]</c> accepts: the image formats a browser shows, recognized by their headers rather than their names (Django asks
/// Pillow's <c>verify()</c>). Only the header is read, never the whole image: a picture of any size costs the same to check.
/// </summary>
internal static class ImageFormats
{
    /// <summary>The extensions of the formats recognized, as <c>[FileExtensions]</c> lists them.</summary>
    public const string Extensions = "bmp,dib,gif,ico,jfif,jpe,jpeg,jpg,png,webp";

    private const int HeaderLength = 32;

    /// <summary>Whether the upload's content starts as one of the formats does, with a header that makes sense (a size above zero).</summary>
    public static bool IsImage(IFormFile file)
    {
        Span<byte> header = stackalloc byte[HeaderLength];
        int read;
        using (var stream = file.OpenReadStream())
        {
            read = stream.ReadAtLeast(header, HeaderLength, throwOnEndOfStream: false);
        }

        return IsImage(header[..read]);
    }

    internal static bool IsImage(ReadOnlySpan<byte> header)
    {
        // PNG: the signature, then the IHDR chunk with a width and height above zero.
        if (header.Length >= 24 && header.StartsWith((ReadOnlySpan<byte>)[0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A]) && header[12..16].SequenceEqual("IHDR"u8))
        {
            return BinaryPrimitives.ReadUInt32BigEndian(header[16..]) > 0 && BinaryPrimitives.ReadUInt32BigEndian(header[20..]) > 0;
        }

        // JPEG: the start-of-image marker, then another marker.
        if (header.Length >= 4 && header[0] == 0xFF && header[1] == 0xD8 && header[2] == 0xFF)
        {
            return true;
        }

        // GIF: its version, then the logical screen's width and height.
        if (header.Length >= 10 && (header.StartsWith("GIF87a"u8) || header.StartsWith("GIF89a"u8)))
        {
            return BinaryPrimitives.ReadUInt16LittleEndian(header[6..]) > 0 && BinaryPrimitives.ReadUInt16LittleEndian(header[8..]) > 0;
        }

        // WebP: a RIFF container of WEBP with one of its three first chunks.
        if (header.Length >= 16 && header.StartsWith("RIFF"u8) && header[8..12].SequenceEqual("WEBP"u8))
        {
            var chunk = header[12..16];
            return chunk.SequenceEqual("VP8 "u8) || chunk.SequenceEqual("VP8L"u8) || chunk.SequenceEqual("VP8X"u8);
        }

        // BMP: "BM", then an info header of a known size with a width and height.
        if (header.Length >= 26 && header.StartsWith("BM"u8))
        {
            var infoSize = BinaryPrimitives.ReadUInt32LittleEndian(header[14..]);
            return infoSize is 12 or 40 or 52 or 56 or 108 or 124 && BinaryPrimitives.ReadInt32LittleEndian(header[18..]) > 0;
        }

        // ICO: reserved 0, type 1, at least one image.
        return header.Length >= 6 && header[0] == 0 && header[1] == 0 && header[2] == 1 && header[3] == 0 && BinaryPrimitives.ReadUInt16LittleEndian(header[4..]) > 0;
    }
}

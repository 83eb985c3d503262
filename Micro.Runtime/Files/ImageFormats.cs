using System.Buffers.Binary;
using Microsoft.AspNetCore.Http;

namespace Micro.Files;

/// <summary>
/// What <c>[ImageField]</c> accepts: the image formats a browser shows, recognized by their headers rather than their names (Django asks
/// Pillow). Only the header is read, never the pixels: a picture of any size costs the same to check.
/// </summary>
internal static class ImageFormats
{
    /// <summary>The extensions of the formats recognized, as <c>[FileExtensions]</c> lists them.</summary>
    public const string Extensions = "bmp,dib,gif,ico,jfif,jpe,jpeg,jpg,png,webp";

    private const int HeaderLength = 32;

    /// <summary>The upload's size in pixels when its content is one of the formats with a size above zero; null when it isn't.</summary>
    public static ImageSize? SizeOf(IFormFile file)
    {
        using var stream = file.OpenReadStream();
        return SizeOf(stream);
    }

    /// <summary>The image's size, read from its header (for a JPEG, the frame header after the segments before it); null when it isn't one.</summary>
    public static ImageSize? SizeOf(Stream content)
    {
        Span<byte> header = stackalloc byte[HeaderLength];
        var read = content.ReadAtLeast(header, HeaderLength, throwOnEndOfStream: false);
        header = header[..read];
        if (header.Length >= 4 && header[0] == 0xFF && header[1] == 0xD8 && header[2] == 0xFF)
        {
            return JpegSize(content, header[2..]);
        }

        if (header.Length >= 6 && header[0] == 0 && header[1] == 0 && header[2] == 1 && header[3] == 0)
        {
            return IconSize(content, header);
        }

        return HeaderSize(header);
    }

    /// <summary>The size of a PNG, GIF, WebP or BMP image, which its first 32 bytes hold.</summary>
    private static ImageSize? HeaderSize(ReadOnlySpan<byte> header)
    {
        // PNG: the signature, then the IHDR chunk with the width and height.
        if (header.Length >= 24 && header.StartsWith((ReadOnlySpan<byte>)[0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A]) && header[12..16].SequenceEqual("IHDR"u8))
        {
            return Sized(BinaryPrimitives.ReadUInt32BigEndian(header[16..]), BinaryPrimitives.ReadUInt32BigEndian(header[20..]));
        }

        // GIF: its version, then the logical screen's width and height.
        if (header.Length >= 10 && (header.StartsWith("GIF87a"u8) || header.StartsWith("GIF89a"u8)))
        {
            return Sized(BinaryPrimitives.ReadUInt16LittleEndian(header[6..]), BinaryPrimitives.ReadUInt16LittleEndian(header[8..]));
        }

        // WebP: a RIFF container of WEBP whose first chunk is a lossy frame, a lossless one, or the extended header with the canvas.
        if (header.Length >= 30 && header.StartsWith("RIFF"u8) && header[8..12].SequenceEqual("WEBP"u8))
        {
            var chunk = header[12..16];
            if (chunk.SequenceEqual("VP8 "u8) && header[23] == 0x9D && header[24] == 0x01 && header[25] == 0x2A)
            {
                return Sized(BinaryPrimitives.ReadUInt16LittleEndian(header[26..]) & 0x3FFFu, BinaryPrimitives.ReadUInt16LittleEndian(header[28..]) & 0x3FFFu);
            }

            if (chunk.SequenceEqual("VP8L"u8) && header[20] == 0x2F)
            {
                var bits = BinaryPrimitives.ReadUInt32LittleEndian(header[21..]);
                return Sized((bits & 0x3FFF) + 1, ((bits >> 14) & 0x3FFF) + 1);
            }

            if (chunk.SequenceEqual("VP8X"u8))
            {
                return Sized(UInt24(header[24..]) + 1, UInt24(header[27..]) + 1);
            }

            return null;
        }

        // BMP: "BM", then an info header of a known size; the old OS/2 one has 16-bit sizes, the others a height below zero for top-down rows.
        if (header.Length >= 26 && header.StartsWith("BM"u8))
        {
            return BinaryPrimitives.ReadUInt32LittleEndian(header[14..]) switch
            {
                12 => Sized(BinaryPrimitives.ReadUInt16LittleEndian(header[18..]), BinaryPrimitives.ReadUInt16LittleEndian(header[20..])),
                40 or 52 or 56 or 108 or 124 when BinaryPrimitives.ReadInt32LittleEndian(header[18..]) is var width and > 0 =>
                    Sized((uint)width, BinaryPrimitives.ReadInt32LittleEndian(header[22..]) is var height and not int.MinValue ? (uint)Math.Abs(height) : 0),
                _ => null,
            };
        }

        return null;
    }

    /// <summary>
    /// A JPEG's size, from its first frame header (SOF0 to SOF15, not the tables that share their numbers), skipping the segments
    /// before it (APP0 to APP15 with their thumbnails, tables, comments). Null when the scan starts first, or the file ends.
    /// </summary>
    private static ImageSize? JpegSize(Stream content, ReadOnlySpan<byte> afterStart)
    {
        var reader = new ByteReader(content, afterStart);
        while (true)
        {
            if (reader.Next() != 0xFF)
            {
                return null;
            }

            int marker;
            do
            {
                marker = reader.Next();
            }
            while (marker == 0xFF);

            switch (marker)
            {
                case < 0 or 0xD9 or 0xDA:
                    return null;
                case 0x01 or (>= 0xD0 and <= 0xD7):
                    continue;
            }

            var length = (reader.Next() << 8) | reader.Next();
            if (length < 2)
            {
                return null;
            }

            if (marker is >= 0xC0 and <= 0xCF and not (0xC4 or 0xC8 or 0xCC))
            {
                _ = reader.Next(); // the sample precision
                var height = (reader.Next() << 8) | reader.Next();
                var width = (reader.Next() << 8) | reader.Next();
                return width < 0 || height < 0 ? null : Sized((uint)width, (uint)height);
            }

            if (!reader.Skip(length - 2))
            {
                return null;
            }
        }
    }

    /// <summary>An icon's size: its largest image's (Pillow's choice), where a width or height of 0 in the directory means 256.</summary>
    private static ImageSize? IconSize(Stream content, ReadOnlySpan<byte> header)
    {
        var count = BinaryPrimitives.ReadUInt16LittleEndian(header[4..]);
        var reader = new ByteReader(content, header[6..]);
        ImageSize? largest = null;
        for (var i = 0; i < count; i++)
        {
            int width = reader.Next(), height = reader.Next();
            if (height < 0 || !reader.Skip(14))
            {
                return null;
            }

            var size = new ImageSize(width == 0 ? 256 : width, height == 0 ? 256 : height);
            if (largest is not { } current || (long)size.Width * size.Height > (long)current.Width * current.Height)
            {
                largest = size;
            }
        }

        return largest;
    }

    private static uint UInt24(ReadOnlySpan<byte> bytes) => bytes[0] | ((uint)bytes[1] << 8) | ((uint)bytes[2] << 16);

    /// <summary>A size when both sides are above zero and fit an <c>int</c>; a picture without pixels is no image.</summary>
    private static ImageSize? Sized(uint width, uint height) =>
        width is > 0 and <= int.MaxValue && height is > 0 and <= int.MaxValue ? new ImageSize((int)width, (int)height) : null;

    /// <summary>Reads a stream a byte at a time after the bytes of its header already read, skipping by seeking where it can.</summary>
    private ref struct ByteReader(Stream stream, ReadOnlySpan<byte> buffered)
    {
        private ReadOnlySpan<byte> _buffered = buffered;

        /// <summary>The next byte; -1 at the end.</summary>
        public int Next()
        {
            if (_buffered.Length > 0)
            {
                var value = _buffered[0];
                _buffered = _buffered[1..];
                return value;
            }

            return stream.ReadByte();
        }

        /// <summary>Passes over <paramref name="count"/> bytes; false when the stream ends first.</summary>
        public bool Skip(int count)
        {
            var fromBuffer = Math.Min(count, _buffered.Length);
            _buffered = _buffered[fromBuffer..];
            count -= fromBuffer;
            if (count == 0)
            {
                return true;
            }

            if (stream.CanSeek)
            {
                if (stream.Position + count > stream.Length)
                {
                    return false;
                }

                stream.Seek(count, SeekOrigin.Current);
                return true;
            }

            Span<byte> discard = stackalloc byte[256];
            while (count > 0)
            {
                var read = stream.Read(discard[..Math.Min(count, discard.Length)]);
                if (read == 0)
                {
                    return false;
                }

                count -= read;
            }

            return true;
        }
    }
}

/// <summary>An image's width and height in pixels, as its header gives them (Django's <c>get_image_dimensions</c>).</summary>
public readonly record struct ImageSize(int Width, int Height)
{
    /// <summary>
    /// The size of the PNG, JPEG, GIF, WebP, BMP or ICO image <paramref name="content"/> starts with, read from its header (the pixels
    /// are never decoded); null when it isn't one of them, or says it has no pixels. The stream is read from where it is.
    /// </summary>
    public static ImageSize? Read(Stream content)
    {
        ArgumentNullException.ThrowIfNull(content);
        return ImageFormats.SizeOf(content);
    }
}

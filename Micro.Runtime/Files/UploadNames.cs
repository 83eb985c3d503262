using System.Globalization;
using System.Text;

namespace Micro.Files;

/// <summary>How an upload's name is made from a <c>[FileField]</c>'s folder and the name the client sent (Django's <c>generate_filename</c>).</summary>
public static class UploadNames
{
    /// <summary>
    /// The name to store an upload under: <paramref name="uploadTo"/> with the date and time put in (<c>%Y</c>, <c>%m</c>, <c>%d</c>,
    /// <c>%H</c>, <c>%M</c>, <c>%S</c>, <c>%%</c>), then <see cref="ValidName"/> of what the client sent.
    /// </summary>
    /// <exception cref="ArgumentException">The folder leaves the media root, or no name can be made from the client's.</exception>
    public static string Generate(string uploadTo, string clientName, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(uploadTo);
        var folder = new StringBuilder();
        for (var i = 0; i < uploadTo.Length; i++)
        {
            if (uploadTo[i] == '%' && i + 1 < uploadTo.Length)
            {
                var part = uploadTo[i + 1] switch
                {
                    'Y' => now.Year.ToString("D4", CultureInfo.InvariantCulture),
                    'm' => now.Month.ToString("D2", CultureInfo.InvariantCulture),
                    'd' => now.Day.ToString("D2", CultureInfo.InvariantCulture),
                    'H' => now.Hour.ToString("D2", CultureInfo.InvariantCulture),
                    'M' => now.Minute.ToString("D2", CultureInfo.InvariantCulture),
                    'S' => now.Second.ToString("D2", CultureInfo.InvariantCulture),
                    '%' => "%",
                    _ => null,
                };
                if (part is not null)
                {
                    folder.Append(part);
                    i++;
                    continue;
                }
            }

            folder.Append(uploadTo[i]);
        }

        var prefix = folder.ToString().Trim('/');
        var name = ValidName(clientName);
        var joined = prefix.Length == 0 ? name : prefix + "/" + name;
        FileSystemStorage.CheckName(joined);
        return joined;
    }

    /// <summary>
    /// A file name that is safe to store, as Django's <c>get_valid_name</c>: the last part of the client's path (after <c>/</c> or
    /// <c>\</c>), trimmed, spaces made <c>_</c>, and every character but letters, digits, <c>_</c>, <c>-</c> and <c>.</c> dropped.
    /// </summary>
    /// <exception cref="ArgumentException">Nothing is left, or only <c>.</c> or <c>..</c>.</exception>
    public static string ValidName(string clientName) =>
        TryValidName(clientName) ?? throw new ArgumentException($"Could not derive a file name from '{clientName}'.", nameof(clientName));

    /// <summary><see cref="ValidName"/>, or null when nothing is left of the client's name: what a form reports as its error.</summary>
    internal static string? TryValidName(string clientName)
    {
        ArgumentNullException.ThrowIfNull(clientName);
        var last = clientName[(clientName.LastIndexOfAny(['/', '\\']) + 1)..].Trim();
        var name = new StringBuilder(last.Length);
        foreach (var rune in last.EnumerateRunes())
        {
            if (rune.Value == ' ')
            {
                name.Append('_');
            }
            else if (Rune.IsLetterOrDigit(rune) || rune.Value is '_' or '-' or '.')
            {
                name.Append(rune.ToString());
            }
        }

        var valid = name.ToString();
        return valid is "" or "." or ".." ? null : Shortened(valid, MaxNameBytes);
    }

    /// <summary>The longest file name kept, in UTF-8 bytes: file systems allow 255, and a taken name gets 8 more characters.</summary>
    internal const int MaxNameBytes = 200;

    /// <summary><paramref name="name"/> cut, before its extension, to at most <paramref name="maxBytes"/> bytes of UTF-8 (Django keeps 255 characters).</summary>
    internal static string Shortened(string name, int maxBytes)
    {
        if (Encoding.UTF8.GetByteCount(name) <= maxBytes)
        {
            return name;
        }

        var extension = Path.GetExtension(name);
        if (Encoding.UTF8.GetByteCount(extension) > maxBytes / 4)
        {
            extension = "";
        }

        var stem = name[..^extension.Length];
        var budget = maxBytes - Encoding.UTF8.GetByteCount(extension);
        var cut = new StringBuilder();
        var used = 0;
        foreach (var rune in stem.EnumerateRunes())
        {
            used += rune.Utf8SequenceLength;
            if (used > budget)
            {
                break;
            }

            cut.Append(rune.ToString());
        }

        return cut.Append(extension).ToString();
    }
}

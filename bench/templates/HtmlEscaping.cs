// One escaping for every renderer, so the pages can be compared byte for byte: Micro's (Django's) five characters.
using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;

namespace TemplateBench;

/// <summary>
/// &amp; &lt; &gt; " ' replaced, nothing else: what Micro's templates do. System.Text.Encodings.Web's encoders also
/// escape <c>+</c> (and, by default, everything outside ASCII), so Fluid and RazorSlices are given <see cref="Encoder"/>
/// through their own encoder parameter; the hand-written page calls <see cref="Append"/>.
/// </summary>
public static class HtmlEscaping
{
    private static readonly SearchValues<char> s_special = SearchValues.Create("&<>\"'");

    public static HtmlEncoder Encoder { get; } = new FiveCharacterHtmlEncoder();

    /// <summary>The hand-written escaping: copies runs without special characters in one append each.</summary>
    public static StringBuilder Append(StringBuilder output, ReadOnlySpan<char> text)
    {
        int index;
        while ((index = text.IndexOfAny(s_special)) >= 0)
        {
            output.Append(text[..index]).Append(Replacement(text[index]));
            text = text[(index + 1)..];
        }

        return output.Append(text);
    }

    private static string Replacement(int c) => c switch
    {
        '&' => "&amp;",
        '<' => "&lt;",
        '>' => "&gt;",
        '"' => "&quot;",
        _ => "&#x27;",
    };

    private sealed class FiveCharacterHtmlEncoder : HtmlEncoder
    {
        public override int MaxOutputCharactersPerInputCharacter => 6;

        public override unsafe int FindFirstCharacterToEncode(char* text, int textLength) =>
            new ReadOnlySpan<char>(text, textLength).IndexOfAny(s_special);

        public override unsafe bool TryEncodeUnicodeScalar(int unicodeScalar, char* buffer, int bufferLength, out int numberOfCharactersWritten)
        {
            var destination = new Span<char>(buffer, bufferLength);
            if (!WillEncode(unicodeScalar))
            {
                return new Rune(unicodeScalar).TryEncodeToUtf16(destination, out numberOfCharactersWritten);
            }

            var replacement = Replacement(unicodeScalar);
            numberOfCharactersWritten = replacement.TryCopyTo(destination) ? replacement.Length : 0;
            return numberOfCharactersWritten > 0;
        }

        public override bool WillEncode(int unicodeScalar) => unicodeScalar is '&' or '<' or '>' or '"' or '\'';
    }
}

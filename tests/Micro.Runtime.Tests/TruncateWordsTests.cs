using Micro.Templates;

namespace Micro.Runtime.Tests;

/// <summary>
/// <c>truncatewords</c> cuts a text whose words are apart by single spaces without splitting it into words: it must give what
/// Django's <c>Truncator.words</c> gives (the first words joined by single spaces, <c> …</c> when some were dropped) for any text.
/// </summary>
public sealed class TruncateWordsTests
{
    private const string Ellipsis = "\u2026";

    private static readonly string[] s_words = ["a", "bb", "Joel", "…", "x…", "ünï", "<b>"];

    private static readonly string[] s_separators = [" ", "  ", "\t", "\n", " \n ", "\u00a0", "\u2003", "\r\n"];

    /// <summary>Texts of 0 to 4 words, with every separator between them, before and after them, and none.</summary>
    public static IEnumerable<string> Texts()
    {
        var random = new Random(20261206);
        yield return "";
        for (var i = 0; i < 3000; i++)
        {
            var count = random.Next(5);
            var text = new System.Text.StringBuilder();
            if (random.Next(4) == 0)
            {
                text.Append(s_separators[random.Next(s_separators.Length)]);
            }

            for (var w = 0; w < count; w++)
            {
                if (w > 0)
                {
                    text.Append(random.Next(3) == 0 ? s_separators[random.Next(s_separators.Length)] : " ");
                }

                text.Append(s_words[random.Next(s_words.Length)]);
            }

            if (random.Next(4) == 0)
            {
                text.Append(s_separators[random.Next(s_separators.Length)]);
            }

            yield return text.ToString();
        }
    }

    [Fact]
    public void Every_text_is_cut_as_splitting_it_into_words_would()
    {
        foreach (var text in Texts())
        {
            for (var length = -1; length <= 5; length++)
            {
                Assert.True(
                    Split(text, length) == TextFunctions.TruncateWords(text, length),
                    $"truncatewords:{length} of \"{text.Replace("\n", "\\n").Replace("\t", "\\t")}\"");
            }
        }
    }

    [Fact]
    public void A_text_spaced_by_single_spaces_costs_only_its_result()
    {
        var text = string.Join(' ', Enumerable.Repeat("word", 40));
        var expected = string.Join(' ', Enumerable.Repeat("word", 12)) + " " + Ellipsis;
        Assert.Equal(expected, TextFunctions.TruncateWords(text, 12));
        Assert.Same(text, TextFunctions.TruncateWords(text, 40));

        var before = GC.GetAllocatedBytesForCurrentThread();
        var cut = TextFunctions.TruncateWords(text, 12);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        before = GC.GetAllocatedBytesForCurrentThread();
        var same = new string('x', cut.Length);
        var oneResult = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(cut.Length, same.Length);
        Assert.Equal(oneResult, allocated);
    }

    /// <summary>Django's <c>Truncator.words</c> for text without HTML, as Python writes it: <c>split()</c>, then <c>join</c>.</summary>
    private static string Split(string text, int length)
    {
        var words = text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        length = Math.Max(length, 0);
        if (words.Length <= length)
        {
            return string.Join(' ', words);
        }

        var kept = string.Join(' ', words.Take(length));
        return kept.EndsWith(" " + Ellipsis, StringComparison.Ordinal) ? kept : kept + " " + Ellipsis;
    }
}

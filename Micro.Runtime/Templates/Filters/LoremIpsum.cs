using System.Text;

namespace Micro.Templates;

/// <summary>Placeholder Latin for the <c>lorem</c> tag: the classic paragraph first, random sentences after.</summary>
internal static class LoremIpsum
{
    public const string CommonParagraph =
        "Lorem ipsum dolor sit amet, consectetur adipisicing elit, sed do eiusmod tempor incididunt ut labore et dolore magna aliqua. " +
        "Ut enim ad minim veniam, quis nostrud exercitation ullamco laboris nisi ut aliquip ex ea commodo consequat. " +
        "Duis aute irure dolor in reprehenderit in voluptate velit esse cillum dolore eu fugiat nulla pariatur. " +
        "Excepteur sint occaecat cupidatat non proident, sunt in culpa qui officia deserunt mollit anim id est laborum.";

    private static readonly string[] s_commonWords =
        ["lorem", "ipsum", "dolor", "sit", "amet", "consectetur", "adipisicing", "elit", "sed", "do", "eiusmod", "tempor", "incididunt", "ut", "labore", "et", "dolore", "magna", "aliqua"];

    private static readonly string[] s_words =
    [
        "accusamus", "accusantium", "ad", "adipisci", "alias", "aliquam", "aliquid", "amet", "animi", "aperiam", "architecto", "asperiores",
        "aspernatur", "assumenda", "at", "atque", "aut", "autem", "beatae", "blanditiis", "commodi", "consectetur", "consequatur", "consequuntur",
        "corporis", "corrupti", "culpa", "cum", "cumque", "cupiditate", "debitis", "delectus", "deleniti", "deserunt", "dicta", "dignissimos",
        "distinctio", "dolor", "dolore", "dolorem", "doloremque", "dolores", "doloribus", "dolorum", "ducimus", "ea", "eaque", "earum", "eius",
        "eligendi", "enim", "eos", "error", "esse", "est", "et", "eum", "eveniet", "ex", "excepturi", "exercitationem", "expedita", "explicabo",
        "facere", "facilis", "fuga", "fugiat", "fugit", "harum", "hic", "id", "illo", "illum", "impedit", "in", "incidunt", "inventore", "ipsa",
        "ipsam", "ipsum", "iste", "itaque", "iure", "iusto", "labore", "laboriosam", "laborum", "laudantium", "libero", "magnam", "magni",
        "maiores", "maxime", "minima", "minus", "modi", "molestiae", "molestias", "mollitia", "nam", "natus", "necessitatibus", "nemo", "neque",
        "nesciunt", "nihil", "nisi", "nobis", "non", "nostrum", "nulla", "numquam", "obcaecati", "odio", "odit", "officia", "officiis", "omnis",
        "optio", "pariatur", "perferendis", "perspiciatis", "placeat", "porro", "possimus", "praesentium", "provident", "quae", "quaerat", "quam",
        "quas", "quasi", "qui", "quia", "quibusdam", "quidem", "quis", "quisquam", "quo", "quod", "quos", "ratione", "recusandae", "reiciendis",
        "rem", "repellat", "repellendus", "reprehenderit", "repudiandae", "rerum", "saepe", "sapiente", "sed", "sequi", "similique", "sint", "sit",
        "soluta", "sunt", "suscipit", "tempora", "tempore", "temporibus", "tenetur", "totam", "ullam", "unde", "ut", "vel", "velit", "veniam",
        "veritatis", "vero", "vitae", "voluptas", "voluptate", "voluptatem", "voluptates", "voluptatibus", "voluptatum",
    ];

    /// <summary><paramref name="count"/> words; with <paramref name="common"/> they start with "lorem ipsum dolor sit amet".</summary>
    public static string Words(int count, bool common)
    {
        var words = new List<string>();
        if (common)
        {
            words.AddRange(s_commonWords);
        }

        if (count <= words.Count)
        {
            return string.Join(' ', words.Take(Math.Max(count, 0)));
        }

        var remaining = count - words.Count;
        while (remaining > 0)
        {
            var take = Math.Min(remaining, s_words.Length);
            words.AddRange(Sample(take));
            remaining -= take;
        }

        return string.Join(' ', words);
    }

    /// <summary><paramref name="count"/> paragraphs; with <paramref name="common"/> the first is the classic one.</summary>
    public static List<string> Paragraphs(int count, bool common)
    {
        var paragraphs = new List<string>();
        for (var i = 0; i < count; i++)
        {
            paragraphs.Add(common && i == 0 ? CommonParagraph : Paragraph());
        }

        return paragraphs;
    }

    private static string Paragraph()
    {
        var sentences = new string[Random.Shared.Next(1, 5)];
        for (var i = 0; i < sentences.Length; i++)
        {
            sentences[i] = Sentence();
        }

        return string.Join(' ', sentences);
    }

    private static string Sentence()
    {
        var sections = new string[Random.Shared.Next(1, 6)];
        for (var i = 0; i < sections.Length; i++)
        {
            sections[i] = string.Join(' ', Sample(Random.Shared.Next(3, 13)));
        }

        var text = new StringBuilder(string.Join(", ", sections));
        text[0] = char.ToUpperInvariant(text[0]);
        return text.Append(Random.Shared.Next(2) == 0 ? '?' : '.').ToString();
    }

    /// <summary><paramref name="count"/> different words in random order.</summary>
    private static string[] Sample(int count)
    {
        var pool = (string[])s_words.Clone();
        Random.Shared.Shuffle(pool);
        return pool[..count];
    }
}

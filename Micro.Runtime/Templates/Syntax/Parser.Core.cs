using System.Collections.Generic;

namespace Micro.Templates;

// The built-in tags, each parsed as Django's defaulttags.py and loader_tags.py parse them: the dispatch, and the tags that carry no family.
public sealed partial class Parser
{
    private Node? ParseBuiltinTag(string command, Token token) => command switch
    {
        "autoescape" => ParseAutoescape(token),
        "block" => ParseBlock(token),
        "comment" => ParseComment(token),
        "csrf_token" => new CsrfTokenNode(Location(token)),
        "cycle" => ParseCycle(token),
        "extends" => ParseExtends(token),
        "filter" => ParseFilterBlock(token),
        "firstof" => ParseFirstOf(token),
        "for" => ParseFor(token),
        "if" => ParseIf(token),
        "ifchanged" => ParseIfChanged(token),
        "include" => ParseInclude(token),
        "load" => ParseLoad(token),
        "lorem" => ParseLorem(token),
        "now" => ParseNow(token),
        "querystring" => ParseQueryString(token),
        "regroup" => ParseRegroup(token),
        "resetcycle" => ParseResetCycle(token),
        "spaceless" => new SpacelessNode(ParseBody(token, "endspaceless"), Location(token)),
        "static" => ParseStatic(token),
        "get_static_prefix" or "get_media_prefix" => ParsePrefix(token, command),
        "templatetag" => ParseTemplateTag(token),
        "url" => ParseUrl(token),
        "verbatim" => ParseVerbatim(token),
        "widthratio" => ParseWidthRatio(token),
        "with" => ParseWith(token),
        _ => null,
    };

    /// <summary>Parses up to <paramref name="endTag"/> and consumes it.</summary>
    private NodeList ParseBody(Token token, string endTag) => ParseUntil(new[] { endTag }, out _);

    private Node ParseComment(Token token)
    {
        SkipPast("endcomment");
        return new CommentNode(Location(token));
    }

    private Node ParseLoad(Token token)
    {
        var names = new List<string>();
        foreach (var bit in Bits(token))
        {
            names.Add(bit.Text);
        }

        return new LoadNode(names, Location(token));
    }

    private static bool Contains(IReadOnlyList<string> names, string name) => IndexOf(names, name) >= 0;

    private static int IndexOf(IReadOnlyList<string> names, string name)
    {
        for (var i = 0; i < names.Count; i++)
        {
            if (names[i] == name)
            {
                return i;
            }
        }

        return -1;
    }
}

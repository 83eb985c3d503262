using System.Collections.Generic;

namespace Micro.Templates;

// The built-in tags, each parsed as Django's defaulttags.py and loader_tags.py parse them.
public sealed partial class Parser
{
    private static readonly string[] s_ifEnds = { "elif", "else", "endif" };
    private static readonly string[] s_forEnds = { "empty", "endfor" };

    private readonly HashSet<string> _blockNames = new HashSet<string>();
    private Dictionary<string, CycleNode>? _namedCycles;
    private CycleNode? _lastCycle;

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
        "regroup" => ParseRegroup(token),
        "resetcycle" => ParseResetCycle(token),
        "spaceless" => new SpacelessNode(ParseBody(token, "endspaceless"), Location(token)),
        "static" => ParseStatic(token),
        "templatetag" => ParseTemplateTag(token),
        "url" => ParseUrl(token),
        "verbatim" => ParseVerbatim(token),
        "widthratio" => ParseWidthRatio(token),
        "with" => ParseWith(token),
        _ => null,
    };

    /// <summary>Parses up to <paramref name="endTag"/> and consumes it.</summary>
    private NodeList ParseBody(Token token, string endTag) => ParseUntil(new[] { endTag }, out _);

    private Node ParseAutoescape(Token token)
    {
        var bits = Bits(token);
        if (bits.Count != 1)
        {
            throw Error(token, "'autoescape' tag requires exactly one argument, 'on' or 'off'.");
        }

        if (bits[0].Text != "on" && bits[0].Text != "off")
        {
            throw Error(token, bits[0], "'autoescape' argument should be 'on' or 'off', not '" + bits[0].Text + "'.");
        }

        return new AutoescapeNode(bits[0].Text == "on", ParseBody(token, "endautoescape"), Location(token));
    }

    private Node ParseBlock(Token token)
    {
        var bits = Bits(token);
        if (bits.Count != 1)
        {
            throw Error(token, "'block' tag takes exactly one argument, the block's name.");
        }

        var name = bits[0].Text;
        if (!_blockNames.Add(name))
        {
            throw Error(token, bits[0], "'block' tag with name '" + name + "' appears more than once.");
        }

        var body = ParseUntil(new[] { "endblock" }, out var end);
        var endBits = Bits(end!);
        if (endBits.Count > 1 || (endBits.Count == 1 && endBits[0].Text != name))
        {
            throw Error(end!, "'endblock' closes block '" + name + "' (line " + token.Line + ") but names '" + end!.Contents.Substring(8).Trim() + "'.");
        }

        return new BlockNode(name, body, Location(token));
    }

    private Node ParseComment(Token token)
    {
        SkipPast("endcomment");
        return new CommentNode(Location(token));
    }

    private Node ParseCycle(Token token)
    {
        var bits = Bits(token);
        if (bits.Count < 1)
        {
            throw Error(token, "'cycle' tag requires at least two arguments.");
        }

        if (bits.Count == 1)
        {
            var name = bits[0].Text;
            if (_namedCycles is null)
            {
                throw Error(token, bits[0], "No named cycles in template. '" + name + "' is not defined.");
            }

            if (!_namedCycles.TryGetValue(name, out var named))
            {
                throw Error(token, bits[0], "Named cycle '" + name + "' does not exist.");
            }

            return named;
        }

        string? variable = null;
        var silent = false;
        var valueCount = bits.Count;
        if (bits.Count > 3 && bits[bits.Count - 3].Text == "as")
        {
            if (bits[bits.Count - 1].Text != "silent")
            {
                throw Error(token, bits[bits.Count - 1], "Only 'silent' flag is allowed after cycle's name, not '" + bits[bits.Count - 1].Text + "'.");
            }

            variable = bits[bits.Count - 2].Text;
            silent = true;
            valueCount = bits.Count - 3;
        }
        else if (bits.Count > 2 && bits[bits.Count - 2].Text == "as")
        {
            variable = bits[bits.Count - 1].Text;
            valueCount = bits.Count - 2;
        }

        var values = new List<FilterExpression>();
        for (var i = 0; i < valueCount; i++)
        {
            values.Add(CompileFilter(bits[i], token));
        }

        var node = new CycleNode(values, variable is null ? null : Intern(variable), silent, Location(token));
        if (variable is not null)
        {
            _namedCycles ??= new Dictionary<string, CycleNode>();
            _namedCycles[variable] = node;
        }

        _lastCycle = node;
        return node;
    }

    private Node ParseResetCycle(Token token)
    {
        var bits = Bits(token);
        if (bits.Count > 1)
        {
            throw Error(token, bits[1], "'resetcycle' tag accepts at most one argument.");
        }

        if (bits.Count == 1)
        {
            if (_namedCycles is null || !_namedCycles.TryGetValue(bits[0].Text, out var named))
            {
                throw Error(token, bits[0], "Named cycle '" + bits[0].Text + "' does not exist.");
            }

            return new ResetCycleNode(named, Location(token));
        }

        return new ResetCycleNode(_lastCycle ?? throw Error(token, "No cycles in template."), Location(token));
    }

    private Node ParseExtends(Token token)
    {
        var bits = Bits(token);
        if (bits.Count != 1)
        {
            throw Error(token, "'extends' takes one argument, the parent template's name.");
        }

        var parent = CompileFilter(RelativeName(bits[0], token), token);
        var body = ParseUntil(null, out _);
        var blocks = new Dictionary<string, BlockNode>();
        foreach (var node in body.Walk())
        {
            if (node is ExtendsNode)
            {
                throw Error(token, "'extends' cannot appear more than once in the same template.");
            }

            if (node is BlockNode block)
            {
                blocks[block.Name] = block;
            }
        }

        return new ExtendsNode(parent, body, blocks, Location(token));
    }

    private Node ParseInclude(Token token)
    {
        var bits = Bits(token);
        if (bits.Count < 1)
        {
            throw Error(token, "'include' tag takes at least one argument: the name of the template to be included.");
        }

        var assignments = new List<Assignment>();
        var sawWith = false;
        var only = false;
        var index = 1;
        while (index < bits.Count)
        {
            var option = bits[index++];
            if ((option.Text == "with" && sawWith) || (option.Text == "only" && only))
            {
                throw Error(token, option, "The '" + option.Text + "' option was specified more than once.");
            }

            if (option.Text == "with")
            {
                sawWith = true;
                assignments = ReadAssignments(bits, ref index, token, allowLegacy: false);
                if (assignments.Count == 0)
                {
                    throw Error(token, option, "\"with\" in 'include' tag needs at least one keyword argument.");
                }
            }
            else if (option.Text == "only")
            {
                only = true;
            }
            else
            {
                throw Error(token, option, "Unknown argument for 'include' tag: '" + option.Text + "'.");
            }
        }

        var template = CompileFilter(RelativeName(bits[0], token), token);
        return new IncludeNode(template, assignments, only, Location(token));
    }

    /// <summary>Resolves <c>"./x"</c> and <c>"../x"</c> against this template's name, as Django's <c>construct_relative_path</c>.</summary>
    private TagBit RelativeName(TagBit bit, Token token)
    {
        var text = bit.Text;
        var hasQuotes = text.Length >= 2 && (text[0] == '"' || text[0] == '\'') && text[text.Length - 1] == text[0];
        var name = text.Trim('"', '\'');
        if (!name.StartsWith("./", System.StringComparison.Ordinal) && !name.StartsWith("../", System.StringComparison.Ordinal))
        {
            return bit;
        }

        var current = _templateName.TrimStart('/');
        var slash = current.LastIndexOf('/');
        var parts = new List<string>();
        if (slash > 0)
        {
            parts.AddRange(current.Substring(0, slash).Split('/'));
        }

        var escapes = false;
        foreach (var part in name.Split('/'))
        {
            if (part == "..")
            {
                if (parts.Count == 0)
                {
                    escapes = true;
                    break;
                }

                parts.RemoveAt(parts.Count - 1);
            }
            else if (part != "." && part.Length > 0)
            {
                parts.Add(part);
            }
        }

        var resolved = string.Join("/", parts);
        if (escapes)
        {
            throw Error(token, bit, "The relative path '" + text + "' points outside the file hierarchy that template '" + _templateName + "' is in.");
        }

        if (resolved == current)
        {
            throw Error(token, bit, "The relative path '" + text + "' was translated to template name '" + resolved + "', the same template in which the tag appears.");
        }

        return new TagBit(hasQuotes ? "\"" + resolved + "\"" : resolved, bit.Offset);
    }

    private Node ParseFilterBlock(Token token)
    {
        var bits = Bits(token);
        if (bits.Count == 0)
        {
            throw Error(token, "'filter' tag needs at least one filter, for example {% filter lower %}.");
        }

        // Django compiles "var|<rest of the tag>", so the filters keep their spacing rules.
        var restOffset = bits[0].Offset;
        var rest = token.Contents.Substring(restOffset);
        var expression = CompileFilter(new TagBit("var|" + rest, restOffset - 4), token);
        foreach (var filter in expression.Filters)
        {
            if (filter.Name == "escape" || filter.Name == "safe")
            {
                throw Error(token, "\"filter " + filter.Name + "\" is not permitted. Use the \"autoescape\" tag instead.");
            }
        }

        return new FilterBlockNode(expression, ParseBody(token, "endfilter"), Location(token));
    }

    private Node ParseFirstOf(Token token)
    {
        var bits = Bits(token);
        if (bits.Count == 0)
        {
            throw Error(token, "'firstof' tag requires at least one argument.");
        }

        string? variable = null;
        var count = bits.Count;
        if (bits.Count >= 2 && bits[bits.Count - 2].Text == "as")
        {
            variable = Intern(bits[bits.Count - 1].Text);
            count -= 2;
        }

        var values = new List<FilterExpression>();
        for (var i = 0; i < count; i++)
        {
            values.Add(CompileFilter(bits[i], token));
        }

        return new FirstOfNode(values, variable, Location(token));
    }

    private Node ParseFor(Token token)
    {
        var bits = Bits(token);
        if (bits.Count < 3)
        {
            throw Error(token, "'for' statements should have at least four words: " + token.Contents);
        }

        var isReversed = bits[bits.Count - 1].Text == "reversed";
        var inIndex = isReversed ? bits.Count - 3 : bits.Count - 2;
        if (inIndex < 1 || bits[inIndex].Text != "in")
        {
            throw Error(token, "'for' statements should use the format 'for x in y': " + token.Contents);
        }

        var names = new List<string>();
        var joined = new System.Text.StringBuilder();
        for (var i = 0; i < inIndex; i++)
        {
            joined.Append(i == 0 ? "" : " ").Append(bits[i].Text);
        }

        foreach (var raw in joined.ToString().Split(','))
        {
            var name = raw.Trim(' ');
            if (name.Length == 0 || name.IndexOf(' ') >= 0 || name.IndexOf('"') >= 0 || name.IndexOf('\'') >= 0 || name.IndexOf('|') >= 0)
            {
                throw Error(token, "'for' tag received an invalid argument: " + token.Contents);
            }

            names.Add(Intern(name));
        }

        var sequence = CompileFilter(bits[inIndex + 1], token);
        var body = ParseUntil(s_forEnds, out var end);
        NodeList? empty = null;
        if (end!.Command == "empty")
        {
            empty = ParseBody(token, "endfor");
        }

        return new ForNode(names, sequence, isReversed, body, empty, Location(token));
    }

    private Node ParseIf(Token token)
    {
        var branches = new List<IfBranch>();
        var current = token;
        while (true)
        {
            var condition = ParseCondition(current);
            var body = ParseUntil(s_ifEnds, out var end);
            branches.Add(new IfBranch(condition, body));
            if (end!.Command == "elif")
            {
                current = end;
                continue;
            }

            if (end.Command == "else")
            {
                if (end.Contents != "else")
                {
                    throw Error(end, "'else' takes no arguments; use 'elif' for another condition.");
                }

                branches.Add(new IfBranch(null, ParseBody(token, "endif")));
            }

            return new IfNode(branches, Location(token));
        }
    }

    private IfCondition ParseCondition(Token token)
    {
        var bits = Bits(token);
        return IfExpressionParser.Parse(
            bits,
            bit => CompileFilter(bit, token),
            (message, index) => index >= 0 ? Error(token, bits[index], message) : Error(token, message));
    }

    private Node ParseIfChanged(Token token)
    {
        var bits = Bits(token);
        var values = new List<FilterExpression>();
        foreach (var bit in bits)
        {
            values.Add(CompileFilter(bit, token));
        }

        var body = ParseUntil(new[] { "else", "endifchanged" }, out var end);
        NodeList? otherwise = null;
        if (end!.Command == "else")
        {
            otherwise = ParseBody(token, "endifchanged");
        }

        return new IfChangedNode(values, body, otherwise, Location(token));
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

    private Node ParseLorem(Token token)
    {
        var bits = Bits(token);
        var random = bits.Count > 0 && bits[bits.Count - 1].Text == "random";
        if (random)
        {
            bits.RemoveAt(bits.Count - 1);
        }

        var method = 'b';
        if (bits.Count > 0 && bits[bits.Count - 1].Text is "w" or "p" or "b")
        {
            method = bits[bits.Count - 1].Text[0];
            bits.RemoveAt(bits.Count - 1);
        }

        var count = bits.Count > 0 ? bits[bits.Count - 1] : new TagBit("1", token.Command.Length);
        if (bits.Count > 0)
        {
            bits.RemoveAt(bits.Count - 1);
        }

        if (bits.Count != 0)
        {
            throw Error(token, "Incorrect format for 'lorem' tag: use {% lorem [count] [w|p|b] [random] %}.");
        }

        return new LoremNode(CompileFilter(count, token), method, random, Location(token));
    }

    private Node ParseNow(Token token)
    {
        var bits = Bits(token);
        string? variable = null;
        if (bits.Count == 3 && bits[1].Text == "as")
        {
            variable = Intern(bits[2].Text);
            bits.RemoveRange(1, 2);
        }

        if (bits.Count != 1)
        {
            throw Error(token, "'now' tag takes one argument, a format string such as \"Y-m-d\".");
        }

        var format = bits[0].Text;
        if (format.Length < 2)
        {
            throw Error(token, bits[0], "'now' tag's format must be a quoted string.");
        }

        return new NowNode(format.Substring(1, format.Length - 2), variable, Location(token));
    }

    private Node ParseRegroup(Token token)
    {
        var bits = Bits(token);
        if (bits.Count != 5)
        {
            throw Error(token, "'regroup' tag takes five arguments: {% regroup list by attribute as name %}.");
        }

        if (bits[1].Text != "by")
        {
            throw Error(token, bits[1], "Second argument to 'regroup' tag must be 'by'.");
        }

        if (bits[3].Text != "as")
        {
            throw Error(token, bits[3], "Next-to-last argument to 'regroup' tag must be 'as'.");
        }

        var target = CompileFilter(bits[0], token);
        var name = Intern(bits[4].Text);
        var grouper = CompileFilter(new TagBit(name + "." + bits[2].Text, bits[2].Offset - name.Length - 1), token);
        return new RegroupNode(target, grouper, name, Location(token));
    }

    private Node ParseStatic(Token token)
    {
        var bits = Bits(token);
        if (bits.Count == 0)
        {
            throw Error(token, "'static' takes at least one argument (path to file).");
        }

        string? variable = null;
        if (bits.Count >= 3 && bits[bits.Count - 2].Text == "as")
        {
            variable = Intern(bits[bits.Count - 1].Text);
            bits.RemoveRange(bits.Count - 2, 2);
        }

        if (bits.Count != 1)
        {
            throw Error(token, bits[1], "'static' takes one path, optionally followed by 'as name'.");
        }

        return new StaticNode(CompileFilter(bits[0], token), variable, Location(token));
    }

    private Node ParseTemplateTag(Token token)
    {
        var bits = Bits(token);
        if (bits.Count != 1)
        {
            throw Error(token, "'templatetag' statement takes one argument.");
        }

        var output = bits[0].Text switch
        {
            "openblock" => "{%",
            "closeblock" => "%}",
            "openvariable" => "{{",
            "closevariable" => "}}",
            "openbrace" => "{",
            "closebrace" => "}",
            "opencomment" => "{#",
            "closecomment" => "#}",
            _ => null,
        };
        if (output is null)
        {
            throw Error(token, bits[0], "Invalid templatetag argument: '" + bits[0].Text + "'. Must be one of: openblock, closeblock, openvariable, closevariable, openbrace, closebrace, opencomment, closecomment.");
        }

        return new TemplateTagNode(bits[0].Text, output, Location(token));
    }

    private Node ParseUrl(Token token)
    {
        var bits = Bits(token);
        if (bits.Count == 0)
        {
            throw Error(token, "'url' takes at least one argument, a URL pattern name.");
        }

        var routeName = CompileFilter(bits[0], token);
        string? variable = null;
        var count = bits.Count;
        if (bits.Count >= 3 && bits[bits.Count - 2].Text == "as")
        {
            variable = Intern(bits[bits.Count - 1].Text);
            count -= 2;
        }

        var arguments = new List<FilterExpression>();
        var named = new List<Assignment>();
        for (var i = 1; i < count; i++)
        {
            var bit = bits[i];
            var name = KeywordName(bit.Text);
            if (name is null)
            {
                if (named.Count > 0)
                {
                    throw Error(token, bit, "Don't mix positional and keyword arguments in the 'url' tag.");
                }

                arguments.Add(CompileFilter(bit, token));
            }
            else
            {
                if (arguments.Count > 0)
                {
                    throw Error(token, bit, "Don't mix positional and keyword arguments in the 'url' tag.");
                }

                named.Add(new Assignment(name, CompileFilter(new TagBit(bit.Text.Substring(name.Length + 1), bit.Offset + name.Length + 1), token)));
            }
        }

        return new UrlNode(routeName, arguments, named, variable, Location(token));
    }

    private Node ParseVerbatim(Token token)
    {
        var body = ParseBody(token, "endverbatim");
        var content = new System.Text.StringBuilder();
        foreach (var node in body)
        {
            // The lexer turned every tag inside verbatim into text.
            content.Append(((TextNode)node).Text);
        }

        return new VerbatimNode(content.ToString(), Location(token));
    }

    private Node ParseWidthRatio(Token token)
    {
        var bits = Bits(token);
        string? variable = null;
        if (bits.Count == 5)
        {
            if (bits[3].Text != "as")
            {
                throw Error(token, bits[3], "Invalid syntax in widthratio tag. Expecting 'as' keyword.");
            }

            variable = Intern(bits[4].Text);
        }
        else if (bits.Count != 3)
        {
            throw Error(token, "widthratio takes three arguments: {% widthratio value max_value max_width [as name] %}.");
        }

        return new WidthRatioNode(CompileFilter(bits[0], token), CompileFilter(bits[1], token), CompileFilter(bits[2], token), variable, Location(token));
    }

    private Node ParseWith(Token token)
    {
        var bits = Bits(token);
        var index = 0;
        var assignments = ReadAssignments(bits, ref index, token, allowLegacy: true);
        if (assignments.Count == 0)
        {
            throw Error(token, "'with' expected at least one variable assignment, for example {% with total=items|length %}.");
        }

        if (index < bits.Count)
        {
            throw Error(token, bits[index], "'with' received an invalid token: '" + bits[index].Text + "'.");
        }

        return new WithNode(assignments, ParseBody(token, "endwith"), Location(token));
    }

    // ----- Custom tags -----

    /// <summary>Parses a simple or inclusion tag's arguments as Django's <c>parse_bits</c>, checking them against the tag's parameters.</summary>
    private Node ParseCustomTag(TagSignature tag, Token token)
    {
        var bits = Bits(token);
        string? variable = null;
        if (tag.Kind == TagKind.Simple && bits.Count >= 2 && bits[bits.Count - 2].Text == "as")
        {
            variable = Intern(bits[bits.Count - 1].Text);
            bits.RemoveRange(bits.Count - 2, 2);
        }

        var parameters = tag.Parameters;
        var unhandled = new List<string>();
        if (parameters is not null)
        {
            unhandled.AddRange(parameters.Names);
        }

        var arguments = new List<FilterExpression>();
        var named = new List<Assignment>();
        foreach (var bit in bits)
        {
            var name = KeywordName(bit.Text);
            if (name is not null)
            {
                if (parameters is not null && !Contains(parameters.Names, name) && !parameters.AcceptsExtraNamed)
                {
                    throw Error(token, bit, "'" + tag.Name + "' received unexpected keyword argument '" + name + "'.");
                }

                foreach (var existing in named)
                {
                    if (existing.Name == name)
                    {
                        throw Error(token, bit, "'" + tag.Name + "' received multiple values for keyword argument '" + name + "'.");
                    }
                }

                named.Add(new Assignment(name, CompileFilter(new TagBit(bit.Text.Substring(name.Length + 1), bit.Offset + name.Length + 1), token)));
                unhandled.Remove(name);
            }
            else
            {
                if (named.Count > 0)
                {
                    throw Error(token, bit, "'" + tag.Name + "' received some positional argument(s) after some keyword argument(s).");
                }

                arguments.Add(CompileFilter(bit, token));
                if (parameters is not null)
                {
                    if (unhandled.Count > 0)
                    {
                        unhandled.RemoveAt(0);
                    }
                    else if (!parameters.AcceptsExtraPositional)
                    {
                        throw Error(token, bit, "'" + tag.Name + "' received too many positional arguments.");
                    }
                }
            }
        }

        if (parameters is not null)
        {
            var missing = new List<string>();
            foreach (var name in unhandled)
            {
                if (IndexOf(parameters.Names, name) < parameters.RequiredCount)
                {
                    missing.Add("'" + name + "'");
                }
            }

            if (missing.Count > 0)
            {
                throw Error(token, "'" + tag.Name + "' did not receive value(s) for the argument(s): " + string.Join(", ", missing) + ".");
            }
        }

        return new CustomTagNode(tag, arguments, named, variable, Location(token));
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

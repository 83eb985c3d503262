using System.Collections.Generic;

namespace Micro.Templates;

public sealed partial class Parser
{
    private readonly HashSet<string> _blockNames = new HashSet<string>();

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
}

using System.Collections.Generic;
using System.Linq;

namespace Micro.Templates;

public sealed partial class Parser
{
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

    /// <summary><c>{% get_static_prefix %}</c>, <c>{% get_media_prefix as prefix %}</c>: Django's tags of its <c>static</c> library.</summary>
    private Node ParsePrefix(Token token, string name)
    {
        var bits = Bits(token);
        if (bits.Count == 0)
        {
            return new PrefixNode(name == "get_media_prefix", null, Location(token));
        }

        if (bits.Count != 2 || bits[0].Text != "as")
        {
            throw Error(token, bits[0], $"'{name}' takes no argument, or 'as name'.");
        }

        return new PrefixNode(name == "get_media_prefix", Intern(bits[1].Text), Location(token));
    }

    private Node ParseQueryString(Token token)
    {
        var bits = Bits(token);
        string? variable = null;
        var count = bits.Count;
        if (bits.Count >= 2 && bits[bits.Count - 2].Text == "as")
        {
            variable = Intern(bits[bits.Count - 1].Text);
            count -= 2;
        }

        var mappings = new List<FilterExpression>();
        var values = new List<Assignment>();
        for (var i = 0; i < count; i++)
        {
            var bit = bits[i];
            var name = KeywordName(bit.Text);
            if (name is null)
            {
                if (values.Count > 0)
                {
                    throw Error(token, bit, "'querystring' received some positional argument(s) after some keyword argument(s).");
                }

                mappings.Add(CompileFilter(bit, token));
            }
            else if (values.Any(v => v.Name == name))
            {
                throw Error(token, bit, $"'querystring' received multiple values for keyword argument '{name}'.");
            }
            else
            {
                values.Add(new Assignment(Intern(name), CompileFilter(new TagBit(bit.Text.Substring(name.Length + 1), bit.Offset + name.Length + 1), token)));
            }
        }

        return new QueryStringNode(mappings, values, variable, Location(token));
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
}

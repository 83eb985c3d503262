using System.Collections.Generic;

namespace Micro.Templates;

public sealed partial class Parser
{
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
}

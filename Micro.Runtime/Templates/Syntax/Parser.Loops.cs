using System.Collections.Generic;

namespace Micro.Templates;

public sealed partial class Parser
{
    private static readonly string[] s_forEnds = { "empty", "endfor" };

    private Dictionary<string, CycleNode>? _namedCycles;

    private CycleNode? _lastCycle;

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
}

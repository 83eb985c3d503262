using System.Collections.Generic;

namespace Micro.Templates;

public sealed partial class Parser
{
    private static readonly string[] s_ifEnds = { "elif", "else", "endif" };

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
}

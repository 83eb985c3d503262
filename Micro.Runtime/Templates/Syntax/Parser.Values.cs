using System.Collections.Generic;

namespace Micro.Templates;

public sealed partial class Parser
{
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
}

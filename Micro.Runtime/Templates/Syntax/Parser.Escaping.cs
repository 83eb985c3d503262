
namespace Micro.Templates;

public sealed partial class Parser
{
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
}

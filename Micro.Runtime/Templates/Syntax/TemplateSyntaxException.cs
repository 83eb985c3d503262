namespace Micro;

/// <summary>
/// A template that can't be parsed: an unknown tag or filter, an unclosed block, a bad argument.
/// The message says what is wrong and where (template name, line and column).
/// </summary>
public sealed class TemplateSyntaxException : System.Exception
{
    public TemplateSyntaxException(string description, string templateName, int line, int column)
        : base(templateName + ", line " + line + ", column " + column + ": " + description)
    {
        Description = description;
        TemplateName = templateName;
        Line = line;
        Column = column;
    }

    /// <summary>The problem alone, without its location.</summary>
    public string Description { get; }

    public string TemplateName { get; }

    /// <summary>1-based line of the offending tag or word.</summary>
    public int Line { get; }

    /// <summary>1-based column of the offending tag or word.</summary>
    public int Column { get; }
}

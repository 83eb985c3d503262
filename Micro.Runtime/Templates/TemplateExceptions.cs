namespace Micro;

/// <summary>A template name that no loader knows, as Django's <c>TemplateDoesNotExist</c>.</summary>
public sealed class TemplateNotFoundException(string templateName, string message) : Exception(message)
{
    public string TemplateName { get; } = templateName;
}

/// <summary>
/// An error while rendering: a failing custom tag or filter, an include that doesn't exist, a URL that
/// can't be reversed. The message names the template and line; <see cref="Exception.InnerException"/> is the cause.
/// </summary>
public sealed class TemplateRenderException : Exception
{
    public TemplateRenderException(string description, string templateName, int line, Exception? innerException = null)
        : base($"Error rendering template '{templateName}', line {line}: {description}", innerException)
    {
        Description = description;
        TemplateName = templateName;
        Line = line;
    }

    /// <summary>The problem alone, without its location.</summary>
    public string Description { get; }

    public string TemplateName { get; }

    public int Line { get; }
}

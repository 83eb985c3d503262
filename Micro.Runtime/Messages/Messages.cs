using Micro.Templates;
using Microsoft.AspNetCore.Http;

namespace Micro;

/// <summary>How much a message matters, as Django's message levels; any other number is a level of its own.</summary>
public enum MessageLevel
{
    Debug = 10,
    Info = 20,
    Success = 25,
    Warning = 30,
    Error = 40,
}

/// <summary>
/// One-time notifications, as Django's messages framework: a view adds one (<c>Messages.Success(context, "Saved.")</c>) and
/// redirects, and the next page shows it with <c>{% for message in messages %}</c>. Messages wait in a signed, encrypted
/// cookie until a template reads them; messages below <see cref="MicroOptions.MessageLevel"/> (Info) are dropped.
/// </summary>
public static class Messages
{
    /// <summary>Adds a message at <paramref name="level"/>; <paramref name="extraTags"/> are CSS classes for it besides the level's.</summary>
    public static void Add(HttpContext context, MessageLevel level, string text, string extraTags = "")
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(extraTags);
        MessageStorage.For(context).Add(new Message(level, text, extraTags));
    }

    public static void Debug(HttpContext context, string text, string extraTags = "") => Add(context, MessageLevel.Debug, text, extraTags);

    public static void Info(HttpContext context, string text, string extraTags = "") => Add(context, MessageLevel.Info, text, extraTags);

    public static void Success(HttpContext context, string text, string extraTags = "") => Add(context, MessageLevel.Success, text, extraTags);

    public static void Warning(HttpContext context, string text, string extraTags = "") => Add(context, MessageLevel.Warning, text, extraTags);

    public static void Error(HttpContext context, string text, string extraTags = "") => Add(context, MessageLevel.Error, text, extraTags);

    /// <summary>The request's messages: reading them through (a loop) marks them shown, and they are gone after this response.</summary>
    public static MessageStorage Get(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return MessageStorage.For(context);
    }
}

/// <summary>One message. In templates: <c>{{ message }}</c>, <c>message.tags</c>, <c>message.level</c>, <c>message.level_tag</c>, <c>message.extra_tags</c>.</summary>
public sealed class Message(MessageLevel level, string text, string extraTags = "") : ITemplateObject
{
    public MessageLevel Level { get; } = level;

    public string Text { get; } = text;

    public string ExtraTags { get; } = extraTags;

    /// <summary><c>debug</c>, <c>info</c>, <c>success</c>, <c>warning</c>, <c>error</c>; empty for another level.</summary>
    public string LevelTag => Level switch
    {
        MessageLevel.Debug => "debug",
        MessageLevel.Info => "info",
        MessageLevel.Success => "success",
        MessageLevel.Warning => "warning",
        MessageLevel.Error => "error",
        _ => "",
    };

    /// <summary>The extra tags and the level's tag, space-separated: the CSS classes of the message.</summary>
    public string Tags => string.Join(' ', new[] { ExtraTags, LevelTag }.Where(static tag => tag.Length > 0));

    public override string ToString() => Text;

    bool ITemplateObject.TryGetMember(string name, out object? value)
    {
        value = name switch
        {
            "message" => Text,
            "level" => (int)Level,
            "tags" => Tags,
            "level_tag" => LevelTag,
            "extra_tags" => ExtraTags,
            _ => null,
        };
        return value is not null;
    }
}

/// <summary>Adds <c>messages</c> (the request's <see cref="MessageStorage"/>) to every template rendered for a request.</summary>
internal sealed class MessagesContextProcessor : ITemplateContextProcessor
{
    public void Process(HttpContext request, IDictionary<string, object?> values) => values["messages"] = MessageStorage.For(request);
}

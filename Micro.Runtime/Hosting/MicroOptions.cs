namespace Micro;

/// <summary>Framework behaviour an app can change in code: <c>builder.Services.Configure&lt;MicroOptions&gt;(...)</c>.</summary>
public sealed class MicroOptions
{
    /// <summary>Redirect a GET or HEAD for <c>/about</c> to <c>/about/</c> when only the latter matches a route, as Django's <c>APPEND_SLASH</c>.</summary>
    public bool AppendSlash { get; set; } = true;

    /// <summary>Show exception details and the URL table on error pages. Null means "in the Development environment".</summary>
    public bool? DetailedErrors { get; set; }

    /// <summary>The prefix <c>{% static %}</c> puts before paths (Django's <c>STATIC_URL</c>).</summary>
    public string StaticUrl { get; set; } = "/static/";

    /// <summary>
    /// Where uploaded files are served from (Django's <c>MEDIA_URL</c>), the files of <c>[FileField]</c> columns:
    /// <c>Micro:MediaUrl</c> from configuration, else <c>/media/</c>.
    /// </summary>
    public string MediaUrl { get; set; } = "/media/";

    /// <summary>
    /// The folder uploaded files are kept in (Django's <c>MEDIA_ROOT</c>): <c>Micro:MediaRoot</c> from configuration, else <c>media</c>
    /// under the app's content root. A relative path is under the content root.
    /// </summary>
    public string? MediaRoot { get; set; }

    /// <summary>Reload edited templates from the project's <c>templates/</c> folder. Null means "in the Development environment, when the folder exists".</summary>
    public bool? ReloadTemplates { get; set; }

    /// <summary>The least important message <see cref="Messages"/> keeps (Django's <c>MESSAGE_LEVEL</c>): Info, so Debug ones are dropped.</summary>
    public MessageLevel MessageLevel { get; set; } = MessageLevel.Info;

    /// <summary>
    /// The app's label, as Django's app label: the app's permissions are <c>{label}.change_post</c>, and <c>showmigrations</c>
    /// lists its migrations under it. Null means <c>Micro:AppLabel</c> from configuration, else the assembly name in lower case
    /// with every character other than a letter or digit made <c>_</c> (<c>sample-app</c> is <c>sample_app</c>).
    /// </summary>
    public string? AppLabel { get; set; }

    /// <summary>The label of the app in <paramref name="manifest"/>: <see cref="AppLabel"/> when set, else derived from the assembly name.</summary>
    /// <exception cref="InvalidOperationException">
    /// The label isn't an app label (ASCII letters, digits and <c>_</c>), or it is one of Micro's own
    /// (<c>auth</c>, <c>sessions</c>, <c>admin</c>), whose permissions, migrations and admin pages it would share.
    /// </exception>
    public string AppLabelFor(Hosting.AppManifest manifest)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        if (!string.IsNullOrWhiteSpace(AppLabel))
        {
            return Checked(AppLabel.Trim(), "Micro:AppLabel is");
        }

        var name = manifest.Assembly.GetName().Name ?? "app";
        var derived = string.Create(name.Length, name, static (span, name) =>
        {
            for (var i = 0; i < name.Length; i++)
            {
                span[i] = char.IsAsciiLetterOrDigit(name[i]) ? char.ToLowerInvariant(name[i]) : '_';
            }
        });
        return Checked(derived, $"The app's label, made from its assembly name '{name}', is");
    }

    private static string Checked(string label, string what)
    {
        if (label is "auth" or "sessions" or "admin")
        {
            throw new InvalidOperationException(
                $"{what} '{label}', which is Micro's own app label (its users, sessions or admin log): the app's permissions and admin pages would be taken for Micro's. Set Micro:AppLabel to another label, such as 'blog'.");
        }

        // A '.' would split its permission names (blog.change_post) in the wrong place; a '/' or space its admin URLs.
        if (label.Length == 0 || !label.All(static c => char.IsAsciiLetterOrDigit(c) || c == '_'))
        {
            throw new InvalidOperationException(
                $"{what} '{label}', which isn't an app label: use ASCII letters, digits and '_', such as 'blog'.");
        }

        return label;
    }
}

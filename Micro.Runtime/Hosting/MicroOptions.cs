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
    public string AppLabelFor(Hosting.AppManifest manifest)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        if (!string.IsNullOrWhiteSpace(AppLabel))
        {
            return AppLabel.Trim();
        }

        var name = manifest.Assembly.GetName().Name ?? "app";
        return string.Create(name.Length, name, static (span, name) =>
        {
            for (var i = 0; i < name.Length; i++)
            {
                span[i] = char.IsAsciiLetterOrDigit(name[i]) ? char.ToLowerInvariant(name[i]) : '_';
            }
        });
    }
}

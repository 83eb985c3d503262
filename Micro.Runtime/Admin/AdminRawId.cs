using System.ComponentModel;

namespace Micro.Admin;

/// <summary>
/// A reference the admin's form edits as its key (<c>[Admin(RawIdFields = ...)]</c>, Django's <c>raw_id_fields</c>): beside the box the
/// change page names the row the key points to, with a link to it, and links to the target's list to look a key up, as Django's
/// <c>ForeignKeyRawIdWidget</c>.
/// </summary>
public abstract class AdminRawId
{
    private protected AdminRawId(string field)
    {
        ArgumentException.ThrowIfNullOrEmpty(field);
        Field = field;
    }

    /// <summary>The form's field: <c>author</c>.</summary>
    public string Field { get; }

    /// <summary>The target model's admin pages, or null when the target isn't in the admin.</summary>
    internal abstract AdminModelViews? Target(AdminSite site);
}

/// <summary>What generated code writes per name in <c>RawIdFields</c>: the field and its target model.</summary>
/// <typeparam name="TTarget">The model the key points to.</typeparam>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class AdminRawId<TTarget>(string field) : AdminRawId(field)
    where TTarget : class
{
    internal override AdminModelViews? Target(AdminSite site) => site.Models.OfType<AdminModelViews<TTarget>>().FirstOrDefault();
}

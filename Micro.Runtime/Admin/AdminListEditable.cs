using System.ComponentModel;
using System.Globalization;
using Micro.Data;
using Micro.Forms;
using Microsoft.AspNetCore.Http;

namespace Micro.Admin;

/// <summary>
/// Columns of the change list edited in place, as Django's <c>list_editable</c>: each row of the page gets a form of those fields
/// (posted as Django's formset, <c>form-0-status</c> with the row's key in <c>form-0-id</c>), saved together by the list's "Save".
/// Generated from <c>[Admin(ListEditable = ...)]</c>.
/// </summary>
/// <typeparam name="TModel">The model of the list.</typeparam>
public abstract class AdminListEditable<TModel>
    where TModel : class
{
    /// <summary>The formset's prefix, Django's default.</summary>
    internal const string Prefix = "form";

    /// <summary>Django's limit on the forms of one post: no more are ever read.</summary>
    internal const int MaxForms = FormValues.DefaultMaxForms;

    private protected AdminListEditable(IReadOnlyList<string> fields)
    {
        Fields = fields;
    }

    /// <summary>The names in <c>ListDisplay</c> edited in the list.</summary>
    public IReadOnlyList<string> Fields { get; }

    /// <summary>Unbound forms showing <paramref name="rows"/>, the page's rows, in order.</summary>
    internal abstract Task<IReadOnlyList<AdminListForm<TModel>>> ShowAsync(IServiceProvider services, IReadOnlyList<TModel> rows, CancellationToken cancellationToken);

    /// <summary>
    /// The forms posted, each bound to the row its key names among <paramref name="rows"/> (the rows of the list's filters with those keys);
    /// a key that isn't one of them is an error on its form. Null when the management form is missing or tampered with.
    /// </summary>
    internal abstract Task<IReadOnlyList<AdminListForm<TModel>>?> BindAsync(IServiceProvider services, IReadOnlyDictionary<string, TModel> rows, IFormCollection posted, CancellationToken cancellationToken);

    /// <summary>Saves a valid form onto its row; null with the error on the form when a unique value clashes.</summary>
    internal abstract Task<TModel?> SaveAsync(AdminListForm<TModel> form, Database db, CancellationToken cancellationToken);

    /// <summary>The keys posted in <c>form-N-id</c>, at most <see cref="MaxForms"/> of them; null when the counts can't be read.</summary>
    internal static List<string>? PostedKeys(IFormCollection posted)
    {
        if (!FormValues.TryReadFormCount(posted, Prefix, out var total, out _, out _) || total > MaxForms)
        {
            return null;
        }

        var keys = new List<string>(total);
        for (var i = 0; i < total; i++)
        {
            keys.Add(FormValues.Last(posted, FormPrefix(i) + "-id")?.Trim() ?? "");
        }

        return keys;
    }

    internal static string FormPrefix(int index) => FormValues.Prefixed(Prefix, index.ToString(CultureInfo.InvariantCulture));
}

/// <summary>What generated code writes for <c>ListEditable</c>: the model form of those fields, and how it is set to a row and saved.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class AdminListEditable<TModel, TForm> : AdminListEditable<TModel>
    where TModel : class
    where TForm : class, IForm<TForm>
{
    private readonly Action<TForm, TModel> _setInstance;
    private readonly Func<TForm, Database, CancellationToken, Task<TModel?>> _saveAsync;

    /// <param name="fields">The names in <c>ListDisplay</c> edited in the list.</param>
    /// <param name="setInstance">Sets the form's <c>Instance</c>.</param>
    /// <param name="saveAsync">The form's <c>SaveAsync</c>.</param>
    public AdminListEditable(string[] fields, Action<TForm, TModel> setInstance, Func<TForm, Database, CancellationToken, Task<TModel?>> saveAsync)
        : base(fields)
    {
        _setInstance = setInstance;
        _saveAsync = saveAsync;
    }

    internal override async Task<IReadOnlyList<AdminListForm<TModel>>> ShowAsync(IServiceProvider services, IReadOnlyList<TModel> rows, CancellationToken cancellationToken)
    {
        var info = TForm.Info;
        var choices = await info.LoadChoicesAsync(services, cancellationToken);
        var forms = new List<AdminListForm<TModel>>(rows.Count);
        for (var i = 0; i < rows.Count; i++)
        {
            var form = info.CreateUnbound(choices, FormPrefix(i));
            _setInstance(form, rows[i]);
            forms.Add(new AdminListForm<TModel>(form, rows[i], null));
        }

        return forms;
    }

    internal override async Task<IReadOnlyList<AdminListForm<TModel>>?> BindAsync(
        IServiceProvider services, IReadOnlyDictionary<string, TModel> rows, IFormCollection posted, CancellationToken cancellationToken)
    {
        if (PostedKeys(posted) is not { } keys)
        {
            return null;
        }

        var info = TForm.Info;
        var choices = await info.LoadChoicesAsync(services, cancellationToken);
        var forms = new List<AdminListForm<TModel>>(keys.Count);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < keys.Count; i++)
        {
            var form = info.Bind(posted, choices, FormPrefix(i));
            if (!rows.TryGetValue(keys[i], out var row) || !seen.Add(keys[i]))
            {
                // A key the list doesn't show (another filter's row, a row deleted since, text, one sent twice): Django's error on the hidden id.
                form.State.Errors.Add("(Hidden field id) Select a valid choice. That choice is not one of the available choices.");
                forms.Add(new AdminListForm<TModel>(form, null, keys[i]));
                continue;
            }

            _setInstance(form, row);
            forms.Add(new AdminListForm<TModel>(form, row, keys[i]));
        }

        return forms;
    }

    internal override Task<TModel?> SaveAsync(AdminListForm<TModel> form, Database db, CancellationToken cancellationToken) =>
        _saveAsync((TForm)form.Form, db, cancellationToken);
}

/// <summary>One row's form in the change list: the row (null for a key that isn't one of the list's) and the key posted.</summary>
internal sealed record AdminListForm<TModel>(IForm Form, TModel? Row, string? PostedKey)
    where TModel : class;

/// <summary>Which fields of a form bound to a row would change it: what the history's "Changed ..." names.</summary>
internal static class AdminChanges
{
    /// <summary>The labels of <paramref name="form"/>'s fields whose value differs from the column they edit in <paramref name="row"/>, read before the save.</summary>
    public static List<string> ChangedLabels<TModel>(IForm form, ModelInfo<TModel> model, TModel row)
        where TModel : class
    {
        var before = new object?[model.Columns.Count];
        model.GetValues(row, before);
        var info = form.State.Info;
        var changed = new List<string>();
        foreach (var field in info.Fields)
        {
            for (var i = 0; i < model.Columns.Count; i++)
            {
                if (model.Columns[i].Property == field.Property)
                {
                    if (!Equals(info.GetValue(form, field), before[i]))
                    {
                        changed.Add(field.Label);
                    }

                    break;
                }
            }
        }

        return changed;
    }
}

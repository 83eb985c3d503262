using System.ComponentModel;
using Microsoft.AspNetCore.Http;

namespace Micro.Forms;

/// <summary>
/// A form type's fields, as the generator found them, and how to read the value of each from an instance. Generated
/// code derives one per <c>[Form]</c> (through <see cref="FormInfo{TForm}"/>); every instance shares it.
/// </summary>
public abstract class FormInfo
{
    private readonly Dictionary<string, FormField> _byName = new(StringComparer.Ordinal);

    protected FormInfo(string name, FormField[] fields)
    {
        ArgumentNullException.ThrowIfNull(fields);
        Name = name;
        Fields = fields;
        for (var i = 0; i < fields.Length; i++)
        {
            var field = fields[i];
            field.Index = i;
            _byName.TryAdd(field.Name, field);
            _byName.TryAdd(field.Property, field);
            HasFileColumns |= field.UploadTo is not null;
        }
    }

    /// <summary>The form class's name, for messages.</summary>
    public string Name { get; }

    /// <summary>The fields, in the order they are shown.</summary>
    public IReadOnlyList<FormField> Fields { get; }

    /// <summary>Some field is a model's <c>[FileField]</c> column, whose uploads the form stores when it is saved.</summary>
    internal bool HasFileColumns { get; }

    /// <summary>
    /// The field with this name in the form (<c>cc_myself</c>) or this C# property (<c>CcMyself</c>), or null. A model
    /// form's reference is also found by its navigation (<c>Author</c> for the field <c>author</c> that edits <c>AuthorId</c>).
    /// </summary>
    public FormField? Find(string name)
    {
        if (_byName.TryGetValue(name, out var field))
        {
            return field;
        }

        foreach (var candidate in Fields)
        {
            if (string.Equals(candidate.Name.Replace("_", "", StringComparison.Ordinal), name, StringComparison.OrdinalIgnoreCase))
            {
                return candidate;
            }
        }

        return null;
    }

    /// <summary>The value of <paramref name="field"/> in <paramref name="form"/>, as its widget shows it when the form is unbound.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public abstract object? GetValue(IForm form, FormField field);

    /// <summary>
    /// A value type's value for its widget: its default (0, an empty date) shows as an empty field, as Django shows a field
    /// without an initial value, unless the form shows a row (a model form's <c>Instance</c>), whose values all show.
    /// </summary>
    protected static object? Shown<T>(IForm form, T value)
        where T : struct =>
        form.State.HasInstance || !EqualityComparer<T>.Default.Equals(value, default) ? value : null;
}

/// <summary>
/// What the generator writes per form type: how a new, unbound form is made, how a posted form is read into one
/// (each field parsed by its type and checked by its annotations, with an error instead of an exception for bad input),
/// and which choices it loads from the database.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public abstract class FormInfo<TForm> : FormInfo
    where TForm : class, IForm<TForm>
{
    protected FormInfo(string name, FormField[] fields)
        : base(name, fields)
    {
    }

    /// <summary>A new unbound form: its properties' initial values are what it shows.</summary>
    public abstract TForm Create();

    /// <summary>
    /// Reads every field from <paramref name="reader"/>, in order: parsed by its type, then checked by its annotations
    /// (errors go to <see cref="FormReader.Errors"/>); then makes the form from the values.
    /// </summary>
    protected abstract TForm Read(FormReader reader);

    /// <summary>The form's own checks across fields (its <c>Clean</c> method), after every field is read.</summary>
    protected virtual void Clean(TForm form, FormErrors errors)
    {
    }

    /// <summary>The options of fields that come from the database (a model form's references), for one form; null when there are none.</summary>
    public virtual ValueTask<FormChoices?> LoadChoicesAsync(IServiceProvider services, CancellationToken cancellationToken) =>
        ValueTask.FromResult<FormChoices?>(null);

    /// <summary>A model form: <see cref="GetInstanceKey"/>, <see cref="CopyInstance"/>, <see cref="SaveInstanceAsync"/> and <see cref="DeleteInstanceAsync"/> work, for formsets of rows.</summary>
    public virtual bool IsModelForm => false;

    /// <summary>The key of the row a model form edits (its <c>Instance</c>); null when it edits none.</summary>
    public virtual object? GetInstanceKey(TForm form) => null;

    /// <summary>Gives <paramref name="to"/> (a form bound to a post) the row <paramref name="from"/> showed.</summary>
    public virtual void CopyInstance(TForm from, TForm to) => throw NotModelForm();

    /// <summary>A model form's <c>SaveAsync</c>: false when another row has its unique values (the error is on the form).</summary>
    public virtual Task<bool> SaveInstanceAsync(TForm form, Data.Database db, CancellationToken cancellationToken) => throw NotModelForm();

    /// <summary>Deletes the row a model form edits.</summary>
    public virtual Task DeleteInstanceAsync(TForm form, Data.Database db, CancellationToken cancellationToken) => throw NotModelForm();

    private InvalidOperationException NotModelForm() =>
        new($"{Name} isn't a model form: only forms declared with [Form(Model = typeof(...))] save rows.");

    /// <summary>A form bound to <paramref name="data"/> (Django's <c>Form(request.POST)</c>): read, validated and cleaned.</summary>
    public TForm Bind(IFormCollection data, FormChoices? choices = null) => Bind(data, choices, prefix: null);

    /// <summary>A bound form whose fields are posted as <c>{prefix}-{name}</c> (one form of a formset).</summary>
    internal TForm Bind(IFormCollection data, FormChoices? choices, string? prefix)
    {
        ArgumentNullException.ThrowIfNull(data);
        var reader = new FormReader(this, data, choices, prefix);
        var form = Read(reader);
        form.State.Bind(reader.Raw, reader.Errors, choices, prefix, reader.Uploads);
        Clean(form, reader.Errors);
        return form;
    }

    /// <summary>A new unbound form showing <paramref name="choices"/> in its database-backed selects.</summary>
    public TForm CreateUnbound(FormChoices? choices = null) => CreateUnbound(choices, prefix: null);

    /// <summary>A new unbound form whose fields are shown as <c>{prefix}-{name}</c>.</summary>
    internal TForm CreateUnbound(FormChoices? choices, string? prefix)
    {
        var form = Create();
        form.State.Choices = choices;
        form.State.Prefix = prefix;
        return form;
    }
}

using System.Collections;
using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using Micro.Forms;
using Micro.Templates;
using Microsoft.AspNetCore.Html;
using Microsoft.AspNetCore.Http;

namespace Micro;

/// <summary>
/// What <c>formset_factory</c>'s arguments say in Django: how many empty forms a formset shows, how many it accepts, whether forms can be
/// deleted, and the prefix its fields are posted under.
/// </summary>
public sealed record FormSetOptions
{
    /// <summary>
    /// What the forms' fields are posted under: <c>form-0-title</c>, and <c>form-TOTAL_FORMS</c> for the count (Django's default <c>form</c>).
    /// Two formsets on one page need two prefixes.
    /// </summary>
    public string Prefix { get; init; } = "form";

    /// <summary>Empty forms shown after the initial ones (Django's <c>extra</c>, 1 by default).</summary>
    public int Extra { get; init; } = 1;

    /// <summary>Forms always shown, and with <see cref="ValidateMin"/> the fewest a post may fill in (Django's <c>min_num</c>).</summary>
    public int MinNum { get; init; }

    /// <summary>The most forms shown (Django's <c>max_num</c>, 1,000 by default); with <see cref="ValidateMax"/> the most a post may fill in.</summary>
    public int MaxNum { get; init; } = FormValues.DefaultMaxForms;

    /// <summary>No more forms than this are ever read from a post, whatever its count says (Django's <c>absolute_max</c>: <see cref="MaxNum"/> + 1,000 when null).</summary>
    public int? AbsoluteMax { get; init; }

    /// <summary>A post with fewer than <see cref="MinNum"/> filled-in forms (less those deleted) is refused (Django's <c>validate_min</c>).</summary>
    public bool ValidateMin { get; init; }

    /// <summary>A post with more than <see cref="MaxNum"/> filled-in forms (less those deleted) is refused (Django's <c>validate_max</c>).</summary>
    public bool ValidateMax { get; init; }

    /// <summary>Each form has a "Delete" box (Django's <c>can_delete</c>); a form marked for deletion isn't validated.</summary>
    public bool CanDelete { get; init; }

    /// <summary>With <see cref="CanDelete"/>, the empty forms have the box too (Django's <c>can_delete_extra</c>, true by default).</summary>
    public bool CanDeleteExtra { get; init; } = true;

    /// <summary>
    /// Each form has an "Order" box (Django's <c>can_order</c>): the initial forms numbered 1, 2..., and the post's forms in
    /// <see cref="FormSet{TForm}.OrderedForms"/> sorted by it.
    /// </summary>
    public bool CanOrder { get; init; }

    internal int Limit => AbsoluteMax ?? MaxNum + FormValues.DefaultMaxForms;

    internal void Check()
    {
        if (string.IsNullOrEmpty(Prefix) || Prefix.AsSpan().IndexOfAny("\"'<>& \t\r\n") >= 0)
        {
            throw new ArgumentException($"A formset's prefix names its fields (form-0-title); '{Prefix}' can't: use letters, digits, '_' or '-'.", nameof(Prefix));
        }

        if (Extra < 0 || MinNum < 0 || MaxNum < 0 || AbsoluteMax < 0)
        {
            throw new ArgumentException($"A formset's Extra ({Extra}), MinNum ({MinNum}), MaxNum ({MaxNum}) and AbsoluteMax ({AbsoluteMax}) can't be negative.");
        }

        if (AbsoluteMax < MaxNum)
        {
            throw new ArgumentException($"A formset's AbsoluteMax ({AbsoluteMax}) must be at least its MaxNum ({MaxNum}), as Django's absolute_max.", nameof(AbsoluteMax));
        }
    }
}

/// <summary>
/// Several forms of one type on one page, as Django's formsets (<c>formset_factory</c>): made with <see cref="FormSet.CreateAsync{TForm}"/>
/// or <see cref="FormSet.BindAsync{TForm}"/>, shown with <c>{{ formset }}</c> (the management form and each form) or form by form,
/// and read back as a list of forms.
/// </summary>
/// <remarks>
/// The forms' fields are posted as <c>form-0-title</c>, <c>form-1-title</c>..., and the hidden management form says how many were sent
/// (<c>form-TOTAL_FORMS</c>) and how many of those were the initial ones (<c>form-INITIAL_FORMS</c>). An empty form left as it was
/// shown is neither checked nor returned in <see cref="FilledForms"/>; a form marked for deletion isn't checked either.
/// </remarks>
/// <typeparam name="TForm">The <c>[Form]</c> class of each form.</typeparam>
public sealed class FormSet<TForm> : ITemplateObject, IHtmlContent, IEnumerable<TForm>
    where TForm : class, IForm<TForm>
{
    private readonly List<TForm> _forms = [];
    // By reference: a form may be a record, whose equality is its values, and two forms can hold the same.
    private readonly HashSet<TForm> _deleted = new(ReferenceEqualityComparer.Instance);
    private readonly HashSet<TForm> _empty = new(ReferenceEqualityComparer.Instance);
    private readonly FormChoices? _choices;
    private readonly Dictionary<TForm, TForm> _shown = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<TForm, int?> _order = new(ReferenceEqualityComparer.Instance);

    internal FormSet(FormSetOptions options, bool bound, FormChoices? choices)
    {
        Options = options;
        IsBound = bound;
        _choices = choices;
    }

    public FormSetOptions Options { get; }

    /// <summary>What the forms' fields are posted under (<see cref="FormSetOptions.Prefix"/>).</summary>
    public string Prefix => Options.Prefix;

    /// <summary>The formset was made from posted data (Django's <c>is_bound</c>).</summary>
    public bool IsBound { get; }

    /// <summary>
    /// Bound, the management form read, every form that isn't empty or deleted valid, and no error of the whole formset (Django's
    /// <c>is_valid()</c>).
    /// </summary>
    public bool IsValid => IsBound && NonFormErrors.Count == 0 && _forms.All(f => _deleted.Contains(f) || _empty.Contains(f) || f.State.IsValid);

    /// <summary>Every form, in order: the initial ones, then the extra ones (what enumerating the formset gives).</summary>
    public IReadOnlyList<TForm> Forms => _forms;

    /// <summary>How many of <see cref="Forms"/> are initial ones (Django's <c>initial_form_count()</c>): the app's when unbound, the post's when bound.</summary>
    public int InitialFormCount { get; private set; }

    /// <summary>The forms that show the app's initial values (Django's <c>initial_forms</c>).</summary>
    public IReadOnlyList<TForm> InitialForms => _forms.GetRange(0, InitialFormCount);

    /// <summary>The forms after them, for new entries (Django's <c>extra_forms</c>).</summary>
    public IReadOnlyList<TForm> ExtraForms => _forms.GetRange(InitialFormCount, _forms.Count - InitialFormCount);

    /// <summary>
    /// The forms whose "Delete" box was checked, when the formset is valid (Django's <c>deleted_forms</c>, empty otherwise); an extra form
    /// is one only if it was also filled in.
    /// </summary>
    public IReadOnlyList<TForm> DeletedForms => IsValid ? _forms.Where(f => _deleted.Contains(f) && !_empty.Contains(f)).ToList() : [];

    /// <summary>
    /// The forms to act on when the formset is valid: every initial form and every extra form that was filled in, less those marked for
    /// deletion (Django's non-empty <c>cleaned_data</c> entries). Each holds its posted values in its properties. None when unbound, or
    /// when the management form couldn't be read (the page's forms are then shown again, unbound).
    /// </summary>
    public IReadOnlyList<TForm> FilledForms => _forms.Where(f => f.State.IsBound && !_deleted.Contains(f) && !_empty.Contains(f)).ToList();

    /// <summary>The errors of the formset as a whole (Django's <c>non_form_errors()</c>): a tampered management form, too many or too few forms, and <see cref="AddError"/>'s.</summary>
    public ErrorList NonFormErrors { get; } = new("errorlist nonform", null);

    /// <summary>The formset's errors and every checked form's (Django's <c>total_error_count()</c>).</summary>
    public int TotalErrorCount => NonFormErrors.Count + _forms.Where(f => !_deleted.Contains(f)).Sum(static f => f.State.Errors.Count);

    /// <summary>
    /// A form with the prefix <c>form-__prefix__</c> (Django's <c>empty_form</c>), for a page's script to copy when it adds a form: replace
    /// <c>__prefix__</c> with the next number and raise <c>form-TOTAL_FORMS</c>.
    /// </summary>
    public TForm EmptyForm => Unbound(FormValues.Prefixed(Prefix, "__prefix__"));

    /// <summary>The hidden inputs that say how many forms there are (Django's <c>management_form</c>): post them with the forms.</summary>
    public IHtmlContent ManagementForm => new HtmlString(ManagementHtml());

    /// <summary>
    /// The filled-in forms (<see cref="FilledForms"/>) sorted by the order posted in their "Order" boxes, those left empty last, when the
    /// formset is valid (Django's <c>ordered_forms</c>); none otherwise.
    /// </summary>
    /// <exception cref="InvalidOperationException">The formset's forms can't be ordered (<see cref="FormSetOptions.CanOrder"/> is false).</exception>
    public IReadOnlyList<TForm> OrderedForms => !Options.CanOrder
        ? throw new InvalidOperationException("This formset's forms have no order: make it with FormSetOptions { CanOrder = true }.")
        : IsValid ? FilledForms.OrderBy(f => _order.GetValueOrDefault(f) is null).ThenBy(f => _order.GetValueOrDefault(f)).ToList() : [];

    /// <summary>Adds an error to the whole formset, as raising <c>ValidationError</c> in Django's <c>BaseFormSet.clean()</c>: the checks across forms.</summary>
    public void AddError(string message)
    {
        ArgumentNullException.ThrowIfNull(message);
        NonFormErrors.Add(message);
    }

    /// <summary>Whether the form's "Delete" box was checked (Django's <c>form.cleaned_data["DELETE"]</c>).</summary>
    public bool IsDeleted(TForm form) => _deleted.Contains(form);

    /// <summary>
    /// Whether the form was posted with something else than it showed (Django's <c>has_changed()</c>): an initial form against the
    /// app's initial form it was paired with, an extra one against a new form; false when unbound.
    /// </summary>
    public bool HasChanged(TForm form)
    {
        ArgumentNullException.ThrowIfNull(form);
        return form.State.IsBound && form.State.HasChanged(_shown.GetValueOrDefault(form) ?? TForm.Info.Create());
    }

    /// <summary>
    /// Saves a formset of model forms, as Django's model formsets' <c>save()</c>: deletes the rows of the initial forms marked for
    /// deletion, saves the initial forms that changed and adds a row for each extra form filled in, in one transaction (the
    /// <c>Db</c>'s own when one is open). False when a form's save found another row with its unique values: the error is on that
    /// form, to show the page again, and nothing was saved.
    /// </summary>
    /// <exception cref="InvalidOperationException">The formset isn't valid, or its forms aren't model forms.</exception>
    public async Task<bool> SaveAsync(Data.Database db, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var info = TForm.Info;
        if (!info.IsModelForm)
        {
            throw new InvalidOperationException($"{info.Name} isn't a model form: only a formset of forms declared with [Form(Model = typeof(...))] saves rows.");
        }

        if (!IsValid)
        {
            throw new InvalidOperationException("Only a valid formset is saved: check IsValid first, and show the page again when it isn't.");
        }

        await using var transaction = db.InTransaction ? null : await db.BeginTransactionAsync(cancellationToken);
        for (var i = 0; i < InitialFormCount; i++)
        {
            var form = _forms[i];
            if (_deleted.Contains(form))
            {
                await info.DeleteInstanceAsync(form, db, cancellationToken);
            }
            else if (HasChanged(form) && !await info.SaveInstanceAsync(form, db, cancellationToken))
            {
                return false;
            }
        }

        foreach (var form in ExtraForms)
        {
            if (!_deleted.Contains(form) && !_empty.Contains(form) && !await info.SaveInstanceAsync(form, db, cancellationToken))
            {
                return false;
            }
        }

        if (transaction is not null)
        {
            await transaction.CommitAsync(cancellationToken);
        }

        return true;
    }

    public IEnumerator<TForm> GetEnumerator() => _forms.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => _forms.GetEnumerator();

    /// <summary>
    /// Django's <c>as_div</c> (what <c>{{ formset }}</c> renders): the management form, then each form. As in Django, the formset's own
    /// errors are the page's to show (<c>{{ formset.non_form_errors }}</c>).
    /// </summary>
    public string ToHtml() => Render(FormLayout.Div);

    public override string ToString() => ToHtml();

    void IHtmlContent.WriteTo(TextWriter writer, HtmlEncoder encoder) => writer.Write(ToHtml());

    bool ITemplateObject.TryGetMember(string name, out object? value)
    {
        value = name switch
        {
            "forms" => _forms,
            "management_form" => ManagementForm,
            "non_form_errors" => NonFormErrors,
            "total_error_count" => TotalErrorCount,
            "errors" => _forms.Select(static f => (object?)f.State.Errors).ToList(),
            "is_bound" => TemplateAccessors.Box(IsBound),
            "is_valid" => TemplateAccessors.Box(IsValid),
            "empty_form" => EmptyForm,
            "initial_forms" => InitialForms,
            "extra_forms" => ExtraForms,
            "deleted_forms" => DeletedForms,
            "prefix" => Prefix,
            "can_delete" => TemplateAccessors.Box(Options.CanDelete),
            "as_div" => new SafeString(Render(FormLayout.Div)),
            "as_p" => new SafeString(Render(FormLayout.P)),
            "as_table" => new SafeString(Render(FormLayout.Table)),
            "as_ul" => new SafeString(Render(FormLayout.Ul)),
            _ => null,
        };
        return value is not null;
    }

    private string Render(FormLayout layout)
    {
        var html = new StringBuilder(ManagementHtml());
        html.Append('\n');

        foreach (var form in _forms)
        {
            html.Append(form.State.Render(form, layout));
        }

        return html.ToString();
    }

    private string ManagementHtml() => FormValues.ManagementForm(Prefix, _forms.Count, InitialFormCount, Options.MinNum, Options.MaxNum);

    private string FormPrefix(int index) => FormValues.Prefixed(Prefix, index.ToString(CultureInfo.InvariantCulture));

    /// <summary>A new extra form.</summary>
    private TForm Unbound(string prefix)
    {
        var form = TForm.Info.CreateUnbound(_choices, prefix);
        AddFormSetFields(form, index: null, data: null);
        return form;
    }

    /// <summary>
    /// The fields the formset adds to a form after its own, as Django's <c>add_fields</c>: the "Order" box (an initial form's numbered
    /// <paramref name="index"/> + 1, an extra one's empty) and the "Delete" box; bound to <paramref name="data"/> when posted.
    /// </summary>
    private void AddFormSetFields(TForm form, int? index, IFormCollection? data)
    {
        var state = form.State;
        if (Options.CanOrder)
        {
            var posted = data is null ? null : FormValues.Last(data, FormValues.Prefixed(state.Prefix, FormState.OrderField.Name));
            state.AddFormSetField(FormState.OrderField, index + 1, posted);
            if (data is not null)
            {
                if (string.IsNullOrWhiteSpace(posted))
                {
                    _order[form] = null;
                }
                else if (int.TryParse(posted.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var order))
                {
                    _order[form] = order;
                }
                else
                {
                    state.Errors.Add(FormState.OrderField, "Enter a whole number.");
                }
            }
        }

        if (Options.CanDelete && (index is not null || Options.CanDeleteExtra))
        {
            state.AddFormSetField(FormState.DeleteField, TemplateAccessors.Box(false), data is null ? null : FormValues.Last(data, FormValues.Prefixed(state.Prefix, FormState.DeleteField.Name)));
        }
    }

    /// <summary>The forms of a page: the app's initial forms, then as many empty ones as Django shows.</summary>
    internal void Show(IReadOnlyList<TForm> initial)
    {
        var info = TForm.Info;
        for (var i = 0; i < initial.Count; i++)
        {
            var form = initial[i];
            form.State.Choices = _choices;
            form.State.Prefix = FormPrefix(i);
            if (info.IsModelForm)
            {
                form.State.Key = FormValues.Format(RowKey(info, form, i));
            }

            AddFormSetFields(form, i, data: null);
            _forms.Add(form);
        }

        InitialFormCount = initial.Count;

        // Django's total_form_count(): the initial forms (at least MinNum) and Extra more, no more than MaxNum unless the initial ones are.
        var total = Math.Max(initial.Count, Options.MinNum) + Options.Extra;
        if (initial.Count > Options.MaxNum)
        {
            total = initial.Count;
        }
        else if (total > Options.MaxNum)
        {
            total = Options.MaxNum;
        }

        while (_forms.Count < total)
        {
            _forms.Add(Unbound(FormPrefix(_forms.Count)));
        }
    }

    /// <summary>The key of the row an initial model form shows; a form without a row can't be one of a formset of rows.</summary>
    private static object RowKey(FormInfo<TForm> info, TForm form, int index) =>
        info.GetInstanceKey(form) ?? throw new ArgumentException(
            $"The initial form {index} of a formset of {info.Name} shows no row: set each initial form's Instance (new {info.Name} {{ Instance = row }}); new rows are the extra forms.",
            "initial");

    private static Dictionary<string, TForm> RowsByKey(FormInfo<TForm> info, IReadOnlyList<TForm> initial)
    {
        var rows = new Dictionary<string, TForm>(StringComparer.Ordinal);
        for (var i = 0; i < initial.Count; i++)
        {
            rows.TryAdd(FormValues.Format(RowKey(info, initial[i], i))!, initial[i]);
        }

        return rows;
    }

    /// <summary>
    /// Pairs a posted initial form with the form it showed: a model form by the key it posted back (Django's model formsets), so a
    /// post can only change the rows the page showed, each once; a plain form by its place.
    /// </summary>
    private void Pair(TForm form, int index, IReadOnlyList<TForm> initial, Dictionary<string, TForm>? rows, HashSet<string> paired, IFormCollection data)
    {
        if (rows is null)
        {
            if (index < initial.Count)
            {
                _shown[form] = initial[index];
            }

            return;
        }

        var key = FormValues.Last(data, FormValues.Prefixed(form.State.Prefix, "id"))?.Trim();
        if (key is not null && rows.TryGetValue(key, out var shown) && paired.Add(key))
        {
            TForm.Info.CopyInstance(shown, form);
            form.State.Key = key;
            _shown[form] = shown;
            return;
        }

        // Another row's key, one sent twice, or none: Django's error on the hidden key field. The form saves nothing.
        form.State.Errors.Add("(Hidden field id) Select a valid choice. That choice is not one of the available choices.");
    }

    /// <summary>
    /// The forms of a post, as Django's <c>full_clean()</c>: each form bound to its fields, an extra form left as shown skipped, the
    /// deleted ones set aside, then the counts checked against <see cref="FormSetOptions.MinNum"/> and <see cref="FormSetOptions.MaxNum"/>.
    /// </summary>
    internal void Read(IFormCollection data, IReadOnlyList<TForm> initial)
    {
        var info = TForm.Info;
        if (!FormValues.TryReadFormCount(data, Prefix, out var total, out var initialCount, out var tampered))
        {
            // Which forms were sent can't be known: the page's forms are shown again, with Django's words above them.
            NonFormErrors.Add(tampered);
            Show(initial);
            return;
        }

        var limit = Options.Limit;
        var rows = info.IsModelForm ? RowsByKey(info, initial) : null;
        var paired = new HashSet<string>(StringComparer.Ordinal);
        var read = Math.Min(total, limit);
        InitialFormCount = Math.Min(initialCount, read);
        var filled = 0;
        for (var i = 0; i < read; i++)
        {
            var prefix = FormPrefix(i);
            var form = info.Bind(data, _choices, prefix);
            var extra = i >= InitialFormCount;
            if (!extra)
            {
                Pair(form, i, initial, rows, paired, data);
            }

            AddFormSetFields(form, extra ? null : i, data);
            if (form.State.Raw(FormState.DeleteField) is var delete && FormValues.IsChecked(delete))
            {
                _deleted.Add(form);
            }

            // Django's empty_permitted: an extra form beyond MinNum posted as it was shown is valid and empty.
            if (extra && !form.State.HasChanged(info.Create()))
            {
                if (i >= Options.MinNum)
                {
                    form.State.PermitEmpty();
                    _empty.Add(form);
                }
            }
            else if (!_deleted.Contains(form))
            {
                filled++;
            }

            _forms.Add(form);
        }

        if ((Options.ValidateMax && filled > Options.MaxNum) || total > limit)
        {
            NonFormErrors.Add(FormValues.AtMost(Options.MaxNum));
        }

        if (Options.ValidateMin && filled < Options.MinNum)
        {
            NonFormErrors.Add(FormValues.AtLeast(Options.MinNum));
        }
    }
}

/// <summary>Makes formsets: Django's <c>formset_factory(ArticleForm, extra=2)</c> and its <c>ArticleFormSet(request.POST)</c> in one call.</summary>
public static class FormSet
{
    /// <summary>
    /// The formset for a request, as Django's usual view makes it: unbound for GET, HEAD and OPTIONS (the <paramref name="initial"/>
    /// forms and the empty ones), bound to the posted form otherwise. A body that isn't a form is answered 415, a malformed or oversized
    /// one 400, as for a form parameter.
    /// </summary>
    /// <param name="context">The request.</param>
    /// <param name="options">Django's <c>formset_factory</c> arguments; its defaults when null.</param>
    /// <param name="initial">Forms the app filled in (<c>new ArticleForm { Title = "..." }</c>), shown first (Django's <c>initial</c>); pass the same on a post.</param>
    public static async Task<FormSet<TForm>> BindAsync<TForm>(HttpContext context, FormSetOptions? options = null, IReadOnlyList<TForm>? initial = null)
        where TForm : class, IForm<TForm>
    {
        ArgumentNullException.ThrowIfNull(context);
        var method = context.Request.Method;
        if (HttpMethods.IsGet(method) || HttpMethods.IsHead(method) || HttpMethods.IsOptions(method))
        {
            return await CreateAsync(context, options, initial);
        }

        // Read as the app's own form: ASP.NET Core's refusal of a body that isn't a form, or of a malformed one, is answered as a client error.
        var data = await context.Request.ReadFormAsync(context.RequestAborted);
        return WithStorage(Bind(data, options, initial, await TForm.Info.LoadChoicesAsync(context.RequestServices, context.RequestAborted)), context);
    }

    private static FormSet<TForm> WithStorage<TForm>(FormSet<TForm> set, HttpContext context)
        where TForm : class, IForm<TForm>
    {
        foreach (var form in set.Forms)
        {
            FormBinding.WithStorage(form, context.RequestServices);
        }

        return set;
    }

    /// <summary>An unbound formset (Django's <c>ArticleFormSet(initial=[...])</c>), its database-backed selects loaded for the request.</summary>
    public static async Task<FormSet<TForm>> CreateAsync<TForm>(HttpContext context, FormSetOptions? options = null, IReadOnlyList<TForm>? initial = null)
        where TForm : class, IForm<TForm>
    {
        ArgumentNullException.ThrowIfNull(context);
        return WithStorage(Create(options, initial, await TForm.Info.LoadChoicesAsync(context.RequestServices, context.RequestAborted)), context);
    }

    /// <summary>An unbound formset: the <paramref name="initial"/> forms, then the empty ones.</summary>
    public static FormSet<TForm> Create<TForm>(FormSetOptions? options = null, IReadOnlyList<TForm>? initial = null, FormChoices? choices = null)
        where TForm : class, IForm<TForm>
    {
        options ??= new FormSetOptions();
        options.Check();
        var set = new FormSet<TForm>(options, bound: false, choices);
        set.Show(initial ?? []);
        return set;
    }

    /// <summary>A formset bound to <paramref name="data"/> (Django's <c>ArticleFormSet(request.POST)</c>): every form read and checked.</summary>
    public static FormSet<TForm> Bind<TForm>(IFormCollection data, FormSetOptions? options = null, IReadOnlyList<TForm>? initial = null, FormChoices? choices = null)
        where TForm : class, IForm<TForm>
    {
        ArgumentNullException.ThrowIfNull(data);
        options ??= new FormSetOptions();
        options.Check();
        var set = new FormSet<TForm>(options, bound: true, choices);
        set.Read(data, initial ?? []);
        return set;
    }
}

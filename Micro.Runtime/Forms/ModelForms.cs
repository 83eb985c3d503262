using System.ComponentModel;
using System.Data.Common;
using Micro.Data;

namespace Micro.Forms;

/// <summary>
/// A unique index a model form checks before saving: the columns, which field the error belongs to (none when the
/// index spans several columns, or its column isn't a field of the form), Django's message, and the condition that
/// finds another row with the same values (null when a value is null: NULLs never clash).
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class UniqueCheck<TModel>(string[] columns, FormField? field, string message, Func<TModel, Condition<TModel>?> sameValues)
    where TModel : class
{
    public IReadOnlyList<string> Columns { get; } = columns;

    public FormField? Field { get; } = field;

    public string Message { get; } = message;

    public Func<TModel, Condition<TModel>?> SameValues { get; } = sameValues;
}

/// <summary>What a model form's generated <c>SaveAsync</c> calls.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class ModelForms
{
    /// <summary>
    /// Saves <paramref name="entity"/> (its instance, or a new row) with the form's values (<paramref name="fill"/>) as Django's
    /// <c>form.save()</c>: first each unique index is checked against the other rows (Django's "Post with this Slug
    /// already exists."), then the row is inserted or updated. A unique violation the database reports anyway (another
    /// request saved the same value in between) becomes the same error. False, with the errors on the form, when
    /// it couldn't be saved.
    /// </summary>
    /// <exception cref="InvalidOperationException">The form is unbound or has errors.</exception>
    public static async ValueTask<bool> SaveAsync<TForm, TModel>(
        TForm form, QuerySet<TModel> rows, TModel entity, Action<TForm, TModel> fill, UniqueCheck<TModel>[] checks, bool async, CancellationToken cancellationToken)
        where TForm : IForm
        where TModel : class
    {
        ArgumentNullException.ThrowIfNull(form);
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(entity);
        var model = rows.Model;
        var state = form.State;
        if (!state.IsValid)
        {
            throw new InvalidOperationException(
                $"The {model.Name} could not be {(model.HasKey(entity) ? "changed" : "created")} because the form {(state.IsBound ? "has errors" : "is unbound")}; save it only when form.IsValid is true.");
        }

        // As Django's save(): the form's values go onto the row (its instance, or a new one), even if a check below fails.
        fill(form, entity);

        var clashes = false;
        foreach (var check in checks)
        {
            if (check.SameValues(entity) is not { } sameValues)
            {
                continue;
            }

            var others = rows.Where(sameValues);
            if (model.HasKey(entity))
            {
                others = others.Where(!new ComparisonCondition<TModel>(model.Key, "=", model.GetKey(entity)!));
            }

            if (await others.ExistsCore(async, cancellationToken))
            {
                AddError(state, check);
                clashes = true;
            }
        }

        if (clashes)
        {
            return false;
        }

        try
        {
            // Uploads are stored once the row is known to be valid, and their names written onto it; a row that can't be saved (or a
            // file that can't be stored) takes the new files with it.
            if (state.Info.HasFileColumns)
            {
                await state.StoreFilesAsync(async, cancellationToken);
                fill(form, entity);
            }

            await rows.SaveCore(entity, async, cancellationToken);
            return true;
        }
        catch (DbException exception) when (Violated(rows, exception, checks) is { } check)
        {
            state.DeleteStoredFiles();
            AddError(state, check);
            return false;
        }
        catch
        {
            state.DeleteStoredFiles();
            throw;
        }
    }

    /// <summary>
    /// An option of a reference's select: the row's key, and its <paramref name="label"/> (the row's <c>ToString()</c>)
    /// or, as Django's default, "Author object (3)".
    /// </summary>
    public static FormChoice Choice(object key, string? label, string model)
    {
        var value = FormValues.Format(key) ?? "";
        return new(value, label ?? $"{model} object ({value})");
    }

    private static void AddError<TModel>(FormState state, UniqueCheck<TModel> check)
        where TModel : class
    {
        if (check.Field is { } field)
        {
            state.Errors.Add(field, check.Message);
        }
        else
        {
            state.Errors.Add(check.Message);
        }
    }

    /// <summary>The check of the unique index the database says <paramref name="exception"/> violated, or null for any other failure.</summary>
    private static UniqueCheck<TModel>? Violated<TModel>(QuerySet<TModel> rows, DbException exception, UniqueCheck<TModel>[] checks)
        where TModel : class
    {
        if (rows.Database.Provider.Dialect.UniqueViolation(exception) is not { } columns)
        {
            return null;
        }

        return checks.FirstOrDefault(check => check.Columns.Count == columns.Count && check.Columns.All(columns.Contains));
    }
}

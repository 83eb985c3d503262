using System.Data.Common;

namespace Micro.Data;

/// <summary>
/// An aggregate of the rows a collection relates to each row, as Django's <c>annotate(Count("post"))</c>: the database computes it for
/// each row (a subquery), so a row with no related rows counts 0. Give it to <c>Filter</c>, <c>OrderBy</c> or <c>ToListAsync</c>.
/// </summary>
public abstract class RelatedValue<TModel>
    where TModel : class
{
    private readonly Action<SqlBuilder> _render;
    private readonly string _description;

    private protected RelatedValue(Action<SqlBuilder> render, string description)
    {
        _render = render;
        _description = description;
    }

    /// <summary>The subquery, in parentheses, for the row the builder's alias names.</summary>
    internal void Render(SqlBuilder sql) => _render(sql);

    public override string ToString() => _description;
}

/// <inheritdoc cref="RelatedValue{TModel}"/>
public sealed class RelatedValue<TModel, TValue> : RelatedValue<TModel>
    where TModel : class
{
    private readonly Action<SqlBuilder, string, object> _compare;
    private readonly Func<DbDataReader, int, TValue> _read;

    internal RelatedValue(Action<SqlBuilder> render, Action<SqlBuilder, string, object> compare, Func<DbDataReader, int, TValue> read, string description)
        : base(render, description)
    {
        _compare = compare;
        _read = read;
    }

    /// <summary>Equal to <paramref name="value"/>.</summary>
    public Condition<TModel> Exact(TValue value) => Compare("=", value, nameof(Exact));

    public Condition<TModel> Gt(TValue value) => Compare(">", value, nameof(Gt));

    public Condition<TModel> Gte(TValue value) => Compare(">=", value, nameof(Gte));

    public Condition<TModel> Lt(TValue value) => Compare("<", value, nameof(Lt));

    public Condition<TModel> Lte(TValue value) => Compare("<=", value, nameof(Lte));

    /// <summary>Column <paramref name="ordinal"/> of a row, as <typeparamref name="TValue"/>.</summary>
    internal TValue Read(DbDataReader reader, int ordinal) => _read(reader, ordinal);

    private Condition<TModel> Compare(string op, TValue value, string lookup)
    {
        // A Min, Max or Average of no rows is NULL: comparing it also requires it to be non-NULL (so Exclude keeps those rows, as Django's).
        object operand = value ?? throw new ArgumentNullException(nameof(value), $"{lookup}(null) on {this} compares with nothing.");
        return new CustomCondition<TModel>(sql => _compare(sql, op, operand));
    }
}

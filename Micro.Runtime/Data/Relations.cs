using System.ComponentModel;

namespace Micro.Data;

/// <summary>A navigation of <typeparamref name="TModel"/> that <c>Include</c> and <c>Load</c> fill in.</summary>
public abstract class Relation<TModel>
    where TModel : class
{
    private protected Relation()
    {
    }

    internal abstract ValueTask LoadAsync(Database db, IReadOnlyList<TModel> entities, bool async, CancellationToken cancellationToken);

    /// <summary>Each row's key, read once: a key of a value type is boxed on every read.</summary>
    private protected static object?[] KeysOf(IReadOnlyList<TModel> entities, Func<TModel, object?> key)
    {
        var keys = new object?[entities.Count];
        for (var i = 0; i < keys.Length; i++)
        {
            keys[i] = key(entities[i]);
        }

        return keys;
    }

    /// <summary>The keys that aren't null, each once in the order first seen, a query's worth at a time.</summary>
    private protected static IEnumerable<object[]> Chunks(object?[] keys)
    {
        var seen = new HashSet<object>();
        var distinct = new List<object>(keys.Length);
        foreach (var key in keys)
        {
            if (key is not null && seen.Add(key))
            {
                distinct.Add(key);
            }
        }

        return distinct.Chunk(QuerySet<TModel>.KeysPerQuery);
    }
}

/// <summary>
/// A foreign key's navigation (<c>post.Author</c>), as Django's <c>ForeignKey</c>: loaded explicitly, and usable in
/// filters: <c>db.Posts.Filter(p =&gt; p.Author.Matches(a =&gt; a.Name.Exact("Ada")))</c>.
/// </summary>
public sealed class Reference<TModel, TTarget> : Relation<TModel>
    where TModel : class
    where TTarget : class
{
    private readonly ColumnInfo _foreignKey;
    private readonly Func<TModel, object?> _getForeignKey;
    private readonly Action<TModel, TTarget?> _set;
    private readonly Func<ModelInfo<TTarget>> _target;

    [EditorBrowsable(EditorBrowsableState.Never)]
    public Reference(ColumnInfo foreignKey, Func<TModel, object?> getForeignKey, Action<TModel, TTarget?> set, Func<ModelInfo<TTarget>> target)
    {
        _foreignKey = foreignKey;
        _getForeignKey = getForeignKey;
        _set = set;
        _target = target;
    }

    /// <summary>Rows whose referenced row matches <paramref name="predicate"/>, as Django's <c>author__name="Ada"</c>.</summary>
    public Condition<TModel> Matches(Func<Fields<TTarget>, Condition<TTarget>> predicate)
    {
        var condition = predicate(Fields<TTarget>.Instance);
        var target = _target();
        return new CustomCondition<TModel>(sql =>
        {
            void Render(SqlBuilder s)
            {
                s.Column(_foreignKey).Append(" IN (SELECT ");
                var outer = s.Alias;
                s.Alias = s.NewAlias();
                s.Column(target.Key).Append(" FROM ").Identifier(target.Table).Append(" AS ").Append(s.Alias).Append(" WHERE ");
                condition.Render(s);
                s.Alias = outer;
                s.Append(")");
            }

            if (_foreignKey.IsNullable)
            {
                // Keep rows without a reference when the condition is negated, as Django's exclude() does.
                sql.Append("(");
                Render(sql);
                sql.Append(" AND ").Column(_foreignKey).Append(" IS NOT NULL)");
            }
            else
            {
                Render(sql);
            }
        });
    }

    internal override async ValueTask LoadAsync(Database db, IReadOnlyList<TModel> entities, bool async, CancellationToken cancellationToken)
    {
        var target = _target();
        var byKey = new Dictionary<object, TTarget>();
        var keys = KeysOf(entities, _getForeignKey);
        foreach (var chunk in Chunks(keys))
        {
            var rows = await new QuerySet<TTarget>(db, target).Where(new InCondition<TTarget>(target.Key, chunk)).ToListCore(async, cancellationToken);
            foreach (var row in rows)
            {
                byKey[target.GetKey(row)!] = row;
            }
        }

        for (var i = 0; i < keys.Length; i++)
        {
            _set(entities[i], keys[i] is { } key ? byKey.GetValueOrDefault(key) : null);
        }
    }
}

/// <summary>
/// The rows that point to a model through a foreign key (<c>author.Posts</c>), as Django's reverse relation:
/// loaded explicitly, and usable in filters: <c>db.Authors.Filter(a =&gt; a.Posts.Any(p =&gt; p.Year.Gte(2020)))</c>.
/// </summary>
public sealed class Collection<TModel, TTarget> : Relation<TModel>
    where TModel : class
    where TTarget : class
{
    private readonly Func<ModelInfo<TModel>> _owner;
    private readonly ColumnInfo _foreignKey;
    private readonly Func<TTarget, object?> _getForeignKey;
    private readonly Action<TModel, List<TTarget>> _set;
    private readonly Func<ModelInfo<TTarget>> _target;
    private readonly Condition<TTarget>? _where;

    /// <param name="owner">The model that owns the collection (the referenced side).</param>
    /// <param name="foreignKey">The foreign key column on <typeparamref name="TTarget"/>.</param>
    /// <param name="getForeignKey">Reads that foreign key from a row of <typeparamref name="TTarget"/>.</param>
    /// <param name="set">Stores the loaded rows in the collection property.</param>
    /// <param name="target">The model of the rows in the collection.</param>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public Collection(Func<ModelInfo<TModel>> owner, ColumnInfo foreignKey, Func<TTarget, object?> getForeignKey, Action<TModel, List<TTarget>> set, Func<ModelInfo<TTarget>> target)
    {
        _owner = owner;
        _foreignKey = foreignKey;
        _getForeignKey = getForeignKey;
        _set = set;
        _target = target;
    }

    private Collection(Collection<TModel, TTarget> collection, Condition<TTarget> where)
        : this(collection._owner, collection._foreignKey, collection._getForeignKey, collection._set, collection._target) =>
        _where = collection._where is null ? where : collection._where & where;

    private static Fields<TTarget> F => Fields<TTarget>.Instance;

    /// <summary>
    /// Only the related rows matching <paramref name="predicate"/>: for an aggregate (Django's <c>Count("post", filter=Q(...))</c>),
    /// <see cref="Any"/>, or <c>Include</c> (Django's <c>Prefetch</c> with a queryset), which then loads only those rows.
    /// </summary>
    public Collection<TModel, TTarget> Filter(Func<Fields<TTarget>, Condition<TTarget>> predicate) => new(this, predicate(F));

    /// <summary>Rows with at least one related row (matching <paramref name="predicate"/>, when given).</summary>
    public Condition<TModel> Any(Func<Fields<TTarget>, Condition<TTarget>>? predicate = null)
    {
        var condition = predicate?.Invoke(F);
        return new CustomCondition<TModel>(sql =>
        {
            sql.Append("EXISTS (SELECT 1");
            AppendRelated(sql, condition);
            sql.Append(")");
        });
    }

    /// <summary>The number of related rows, as Django's <c>annotate(Count("post"))</c>: 0 for a row that has none.</summary>
    public RelatedValue<TModel, int> Count() => Aggregate(new GroupValue<TTarget, int>("COUNT", null));

    /// <summary>The number of related rows where <paramref name="column"/> isn't NULL.</summary>
    public RelatedValue<TModel, int> Count(Func<Fields<TTarget>, Field<TTarget>> column) => Aggregate(new GroupValue<TTarget, int>("COUNT", column(F).Column));

    /// <summary>The sum of the related rows' <paramref name="column"/>, in its type; 0 when there are none (as the queryset's <c>Sum</c>).</summary>
    public RelatedValue<TModel, TValue> Sum<TValue>(Func<Fields<TTarget>, NumberField<TTarget, TValue>> column) =>
        Aggregate(new GroupValue<TTarget, TValue>("SUM", column(F).Column));

    /// <summary>The mean of the related rows' <paramref name="column"/>; null when there are none.</summary>
    public RelatedValue<TModel, double?> Average<TValue>(Func<Fields<TTarget>, NumberField<TTarget, TValue>> column) =>
        Aggregate(new GroupValue<TTarget, double?>("AVG", column(F).Column));

    /// <summary>The mean of a decimal column, as a decimal (Django's <c>Avg</c> of a <c>DecimalField</c>).</summary>
    public RelatedValue<TModel, decimal?> Average(Func<Fields<TTarget>, NumberField<TTarget, decimal>> column) =>
        Aggregate(new GroupValue<TTarget, decimal?>("AVG", column(F).Column));

    /// <inheritdoc cref="Average(Func{Fields{TTarget}, NumberField{TTarget, decimal}})"/>
    public RelatedValue<TModel, decimal?> Average(Func<Fields<TTarget>, NumberField<TTarget, decimal?>> column) =>
        Aggregate(new GroupValue<TTarget, decimal?>("AVG", column(F).Column));

    /// <summary>The smallest of the related rows' <paramref name="column"/> (the earliest date); null when there are none.</summary>
    public RelatedValue<TModel, TValue?> Min<TValue>(Func<Fields<TTarget>, Field<TTarget, TValue>> column)
        where TValue : struct => Aggregate(new GroupValue<TTarget, TValue?>("MIN", column(F).Column));

    /// <inheritdoc cref="Min{TValue}(Func{Fields{TTarget}, Field{TTarget, TValue}})"/>
    public RelatedValue<TModel, TValue?> Min<TValue>(Func<Fields<TTarget>, Field<TTarget, TValue?>> column)
        where TValue : struct => Aggregate(new GroupValue<TTarget, TValue?>("MIN", column(F).Column));

    /// <summary>The largest of the related rows' <paramref name="column"/> (the latest date); null when there are none.</summary>
    public RelatedValue<TModel, TValue?> Max<TValue>(Func<Fields<TTarget>, Field<TTarget, TValue>> column)
        where TValue : struct => Aggregate(new GroupValue<TTarget, TValue?>("MAX", column(F).Column));

    /// <inheritdoc cref="Max{TValue}(Func{Fields{TTarget}, Field{TTarget, TValue}})"/>
    public RelatedValue<TModel, TValue?> Max<TValue>(Func<Fields<TTarget>, Field<TTarget, TValue?>> column)
        where TValue : struct => Aggregate(new GroupValue<TTarget, TValue?>("MAX", column(F).Column));

    /// <summary><paramref name="aggregate"/> over each row's related rows, as a subquery: the aggregate of no rows is what SQL makes it.</summary>
    private RelatedValue<TModel, TValue> Aggregate<TValue>(GroupValue<TTarget, TValue> aggregate)
    {
        void Render(SqlBuilder sql)
        {
            sql.Append("(SELECT ");
            AppendRelated(sql, null, aggregate);
            sql.Append(")");
        }

        return new RelatedValue<TModel, TValue>(
            Render,
            (sql, op, operand) => aggregate.AppendComparison(sql, Render, op, operand),
            aggregate.Read,
            $"{aggregate} of {_target().Name}{(_where is null ? "" : " (filtered)")}");
    }

    /// <summary>
    /// <c>[aggregate] FROM target WHERE target.fk = owner.key [AND filters]</c>, for the row the builder's alias names; the aggregate and
    /// <paramref name="condition"/> are written with the related table's alias.
    /// </summary>
    private void AppendRelated(SqlBuilder sql, Condition<TTarget>? condition, GroupValue<TTarget>? aggregate = null)
    {
        var owner = _owner();
        var target = _target();
        var outer = sql.Alias;
        var ownerKey = outer is null ? sql.Dialect.Quote(owner.Key.Name) : outer + "." + sql.Dialect.Quote(owner.Key.Name);
        sql.Alias = sql.NewAlias();
        aggregate?.Render(sql);
        sql.Append(" FROM ").Identifier(target.Table).Append(" AS ").Append(sql.Alias)
            .Append(" WHERE ").Column(_foreignKey).Append(" = ").Append(ownerKey);
        foreach (var filter in (ReadOnlySpan<Condition<TTarget>?>)[_where, condition])
        {
            if (filter is not null)
            {
                sql.Append(" AND ");
                filter.Render(sql);
            }
        }

        sql.Alias = outer;
    }

    internal override async ValueTask LoadAsync(Database db, IReadOnlyList<TModel> entities, bool async, CancellationToken cancellationToken)
    {
        var owner = _owner();
        var target = _target();
        var byOwner = new Dictionary<object, List<TTarget>>();
        var keys = KeysOf(entities, owner.GetKey);
        foreach (var chunk in Chunks(keys))
        {
            Condition<TTarget> related = new InCondition<TTarget>(_foreignKey, chunk);
            var rows = await new QuerySet<TTarget>(db, target).Where(_where is null ? related : related & _where)
                .ToListCore(async, cancellationToken, orderByKeyIfUnordered: true);
            foreach (var row in rows)
            {
                var key = _getForeignKey(row)!;
                if (!byOwner.TryGetValue(key, out var list))
                {
                    byOwner[key] = list = [];
                }

                list.Add(row);
            }
        }

        for (var i = 0; i < keys.Length; i++)
        {
            _set(entities[i], keys[i] is { } key && byOwner.TryGetValue(key, out var list) ? list : []);
        }
    }
}

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

    /// <summary>Rows with at least one related row (matching <paramref name="predicate"/>, when given).</summary>
    public Condition<TModel> Any(Func<Fields<TTarget>, Condition<TTarget>>? predicate = null)
    {
        var condition = predicate?.Invoke(Fields<TTarget>.Instance);
        var owner = _owner();
        var target = _target();
        return new CustomCondition<TModel>(sql =>
        {
            var outer = sql.Alias;
            var ownerKey = outer is null ? sql.Dialect.Quote(owner.Key.Name) : outer + "." + sql.Dialect.Quote(owner.Key.Name);
            sql.Alias = sql.NewAlias();
            sql.Append("EXISTS (SELECT 1 FROM ").Identifier(target.Table).Append(" AS ").Append(sql.Alias)
                .Append(" WHERE ").Column(_foreignKey).Append(" = ").Append(ownerKey);
            if (condition is not null)
            {
                sql.Append(" AND ");
                condition.Render(sql);
            }

            sql.Alias = outer;
            sql.Append(")");
        });
    }

    internal override async ValueTask LoadAsync(Database db, IReadOnlyList<TModel> entities, bool async, CancellationToken cancellationToken)
    {
        var owner = _owner();
        var target = _target();
        var byOwner = new Dictionary<object, List<TTarget>>();
        var keys = KeysOf(entities, owner.GetKey);
        foreach (var chunk in Chunks(keys))
        {
            var rows = await new QuerySet<TTarget>(db, target).Where(new InCondition<TTarget>(_foreignKey, chunk))
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

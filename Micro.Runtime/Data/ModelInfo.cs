using System.ComponentModel;
using System.Data.Common;

namespace Micro.Data;

/// <summary>How a column's values compare and sort, where the store type alone doesn't say (SQLite keeps decimals as text).</summary>
public enum ColumnKind
{
    Other,
    Text,
    Integer,
    Real,
    Decimal,
    Boolean,

    /// <summary>A <see cref="System.TimeSpan"/>: SQLite keeps it as text (<c>1.02:00:00</c>), which sorts unlike the spans.</summary>
    Duration,

    /// <summary>A <see cref="System.DateTimeOffset"/>: SQLite keeps it as text with its offset, which sorts unlike the instants.</summary>
    DateTimeOffset,
}

/// <summary>One column of a model's table, as the generator found it. Column names only ever come from here.</summary>
/// <param name="Property">The C# property.</param>
/// <param name="Name">The column name.</param>
/// <param name="Kind">How values compare.</param>
/// <param name="IsNullable">The column accepts NULL.</param>
/// <param name="IsKey">The column is the primary key.</param>
/// <param name="IsAutoIncrement">The database assigns the key on insert.</param>
public sealed record ColumnInfo(string Property, string Name, ColumnKind Kind, bool IsNullable, bool IsKey, bool IsAutoIncrement)
{
    /// <summary>
    /// The most characters (or bytes, for binary) the column holds, from <c>[MaxLength]</c> or <c>[StringLength]</c>: checked
    /// on every write, since SQLite itself stores any length.
    /// </summary>
    public int? MaxLength { get; init; }

    /// <summary>For a reference's key column (<c>AuthorId</c>): the <see cref="ModelInfo.Name"/> of the model whose rows it points to.</summary>
    public string? References { get; init; }
}

/// <summary>A model's table: its name and columns. Generated code derives one per <c>[Model]</c>.</summary>
public abstract class ModelInfo
{
    protected ModelInfo(string name, string table, ColumnInfo[] columns)
    {
        Name = name;
        Table = table;
        Columns = columns;
        KeyIndex = Array.FindIndex(columns, static c => c.IsKey);
        if (KeyIndex < 0)
        {
            throw new ArgumentException($"Model {name} has no key column.", nameof(columns));
        }
    }

    /// <summary>The model class name.</summary>
    public string Name { get; }

    public string Table { get; }

    /// <summary>Every column, in the order rows are read and values are written.</summary>
    public IReadOnlyList<ColumnInfo> Columns { get; }

    public int KeyIndex { get; }

    public ColumnInfo Key => Columns[KeyIndex];

    /// <summary>Where <paramref name="column"/> is in <see cref="Columns"/> (and in the values <c>GetValues</c> fills).</summary>
    /// <exception cref="ArgumentException">The column isn't one of this model's.</exception>
    internal int IndexOf(ColumnInfo column)
    {
        for (var i = 0; i < Columns.Count; i++)
        {
            if (ReferenceEquals(Columns[i], column) || Columns[i].Name == column.Name)
            {
                return i;
            }
        }

        throw new ArgumentException($"{column.Property} is not a column of {Name}.");
    }

    /// <summary>Every row's column values (<c>dumpdata</c>), in key order.</summary>
    internal abstract ValueTask<List<object?[]>> ReadAllValuesAsync(Database db, CancellationToken cancellationToken);

    /// <summary>Saves the row <paramref name="row"/> holds (<c>loaddata</c>): updated when its key is a row's, inserted otherwise; returns its key.</summary>
    internal abstract ValueTask<object?> SaveAsync(Database db, DbDataReader row, CancellationToken cancellationToken);

    /// <summary>The column values of a new instance (the defaults a fixture's missing fields take), in column order; null when the model has none.</summary>
    internal abstract object?[]? NewValues();
}

/// <summary>Reads and writes rows of <typeparamref name="TModel"/> without reflection: generated code fills it in.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public abstract class ModelInfo<TModel> : ModelInfo
    where TModel : class
{
    protected ModelInfo(string name, string table, ColumnInfo[] columns)
        : base(name, table, columns)
    {
    }

    internal override async ValueTask<List<object?[]>> ReadAllValuesAsync(Database db, CancellationToken cancellationToken)
    {
        var rows = await new QuerySet<TModel>(db, this).ToListCore(async: true, cancellationToken, orderByKeyIfUnordered: true);
        return rows.ConvertAll(row =>
        {
            var values = new object?[Columns.Count];
            GetValues(row, values);
            return values;
        });
    }

    internal override async ValueTask<object?> SaveAsync(Database db, DbDataReader row, CancellationToken cancellationToken)
    {
        var entity = Read(row);
        await new QuerySet<TModel>(db, this).SaveCore(entity, async: true, cancellationToken);
        return GetKey(entity);
    }

    internal override object?[]? NewValues()
    {
        if (CreateInstance() is not { } entity)
        {
            return null;
        }

        var values = new object?[Columns.Count];
        GetValues(entity, values);
        return values;
    }

    /// <summary>
    /// A new instance as the model's constructor makes it, its properties at their initial values: the defaults of a field a fixture
    /// leaves out, as Django's field defaults. Null for a model that can't be made without values (one with <c>required</c> members).
    /// </summary>
    public virtual TModel? CreateInstance() => null;

    /// <summary>A new instance from the current row, whose columns are <see cref="ModelInfo.Columns"/> in order.</summary>
    public abstract TModel Read(DbDataReader reader);

    /// <summary>
    /// The value of <see cref="ModelInfo.Columns"/>[<paramref name="column"/>] at <paramref name="ordinal"/> of the current row, read as
    /// <see cref="Read"/> reads it (boxed; null for NULL): a query of some columns only (<c>ValuesList</c>).
    /// </summary>
    public abstract object? ReadValue(DbDataReader reader, int ordinal, int column);

    /// <summary>Writes the value of every column of <paramref name="entity"/> into <paramref name="values"/>, in column order.</summary>
    public abstract void GetValues(TModel entity, object?[] values);

    public abstract object? GetKey(TModel entity);

    /// <summary>Whether <paramref name="entity"/> has a key (not 0, an empty Guid or null), so that saving it updates a row.</summary>
    public abstract bool HasKey(TModel entity);

    /// <summary>Sets the key the database assigned on insert.</summary>
    public abstract void SetKey(TModel entity, object key);

    /// <summary>
    /// Prepares a new row before it is inserted: true when the database assigns the key (an auto-increment key
    /// still at its default), false when the row carries its own (a new Guid is made for an empty Guid key).
    /// </summary>
    public abstract bool PrepareInsert(TModel entity);
}

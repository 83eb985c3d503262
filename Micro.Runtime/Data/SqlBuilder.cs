using System.Data.Common;
using System.Globalization;
using System.Text;

namespace Micro.Data;

/// <summary>
/// SQL text with its parameters. Identifiers come from generated metadata and are quoted by the dialect;
/// every value becomes a parameter.
/// </summary>
public sealed class SqlBuilder(SqlDialect dialect)
{
    // Room for most queries' text in one piece, which a kept connection looks its command up by without making a string.
    private readonly StringBuilder _text = new(256);
    private readonly List<object?> _parameters = [];
    private int _aliases;

    public SqlDialect Dialect { get; } = dialect;

    /// <summary>The alias of the table that unqualified columns belong to (<c>t0</c> in the outer query).</summary>
    public string? Alias { get; set; }

    public string Text => _text.ToString();

    /// <summary>The text without making a string, when it is in one piece (most queries).</summary>
    internal bool TryGetText(out ReadOnlySpan<char> text)
    {
        var chunks = _text.GetChunks();
        if (chunks.MoveNext())
        {
            text = chunks.Current.Span;
            return !chunks.MoveNext();
        }

        text = [];
        return true;
    }

    public IReadOnlyList<object?> Parameters => _parameters;

    public SqlBuilder Append(string text)
    {
        _text.Append(text);
        return this;
    }

    public SqlBuilder Identifier(string name)
    {
        _text.Append(Dialect.QuoteKept(name));
        return this;
    }

    /// <summary>A column of the current table, qualified by its alias.</summary>
    public SqlBuilder Column(ColumnInfo column)
    {
        if (Alias is not null)
        {
            _text.Append(Alias).Append('.');
        }

        return Identifier(column.Name);
    }

    /// <summary>A parameter holding <paramref name="value"/> (converted to what the database stores).</summary>
    public SqlBuilder Parameter(object? value)
    {
        _text.Append(AddParameter(value));
        return this;
    }

    /// <summary>Adds a parameter and returns its placeholder, for SQL that uses it more than once.</summary>
    public string AddParameter(object? value)
    {
        _parameters.Add(Dialect.ToParameterValue(value));
        return Dialect.ParameterNameKept(_parameters.Count - 1);
    }

    /// <summary>A fresh table alias for a subquery.</summary>
    public string NewAlias()
    {
        var index = _aliases++;
        return index < Aliases.Length ? Aliases[index] : "t" + index.ToString(CultureInfo.InvariantCulture);
    }

    private static readonly string[] Aliases = ["t0", "t1", "t2", "t3", "t4", "t5", "t6", "t7"];

    /// <summary>A command with this text and parameters.</summary>
    public DbCommand CreateCommand(DbConnection connection, DbTransaction? transaction) => CreateCommand(connection, transaction, Text);

    internal DbCommand CreateCommand(DbConnection connection, DbTransaction? transaction, string text)
    {
        var command = connection.CreateCommand();
        command.CommandText = text;
        command.Transaction = transaction;
        for (var i = 0; i < _parameters.Count; i++)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = Dialect.ParameterNameKept(i);
            parameter.Value = _parameters[i] ?? DBNull.Value;
            command.Parameters.Add(parameter);
        }

        return command;
    }

    /// <summary>Sets the values of a command made for the same text (so with the same parameters) to this builder's.</summary>
    internal void BindTo(DbCommand command)
    {
        for (var i = 0; i < _parameters.Count; i++)
        {
            command.Parameters[i].Value = _parameters[i] ?? DBNull.Value;
        }
    }

    public override string ToString() => Text;
}

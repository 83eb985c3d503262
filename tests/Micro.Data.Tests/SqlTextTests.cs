using Xunit;

namespace Micro.Data.Tests;

/// <summary>
/// The SQL text of a query: each dialect keeps the identifiers it has quoted and its first placeholders, so that a query writes
/// no pieces of its text anew. What a dialect keeps must be what it would write, and its own.
/// </summary>
public sealed class SqlTextTests
{
    [Fact]
    public void Each_dialect_writes_its_own_quoting_and_placeholders_however_often_it_is_asked()
    {
        var custom = new BracketDialect();
        for (var round = 0; round < 2; round++)
        {
            var sqlite = new SqlBuilder(SqliteDialect.Instance);
            sqlite.Identifier("title").Append(" = ").Parameter("a").Append(", ").Identifier("odd\"name").Append(" = ").Parameter(2);
            Assert.Equal("\"title\" = @p0, \"odd\"\"name\" = @p1", sqlite.Text);

            var own = new SqlBuilder(custom);
            own.Identifier("title").Append(" = ").Parameter("a").Append(", ").Identifier("odd\"name").Append(" = ").Parameter(2);
            Assert.Equal("[title] = :v0, [odd\"name] = :v1", own.Text);
        }

        // Asked once per identifier and placeholder: the second round was served from what the dialect kept.
        Assert.Equal(2, custom.Quoted);
        Assert.Equal(2, custom.Named);
    }

    [Fact]
    public void Placeholders_past_the_kept_ones_and_identifiers_past_the_cap_are_still_written()
    {
        var sql = new SqlBuilder(SqliteDialect.Instance);
        for (var i = 0; i < 40; i++)
        {
            sql.Append(i == 0 ? "" : ",").Parameter(i);
        }

        Assert.EndsWith(",@p38,@p39", sql.Text);

        var custom = new BracketDialect();
        for (var i = 0; i < 5000; i++)
        {
            Assert.Equal($"[column{i}]", new SqlBuilder(custom).Identifier($"column{i}").Text);
        }

        Assert.Equal("[column4999]", new SqlBuilder(custom).Identifier("column4999").Text);
        Assert.Equal(5001, custom.Quoted);
        Assert.Equal("[column1]", new SqlBuilder(custom).Identifier("column1").Text);
        Assert.Equal(5001, custom.Quoted);
    }

    private sealed class BracketDialect : SqlDialect
    {
        public int Quoted { get; private set; }

        public int Named { get; private set; }

        public override string Name => "brackets";

        public override string Quote(string identifier)
        {
            Quoted++;
            return "[" + identifier + "]";
        }

        public override string ParameterName(int index)
        {
            Named++;
            return ":v" + index.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        public override void AppendTextMatch(SqlBuilder sql, ColumnInfo column, TextMatch match, string value) => throw new NotSupportedException();

        public override void AppendLimitOffset(SqlBuilder sql, int? limit, int? offset) => throw new NotSupportedException();
    }
}

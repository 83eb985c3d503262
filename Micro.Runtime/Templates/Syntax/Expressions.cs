using System.Collections.Generic;

namespace Micro.Templates;

/// <summary>Where something starts in a template's source (1-based).</summary>
public readonly struct SourceLocation
{
    public SourceLocation(int line, int column)
    {
        Line = line;
        Column = column;
    }

    public int Line { get; }

    public int Column { get; }

    public override string ToString() => "line " + Line + ", column " + Column;
}

/// <summary>A value in a template: a variable lookup such as <c>post.author.name</c> or a literal.</summary>
public abstract partial class Operand
{
    protected Operand(string text, SourceLocation location)
    {
        Text = text;
        Location = location;
    }

    /// <summary>The operand as written in the template.</summary>
    public string Text { get; }

    public SourceLocation Location { get; }

    public override string ToString() => Text;
}

/// <summary>A dotted lookup: each segment is tried as a dictionary key, then a member, then a list index.</summary>
public sealed partial class VariableOperand : Operand
{
    public VariableOperand(string text, IReadOnlyList<string> segments, SourceLocation location)
        : base(text, location)
    {
        Segments = segments;
    }

    public IReadOnlyList<string> Segments { get; }
}

/// <summary>A string (safe, as in Django), integer, floating-point number, <c>True</c>, <c>False</c> or <c>None</c>.</summary>
public sealed partial class LiteralOperand : Operand
{
    public LiteralOperand(string text, object? value, SourceLocation location)
        : base(text, location)
    {
        Value = value;
        OnCreated();
    }

    /// <summary>A <see cref="string"/>, <see cref="int"/>, <see cref="long"/>, <see cref="double"/>, <see cref="bool"/> or null.</summary>
    public object? Value { get; }

    public bool IsString => Value is string;

    partial void OnCreated();
}

/// <summary>One <c>|name:argument</c> applied in a <see cref="FilterExpression"/>.</summary>
public sealed partial class FilterCall
{
    public FilterCall(string name, FilterSignature filter, Operand? argument, SourceLocation location)
    {
        Name = name;
        Filter = filter;
        Argument = argument;
        Location = location;
    }

    public string Name { get; }

    /// <summary>The filter the name resolved to when the template was parsed.</summary>
    public FilterSignature Filter { get; }

    public Operand? Argument { get; }

    public SourceLocation Location { get; }
}

/// <summary>An operand followed by filters: <c>post.title|lower|truncatewords:3</c>.</summary>
public sealed partial class FilterExpression
{
    public FilterExpression(string text, Operand operand, IReadOnlyList<FilterCall> filters, SourceLocation location)
    {
        Text = text;
        Operand = operand;
        Filters = filters;
        Location = location;
    }

    public string Text { get; }

    public Operand Operand { get; }

    public IReadOnlyList<FilterCall> Filters { get; }

    public SourceLocation Location { get; }

    /// <summary>True for a string literal without filters, such as the template name in <c>{% extends "base.html" %}</c>.</summary>
    public bool IsConstantString => Filters.Count == 0 && Operand is LiteralOperand { IsString: true };

    /// <summary>The value of <see cref="IsConstantString"/> expressions; null otherwise.</summary>
    public string? ConstantString => IsConstantString ? (string?)((LiteralOperand)Operand).Value : null;

    public override string ToString() => Text;
}

/// <summary>A <c>name=value</c> pair, as in <c>{% with total=items|length %}</c>.</summary>
public sealed class Assignment
{
    public Assignment(string name, FilterExpression value)
    {
        Name = name;
        Value = value;
    }

    public string Name { get; }

    public FilterExpression Value { get; }
}

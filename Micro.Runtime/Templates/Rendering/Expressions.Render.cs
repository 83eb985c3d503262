using System.Runtime.CompilerServices;

namespace Micro.Templates;

/// <summary>Thrown when a variable used as a filter argument doesn't exist, as Django's <c>VariableDoesNotExist</c>; <c>if</c> treats it as false.</summary>
internal sealed class VariableDoesNotExistException(string message) : Exception(message);

public abstract partial class Operand
{
    /// <summary>The value, or false when a variable doesn't exist.</summary>
    internal abstract bool TryResolve(TemplateContext context, out object? value);
}

public sealed partial class VariableOperand
{
    private string[]? _segmentArray;
    private MemberReaderCache?[]? _readerCaches;

    internal override bool TryResolve(TemplateContext context, out object? value)
    {
        var segments = _segmentArray ??= [.. Segments];
        if (!context.TryGetValue(segments[0], out value))
        {
            return false;
        }

        value = Call(value);
        if (segments.Length == 1)
        {
            return true;
        }

        var caches = _readerCaches ??= new MemberReaderCache?[segments.Length];
        for (var i = 1; i < segments.Length; i++)
        {
            if (value is null)
            {
                return false;
            }

            var type = value.GetType();
            var cache = caches[i];
            var accessors = context.Engine.Options.Accessors;
            if (cache is null || !cache.IsFor(type, accessors))
            {
                cache = new MemberReaderCache(type, accessors.ReaderFor(type), accessors, accessors.Version);
                caches[i] = cache;
            }

            if (!cache.Reader.TryGetMember(value, segments[i], out value))
            {
                return false;
            }

            value = Call(value);
        }

        return true;
    }

    /// <summary>Django calls callables it finds: a <c>Func&lt;object?&gt;</c> in the context is a lazily computed value.</summary>
    /// <remarks>An exact type test, which is one comparison; <c>is Func&lt;object?&gt;</c> would also have to allow for variance.</remarks>
    private static object? Call(object? value) => value is not null && value.GetType() == typeof(Func<object?>) ? Unsafe.As<Func<object?>>(value)() : value;
}

public sealed partial class LiteralOperand
{
    private object? _runtimeValue;

    /// <summary>String literals are safe, as in Django.</summary>
    partial void OnCreated() => _runtimeValue = Value is string text ? new SafeString(text) : Value;

    internal object? RuntimeValue => _runtimeValue;

    internal override bool TryResolve(TemplateContext context, out object? value)
    {
        value = _runtimeValue;
        return true;
    }
}

public sealed partial class FilterExpression
{
    private FilterCall[]? _filterArray;

    /// <summary>
    /// Evaluates the expression as Django's <c>FilterExpression.resolve</c>: a missing variable is
    /// <c>string_if_invalid</c> (filters then skipped when it isn't empty), or null with <paramref name="ignoreFailures"/>.
    /// </summary>
    internal object? Resolve(TemplateContext context, bool ignoreFailures = false)
    {
        object? value;
        if (Operand is LiteralOperand literal)
        {
            value = literal.RuntimeValue;
        }
        else if (!Operand.TryResolve(context, out value))
        {
            if (ignoreFailures)
            {
                value = null;
            }
            else
            {
                var invalid = context.Engine.Options.StringIfInvalid;
                if (invalid.Length != 0)
                {
                    return invalid.Contains("%s", StringComparison.Ordinal) ? invalid.Replace("%s", Operand.Text, StringComparison.Ordinal) : invalid;
                }

                value = "";
            }
        }

        var filters = _filterArray ??= [.. Filters];
        for (var i = 0; i < filters.Length; i++)
        {
            value = filters[i].Apply(value, context);
        }

        return value;
    }

    /// <summary>Applies only the filters to <paramref name="value"/>, for <c>{% filter %}</c>.</summary>
    internal object? ApplyFilters(object? value, TemplateContext context)
    {
        var filters = _filterArray ??= [.. Filters];
        for (var i = 0; i < filters.Length; i++)
        {
            value = filters[i].Apply(value, context);
        }

        return value;
    }
}

public sealed partial class FilterCall
{
    internal object? Apply(object? value, TemplateContext context)
    {
        var filter = Unsafe.As<TemplateFilter>(Filter);
        object? argument = null;
        if (Argument is not null && !Argument.TryResolve(context, out argument))
        {
            throw new VariableDoesNotExistException($"Variable '{Argument.Text}' (the argument of filter '{Name}') does not exist.");
        }

        var result = filter.Function(value, argument, context.Autoescape);

        // Django's mark_safe: an is_safe filter keeps a safe input safe, whatever it returns becoming text.
        return filter.IsSafe && value is SafeString && result is not SafeString ? new SafeString(TemplateValues.ToText(result)) : result;
    }
}

public abstract partial class IfCondition
{
    internal static readonly object True = TemplateAccessors.Box(true);
    internal static readonly object False = TemplateAccessors.Box(false);

    internal abstract object? Evaluate(TemplateContext context);
}

public sealed partial class IfValue
{
    internal override object? Evaluate(TemplateContext context) => Expression.Resolve(context, ignoreFailures: true);
}

public sealed partial class IfNot
{
    internal override object? Evaluate(TemplateContext context)
    {
        try
        {
            return TemplateValues.IsTrue(Operand.Evaluate(context)) ? False : True;
        }
        catch (Exception exception) when (exception is not TemplateRenderException)
        {
            // Django's operators turn any error into false.
            return False;
        }
    }
}

public sealed partial class IfBinary
{
    internal override object? Evaluate(TemplateContext context)
    {
        try
        {
            return EvaluateOperator(context);
        }
        catch (Exception exception) when (exception is not TemplateRenderException)
        {
            // Django's operators turn any error into false.
            return False;
        }
    }

    private object? EvaluateOperator(TemplateContext context)
    {
        var left = Left.Evaluate(context);
        switch (Operator)
        {
            case IfOperator.Or:
                return TemplateValues.IsTrue(left) ? left : Right.Evaluate(context);
            case IfOperator.And:
                return TemplateValues.IsTrue(left) ? Right.Evaluate(context) : left;
        }

        var right = Right.Evaluate(context);
        bool result;
        switch (Operator)
        {
            case IfOperator.In:
                return TemplateValues.TryContains(right, left, out result) ? Box(result) : False;
            case IfOperator.NotIn:
                return TemplateValues.TryContains(right, left, out result) ? Box(!result) : False;
            case IfOperator.Is:
                return Box(TemplateValues.IsSame(left, right));
            case IfOperator.IsNot:
                return Box(!TemplateValues.IsSame(left, right));
            case IfOperator.Equal:
                return Box(TemplateValues.AreEqual(left, right));
            case IfOperator.NotEqual:
                return Box(!TemplateValues.AreEqual(left, right));
        }

        if (!TemplateValues.TryCompare(left, right, out var order))
        {
            return False;
        }

        return Box(Operator switch
        {
            IfOperator.Greater => order > 0,
            IfOperator.GreaterOrEqual => order >= 0,
            IfOperator.Less => order < 0,
            _ => order <= 0,
        });
    }

    private static object Box(bool value) => value ? True : False;
}

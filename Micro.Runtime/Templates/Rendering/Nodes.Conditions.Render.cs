using System.Runtime.CompilerServices;
using System.Text;

namespace Micro.Templates;

public sealed partial class IfNode
{
    private IfBranch[]? _branchArray;

    internal override void Render(TemplateContext context, StringBuilder output)
    {
        var branches = _branchArray ??= [.. Branches];
        for (var i = 0; i < branches.Length; i++)
        {
            var branch = branches[i];
            if (branch.Condition is null || IsMet(branch.Condition, context))
            {
                branch.Body.Render(context, output);
                return;
            }
        }
    }

    internal static bool IsMet(IfCondition condition, TemplateContext context)
    {
        try
        {
            return TemplateValues.IsTrue(condition.Evaluate(context));
        }
        catch (VariableDoesNotExistException)
        {
            return false;
        }
    }
}

public sealed partial class IfChangedNode
{
    private static readonly object s_nothingSeen = new();

    internal override void Render(TemplateContext context, StringBuilder output)
    {
        var loop = context.TryGetOwnValue("forloop", out var value) ? value as ForLoop : null;
        object? previous;
        if (loop is not null)
        {
            if (loop.IfChangedState is null || !loop.IfChangedState.TryGetValue(this, out previous))
            {
                previous = s_nothingSeen;
            }
        }
        else if (!context.State.TryGetNodeState(this, out previous))
        {
            previous = s_nothingSeen;
        }

        string? rendered = null;
        object? current;
        if (Values.Count > 0)
        {
            var values = new object?[Values.Count];
            for (var i = 0; i < values.Length; i++)
            {
                values[i] = Values[i].Resolve(context, ignoreFailures: true);
            }

            current = values;
        }
        else
        {
            current = rendered = Body.RenderToString(context);
        }

        if (previous == s_nothingSeen || !TemplateValues.AreEqual(current, previous))
        {
            if (loop is not null)
            {
                (loop.IfChangedState ??= new(ReferenceEqualityComparer.Instance))[this] = current;
            }
            else
            {
                context.State.SetNodeState(this, current);
            }

            if (rendered is not null)
            {
                output.Append(rendered);
            }
            else
            {
                Body.Render(context, output);
            }
        }
        else
        {
            Otherwise?.Render(context, output);
        }
    }
}

using System.Collections;
using System.Text;

namespace Micro.Templates;

public sealed partial class ExtendsNode
{
    internal override void Render(TemplateContext context, StringBuilder output)
    {
        var child = context.Template;
        var parent = ResolveParent(context);
        var state = context.State;
        var history = state.ExtendsHistory ??= [child.Name];
        if (history.Contains(parent.Name))
        {
            throw new InvalidOperationException(
                $"'{child.Name}' extends '{parent.Name}', which is already in the chain ({string.Join(" -> ", history)} -> {parent.Name}).");
        }

        history.Add(parent.Name);
        var blocks = state.Blocks ??= new Dictionary<string, List<BlockNode>>(StringComparer.Ordinal);
        AddBlocks(blocks, Blocks);
        if (parent.Extends is null)
        {
            AddBlocks(blocks, parent.Blocks);
        }

        parent.RenderIn(context, output);
    }

    /// <summary>Adds blocks behind the ones already there: the most derived template's block renders, the others are <c>block.super</c>.</summary>
    private static void AddBlocks(Dictionary<string, List<BlockNode>> blocks, IReadOnlyDictionary<string, BlockNode> added)
    {
        // Every page of an extends chain does this: a parsed template's blocks are a Dictionary, walked without boxing its enumerator.
        if (added is Dictionary<string, BlockNode> dictionary)
        {
            foreach (var (name, block) in dictionary)
            {
                AddBlock(blocks, name, block);
            }
        }
        else
        {
            foreach (var (name, block) in added)
            {
                AddBlock(blocks, name, block);
            }
        }
    }

    private static void AddBlock(Dictionary<string, List<BlockNode>> blocks, string name, BlockNode block)
    {
        if (!blocks.TryGetValue(name, out var stack))
        {
            blocks[name] = stack = [];
        }

        stack.Insert(0, block);
    }

    private Template ResolveParent(TemplateContext context)
    {
        var parent = Parent.Resolve(context);
        switch (parent)
        {
            case Template template:
                return template;
            case string or SafeString when TemplateValues.ToText(parent).Length > 0:
                return context.Engine.GetTemplate(TemplateValues.ToText(parent));
        }

        var message = $"Invalid template name in 'extends' tag: {TemplateValues.Repr(parent)}.";
        if (Parent.Filters.Count > 0 || Parent.Operand is VariableOperand)
        {
            message += $" Got this from the '{Parent.Text}' variable.";
        }

        // A syntax error that shows only while rendering, as in Django.
        throw new TemplateSyntaxException(message, context.Template.Name, Location.Line, Location.Column);
    }
}

public sealed partial class BlockNode
{
    internal override void Render(TemplateContext context, StringBuilder output)
    {
        var blocks = context.State.Blocks;
        var frame = context.Push();
        try
        {
            if (blocks is null)
            {
                frame.Set("block", new BlockReference(this, context, inBaseTemplate: true));
                Body.Render(context, output);
                return;
            }

            var overriding = Pop(blocks, Name);
            var block = overriding ?? this;
            frame.Set("block", new BlockReference(block, context, inBaseTemplate: false));
            block.Body.Render(context, output);
            if (overriding is not null)
            {
                blocks[Name].Add(overriding);
            }
        }
        finally
        {
            context.Pop();
        }
    }

    private static BlockNode? Pop(Dictionary<string, List<BlockNode>> blocks, string name)
    {
        if (!blocks.TryGetValue(name, out var stack) || stack.Count == 0)
        {
            return null;
        }

        var block = stack[^1];
        stack.RemoveAt(stack.Count - 1);
        return block;
    }

    /// <summary>The <c>block</c> variable inside a block: <c>{{ block.super }}</c> renders the parent template's version.</summary>
    private sealed class BlockReference(BlockNode block, TemplateContext context, bool inBaseTemplate) : ITemplateObject
    {
        public bool TryGetMember(string name, out object? value)
        {
            switch (name)
            {
                case "super":
                    value = Super();
                    return true;
                case "name":
                    value = block.Name;
                    return true;
                default:
                    value = null;
                    return false;
            }
        }

        private SafeString Super()
        {
            if (inBaseTemplate)
            {
                throw new TemplateSyntaxException(
                    $"{{{{ block.super }}}} was used in block '{block.Name}' of a template that extends nothing, so there is no parent block.",
                    context.Template.Name,
                    block.Location.Line,
                    block.Location.Column);
            }

            var blocks = context.State.Blocks;
            if (blocks is null || !blocks.TryGetValue(block.Name, out var stack) || stack.Count == 0)
            {
                return SafeString.Empty;
            }

            var builder = context.RentBuilder();
            block.Render(context, builder);
            return new SafeString(context.ReturnBuilder(builder));
        }
    }
}

public sealed partial class IncludeNode
{
    internal override void Render(TemplateContext context, StringBuilder output)
    {
        var template = ResolveTemplate(context);
        var assignments = Assignments;
        var values = new object?[assignments.Count];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = assignments[i].Value.Resolve(context);
        }

        if (Only)
        {
            var saved = context.Isolate(root: null);
            try
            {
                for (var i = 0; i < values.Length; i++)
                {
                    context.Set(assignments[i].Name, values[i]);
                }

                template.RenderIsolatedState(context, output);
            }
            finally
            {
                context.RestoreIsolation(saved);
            }

            return;
        }

        var frame = context.Push();
        try
        {
            for (var i = 0; i < values.Length; i++)
            {
                frame.Set(assignments[i].Name, values[i]);
            }

            template.RenderIsolatedState(context, output);
        }
        finally
        {
            context.Pop();
        }
    }

    private Template ResolveTemplate(TemplateContext context)
    {
        var value = Template.Resolve(context);
        switch (value)
        {
            case Micro.Template template:
                return template;
            case string or SafeString:
                var name = TemplateValues.ToText(value);
                if (name.Length == 0)
                {
                    throw new TemplateNotFoundException(name, $"No template name to include: '{Template.Text}' is empty or missing.");
                }

                return context.Engine.GetTemplate(name);
            case IEnumerable names:
                var list = new List<string>();
                foreach (var item in names)
                {
                    list.Add(TemplateValues.ToText(item));
                }

                return context.Engine.SelectTemplate(list);
            default:
                throw new InvalidOperationException($"'include' needs a template name, got {TemplateValues.Repr(value)} from '{Template.Text}'.");
        }
    }
}

using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Micro.Generators.Diagnostics;
using Micro.Generators.Shared;
using Micro.Generators.Templates.Model;
using Micro.Templates;
using Microsoft.CodeAnalysis.Text;

namespace Micro.Generators.Templates
{
    /// <summary>
    /// The members a template reads of the model it is rendered with. Django renders a missing member as nothing, so
    /// <c>{{ question.choice_set.all }}</c> (Django's reverse accessor; Micro's is the model's own list) or a method name
    /// builds and renders empty. Where <c>Template.Render</c> names the template and the model's type is known, every
    /// lookup that starts at the model is followed through the types' accessors, into loops, <c>{% with %}</c>, the
    /// templates it extends and includes, and one that names no member is reported where the template reads it.
    /// </summary>
    internal static partial class TemplatesParser
    {
        /// <summary>How deep includes are followed (an include may include itself under a condition).</summary>
        private const int MaxIncludeDepth = 8;

        public static EquatableArray<DiagnosticInfo> CheckMembers(
            ((ImmutableArray<RenderCallModel> Calls, ImmutableArray<TemplateFileModel> Files) Input, ImmutableArray<Parsed<TagModel>> Tags) input,
            CancellationToken cancellationToken)
        {
            var ((calls, files), tags) = input;
            if (files.IsEmpty)
            {
                return EquatableArray<DiagnosticInfo>.Empty;
            }

            var models = tags.Select(static t => t.Model).Where(static t => t is not null).Select(static t => t!).ToList();
            // An inclusion tag renders its template with what it returns, as a Render call does with its model.
            var inclusions = models
                .Where(static t => t.Template is not null && t.ReturnKey is not null)
                .Select(static t => new RenderCallModel(t.Template, t.Location, t.ReturnAccessors, t.Location, EquatableArray<string>.Empty) { ModelKey = t.ReturnKey });
            var all = calls.AddRange(inclusions);
            var checker = new MemberChecker(all, files, new AppSymbols(models), cancellationToken);
            foreach (var call in all.OrderBy(static c => c.TemplateName, StringComparer.Ordinal))
            {
                checker.Check(call);
            }

            return checker.Diagnostics.ToEquatableArray();
        }

        /// <summary>What a name or a lookup holds, as far as the build knows.</summary>
        private readonly struct TemplateValue
        {
            private TemplateValue(string? typeKey, string? itemKey)
            {
                TypeKey = typeKey;
                ItemKey = itemKey;
            }

            /// <summary>Nothing known: a framework type, a dictionary, a form, a filter's result. Nothing after it is checked.</summary>
            public static TemplateValue Unknown => default;

            /// <summary>An object read through the accessor with this key.</summary>
            public string? TypeKey { get; }

            /// <summary>A sequence whose items are read through the accessor with this key.</summary>
            public string? ItemKey { get; }

            public static TemplateValue Of(AccessorMemberModel member) => new(member.TypeKey, member.ItemKey);

            public static TemplateValue OfType(string? key) => new(key, null);
        }

        /// <summary>The names a template has at one point: its model's members, loop variables, <c>{% with %}</c> names.</summary>
        private sealed class TemplateScope(TemplateScope? parent)
        {
            private readonly Dictionary<string, TemplateValue> _names = new(StringComparer.Ordinal);

            private TemplateScope? Parent { get; } = parent;

            public void Set(string name, TemplateValue value) => _names[name] = value;

            /// <summary>The value of <paramref name="name"/>; false when the template doesn't know it (a context processor's <c>user</c>, a tag's variable).</summary>
            public bool TryGet(string name, out TemplateValue value)
            {
                for (var scope = this; scope is not null; scope = scope.Parent)
                {
                    if (scope._names.TryGetValue(name, out value))
                    {
                        return true;
                    }
                }

                value = default;
                return false;
            }
        }

        private sealed class MemberChecker
        {
            private readonly Dictionary<string, AccessorModel> _accessors = new(StringComparer.Ordinal);
            private readonly Dictionary<string, TemplateFileModel> _files = new(StringComparer.Ordinal);
            private readonly Dictionary<string, NodeList?> _parsed = new(StringComparer.Ordinal);
            private readonly Dictionary<string, SourceText> _sources = new(StringComparer.Ordinal);
            private readonly HashSet<string> _reported = new(StringComparer.Ordinal);
            private readonly AppSymbols _symbols;
            private readonly CancellationToken _cancellationToken;

            /// <summary>The template whose nodes are being checked, where a lookup is reported.</summary>
            private string? _template;

            public MemberChecker(ImmutableArray<RenderCallModel> calls, ImmutableArray<TemplateFileModel> files, AppSymbols symbols, CancellationToken cancellationToken)
            {
                foreach (var accessor in calls.SelectMany(static c => c.Accessors))
                {
                    _accessors[accessor.Key] = accessor;
                }

                foreach (var file in files)
                {
                    _files[file.Name] = file;
                }

                _symbols = symbols;
                _cancellationToken = cancellationToken;
            }

            public List<DiagnosticInfo> Diagnostics { get; } = new();

            public void Check(RenderCallModel call)
            {
                if (call.TemplateName is null || call.ModelKey is null || !_accessors.TryGetValue(call.ModelKey, out var model))
                {
                    return;
                }

                var scope = new TemplateScope(null);
                foreach (var member in model.Members)
                {
                    foreach (var name in member.Names)
                    {
                        scope.Set(name, TemplateValue.Of(member));
                    }
                }

                CheckTemplate(call.TemplateName, scope, new HashSet<string>(StringComparer.Ordinal), depth: 0);
            }

            /// <summary>Checks a template; <paramref name="replaced"/> are the blocks a template extending it replaces, which don't render.</summary>
            private void CheckTemplate(string name, TemplateScope scope, HashSet<string> replaced, int depth)
            {
                _cancellationToken.ThrowIfCancellationRequested();
                if (Parse(name) is not { } nodes)
                {
                    return;
                }

                if (nodes.OfType<ExtendsNode>().FirstOrDefault() is not { } extends)
                {
                    Visit(nodes, scope, replaced, depth);
                    return;
                }

                // A child renders only its blocks, inside its parent.
                var outer = _template;
                _template = name;
                CheckExpression(extends.Parent, scope);
                _template = outer;
                foreach (var block in extends.Body.OfType<BlockNode>())
                {
                    Visit(block, scope, replaced, depth);
                }

                if (extends.Parent.ConstantString is { } parent && depth < MaxIncludeDepth)
                {
                    var replacedInParent = new HashSet<string>(replaced, StringComparer.Ordinal);
                    foreach (var block in extends.Blocks.Values)
                    {
                        if (!ReadsBlockSuper(block))
                        {
                            replacedInParent.Add(block.Name);
                        }
                    }

                    CheckTemplate(parent, scope, replacedInParent, depth + 1);
                }
            }

            private void Visit(NodeList nodes, TemplateScope scope, HashSet<string> replaced, int depth)
            {
                // A block's nodes come from the template that wrote them.
                var outer = _template;
                _template = nodes.TemplateName.Length > 0 ? nodes.TemplateName : outer;
                foreach (var node in nodes)
                {
                    Visit(node, scope, replaced, depth);
                }

                _template = outer;
            }

            private void Visit(Node node, TemplateScope scope, HashSet<string> replaced, int depth)
            {
                switch (node)
                {
                    case BlockNode block:
                        if (!replaced.Contains(block.Name))
                        {
                            Visit(block.Body, new TemplateScope(scope), replaced, depth);
                        }

                        return;
                    case ForNode loop:
                        var sequence = CheckExpression(loop.Sequence, scope);
                        var body = new TemplateScope(scope);
                        body.Set("forloop", TemplateValue.Unknown);
                        foreach (var variable in loop.LoopVariables)
                        {
                            body.Set(variable, loop.LoopVariables.Count == 1 ? TemplateValue.OfType(sequence.ItemKey) : TemplateValue.Unknown);
                        }

                        Visit(loop.Body, body, replaced, depth);
                        if (loop.Empty is { } empty)
                        {
                            Visit(empty, scope, replaced, depth);
                        }

                        return;
                    case WithNode with:
                        var inner = new TemplateScope(scope);
                        foreach (var assignment in with.Assignments)
                        {
                            inner.Set(assignment.Name, CheckExpression(assignment.Value, scope));
                        }

                        Visit(with.Body, inner, replaced, depth);
                        return;
                    case IncludeNode include:
                        CheckExpression(include.Template, scope);
                        var included = include.Only ? new TemplateScope(null) : new TemplateScope(scope);
                        foreach (var assignment in include.Assignments)
                        {
                            included.Set(assignment.Name, CheckExpression(assignment.Value, scope));
                        }

                        if (include.Template.ConstantString is { } name && depth < MaxIncludeDepth)
                        {
                            CheckTemplate(name, included, new HashSet<string>(StringComparer.Ordinal), depth + 1);
                        }

                        return;
                    case RegroupNode regroup:
                        var target = CheckExpression(regroup.Target, scope);
                        if (target.ItemKey is not null)
                        {
                            // The grouper is looked up on each item, written as "name.grouper" (as Django parses it).
                            CheckLookup(regroup.Grouper.Operand as VariableOperand, TemplateValue.OfType(target.ItemKey), isGrouper: true);
                        }

                        scope.Set(regroup.VariableName, TemplateValue.Unknown);
                        return;
                }

                foreach (var expression in node.Expressions)
                {
                    CheckExpression(expression, scope);
                }

                // Tags that store their result (`{% url ... as link %}`) and if, spaceless, autoescape, filter bodies share the scope.
                if (AssignedName(node) is { } assigned)
                {
                    scope.Set(assigned, TemplateValue.Unknown);
                }

                foreach (var child in node.ChildNodeLists)
                {
                    Visit(child, scope, replaced, depth);
                }
            }

            /// <summary>Whether a block renders its parent's too, through <c>{{ block.super }}</c>.</summary>
            private static bool ReadsBlockSuper(BlockNode block) =>
                block.Body.Walk().SelectMany(static n => n.Expressions).Any(static e =>
                    e.Operand is VariableOperand { Segments: { Count: 2 } segments } && segments[0] == "block" && segments[1] == "super");

            private static string? AssignedName(Node node) => node switch
            {
                UrlNode url => url.AsVariable,
                StaticNode link => link.AsVariable,
                CustomTagNode tag => tag.AsVariable,
                FirstOfNode first => first.AsVariable,
                WidthRatioNode ratio => ratio.AsVariable,
                NowNode now => now.AsVariable,
                QueryStringNode query => query.AsVariable,
                CycleNode cycle => cycle.Name,
                _ => null,
            };

            /// <summary>Checks an expression's lookups (its value and its filters' arguments); what it holds when it has no filters.</summary>
            private TemplateValue CheckExpression(FilterExpression expression, TemplateScope scope)
            {
                foreach (var filter in expression.Filters)
                {
                    if (filter.Argument is VariableOperand argument)
                    {
                        CheckVariable(argument, scope);
                    }
                }

                var value = expression.Operand is VariableOperand variable ? CheckVariable(variable, scope) : TemplateValue.Unknown;
                return expression.Filters.Count == 0 ? value : TemplateValue.Unknown;
            }

            private TemplateValue CheckVariable(VariableOperand variable, TemplateScope scope) =>
                scope.TryGet(variable.Segments[0], out var root) ? CheckLookup(variable, root, isGrouper: false) : TemplateValue.Unknown;

            /// <summary>Follows <c>a.b.c</c> from <paramref name="start"/>, the value of <c>a</c>; reports the first segment its type doesn't have.</summary>
            private TemplateValue CheckLookup(VariableOperand? variable, TemplateValue start, bool isGrouper)
            {
                if (variable is null)
                {
                    return TemplateValue.Unknown;
                }

                var current = start;
                for (var i = 1; i < variable.Segments.Count; i++)
                {
                    var segment = variable.Segments[i];
                    if (current.ItemKey is not null)
                    {
                        // items.0 is an item; anything else of a list is Python's, not checked.
                        current = IsIndex(segment) ? TemplateValue.OfType(current.ItemKey) : TemplateValue.Unknown;
                        continue;
                    }

                    if (current.TypeKey is null || !_accessors.TryGetValue(current.TypeKey, out var accessor))
                    {
                        return TemplateValue.Unknown;
                    }

                    var member = accessor.Members.FirstOrDefault(m => m.Names.Contains(segment));
                    if (member is not null)
                    {
                        current = TemplateValue.Of(member);
                        continue;
                    }

                    if (!IsIndex(segment) && !DerivedTypeHas(accessor.Key, segment))
                    {
                        Report(variable, i, accessor, isGrouper);
                    }

                    return TemplateValue.Unknown;
                }

                return current;
            }

            /// <summary>Whether a type derived from <paramref name="key"/> that templates also read has <paramref name="name"/>: a value of the base type may be one.</summary>
            private bool DerivedTypeHas(string key, string name) =>
                _accessors.Values.Any(a => a.BaseKeys.Contains(key) && a.Members.Any(m => m.Names.Contains(name)));

            private static bool IsIndex(string segment) => segment.Length > 0 && segment.All(static c => c is >= '0' and <= '9');

            private void Report(VariableOperand variable, int segment, AccessorModel accessor, bool isGrouper)
            {
                if (_template is null || !_files.TryGetValue(_template, out var file))
                {
                    return;
                }

                // The column of the segment itself: a.b.c's "c".
                var offset = 0;
                for (var i = 0; i < segment; i++)
                {
                    offset += variable.Segments[i].Length + 1;
                }

                var name = variable.Segments[segment];
                var location = At(file, Source(file), variable.Location.Line, variable.Location.Column + offset, name.Length);
                // Suggested by the names a template would write (snake_case where it differs from the C# name).
                var suggestion = EditDistance.Nearest(name, accessor.Members.Select(static m => m.Names[m.Names.Count - 1]));
                var typeName = accessor.Type is null ? "the anonymous object" : accessor.Key;
                var key = file.Name + ":" + variable.Location.Line + ":" + (variable.Location.Column + offset) + ":" + accessor.Key;
                if (_reported.Add(key))
                {
                    Diagnostics.Add(DiagnosticInfo.Create(
                        DiagnosticDescriptors.UnknownTemplateMember,
                        location,
                        file.Name,
                        isGrouper ? variable.Text.Substring(variable.Segments[0].Length + 1) : variable.Text,
                        typeName,
                        name,
                        suggestion is null ? "" : $"; did you mean '{suggestion}'?"));
                }
            }

            private NodeList? Parse(string name)
            {
                if (_parsed.TryGetValue(name, out var nodes))
                {
                    return nodes;
                }

                nodes = null;
                if (_files.TryGetValue(name, out var file))
                {
                    try
                    {
                        nodes = Parser.Parse(file.Text, file.Name, _symbols);
                    }
                    catch (TemplateSyntaxException)
                    {
                        // Reported by the template checks.
                    }
                }

                _parsed[name] = nodes;
                return nodes;
            }

            private SourceText Source(TemplateFileModel file)
            {
                if (!_sources.TryGetValue(file.Name, out var source))
                {
                    _sources[file.Name] = source = SourceText.From(file.Text);
                }

                return source;
            }
        }
    }
}

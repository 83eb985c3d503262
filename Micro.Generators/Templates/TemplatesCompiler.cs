using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Micro.Generators.Shared;
using Micro.Generators.Templates.Model;
using Micro.Templates;

namespace Micro.Generators.Templates
{
    /// <summary>
    /// Writes each template of <c>templates/</c> as C#: literal text appended as constants, variables read through the
    /// app's types directly where a member is known (no name lookup, no boxing of ints and bools), <c>if</c>, <c>for</c>
    /// and <c>with</c> as C# control flow. Every other tag is handed to its parsed node, and blocks keep the interpreter's
    /// inheritance with compiled bodies, so compiled and interpreted rendering give the same output.
    /// </summary>
    internal static class TemplatesCompiler
    {
        public const string HintName = "Micro.Templates.MicroCompiledTemplates.g.cs";

        private const string Rendering = "global::Micro.Templates.CompiledRendering";
        private const string NodesNamespace = "global::Micro.Templates.";

        /// <summary>The most types a member read tests for before it asks the accessors.</summary>
        private const int MaxTypedCandidates = 4;

        public static string? Emit(CompiledTemplatesModel model, CancellationToken cancellationToken)
        {
            var symbols = new TemplatesParser.AppSymbols(model.Tags);
            var members = TypedMembers(model.Accessors);
            var compiled = new List<(string Name, string Class, string Fingerprint, int NodeCount, List<int> Blocks)>();
            var classes = new SourceWriter();
            foreach (var file in model.Files.OrderBy(static f => f.Name, StringComparer.Ordinal))
            {
                cancellationToken.ThrowIfCancellationRequested();
                NodeList nodes;
                try
                {
                    nodes = Parser.Parse(file.Text, file.Name, symbols);
                }
                catch (TemplateSyntaxException)
                {
                    // Reported by the template checks; nothing is compiled for it.
                    continue;
                }

                var className = "Template_" + GeneratedCode.Identifier(file.Name) + "_" + compiled.Count.ToString(System.Globalization.CultureInfo.InvariantCulture);
                var template = new TemplateWriter(file.Name, nodes, members);
                if (compiled.Count > 0)
                {
                    classes.Line();
                }

                template.Write(classes, className);
                compiled.Add((file.Name, className, TemplateFingerprint.Of(file.Text), template.NodeCount, template.Blocks));
            }

            if (model.Files.IsEmpty)
            {
                return null;
            }

            var writer = new SourceWriter().FileHeader();
            writer.Line("namespace Micro.Generated").OpenBrace();
            writer.Line("/// <summary>The app's templates compiled to C#, for its manifest; a template edited since the build renders through the interpreter.</summary>");
            writer.Line(GeneratedCode.Attribute);
            writer.Line("internal static class MicroCompiledTemplates").OpenBrace();
            writer.Line("public static global::System.Collections.Generic.IReadOnlyDictionary<string, global::Micro.Templates.CompiledTemplate> Create() =>");
            writer.Line("    new global::System.Collections.Generic.Dictionary<string, global::Micro.Templates.CompiledTemplate>(global::System.StringComparer.Ordinal)");
            writer.Line("    {").Indentation += 2;
            foreach (var (name, className, fingerprint, nodeCount, blocks) in compiled)
            {
                var literal = GeneratedCode.Literal(name);
                var blockTable = blocks.Count == 0
                    ? ""
                    : ", new global::System.Collections.Generic.Dictionary<int, global::Micro.Templates.CompiledRender> { "
                      + string.Join(", ", blocks.Select(index => $"[{Number(index)}] = {className}.Block{Number(index)}")) + " }";
                writer.Line($"[{literal}] = new global::Micro.Templates.CompiledTemplate({literal}, \"{fingerprint}\", {Number(nodeCount)}, {className}.Body{blockTable}),");
            }

            writer.Indentation -= 2;
            writer.Line("    };");
            if (compiled.Count > 0)
            {
                writer.Line();
                writer.Lines(classes.ToString().TrimEnd('\n'));
            }

            writer.CloseBrace();
            writer.CloseBrace();
            return writer.ToString();
        }

        /// <summary>For each name a template may read, the app's named types with such a member.</summary>
        private static Dictionary<string, List<TypedMember>> TypedMembers(EquatableArray<AccessorModel> accessors)
        {
            var byName = new Dictionary<string, List<TypedMember>>(StringComparer.Ordinal);
            foreach (var accessor in accessors)
            {
                if (accessor.Type is null)
                {
                    continue;
                }

                foreach (var member in accessor.Members)
                {
                    foreach (var name in member.Names)
                    {
                        if (!byName.TryGetValue(name, out var list))
                        {
                            byName[name] = list = new List<TypedMember>();
                        }

                        if (!list.Any(m => m.Type == accessor.Type))
                        {
                            list.Add(new TypedMember(accessor.Type, member));
                        }
                    }
                }
            }

            return byName;
        }

        private static string Number(int value) => value.ToString(System.Globalization.CultureInfo.InvariantCulture);

        private sealed class TypedMember
        {
            public TypedMember(string type, AccessorMemberModel member)
            {
                Type = type;
                Member = member;
            }

            public string Type { get; }

            public AccessorMemberModel Member { get; }

            public string Read(string value) => Member.Read($"(({Type}){value})");

            /// <summary>The member as an object, boxed as the accessor boxes it.</summary>
            public string ReadObject(string value) => Member.Boxing != Boxing.None
                ? $"global::Micro.Templates.TemplateAccessors.Box({Read(value)})"
                : Member.IsString || Member.File != FileColumn.None ? Read(value) : $"{Rendering}.Call({Read(value)})";

            public string Test(string value) => $"{value} is not null && {value}.GetType() == typeof({Type})";
        }

        /// <summary>Writes one template's class: a method for its body and one per block body.</summary>
        private sealed class TemplateWriter
        {
            private readonly string _name;
            private readonly NodeList _nodes;
            private readonly Dictionary<string, List<TypedMember>> _members;
            private readonly Dictionary<Node, int> _index = new();
            private readonly List<string> _fields = new();

            public TemplateWriter(string name, NodeList nodes, Dictionary<string, List<TypedMember>> members)
            {
                _name = name;
                _nodes = nodes;
                _members = members;
                // A node can appear twice (a named {% cycle %} used again is the same node): it keeps its first index.
                foreach (var node in nodes.Walk())
                {
                    if (!_index.ContainsKey(node))
                    {
                        if (node is BlockNode)
                        {
                            Blocks.Add(NodeCount);
                        }

                        _index[node] = NodeCount;
                    }

                    NodeCount++;
                }
            }

            public int NodeCount { get; }

            /// <summary>The node indexes of the template's blocks, each compiled as its own method.</summary>
            public List<int> Blocks { get; } = new();

            public void Write(SourceWriter output, string className)
            {
                var methods = new SourceWriter();
                WriteMethod(methods, "Body", _nodes);
                foreach (var index in Blocks)
                {
                    methods.Line();
                    WriteMethod(methods, "Block" + Number(index), ((BlockNode)_nodes.Walk().ElementAt(index)).Body);
                }

                output.Line($"/// <summary>templates/{Escape(_name)}</summary>");
                output.Line($"private static class {className}").OpenBrace();
                foreach (var field in _fields)
                {
                    output.Line(field);
                }

                if (_fields.Count > 0)
                {
                    output.Line();
                }

                output.Lines(methods.ToString().TrimEnd('\n'));
                output.CloseBrace();
            }

            private static string Escape(string text) => text.Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;");

            private void WriteMethod(SourceWriter writer, string method, NodeList list)
            {
                writer.Line($"public static void {method}(global::Micro.Templates.TemplateContext context, global::System.Text.StringBuilder output, global::Micro.Templates.Node[] nodes)").OpenBrace();
                writer.Line("var at = 0;");
                writer.Line("try").OpenBrace();
                WriteList(writer, list, new Dictionary<string, string>(StringComparer.Ordinal));
                writer.CloseBrace();
                writer.Line($"catch (global::System.Exception exception) when ({Rendering}.IsUnreported(exception))").OpenBrace();
                writer.Line($"throw {Rendering}.Failed(exception, {GeneratedCode.Literal(list.TemplateName)}, nodes[at]);");
                writer.CloseBrace();
                writer.CloseBrace();
            }

            private void WriteList(SourceWriter writer, NodeList list, Dictionary<string, string> locals)
            {
                foreach (var node in list)
                {
                    WriteNode(writer, node, locals);
                }
            }

            private void WriteNode(SourceWriter writer, Node node, Dictionary<string, string> locals)
            {
                var k = _index[node];
                switch (node)
                {
                    case TextNode text:
                        if (text.Text.Length > 0)
                        {
                            writer.Line($"output.Append({GeneratedCode.Literal(text.Text)});");
                        }

                        return;
                    case CommentNode or LoadNode:
                        return;
                    case VariableNode { Expression.Operand: VariableOperand } variable:
                        writer.Line($"at = {Number(k)};");
                        WriteVariable(writer, variable, k, locals);
                        return;
                    case IfNode conditional:
                        writer.Line($"at = {Number(k)};");
                        WriteIf(writer, conditional, k, 0, locals);
                        return;
                    case ForNode loop:
                        WriteFor(writer, loop, k, locals);
                        return;
                    case WithNode with:
                        writer.Line($"at = {Number(k)};");
                        writer.Line($"{Rendering}.BeginWith(({NodesNamespace}WithNode)nodes[{Number(k)}], context);");
                        writer.Line("try").OpenBrace();
                        var inner = new Dictionary<string, string>(locals, StringComparer.Ordinal);
                        foreach (var assignment in with.Assignments)
                        {
                            inner.Remove(assignment.Name);
                        }

                        WriteList(writer, with.Body, inner);
                        writer.CloseBrace();
                        writer.Line("finally").OpenBrace();
                        writer.Line($"{Rendering}.EndScope(context);");
                        writer.CloseBrace();
                        return;
                    default:
                        writer.Line($"at = {Number(k)};");
                        writer.Line($"{Rendering}.Render(nodes[{Number(k)}], context, output);");
                        return;
                }
            }

            /// <summary>
            /// Resolves every segment of <paramref name="operand"/> but the last <paramref name="leave"/> into
            /// <c>value{k}</c>, with <c>found{k}</c> false when one is missing.
            /// </summary>
            private void WriteResolve(SourceWriter writer, VariableOperand operand, string id, int leave, Dictionary<string, string> locals)
            {
                var value = "value" + id;
                var found = "found" + id;
                var first = operand.Segments[0];
                if (locals.TryGetValue(first, out var local))
                {
                    writer.Line($"object? {value} = {Rendering}.Call({local});");
                    writer.Line($"var {found} = true;");
                }
                else
                {
                    writer.Line($"var {found} = {Rendering}.TryGetVariable(context, {GeneratedCode.Literal(first)}, out var {value});");
                }

                for (var j = 1; j < operand.Segments.Count - leave; j++)
                {
                    WriteMemberRead(writer, operand, id, j);
                }
            }

            /// <summary>
            /// Replaces <c>value{id}</c> by its member <c>operand.Segments[j]</c>: read through the app's type when it is one
            /// that has the member, else through the accessors; <c>found{id}</c> false when it has none.
            /// </summary>
            private void WriteMemberRead(SourceWriter writer, VariableOperand operand, string id, int j)
            {
                var value = "value" + id;
                var found = "found" + id;
                writer.Line($"if ({found})").OpenBrace();
                var candidates = Candidates(operand.Segments[j]);
                var keyword = "if";
                foreach (var candidate in candidates)
                {
                    writer.Line($"{keyword} ({candidate.Test(value)})").OpenBrace();
                    writer.Line($"{value} = {candidate.ReadObject(value)};");
                    writer.CloseBrace();
                    keyword = "else if";
                }

                if (candidates.Count > 0)
                {
                    writer.Line("else").OpenBrace();
                }

                writer.Line($"{found} = {Member(id, j, operand.Segments[j])}.TryRead(context, ref {value});");
                if (candidates.Count > 0)
                {
                    writer.CloseBrace();
                }

                writer.CloseBrace();
            }

            private List<TypedMember> Candidates(string name) =>
                _members.TryGetValue(name, out var list) && list.Count <= MaxTypedCandidates ? list : new List<TypedMember>();

            private string Member(string id, int j, string name)
            {
                var field = $"s_member{id}_{Number(j)}";
                _fields.Add($"private static readonly global::Micro.Templates.CompiledMember {field} = new({GeneratedCode.Literal(name)});");
                return field;
            }

            private void WriteVariable(SourceWriter writer, VariableNode node, int k, Dictionary<string, string> locals)
            {
                var operand = (VariableOperand)node.Expression.Operand;
                var value = "value" + Number(k);
                var found = "found" + Number(k);
                var expression = $"(({NodesNamespace}VariableNode)nodes[{Number(k)}]).Expression";
                writer.OpenBrace();
                if (node.Expression.Filters.Count == 1 && operand.Segments.Count > 1)
                {
                    var direct = Candidates(operand.Segments[operand.Segments.Count - 1])
                        .Select(candidate => (Candidate: candidate, Call: DirectFilter(candidate, node.Expression.Filters[0], value, $"expression{Number(k)}")))
                        .Where(static pair => pair.Call is not null)
                        .ToList();
                    if (direct.Count > 0)
                    {
                        WriteDirectFilter(writer, operand, k, direct!, locals);
                        writer.CloseBrace();
                        return;
                    }
                }

                if (node.Expression.Filters.Count > 0 || operand.Segments.Count == 1)
                {
                    WriteResolve(writer, operand, Number(k), leave: 0, locals);
                    if (node.Expression.Filters.Count == 0)
                    {
                        writer.Line($"if (!{found})").OpenBrace();
                        writer.Line($"{Rendering}.Missing(context, {expression}, out {value});");
                        writer.CloseBrace();
                    }
                    else
                    {
                        writer.Line($"var expression{Number(k)} = {expression};");
                        writer.Line($"if ({found} || !{Rendering}.Missing(context, expression{Number(k)}, out {value}))").OpenBrace();
                        for (var i = 0; i < node.Expression.Filters.Count; i++)
                        {
                            writer.Line($"{value} = {Rendering}.ApplyFilter(expression{Number(k)}.Filters[{Number(i)}], {value}, context);");
                        }

                        writer.CloseBrace();
                    }

                    writer.Line($"{Rendering}.Write(context, output, {value});");
                    writer.CloseBrace();
                    return;
                }

                // The last member is written straight from its type when it is one the app's types have.
                WriteResolve(writer, operand, Number(k), leave: 1, locals);
                var last = operand.Segments.Count - 1;
                var keyword = "if";
                foreach (var candidate in Candidates(operand.Segments[last]))
                {
                    var direct = candidate.Member.Boxing switch
                    {
                        Boxing.Int => $"output.Append({candidate.Read(value)});",
                        Boxing.Bool => $"{Rendering}.WriteBool(output, {candidate.Read(value)});",
                        _ => candidate.Member.IsString ? $"{Rendering}.WriteText(context, output, {candidate.Read(value)});" : null,
                    };
                    writer.Line($"{keyword} ({found} && {candidate.Test(value)})").OpenBrace();
                    writer.Line(direct ?? $"{Rendering}.Write(context, output, {candidate.ReadObject(value)});");
                    writer.CloseBrace();
                    keyword = "else if";
                }

                var general = keyword == "else if";
                if (general)
                {
                    writer.Line("else").OpenBrace();
                }

                writer.Line($"if ({found})").OpenBrace();
                writer.Line($"{found} = {Member(Number(k), last, operand.Segments[last])}.TryRead(context, ref {value});");
                writer.CloseBrace();
                writer.Line($"if (!{found})").OpenBrace();
                writer.Line($"{Rendering}.Missing(context, {expression}, out {value});");
                writer.CloseBrace();
                writer.Line($"{Rendering}.Write(context, output, {value});");
                if (general)
                {
                    writer.CloseBrace();
                }

                writer.CloseBrace();
            }

            /// <summary>
            /// <c>{{ a.member|filter }}</c> where the member's type is known and the filter is one written straight from it:
            /// those types get the direct call, any other value the filter as the interpreter applies it.
            /// </summary>
            private void WriteDirectFilter(SourceWriter writer, VariableOperand operand, int k, List<(TypedMember Candidate, string Call)> direct, Dictionary<string, string> locals)
            {
                var value = "value" + Number(k);
                var found = "found" + Number(k);
                var expression = "expression" + Number(k);
                WriteResolve(writer, operand, Number(k), leave: 1, locals);
                writer.Line($"var {expression} = (({NodesNamespace}VariableNode)nodes[{Number(k)}]).Expression;");
                var keyword = "if";
                foreach (var (candidate, call) in direct)
                {
                    writer.Line($"{keyword} ({found} && {candidate.Test(value)})").OpenBrace();
                    writer.Line(call);
                    writer.CloseBrace();
                    keyword = "else if";
                }

                writer.Line("else").OpenBrace();
                WriteMemberRead(writer, operand, Number(k), operand.Segments.Count - 1);
                writer.Line($"if ({found} || !{Rendering}.Missing(context, {expression}, out {value}))").OpenBrace();
                writer.Line($"{value} = {Rendering}.ApplyFilter({expression}.Filters[0], {value}, context);");
                writer.CloseBrace();
                writer.Line($"{Rendering}.Write(context, output, {value});");
                writer.CloseBrace();
            }

            /// <summary>
            /// The statement writing <c>member|filter</c> from the member's own type, for built-in filters on the types they
            /// are common on; null for every other filter and type. Built-in filters can't be replaced by an app's, so the
            /// name is enough.
            /// </summary>
            private static string? DirectFilter(TypedMember candidate, FilterCall filter, string value, string expression)
            {
                var read = candidate.Read(value);
                var member = candidate.Member;
                return filter.Name switch
                {
                    "floatformat" when member.IsNumber && filter.Argument is LiteralOperand { Value: int places } =>
                        $"{Rendering}.WriteFloatFormat(output, {read}, {Number(places)});",
                    "default" when member.IsString => $"{Rendering}.WriteDefault(context, output, {read}, {expression}.Filters[0]);",
                    "upper" when member.IsString => $"{Rendering}.WriteUpper(context, output, {read}, {expression}.Filters[0]);",
                    "lower" when member.IsString => $"{Rendering}.WriteLower(context, output, {read}, {expression}.Filters[0]);",
                    _ => null,
                };
            }

            private void WriteIf(SourceWriter writer, IfNode node, int k, int branchIndex, Dictionary<string, string> locals)
            {
                var branch = node.Branches[branchIndex];
                var body = branch.Body;
                if (branch.Condition is null)
                {
                    WriteList(writer, body, locals);
                    return;
                }

                var met = $"met{Number(k)}_{Number(branchIndex)}";
                writer.OpenBrace();
                if (branch.Condition is IfValue { Expression: { Filters.Count: 0, Operand: VariableOperand operand } })
                {
                    // Django's if: a missing variable is false.
                    var id = $"{Number(k)}_{Number(branchIndex)}";
                    WriteResolve(writer, operand, id, leave: 0, locals);
                    writer.Line($"var {met} = found{id} && {Rendering}.IsTrue(value{id});");
                }
                else
                {
                    writer.Line($"var {met} = {Rendering}.IsMet((({NodesNamespace}IfNode)nodes[{Number(k)}]).Branches[{Number(branchIndex)}].Condition!, context);");
                }

                writer.Line($"if ({met})").OpenBrace();
                WriteList(writer, body, locals);
                writer.CloseBrace();
                if (branchIndex + 1 < node.Branches.Count)
                {
                    writer.Line("else").OpenBrace();
                    WriteIf(writer, node, k, branchIndex + 1, locals);
                    writer.CloseBrace();
                }

                writer.CloseBrace();
            }

            /// <summary>
            /// Whether rendering <paramref name="node"/> leaves <paramref name="name"/> as it was in the enclosing frame. Tags
            /// that store a value (<c>as name</c>, a named cycle, <c>regroup</c>, <c>csrf_token</c>) set it there; a custom tag
            /// may set anything through its context, and an include, a block or extends renders templates not seen here.
            /// </summary>
            private static bool CannotBind(Node node, string name) => node switch
            {
                TextNode or CommentNode or LoadNode or VariableNode or IfNode or IfChangedNode or ForNode or WithNode => true,
                AutoescapeNode or FilterBlockNode or SpacelessNode or VerbatimNode or TemplateTagNode or LoremNode or ResetCycleNode => true,
                UrlNode url => url.AsVariable != name,
                StaticNode link => link.AsVariable != name,
                PrefixNode prefix => prefix.AsVariable != name,
                FirstOfNode first => first.AsVariable != name,
                WidthRatioNode ratio => ratio.AsVariable != name,
                NowNode now => now.AsVariable != name,
                QueryStringNode query => query.AsVariable != name,
                CycleNode cycle => cycle.Name != name,
                RegroupNode regroup => regroup.VariableName != name,
                CsrfTokenNode => name != "csrf_token",
                _ => false,
            };

            private void WriteFor(SourceWriter writer, ForNode node, int k, Dictionary<string, string> locals)
            {
                var loop = "loop" + Number(k);
                var index = "i" + Number(k);
                var item = "item" + Number(k);
                writer.Line($"at = {Number(k)};");
                writer.Line($"var {loop} = {Rendering}.BeginFor(({NodesNamespace}ForNode)nodes[{Number(k)}], context);");
                writer.Line("try").OpenBrace();
                if (node.Empty is not null)
                {
                    writer.Line($"if ({loop}.Count == 0)").OpenBrace();
                    WriteList(writer, node.Empty, locals);
                    writer.CloseBrace();
                }

                // The loop variable is read from a local when nothing in the body can bind names the compiled code doesn't see.
                var inner = new Dictionary<string, string>(locals, StringComparer.Ordinal);
                foreach (var name in node.LoopVariables)
                {
                    inner.Remove(name);
                }

                inner.Remove("forloop");
                var useLocal = node.LoopVariables.Count == 1 && node.Body.Walk().All(n => CannotBind(n, node.LoopVariables[0]));
                if (useLocal)
                {
                    inner[node.LoopVariables[0]] = item;
                }

                writer.Line($"for (var {index} = 0; {index} < {loop}.Count; {index}++)").OpenBrace();
                writer.Line($"at = {Number(k)};");
                writer.Line(useLocal ? $"var {item} = {loop}.Next({index});" : $"{loop}.Next({index});");
                WriteList(writer, node.Body, inner);
                writer.CloseBrace();
                writer.CloseBrace();
                writer.Line("finally").OpenBrace();
                writer.Line($"{loop}.End();");
                writer.CloseBrace();
            }
        }
    }
}

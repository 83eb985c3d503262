using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Text;
using System.Threading;
using Micro.Generators.Diagnostics;
using Micro.Generators.Routing.Model;
using Micro.Generators.Shared;
using Micro.Generators.Templates.Model;
using Micro.Templates;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

namespace Micro.Generators.Templates
{
    /// <summary>
    /// Turns what reaches templates into models: the types passed to <c>Template.Render</c> (and the types reachable
    /// from their members), the <c>[TemplateTag]</c> methods, and the files in <c>templates/</c>, which it checks.
    /// </summary>
    internal static class TemplatesParser
    {
        private const string TemplateClass = "Micro.Template";
        private const string TemplatesFolder = "templates/";

        /// <summary>Syntax-only filter: <c>X.Render(a, b)</c>.</summary>
        public static bool IsRenderCall(SyntaxNode node) =>
            node is InvocationExpressionSyntax
            {
                Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Render" },
                ArgumentList.Arguments.Count: 2,
            };

        /// <summary>A <c>Template.Render(name, model)</c> call: the accessors for the model's type, and the template's name when it is a literal.</summary>
        public static RenderCallModel? ParseRenderCall(GeneratorSyntaxContext context, CancellationToken cancellationToken)
        {
            var invocation = (InvocationExpressionSyntax)context.Node;
            if (context.SemanticModel.GetSymbolInfo(invocation, cancellationToken).Symbol is not IMethodSymbol { IsStatic: true, Name: "Render" } method
                || method.ContainingType.ToDisplayString() != TemplateClass)
            {
                return null;
            }

            var arguments = invocation.ArgumentList.Arguments;
            var name = context.SemanticModel.GetConstantValue(arguments[0].Expression, cancellationToken).Value as string;
            var modelType = context.SemanticModel.GetTypeInfo(arguments[1].Expression, cancellationToken).Type;
            var accessors = new Dictionary<string, AccessorModel>(StringComparer.Ordinal);
            if (modelType is not null)
            {
                CollectAccessors(modelType, context.SemanticModel.Compilation, accessors, cancellationToken);
            }

            return new RenderCallModel(
                name,
                LocationInfo.From(arguments[0].Expression),
                accessors.Values.OrderBy(static a => a.Key, StringComparer.Ordinal).ToEquatableArray(),
                LocationInfo.From(arguments[1].Expression),
                (modelType is null ? new List<string>() : UntypedMembers(modelType, "")).ToEquatableArray());
        }

        /// <summary>
        /// The members of a model whose type is unknown while the generator runs: a generator never sees generated
        /// code (its own included), so a value typed from the generated Db (<c>var post = await db.Posts.GetAsync(...)</c>)
        /// has no type here, and no accessor can be written for it.
        /// </summary>
        private static List<string> UntypedMembers(ITypeSymbol type, string path)
        {
            var untyped = new List<string>();
            if (type.TypeKind == TypeKind.Error)
            {
                untyped.Add(path.Length == 0 ? "the model" : path);
            }
            else if (type is INamedTypeSymbol { IsAnonymousType: true } anonymous)
            {
                foreach (var property in anonymous.GetMembers().OfType<IPropertySymbol>())
                {
                    untyped.AddRange(UntypedMembers(property.Type, path.Length == 0 ? property.Name : path + "." + property.Name));
                }
            }
            else if (type is INamedTypeSymbol named && named.TypeArguments.Any(static t => t.TypeKind == TypeKind.Error))
            {
                untyped.Add(path.Length == 0 ? "the model" : path);
            }

            return untyped;
        }

        /// <summary>A <c>[TemplateTag]</c> method.</summary>
        public static Parsed<TagModel> ParseTag(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
        {
            var method = (IMethodSymbol)context.TargetSymbol;
            var attribute = context.Attributes[0];
            var location = Symbols.AttributeLocation(attribute, context.TargetNode, cancellationToken);
            var display = method.ContainingType.Name + "." + method.Name;
            Parsed<TagModel> Invalid(string reason) =>
                new(null, new[] { DiagnosticInfo.Create(DiagnosticDescriptors.InvalidTemplateTag, location, display, reason) }.ToEquatableArray());

            if (!method.IsStatic || method.MethodKind != MethodKind.Ordinary)
            {
                return Invalid("it must be a static method of a class");
            }

            if (!context.SemanticModel.Compilation.IsSymbolAccessibleWithin(method, context.SemanticModel.Compilation.Assembly) || method.ContainingType.IsFileLocal)
            {
                return Invalid("generated code can't call it; make it public or internal");
            }

            if (method.IsGenericMethod || method.Parameters.Any(static p => p.RefKind != RefKind.None))
            {
                return Invalid("it can't be generic or have ref/out parameters");
            }

            var kind = Symbols.NamedArgument<int>(attribute, "Kind") switch
            {
                1 => "SimpleTag",
                2 => "InclusionTag",
                _ => "Filter",
            };
            var template = Symbols.NamedArgument<string>(attribute, "Template");
            if (template is not null && kind == "Filter")
            {
                kind = "InclusionTag";
            }

            if (kind == "InclusionTag" && string.IsNullOrEmpty(template))
            {
                return Invalid("an inclusion tag needs Template = \"the/template.html\"");
            }

            var name = Symbols.NamedArgument<string>(attribute, "Name") ?? SnakeCase(method.Name);
            var isSafe = Symbols.NamedArgument<bool>(attribute, "IsSafe");
            var needsAutoescape = Symbols.NamedArgument<bool>(attribute, "NeedsAutoescape");
            var parameters = new List<TagParameterModel>();
            foreach (var parameter in method.Parameters)
            {
                var hasDefault = parameter.HasExplicitDefaultValue;
                parameters.Add(new TagParameterModel(
                    parameter.Name,
                    Symbols.FullName(parameter.Type),
                    Conversion(parameter.Type),
                    hasDefault,
                    hasDefault ? Symbols.DefaultValue(parameter.Type, parameter.ExplicitDefaultValue) : null));
            }

            var filterArgument = "None";
            if (kind == "Filter")
            {
                var inputs = parameters.Where(p => !(needsAutoescape && p.Name == "autoescape")).ToList();
                if (inputs.Count is 0 or > 2)
                {
                    return Invalid("a filter takes the value and at most one argument" + (needsAutoescape ? " (and bool autoescape)" : ""));
                }

                if (needsAutoescape && !parameters.Any(static p => p.Name == "autoescape" && p.Conversion == "Bool"))
                {
                    return Invalid("NeedsAutoescape = true needs a 'bool autoescape' parameter");
                }

                filterArgument = inputs.Count == 1 ? "None" : inputs[1].HasDefault ? "Optional" : "Required";
            }

            if (method.ReturnsVoid)
            {
                return Invalid("it must return the value to render");
            }

            var diagnostics = new List<DiagnosticInfo>();
            if (kind == "Filter" ? BuiltinSyntax.Filters.Any(f => f.Name == name) : BuiltinSyntax.Tags.Contains(name) || BuiltinSyntax.ClosingTags.Contains(name))
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.TemplateTagClashesWithBuiltin, location, name, kind == "Filter" ? "filter" : "tag"));
                return new Parsed<TagModel>(null, diagnostics.ToEquatableArray());
            }

            if (name.Length == 0 || !name.All(static c => char.IsLetterOrDigit(c) || c == '_'))
            {
                return Invalid($"'{name}' is not a valid name: use letters, digits and underscores");
            }

            return new Parsed<TagModel>(
                new TagModel(name, kind, Symbols.FullName(method.ContainingType) + "." + method.Name, parameters.ToEquatableArray(), filterArgument, isSafe, needsAutoescape, template)
                {
                    Location = location,
                    ReturnAccessors = kind == "InclusionTag" ? Accessors(method.ReturnType, context.SemanticModel.Compilation, cancellationToken) : EquatableArray<AccessorModel>.Empty,
                },
                EquatableArray<DiagnosticInfo>.Empty);
        }

        private static EquatableArray<AccessorModel> Accessors(ITypeSymbol type, Compilation compilation, CancellationToken cancellationToken)
        {
            var accessors = new Dictionary<string, AccessorModel>(StringComparer.Ordinal);
            CollectAccessors(type, compilation, accessors, cancellationToken);
            return accessors.Values.OrderBy(static a => a.Key, StringComparer.Ordinal).ToEquatableArray();
        }

        /// <summary>A file of <c>templates/</c> as the generator sees it, or null for other additional files.</summary>
        public static TemplateFileModel? ReadTemplateFile(AdditionalText file, string? projectDirectory, CancellationToken cancellationToken)
        {
            var text = file.GetText(cancellationToken);
            if (text is null)
            {
                return null;
            }

            var path = file.Path.Replace('\\', '/');
            string? name = null;
            if (projectDirectory is not null)
            {
                var root = projectDirectory.Replace('\\', '/').TrimEnd('/') + "/" + TemplatesFolder;
                if (path.StartsWith(root, StringComparison.Ordinal))
                {
                    name = path.Substring(root.Length);
                }
            }

            if (name is null)
            {
                var index = path.LastIndexOf("/" + TemplatesFolder, StringComparison.Ordinal);
                name = index < 0 ? System.IO.Path.GetFileName(path) : path.Substring(index + TemplatesFolder.Length + 1);
            }

            return new TemplateFileModel(name, file.Path, text.ToString());
        }

        /// <summary>Checks every template against the built-ins, the app's tags and the app's route names.</summary>
        public static EquatableArray<DiagnosticInfo> Validate(
            ((ImmutableArray<TemplateFileModel> Files, ImmutableArray<Parsed<TagModel>> Tags) Input, RouteTableModel? Routes) input,
            CancellationToken cancellationToken)
        {
            var files = input.Input.Files;
            var symbols = new AppSymbols(input.Input.Tags.Select(static t => t.Model).Where(static t => t is not null)!);
            var names = new HashSet<string>(files.Select(static f => f.Name), StringComparer.Ordinal);
            var routeNames = input.Routes is null
                ? null
                : new HashSet<string>(input.Routes.Routes.Select(static r => r.Name).Where(static n => n is not null)!, StringComparer.Ordinal);
            var diagnostics = new List<DiagnosticInfo>();
            foreach (var file in files.OrderBy(static f => f.Name, StringComparer.Ordinal))
            {
                cancellationToken.ThrowIfCancellationRequested();
                var source = SourceText.From(file.Text);
                NodeList nodes;
                try
                {
                    nodes = Parser.Parse(file.Text, file.Name, symbols);
                }
                catch (TemplateSyntaxException exception)
                {
                    diagnostics.Add(DiagnosticInfo.Create(
                        DiagnosticDescriptors.TemplateSyntaxError,
                        At(file, source, exception.Line, exception.Column, length: -1),
                        file.Name,
                        exception.Description));
                    continue;
                }

                foreach (var node in nodes.Walk())
                {
                    var (target, what) = node switch
                    {
                        ExtendsNode extends => (extends.Parent, "extends"),
                        IncludeNode include => (include.Template, "includes"),
                        _ => (null, ""),
                    };
                    if (target?.ConstantString is { } referenced && !referenced.StartsWith(".", StringComparison.Ordinal) && !names.Contains(referenced))
                    {
                        diagnostics.Add(DiagnosticInfo.Create(
                            DiagnosticDescriptors.TemplateNotFound,
                            At(file, source, target.Location.Line, target.Location.Column, target.Text.Length),
                            file.Name,
                            what,
                            referenced));
                    }

                    if (node is UrlNode url && routeNames is not null && url.RouteName.ConstantString is { } routeName && !routeNames.Contains(routeName))
                    {
                        diagnostics.Add(DiagnosticInfo.Create(
                            DiagnosticDescriptors.UnknownTemplateUrlName,
                            At(file, source, url.RouteName.Location.Line, url.RouteName.Location.Column, url.RouteName.Text.Length),
                            file.Name,
                            routeName));
                    }
                }
            }

            return diagnostics.ToEquatableArray();
        }

        /// <summary>A Render call whose model has parts templates couldn't read (see <see cref="UntypedMembers"/>).</summary>
        public static EquatableArray<DiagnosticInfo> CheckModelTypes(RenderCallModel? call, CancellationToken cancellationToken) =>
            call is null || call.UntypedMembers.IsEmpty
                ? EquatableArray<DiagnosticInfo>.Empty
                : new[]
                {
                    DiagnosticInfo.Create(DiagnosticDescriptors.UntypedTemplateModel, call.ModelLocation,
                        call.TemplateName ?? "the template", string.Join(", ", call.UntypedMembers.Select(static m => $"'{m}'"))),
                }.ToEquatableArray();

        /// <summary>Render calls whose literal template name is not in <c>templates/</c>.</summary>
        public static EquatableArray<DiagnosticInfo> CheckRenderedNames(
            (ImmutableArray<RenderCallModel> Calls, ImmutableArray<TemplateFileModel> Files) input,
            CancellationToken cancellationToken)
        {
            if (input.Files.IsEmpty)
            {
                // No templates/ folder given to the generator (a library, a test): nothing to check against.
                return EquatableArray<DiagnosticInfo>.Empty;
            }

            var names = new HashSet<string>(input.Files.Select(static f => f.Name), StringComparer.Ordinal);
            return input.Calls
                .Where(call => call.TemplateName is not null && !names.Contains(call.TemplateName))
                .Select(call => DiagnosticInfo.Create(DiagnosticDescriptors.RenderedTemplateNotFound, call.Location, call.TemplateName!))
                .ToEquatableArray();
        }

        public static TemplatesModel Build(
            (ImmutableArray<RenderCallModel> Calls, ImmutableArray<Parsed<TagModel>> Tags) input,
            CancellationToken cancellationToken)
        {
            var accessors = new Dictionary<string, AccessorModel>(StringComparer.Ordinal);
            var tags = input.Tags.Select(static t => t.Model).Where(static t => t is not null).Select(static t => t!).ToList();
            foreach (var accessor in input.Calls.SelectMany(static c => c.Accessors).Concat(tags.SelectMany(static t => t.ReturnAccessors)))
            {
                if (!accessors.ContainsKey(accessor.Key))
                {
                    accessors.Add(accessor.Key, accessor);
                }
            }

            // Two methods with one name: the clash is reported beside each model; keep the first so the rest still works.
            var uniqueTags = tags.GroupBy(static t => (t.Kind == "Filter", t.Name)).Select(static g => g.First()).OrderBy(static t => t.Name, StringComparer.Ordinal);
            return new TemplatesModel(
                accessors.Values.OrderBy(static a => a.Key, StringComparer.Ordinal).ToEquatableArray(),
                uniqueTags.ToEquatableArray());
        }

        /// <summary>Duplicate names among the app's tags and filters.</summary>
        public static EquatableArray<DiagnosticInfo> CheckDuplicateTags(ImmutableArray<Parsed<TagModel>> tags, CancellationToken cancellationToken) =>
            tags.Select(static t => t.Model).Where(static t => t is not null)
                .GroupBy(static t => (t!.Kind == "Filter", t.Name))
                .Where(static g => g.Count() > 1)
                .SelectMany(static g => g.Skip(1).Select(t => DiagnosticInfo.Create(DiagnosticDescriptors.DuplicateTemplateTag, t!.Location, t.Name, g.First()!.Method)))
                .ToEquatableArray();

        private static LocationInfo At(TemplateFileModel file, SourceText source, int line, int column, int length)
        {
            var lineIndex = Math.Max(0, Math.Min(line - 1, source.Lines.Count - 1));
            var textLine = source.Lines[lineIndex];
            var start = Math.Min(textLine.Start + Math.Max(0, column - 1), textLine.End);
            var end = Math.Min(start + (length < 0 ? TokenLength(source, start, textLine.End) : length), source.Length);
            var span = TextSpan.FromBounds(start, end);
            return new LocationInfo(file.Path, span, source.Lines.GetLinePositionSpan(span));
        }

        /// <summary>The length of what starts at <paramref name="start"/>: a whole <c>{% tag %}</c> or <c>{{ variable }}</c>, else a word; at least one character.</summary>
        private static int TokenLength(SourceText source, int start, int lineEnd)
        {
            var text = source.ToString(TextSpan.FromBounds(start, lineEnd));
            if (text.StartsWith("{%", StringComparison.Ordinal) || text.StartsWith("{{", StringComparison.Ordinal))
            {
                var close = text.IndexOf(text[1] == '%' ? "%}" : "}}", 2, StringComparison.Ordinal);
                return close < 0 ? text.Length : close + 2;
            }

            var length = 0;
            while (length < text.Length && (char.IsLetterOrDigit(text[length]) || text[length] == '_'))
            {
                length++;
            }

            return Math.Max(1, Math.Min(length, text.Length));
        }

        /// <summary>How a template value becomes a parameter of <paramref name="type"/>.</summary>
        private static string Conversion(ITypeSymbol type) => type.SpecialType switch
        {
            SpecialType.System_String => "Text",
            SpecialType.System_Boolean => "Bool",
            SpecialType.System_Int32 => "Int",
            SpecialType.System_Int64 => "Long",
            SpecialType.System_Double => "Double",
            SpecialType.System_Decimal => "Decimal",
            SpecialType.System_Object => "Object",
            _ => "As",
        };

        /// <summary><c>RemoveSpaces</c> becomes <c>remove_spaces</c>, <c>HTMLTitle</c> becomes <c>html_title</c>.</summary>
        public static string SnakeCase(string name)
        {
            var result = new StringBuilder(name.Length + 4);
            for (var i = 0; i < name.Length; i++)
            {
                var c = name[i];
                if (char.IsUpper(c) && i > 0 && name[i - 1] != '_'
                    && (char.IsLower(name[i - 1]) || char.IsDigit(name[i - 1]) || (i + 1 < name.Length && char.IsLower(name[i + 1]))))
                {
                    result.Append('_');
                }

                result.Append(char.ToLowerInvariant(c));
            }

            return result.ToString();
        }

        /// <summary>Adds an accessor for <paramref name="type"/> and for the types reachable from its members.</summary>
        private static void CollectAccessors(ITypeSymbol type, Compilation compilation, Dictionary<string, AccessorModel> accessors, CancellationToken cancellationToken)
        {
            cancellationToken.ThrowIfCancellationRequested();
            switch (type)
            {
                case IArrayTypeSymbol array:
                    CollectAccessors(array.ElementType, compilation, accessors, cancellationToken);
                    return;
                case INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } nullable:
                    CollectAccessors(nullable.TypeArguments[0], compilation, accessors, cancellationToken);
                    return;
                case not INamedTypeSymbol:
                    return;
            }

            var named = (INamedTypeSymbol)type;
            if (ElementOf(named) is { } element)
            {
                CollectAccessors(element, compilation, accessors, cancellationToken);
                return;
            }

            if (named.SpecialType != SpecialType.None || named.TypeKind is not (TypeKind.Class or TypeKind.Struct) || IsFramework(named)
                || (!named.IsAnonymousType && !IsNameable(named, compilation))
                || Symbols.Implements(named, "Micro.ITemplateObject"))
            {
                return;
            }

            var key = named.ToDisplayString();
            if (accessors.ContainsKey(key))
            {
                return;
            }

            string? prototype = null;
            if (named.IsAnonymousType)
            {
                prototype = Prototype(named, compilation);
                if (prototype is null)
                {
                    return;
                }
            }

            var members = new List<AccessorMemberModel>();
            var seen = new HashSet<string>(StringComparer.Ordinal);
            var memberTypes = new List<ITypeSymbol>();
            for (var current = named; current is not null && !IsFramework(current); current = current.BaseType)
            {
                foreach (var member in current.GetMembers())
                {
                    ITypeSymbol? memberType = member switch
                    {
                        IPropertySymbol { IsStatic: false, IsIndexer: false, DeclaredAccessibility: Accessibility.Public, GetMethod.DeclaredAccessibility: Accessibility.Public } property => property.Type,
                        IFieldSymbol { IsStatic: false, IsImplicitlyDeclared: false, DeclaredAccessibility: Accessibility.Public } field => field.Type,
                        _ => null,
                    };
                    if (memberType is null || !seen.Add(member.Name))
                    {
                        continue;
                    }

                    var names = new List<string> { member.Name };
                    var snake = SnakeCase(member.Name);
                    if (!named.IsAnonymousType && snake != member.Name)
                    {
                        names.Add(snake);
                    }

                    var boxing = memberType.SpecialType switch
                    {
                        SpecialType.System_Boolean => "bool",
                        SpecialType.System_Int32 => "int",
                        _ => "",
                    };
                    members.Add(new AccessorMemberModel(names.ToEquatableArray(), member.Name, boxing));
                    memberTypes.Add(memberType);
                }
            }

            accessors.Add(key, new AccessorModel(key, named.IsAnonymousType ? null : Symbols.FullName(named), prototype, members.ToEquatableArray()));
            foreach (var memberType in memberTypes)
            {
                CollectAccessors(memberType, compilation, accessors, cancellationToken);
            }
        }

        /// <summary>What a template's <c>{% for %}</c> or lookup reaches inside a collection: a dictionary's values, a sequence's items.</summary>
        private static ITypeSymbol? ElementOf(INamedTypeSymbol type)
        {
            if (type.SpecialType == SpecialType.System_String)
            {
                return null;
            }

            var interfaces = type.TypeKind == TypeKind.Interface ? type.AllInterfaces.Add(type) : type.AllInterfaces;
            foreach (var candidate in interfaces)
            {
                var definition = candidate.OriginalDefinition.ToDisplayString();
                if (definition is "System.Collections.Generic.IDictionary<TKey, TValue>" or "System.Collections.Generic.IReadOnlyDictionary<TKey, TValue>")
                {
                    return candidate.TypeArguments[1];
                }
            }

            foreach (var candidate in interfaces)
            {
                if (candidate.OriginalDefinition.SpecialType == SpecialType.System_Collections_Generic_IEnumerable_T)
                {
                    return candidate.TypeArguments[0];
                }
            }

            return null;
        }

        private static bool IsFramework(INamedTypeSymbol type)
        {
            var root = type.ContainingNamespace;
            while (root is { ContainingNamespace.IsGlobalNamespace: false })
            {
                root = root.ContainingNamespace;
            }

            return root is { IsGlobalNamespace: false, Name: "System" or "Microsoft" };
        }

        /// <summary>
        /// An expression of <paramref name="type"/> that names no anonymous type: <c>new { year = default(int)! }</c>, which is the same
        /// type as the user's <c>new { year }</c> in this assembly. Null when the type can't be spelled that way.
        /// </summary>
        private static string? Prototype(ITypeSymbol type, Compilation compilation)
        {
            if (!ContainsAnonymous(type))
            {
                return IsNameable(type, compilation) ? $"default({Symbols.FullName(type)})!" : null;
            }

            switch (type)
            {
                case INamedTypeSymbol { IsAnonymousType: true } anonymous:
                    var parts = new List<string>();
                    foreach (var property in anonymous.GetMembers().OfType<IPropertySymbol>())
                    {
                        var inner = Prototype(property.Type, compilation);
                        if (inner is null)
                        {
                            return null;
                        }

                        parts.Add(property.Name + " = " + inner);
                    }

                    return "new { " + string.Join(", ", parts) + " }";
                case IArrayTypeSymbol { Rank: 1 } array when Prototype(array.ElementType, compilation) is { } element:
                    return $"global::Micro.Generated.TemplatePrototypes.ArrayOf({element})";
                case INamedTypeSymbol { TypeArguments.Length: 1 } generic when Prototype(generic.TypeArguments[0], compilation) is { } item:
                    return generic.OriginalDefinition.ToDisplayString() switch
                    {
                        "System.Collections.Generic.List<T>" => $"global::Micro.Generated.TemplatePrototypes.ListOf({item})",
                        "System.Collections.Generic.IEnumerable<T>" => $"global::Micro.Generated.TemplatePrototypes.EnumerableOf({item})",
                        "System.Collections.Generic.IReadOnlyList<T>" => $"global::Micro.Generated.TemplatePrototypes.ReadOnlyListOf({item})",
                        _ => null,
                    };
                default:
                    return null;
            }
        }

        /// <summary>Whether generated code in the app's assembly can spell <paramref name="type"/>: no type parameters, nothing private or file-local.</summary>
        private static bool IsNameable(ITypeSymbol type, Compilation compilation) => type switch
        {
            IArrayTypeSymbol array => IsNameable(array.ElementType, compilation),
            INamedTypeSymbol { IsAnonymousType: true } or INamedTypeSymbol { IsFileLocal: true } => false,
            INamedTypeSymbol named => named.TypeKind != TypeKind.Error
                && compilation.IsSymbolAccessibleWithin(named, compilation.Assembly)
                && named.TypeArguments.All(argument => IsNameable(argument, compilation)),
            _ => false,
        };

        private static bool ContainsAnonymous(ITypeSymbol type) => type switch
        {
            INamedTypeSymbol { IsAnonymousType: true } => true,
            IArrayTypeSymbol array => ContainsAnonymous(array.ElementType),
            INamedTypeSymbol named => named.TypeArguments.Any(ContainsAnonymous),
            _ => false,
        };

        /// <summary>The names templates may use: Django's built-ins and the app's <c>[TemplateTag]</c>s.</summary>
        private sealed class AppSymbols : ITemplateSymbols
        {
            private readonly Dictionary<string, FilterSignature> _filters = new(StringComparer.Ordinal);
            private readonly Dictionary<string, TagSignature> _tags = new(StringComparer.Ordinal);

            public AppSymbols(IEnumerable<TagModel> tags)
            {
                foreach (var filter in BuiltinSyntax.Filters)
                {
                    _filters[filter.Name] = filter;
                }

                foreach (var tag in tags)
                {
                    if (tag.Kind == "Filter")
                    {
                        if (!_filters.ContainsKey(tag.Name))
                        {
                            _filters[tag.Name] = new FilterSignature(tag.Name, (FilterArgument)Enum.Parse(typeof(FilterArgument), tag.FilterArgument));
                        }
                    }
                    else if (!_tags.ContainsKey(tag.Name))
                    {
                        _tags[tag.Name] = new TagSignature(tag.Name, tag.Kind == "SimpleTag" ? TagKind.Simple : TagKind.Inclusion, Parameters(tag));
                    }
                }
            }

            public FilterSignature? FindFilter(string name) => _filters.TryGetValue(name, out var filter) ? filter : null;

            public TagSignature? FindTag(string name) => _tags.TryGetValue(name, out var tag) ? tag : null;
        }

        /// <summary>A tag's parameters as templates pass them: every parameter of the method.</summary>
        public static TagParameters Parameters(TagModel tag)
        {
            var parameters = tag.Parameters;
            var required = 0;
            while (required < parameters.Count && !parameters[required].HasDefault)
            {
                required++;
            }

            return new TagParameters(parameters.Select(static p => p.Name).ToArray(), required);
        }
    }
}

using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Micro.Generators.Diagnostics;
using Micro.Generators.Routing.Model;
using Micro.Generators.Shared;
using Microsoft.CodeAnalysis;
using static Micro.Generators.Shared.Symbols;


namespace Micro.Generators.Routing
{
    /// <summary>
    /// Turns <c>[Route]</c>, <c>[ErrorHandler]</c> and <c>[RouteConverter]</c> targets into models (the only place that reads
    /// symbols; <see cref="HandlerReader"/> reads handlers), then builds the URL table from all of them.
    /// </summary>
    internal static partial class RoutesParser
    {
        private static readonly string[] s_viewVerbs = { "Get", "Post", "Put", "Patch", "Delete", "Head", "Options" };
        private static readonly string[] s_httpMethods = { "GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS", "TRACE", "CONNECT" };
        private static readonly string[] s_bodyMethods = { "POST", "PUT", "PATCH" };

        public static EquatableArray<Parsed<RouteModel>> ParseRoutes(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
        {
            var results = new List<Parsed<RouteModel>>();
            var known = KnownTypes.For(context.SemanticModel.Compilation);

            // The [RouteGroup] classes it is declared in: their prefixes, namespaces, tags and attributes apply to it, once per mount
            // of the groups (a bad group is reported once, by ParseGroup, and its routes are left out).
            var mounts = RouteGroupMount.For(context.TargetSymbol, type => known.Attributes(type, KnownNames.RouteGroupAttribute));
            if (mounts is null)
            {
                return EquatableArray<Parsed<RouteModel>>.Empty;
            }

            foreach (var attribute in context.Attributes)
            {
                for (var i = 0; i < mounts.Count; i++)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    var parsed = ParseRoute(context.TargetSymbol, attribute, mounts[i], context.TargetNode, context.SemanticModel, cancellationToken);

                    // A problem of the route is the same under every mount: it is reported with the first.
                    results.Add(i == 0 ? parsed : new Parsed<RouteModel>(parsed.Model, EquatableArray<DiagnosticInfo>.Empty));
                }
            }

            return results.ToEquatableArray();
        }

        private static Parsed<RouteModel> ParseRoute(
            ISymbol target, AttributeData attribute, RouteGroupMount mount, SyntaxNode node, SemanticModel semanticModel, CancellationToken cancellationToken)
        {
            var diagnostics = new List<DiagnosticInfo>();
            var location = LocationInfo.From(attribute.ApplicationSyntaxReference?.GetSyntax(cancellationToken).GetLocation()) ?? LocationInfo.From(node);
            var pattern = attribute.ConstructorArguments.Length > 0 ? attribute.ConstructorArguments[0].Value as string ?? "" : "";
            var name = mount.Qualified(NamedArgument<string>(attribute, "Name"));
            var isRegex = NamedArgument<bool>(attribute, "Regex");
            var group = ReadGroups(mount, semanticModel.Compilation);
            pattern = RoutePatternSyntax.Prefixed(mount.Prefixes, pattern, isRegex);
            var order = NamedArgument<int>(attribute, "Order");
            var declaredMethods = (NamedArgument<string>(attribute, "Methods") ?? "")
                .Split(new[] { ',', ' ' }, StringSplitOptions.RemoveEmptyEntries)
                .Select(static m => m.ToUpperInvariant()).Distinct().ToList();

            foreach (var method in declaredMethods.Where(m => Array.IndexOf(s_httpMethods, m) < 0))
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidHttpMethod, location, method));
            }

            // The pattern: path() values with converters, or a regex with named groups.
            List<PatternPart>? parts;
            string? regex = null;
            List<string> valueNames;
            List<List<PatternPart>>? reversals = null;
            var positional = false;
            if (isRegex)
            {
                regex = RoutePatternSyntax.ParseRegex(pattern, out parts, out valueNames, out var unnamedGroups, out var regexError);
                if (regexError is not null)
                {
                    diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidRouteRegex, location, pattern, regexError));
                }
                else
                {
                    reversals = RegexReversal.Normalize(pattern);
                }

                if (valueNames.Count == 0 && unnamedGroups > 0)
                {
                    // As Django, a regex without named groups passes its groups positionally: as the values _0, _1...
                    positional = true;
                    valueNames = Enumerable.Range(0, unnamedGroups).Select(static i => "_" + i.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToList();
                }
            }
            else
            {
                parts = RoutePatternSyntax.ParsePath(pattern, out var pathError);
                valueNames = parts.Where(static p => !p.IsLiteral).Select(static p => p.Name!).ToList();
                if (pathError is not null)
                {
                    diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidRoutePattern, location, pattern, pathError));
                }
            }

            var converters = (parts ?? new List<PatternPart>()).Where(static p => p.Converter is not null)
                .ToDictionary(static p => p.Name!, static p => p.Converter!);

            // The handler or, for a class-based view, one handler per verb method.
            var handlers = new List<HandlerModel>();
            var methods = declaredMethods.Count > 0 ? declaredMethods : new List<string> { "GET", "HEAD" };
            string handlerName;

            // The handler's (or the view class's) attributes become the endpoint's metadata: [Authorize], [LoginRequired]...
            var metadata = group.Metadata;
            metadata.AddRange(ReadMetadata(target, semanticModel.Compilation));
            if (target is INamedTypeSymbol viewType)
            {
                handlerName = viewType.Name;
                if (CheckCallable(viewType, viewType.Name, location, diagnostics))
                {
                    methods = new List<string>();
                    foreach (var verb in s_viewVerbs)
                    {
                        var verbMethod = viewType.GetMembers(verb).OfType<IMethodSymbol>()
                            .FirstOrDefault(static m => m.IsStatic && m.DeclaredAccessibility is Accessibility.Public or Accessibility.Internal);
                        if (verbMethod is null)
                        {
                            continue;
                        }

                        var upper = verb.ToUpperInvariant();
                        methods.Add(upper);
                        var acceptsBody = Array.IndexOf(s_bodyMethods, upper) >= 0;
                        var handler = new HandlerReader(semanticModel, location, diagnostics, valueNames, converters, acceptsBody, pattern, positional).Read(verbMethod, upper);
                        if (handler is not null)
                        {
                            // A verb's own authorization: the verbs share one endpoint, so the verb checks it when called.
                            var verbAuthorization = ReadMetadata(verbMethod, semanticModel.Compilation).Where(static m => m.IsAuthorization).ToEquatableArray();
                            handlers.Add(verbAuthorization.Count == 0 ? handler : handler with { Metadata = verbAuthorization });
                        }
                    }

                    if (methods.Count == 0)
                    {
                        diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.ClassViewWithoutVerbs, location, viewType.Name));
                    }

                    if (methods.Contains("GET") && !methods.Contains("HEAD"))
                    {
                        methods.Insert(methods.IndexOf("GET") + 1, "HEAD");
                    }

                    if (!methods.Contains("OPTIONS"))
                    {
                        methods.Add("OPTIONS");
                    }
                }
            }
            else
            {
                var method = (IMethodSymbol)target;
                handlerName = Display(method);
                if (CheckCallable(method, handlerName, location, diagnostics))
                {
                    var acceptsBody = methods.Any(m => Array.IndexOf(s_bodyMethods, m) >= 0);
                    var handler = new HandlerReader(semanticModel, location, diagnostics, valueNames, converters, acceptsBody, pattern, positional).Read(method, verb: null);
                    if (handler is not null)
                    {
                        handlers.Add(handler);
                    }
                }
            }

            if (diagnostics.Any(IsError))
            {
                return new Parsed<RouteModel>(null, diagnostics.ToEquatableArray());
            }

            var model = new RouteModel(
                pattern,
                isRegex,
                regex,
                parts is not null,
                (parts ?? new List<PatternPart>()).ToEquatableArray(),
                name,
                methods.ToEquatableArray(),
                order,
                handlerName,
                handlers.ToEquatableArray(),
                location,
                metadata.ToEquatableArray())
            {
                Tags = group.Tags.ToEquatableArray(),
                Namespace = mount.Namespace,
                AppName = mount.AppName,
                Reversals = (reversals ?? new List<List<PatternPart>>()).Select(static r => r.ToEquatableArray()).ToEquatableArray(),
            };
            return new Parsed<RouteModel>(model, diagnostics.ToEquatableArray());
        }

        /// <summary>The tags and endpoint metadata of the <c>[RouteGroup]</c> classes of <paramref name="mount"/>, outermost first.</summary>
        private static (List<string> Tags, List<AttributeModel> Metadata) ReadGroups(RouteGroupMount mount, Compilation compilation)
        {
            var tags = new List<string>();
            var metadata = new List<AttributeModel>();
            foreach (var (type, attribute) in mount.Groups)
            {
                var groupTags = attribute.NamedArguments.Where(static a => a.Key == "Tags" && !a.Value.IsNull).SelectMany(static a => a.Value.Values)
                    .Select(static v => v.Value as string).OfType<string>();
                tags.AddRange(groupTags.Where(t => !tags.Contains(t)));
                metadata.AddRange(ReadMetadata(type, compilation));
            }

            if (tags.Count > 0)
            {
                metadata.Add(new AttributeModel($"new global::Microsoft.AspNetCore.Http.TagsAttribute({string.Join(", ", tags.Select(static t => GeneratedCode.Literal(t)))})", IsAuthorization: false));
            }

            return (tags, metadata);
        }

        /// <summary>Checks a <c>[RouteGroup]</c>'s prefix; the routes in a group with a bad one are left out.</summary>
        public static EquatableArray<DiagnosticInfo> ParseGroup(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
        {
            var diagnostics = new List<DiagnosticInfo>();
            foreach (var attribute in context.Attributes)
            {
                if (RouteGroupMount.Problem(attribute) is { } problem)
                {
                    var location = AttributeLocation(attribute, context.TargetNode, cancellationToken);
                    diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidRouteGroup, location, RouteGroupMount.Prefix(attribute), context.TargetSymbol.Name, problem));
                }
            }

            return diagnostics.ToEquatableArray();
        }

        public static EquatableArray<Parsed<ErrorHandlerModel>> ParseErrorHandlers(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
        {
            var results = new List<Parsed<ErrorHandlerModel>>();
            var method = (IMethodSymbol)context.TargetSymbol;
            foreach (var attribute in context.Attributes)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var diagnostics = new List<DiagnosticInfo>();
                var location = LocationInfo.From(attribute.ApplicationSyntaxReference?.GetSyntax(cancellationToken).GetLocation()) ?? LocationInfo.From(context.TargetNode);
                var status = attribute.ConstructorArguments.Length > 0 && attribute.ConstructorArguments[0].Value is int code ? code : 0;
                HandlerModel? handler = null;
                if (CheckCallable(method, Display(method), location, diagnostics))
                {
                    handler = new HandlerReader(context.SemanticModel, location, diagnostics, routeValues: [], converters: [], acceptsBody: false, pattern: "", positional: false).Read(method, verb: null);
                }

                results.Add(diagnostics.Any(IsError) || handler is null
                    ? new Parsed<ErrorHandlerModel>(null, diagnostics.ToEquatableArray())
                    : new Parsed<ErrorHandlerModel>(new ErrorHandlerModel(status, handler, location), diagnostics.ToEquatableArray()));
            }

            return results.ToEquatableArray();
        }

        public static Parsed<ConverterModel> ParseConverter(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
        {
            var type = (INamedTypeSymbol)context.TargetSymbol;
            var attribute = context.Attributes[0];
            var location = LocationInfo.From(attribute.ApplicationSyntaxReference?.GetSyntax(cancellationToken).GetLocation()) ?? LocationInfo.From(context.TargetNode);
            var name = attribute.ConstructorArguments.Length > 0 ? attribute.ConstructorArguments[0].Value as string ?? "" : "";
            string? problem = null;
            ITypeSymbol? valueType = null;
            for (var baseType = type.BaseType; baseType is not null; baseType = baseType.BaseType)
            {
                if (KnownTypes.For(context.SemanticModel.Compilation).Is(baseType, KnownNames.RouteConverterOfT))
                {
                    valueType = baseType.TypeArguments[0];
                    break;
                }
            }

            if (valueType is null)
            {
                problem = "it must derive from RouteConverter<T>";
            }
            else if (type.IsAbstract || type.IsGenericType)
            {
                problem = "it must be a non-abstract, non-generic class";
            }
            else if (!VisibleToGeneratedCode(type))
            {
                problem = "generated code can't create it; make it and its containing types public or internal, and not file-local";
            }
            else if (!type.InstanceConstructors.Any(static c => c.Parameters.IsEmpty && c.DeclaredAccessibility is Accessibility.Public or Accessibility.Internal))
            {
                problem = "it needs a public parameterless constructor";
            }
            else if (Array.IndexOf(RoutePatternSyntax.BuiltInConverters, name) >= 0)
            {
                problem = $"'{name}' is the name of a built-in converter";
            }
            else if (!RoutePatternSyntax.IsIdentifier(name))
            {
                problem = $"'{name}' can't be written in a pattern; name it with letters, digits and underscores, as in [RouteConverter(\"yyyy\")]";
            }

            if (problem is not null)
            {
                return new Parsed<ConverterModel>(null, new[] { DiagnosticInfo.Create(DiagnosticDescriptors.InvalidRouteConverter, location, type.Name, problem) }.ToEquatableArray());
            }

            return new Parsed<ConverterModel>(
                new ConverterModel(name, FullName(type), FullName(valueType!), location),
                EquatableArray<DiagnosticInfo>.Empty);
        }


        /// <summary>Whether generated code can call <paramref name="symbol"/>; reports why not.</summary>
        private static bool CheckCallable(ISymbol symbol, string display, LocationInfo location, List<DiagnosticInfo> diagnostics)
        {
            var problem = CallProblem(symbol, "handlers", "class-based views", "static class Views { [Route(...)] public static ... }");
            if (problem is null)
            {
                return true;
            }

            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.HandlerNotCallable, location, display, problem));
            return false;
        }

        private static bool IsError(DiagnosticInfo diagnostic) => diagnostic.Descriptor.DefaultSeverity == DiagnosticSeverity.Error;

        private static bool VisibleToGeneratedCode(INamedTypeSymbol type)
        {
            for (var current = type; current is not null; current = current.ContainingType)
            {
                if (current.IsFileLocal || current.DeclaredAccessibility is not (Accessibility.Public or Accessibility.Internal or Accessibility.ProtectedOrInternal))
                {
                    return false;
                }
            }

            return true;
        }

        private static string Display(IMethodSymbol method) => method.ContainingType is null ? method.Name : method.ContainingType.Name + "." + method.Name;

        /// <summary>A fully qualified type name as messages show types: without <c>global::</c>.</summary>
        private static string Readable(string fullName) => fullName.Replace("global::", "");

        /// <summary>The simple name of a fully qualified, non-generic type: <c>global::App.FourDigitYear</c> becomes <c>FourDigitYear</c>.</summary>
        private static string TypeName(string fullName) => fullName.Substring(Math.Max(fullName.LastIndexOf('.'), fullName.LastIndexOf(':')) + 1);
    }
}

using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Micro.Generators.Diagnostics;
using Micro.Generators.Json;
using Micro.Generators.Routing.Model;
using Micro.Generators.Shared;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using static Micro.Generators.Shared.Symbols;
using static Micro.Generators.Shared.ValueParsing;

namespace Micro.Generators.Routing
{
    /// <summary>Turns <c>[Route]</c>, <c>[ErrorHandler]</c> and <c>[RouteConverter]</c> targets into models. The only place that reads symbols.</summary>
    internal static class RoutesParser
    {
        private static readonly string[] s_viewVerbs = { "Get", "Post", "Put", "Patch", "Delete", "Head", "Options" };
        private static readonly string[] s_httpMethods = { "GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS", "TRACE", "CONNECT" };
        private static readonly string[] s_bodyMethods = { "POST", "PUT", "PATCH" };

        public static EquatableArray<Parsed<RouteModel>> ParseRoutes(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
        {
            var results = new List<Parsed<RouteModel>>();
            foreach (var attribute in context.Attributes)
            {
                cancellationToken.ThrowIfCancellationRequested();
                results.Add(ParseRoute(context.TargetSymbol, attribute, context.TargetNode, context.SemanticModel, cancellationToken));
            }

            return results.ToEquatableArray();
        }

        private static Parsed<RouteModel> ParseRoute(ISymbol target, AttributeData attribute, SyntaxNode node, SemanticModel semanticModel, CancellationToken cancellationToken)
        {
            var diagnostics = new List<DiagnosticInfo>();
            var location = LocationInfo.From(attribute.ApplicationSyntaxReference?.GetSyntax(cancellationToken).GetLocation()) ?? LocationInfo.From(node);
            var pattern = attribute.ConstructorArguments.Length > 0 ? attribute.ConstructorArguments[0].Value as string ?? "" : "";
            var name = NamedArgument<string>(attribute, "Name");
            var isRegex = NamedArgument<bool>(attribute, "Regex");
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
            if (isRegex)
            {
                regex = RoutePatternSyntax.ParseRegex(pattern, out parts, out valueNames, out var regexError);
                if (regexError is not null)
                {
                    diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidRouteRegex, location, pattern, regexError));
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
                        var handler = ParseHandler(verbMethod, semanticModel, upper, valueNames, converters, acceptsBody, pattern, location, diagnostics);
                        if (handler is not null)
                        {
                            handlers.Add(handler);
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
                    var handler = ParseHandler(method, semanticModel, null, valueNames, converters, acceptsBody, pattern, location, diagnostics);
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
                location.FilePath,
                location.Display,
                location);
            return new Parsed<RouteModel>(model, diagnostics.ToEquatableArray());
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
                    handler = ParseHandler(method, context.SemanticModel, null, new List<string>(), new Dictionary<string, string>(), acceptsBody: false, "", location, diagnostics);
                }

                results.Add(diagnostics.Any(IsError) || handler is null
                    ? new Parsed<ErrorHandlerModel>(null, diagnostics.ToEquatableArray())
                    : new Parsed<ErrorHandlerModel>(new ErrorHandlerModel(status, handler, location.Display, location), diagnostics.ToEquatableArray()));
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
                if (baseType.OriginalDefinition.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat) == "global::Micro.RouteConverter<T>")
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

        /// <summary>Resolves converter names, drops invalid routes and finds clashes between routes.</summary>
        public static Parsed<RouteTableModel> BuildTable(
            ((ImmutableArray<EquatableArray<Parsed<RouteModel>>> Routes, ImmutableArray<Parsed<ConverterModel>> Converters) Left,
                ImmutableArray<EquatableArray<Parsed<ErrorHandlerModel>>> ErrorHandlers) input,
            CancellationToken cancellationToken)
        {
            // Problems of JSON types are found with every handler that reads or writes them: report each once.
            var diagnostics = input.Left.Routes.SelectMany(static r => r).SelectMany(static r => r.Diagnostics)
                .Concat(input.ErrorHandlers.SelectMany(static h => h).SelectMany(static h => h.Diagnostics))
                .Where(JsonModelBuilder.Reports)
                .Distinct()
                .OrderBy(static d => d.Location?.FilePath, StringComparer.Ordinal).ThenBy(static d => d.Location?.LineSpan.Start ?? default)
                .ToList();

            // Of two converters with one name the first declared is kept, whatever the order of the files.
            var converterByName = new Dictionary<string, ConverterModel>(StringComparer.Ordinal);
            foreach (var converter in input.Left.Converters.Select(static c => c.Model).OfType<ConverterModel>()
                         .OrderBy(static c => c.Location?.FilePath, StringComparer.Ordinal).ThenBy(static c => c.Location?.LineSpan.Start ?? default))
            {
                if (converterByName.TryGetValue(converter.Name, out var other))
                {
                    diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidRouteConverter, converter.Location, TypeName(converter.Type),
                        $"the name '{converter.Name}' is also used by {TypeName(other.Type)} at {other.Location?.Display}"));
                    continue;
                }

                converterByName[converter.Name] = converter;
            }

            var converters = converterByName.Values.OrderBy(static c => c.Name, StringComparer.Ordinal).ToList();

            var routes = new List<RouteModel>();
            var names = new Dictionary<string, RouteModel>(StringComparer.Ordinal);
            var urlMethods = new Dictionary<string, RouteModel>(StringComparer.Ordinal);
            foreach (var route in input.Left.Routes.SelectMany(static r => r).Select(static r => r.Model).OfType<RouteModel>()
                         .OrderBy(static r => r.FilePath, StringComparer.Ordinal).ThenBy(static r => r.Location?.LineSpan.Start ?? default))
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (!ConvertersFit(route, converterByName, diagnostics))
                {
                    continue;
                }

                if (route.Name is not null)
                {
                    var method = GeneratedCode.PascalCase(route.Name);
                    if (names.TryGetValue(route.Name, out var other) || urlMethods.TryGetValue(method, out other))
                    {
                        diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.DuplicateRouteName, route.Location, route.Name, other.Source));
                        continue;
                    }

                    names[route.Name] = route;
                    urlMethods[method] = route;
                }

                routes.Add(route);
            }

            var errorHandlers = new List<ErrorHandlerModel>();
            foreach (var handler in input.ErrorHandlers.SelectMany(static h => h).Select(static h => h.Model).OfType<ErrorHandlerModel>()
                         .OrderBy(static h => h.StatusCode)
                         .ThenBy(static h => h.Location?.FilePath, StringComparer.Ordinal).ThenBy(static h => h.Location?.LineSpan.Start ?? default))
            {
                var other = errorHandlers.FirstOrDefault(h => h.StatusCode == handler.StatusCode);
                if (other is not null)
                {
                    diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.DuplicateErrorHandler, handler.Location,
                        handler.StatusCode.ToString(System.Globalization.CultureInfo.InvariantCulture), other.Source));
                    continue;
                }

                errorHandlers.Add(handler);
            }

            var jsonTypes = routes.SelectMany(static r => r.Handlers).Concat(errorHandlers.Select(static h => h.Handler))
                .SelectMany(static h => h.JsonTypes)
                .GroupBy(static t => t.Type, StringComparer.Ordinal).Select(static g => g.First())
                .OrderBy(static t => t.Type, StringComparer.Ordinal);
            return new Parsed<RouteTableModel>(
                new RouteTableModel(routes.ToEquatableArray(), converters.ToEquatableArray(), errorHandlers.ToEquatableArray(), jsonTypes.ToEquatableArray()),
                diagnostics.ToEquatableArray());
        }

        /// <summary>Checks that every converter exists and that custom converters' values fit their parameters.</summary>
        private static bool ConvertersFit(RouteModel route, Dictionary<string, ConverterModel> converters, List<DiagnosticInfo> diagnostics)
        {
            var fits = true;
            foreach (var part in route.Parts.Where(static p => p.Converter is not null))
            {
                if (Array.IndexOf(RoutePatternSyntax.BuiltInConverters, part.Converter) >= 0)
                {
                    continue;
                }

                if (!converters.TryGetValue(part.Converter!, out var converter))
                {
                    diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.UnknownRouteConverter, route.Location, route.Pattern, part.Converter!));
                    fits = false;
                    continue;
                }

                foreach (var parameter in route.Handlers.SelectMany(static h => h.Parameters).Where(p => p.Source == BindingSource.Route && p.Key == part.Name))
                {
                    if (parameter.Type.TrimEnd('?') != converter.ValueType)
                    {
                        diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.RouteValueTypeMismatch, route.Location,
                            parameter.Name, Readable(parameter.Type), part.Converter!, Readable(converter.ValueType)));
                        fits = false;
                    }
                }
            }

            return fits;
        }

        private static HandlerModel? ParseHandler(
            IMethodSymbol method,
            SemanticModel semanticModel,
            string? verb,
            List<string> routeValues,
            Dictionary<string, string> converters,
            bool acceptsBody,
            string pattern,
            LocationInfo location,
            List<DiagnosticInfo> diagnostics)
        {
            var display = Display(method);
            var errorsBefore = diagnostics.Count(IsError);
            var parameters = new List<ParameterModel>();
            foreach (var parameter in method.Parameters)
            {
                var model = ParseParameter(parameter, display, routeValues, converters, acceptsBody, location, diagnostics);
                if (model is not null)
                {
                    parameters.Add(model);
                }
            }

            foreach (var value in routeValues.Where(v => !method.Parameters.Any(p => p.Name == v) && !parameters.Any(p => p.Source == BindingSource.Route && p.Key == v)))
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.RouteValueWithoutParameter, location, pattern, value, display));
            }

            if (ReturnProblem(method) is { } returnProblem)
            {
                var returnText = method.IsAsync && method.ReturnsVoid ? "async void" : method.ReturnType.ToDisplayString();
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.UnsupportedReturnType, location, display, returnText, returnProblem));
            }

            if (diagnostics.Count(IsError) > errorsBefore)
            {
                return null;
            }

            var json = new JsonModelBuilder(semanticModel.Compilation, location);
            foreach (var parameter in method.Parameters)
            {
                var source = parameters.First(p => p.Name == parameter.Name).Source;
                if (source == BindingSource.Body || (source == BindingSource.ServiceOrBody && acceptsBody))
                {
                    json.Add(parameter.Type);
                }
            }

            var result = ParseReturn(method.ReturnType, json);
            if (result.Kind == ReturnKind.Result)
            {
                AddResultFactoryValues(method, semanticModel, json);
            }

            if (result is { Kind: ReturnKind.Json, ValueType: "object" })
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.ObjectReturnType, location, display));
            }

            diagnostics.AddRange(json.Diagnostics);

            return new HandlerModel(FullName(method.ContainingType), method.Name, display, verb, parameters.ToEquatableArray(), result, json.Types);
        }

        private static ParameterModel? ParseParameter(
            IParameterSymbol parameter,
            string handler,
            List<string> routeValues,
            Dictionary<string, string> converters,
            bool acceptsBody,
            LocationInfo routeLocation,
            List<DiagnosticInfo> diagnostics)
        {
            var location = LocationInfo.From(parameter.Locations.FirstOrDefault()) ?? routeLocation;
            var type = parameter.Type;
            var typeName = FullName(type) + (type.IsReferenceType && parameter.NullableAnnotation == NullableAnnotation.Annotated ? "?" : "");
            var isNullable = parameter.NullableAnnotation == NullableAnnotation.Annotated
                || type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T };
            var defaultValue = parameter.HasExplicitDefaultValue ? DefaultValue(type, parameter.ExplicitDefaultValue) : null;
            var isOptional = isNullable || parameter.HasExplicitDefaultValue;

            ParameterModel Model(BindingSource source, string key, ParseModel? parse = null, bool isArray = false) =>
                new(parameter.Name, typeName, source, key, parse, isArray, isOptional, defaultValue);

            ParameterModel? Unsupported(string why)
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.UnsupportedParameter, location, parameter.Name, handler, why));
                return null;
            }

            if (UnbindableReason(parameter, "use a string, an array or a class") is { } unbindable)
            {
                return Unsupported(unbindable);
            }

            // An explicit source wins: ASP.NET Core's [FromQuery], [FromRoute], [FromHeader], [FromForm], [FromBody], [FromServices].
            foreach (var attribute in parameter.GetAttributes())
            {
                var attributeClass = attribute.AttributeClass;
                if (attributeClass is null)
                {
                    continue;
                }

                var key = NamedArgument<string>(attribute, "Name") ?? parameter.Name;
                if (Implements(attributeClass, KnownNames.FromRouteMetadata))
                {
                    return RouteParameter(key);
                }

                if (Implements(attributeClass, KnownNames.FromQueryMetadata))
                {
                    return TextParameter(BindingSource.Query, key);
                }

                if (Implements(attributeClass, KnownNames.FromHeaderMetadata))
                {
                    return TextParameter(BindingSource.Header, key);
                }

                if (Implements(attributeClass, KnownNames.FromFormMetadata))
                {
                    return FormParameter(key);
                }

                if (Implements(attributeClass, KnownNames.FromBodyMetadata))
                {
                    return OtherBodyReader(parameter) is { } conflict ? Unsupported(conflict) : Model(BindingSource.Body, parameter.Name);
                }

                if (Implements(attributeClass, KnownNames.FromServiceMetadata))
                {
                    return Model(BindingSource.Service, parameter.Name);
                }

                if (attributeClass.ToDisplayString() == KnownNames.FromKeyedServicesAttribute)
                {
                    return attribute.ConstructorArguments.Length == 1 && attribute.ConstructorArguments[0].Value is string serviceKey
                        ? Model(BindingSource.KeyedService, serviceKey)
                        : Unsupported("only string service keys are supported");
                }
            }

            switch (type.ToDisplayString(SymbolDisplayFormat.CSharpErrorMessageFormat.WithMiscellaneousOptions(SymbolDisplayMiscellaneousOptions.None)))
            {
                case KnownNames.HttpContext:
                    return Model(BindingSource.HttpContext, "");
                case KnownNames.HttpRequest:
                    return Model(BindingSource.HttpRequest, "");
                case KnownNames.HttpResponse:
                    return Model(BindingSource.HttpResponse, "");
                case KnownNames.CancellationToken:
                    return Model(BindingSource.CancellationToken, "");
                case KnownNames.ClaimsPrincipal:
                    return Model(BindingSource.User, "");
                case KnownNames.ErrorInfo:
                    return Model(BindingSource.ErrorInfo, "");
                case KnownNames.IFormCollection:
                    return Model(BindingSource.FormCollection, "");
                case KnownNames.IFormFileCollection:
                    return Model(BindingSource.FormFiles, "");
                case KnownNames.IFormFile:
                    return Model(BindingSource.FormFile, parameter.Name);
            }

            if (routeValues.Contains(parameter.Name))
            {
                return RouteParameter(parameter.Name);
            }

            if (ValueParsing.Classify(type) is not null || ArrayElement(type) is not null)
            {
                return TextParameter(BindingSource.Query, parameter.Name);
            }

            if (type.TypeKind is TypeKind.Interface || type.IsAbstract)
            {
                return Model(BindingSource.Service, parameter.Name);
            }

            // Without a body to read it from, a required complex type must be a service: checked when the endpoint is built.
            return Model(acceptsBody || !isOptional ? BindingSource.ServiceOrBody : BindingSource.Service, parameter.Name);

            ParameterModel? RouteParameter(string key)
            {
                if (!routeValues.Contains(key))
                {
                    return Unsupported($"the route has no value named '{key}'");
                }

                var parse = ValueParsing.Classify(type);
                if (converters.TryGetValue(key, out var converter) && Array.IndexOf(RoutePatternSyntax.BuiltInConverters, converter) >= 0)
                {
                    var fits = converter switch
                    {
                        "int" => parse is not null && ValueParsing.IsIntegerOrText(type),
                        "uuid" => parse is not null && (parse.Kind == ParseKind.String || parse.ValueType == "global::System.Guid"),
                        _ => parse is not null,
                    };
                    if (!fits)
                    {
                        var suggestion = converter switch
                        {
                            "int" => "int, long or string",
                            "uuid" => "Guid or string",
                            _ => "string or a type with a static TryParse method",
                        };
                        diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.RouteValueTypeMismatch, location, parameter.Name, type.ToDisplayString(), converter, suggestion));
                        return null;
                    }
                }
                else if (!converters.ContainsKey(key) && parse is null)
                {
                    return Unsupported("a regex group is text; use string or a type with a static TryParse method");
                }

                return Model(BindingSource.Route, key, parse);
            }

            ParameterModel? TextParameter(BindingSource source, string key)
            {
                if (ValueParsing.Classify(type) is { } parse)
                {
                    return Model(source, key, parse);
                }

                if (ArrayElement(type) is { } element)
                {
                    return Model(source, key, element, isArray: true);
                }

                return Unsupported($"{type.ToDisplayString()} can't be read from text; use a string, a number, an enum, a type with a static TryParse method, or an array of them");
            }

            ParameterModel? FormParameter(string key)
            {
                var typeText = type.ToDisplayString(SymbolDisplayFormat.CSharpErrorMessageFormat.WithMiscellaneousOptions(SymbolDisplayMiscellaneousOptions.None));
                if (typeText == KnownNames.IFormFile)
                {
                    return Model(BindingSource.FormFile, key);
                }

                return TextParameter(BindingSource.Form, key);
            }
        }

        /// <summary>Why <paramref name="parameter"/> ([FromBody]) can't read the body: an earlier [FromBody] or a form parameter reads it.</summary>
        private static string? OtherBodyReader(IParameterSymbol parameter)
        {
            if (parameter.ContainingSymbol is not IMethodSymbol method)
            {
                return null;
            }

            foreach (var other in method.Parameters)
            {
                if (other.Ordinal == parameter.Ordinal)
                {
                    continue;
                }

                var attributes = other.GetAttributes().Select(static a => a.AttributeClass).OfType<INamedTypeSymbol>().ToList();
                if (other.Ordinal < parameter.Ordinal && attributes.Any(static a => Implements(a, KnownNames.FromBodyMetadata)))
                {
                    return $"a request has one body, and parameter '{other.Name}' reads it already; put both in one type";
                }

                var typeText = other.Type.ToDisplayString(SymbolDisplayFormat.CSharpErrorMessageFormat.WithMiscellaneousOptions(SymbolDisplayMiscellaneousOptions.None));
                if (attributes.Any(static a => Implements(a, KnownNames.FromFormMetadata))
                    || typeText is KnownNames.IFormFile or KnownNames.IFormCollection or KnownNames.IFormFileCollection)
                {
                    return $"a request has one body, and parameter '{other.Name}' reads it as a form; read every value from the form or from JSON";
                }
            }

            return null;
        }

        /// <summary>Why generated code can't write what <paramref name="method"/> returns, or null when it can.</summary>
        private static string? ReturnProblem(IMethodSymbol method)
        {
            if (method.IsAsync && method.ReturnsVoid)
            {
                return "the response would be sent before it finishes; return Task";
            }

            if (method.ReturnType.IsRefLikeType)
            {
                return "a ref struct can't outlive the call or be serialized; return an array, a string or a record";
            }

            return method.ReturnType.TypeKind is TypeKind.Pointer or TypeKind.FunctionPointer
                ? "a pointer can't be written to a response; return the value it points to"
                : null;
        }

        private static ReturnModel ParseReturn(ITypeSymbol type, JsonModelBuilder json)
        {
            var awaitable = false;
            if (type is INamedTypeSymbol named)
            {
                var metadataName = named.IsGenericType
                    ? named.ContainingNamespace.ToDisplayString() + "." + named.MetadataName
                    : named.ToDisplayString();
                if (metadataName is KnownNames.Task or KnownNames.ValueTask)
                {
                    return new ReturnModel(ReturnKind.Void, true, null);
                }

                if (metadataName is KnownNames.TaskOfT or KnownNames.ValueTaskOfT)
                {
                    type = named.TypeArguments[0];
                    awaitable = true;
                }
            }

            if (type.SpecialType == SpecialType.System_Void)
            {
                return new ReturnModel(ReturnKind.Void, awaitable, null);
            }

            if (type.SpecialType == SpecialType.System_String)
            {
                return new ReturnModel(ReturnKind.String, awaitable, null);
            }

            if (IsResult(type))
            {
                AddResultValues(type, json);
                return new ReturnModel(ReturnKind.Result, awaitable, null);
            }

            json.Add(type);
            return new ReturnModel(ReturnKind.Json, awaitable, FullName(type));
        }

        private static bool IsResult(ITypeSymbol type) =>
            type.ToDisplayString() == KnownNames.IResult || type.AllInterfaces.Any(static i => i.ToDisplayString() == KnownNames.IResult);

        /// <summary>
        /// A handler declared to return <c>IResult</c> hides the values it writes; find them in its body's
        /// <c>TypedResults.Ok(value)</c> and <c>Results.Created(url, value)</c> calls.
        /// </summary>
        private static void AddResultFactoryValues(IMethodSymbol method, SemanticModel semanticModel, JsonModelBuilder json)
        {
            foreach (var reference in method.DeclaringSyntaxReferences)
            {
                var syntax = reference.GetSyntax();
                var model = syntax.SyntaxTree == semanticModel.SyntaxTree ? semanticModel : semanticModel.Compilation.GetSemanticModel(syntax.SyntaxTree);
                foreach (var invocation in syntax.DescendantNodes().OfType<Microsoft.CodeAnalysis.CSharp.Syntax.InvocationExpressionSyntax>())
                {
                    if (model.GetSymbolInfo(invocation).Symbol is IMethodSymbol { IsGenericMethod: true } called
                        && called.ContainingType?.ToDisplayString() is KnownNames.TypedResults or KnownNames.Results)
                    {
                        foreach (var argument in called.TypeArguments)
                        {
                            json.Add(argument);
                        }
                    }
                }
            }
        }

        /// <summary>Typed results (<c>Ok&lt;T&gt;</c>, <c>Created&lt;T&gt;</c>, unions of them) write their value as JSON through the app's options.</summary>
        private static void AddResultValues(ITypeSymbol type, JsonModelBuilder json)
        {
            foreach (var candidate in new[] { type }.Concat(type.AllInterfaces))
            {
                if (candidate is INamedTypeSymbol { IsGenericType: true } generic
                    && generic.ConstructedFrom.ContainingNamespace.ToDisplayString() + "." + generic.ConstructedFrom.MetadataName == KnownNames.IValueHttpResultOfT)
                {
                    json.Add(generic.TypeArguments[0]);
                }
            }

            if (type is INamedTypeSymbol { IsGenericType: true } union)
            {
                foreach (var argument in union.TypeArguments.Where(IsResult))
                {
                    AddResultValues(argument, json);
                }
            }
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

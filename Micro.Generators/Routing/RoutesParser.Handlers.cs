using System;
using System.Collections.Generic;
using System.Linq;
using Micro.Generators.Diagnostics;
using Micro.Generators.Json;
using Micro.Generators.Routing.Model;
using Micro.Generators.Shared;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using static Micro.Generators.Shared.Symbols;


namespace Micro.Generators.Routing
{
    internal static partial class RoutesParser
    {
        /// <summary>
        /// Reads the handlers of one route: how each parameter is bound, what the handler returns, and the JSON types it reads
        /// and writes. Holds what every part of that needs: the compilation's known types, the route's values and converters,
        /// and where to report problems.
        /// </summary>
        private sealed class HandlerReader(
            SemanticModel semanticModel,
            LocationInfo routeLocation,
            List<DiagnosticInfo> diagnostics,
            List<string> routeValues,
            Dictionary<string, string> converters,
            bool acceptsBody,
            string pattern,
            bool positional)
        {
            private readonly KnownTypes known = KnownTypes.For(semanticModel.Compilation);

            // A regex route without named groups: how many of its groups parameters have taken, in order.
            private int _positionalBound;

            public HandlerModel? Read(IMethodSymbol method, string? verb)
            {
                var display = Display(method);
                var errorsBefore = diagnostics.Count(IsError);
                var parameters = new List<ParameterModel>();
                foreach (var parameter in method.Parameters)
                {
                    var model = Parameter(parameter, display);
                    if (model is not null)
                    {
                        parameters.Add(model);
                    }
                }

                if (positional)
                {
                    var taken = routeValues.Count(v => parameters.Any(p => p.Source == BindingSource.Route && p.Key == v));
                    if (taken < routeValues.Count)
                    {
                        diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.PositionalGroupsWithoutParameters, routeLocation, pattern, routeValues.Count.ToString(System.Globalization.CultureInfo.InvariantCulture), display, taken.ToString(System.Globalization.CultureInfo.InvariantCulture)));
                    }
                }

                foreach (var value in routeValues.Where(v => !positional && !method.Parameters.Any(p => p.Name == v) && !parameters.Any(p => p.Source == BindingSource.Route && p.Key == v)))
                {
                    diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.RouteValueWithoutParameter, routeLocation, pattern, value, display));
                }

                if (ReturnProblem(method) is { } returnProblem)
                {
                    var returnText = method.IsAsync && method.ReturnsVoid ? "async void" : method.ReturnType.ToDisplayString();
                    diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.UnsupportedReturnType, routeLocation, display, returnText, returnProblem));
                }

                if (diagnostics.Count(IsError) > errorsBefore)
                {
                    return null;
                }

                var json = new JsonModelBuilder(semanticModel.Compilation, routeLocation);
                var validation = new List<ValidatedTypeModel>();
                foreach (var parameter in method.Parameters)
                {
                    var index = parameters.FindIndex(p => p.Name == parameter.Name);
                    var source = parameters[index].Source;
                    if (source == BindingSource.Body || (source == BindingSource.ServiceOrBody && acceptsBody))
                    {
                        json.Add(parameter.Type);
                        var checkedTypes = new BodyValidationReader(known, diagnostics).Read(parameter.Type);
                        if (checkedTypes.Count > 0)
                        {
                            validation.AddRange(checkedTypes);
                            parameters[index] = parameters[index] with { IsValidated = true };
                        }
                    }
                }

                if (parameters.Any(static p => p.Source == BindingSource.WebSocket))
                {
                    AddWebSocketJsonTypes(method, json);
                }

                var result = Return(method.ReturnType, json);
                if (result.Kind == ReturnKind.Result)
                {
                    AddResultFactoryValues(method, json);
                }

                if (result is { Kind: ReturnKind.Json, ValueType: "object" })
                {
                    diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.ObjectReturnType, routeLocation, display));
                }

                diagnostics.AddRange(json.Diagnostics);

                var documentation = Documentation.Read(method, default);
                for (var i = 0; i < parameters.Count; i++)
                {
                    if (documentation.Parameters.TryGetValue(parameters[i].Name, out var description))
                    {
                        parameters[i] = parameters[i] with { Description = description };
                    }
                }

                return new HandlerModel(FullName(method.ContainingType), method.Name, display, verb, parameters.ToEquatableArray(), result, json.Types, EquatableArray<AttributeModel>.Empty)
                {
                    Summary = documentation.Summary,
                    Responses = result.Kind == ReturnKind.Result && known.Awaited(method.ReturnType, out _) is { } declared ? TypedResponses(declared).ToEquatableArray() : EquatableArray<ResponseModel>.Empty,
                    Validation = validation.GroupBy(static t => t.Type, StringComparer.Ordinal).Select(static g => g.First()).OrderBy(static t => t.Type, StringComparer.Ordinal).ToEquatableArray(),
                    DelegateType = DelegateType(method),
                };
            }

            /// <summary>
            /// The <c>Func</c> or <c>Action</c> type a method group of <paramref name="method"/> converts to, or null when there is
            /// none: a generic or conditional method, a <c>ref</c>, <c>in</c> or <c>out</c> parameter, a <c>ref struct</c> or pointer
            /// in its signature, a by-reference return, more than 16 parameters.
            /// </summary>
            private static string? DelegateType(IMethodSymbol method)
            {
                static bool CanBeTypeArgument(ITypeSymbol type) =>
                    !type.IsRefLikeType && type.TypeKind is not (TypeKind.Pointer or TypeKind.FunctionPointer) && !type.IsStatic;

                if (method.IsGenericMethod || method.IsVararg || method.ReturnsByRef || method.ReturnsByRefReadonly || method.Parameters.Length > 16
                    || method.GetAttributes().Any(static a => a.AttributeClass?.ToDisplayString() == "System.Diagnostics.ConditionalAttribute")
                    || method.Parameters.Any(static p => p.RefKind != RefKind.None || !CanBeTypeArgument(p.Type))
                    || (!method.ReturnsVoid && !CanBeTypeArgument(method.ReturnType)))
                {
                    return null;
                }

                var types = method.Parameters.Select(static p => FullName(p.Type)).ToList();
                if (method.ReturnsVoid)
                {
                    return types.Count == 0 ? "global::System.Action" : $"global::System.Action<{string.Join(", ", types)}>";
                }

                types.Add(FullName(method.ReturnType));
                return $"global::System.Func<{string.Join(", ", types)}>";
            }

            /// <summary>
            /// The types a WebSocket route's class sends and receives as JSON (<c>socket.SendJsonAsync(message)</c>,
            /// <c>ReceiveJsonAsync&lt;ChatMessage&gt;()</c>, in the handler or its helpers), so that they have generated metadata.
            /// </summary>
            private void AddWebSocketJsonTypes(IMethodSymbol method, JsonModelBuilder json)
            {
                foreach (var reference in method.ContainingType.DeclaringSyntaxReferences)
                {
                    var syntax = reference.GetSyntax();
                    var model = syntax.SyntaxTree == semanticModel.SyntaxTree ? semanticModel : semanticModel.Compilation.GetSemanticModel(syntax.SyntaxTree);
                    foreach (var invocation in syntax.DescendantNodes().OfType<Microsoft.CodeAnalysis.CSharp.Syntax.InvocationExpressionSyntax>())
                    {
                        var name = invocation.Expression switch
                        {
                            Microsoft.CodeAnalysis.CSharp.Syntax.MemberAccessExpressionSyntax member => member.Name.Identifier.ValueText,
                            Microsoft.CodeAnalysis.CSharp.Syntax.MemberBindingExpressionSyntax binding => binding.Name.Identifier.ValueText,
                            _ => null,
                        };
                        if (name is "SendJsonAsync" or "ReceiveJsonAsync"
                            && model.GetSymbolInfo(invocation).Symbol is IMethodSymbol { TypeArguments.Length: 1 } called
                            && known.Is(called.ContainingType, KnownNames.WebSocketConnection)
                            && called.TypeArguments[0] is not ITypeParameterSymbol)
                        {
                            json.Add(called.TypeArguments[0]);
                        }
                    }
                }
            }

            private ParameterModel? Parameter(IParameterSymbol parameter, string handler)
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
                    if (known.Implements(attributeClass, KnownNames.FromRouteMetadata))
                    {
                        return RouteParameter(key);
                    }

                    if (known.Implements(attributeClass, KnownNames.FromQueryMetadata))
                    {
                        return TextParameter(BindingSource.Query, key);
                    }

                    if (known.Implements(attributeClass, KnownNames.FromHeaderMetadata))
                    {
                        return TextParameter(BindingSource.Header, key);
                    }

                    if (known.Implements(attributeClass, KnownNames.FromFormMetadata))
                    {
                        return FormParameter(key);
                    }

                    if (known.Implements(attributeClass, KnownNames.FromBodyMetadata))
                    {
                        return OtherBodyReader(parameter) is { } conflict ? Unsupported(conflict) : Model(BindingSource.Body, parameter.Name);
                    }

                    if (known.Implements(attributeClass, KnownNames.FromServiceMetadata))
                    {
                        return Model(BindingSource.Service, parameter.Name);
                    }

                    if (known.Is(attributeClass, KnownNames.FromKeyedServicesAttribute))
                    {
                        return attribute.ConstructorArguments.Length == 1 && attribute.ConstructorArguments[0].Value is string serviceKey
                            ? Model(BindingSource.KeyedService, serviceKey)
                            : Unsupported("only string service keys are supported");
                    }
                }

                if (IsForm(type))
                {
                    return Model(BindingSource.BoundForm, parameter.Name);
                }

                var requestType = known.Which(type, KnownNames.HttpContext, KnownNames.HttpRequest, KnownNames.HttpResponse, KnownNames.CancellationToken,
                    KnownNames.ClaimsPrincipal, KnownNames.ErrorInfo, KnownNames.IFormCollection, KnownNames.IFormFileCollection, KnownNames.IFormFile,
                    KnownNames.Session, KnownNames.CurrentUser, KnownNames.WebSocketConnection, KnownNames.ResolverMatch);
                switch (requestType)
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
                    case KnownNames.Session:
                        return Model(BindingSource.Session, "");
                    case KnownNames.CurrentUser:
                        return Model(BindingSource.CurrentUser, "");
                    case KnownNames.ResolverMatch:
                        return Model(BindingSource.ResolverMatch, "");
                    case KnownNames.WebSocketConnection:
                        return Model(BindingSource.WebSocket, "");
                }

                if (positional && _positionalBound < routeValues.Count && known.Parsing.Classify(type) is not null)
                {
                    // Django passes the groups of a regex without named groups positionally: to the parameters read from text, in order.
                    return RouteParameter(routeValues[_positionalBound++]);
                }

                if (!positional && routeValues.Contains(parameter.Name))
                {
                    return RouteParameter(parameter.Name);
                }

                if (known.Parsing.Classify(type) is not null || known.Parsing.ArrayElement(type) is not null)
                {
                    return TextParameter(BindingSource.Query, parameter.Name);
                }

                if (type.TypeKind is TypeKind.Interface || type.IsAbstract)
                {
                    return Model(BindingSource.Service, parameter.Name);
                }

                // Without a body to read it from, a required complex type must be a service: checked when the endpoint is built.
                return Model(acceptsBody || !isOptional ? BindingSource.ServiceOrBody : BindingSource.Service, parameter.Name) with
                {
                    IsAppType = type.Locations.Any(static l => l.IsInSource),
                };

                ParameterModel? RouteParameter(string key)
                {
                    if (!routeValues.Contains(key))
                    {
                        return Unsupported($"the route has no value named '{key}'");
                    }

                    var parse = known.Parsing.Classify(type);
                    if (converters.TryGetValue(key, out var converter) && Array.IndexOf(RoutePatternSyntax.BuiltInConverters, converter) >= 0)
                    {
                        var fits = converter switch
                        {
                            "int" => parse is not null && known.Parsing.IsIntegerOrText(type),
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
                    if (known.Parsing.Classify(type) is { } parse)
                    {
                        return Model(source, key, parse);
                    }

                    if (known.Parsing.ArrayElement(type) is { } element)
                    {
                        return Model(source, key, element, isArray: true);
                    }

                    return Unsupported($"{type.ToDisplayString()} can't be read from text; use a string, a number, an enum, a type with a static TryParse method, or an array of them");
                }

                ParameterModel? FormParameter(string key)
                {
                    if (known.Is(type, KnownNames.IFormFile))
                    {
                        return Model(BindingSource.FormFile, key);
                    }

                    if (IsForm(type))
                    {
                        return Model(BindingSource.BoundForm, parameter.Name);
                    }

                    return TextParameter(BindingSource.Form, key);
                }
            }

            /// <summary>Why <paramref name="parameter"/> ([FromBody]) can't read the body: an earlier [FromBody] or a form parameter reads it.</summary>
            private string? OtherBodyReader(IParameterSymbol parameter)
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
                    if (other.Ordinal < parameter.Ordinal && attributes.Any(a => known.Implements(a, KnownNames.FromBodyMetadata)))
                    {
                        return $"a request has one body, and parameter '{other.Name}' reads it already; put both in one type";
                    }

                    if (attributes.Any(a => known.Implements(a, KnownNames.FromFormMetadata))
                        || known.Which(other.Type, KnownNames.IFormFile, KnownNames.IFormCollection, KnownNames.IFormFileCollection) is not null
                        || IsForm(other.Type))
                    {
                        return $"a request has one body, and parameter '{other.Name}' reads it as a form; read every value from the form or from JSON";
                    }
                }

                return null;
            }

            /// <summary>A <c>[Form]</c> class (or its nullable form): bound from the posted form by its generated code.</summary>
            private bool IsForm(ITypeSymbol type) => type is INamedTypeSymbol named && known.HasAttribute(named, KnownNames.FormAttribute);

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

            private ReturnModel Return(ITypeSymbol type, JsonModelBuilder json)
            {
                var awaited = known.Awaited(type, out var awaitable);
                if (awaited is null)
                {
                    return new ReturnModel(ReturnKind.Void, awaitable, null);
                }

                type = awaited;
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

                // A stream of values (or of SseItem<T>, with event names, ids and retry) is sent as server-sent events.
                if (known.Is(type, KnownNames.IAsyncEnumerable) && type is INamedTypeSymbol { TypeArguments.Length: 1 } stream)
                {
                    var item = stream.TypeArguments[0];
                    var data = known.Is(item, KnownNames.SseItem) && item is INamedTypeSymbol { TypeArguments.Length: 1 } sse ? sse.TypeArguments[0] : item;
                    if (data.SpecialType == SpecialType.System_String)
                    {
                        return new ReturnModel(ReturnKind.EventStream, awaitable, null);
                    }

                    json.Add(data);
                    return new ReturnModel(ReturnKind.EventStream, awaitable, FullName(data));
                }

                json.Add(type);
                return new ReturnModel(ReturnKind.Json, awaitable, FullName(type));
            }

            private bool IsResult(ITypeSymbol type) => known.Implements(type, KnownNames.IResult);

            /// <summary>
            /// The statuses (and values) of ASP.NET Core's typed results, as its OpenAPI support reads them: <c>Ok&lt;T&gt;</c> is a 200
            /// with a T, <c>NotFound</c> a 404, a <c>Results&lt;...&gt;</c> union each of its cases. Other results declare nothing.
            /// </summary>
            private List<ResponseModel> TypedResponses(ITypeSymbol type)
            {
                var responses = new List<ResponseModel>();
                if (type is not INamedTypeSymbol named || named.ContainingNamespace?.ToDisplayString() != "Microsoft.AspNetCore.Http.HttpResults")
                {
                    return responses;
                }

                if (named.Name == "Results")
                {
                    foreach (var argument in named.TypeArguments)
                    {
                        responses.AddRange(TypedResponses(argument).Where(r => !responses.Any(o => o.Status == r.Status)));
                    }

                    return responses;
                }

                var status = named.Name switch
                {
                    "Ok" or "JsonHttpResult" or "ContentHttpResult" or "FileContentHttpResult" => 200,
                    "Created" or "CreatedAtRoute" => 201,
                    "Accepted" or "AcceptedAtRoute" => 202,
                    "NoContent" => 204,
                    "RedirectHttpResult" => 302,
                    "BadRequest" or "ValidationProblem" => 400,
                    "UnauthorizedHttpResult" => 401,
                    "ForbidHttpResult" => 403,
                    "NotFound" => 404,
                    "Conflict" => 409,
                    "UnprocessableEntity" => 422,
                    "InternalServerError" => 500,
                    _ => 0,
                };
                if (status != 0)
                {
                    var value = named.TypeArguments.Length == 1 ? FullName(named.TypeArguments[0]) : null;
                    responses.Add(new ResponseModel(status, named.Name == "ValidationProblem" ? "ValidationProblem" : value));
                }

                return responses;
            }

            /// <summary>
            /// A handler declared to return <c>IResult</c> hides the values it writes; find them in its body's
            /// <c>TypedResults.Ok(value)</c> and <c>Results.Created(url, value)</c> calls.
            /// </summary>
            private void AddResultFactoryValues(IMethodSymbol method, JsonModelBuilder json)
            {
                foreach (var reference in method.DeclaringSyntaxReferences)
                {
                    var syntax = reference.GetSyntax();
                    var model = syntax.SyntaxTree == semanticModel.SyntaxTree ? semanticModel : semanticModel.Compilation.GetSemanticModel(syntax.SyntaxTree);
                    foreach (var invocation in syntax.DescendantNodes().OfType<Microsoft.CodeAnalysis.CSharp.Syntax.InvocationExpressionSyntax>())
                    {
                        if (model.GetSymbolInfo(invocation).Symbol is IMethodSymbol { IsGenericMethod: true } called
                            && known.Which(called.ContainingType, KnownNames.TypedResults, KnownNames.Results) is not null)
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
            private void AddResultValues(ITypeSymbol type, JsonModelBuilder json)
            {
                foreach (var candidate in new[] { type }.Concat(type.AllInterfaces))
                {
                    if (candidate is INamedTypeSymbol { IsGenericType: true } generic
                        && known.Is(generic, KnownNames.IValueHttpResultOfT))
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
        }
    }
}

using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Micro.Generators.Routing.Model;
using Micro.Generators.Shared;

namespace Micro.Generators.Routing
{
    /// <summary>Writes the URL table (routes with their request delegates, error handlers) and the typed <c>Urls</c> class.</summary>
    internal static partial class RoutesEmitter
    {
        public const string RoutesHintName = "Micro.Routing.MicroRoutes.g.cs";
        public const string UrlsHintName = "Micro.Routing.Urls.g.cs";

        private const string Http = "global::Microsoft.AspNetCore.Http";
        private const string Binding = "global::Micro.Routing.RequestBinding";
        private const string Writer = "global::Micro.Routing.ResponseWriter";
        private const string Services = "global::Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions";
        private const string KeyedServices = "global::Microsoft.Extensions.DependencyInjection.ServiceProviderKeyedServiceExtensions";
        private const string Task = "global::System.Threading.Tasks.Task";

        public static string EmitRoutes(RouteTableModel table)
        {
            var writer = new SourceWriter().FileHeader();
            writer.Line("namespace Micro.Generated").OpenBrace();
            writer.Line("/// <summary>The app's URL table: built once, shared by every host that serves the app.</summary>");
            writer.Line(GeneratedCode.Attribute);
            writer.Line("internal static class MicroRoutes").OpenBrace();

            foreach (var converter in table.Converters)
            {
                writer.Line($"private static readonly {converter.Type} {ConverterField(converter.Name)} = new {converter.Type}();");
            }

            if (table.Converters.Count > 0)
            {
                writer.Line();
            }

            writer.Line("public static readonly global::Micro.Routing.RouteTable Table = global::Micro.Routing.RouteTable.FromData(");
            writer.Indentation++;
            writer.Line("routes: Routes,");
            writer.Line(table.Converters.Count == 0
                ? "converters: global::System.Array.Empty<(string, global::Micro.RouteConverter)>(),"
                : $"converters: new (string, global::Micro.RouteConverter)[] {{ {string.Join(", ", table.Converters.Select(static c => $"({GeneratedCode.Literal(c.Name)}, {ConverterField(c.Name)})"))} }},");
            writer.Line("createRequestDelegate: CreateRequestDelegate,");
            writer.Line(table.Routes.Any(static r => r.Metadata.Count > 0) ? "metadata: Metadata," : "metadata: null,");
            writer.Line(table.Routes.Any(static r => r.Reversals.Count > 0) ? "reversals: Reversals," : "reversals: null,");
            var openApi = EmitOpenApi(table);
            var end = openApi is null ? ");" : ",";
            if (table.ErrorHandlers.Count == 0)
            {
                writer.Line($"errorHandlers: global::System.Array.Empty<global::Micro.Routing.ErrorHandlerDefinition>(){end}");
            }
            else
            {
                writer.Line("errorHandlers: new global::Micro.Routing.ErrorHandlerDefinition[]").OpenBrace();
                foreach (var handler in table.ErrorHandlers)
                {
                    var status = handler.StatusCode.ToString(CultureInfo.InvariantCulture);
                    writer.Line($"new global::Micro.Routing.ErrorHandlerDefinition({status}, {GeneratedCode.Literal(handler.Handler.DisplayName)}, CreateErrorHandler{status}),");
                }

                writer.CloseBrace(end);
            }

            if (openApi is not null)
            {
                writer.Line("openApi: OpenApi);");
            }

            writer.Indentation--;
            if (openApi is not null)
            {
                // The OpenAPI document of the JSON routes; property names marked \u001f are the JSON naming policy's to decide.
                writer.Line();
                writer.Line("private const string OpenApi = \"\"\"\"");
                foreach (var line in openApi.TrimEnd('\n').Split('\n'))
                {
                    writer.Line(line);
                }

                writer.Line("\"\"\"\";");
            }

            writer.Line();
            EmitRouteData(writer, table);
            var shared = SharedFactories(table);
            var sharedByRoute = shared.SelectMany(static f => f.Routes, static (f, route) => (f, route)).ToDictionary(static p => p.route, static p => p.f);
            for (var i = 0; i < table.Routes.Count; i++)
            {
                writer.Line();
                if (sharedByRoute.TryGetValue(i, out var factory))
                {
                    EmitSharedRouteFactory(writer, table.Routes[i], i, factory);
                }
                else
                {
                    EmitRouteFactory(writer, table.Routes[i], i, table);
                }
            }

            foreach (var factory in shared)
            {
                writer.Line();
                EmitSharedFactory(writer, factory);
            }

            foreach (var handler in table.ErrorHandlers)
            {
                writer.Line();
                var name = "CreateErrorHandler" + handler.StatusCode.ToString(CultureInfo.InvariantCulture);
                writer.Line($"private static {Http}.RequestDelegate {name}(global::System.IServiceProvider services)").OpenBrace();
                EmitHandlerBody(writer, handler.Handler, "Handle", acceptsBody: false, table, new List<string>());
                writer.Line("return Handle;");
                writer.CloseBrace();
            }

            writer.CloseBrace();
            writer.CloseBrace();
            return writer.ToString();
        }

        /// <summary>
        /// Writes the routes as data (<c>RouteTable.FromData</c> reads it), one line a route, and code only for what data can't
        /// hold: a switch from a route's index to its factory, its endpoint metadata, its ways of reversing. A constructor call
        /// per route would make one initializer as large as the app, which the JIT compiles before the first request.
        /// </summary>
        private static void EmitRouteData(SourceWriter writer, RouteTableModel table)
        {
            writer.Line("// One route a line: pattern, path or regex, regex, name, methods, order, handler, source, parts, namespace,");
            writer.Line("// application namespace, and whether its request delegate is made on the first request.");
            // UTF-8 (half a string's size for ASCII, kept as bytes); a string when a pattern holds a lone surrogate, which UTF-8 can't.
            var records = table.Routes.Select(RouteRecord).ToList();
            var utf8 = records.All(static record => LoneSurrogate(record) < 0);
            var suffix = utf8 ? "u8" : "";
            writer.Line(utf8 ? "private static global::System.ReadOnlySpan<byte> Routes =>" : "private const string Routes =").Indentation++;
            if (records.Count == 0)
            {
                writer.Line($"\"\"{suffix};");
            }

            for (var i = 0; i < records.Count; i++)
            {
                var last = i == records.Count - 1;
                writer.Line(GeneratedCode.Literal(records[i] + (last ? "" : "\u001e")) + suffix + (last ? ";" : " +"));
            }

            writer.Indentation--;

            writer.Line();
            writer.Line($"private static {Http}.RequestDelegate CreateRequestDelegate(int route, global::System.IServiceProvider services) => route switch").OpenBrace();
            for (var i = 0; i < table.Routes.Count; i++)
            {
                var index = i.ToString(CultureInfo.InvariantCulture);
                writer.Line($"{index} => CreateRoute{index}(services),");
            }

            writer.Line("_ => throw new global::System.ArgumentOutOfRangeException(nameof(route)),");
            writer.CloseBrace(";");
            EmitRouteSwitch(writer, table, "object[]? Metadata", static route => route.Metadata.Count == 0
                ? null
                : $"new object[] {{ {string.Join(", ", route.Metadata.Select(static m => m.Expression))} }}");
            // Django's normalize of a regex route's expression: the ways it can be reversed, tried in this order.
            EmitRouteSwitch(writer, table, "global::Micro.Routing.RoutePart[][]? Reversals", static route => route.Reversals.Count == 0
                ? null
                : $"new global::Micro.Routing.RoutePart[][] {{ {string.Join(", ", route.Reversals.Select(static reversal => PartsExpression(reversal)))} }}");
        }

        /// <summary>A method from a route's index to a value only some routes have, when any has it.</summary>
        private static void EmitRouteSwitch(SourceWriter writer, RouteTableModel table, string signature, Func<RouteModel, string?> value)
        {
            var cases = table.Routes.Select((route, index) => (Index: index, Value: value(route))).Where(static c => c.Value is not null).ToList();
            if (cases.Count == 0)
            {
                return;
            }

            writer.Line();
            writer.Line($"private static {signature}(int route) => route switch").OpenBrace();
            foreach (var (index, expression) in cases)
            {
                writer.Line($"{index.ToString(CultureInfo.InvariantCulture)} => {expression},");
            }

            writer.Line("_ => null,");
            writer.CloseBrace(";");
        }

        /// <summary>
        /// The index of the first lone surrogate (which neither UTF-8 nor XML can hold) in <paramref name="text"/> at or after
        /// <paramref name="start"/>, or -1.
        /// </summary>
        private static int LoneSurrogate(string text, int start = 0)
        {
            for (var i = start; i < text.Length; i++)
            {
                if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
                {
                    i++;
                }
                else if (char.IsSurrogate(text[i]))
                {
                    return i;
                }
            }

            return -1;
        }

        /// <summary>A route's fields as <c>RouteTable.FromData</c> reads them.</summary>
        private static string RouteRecord(RouteModel route)
        {
            const string Null = "\0";
            var parts = route.IsRegex
                ? ""
                : string.Join("\u001d", route.Parts.Select(static part => part.IsLiteral ? "'" + EscapeData(part.Literal) : EscapeData(part.Name) + ":" + EscapeData(part.Converter)));
            var fields = new[]
            {
                EscapeData(route.Pattern),
                route.IsRegex ? "regex" : "path",
                route.Regex is null ? Null : EscapeData(route.Regex),
                route.Name is null ? Null : EscapeData(route.Name),
                EscapeData(string.Join(",", route.Methods)),
                route.Order.ToString(CultureInfo.InvariantCulture),
                EscapeData(route.Handler),
                EscapeData(route.Source),
                parts,
                route.Namespace is null ? Null : EscapeData(route.Namespace),
                route.AppName is null ? Null : EscapeData(route.AppName),
                route.Handlers.Any(PreparesOnCreate) ? "eager" : "lazy",
            };
            return string.Join("\u001f", fields);
        }

        /// <summary>
        /// The characters the route data uses itself: the escape, its separators (part, route, field) and the null mark, in
        /// the order of the digit each is written with. <c>RouteTable</c> in Micro.Runtime reads them back in the same order.
        /// </summary>
        private const string DataSpecials = "\u001b\u001d\u001e\u001f\0";

        /// <summary>
        /// A value of the route data with the characters the data uses itself written as U+001B and a digit (their place in
        /// <see cref="DataSpecials"/>), which <c>RouteTable.FromData</c> reads back: a pattern may hold any character.
        /// </summary>
        private static string EscapeData(string? value)
        {
            if (value is null)
            {
                return "";
            }

            var text = new System.Text.StringBuilder(value.Length);
            foreach (var ch in value)
            {
                var special = DataSpecials.IndexOf(ch);
                if (special < 0)
                {
                    text.Append(ch);
                }
                else
                {
                    text.Append(DataSpecials[0]).Append((char)('0' + special));
                }
            }

            return text.ToString();
        }

        /// <summary>Whether a handler's factory prepares something once (JSON metadata, a service check, authorization), which can fail.</summary>
        private static bool PreparesOnCreate(HandlerModel handler) =>
            handler.Return is { Kind: ReturnKind.Json or ReturnKind.EventStream, ValueType: not null }
            || handler.HasOwnAuthorization
            || handler.Parameters.Any(static p => p.Source is BindingSource.Body or BindingSource.ServiceOrBody);

        private static string PartsExpression(IEnumerable<PatternPart> parts) =>
            $"new global::Micro.Routing.RoutePart[] {{ {string.Join(", ", parts.Select(PartExpression))} }}";

        private static string PartExpression(PatternPart part) =>
            part.IsLiteral ? $"global::Micro.Routing.RoutePart.Literal({GeneratedCode.Literal(part.Literal)})"
            : part.Converter is not null ? $"global::Micro.Routing.RoutePart.Parameter({GeneratedCode.Literal(part.Name)}, {ConverterExpression(part.Converter)})"
            : part.IsBackreference ? $"global::Micro.Routing.RoutePart.Backreference({GeneratedCode.Literal(part.Name)})"
            : $"global::Micro.Routing.RoutePart.Group({GeneratedCode.Literal(part.Name)}, {GeneratedCode.Literal(part.GroupRegex)})";

        /// <summary>A factory that routes binding the same way share, each passing its own handler.</summary>
        private sealed class SharedFactory(int index, string delegateType, string body, List<int> routes)
        {
            public int Index { get; } = index;

            public string DelegateType { get; } = delegateType;

            /// <summary>The factory's body, which calls <c>handler</c>.</summary>
            public string Body { get; } = body;

            /// <summary>The indexes of the routes that share it.</summary>
            public List<int> Routes { get; } = routes;

            public string Name => "CreateShared" + Index.ToString(CultureInfo.InvariantCulture);
        }

        /// <summary>
        /// Routes whose request delegates would be the same code but for the method they call (the same parameters bound the
        /// same way, the same kind of result), by route index: each such group shares one factory that takes the handler as a
        /// delegate, as the Request Delegate Generator shares one per handler shape. Without it every route of a large table
        /// carries its own copy of the binding code (about 1 KB of a native binary each). A handler that takes nothing keeps its
        /// own factory, which is no larger than a call to a shared one.
        /// </summary>
        private static List<SharedFactory> SharedFactories(RouteTableModel table)
        {
            var groups = new Dictionary<(string DelegateType, string Body), List<int>>();
            var order = new List<(string DelegateType, string Body)>();
            for (var i = 0; i < table.Routes.Count; i++)
            {
                var route = table.Routes[i];
                // A handler that takes nothing has nothing bound to share: its factory is one call either way.
                if (route.Handlers.Count != 1 || route.Handlers[0] is not { Verb: null, DelegateType: { } delegateType, Parameters.Count: > 0 } handler)
                {
                    continue;
                }

                var body = new SourceWriter();
                EmitHandlerBody(body, handler, "Handle", AcceptsBody(route), table, RouteValues(route), route, callee: "handler");
                var key = (delegateType, body.ToString());
                if (!groups.TryGetValue(key, out var routes))
                {
                    groups.Add(key, routes = new List<int>());
                    order.Add(key);
                }

                routes.Add(i);
            }

            return order
                .Where(key => groups[key].Count > 1)
                .Select((key, index) => new SharedFactory(index, key.DelegateType, key.Body, groups[key]))
                .ToList();
        }

        /// <summary>
        /// A route's factory that passes its handler to the factory it shares. The method group is converted outside a nullable
        /// context: the delegate type is written without nullable annotations, which the handler's own may not match.
        /// </summary>
        private static void EmitSharedRouteFactory(SourceWriter writer, RouteModel route, int index, SharedFactory factory)
        {
            var handler = route.Handlers[0];
            writer.Line($"// {OneLine(route.Source)}: {OneLine(route.Pattern)} => {route.Handler}");
            writer.Line("#nullable disable");
            writer.Line($"private static {Http}.RequestDelegate CreateRoute{index.ToString(CultureInfo.InvariantCulture)}(global::System.IServiceProvider services) =>");
            writer.Indentation++;
            writer.Line($"{factory.Name}(services, new {factory.DelegateType}({handler.ContainingType}.{handler.MethodName}));");
            writer.Indentation--;
            writer.Line("#nullable enable");
        }

        private static void EmitSharedFactory(SourceWriter writer, SharedFactory factory)
        {
            writer.Line($"// The request delegate of {factory.Routes.Count.ToString(CultureInfo.InvariantCulture)} routes, which bind the same way and call their own handler.");
            writer.Line($"private static {Http}.RequestDelegate {factory.Name}(global::System.IServiceProvider services, {factory.DelegateType} handler)").OpenBrace();
            writer.Lines(factory.Body.TrimEnd('\n'));
            writer.Line();
            writer.Line("return Handle;");
            writer.CloseBrace();
        }

        /// <summary>The names of a route's values, in the order of its pattern.</summary>
        private static List<string> RouteValues(RouteModel route) => route.Parts.Where(static p => !p.IsLiteral).Select(static p => p.Name!).ToList();

        /// <summary>Whether a route takes a method that carries a body, so that a parameter may be read from it.</summary>
        private static bool AcceptsBody(RouteModel route) => route.Methods.Any(static m => m is "POST" or "PUT" or "PATCH");

        private static void EmitRouteFactory(SourceWriter writer, RouteModel route, int index, RouteTableModel table)
        {
            var routeValues = RouteValues(route);
            writer.Line($"// {OneLine(route.Source)}: {OneLine(route.Pattern)} => {route.Handler}");
            writer.Line($"private static {Http}.RequestDelegate CreateRoute{index.ToString(CultureInfo.InvariantCulture)}(global::System.IServiceProvider services)").OpenBrace();
            var acceptsBody = AcceptsBody(route);
            if (route.Handlers.Count == 1 && route.Handlers[0].Verb is null)
            {
                EmitHandlerBody(writer, route.Handlers[0], "Handle", acceptsBody, table, routeValues, route);
                writer.Line("return Handle;");
                writer.CloseBrace();
                return;
            }

            // A class-based view: one handler per verb, dispatched on the request method.
            foreach (var handler in route.Handlers)
            {
                EmitHandlerBody(writer, handler, "Handle" + GeneratedCode.PascalCase(handler.Verb!.ToLowerInvariant()), handler.Verb is "POST" or "PUT" or "PATCH", table, routeValues, route);
            }

            writer.Line("return context => context.Request.Method switch").OpenBrace();
            var hasHead = route.Handlers.Any(static h => h.Verb == "HEAD");
            foreach (var handler in route.Handlers)
            {
                var function = "Handle" + GeneratedCode.PascalCase(handler.Verb!.ToLowerInvariant());
                var match = handler.Verb == "GET" && !hasHead ? "\"GET\" or \"HEAD\"" : GeneratedCode.Literal(handler.Verb);
                writer.Line($"{match} => {function}(context),");
            }

            if (!route.Handlers.Any(static h => h.Verb == "OPTIONS"))
            {
                writer.Line($"\"OPTIONS\" => {Writer}.Options(context, {GeneratedCode.Literal(string.Join(", ", route.Methods))}),");
            }

            writer.Line($"_ => {Binding}.Fail(context, 405, null),");
            writer.CloseBrace(";");
            writer.CloseBrace();
        }

        /// <summary>
        /// Writes the preparation done once (service checks, JSON metadata) and a local function that
        /// binds the parameters, calls the handler and writes its result.
        /// </summary>
        private static void EmitHandlerBody(
            SourceWriter writer,
            HandlerModel handler,
            string function,
            bool acceptsBody,
            RouteTableModel table,
            List<string> routeValues,
            RouteModel? route = null,
            string? callee = null)
        {
            var parameters = handler.Parameters;
            var isAsync = handler.Return.IsAwaitable || handler.HasOwnAuthorization || parameters.Any(p =>
                p.Source is BindingSource.Body or BindingSource.Form or BindingSource.FormFile or BindingSource.FormFiles or BindingSource.FormCollection or BindingSource.BoundForm or BindingSource.WebSocket
                || (p.Source == BindingSource.ServiceOrBody && acceptsBody));
            var prefix = GeneratedCode.Identifier(function.Substring("Handle".Length).ToLowerInvariant());
            string Var(string name) => (prefix.Length > 0 && prefix != "_" ? prefix + "_" : "") + name;

            // Once, when the endpoint is built.
            foreach (var parameter in parameters)
            {
                switch (parameter.Source)
                {
                    case BindingSource.Body:
                        writer.Line($"var {Var("json_" + parameter.Name)} = {Binding}.JsonTypeInfo<{NonNullable(parameter.Type)}>(services);");
                        break;
                    case BindingSource.ServiceOrBody:
                        writer.Line($"var {Var("isService_" + parameter.Name)} = {Binding}.IsService(services, typeof({NonNullable(parameter.Type)}));");
                        if (acceptsBody)
                        {
                            writer.Line($"var {Var("json_" + parameter.Name)} = {Var("isService_" + parameter.Name)} ? null : {Binding}.JsonTypeInfo<{NonNullable(parameter.Type)}>(services);");
                        }
                        else
                        {
                            writer.Line($"if (!{Var("isService_" + parameter.Name)})").OpenBrace();
                            writer.Line($"throw new global::System.InvalidOperationException({GeneratedCode.Literal($"{handler.DisplayName}: parameter '{parameter.Name}' has type {parameter.Type}, which is not a registered service, and this route reads no request body (GET). Register the service, or mark the parameter [FromBody] and accept POST, PUT or PATCH.")});");
                            writer.CloseBrace();
                        }

                        break;
                }
            }

            if (handler.Return is { Kind: ReturnKind.Json or ReturnKind.EventStream, ValueType: not null })
            {
                writer.Line($"var {Var("jsonResult")} = {Binding}.JsonTypeInfo<{handler.Return.ValueType}>(services);");
            }

            if (handler.HasOwnAuthorization)
            {
                writer.Line($"var {Var("authorization")} = global::Micro.Routing.RouteAuthorization.Create(services, new object[] {{ {string.Join(", ", handler.Metadata.Select(static m => m.Expression))} }});");
            }

            if (PreparesOnCreate(handler))
            {
                writer.Line();
            }

            writer.Line($"{(isAsync ? "async " : "")}{Task} {function}({Http}.HttpContext context)").OpenBrace();
            if (handler.HasOwnAuthorization)
            {
                // The verb's own [Authorize], [LoginRequired]...: a challenge or a 403 ends the request here.
                writer.Line($"if (!await {Var("authorization")}.AuthorizeAsync(context))").OpenBrace().Line("return;").CloseBrace();
                writer.Line();
            }
            // Ends the request with a failure response: returned by a synchronous handler, awaited by an async one.
            void Fail(string call)
            {
                writer.OpenBrace();
                if (isAsync)
                {
                    writer.Line($"await {call};");
                    writer.Line("return;");
                }
                else
                {
                    writer.Line($"return {call};");
                }

                writer.CloseBrace();
            }

            var formRead = false;
            foreach (var parameter in parameters)
            {
                var local = "p_" + parameter.Name;
                switch (parameter.Source)
                {
                    case BindingSource.Route:
                        EmitRouteValue(writer, parameter, local, table, route, Fail);
                        break;
                    case BindingSource.Query:
                        EmitText(writer, parameter, local, $"context.Request.Query[{GeneratedCode.Literal(parameter.Key)}]", "query string", Fail);
                        break;
                    case BindingSource.Header:
                        EmitText(writer, parameter, local, $"context.Request.Headers[{GeneratedCode.Literal(parameter.Key)}]", "header", Fail);
                        break;
                    case BindingSource.Form:
                    case BindingSource.FormFile:
                    case BindingSource.FormFiles:
                    case BindingSource.FormCollection:
                        if (!formRead)
                        {
                            writer.Line($"var form = await {Binding}.ReadFormAsync(context, {GeneratedCode.Literal(parameter.Key.Length > 0 ? parameter.Key : parameter.Name)});");
                            writer.Line("if (form is null) return;");
                            formRead = true;
                        }

                        if (parameter.Source == BindingSource.Form)
                        {
                            EmitText(writer, parameter, local, $"form[{GeneratedCode.Literal(parameter.Key)}]", "form", Fail);
                        }
                        else if (parameter.Source == BindingSource.FormFile)
                        {
                            writer.Line($"var {local} = form.Files.GetFile({GeneratedCode.Literal(parameter.Key)});");
                            if (!parameter.IsOptional)
                            {
                                writer.Line($"if ({local} is null)");
                                Fail($"{Binding}.Missing(context, \"form file\", {GeneratedCode.Literal(parameter.Key)}, \"an uploaded file\")");
                            }
                        }
                        else
                        {
                            writer.Line($"var {local} = {(parameter.Source == BindingSource.FormFiles ? "form.Files" : "form")};");
                        }

                        break;
                    case BindingSource.BoundForm:
                        writer.Line($"var {local} = await global::Micro.Forms.FormBinding.BindAsync<{NonNullable(parameter.Type)}>(context, {GeneratedCode.Literal(parameter.Name)});");
                        writer.Line($"if ({local} is null) return;");
                        writer.Line();
                        break;
                    case BindingSource.Body:
                        EmitBody(writer, parameter, local, Var("json_" + parameter.Name));
                        break;
                    case BindingSource.ServiceOrBody when acceptsBody:
                        writer.Line($"{parameter.Type} {local};");
                        writer.Line($"if ({Var("isService_" + parameter.Name)})").OpenBrace();
                        writer.Line($"{local} = {Services}.GetRequiredService<{NonNullable(parameter.Type)}>(context.RequestServices);");
                        writer.CloseBrace();
                        writer.Line("else").OpenBrace();
                        EmitBody(writer, parameter, local + "_body", Var("json_" + parameter.Name) + "!");
                        writer.Line($"{local} = {local}_body;");
                        writer.CloseBrace();
                        break;
                    case BindingSource.Service:
                    case BindingSource.ServiceOrBody:
                        writer.Line(parameter.IsOptional
                            ? $"var {local} = {Services}.GetService<{NonNullable(parameter.Type)}>(context.RequestServices);"
                            : $"var {local} = {Services}.GetRequiredService<{NonNullable(parameter.Type)}>(context.RequestServices);");
                        break;
                    case BindingSource.KeyedService:
                        writer.Line(parameter.IsOptional
                            ? $"var {local} = {KeyedServices}.GetKeyedService<{NonNullable(parameter.Type)}>(context.RequestServices, {GeneratedCode.Literal(parameter.Key)});"
                            : $"var {local} = {KeyedServices}.GetRequiredKeyedService<{NonNullable(parameter.Type)}>(context.RequestServices, {GeneratedCode.Literal(parameter.Key)});");
                        break;
                    case BindingSource.HttpContext:
                        writer.Line($"var {local} = context;");
                        break;
                    case BindingSource.HttpRequest:
                        writer.Line($"var {local} = context.Request;");
                        break;
                    case BindingSource.HttpResponse:
                        writer.Line($"var {local} = context.Response;");
                        break;
                    case BindingSource.CancellationToken:
                        writer.Line($"var {local} = context.RequestAborted;");
                        break;
                    case BindingSource.User:
                        writer.Line($"var {local} = context.User;");
                        break;
                    case BindingSource.ErrorInfo:
                        writer.Line($"var {local} = {Binding}.Error(context);");
                        break;
                    case BindingSource.Session:
                        writer.Line($"var {local} = global::Micro.SessionHttpContextExtensions.GetSession(context);");
                        break;
                    case BindingSource.CurrentUser:
                        writer.Line($"var {local} = global::Micro.AuthHttpContextExtensions.GetCurrentUser(context);");
                        break;
                    case BindingSource.ResolverMatch:
                        writer.Line($"var {local} = global::Micro.ResolverMatch.For(context)!;");
                        break;
                }
            }

            // The WebSocket last: a bad route or query value is still a 400 over HTTP, before the handshake is answered.
            foreach (var parameter in parameters.Where(static p => p.Source == BindingSource.WebSocket))
            {
                writer.Line($"var p_{parameter.Name} = await global::Micro.WebSocketConnection.AcceptAsync(context);");
                writer.Line($"if (p_{parameter.Name} is null)").OpenBrace().Line("return;").CloseBrace();
            }

            var call = $"{callee ?? handler.ContainingType + "." + handler.MethodName}({string.Join(", ", parameters.Select(static p => "p_" + p.Name))})";
            if (handler.Return.IsAwaitable)
            {
                call = "await " + call;
            }

            var write = handler.Return.Kind switch
            {
                ReturnKind.String => $"{Writer}.WriteText(context, {call})",
                ReturnKind.Result => $"{Writer}.Execute(context, {call})",
                ReturnKind.Json => $"{Writer}.WriteJson(context, {call}, {Var("jsonResult")})",
                ReturnKind.EventStream => handler.Return.ValueType is null
                    ? $"{Writer}.WriteEventStream(context, {call})"
                    : $"{Writer}.WriteEventStream(context, {call}, {Var("jsonResult")})",
                _ => null,
            };

            if (write is null)
            {
                writer.Line(call + ";");
                if (!isAsync)
                {
                    writer.Line($"return {Task}.CompletedTask;");
                }
            }
            else
            {
                writer.Line(isAsync ? $"await {write};" : $"return {write};");
            }

            writer.CloseBrace();
            writer.Line();
        }

        private static void EmitRouteValue(SourceWriter writer, ParameterModel parameter, string local, RouteTableModel table, RouteModel? route, Action<string> fail)
        {
            var raw = $"(string)context.Request.RouteValues[{GeneratedCode.Literal(parameter.Key)}]!";
            var converter = route?.Parts.FirstOrDefault(p => p.Name == parameter.Key)?.Converter;
            var custom = converter is null ? null : table.Converters.FirstOrDefault(c => c.Name == converter);
            var notFound = $"{Binding}.NotFound(context)";
            if (custom is not null)
            {
                writer.Line($"{parameter.Type} {local};");
                writer.Line("try").OpenBrace();
                writer.Line($"{local} = {ConverterField(custom.Name)}.ToValue({raw});");
                writer.CloseBrace();
                writer.Line("catch (global::System.Exception exception) when (exception is global::System.FormatException or global::System.ArgumentException or global::System.OverflowException)");
                fail(notFound);
                writer.Line();
                return;
            }

            var parse = parameter.Parse!;
            if (route?.IsRegex == true && parameter.IsOptional)
            {
                // A group in an optional part of the expression may take no part in the match: the parameter's default then.
                writer.Line($"{parameter.Type} {local};");
                writer.Line($"if (context.Request.RouteValues[{GeneratedCode.Literal(parameter.Key)}] is not string {local}_raw)");
                writer.OpenBrace().Line($"{local} = {parameter.DefaultValue ?? "default"};").CloseBrace();
                if (parse.Kind == ParseKind.String)
                {
                    writer.Line("else").OpenBrace().Line($"{local} = {local}_raw;").CloseBrace();
                }
                else
                {
                    writer.Line($"else if ({parse.TryParseExpression($"{local}_raw", $"{local}_value", declare: true)})").OpenBrace();
                    writer.Line($"{local} = {local}_value;");
                    writer.CloseBrace();
                    writer.Line("else");
                    fail(notFound);
                }

                writer.Line();
                return;
            }

            if (parse.Kind == ParseKind.String)
            {
                writer.Line($"var {local} = {raw};");
                return;
            }

            writer.Line($"if (!{parse.TryParseExpression(raw, local, declare: true)})");
            fail(notFound);
            writer.Line();
        }

        /// <summary>A value read from text (<c>StringValues</c> of the query string, a header or the form).</summary>
        private static void EmitText(SourceWriter writer, ParameterModel parameter, string local, string values, string source, Action<string> fail)
        {
            var parse = parameter.Parse!;
            var key = GeneratedCode.Literal(parameter.Key);
            var expected = GeneratedCode.Literal(parse.Expected);
            writer.Line($"var {local}_values = {values};");
            if (parameter.IsArray)
            {
                writer.Line($"var {local} = new {parse.ValueType}[{local}_values.Count];");
                writer.Line($"for (var i = 0; i < {local}_values.Count; i++)").OpenBrace();
                if (parse.Kind == ParseKind.String)
                {
                    writer.Line($"{local}[i] = {local}_values[i] ?? \"\";");
                }
                else
                {
                    writer.Line($"if (!{parse.TryParseExpression($"{local}_values[i]", $"{local}[i]", declare: false)})");
                    fail($"{Binding}.Invalid(context, \"{source}\", {key}, {local}_values[i], {expected})");
                }

                writer.CloseBrace();
                writer.Line();
                return;
            }

            var missing = parse.Kind == ParseKind.String ? $"{local}_values.Count == 0" : $"{local}_values.Count == 0 || string.IsNullOrEmpty({local}_values[0])";
            var first = source == "header" ? $"{local}_values.ToString()" : $"{local}_values[0]!";
            writer.Line($"{parameter.Type} {local};");
            writer.Line($"if ({missing})");
            if (parameter.IsOptional)
            {
                writer.OpenBrace().Line($"{local} = {parameter.DefaultValue ?? "default"};").CloseBrace();
            }
            else
            {
                fail($"{Binding}.Missing(context, \"{source}\", {key}, {expected})");
            }

            if (parse.Kind == ParseKind.String)
            {
                writer.Line("else").OpenBrace().Line($"{local} = {first};").CloseBrace();
            }
            else if (parse.IsNullableValueType)
            {
                // T? can't be the out argument of T.TryParse: parse into a T, then assign.
                writer.Line($"else if ({parse.TryParseExpression(first, $"{local}_value", declare: true)})").OpenBrace();
                writer.Line($"{local} = {local}_value;");
                writer.CloseBrace();
                writer.Line("else");
                fail($"{Binding}.Invalid(context, \"{source}\", {key}, {first}, {expected})");
            }
            else
            {
                writer.Line($"else if (!{parse.TryParseExpression(first, local, declare: false)})");
                fail($"{Binding}.Invalid(context, \"{source}\", {key}, {first}, {expected})");
            }

            writer.Line();
        }

        private static void EmitBody(SourceWriter writer, ParameterModel parameter, string local, string typeInfo)
        {
            writer.Line($"var ({local}_ok, {local}_read) = await {Binding}.ReadJsonAsync(context, {typeInfo}, {GeneratedCode.Literal(parameter.Name)}, {(parameter.IsOptional ? "true" : "false")});");
            writer.Line($"if (!{local}_ok) return;");
            writer.Line(parameter.IsOptional
                ? $"var {local} = {local}_read;"
                : $"var {local} = {local}_read!;");
            if (!parameter.IsValidated)
            {
                return;
            }

            // Its DataAnnotations, checked by generated code: every property's errors in one 400.
            if (parameter.IsOptional)
            {
                writer.Line($"if ({local} is not null)").OpenBrace();
            }

            writer.Line($"var {local}_errors = new global::Micro.Routing.BodyErrors({typeInfo}.Options);");
            writer.Line($"{ValidationType}.Validate({local}, {local}_errors, \"\");");
            writer.Line($"if ({local}_errors.Count > 0)").OpenBrace();
            writer.Line($"await {local}_errors.WriteAsync(context);");
            writer.Line("return;");
            writer.CloseBrace();
            if (parameter.IsOptional)
            {
                writer.CloseBrace();
            }
        }

        public static string EmitUrls(RouteTableModel table)
        {
            var writer = new SourceWriter().FileHeader();
            writer.Line("namespace Micro").OpenBrace();
            writer.Line("/// <summary>The URL of every named route, typed: a wrong argument is a compile error.</summary>");
            writer.Line(GeneratedCode.Attribute);
            writer.Line("internal static partial class Urls").OpenBrace();

            // One method per name and signature: routes sharing a name and the types of their values share a method, and reversing
            // tries them in turn at run time, as Django does. The last declared names the method's parameters. A namespaced name is a
            // method of the namespace's class: blog:post_detail is Urls.Blog.PostDetail.
            var methods = table.Routes
                .SelectMany(r => r.ReverseNames().Where(n => !table.UntypedNames.Contains(n))
                    .SelectMany(n => UrlSignatures(r).Select(parameters => (Name: n, Route: r, Parameters: parameters))))
                .GroupBy(static m => (m.Name, string.Join(", ", m.Parameters.Select(static p => p.Type))))
                .OrderBy(static g => g.Key.Name, StringComparer.Ordinal).ThenBy(static g => g.Key.Item2, StringComparer.Ordinal)
                .ToList();
            EmitUrlsClass(writer, methods, "");
            writer.CloseBrace();
            writer.CloseBrace();
            return writer.ToString();
        }

        /// <summary>The methods of the names in the namespace <paramref name="prefix"/> (empty, or ending with a colon), and a class per namespace in it.</summary>
        private static void EmitUrlsClass(
            SourceWriter writer, List<IGrouping<(string Name, string), (string Name, RouteModel Route, List<(string Type, string Name)> Parameters)>> methods, string prefix)
        {
            var inside = methods.Where(g => g.Key.Name.StartsWith(prefix, StringComparison.Ordinal)).ToList();
            foreach (var group in inside.Where(g => g.Key.Name.IndexOf(':', prefix.Length) < 0))
            {
                var last = group.Last();
                var route = last.Route;
                var parameters = last.Parameters;
                var method = GeneratedCode.PascalCase(group.Key.Name.Substring(prefix.Length));
                writer.Line();
                var patterns = string.Join(", ", group.Reverse().Select(m => $"<c>{EscapeXml(m.Route.Pattern)}</c>"));
                writer.Line(group.Count() == 1
                    ? $"/// <summary>The URL of <c>{EscapeXml(route.Pattern)}</c> ({EscapeXml(route.Handler)}), for example for links and redirects.</summary>"
                    : group.Select(static m => m.Route.Namespace).Distinct().Count() > 1
                        ? $"/// <summary>The URL of <c>{EscapeXml(group.Key.Name)}</c> in the app's instance that handles the request, else its default instance: {patterns}.</summary>"
                        : $"/// <summary>The URL of the first of {patterns} that takes the values, as Django tries routes of one name.</summary>");
                if (group.All(static m => !m.Route.CanReverse))
                {
                    // Calling it is a compile error that says why, rather than an exception at run time.
                    var why = $"The route '{route.Name}' ({route.Pattern}) is a regular expression that can't be reversed (an alternation '|', or a construct such as '(?i)'), as in Django.";
                    writer.Line($"[global::System.Obsolete({GeneratedCode.Literal(why)}, error: true)]");
                }

                // A method named as one of object's hides it; say so, or the build warns.
                var hides = parameters.Count == 0 && method is "ToString" or "GetHashCode" or "GetType" or "MemberwiseClone" or "Finalize";
                writer.Line($"public static {(hides ? "new " : "")}string {method}({string.Join(", ", parameters.Select(static p => $"{p.Type} {p.Name}"))}) =>");
                writer.Line($"    global::Micro.Generated.MicroRoutes.Table.Reverse({GeneratedCode.Literal(group.Key.Name)}, [{string.Join(", ", parameters.Select(static p => p.Name))}]);");
            }

            // The namespaces directly inside, each once (two whose classes have one name share it).
            var namespaces = inside.Select(g => g.Key.Name.Substring(prefix.Length))
                .Where(static rest => rest.IndexOf(':') >= 0)
                .Select(static rest => rest.Substring(0, rest.IndexOf(':')))
                .Distinct()
                .GroupBy(static ns => GeneratedCode.PascalCase(ns))
                .OrderBy(static g => g.Key, StringComparer.Ordinal);
            foreach (var names in namespaces)
            {
                writer.Line();
                writer.Line($"/// <summary>The routes of the namespace {string.Join(", ", names.Select(n => $"<c>{EscapeXml(prefix + n)}</c>"))}.</summary>");
                writer.Line($"public static partial class {names.Key}").OpenBrace();
                foreach (var name in names)
                {
                    EmitUrlsClass(writer, inside, prefix + name + ":");
                }

                writer.CloseBrace();
            }
        }

        /// <summary>
        /// The parameter lists of a named route's <c>Urls</c> methods: a <c>path()</c> route's values; one list per way a regex
        /// route reverses (an optional group makes an overload with its value and one without), of distinct types. Each value is
        /// typed as the handler reads it (a group it doesn't read is a string); unnamed groups are <c>arg0</c>, <c>arg1</c>...
        /// </summary>
        private static List<List<(string Type, string Name)>> UrlSignatures(RouteModel route)
        {
            var handler = route.Handlers.FirstOrDefault(static h => h.Verb is null or "GET") ?? route.Handlers[0];
            List<(string Type, string Name)> Parameters(IEnumerable<PatternPart> parts) => parts.Where(static p => p.IsValue).Select(v =>
            {
                var type = handler.Parameters.FirstOrDefault(p => p.Source == BindingSource.Route && p.Key == v.Name)?.Type ?? "string";
                return (type, v.IsPositional ? "arg" + v.Name!.Substring(1) : ParameterName(v.Name!));
            }).ToList();

            if (!route.IsRegex || route.Reversals.Count == 0)
            {
                return new List<List<(string Type, string Name)>> { Parameters(route.IsRegex ? Enumerable.Empty<PatternPart>() : route.Parts) };
            }

            // A group repeated by a quantifier ((?P<a>x){2}) takes its value twice: no C# method can say so; reverse it by name.
            return route.Reversals.Select(reversal => Parameters(reversal))
                .Where(static parameters => parameters.Select(static p => p.Name).Distinct().Count() == parameters.Count)
                .GroupBy(static parameters => string.Join(", ", parameters.Select(static p => p.Type)))
                .Select(static signature => signature.First())
                .ToList();
        }

        private static string ConverterExpression(string converter) => converter switch
        {
            "int" => "global::Micro.RouteConverters.Int",
            "str" => "global::Micro.RouteConverters.Str",
            "slug" => "global::Micro.RouteConverters.Slug",
            "uuid" => "global::Micro.RouteConverters.Uuid",
            "path" => "global::Micro.RouteConverters.Path",
            _ => ConverterField(converter),
        };

        private static string ConverterField(string name) => "s_converter_" + GeneratedCode.Identifier(name);

        private static string NonNullable(string type) => type.EndsWith("?", StringComparison.Ordinal) ? type.Substring(0, type.Length - 1) : type;

        // A lone surrogate, which XML can't hold, is U+FFFD in a documentation comment.
        private static string EscapeXml(string text) =>
            ReplaceLoneSurrogates(OneLine(text)).Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;");

        /// <summary><paramref name="text"/> with each lone surrogate as U+FFFD.</summary>
        private static string ReplaceLoneSurrogates(string text)
        {
            char[]? chars = null;
            for (var i = LoneSurrogate(text); i >= 0; i = LoneSurrogate(text, i + 1))
            {
                chars ??= text.ToCharArray();
                chars[i] = '\uFFFD';
            }

            return chars is null ? text : new string(chars);
        }

        /// <summary>A route value's name as a C# parameter name: <c>class</c> becomes <c>@class</c>.</summary>
        private static string ParameterName(string name) =>
            Microsoft.CodeAnalysis.CSharp.SyntaxFacts.GetKeywordKind(name) != Microsoft.CodeAnalysis.CSharp.SyntaxKind.None ? "@" + name : GeneratedCode.Identifier(name);

        /// <summary>Text for a comment, kept on one line: line breaks and other control characters are written as escapes.</summary>
        private static string OneLine(string text)
        {
            var result = new System.Text.StringBuilder(text.Length);
            foreach (var ch in text)
            {
                var category = char.GetUnicodeCategory(ch);
                if (char.IsControl(ch) || category is UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator)
                {
                    result.Append("\\u").Append(((int)ch).ToString("x4", CultureInfo.InvariantCulture));
                }
                else
                {
                    result.Append(ch);
                }
            }

            return result.ToString();
        }
    }
}

using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using Micro.Generators.Forms.Model;
using Micro.Generators.Json;
using Micro.Generators.Routing.Model;

namespace Micro.Generators.Routing
{
    internal static partial class RoutesEmitter
    {
        /// <summary>
        /// Marks a property name the app's JSON naming policy decides (<c>"\u001fTitle"</c>): the generator knows the C# name,
        /// the options are the app's, so <c>Micro.OpenApi.OpenApiDocument</c> names it when the document is first served.
        /// </summary>
        public const char PolicyNameMarker = '\u001f';

        /// <summary>
        /// The OpenAPI 3.1 document of the app's JSON routes (a JSON body read, or JSON written), without its <c>openapi</c>
        /// and <c>info</c> members, which the runtime writes: paths from the Django patterns, parameters from the bound
        /// values, schemas from the same JSON metadata the app reads and writes with, responses from the return types,
        /// constraints from the annotations the bodies are checked with. Null when no route is a JSON route.
        /// </summary>
        public static string? EmitOpenApi(RouteTableModel table)
        {
            var document = new OpenApiBuilder(table);
            return document.Build();
        }

        private sealed class OpenApiBuilder(RouteTableModel table)
        {
            private readonly Dictionary<string, JsonTypeModel> _types = table.JsonTypes.ToDictionary(static t => t.Type, StringComparer.Ordinal);
            private readonly Dictionary<string, ValidatedTypeModel> _checked = table.Validation.ToDictionary(static t => t.Type, StringComparer.Ordinal);
            private readonly SortedDictionary<string, Json> _schemas = new(StringComparer.Ordinal);
            private readonly Dictionary<string, string> _schemaNames = new(StringComparer.Ordinal);
            private bool _validationProblem;

            public string? Build()
            {
                var paths = new Json();
                var operationIds = new HashSet<string>(StringComparer.Ordinal);
                foreach (var route in table.Routes)
                {
                    if (!route.IsReversible)
                    {
                        continue;
                    }

                    // Routes with one path (a GET and a POST declared apart) share its path item.
                    var path = "/" + string.Concat(route.Parts.Select(static p => p.IsLiteral ? p.Literal : "{" + p.Name + "}"));
                    var item = paths.Get(path) as Json ?? new Json();
                    var documented = route.Handlers.Count == 1 && route.Handlers[0].Verb is null
                        ? route.Methods.Where(static m => m is not ("HEAD" or "OPTIONS")).Select(m => (Method: m, Handler: route.Handlers[0])).ToList()
                        : route.Handlers.Where(static h => h.Verb is not ("HEAD" or "OPTIONS")).Select(static h => (Method: h.Verb!, Handler: h)).ToList();
                    foreach (var (method, handler) in documented)
                    {
                        if (!IsJsonRoute(handler, method))
                        {
                            continue;
                        }

                        var operationId = route.Name ?? route.Handler.Replace('.', '_');
                        if (documented.Count > 1)
                        {
                            operationId += "_" + method.ToLowerInvariant();
                        }

                        if (!item.ContainsKey(method.ToLowerInvariant()))
                        {
                            // An operation ID is unique in the document: a handler mounted twice without a name gets _2 the second time.
                            var unique = operationId;
                            for (var n = 2; !operationIds.Add(unique); n++)
                            {
                                unique = operationId + "_" + n.ToString(System.Globalization.CultureInfo.InvariantCulture);
                            }

                            item.Add(method.ToLowerInvariant(), Operation(route, handler, method, unique));
                        }
                    }

                    if (item.Count > 0 && !paths.ContainsKey(path))
                    {
                        paths.Add(path, item);
                    }
                }

                if (paths.Count == 0)
                {
                    return null;
                }

                var components = new Json();
                if (_validationProblem)
                {
                    _schemas["HttpValidationProblemDetails"] = ValidationProblemSchema();
                }

                var schemas = new Json();
                foreach (var schema in _schemas)
                {
                    schemas.Add(schema.Key, schema.Value);
                }

                components.Add("schemas", schemas);
                var root = new Json { { "paths", paths }, { "components", components } };
                var tags = table.Routes.SelectMany(static r => r.Tags).Distinct().ToList();
                if (tags.Count > 0)
                {
                    root.Add("tags", new JsonArray(tags.Select(static t => (object)new Json { { "name", t } })));
                }
                var text = new StringBuilder();
                root.Write(text, 0);
                return text.Append('\n').ToString();
            }

            /// <summary>A route documented as an API: it reads a JSON body, or writes JSON (a value, or a typed result's).</summary>
            private bool IsJsonRoute(HandlerModel handler, string method) =>
                handler.Parameters.Any(p => IsBody(p, method, handler))
                || handler.Return is { Kind: ReturnKind.Json, ValueType: not null }
                || handler.Responses.Any(static r => r.ValueType is not null);

            /// <summary>
            /// Whether a parameter is read from a JSON body. An unattributed class is a body unless it is a registered service,
            /// which only the running app knows: here it is one when the app declares it and the handler reads no form.
            /// </summary>
            private bool IsBody(ParameterModel parameter, string method, HandlerModel handler) =>
                parameter.Source == BindingSource.Body
                || (parameter.Source == BindingSource.ServiceOrBody && method is "POST" or "PUT" or "PATCH" && parameter.IsAppType
                    && !handler.Parameters.Any(static p => p.Source is BindingSource.BoundForm or BindingSource.Form or BindingSource.FormFile or BindingSource.FormFiles or BindingSource.FormCollection)
                    && _types.TryGetValue(NonNullable(parameter.Type), out var type) && type.Kind is JsonTypeKind.Object or JsonTypeKind.Collection);

            private Json Operation(RouteModel route, HandlerModel handler, string method, string operationId)
            {
                var operation = new Json();
                if (route.Tags.Count > 0)
                {
                    operation.Add("tags", new JsonArray(route.Tags.Select(static t => (object)t)));
                }

                if (handler.Summary is { } summary)
                {
                    operation.Add("summary", summary);
                }

                operation.Add("operationId", operationId);
                var parameters = new JsonArray();
                foreach (var parameter in handler.Parameters)
                {
                    var location = parameter.Source switch
                    {
                        BindingSource.Route => "path",
                        BindingSource.Query => "query",
                        BindingSource.Header => "header",
                        _ => null,
                    };
                    if (location is null || parameter.Parse is null)
                    {
                        continue;
                    }

                    var schema = Schema(parameter.Parse.ValueType, nullable: false);
                    if (parameter.IsArray)
                    {
                        schema = new Json { { "type", "array" }, { "items", schema } };
                    }

                    var converter = route.Parts.FirstOrDefault(p => p.Name == parameter.Key)?.Converter;
                    if (location == "path" && converter is "slug")
                    {
                        schema.Add("pattern", "^[-a-zA-Z0-9_]+$");
                    }

                    var described = new Json { { "name", parameter.Key }, { "in", location } };
                    if (parameter.Description is { } description)
                    {
                        described.Add("description", description);
                    }

                    described.Add("required", location == "path" || !parameter.IsOptional);
                    described.Add("schema", schema);
                    parameters.Add(described);
                }

                if (parameters.Count > 0)
                {
                    operation.Add("parameters", parameters);
                }

                var body = handler.Parameters.FirstOrDefault(p => IsBody(p, method, handler));
                if (body is not null)
                {
                    var requestBody = new Json();
                    if (body.Description is { } description)
                    {
                        requestBody.Add("description", description);
                    }

                    requestBody.Add("required", !body.IsOptional);
                    requestBody.Add("content", new Json { { "application/json", new Json { { "schema", Schema(NonNullable(body.Type), nullable: false) } } } });
                    operation.Add("requestBody", requestBody);
                }

                var responses = new Json();
                switch (handler.Return.Kind)
                {
                    case ReturnKind.Json when handler.Return.ValueType is { } value:
                        responses.Add("200", Response(200, "application/json", Schema(value, nullable: false)));
                        break;
                    case ReturnKind.String:
                        responses.Add("200", Response(200, "text/plain", new Json { { "type", "string" } }));
                        break;
                    case ReturnKind.EventStream:
                        responses.Add("200", Response(200, "text/event-stream", new Json { { "type", "string" } }));
                        break;
                    case ReturnKind.Result:
                        foreach (var response in handler.Responses.OrderBy(static r => r.Status))
                        {
                            responses.Add(Status(response.Status), response.ValueType switch
                            {
                                null => Response(response.Status, null, null),
                                "ValidationProblem" => ValidationProblemResponse(),
                                _ => Response(response.Status, "application/json", Schema(response.ValueType, nullable: false)),
                            });
                        }

                        break;
                }

                if (body is not null && !responses.ContainsKey("400"))
                {
                    responses.Add("400", ValidationProblemResponse());
                }

                if (responses.Count == 0)
                {
                    responses.Add("200", Response(200, null, null));
                }

                operation.Add("responses", responses.Sorted());
                return operation;
            }

            private static Json Response(int status, string? contentType, Json? schema)
            {
                var response = new Json { { "description", Reason(status) } };
                if (contentType is not null)
                {
                    response.Add("content", new Json { { contentType, new Json { { "schema", schema! } } } });
                }

                return response;
            }

            /// <summary>What an invalid body gets: ASP.NET Core's <c>HttpValidationProblemDetails</c>.</summary>
            private Json ValidationProblemResponse()
            {
                _validationProblem = true;
                return new Json
                {
                    { "description", Reason(400) },
                    { "content", new Json { { "application/problem+json", new Json { { "schema", Ref("HttpValidationProblemDetails") } } } } },
                };
            }

            private static Json ValidationProblemSchema() => new()
            {
                { "type", "object" },
                {
                    "properties", new Json
                    {
                        { "type", new Json { { "type", new JsonArray { "string", "null" } } } },
                        { "title", new Json { { "type", new JsonArray { "string", "null" } } } },
                        { "status", new Json { { "type", new JsonArray { "integer", "null" } }, { "format", "int32" } } },
                        { "detail", new Json { { "type", new JsonArray { "string", "null" } } } },
                        { "errors", new Json { { "type", "object" }, { "additionalProperties", new Json { { "type", "array" }, { "items", new Json { { "type", "string" } } } } } } },
                    }
                },
            };

            /// <summary>The schema of a value of <paramref name="type"/> (fully qualified, <c>?</c> for nullable).</summary>
            private Json Schema(string type, bool nullable)
            {
                if (type.EndsWith("?", StringComparison.Ordinal))
                {
                    return Schema(type.Substring(0, type.Length - 1), nullable: true);
                }

                if (type.StartsWith("global::System.Nullable<", StringComparison.Ordinal))
                {
                    return Schema(type.Substring("global::System.Nullable<".Length, type.Length - "global::System.Nullable<".Length - 1), nullable: true);
                }

                if (Primitive(type) is { } primitive)
                {
                    return nullable ? WithNull(primitive) : primitive;
                }

                if (!_types.TryGetValue(type, out var model))
                {
                    return new Json();
                }

                Json schema;
                switch (model.Kind)
                {
                    case JsonTypeKind.Nullable:
                        return Schema(model.ElementType!, nullable: true);
                    case JsonTypeKind.Collection:
                        schema = new Json { { "type", "array" }, { "items", Schema(model.ElementType!, nullable: false) } };
                        break;
                    case JsonTypeKind.Dictionary:
                        schema = new Json { { "type", "object" }, { "additionalProperties", Schema(model.ElementType!, nullable: false) } };
                        break;
                    case JsonTypeKind.Enum:
                        schema = Ref(Component(model, static m => EnumSchema(m, asStrings: false)));
                        break;
                    case JsonTypeKind.CustomConverter when model.EnumMembers.Count > 0 && model.Converter!.StartsWith("global::System.Text.Json.Serialization.JsonStringEnumConverter", StringComparison.Ordinal):
                        schema = Ref(Component(model, static m => EnumSchema(m, asStrings: true)));
                        break;
                    case JsonTypeKind.Object:
                        schema = Ref(Component(model, ObjectSchema));
                        break;
                    default:
                        return new Json();
                }

                return nullable ? WithNull(schema) : schema;
            }

            /// <summary>
            /// An enum: its numbers, or its names when its own <c>[JsonConverter]</c> is a <c>JsonStringEnumConverter</c>. A string
            /// converter added to the app's options isn't known at build time: those enums are described by their numbers.
            /// </summary>
            private static Json EnumSchema(JsonTypeModel model, bool asStrings)
            {
                var schema = new Json { { "type", asStrings ? "string" : "integer" } };
                if (model.EnumMembers.Count > 0)
                {
                    schema.Add("enum", new JsonArray(model.EnumMembers.Select(m => asStrings ? m.Name : (object)decimal.Parse(m.Value, CultureInfo.InvariantCulture))));
                }

                return schema;
            }

            private static Json WithNull(Json schema)
            {
                if (schema.Get("type") is string single)
                {
                    schema.Set("type", new JsonArray { single, "null" });
                    return schema;
                }

                return new Json { { "anyOf", new JsonArray { schema, new Json { { "type", "null" } } } } };
            }

            private static Json Ref(string name) => new() { { "$ref", "#/components/schemas/" + name } };

            /// <summary>The component of a named type, made once: its simple name, or more of its full name when two types share one.</summary>
            private string Component(JsonTypeModel model, Func<JsonTypeModel, Json> make)
            {
                if (_schemaNames.TryGetValue(model.Type, out var existing))
                {
                    return existing;
                }

                var name = SchemaName(model.Type);
                if (_schemas.ContainsKey(name))
                {
                    name = new string(model.Type.Replace("global::", "").Select(static c => char.IsLetterOrDigit(c) ? c : '_').ToArray());
                }

                _schemaNames[model.Type] = name;
                _schemas[name] = new Json();
                _schemas[name] = make(model);
                return name;
            }

            private Json ObjectSchema(JsonTypeModel model)
            {
                _checked.TryGetValue(model.Type, out var validation);
                var properties = new Json();
                var required = new JsonArray();
                foreach (var property in model.Properties)
                {
                    if (property.IsAlwaysIgnored || property.IsExtensionData || !(property.CanGet || property.CanSet))
                    {
                        continue;
                    }

                    // Most derived first, as System.Text.Json lists them: an overridden or hidden member is the derived one.
                    var name = property.JsonName ?? PolicyNameMarker + property.Name;
                    if (properties.ContainsKey(name))
                    {
                        continue;
                    }

                    var schema = Schema(property.Type, nullable: false);
                    var checks = validation?.Properties.FirstOrDefault(p => p.Name == property.Name);
                    if (checks is not null)
                    {
                        AddConstraints(schema, checks);
                    }

                    var parameter = model.ConstructorParameters.FirstOrDefault(p => string.Equals(p.Name, property.Name, StringComparison.OrdinalIgnoreCase));
                    if (property.IsRequired || checks?.IsRequired == true || parameter is { HasDefaultValue: false, IsNullable: false })
                    {
                        required.Add(name);
                    }

                    properties.Add(name, schema);
                }

                var result = new Json { { "type", "object" }, { "properties", properties } };
                if (required.Count > 0)
                {
                    result.Add("required", required);
                }

                return result;
            }

            /// <summary>The annotations' constraints: lengths, bounds, patterns and formats, as JSON Schema words them.</summary>
            private static void AddConstraints(Json schema, ValidatedPropertyModel property)
            {
                foreach (var check in property.CountChecks)
                {
                    schema.Set(check.Kind == CheckKind.MinLength ? "minItems" : "maxItems", Number(check.Arguments[0]));
                }

                if (property.IsRequired && !property.AllowEmptyStrings && schema.Get("type") is "string")
                {
                    schema.Set("minLength", 1);
                }

                foreach (var check in property.Checks)
                {
                    switch (check.Kind)
                    {
                        case CheckKind.MaxLength:
                            schema.Set("maxLength", Number(check.Arguments[0]));
                            break;
                        case CheckKind.MinLength:
                            schema.Set("minLength", Number(check.Arguments[0]));
                            break;
                        case CheckKind.StringLength:
                            schema.Set("maxLength", Number(check.Arguments[0]));
                            if (Number(check.Arguments[1]) is int minimum and > 0)
                            {
                                schema.Set("minLength", minimum);
                            }

                            break;
                        case CheckKind.Range:
                            if (Decimal(check.Arguments[0]) is { } low && Decimal(check.Arguments[1]) is { } high)
                            {
                                schema.Set("minimum", low);
                                schema.Set("maximum", high);
                            }

                            break;
                        case CheckKind.Pattern:
                            var pattern = Microsoft.CodeAnalysis.CSharp.SyntaxFactory.ParseExpression(check.Arguments[0]) is Microsoft.CodeAnalysis.CSharp.Syntax.LiteralExpressionSyntax literal
                                ? literal.Token.ValueText
                                : null;
                            if (pattern is not null)
                            {
                                // .NET's attribute matches the whole text; JSON Schema's pattern matches anywhere.
                                schema.Set("pattern", "^(?:" + pattern + ")$");
                            }

                            break;
                        case CheckKind.Email:
                            schema.Set("format", "email");
                            break;
                        case CheckKind.Url:
                            schema.Set("format", "uri");
                            break;
                    }
                }
            }

            private static int Number(string expression) => int.Parse(expression, CultureInfo.InvariantCulture);

            /// <summary>A bound written as a number literal (<c>5</c>, <c>(byte)5</c>, <c>2.5m</c>); null for a date or time.</summary>
            private static decimal? Decimal(string expression)
            {
                var text = expression.Substring(expression.LastIndexOf(')') + 1).TrimEnd('m', 'M', 'd', 'D', 'f', 'F', 'L', 'l', 'u', 'U').Trim('(', ')');
                return decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) ? value : null;
            }

            /// <summary>The schema of a type System.Text.Json writes as a JSON primitive, as ASP.NET Core's OpenAPI support describes it.</summary>
            private static Json? Primitive(string type)
            {
                (string Type, string? Format) schema = type switch
                {
                    "string" or "char" => ("string", null),
                    "bool" => ("boolean", null),
                    "byte" or "sbyte" or "short" or "ushort" or "int" or "uint" => ("integer", "int32"),
                    "long" or "ulong" => ("integer", "int64"),
                    "float" => ("number", "float"),
                    "double" => ("number", "double"),
                    "decimal" => ("number", "double"),
                    "global::System.DateTime" or "global::System.DateTimeOffset" => ("string", "date-time"),
                    "global::System.DateOnly" => ("string", "date"),
                    "global::System.TimeOnly" => ("string", "time"),
                    "global::System.TimeSpan" => ("string", "duration"),
                    "global::System.Guid" => ("string", "uuid"),
                    "global::System.Uri" => ("string", "uri"),
                    _ => (null!, null),
                };
                if (schema.Type is null)
                {
                    return null;
                }

                var result = new Json { { "type", schema.Type } };
                if (schema.Format is not null)
                {
                    result.Add("format", schema.Format);
                }

                return result;
            }

            /// <summary>A type's simple name, with its type arguments' (<c>PageOfPost</c> for <c>Page&lt;Post&gt;</c>).</summary>
            private static string SchemaName(string type)
            {
                var name = new StringBuilder();
                var word = new StringBuilder();
                foreach (var ch in type.Replace("global::", ""))
                {
                    if (char.IsLetterOrDigit(ch) || ch == '_')
                    {
                        word.Append(ch);
                        continue;
                    }

                    if (ch == '.')
                    {
                        word.Clear();
                        continue;
                    }

                    name.Append(word).Append(ch == '<' ? "Of" : "");
                    word.Clear();
                }

                return name.Append(word).ToString();
            }

            private static string Status(int status) => status.ToString(CultureInfo.InvariantCulture);

            private static string Reason(int status) => status switch
            {
                200 => "OK",
                201 => "Created",
                202 => "Accepted",
                204 => "No Content",
                302 => "Found",
                400 => "Bad Request",
                401 => "Unauthorized",
                403 => "Forbidden",
                404 => "Not Found",
                409 => "Conflict",
                422 => "Unprocessable Content",
                500 => "Internal Server Error",
                _ => "Response",
            };
        }

        /// <summary>A JSON object whose members keep the order they were added in, written with two-space indentation.</summary>
        private sealed class Json : List<KeyValuePair<string, object>>
        {
            public void Add(string key, object value) => Add(new KeyValuePair<string, object>(key, value));

            public object? Get(string key) => this.FirstOrDefault(p => p.Key == key).Value;

            public bool ContainsKey(string key) => this.Any(p => p.Key == key);

            public void Set(string key, object value)
            {
                var index = FindIndex(p => p.Key == key);
                if (index < 0)
                {
                    Add(key, value);
                }
                else
                {
                    this[index] = new KeyValuePair<string, object>(key, value);
                }
            }

            public Json Sorted()
            {
                var sorted = new Json();
                sorted.AddRange(this.OrderBy(static p => p.Key, StringComparer.Ordinal));
                return sorted;
            }

            public void Write(StringBuilder text, int depth) => WriteItems(text, depth, '{', '}', Count, i =>
            {
                WriteString(text, this[i].Key);
                text.Append(": ");
                WriteValue(text, this[i].Value, depth + 1);
            });

            /// <summary>An object's members or an array's items, one a line, indented below <paramref name="depth"/>; <c>{}</c> or <c>[]</c> when empty.</summary>
            public static void WriteItems(StringBuilder text, int depth, char open, char close, int count, Action<int> writeItem)
            {
                text.Append(open);
                if (count == 0)
                {
                    text.Append(close);
                    return;
                }

                text.Append('\n');
                for (var i = 0; i < count; i++)
                {
                    text.Append(' ', (depth + 1) * 2);
                    writeItem(i);
                    text.Append(i < count - 1 ? ",\n" : "\n");
                }

                text.Append(' ', depth * 2).Append(close);
            }

            public static void WriteValue(StringBuilder text, object value, int depth)
            {
                switch (value)
                {
                    case Json json:
                        json.Write(text, depth);
                        break;
                    case JsonArray array:
                        array.Write(text, depth);
                        break;
                    case string s:
                        WriteString(text, s);
                        break;
                    case bool b:
                        text.Append(b ? "true" : "false");
                        break;
                    case int n:
                        text.Append(n.ToString(CultureInfo.InvariantCulture));
                        break;
                    case decimal d:
                        text.Append(d.ToString(CultureInfo.InvariantCulture));
                        break;
                }
            }

            private static void WriteString(StringBuilder text, string value)
            {
                text.Append('"');
                foreach (var ch in value)
                {
                    switch (ch)
                    {
                        case '"':
                            text.Append("\\\"");
                            break;
                        case '\\':
                            text.Append("\\\\");
                            break;
                        case '\n':
                            text.Append("\\n");
                            break;
                        case '\r':
                            text.Append("\\r");
                            break;
                        case '\t':
                            text.Append("\\t");
                            break;
                        default:
                            if (ch < ' ' || ch == '<' || ch == '>' || ch == '&')
                            {
                                text.Append("\\u").Append(((int)ch).ToString("x4", CultureInfo.InvariantCulture));
                            }
                            else
                            {
                                text.Append(ch);
                            }

                            break;
                    }
                }

                text.Append('"');
            }
        }

        private sealed class JsonArray : List<object>
        {
            public JsonArray()
            {
            }

            public JsonArray(IEnumerable<object> items)
                : base(items)
            {
            }

            public void Write(StringBuilder text, int depth) =>
                Json.WriteItems(text, depth, '[', ']', Count, i => Json.WriteValue(text, this[i], depth + 1));
        }
    }
}

using System.Collections.Generic;
using System.Linq;
using Micro.Generators.Json;
using Micro.Generators.Shared;

namespace Micro.Generators.Routing.Model
{
    internal enum BindingSource
    {
        Route,
        Query,
        Header,
        Form,
        FormFile,
        FormFiles,
        FormCollection,

        /// <summary>A <c>[Form]</c> class: bound from the posted form and validated, unbound on GET.</summary>
        BoundForm,
        Body,
        Service,
        KeyedService,

        /// <summary>A complex type with no attribute: a service if one is registered, else the JSON body (decided at start).</summary>
        ServiceOrBody,
        HttpContext,
        HttpRequest,
        HttpResponse,
        CancellationToken,
        User,
        ErrorInfo,
        Session,
        CurrentUser,

        /// <summary>The route the request matched, with its names and values.</summary>
        ResolverMatch,

        /// <summary>A <c>WebSocketConnection</c>: the request's WebSocket, accepted after every other parameter is bound.</summary>
        WebSocket,
    }

    /// <summary>One parameter of a handler and where its value comes from.</summary>
    /// <param name="Name">The C# parameter name.</param>
    /// <param name="Type">The parameter type, fully qualified, with its nullable annotation.</param>
    /// <param name="Source">Where the value comes from.</param>
    /// <param name="Key">The route value, query key, header, form field or service key to read.</param>
    /// <param name="Parse">How text becomes the value, for route, query, header and form values.</param>
    /// <param name="IsArray">Repeated values into an array of <see cref="ParseModel.ValueType"/>.</param>
    /// <param name="IsOptional">Missing input is allowed (nullable, or a default value).</param>
    /// <param name="DefaultValue">The C# default value expression, when declared.</param>
    internal sealed record ParameterModel(
        string Name,
        string Type,
        BindingSource Source,
        string Key,
        ParseModel? Parse,
        bool IsArray,
        bool IsOptional,
        string? DefaultValue)
    {
        /// <summary>A JSON body whose type has DataAnnotations: generated code checks it before the handler runs.</summary>
        public bool IsValidated { get; init; }

        /// <summary>Its <c>&lt;param&gt;</c> doc comment, for the OpenAPI document.</summary>
        public string? Description { get; init; }

        /// <summary>Its type is declared in the app's source (a service of a library is not; the OpenAPI document tells bodies from services so).</summary>
        public bool IsAppType { get; init; }
    }

    internal enum ReturnKind
    {
        Void,
        String,
        Result,
        Json,

        /// <summary><c>IAsyncEnumerable&lt;T&gt;</c> (or of <c>SseItem&lt;T&gt;</c>): server-sent events, T as JSON unless a string.</summary>
        EventStream,
    }

    /// <summary>What a handler returns, with <c>Task</c> and <c>ValueTask</c> unwrapped.</summary>
    /// <param name="Kind">How the value is written.</param>
    /// <param name="IsAwaitable">The handler returns a task.</param>
    /// <param name="ValueType">The type written as JSON (for an event stream, each event's data; null for strings).</param>
    internal sealed record ReturnModel(ReturnKind Kind, bool IsAwaitable, string? ValueType);

    /// <summary>A response a typed result declares: its status and, for <c>Ok&lt;T&gt;</c> and the like, the JSON value's type.</summary>
    internal sealed record ResponseModel(int Status, string? ValueType);

    /// <summary>An attribute of a handler or class-based view, carried onto the endpoint as metadata (as a minimal API's are).</summary>
    /// <param name="Expression">The C# expression that creates it: <c>new global::...AuthorizeAttribute("policy") { Roles = "admin" }</c>.</param>
    /// <param name="IsAuthorization">It is ASP.NET Core authorization metadata (<c>IAuthorizeData</c>, <c>IAllowAnonymous</c>, <c>IAuthorizationRequirementData</c>).</param>
    internal sealed record AttributeModel(string Expression, bool IsAuthorization);

    /// <summary>A static method that handles requests.</summary>
    /// <param name="Verb">For a class-based view, the HTTP method it handles (upper case); otherwise null.</param>
    /// <param name="JsonTypes">The JSON metadata of the bodies it reads and the values it writes.</param>
    /// <param name="Metadata">For a class-based view's verb, the verb method's own attributes, checked when that verb is called.</param>
    internal sealed record HandlerModel(
        string ContainingType,
        string MethodName,
        string DisplayName,
        string? Verb,
        EquatableArray<ParameterModel> Parameters,
        ReturnModel Return,
        EquatableArray<JsonTypeModel> JsonTypes,
        EquatableArray<AttributeModel> Metadata)
    {
        /// <summary>The summary of its doc comment, for the OpenAPI document.</summary>
        public string? Summary { get; init; }

        /// <summary>The responses its typed results declare (<c>Results&lt;Ok&lt;T&gt;, NotFound&gt;</c>), for the OpenAPI document.</summary>
        public EquatableArray<ResponseModel> Responses { get; init; } = EquatableArray<ResponseModel>.Empty;

        /// <summary>The types of its JSON bodies (and the objects in them) whose DataAnnotations are checked.</summary>
        public EquatableArray<ValidatedTypeModel> Validation { get; init; } = EquatableArray<ValidatedTypeModel>.Empty;

        /// <summary>
        /// The handler as a <c>Func</c> or <c>Action</c> type (<c>global::System.Func&lt;int, string, string&gt;</c>), or null when
        /// none can hold it (a <c>ref</c> or <c>ref struct</c> parameter, more than 16 parameters, a generic method). Routes
        /// that bind the same way share one factory and pass it their handler as this type.
        /// </summary>
        public string? DelegateType { get; init; }

        /// <summary>The verb checks authorization itself (its endpoint, shared with the other verbs, can't).</summary>
        public bool HasOwnAuthorization => Metadata.Any(static m => m.IsAuthorization);
    }

    /// <summary>One <c>[Route]</c>: its pattern, and the handler or handlers (a class-based view has one per verb).</summary>
    /// <param name="IsReversible">Its <paramref name="Parts"/> spell its whole path: a <c>path()</c> route, or a regex of literal text and named groups only.</param>
    internal sealed record RouteModel(
        string Pattern,
        bool IsRegex,
        string? Regex,
        bool IsReversible,
        EquatableArray<PatternPart> Parts,
        string? Name,
        EquatableArray<string> Methods,
        int Order,
        string Handler,
        EquatableArray<HandlerModel> Handlers,
        LocationInfo Location,
        EquatableArray<AttributeModel> Metadata)
    {
        /// <summary>The tags of its <c>[RouteGroup]</c> classes, outermost first.</summary>
        public EquatableArray<string> Tags { get; init; } = EquatableArray<string>.Empty;

        /// <summary>The instance namespaces of its namespaced groups, joined with <c>:</c>; <see cref="Name"/> starts with them.</summary>
        public string? Namespace { get; init; }

        /// <summary>The application namespaces of its namespaced groups, joined with <c>:</c>.</summary>
        public string? AppName { get; init; }
        /// <summary>
        /// A regex route's ways of reversing (Django's normalize), in the order they are tried; empty for a <c>path()</c> route
        /// (it reverses through <see cref="Parts"/>) and for a regex route that can't be reversed.
        /// </summary>
        public EquatableArray<EquatableArray<PatternPart>> Reversals { get; init; } = EquatableArray<EquatableArray<PatternPart>>.Empty;

        /// <summary>A URL can be built for it: a <c>path()</c> route, or a regex route Django's normalize can read.</summary>
        public bool CanReverse => IsRegex ? Reversals.Count > 0 : IsReversible;

        /// <summary>Where the route is declared, as <c>file(line,column)</c>.</summary>
        public string Source => Location.Display;

        /// <summary>
        /// The names it is reversed by: its <see cref="Name"/>, and the same with any of its namespaces written as the application
        /// namespace (<c>blog:post_detail</c> for the instance <c>news</c> of the app <c>blog</c>); none when it has no name.
        /// </summary>
        public IEnumerable<string> ReverseNames() => RouteGroupMount.ReverseNames(Name, Namespace, AppName);
    }

    /// <summary>An <c>[ErrorHandler(status)]</c> method.</summary>
    internal sealed record ErrorHandlerModel(int StatusCode, HandlerModel Handler, LocationInfo Location)
    {
        public string Source => Location.Display;
    }

    /// <summary>A <c>[RouteConverter("name")]</c> class.</summary>
    /// <param name="ValueType">The <c>T</c> of <c>RouteConverter&lt;T&gt;</c>, fully qualified.</param>
    internal sealed record ConverterModel(string Name, string Type, string ValueType, LocationInfo? Location);

    /// <summary>Everything the routes emitter writes from: routes in declaration order, converters, error handlers.</summary>
    internal sealed record RouteTableModel(
        EquatableArray<RouteModel> Routes,
        EquatableArray<ConverterModel> Converters,
        EquatableArray<ErrorHandlerModel> ErrorHandlers,
        EquatableArray<JsonTypeModel> JsonTypes)
    {
        /// <summary>Route names that would make the same <c>Urls</c> method as another name: they get none, and are reversed by name.</summary>
        public EquatableArray<string> UntypedNames { get; init; } = EquatableArray<string>.Empty;

        /// <summary>Every type a route's JSON body is checked through, once, in ordinal order.</summary>
        public EquatableArray<ValidatedTypeModel> Validation { get; init; } = EquatableArray<ValidatedTypeModel>.Empty;
    }
}

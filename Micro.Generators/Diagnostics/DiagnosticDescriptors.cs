using Microsoft.CodeAnalysis;

namespace Micro.Generators.Diagnostics
{
    /// <summary>The descriptors of the diagnostics the generator reports.</summary>
    internal static class DiagnosticDescriptors
    {
        private const string Category = "Micro";

        public static readonly DiagnosticDescriptor InvalidRoutePattern = Error(
            DiagnosticIds.InvalidRoutePattern,
            "Invalid route pattern",
            "Route pattern '{0}' is invalid: {1}");

        public static readonly DiagnosticDescriptor UnknownRouteConverter = Error(
            DiagnosticIds.UnknownRouteConverter,
            "Unknown route converter",
            "Route pattern '{0}' uses the unknown converter '{1}'; use int, str, slug, uuid, path or a class marked [RouteConverter(\"{1}\")]");

        public static readonly DiagnosticDescriptor RouteValueWithoutParameter = Error(
            DiagnosticIds.RouteValueWithoutParameter,
            "Route value without a parameter",
            "Route pattern '{0}' captures '{1}', but {2} has no parameter named '{1}'; add one");

        public static readonly DiagnosticDescriptor RouteValueTypeMismatch = Error(
            DiagnosticIds.RouteValueTypeMismatch,
            "Parameter type doesn't fit the route converter",
            "Parameter '{0}' of type {1} can't hold values of the '{2}' converter; use {3}");

        public static readonly DiagnosticDescriptor HandlerNotCallable = Error(
            DiagnosticIds.HandlerNotCallable,
            "Generated code can't call this handler",
            "{0} can't be a handler: {1}");

        public static readonly DiagnosticDescriptor DuplicateRouteName = Warning(
            DiagnosticIds.DuplicateRouteName,
            "Route names that make the same Urls member",
            "The names '{0}' and '{1}' (at {2}) would both be Urls.{3}, so no typed method is made for them (a namespace keeps its class); reverse them by name, or rename one");

        public static readonly DiagnosticDescriptor UnsupportedParameter = Error(
            DiagnosticIds.UnsupportedParameter,
            "Unsupported handler parameter",
            "Parameter '{0}' of {1} can't be bound: {2}");

        public static readonly DiagnosticDescriptor InvalidRouteRegex = Error(
            DiagnosticIds.InvalidRouteRegex,
            "Invalid route regular expression",
            "Route regular expression '{0}' is invalid: {1}");

        public static readonly DiagnosticDescriptor ClassViewWithoutVerbs = Error(
            DiagnosticIds.ClassViewWithoutVerbs,
            "Class-based view without verb methods",
            "Class-based view {0} has no public static Get, Post, Put, Patch or Delete method");

        public static readonly DiagnosticDescriptor InvalidRouteConverter = Error(
            DiagnosticIds.InvalidRouteConverter,
            "Invalid route converter",
            "Route converter {0} is invalid: {1}");

        public static readonly DiagnosticDescriptor DuplicateErrorHandler = Error(
            DiagnosticIds.DuplicateErrorHandler,
            "Duplicate error handler",
            "Status {0} already has an error handler at {1}; keep one");

        public static readonly DiagnosticDescriptor InvalidHttpMethod = Error(
            DiagnosticIds.InvalidHttpMethod,
            "Invalid HTTP method",
            "'{0}' is not an HTTP method; use GET, POST, PUT, PATCH, DELETE, HEAD or OPTIONS");

        public static readonly DiagnosticDescriptor ObjectReturnType = new(
            DiagnosticIds.ObjectReturnType,
            "Handler returns object",
            "{0} returns object, so its JSON depends on the value's run-time type, which a native binary can't serialize without metadata; declare the record or class it returns",
            Category,
            DiagnosticSeverity.Warning,
            isEnabledByDefault: true,
            helpLinkUri: HelpLinks.For(DiagnosticIds.ObjectReturnType));

        public static readonly DiagnosticDescriptor UnsupportedReturnType = Error(
            DiagnosticIds.UnsupportedReturnType,
            "Unsupported handler return type",
            "{0} returns {1}: {2}");

        public static readonly DiagnosticDescriptor UnusableJsonMember = Warning(
            DiagnosticIds.UnusableJsonMember,
            "JSON can't use a member",
            "JSON can't use {0}: {1}");

        public static readonly DiagnosticDescriptor UnusableJsonConverter = Warning(
            DiagnosticIds.UnusableJsonConverter,
            "[JsonConverter] can't be used",
            "The [JsonConverter] on {0} can't be used: {1}");

        public static readonly DiagnosticDescriptor InvalidJsonContract = Error(
            DiagnosticIds.InvalidJsonContract,
            "Type can't be read or written as JSON",
            "{0} can't be read or written as JSON: {1}");

        public static readonly DiagnosticDescriptor InvalidRouteGroup = Error(
            DiagnosticIds.InvalidRouteGroup,
            "Invalid route group",
            "Route group '{0}' on {1} is invalid: {2}");

        public static readonly DiagnosticDescriptor PositionalGroupsWithoutParameters = Error(
            DiagnosticIds.PositionalGroupsWithoutParameters,
            "Regex groups without parameters to take them",
            "Route pattern '{0}' passes {1} unnamed group(s) positionally, but {2} has {3} parameter(s) read from text to take them; add parameters, or name the groups (?P<name>...)");

        public static readonly DiagnosticDescriptor CommandShadowsBuiltIn = Error(
            DiagnosticIds.CommandShadowsBuiltIn,
            "Command has the name of a built-in command",
            "The command name '{0}' belongs to a built-in command; choose another name ([Command(\"my-{0}\")])");

        public static readonly DiagnosticDescriptor DuplicateCommandName = Error(
            DiagnosticIds.DuplicateCommandName,
            "Duplicate command name",
            "The command name '{0}' is also used at {1}; command names must be unique");

        public static readonly DiagnosticDescriptor UnsupportedCommandParameter = Error(
            DiagnosticIds.UnsupportedCommandParameter,
            "Unsupported command parameter",
            "Parameter '{0}' of command {1} can't be bound: {2}");

        public static readonly DiagnosticDescriptor CommandNotCallable = Error(
            DiagnosticIds.CommandNotCallable,
            "Generated code can't call this command",
            "{0} can't be a command: {1}");

        public static readonly DiagnosticDescriptor InvalidCommandName = Error(
            DiagnosticIds.InvalidCommandName,
            "Invalid command or option name",
            "'{0}' is not a valid {1} name; use lower-case letters, digits and dashes, starting with a letter (for example 'send-emails')");

        public static readonly DiagnosticDescriptor CommandClassWithoutRun = Error(
            DiagnosticIds.CommandClassWithoutRun,
            "Class-based command without one Run method",
            "Class-based command {0} {1}; give it exactly one static Run or RunAsync method");

        public static readonly DiagnosticDescriptor UnsupportedCommandReturn = Error(
            DiagnosticIds.UnsupportedCommandReturn,
            "Unsupported command return type",
            "Command {0} returns {1}; return void, int (the exit code) or string (printed), or a Task or ValueTask of them");

        public static readonly DiagnosticDescriptor DuplicateCommandOption = Error(
            DiagnosticIds.DuplicateCommandOption,
            "Duplicate or reserved option name",
            "Option '{0}' of command {1} {2}; rename the parameter or set [Option(Name = ...)]");

        public static readonly DiagnosticDescriptor InvalidArgumentOrder = Error(
            DiagnosticIds.InvalidArgumentOrder,
            "Positional arguments in an order that can't be parsed",
            "Argument '{0}' of command {1} {2}");

        public static readonly DiagnosticDescriptor TemplateSyntaxError = Error(
            DiagnosticIds.TemplateSyntaxError,
            "Invalid template",
            "Template '{0}': {1}");

        public static readonly DiagnosticDescriptor TemplateNotFound = Error(
            DiagnosticIds.TemplateNotFound,
            "Missing template",
            "Template '{0}' {1} '{2}', which is not in templates/; check the name or add the file");

        public static readonly DiagnosticDescriptor UnknownTemplateUrlName = Error(
            DiagnosticIds.UnknownTemplateUrlName,
            "Unknown route name in {% url %}",
            "Template '{0}' reverses route '{1}', but no [Route] has Name = \"{1}\"; check the name");

        public static readonly DiagnosticDescriptor UnknownStaticFile = Error(
            DiagnosticIds.UnknownStaticFile,
            "Unknown file in {% static %}",
            "Template '{0}' links static file '{1}', which is not in static/; check the name or add the file");

        public static readonly DiagnosticDescriptor UnknownTemplateMember = new(
            DiagnosticIds.UnknownTemplateMember,
            "Template reads a member its model doesn't have",
            "Template '{0}' reads '{1}', but {2} has no public property, field or parameterless method '{3}', so it renders empty{4}",
            Category,
            DiagnosticSeverity.Warning,
            isEnabledByDefault: true,
            helpLinkUri: HelpLinks.For(DiagnosticIds.UnknownTemplateMember));

        public static readonly DiagnosticDescriptor UntypedTemplateModel = new(
            DiagnosticIds.UntypedTemplateModel,
            "Template model part of unknown type",
            "Template '{0}' can't read {1}: its type comes from code another generator writes, which Micro's generator can't see, so it would render empty; declare its type or pass a record",
            Category,
            DiagnosticSeverity.Warning,
            isEnabledByDefault: true,
            helpLinkUri: HelpLinks.For(DiagnosticIds.UntypedTemplateModel));

        public static readonly DiagnosticDescriptor RenderedTemplateNotFound = Error(
            DiagnosticIds.RenderedTemplateNotFound,
            "Rendered template does not exist",
            "Template '{0}' is not in templates/; check the name or add the file");

        public static readonly DiagnosticDescriptor InvalidTemplateTag = Error(
            DiagnosticIds.InvalidTemplateTag,
            "Invalid [TemplateTag] method",
            "[TemplateTag] method {0} is invalid: {1}");

        public static readonly DiagnosticDescriptor TemplateTagClashesWithBuiltin = Error(
            DiagnosticIds.TemplateTagClashesWithBuiltin,
            "[TemplateTag] name clashes with a built-in",
            "'{0}' is a built-in {1}; give the [TemplateTag] another Name");

        public static readonly DiagnosticDescriptor DuplicateTemplateTag = Error(
            DiagnosticIds.DuplicateTemplateTag,
            "Duplicate [TemplateTag] name",
            "'{0}' is already the name of {1}; give one of them another Name");

        public static readonly DiagnosticDescriptor InvalidModel = Error(
            DiagnosticIds.InvalidModel,
            "Invalid model class",
            "Model {0} is invalid: {1}");

        public static readonly DiagnosticDescriptor InvalidKey = Error(
            DiagnosticIds.InvalidKey,
            "Invalid model key",
            "Model {0} {1}");

        public static readonly DiagnosticDescriptor UnsupportedColumnType = Error(
            DiagnosticIds.UnsupportedColumnType,
            "Property type can't be a column",
            "Property {0}.{1} has type {2}, which can't be a column; use a string, number, bool, date or time, Guid, enum or byte[], a [Model] class or a List of one, or mark it [NotMapped]");

        public static readonly DiagnosticDescriptor InvalidRelation = Error(
            DiagnosticIds.InvalidRelation,
            "Invalid relation",
            "Relation {0}.{1} is invalid: {2}");

        public static readonly DiagnosticDescriptor InvalidIndex = Error(
            DiagnosticIds.InvalidIndex,
            "Invalid index",
            "Index on {0} is invalid: {1}");

        public static readonly DiagnosticDescriptor DuplicateModelName = Error(
            DiagnosticIds.DuplicateModelName,
            "Duplicate model name",
            "Model {0} would use the {1} '{2}', which {3} already uses; give one of them [Model(Table = \"...\")] or another name");

        public static readonly DiagnosticDescriptor InvalidForm = Error(
            DiagnosticIds.InvalidForm,
            "Invalid form class",
            "Form {0} is invalid: {1}");

        public static readonly DiagnosticDescriptor UnsupportedFormField = Error(
            DiagnosticIds.UnsupportedFormField,
            "Property type can't be a form field",
            "Property {0}.{1} has type {2}, which a form field can't hold; use a string, bool, number, date or time, Guid, TimeSpan, enum, a type with a static TryParse method, or the nullable form of one");

        public static readonly DiagnosticDescriptor InvalidModelForm = Error(
            DiagnosticIds.InvalidModelForm,
            "Invalid model form",
            "Model form {0} is invalid: {1}");

        public static readonly DiagnosticDescriptor InvalidAdminOption = Error(
            DiagnosticIds.InvalidAdminOption,
            "Invalid admin option",
            "[Admin] on {0}: {1} names '{2}', which {3}");

        public static readonly DiagnosticDescriptor InvalidAdminInline = Error(
            DiagnosticIds.InvalidAdminInline,
            "Invalid admin inline",
            "[AdminInline(typeof({1}))] on {0}: {2}");

        public static readonly DiagnosticDescriptor AdminWithoutModel = Error(
            DiagnosticIds.AdminWithoutModel,
            "[Admin] on a class that is not a model",
            "[Admin] on {0} registers nothing: it is not a [Model] class; add [Model] or remove [Admin]");

        public static readonly DiagnosticDescriptor InvalidCleanMethod = Error(
            DiagnosticIds.InvalidCleanMethod,
            "Clean method with the wrong signature",
            "Form {0} has a Clean method that {1}; declare it as 'public void Clean(FormErrors errors)'");

        public static readonly DiagnosticDescriptor InvalidFieldAnnotation = Error(
            DiagnosticIds.InvalidFieldAnnotation,
            "Annotation a form field or JSON body property can't use",
            "[{0}] on {1}.{2} can't be used: {3}");

        public static readonly DiagnosticDescriptor TestNotCallable = Error(
            DiagnosticIds.TestNotCallable,
            "Generated code can't call this test",
            "{0} can't be a test: {1}");

        public static readonly DiagnosticDescriptor DuplicateTestName = Error(
            DiagnosticIds.DuplicateTestName,
            "Two tests have one name",
            "Another test is named '{0}' ({1}); give one of them another name");

        private static DiagnosticDescriptor Error(string id, string title, string message) =>
            new(id, title, message, Category, DiagnosticSeverity.Error, isEnabledByDefault: true,
                helpLinkUri: HelpLinks.For(id));

        private static DiagnosticDescriptor Warning(string id, string title, string message) =>
            new(id, title, message, Category, DiagnosticSeverity.Warning, isEnabledByDefault: true,
                helpLinkUri: HelpLinks.For(id));
    }
}

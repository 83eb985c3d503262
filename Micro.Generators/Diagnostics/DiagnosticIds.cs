namespace Micro.Generators.Diagnostics
{
    /// <summary>
    /// Every diagnostic ID Micro reports. Each is reported by exactly one component: the generator
    /// (what it needs to generate code) or Micro.Analyzers (MICRO0080 upward), which compiles this file too.
    /// </summary>
    internal static class DiagnosticIds
    {
        public const string InvalidRoutePattern = "MICRO0001";
        public const string UnknownRouteConverter = "MICRO0002";
        public const string RouteValueWithoutParameter = "MICRO0003";
        public const string RouteValueTypeMismatch = "MICRO0004";
        public const string HandlerNotCallable = "MICRO0005";
        public const string DuplicateRouteName = "MICRO0006";
        public const string UnsupportedParameter = "MICRO0007";
        public const string InvalidRouteRegex = "MICRO0008";
        public const string ClassViewWithoutVerbs = "MICRO0009";
        public const string InvalidRouteConverter = "MICRO0010";
        public const string DuplicateErrorHandler = "MICRO0011";
        public const string InvalidHttpMethod = "MICRO0012";
        public const string ObjectReturnType = "MICRO0013";
        public const string UnsupportedReturnType = "MICRO0014";
        public const string UnusableJsonMember = "MICRO0015";
        public const string UnusableJsonConverter = "MICRO0016";
        public const string InvalidJsonContract = "MICRO0017";
        public const string InvalidRouteGroup = "MICRO0018";
        public const string PositionalGroupsWithoutParameters = "MICRO0019";

        public const string CommandShadowsBuiltIn = "MICRO0020";
        public const string DuplicateCommandName = "MICRO0021";
        public const string UnsupportedCommandParameter = "MICRO0022";
        public const string CommandNotCallable = "MICRO0023";
        public const string InvalidCommandName = "MICRO0024";
        public const string CommandClassWithoutRun = "MICRO0025";
        public const string UnsupportedCommandReturn = "MICRO0026";
        public const string DuplicateCommandOption = "MICRO0027";
        public const string InvalidArgumentOrder = "MICRO0028";

        public const string TestNotCallable = "MICRO0030";
        public const string DuplicateTestName = "MICRO0031";

        public const string TemplateSyntaxError = "MICRO0040";
        public const string TemplateNotFound = "MICRO0041";
        public const string UnknownTemplateUrlName = "MICRO0042";
        public const string RenderedTemplateNotFound = "MICRO0043";
        public const string InvalidTemplateTag = "MICRO0044";
        public const string TemplateTagClashesWithBuiltin = "MICRO0045";
        public const string DuplicateTemplateTag = "MICRO0046";
        public const string UntypedTemplateModel = "MICRO0047";
        public const string UnknownStaticFile = "MICRO0048";
        public const string UnknownTemplateMember = "MICRO0049";
        public const string InvalidModel = "MICRO0060";
        public const string InvalidKey = "MICRO0061";
        public const string UnsupportedColumnType = "MICRO0062";
        public const string InvalidRelation = "MICRO0063";
        public const string InvalidIndex = "MICRO0064";
        public const string DuplicateModelName = "MICRO0065";

        public const string InvalidForm = "MICRO0070";
        public const string UnsupportedFormField = "MICRO0071";
        public const string InvalidModelForm = "MICRO0072";
        public const string InvalidCleanMethod = "MICRO0073";
        public const string InvalidFieldAnnotation = "MICRO0074";
        public const string InvalidAdminOption = "MICRO0075";
        public const string AdminWithoutModel = "MICRO0076";
        public const string InvalidAdminInline = "MICRO0077";

        // Reported by Micro.Analyzers.
        public const string UnreachableRoute = "MICRO0080";
        public const string UnknownRouteName = "MICRO0081";
        public const string ReverseValuesDontFit = "MICRO0082";
        public const string BodyOnGetRoute = "MICRO0083";
        public const string MethodsOnClassView = "MICRO0084";
        public const string HttpTypeInCommand = "MICRO0085";
        public const string IneffectiveBindingAttribute = "MICRO0086";
    }

    /// <summary>Where each diagnostic's help page is: <c>docs/diagnostics/ID.md</c> in Micro's repository.</summary>
    internal static class HelpLinks
    {
        private const string Base = "https://github.com/micro-framework/micro/blob/main/docs/diagnostics/";

        /// <summary>The absolute URL of <paramref name="id"/>'s help page, which editors open from the diagnostic.</summary>
        public static string For(string id) => Base + id + ".md";
    }
}

using Micro.Generators.Diagnostics;
using Microsoft.CodeAnalysis;

namespace Micro.Analyzers.Diagnostics
{
    /// <summary>The descriptors of the diagnostics Micro.Analyzers reports; the generator reports the others.</summary>
    internal static class AnalyzerDescriptors
    {
        private const string Category = "Micro";

        public static readonly DiagnosticDescriptor UnreachableRoute = Create(
            DiagnosticIds.UnreachableRoute,
            DiagnosticSeverity.Warning,
            "Route that never answers",
            "Route '{0}' never answers {1}: route '{2}' at {3} matches every URL it matches and is tried first, because {4}; change a pattern, the methods or the Order");

        public static readonly DiagnosticDescriptor UnknownRouteName = Create(
            DiagnosticIds.UnknownRouteName,
            DiagnosticSeverity.Error,
            "Reverse of a route name that doesn't exist",
            "No route is named '{0}', so reversing it throws NoReverseMatchException; {1}");

        public static readonly DiagnosticDescriptor ReverseValuesDontFit = Create(
            DiagnosticIds.ReverseValuesDontFit,
            DiagnosticSeverity.Error,
            "Reverse with values that don't fit the route",
            "Reversing route '{0}' throws NoReverseMatchException: {1}");

        public static readonly DiagnosticDescriptor BodyOnGetRoute = Create(
            DiagnosticIds.BodyOnGetRoute,
            DiagnosticSeverity.Warning,
            "Request body read by a route without a body method",
            "Parameter '{0}' reads the request body, but {1} answers only {2}, whose requests have no body; {3}");

        public static readonly DiagnosticDescriptor MethodsOnClassView = Create(
            DiagnosticIds.MethodsOnClassView,
            DiagnosticSeverity.Warning,
            "Methods set on a class-based view",
            "Methods is ignored on class-based view {0}, which answers the verbs it has methods for ({1}); {2}");

        public static readonly DiagnosticDescriptor HttpTypeInCommand = Create(
            DiagnosticIds.HttpTypeInCommand,
            DiagnosticSeverity.Error,
            "Command parameter that exists only during a request",
            "Parameter '{0}' of command {1} is {2}, which exists only while a request is handled, and commands run outside requests; take what it carries as an argument or an option");

        public static readonly DiagnosticDescriptor IneffectiveBindingAttribute = Create(
            DiagnosticIds.IneffectiveBindingAttribute,
            DiagnosticSeverity.Warning,
            "Binding attribute that has no effect",
            "[{0}] on parameter '{1}' has no effect: {2}; remove it");

        private static DiagnosticDescriptor Create(string id, DiagnosticSeverity severity, string title, string message, params string[] tags) =>
            new(id, title, message, Category, severity, isEnabledByDefault: true, helpLinkUri: HelpLinks.For(id), customTags: tags);
    }
}

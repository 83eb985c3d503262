using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace Micro.Generators.Routing
{
    /// <summary>
    /// One way a route is mounted through the <c>[RouteGroup]</c> classes it is declared in: a group attribute of each
    /// containing class, outermost first. A class with two group attributes mounts its routes twice (Django's two
    /// <c>include()</c>s of one urlconf), so a route has one mount per combination of its classes' attributes.
    /// </summary>
    internal sealed class RouteGroupMount
    {
        private RouteGroupMount(List<(INamedTypeSymbol Type, AttributeData Attribute)> groups)
        {
            Groups = groups;
            Prefixes = groups.Select(static g => Prefix(g.Attribute)).ToList();
            var namespaces = groups.Select(static g => NamesOf(g.Attribute)).Where(static n => n is not null).Select(static n => n!.Value).ToList();
            Namespace = namespaces.Count == 0 ? null : string.Join(":", namespaces.Select(static n => n.Namespace));
            AppName = namespaces.Count == 0 ? null : string.Join(":", namespaces.Select(static n => n.AppName));
        }

        /// <summary>The group classes and the attribute of each this mount goes through, outermost first.</summary>
        public IReadOnlyList<(INamedTypeSymbol Type, AttributeData Attribute)> Groups { get; }

        public IReadOnlyList<string> Prefixes { get; }

        /// <summary>The instance namespaces of the namespaced groups, joined with <c>:</c> (Django's <c>resolver_match.namespace</c>), or null.</summary>
        public string? Namespace { get; }

        /// <summary>Their application namespaces, joined with <c>:</c> (Django's <c>resolver_match.app_name</c>), or null.</summary>
        public string? AppName { get; }

        /// <summary>A route name under this mount's namespaces: <c>blog:post_detail</c>.</summary>
        public string? Qualified(string? name) => name is null || Namespace is null ? name : Namespace + ":" + name;

        /// <summary>
        /// Every mount of a route declared on <paramref name="target"/>, in declaration order (the outer group's attributes
        /// first); null when a group's attribute is invalid (its routes are left out; the group's own check reports it).
        /// </summary>
        public static List<RouteGroupMount>? For(ISymbol target, Func<INamedTypeSymbol, IEnumerable<AttributeData>> groupAttributes)
        {
            var partial = new List<List<(INamedTypeSymbol, AttributeData)>> { new List<(INamedTypeSymbol, AttributeData)>() };
            for (var type = target.ContainingType; type is not null; type = type.ContainingType)
            {
                var attributes = groupAttributes(type).ToList();
                if (attributes.Count == 0)
                {
                    continue;
                }

                if (attributes.Any(static a => Problem(a) is not null))
                {
                    return null;
                }

                var outer = new List<List<(INamedTypeSymbol, AttributeData)>>();
                foreach (var attribute in attributes)
                {
                    foreach (var inner in partial)
                    {
                        var mount = new List<(INamedTypeSymbol, AttributeData)> { (type, attribute) };
                        mount.AddRange(inner);
                        outer.Add(mount);
                    }
                }

                partial = outer;
            }

            return partial.Select(static groups => new RouteGroupMount(groups)).ToList();
        }

        /// <summary>
        /// The names a route named <paramref name="name"/> (with its namespaces) is reversed by: that name, and the same with any of
        /// its namespaces written as its application namespace (<c>blog:post_detail</c> for the instance <c>news</c> of the app
        /// <c>blog</c>); none without a name.
        /// </summary>
        public static IEnumerable<string> ReverseNames(string? name, string? instanceNamespace, string? appName)
        {
            if (name is null)
            {
                return Enumerable.Empty<string>();
            }

            if (instanceNamespace is null || !name.StartsWith(instanceNamespace + ":", StringComparison.Ordinal))
            {
                return new[] { name };
            }

            var instances = instanceNamespace.Split(':');
            var apps = appName?.Split(':') ?? instances;
            var prefixes = new List<string> { "" };
            for (var i = 0; i < instances.Length; i++)
            {
                var choices = i < apps.Length && apps[i] != instances[i] ? new[] { instances[i], apps[i] } : new[] { instances[i] };
                prefixes = prefixes.SelectMany(prefix => choices.Select(choice => prefix + choice + ":")).ToList();
            }

            var urlName = name.Substring(instanceNamespace.Length + 1);
            return prefixes.Select(prefix => prefix + urlName);
        }

        public static string Prefix(AttributeData attribute) =>
            attribute.ConstructorArguments.Length > 0 ? attribute.ConstructorArguments[0].Value as string ?? "" : "";

        /// <summary>Why a <c>[RouteGroup]</c> can't be used (its prefix, its namespace), or null when it can.</summary>
        public static string? Problem(AttributeData attribute)
        {
            if (RoutePatternSyntax.GroupPrefixProblem(Prefix(attribute)) is { } problem)
            {
                return problem;
            }

            foreach (var property in new[] { "AppName", "Namespace" })
            {
                if (Named(attribute, property) is not { } value)
                {
                    continue;
                }

                if (value.Length == 0 || value.Any(static ch => ch == ':' || char.IsWhiteSpace(ch) || char.IsControl(ch)))
                {
                    return $"{property} \"{value}\" must be a non-empty name without ':' or spaces (':' separates namespaces when reversing)";
                }
            }

            return null;
        }

        /// <summary>The group's instance and application namespaces (each defaults to the other), or null for a group without them.</summary>
        private static (string Namespace, string AppName)? NamesOf(AttributeData attribute)
        {
            var appName = Named(attribute, "AppName");
            var instance = Named(attribute, "Namespace");
            return appName is null && instance is null ? null : (instance ?? appName!, appName ?? instance!);
        }

        private static string? Named(AttributeData attribute, string name) =>
            attribute.NamedArguments.Where(a => a.Key == name).Select(static a => a.Value.Value as string).FirstOrDefault();
    }
}

using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Micro.Analyzers.Shared;
using Micro.Generators.Routing;
using Micro.Generators.Shared;
using Micro.Generators.Routing.Model;
using Microsoft.CodeAnalysis;

namespace Micro.Analyzers.Routing
{
    /// <summary>One <c>[Route]</c> as the generator reads it: its pattern, name, methods and order.</summary>
    internal sealed class RouteDeclaration
    {
        /// <summary>The verb methods of a class-based view, in the order the generator looks for them.</summary>
        public static readonly string[] ViewVerbs = { "Get", "Post", "Put", "Patch", "Delete", "Head", "Options" };

        public static readonly string[] HttpMethods = { "GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS", "TRACE", "CONNECT" };

        private RouteDeclaration(ISymbol target, AttributeData attribute, Location location)
        {
            Target = target;
            Attribute = attribute;
            Location = location;
        }

        /// <summary>The names it is reversed by: its name with its namespaces, and with their application namespaces.</summary>
        public IReadOnlyList<string> ReverseNames { get; private set; } = Array.Empty<string>();

        /// <summary>The handler method, or the class of a class-based view.</summary>
        public ISymbol Target { get; }

        public AttributeData Attribute { get; }

        /// <summary>Where the attribute is written; the generator reports there too.</summary>
        public Location Location { get; }

        public string Pattern { get; private set; } = "";

        public bool IsRegex { get; private set; }

        public string? Name { get; private set; }

        public int Order { get; private set; }

        /// <summary>The methods set with <c>Methods = "..."</c>, upper case, without duplicates.</summary>
        public IReadOnlyList<string> DeclaredMethods { get; private set; } = Array.Empty<string>();

        /// <summary>The methods the route answers, as the generator computes them.</summary>
        public IReadOnlyList<string> Methods { get; private set; } = Array.Empty<string>();

        /// <summary>
        /// The methods a handler the user wrote answers: <see cref="Methods"/> without the OPTIONS every
        /// class-based view answers by itself.
        /// </summary>
        public IReadOnlyList<string> HandledMethods { get; private set; } = Array.Empty<string>();

        public bool IsClassView => Target is INamedTypeSymbol;

        /// <summary>Whether the pattern (or regular expression) is valid and every method is an HTTP method.</summary>
        public bool IsValid { get; private set; }

        /// <summary>The literal text and values of the pattern; null when the pattern is invalid or a regular expression that can't be reversed.</summary>
        public IReadOnlyList<PatternPart>? Parts { get; private set; }

        /// <summary>A regex route's ways of reversing (Django's normalize); null for a path route or a regex that can't be reversed.</summary>
        public IReadOnlyList<List<PatternPart>>? Reversals { get; private set; }

        /// <summary>The regular expression in .NET syntax, for a regex route.</summary>
        public string? Regex { get; private set; }

        /// <summary>The route values, in pattern order.</summary>
        public IReadOnlyList<string> ValueNames { get; private set; } = Array.Empty<string>();

        /// <summary>The routes declared on <paramref name="symbol"/>, a method or a class.</summary>
        public static IEnumerable<RouteDeclaration> On(ISymbol symbol, MicroTypes types, CancellationToken cancellationToken)
        {
            // As the generator mounts them: once per combination of the [RouteGroup] attributes of the classes it is declared in.
            var mounts = RouteGroupMount.For(
                symbol, static type => type.GetAttributes().Where(static a => a.AttributeClass?.ToDisplayString() == KnownNames.RouteGroupAttribute));
            foreach (var attribute in symbol.GetAttributes())
            {
                if (MicroTypes.Is(attribute, types.Route))
                {
                    if (mounts is null)
                    {
                        // An invalid group: its routes are left out, as the generator leaves them.
                        yield return Read(symbol, attribute, null, cancellationToken);
                        continue;
                    }

                    foreach (var mount in mounts)
                    {
                        yield return Read(symbol, attribute, mount, cancellationToken);
                    }
                }
            }
        }

        private static RouteDeclaration Read(ISymbol target, AttributeData attribute, RouteGroupMount? mount, CancellationToken cancellationToken)
        {
            var route = new RouteDeclaration(target, attribute, SymbolText.AttributeLocation(attribute, target, cancellationToken))
            {
                Pattern = attribute.ConstructorArguments.Length > 0 ? attribute.ConstructorArguments[0].Value as string ?? "" : "",
                Name = mount?.Qualified(NamedArgument<string>(attribute, "Name")) ?? NamedArgument<string>(attribute, "Name"),
                IsRegex = NamedArgument<bool>(attribute, "Regex"),
                Order = NamedArgument<int>(attribute, "Order"),
            };

            route.ReverseNames = RouteGroupMount.ReverseNames(route.Name, mount?.Namespace, mount?.AppName).ToList();
            route.DeclaredMethods = (NamedArgument<string>(attribute, "Methods") ?? "")
                .Split(new[] { ',', ' ' }, StringSplitOptions.RemoveEmptyEntries)
                .Select(static m => m.ToUpperInvariant()).Distinct().ToList();
            var valid = mount is not null && route.DeclaredMethods.All(static m => Array.IndexOf(HttpMethods, m) >= 0);
            route.Pattern = RoutePatternSyntax.Prefixed(mount?.Prefixes ?? Array.Empty<string>(), route.Pattern, route.IsRegex);

            string? error;
            if (route.IsRegex)
            {
                route.Regex = RoutePatternSyntax.ParseRegex(route.Pattern, out var parts, out var groups, out _, out error);
                route.Parts = parts;
                route.ValueNames = groups;
                route.Reversals = error is null ? RegexReversal.Normalize(route.Pattern) : null;
            }
            else
            {
                var parts = RoutePatternSyntax.ParsePath(route.Pattern, out error);
                route.Parts = error is null ? parts : null;
                route.ValueNames = parts.Where(static p => !p.IsLiteral).Select(static p => p.Name!).ToList();
            }

            route.IsValid = valid && error is null;

            if (target is INamedTypeSymbol view)
            {
                var handled = ViewVerbs.Where(verb => VerbMethod(view, verb) is not null).Select(static v => v.ToUpperInvariant()).ToList();
                if (handled.Contains("GET") && !handled.Contains("HEAD"))
                {
                    handled.Insert(handled.IndexOf("GET") + 1, "HEAD");
                }

                route.HandledMethods = handled;
                route.Methods = handled.Contains("OPTIONS") ? handled : handled.Concat(new[] { "OPTIONS" }).ToList();
            }
            else
            {
                route.Methods = route.DeclaredMethods.Count > 0 ? route.DeclaredMethods : new[] { "GET", "HEAD" };
                route.HandledMethods = route.Methods;
            }

            return route;
        }

        /// <summary>The static method of a class-based view that handles <paramref name="verb"/> (<c>Get</c>), as the generator finds it.</summary>
        public static IMethodSymbol? VerbMethod(INamedTypeSymbol view, string verb) =>
            view.GetMembers(verb).OfType<IMethodSymbol>()
                .FirstOrDefault(static m => m.IsStatic && m.DeclaredAccessibility is Accessibility.Public or Accessibility.Internal);

        /// <summary>The handlers of the route: the method, or the verb methods of a class-based view.</summary>
        public IEnumerable<IMethodSymbol> Handlers()
        {
            if (Target is IMethodSymbol method)
            {
                yield return method;
                yield break;
            }

            foreach (var verb in ViewVerbs)
            {
                if (VerbMethod((INamedTypeSymbol)Target, verb) is { } handler)
                {
                    yield return handler;
                }
            }
        }

        private static T? NamedArgument<T>(AttributeData attribute, string name)
        {
            foreach (var argument in attribute.NamedArguments)
            {
                if (argument.Key == name && argument.Value.Value is T value)
                {
                    return value;
                }
            }

            return default;
        }
    }
}

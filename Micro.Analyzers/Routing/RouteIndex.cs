using System;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Threading;
using Micro.Analyzers.Shared;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Micro.Analyzers.Routing
{
    /// <summary>
    /// Every <c>[Route]</c> of a compilation, in the generator's declaration order (file path, then
    /// position), built once per compilation for the rules that compare a route or a reverse with the others.
    /// </summary>
    internal sealed class RouteIndex
    {
        private readonly Dictionary<string, List<RouteDeclaration>> _byName;

        private static readonly ConditionalWeakTable<Compilation, RouteIndex> s_indexes = new();

        private readonly Compilation _compilation;

        private RouteIndex(Compilation compilation, List<RouteDeclaration> routes)
        {
            _compilation = compilation;
            Routes = routes;
            _byName = new Dictionary<string, List<RouteDeclaration>>(StringComparer.Ordinal);
            foreach (var route in routes)
            {
                foreach (var name in route.ReverseNames)
                {
                    if (!_byName.TryGetValue(name, out var named))
                    {
                        _byName[name] = named = new List<RouteDeclaration>();
                    }

                    named.Add(route);
                }
            }
        }

        public IReadOnlyList<RouteDeclaration> Routes { get; }

        public IEnumerable<string> Names => _byName.Keys;

        public IReadOnlyList<RouteDeclaration> Named(string name) =>
            _byName.TryGetValue(name, out var routes) ? routes : (IReadOnlyList<RouteDeclaration>)Array.Empty<RouteDeclaration>();

        /// <summary>
        /// The index of <paramref name="compilation"/>, built once and shared by every rule and fix that asks.
        /// Built from the declared symbols (no semantic model of other files), so it is cheap enough for every keystroke.
        /// </summary>
        public static RouteIndex For(Compilation compilation, MicroTypes types, CancellationToken cancellationToken) =>
            s_indexes.GetValue(compilation, c => Build(c, types, cancellationToken));

        /// <summary>
        /// Whether a local function declares a route named <paramref name="name"/>. Generated code can't call
        /// local functions (MICRO0005), so they are not in the index, but their names are not unknown either.
        /// </summary>
        public bool IsNamedOnLocalFunction(string name, CancellationToken cancellationToken)
        {
            foreach (var tree in _compilation.SyntaxTrees)
            {
                var root = tree.GetRoot(cancellationToken);
                foreach (var function in root.DescendantNodes().OfType<LocalFunctionStatementSyntax>())
                {
                    var named = function.AttributeLists.SelectMany(static l => l.Attributes)
                        .SelectMany(static a => a.ArgumentList?.Arguments ?? default)
                        .Any(a => a.NameEquals?.Name.Identifier.ValueText == "Name" && a.Expression is LiteralExpressionSyntax literal && literal.Token.ValueText == name);
                    if (named)
                    {
                        return true;
                    }
                }
            }

            return false;
        }

        private static RouteIndex Build(Compilation compilation, MicroTypes types, CancellationToken cancellationToken)
        {
            var routes = new List<RouteDeclaration>();
            foreach (var symbol in compilation.GetSymbolsWithName(static _ => true, SymbolFilter.TypeAndMember, cancellationToken))
            {
                if (symbol is IMethodSymbol { MethodKind: MethodKind.Ordinary } or INamedTypeSymbol)
                {
                    routes.AddRange(RouteDeclaration.On(symbol, types, cancellationToken));
                }
            }

            routes.Sort(static (a, b) =>
            {
                var byFile = string.CompareOrdinal(a.Location.SourceTree?.FilePath, b.Location.SourceTree?.FilePath);
                return byFile != 0 ? byFile : a.Location.SourceSpan.Start.CompareTo(b.Location.SourceSpan.Start);
            });
            return new RouteIndex(compilation, routes);
        }
    }
}

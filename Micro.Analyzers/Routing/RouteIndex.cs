using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Micro.Analyzers.Shared;
using Microsoft.CodeAnalysis;

namespace Micro.Analyzers.Routing
{
    /// <summary>
    /// Every <c>[Route]</c> of a compilation, in the generator's declaration order (file path, then
    /// position), built once per compilation for the rules that compare a route or a reverse with the others.
    /// </summary>
    internal sealed class RouteIndex
    {
        private readonly Dictionary<string, List<RouteDeclaration>> _byName;

        private RouteIndex(List<RouteDeclaration> routes)
        {
            Routes = routes;
            _byName = new Dictionary<string, List<RouteDeclaration>>(StringComparer.Ordinal);
            foreach (var route in routes.Where(static r => r.Name is not null))
            {
                if (!_byName.TryGetValue(route.Name!, out var named))
                {
                    _byName[route.Name!] = named = new List<RouteDeclaration>();
                }

                named.Add(route);
            }
        }

        public IReadOnlyList<RouteDeclaration> Routes { get; }

        public IEnumerable<string> Names => _byName.Keys;

        public IReadOnlyList<RouteDeclaration> Named(string name) =>
            _byName.TryGetValue(name, out var routes) ? routes : (IReadOnlyList<RouteDeclaration>)Array.Empty<RouteDeclaration>();

        /// <summary>
        /// A lazily built index, shared by the actions of one compilation's analysis. Built from the
        /// declared symbols (no semantic model of other files), so it is cheap enough for every keystroke.
        /// </summary>
        public static Lazy<RouteIndex> CreateLazy(Compilation compilation, MicroTypes types, CancellationToken cancellationToken) =>
            new(() => Build(compilation, types, cancellationToken), LazyThreadSafetyMode.PublicationOnly);

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
            return new RouteIndex(routes);
        }
    }
}

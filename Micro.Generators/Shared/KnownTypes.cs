using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;

namespace Micro.Generators.Shared
{
    /// <summary>
    /// The types the generator looks for (<see cref="KnownNames"/>), resolved once per compilation and compared as symbols:
    /// a user's own type that happens to share a name never passes for one of them.
    /// </summary>
    internal sealed class KnownTypes
    {
        // One set per compilation; the weak table never keeps a compilation alive.
        private static readonly ConditionalWeakTable<Compilation, KnownTypes> s_byCompilation = new();

        private readonly Compilation _compilation;
        private readonly ConcurrentDictionary<string, INamedTypeSymbol?> _types = new(StringComparer.Ordinal);

        private ValueParsing? _parsing;

        private KnownTypes(Compilation compilation) => _compilation = compilation;

        /// <summary>How values are read from text (route values, query strings, forms, command lines) in this compilation.</summary>
        public ValueParsing Parsing => _parsing ??= new ValueParsing(this);

        public static KnownTypes For(Compilation compilation) => s_byCompilation.GetValue(compilation, static c => new KnownTypes(c));

        /// <summary>The type with <paramref name="metadataName"/> (one of <see cref="KnownNames"/>), or null when the compilation has none.</summary>
        public INamedTypeSymbol? Get(string metadataName) => _types.GetOrAdd(metadataName, _compilation.GetTypeByMetadataName);

        /// <summary>Whether <paramref name="type"/> (or, for a constructed generic type, its definition) is the type named <paramref name="metadataName"/>.</summary>
        public bool Is(ITypeSymbol? type, string metadataName) =>
            type is not null && Get(metadataName) is { } known && SymbolEqualityComparer.Default.Equals(type.OriginalDefinition, known);

        /// <summary>Which of <paramref name="metadataNames"/> <paramref name="type"/> is, or null.</summary>
        public string? Which(ITypeSymbol? type, params string[] metadataNames) => metadataNames.FirstOrDefault(name => Is(type, name));

        /// <summary>Whether <paramref name="type"/> is, or implements, the interface named <paramref name="interfaceName"/>.</summary>
        public bool Implements(ITypeSymbol type, string interfaceName) =>
            Is(type, interfaceName) || type.AllInterfaces.Any(i => Is(i, interfaceName));

        /// <summary>The attributes of <paramref name="symbol"/> of the attribute class named <paramref name="attributeName"/>.</summary>
        public IEnumerable<AttributeData> Attributes(ISymbol symbol, string attributeName) =>
            symbol.GetAttributes().Where(a => Is(a.AttributeClass, attributeName));

        public bool HasAttribute(ISymbol symbol, string attributeName) => Attributes(symbol, attributeName).Any();

        /// <summary>
        /// Whether generated code can read <paramref name="method"/> as a value, as Django calls a callable in a template or an admin
        /// list: a public instance method that returns something and needs no argument. Not a generic or an async one (nothing awaits
        /// it), nor an override (its declaration in a base type is read instead).
        /// </summary>
        public bool IsReadableMethod(IMethodSymbol method)
        {
            if (method is not { MethodKind: MethodKind.Ordinary, IsStatic: false, IsOverride: false, IsGenericMethod: false, ReturnsVoid: false,
                    ReturnsByRef: false, ReturnsByRefReadonly: false, DeclaredAccessibility: Accessibility.Public, CanBeReferencedByName: true }
                || !method.Parameters.All(static p => p.IsOptional || p.IsParams)
                || method.Name is "GetEnumerator" or "GetAsyncEnumerator")
            {
                return false;
            }

            Awaited(method.ReturnType, out var awaitable);
            return !awaitable && !Implements(method.ReturnType, KnownNames.IAsyncEnumerable) && CanBeObject(method.ReturnType);
        }

        /// <summary>Whether a value of <paramref name="type"/> can be an <c>object</c>: not a span or another ref struct, nor a pointer.</summary>
        public static bool CanBeObject(ITypeSymbol type) =>
            !type.IsRefLikeType && type.TypeKind is not (TypeKind.Pointer or TypeKind.FunctionPointer);

        /// <summary>
        /// What awaiting a value of <paramref name="type"/> gives: <c>T</c> for <c>Task&lt;T&gt;</c> and <c>ValueTask&lt;T&gt;</c>, null for
        /// <c>Task</c> and <c>ValueTask</c> (<paramref name="awaitable"/> tells those apart from a plain type, which is returned as it is).
        /// </summary>
        public ITypeSymbol? Awaited(ITypeSymbol type, out bool awaitable)
        {
            awaitable = true;
            if (Which(type, KnownNames.Task, KnownNames.ValueTask) is not null)
            {
                return null;
            }

            if (type is INamedTypeSymbol { TypeArguments.Length: 1 } generic && Which(generic, KnownNames.TaskOfT, KnownNames.ValueTaskOfT) is not null)
            {
                return generic.TypeArguments[0];
            }

            awaitable = false;
            return type;
        }
    }
}

using System.Collections;
using System.Reflection;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace Micro.Generators.Tests.Infrastructure;

/// <summary>
/// Walks the values a pipeline step produced and reports anything that would keep a compilation alive
/// or defeat caching: symbols, syntax, compilations, semantic models, locations, or any other Roslyn
/// object besides the few plain values models may hold.
/// </summary>
internal static class ModelGraph
{
    /// <summary>Roslyn types a model may hold: plain values that reference no compilation.</summary>
    private static readonly HashSet<Type> s_allowedRoslynTypes =
    [
        typeof(DiagnosticDescriptor),
        typeof(DiagnosticSeverity),
        typeof(TextSpan),
        typeof(LinePosition),
        typeof(LinePositionSpan),
    ];

    private static readonly Type[] s_forbidden =
    [
        typeof(ISymbol), typeof(SyntaxNode), typeof(SyntaxTree), typeof(SyntaxToken), typeof(SyntaxReference),
        typeof(Compilation), typeof(SemanticModel), typeof(Location), typeof(AttributeData), typeof(TypedConstant),
    ];

    private static readonly Assembly s_generatorAssembly = typeof(MicroGenerator).Assembly;

    /// <summary>Paths (from <paramref name="rootName"/>) to every forbidden object under <paramref name="root"/>.</summary>
    public static List<string> FindForbidden(object? root, string rootName)
    {
        var problems = new List<string>();
        var visited = new HashSet<object>(ReferenceEqualityComparer.Instance);
        Visit(root, rootName, problems, visited);
        return problems;
    }

    /// <summary>The names of the generator's own model types found under <paramref name="root"/>, so a test can show the walk reached them.</summary>
    public static HashSet<string> ModelTypes(object? root)
    {
        var types = new HashSet<string>(StringComparer.Ordinal);
        var visited = new HashSet<object>(ReferenceEqualityComparer.Instance);
        Visit(root, "", [], visited, types);
        return types;
    }

    private static void Visit(object? value, string path, List<string> problems, HashSet<object> visited, HashSet<string>? types = null)
    {
        if (value is null or string or Enum || value.GetType().IsPrimitive)
        {
            return;
        }

        var type = value.GetType();
        if (!type.IsValueType && !visited.Add(value))
        {
            return;
        }

        if (s_forbidden.Any(forbidden => forbidden.IsAssignableFrom(type)))
        {
            problems.Add($"{path}: {type.FullName}");
            return;
        }

        if (type.Assembly.GetName().Name!.StartsWith("Microsoft.CodeAnalysis", StringComparison.Ordinal))
        {
            if (!s_allowedRoslynTypes.Contains(type))
            {
                problems.Add($"{path}: {type.FullName} (a Roslyn type that models don't hold)");
            }

            return;
        }

        if (value is IEnumerable items && type.Assembly != s_generatorAssembly)
        {
            var index = 0;
            foreach (var item in items)
            {
                Visit(item, $"{path}[{index++}]", problems, visited, types);
            }

            return;
        }

        if (type.Assembly == s_generatorAssembly || value is ITuple)
        {
            if (type.Assembly == s_generatorAssembly)
            {
                types?.Add(type.IsGenericType ? type.Name[..type.Name.IndexOf('`')] : type.Name);
            }

            for (var current = type; current is not null && current != typeof(object); current = current.BaseType)
            {
                foreach (var field in current.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
                {
                    Visit(field.GetValue(value), $"{path}.{field.Name}", problems, visited, types);
                }
            }

            return;
        }

        problems.Add($"{path}: {type.FullName} (an unexpected type in a model)");
    }
}

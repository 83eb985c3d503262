using System.ComponentModel;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Text;

namespace Micro.Runtime.Tests.PublicApi;

/// <summary>
/// Micro.Runtime's public API, pinned: <c>Micro.Runtime/PublicAPI.txt</c> lists every public type and member, with the
/// entry points of generated code (hidden from IntelliSense) first. A change to the API fails here, writes
/// <c>PublicAPI.received.txt</c> beside the listed file, and is accepted as snapshots are (tests/accept-snapshots.sh).
/// </summary>
public sealed class PublicApiTests
{
    [Fact]
    public void The_public_API_is_the_one_listed()
    {
        var listed = Path.Combine(RepositoryRoot(), "Micro.Runtime", "PublicAPI.txt");
        var received = Path.Combine(RepositoryRoot(), "Micro.Runtime", "PublicAPI.received.txt");
        var actual = Describe(typeof(MicroApp).Assembly);
        var expected = File.Exists(listed) ? File.ReadAllText(listed).Replace("\r\n", "\n") : "";
        if (actual == expected)
        {
            File.Delete(received);
            return;
        }

        File.WriteAllText(received, actual);
        var actualLines = actual.Split('\n');
        var expectedLines = expected.Split('\n');
        var first = Enumerable.Range(0, Math.Min(actualLines.Length, expectedLines.Length)).FirstOrDefault(i => actualLines[i] != expectedLines[i], -1);
        Assert.Fail(first < 0
            ? $"Micro.Runtime's public API changed: {received} has {actualLines.Length} lines where PublicAPI.txt has {expectedLines.Length}. Review it, then run tests/accept-snapshots.sh."
            : $"Micro.Runtime's public API changed at line {first + 1}:\n  listed:   {expectedLines[first]}\n  actual:   {actualLines[first]}\nReview {received}, then run tests/accept-snapshots.sh.");
    }

    [Fact]
    public void Every_entry_point_of_generated_code_is_hidden()
    {
        // What the generated code of every snapshot calls: a hidden member, a member of a hidden type, or a definition's constructor.
        var hidden = Describe(typeof(MicroApp).Assembly).Split("\n## Everything else")[0];

        Assert.Contains("M:Micro.Hosting.AppManifest.Register(System.Reflection.Assembly, System.Func<Micro.Hosting.AppManifest>)", hidden);
        Assert.Contains("M:Micro.Routing.RouteTable..ctor(Micro.Routing.RouteDefinition[], Micro.Routing.ErrorHandlerDefinition[], System.String = null)", hidden);
        Assert.Contains("T:Micro.Routing.BodyErrors", hidden);
        Assert.Contains("T:Micro.Routing.RequestBinding", hidden);
        Assert.Contains("T:Micro.Routing.ResponseWriter", hidden);
    }

    /// <summary>One line per public type and member, sorted; hidden ones (<see cref="EditorBrowsableState.Never"/>) first.</summary>
    [System.Diagnostics.CodeAnalysis.UnconditionalSuppressMessage("Trimming", "IL2026", Justification = "Tests run under the JIT; nothing is trimmed.")]
    [System.Diagnostics.CodeAnalysis.UnconditionalSuppressMessage("Trimming", "IL2075", Justification = "Tests run under the JIT; nothing is trimmed.")]
    internal static string Describe(Assembly assembly)
    {
        var hidden = new List<string>();
        var visible = new List<string>();
        foreach (var type in assembly.GetExportedTypes())
        {
            var typeHidden = IsHidden(type);
            (typeHidden ? hidden : visible).Add($"T:{Name(type)}{TypeKind(type)}");
            foreach (var member in type.GetMembers(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly))
            {
                if (member is MethodInfo { IsSpecialName: true } || member is Type)
                {
                    continue;
                }

                (typeHidden || IsHidden(member) ? hidden : visible).Add(Describe(member));
            }
        }

        var text = new StringBuilder()
            .Append("# Micro.Runtime's public API (pinned by tests/Micro.Runtime.Tests/PublicApi/PublicApiTests.cs).\n")
            .Append("\n## Entry points of generated code: hidden from IntelliSense ([EditorBrowsable(Never)])\n\n");
        foreach (var line in hidden.Order(StringComparer.Ordinal))
        {
            text.Append(line).Append('\n');
        }

        text.Append("\n## Everything else\n\n");
        foreach (var line in visible.Order(StringComparer.Ordinal))
        {
            text.Append(line).Append('\n');
        }

        return text.ToString();
    }

    private static bool IsHidden(MemberInfo member) =>
        member.GetCustomAttribute<EditorBrowsableAttribute>() is { State: EditorBrowsableState.Never };

    private static string TypeKind(Type type) =>
        type.IsEnum ? " (enum)"
        : type.IsInterface ? " (interface)"
        : type.IsValueType ? " (struct)"
        : typeof(Delegate).IsAssignableFrom(type) ? " (delegate)"
        : type.IsAbstract && type.IsSealed ? " (static class)"
        : type.IsAbstract ? " (abstract class)"
        : type.IsSealed ? " (sealed class)"
        : " (class)";

    private static string Describe(MemberInfo member) => member switch
    {
        ConstructorInfo constructor => $"M:{Name(constructor.DeclaringType!)}..ctor({Parameters(constructor)})",
        MethodInfo method => $"M:{Name(method.DeclaringType!)}.{method.Name}{Generic(method)}({Parameters(method)}) -> {Name(method.ReturnType)}{(method.IsStatic ? " static" : "")}",
        PropertyInfo property => $"P:{Name(property.DeclaringType!)}.{property.Name} : {Name(property.PropertyType)}{(property.GetMethod?.IsStatic == true ? " static" : "")}"
            + (property.GetSetMethod() is { } setter ? setter.ReturnParameter.GetRequiredCustomModifiers().Any(static m => m.Name == "IsExternalInit") ? " { get; init; }" : " { get; set; }" : " { get; }"),
        FieldInfo field => $"F:{Name(field.DeclaringType!)}.{field.Name} : {Name(field.FieldType)}{(field.IsLiteral ? " const" : field.IsStatic ? " static" : "")}",
        EventInfo @event => $"E:{Name(@event.DeclaringType!)}.{@event.Name} : {Name(@event.EventHandlerType!)}",
        _ => $"?:{member}",
    };

    private static string Generic(MethodInfo method) =>
        method.IsGenericMethodDefinition ? "<" + string.Join(", ", method.GetGenericArguments().Select(static a => a.Name)) + ">" : "";

    private static string Parameters(MethodBase method) =>
        string.Join(", ", method.GetParameters().Select(static p =>
            (p.IsOut ? "out " : p.ParameterType.IsByRef ? "ref " : "")
            + (p.GetCustomAttribute<ParamArrayAttribute>() is not null ? "params " : "")
            + Name(p.ParameterType.IsByRef ? p.ParameterType.GetElementType()! : p.ParameterType)
            + (p.HasDefaultValue ? " = " + (p.DefaultValue is null ? "null" : p.DefaultValue is string s ? $"\"{s}\"" : p.DefaultValue is bool b ? (b ? "true" : "false") : Convert.ToString(p.DefaultValue, System.Globalization.CultureInfo.InvariantCulture)) : "")));

    private static string Name(Type type)
    {
        if (type.IsGenericParameter)
        {
            return type.Name;
        }

        if (type.IsArray)
        {
            return Name(type.GetElementType()!) + "[" + new string(',', type.GetArrayRank() - 1) + "]";
        }

        if (type.IsByRef)
        {
            return Name(type.GetElementType()!);
        }

        var name = type.IsNested ? Name(type.DeclaringType!) + "." + type.Name : type.Namespace + "." + type.Name;
        var tick = name.IndexOf('`', StringComparison.Ordinal);
        if (tick >= 0)
        {
            name = name[..tick];
        }

        var arguments = type.IsNested && type.DeclaringType!.IsGenericType
            ? type.GetGenericArguments().Skip(type.DeclaringType.GetGenericArguments().Length)
            : type.GetGenericArguments();
        var list = arguments.ToList();
        return list.Count == 0 ? name : name + "<" + string.Join(", ", list.Select(Name)) + ">";
    }

    private static string RepositoryRoot([CallerFilePath] string thisFile = "") =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(thisFile)!, "..", "..", ".."));
}

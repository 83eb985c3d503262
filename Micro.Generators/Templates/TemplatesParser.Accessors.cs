using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Micro.Generators.Routing.Model;
using Micro.Generators.Shared;
using Micro.Generators.Templates.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

namespace Micro.Generators.Templates
{
    /// <summary>The accessors templates read the app's types with, and the types they reach.</summary>
    internal static partial class TemplatesParser
    {
        /// <summary>Collects the accessors of the types a model reaches, with the compilation's known types at hand.</summary>
        private sealed class AccessorCollector(Compilation compilation, CancellationToken cancellationToken)
        {
            private readonly KnownTypes _known = KnownTypes.For(compilation);
            private readonly Dictionary<string, AccessorModel> _accessors = new(StringComparer.Ordinal);

            public EquatableArray<AccessorModel> Collect(ITypeSymbol type)
            {
                Add(type);
                return _accessors.Values.OrderBy(static a => a.Key, StringComparer.Ordinal).ToEquatableArray();
            }

            /// <summary>The key of the accessor templates read <paramref name="type"/> through; null when none is written for it (a framework type, a form, a sequence).</summary>
            public string? KeyOf(ITypeSymbol type)
            {
                if (type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } nullable)
                {
                    type = nullable.TypeArguments[0];
                }

                return type is INamedTypeSymbol named && HasAccessor(named) && ElementOf(named) is null ? Key(named) : null;
            }

            /// <summary>What a member of <paramref name="type"/> leads to: an accessor's key, or for a list or an array the key of its items.</summary>
            private (string? TypeKey, string? ItemKey) Reach(ITypeSymbol type)
            {
                switch (type)
                {
                    case IArrayTypeSymbol array:
                        return (null, KeyOf(array.ElementType));
                    case INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } nullable:
                        return Reach(nullable.TypeArguments[0]);
                    case INamedTypeSymbol named when ElementOf(named) is { } element:
                        return (null, IsDictionary(named) ? null : KeyOf(element));
                    default:
                        return (KeyOf(type), null);
                }
            }

            /// <summary>Adds an accessor for <paramref name="type"/> and for the types reachable from its members.</summary>
            private void Add(ITypeSymbol type)
            {
                cancellationToken.ThrowIfCancellationRequested();
                switch (type)
                {
                    case IArrayTypeSymbol array:
                        Add(array.ElementType);
                        return;
                    case INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } nullable:
                        Add(nullable.TypeArguments[0]);
                        return;
                    case not INamedTypeSymbol:
                        return;
                }

                var named = (INamedTypeSymbol)type;
                if (ElementOf(named) is { } element)
                {
                    Add(element);
                    return;
                }

                if (!HasAccessor(named))
                {
                    return;
                }

                var key = Key(named);
                if (_accessors.ContainsKey(key))
                {
                    return;
                }

                string? prototype = null;
                if (named.IsAnonymousType)
                {
                    prototype = Prototype(named);
                    if (prototype is null)
                    {
                        return;
                    }
                }

                var members = new List<AccessorMemberModel>();
                var seen = new HashSet<string>(StringComparer.Ordinal);
                var primaryKey = _known.HasAttribute(named, KnownNames.ModelAttribute) ? ModelKeyName(named) : null;
                var memberTypes = new List<ITypeSymbol>();
                for (var current = named; current is not null && !IsFramework(current); current = current.BaseType)
                {
                    foreach (var member in current.GetMembers())
                    {
                        ITypeSymbol? memberType = member switch
                        {
                            IPropertySymbol { IsStatic: false, IsIndexer: false, DeclaredAccessibility: Accessibility.Public, GetMethod.DeclaredAccessibility: Accessibility.Public } property => property.Type,
                            IFieldSymbol { IsStatic: false, IsImplicitlyDeclared: false, DeclaredAccessibility: Accessibility.Public } field => field.Type,
                            IMethodSymbol method when IsCallable(method) => method.ReturnType,
                            _ => null,
                        };
                        if (memberType is null || !KnownTypes.CanBeObject(memberType) || !seen.Add(member.Name))
                        {
                            continue;
                        }

                        var names = new List<string> { member.Name };
                        var snake = GeneratedCode.SnakeCase(member.Name);
                        if (!named.IsAnonymousType && snake != member.Name)
                        {
                            names.Add(snake);
                        }

                        // Django's pk: a model's primary key by any name.
                        if (member.Name == primaryKey && !names.Contains("pk"))
                        {
                            names.Insert(names.Count - 1, "pk");
                        }

                        var boxing = memberType.SpecialType switch
                        {
                            SpecialType.System_Boolean => Boxing.Bool,
                            SpecialType.System_Int32 => Boxing.Int,
                            _ => Boxing.None,
                        };
                        var (typeKey, itemKey) = Reach(memberType);
                        // Django calls a callable it looks up: a method is read by calling it.
                        var read = member is IMethodSymbol ? member.Name + "()" : member.Name;
                        // A model's file column reads as Django's FieldFile: its name, url, size (and an image's width and height).
                        var file = member is not IPropertySymbol || memberType.SpecialType != SpecialType.System_String ? FileColumn.None
                            : _known.HasAttribute(member, KnownNames.ImageFieldAttribute) ? FileColumn.Image
                            : _known.HasAttribute(member, KnownNames.FileFieldAttribute) ? FileColumn.File
                            : FileColumn.None;
                        members.Add(new AccessorMemberModel(names.ToEquatableArray(), read, boxing)
                        {
                            File = file,
                            IsString = memberType.SpecialType == SpecialType.System_String && file == FileColumn.None,
                            IsNumber = memberType.SpecialType is SpecialType.System_Int32 or SpecialType.System_Int64 or SpecialType.System_Decimal,
                            TypeKey = typeKey,
                            ItemKey = itemKey,
                        });
                        memberTypes.Add(memberType);
                    }
                }

                var baseKeys = new List<string>();
                for (var current = named.BaseType; current is not null && !IsFramework(current); current = current.BaseType)
                {
                    baseKeys.Add(Key(current));
                }

                _accessors.Add(key, new AccessorModel(key, named.IsAnonymousType ? null : Symbols.FullName(named), prototype, members.ToEquatableArray())
                {
                    BaseKeys = baseKeys.ToEquatableArray(),
                });
                foreach (var memberType in memberTypes)
                {
                    Add(memberType);
                }
            }

            /// <summary>
            /// Whether a template calls <paramref name="method"/>, as Django calls a callable it looks up (<c>WasPublishedRecently()</c>):
            /// one generated code can read, unless it is marked <c>[AltersData]</c> (Django's <c>alters_data</c>).
            /// </summary>
            private bool IsCallable(IMethodSymbol method) =>
                _known.IsReadableMethod(method) && !_known.HasAttribute(method, KnownNames.AltersDataAttribute);

            /// <summary>A <c>[Model]</c>'s key as the data layer finds it: <c>[Key]</c>, else <c>Id</c>, else <c>{Class}Id</c>; null when a member is named <c>pk</c> itself.</summary>
            private string? ModelKeyName(INamedTypeSymbol model)
            {
                var properties = new List<IPropertySymbol>();
                for (var current = model; current is not null && !IsFramework(current); current = current.BaseType)
                {
                    properties.AddRange(current.GetMembers().OfType<IPropertySymbol>().Where(static p => !p.IsStatic && !p.IsIndexer));
                }

                if (properties.Any(static p => p.Name is "pk" or "Pk"))
                {
                    return null;
                }

                if (properties.FirstOrDefault(p => _known.HasAttribute(p, KnownNames.KeyAttribute)) is { } marked)
                {
                    return marked.Name;
                }

                var index = Data.DataParser.ConventionalKey(properties.Select(static p => p.Name).ToList(), model.Name);
                return index < 0 ? null : properties[index].Name;
            }

            /// <summary>What identifies an accessor: the type's name, the same for <c>Author</c> and a nullable reference <c>Author?</c>.</summary>
            private static string Key(INamedTypeSymbol type) => type.WithNullableAnnotation(NullableAnnotation.None).ToDisplayString();

            /// <summary>Whether templates read <paramref name="type"/>'s members through a generated accessor (not a framework type, a form or another <c>ITemplateObject</c>).</summary>
            private bool HasAccessor(INamedTypeSymbol type) =>
                type.SpecialType == SpecialType.None && (type.TypeKind is TypeKind.Class or TypeKind.Struct) && !IsFramework(type)
                && (type.IsAnonymousType || IsNameable(type))
                && !_known.Implements(type, KnownNames.ITemplateObject)
                // A form answers lookups itself: its generated part implements ITemplateObject, which no generator sees.
                && !_known.HasAttribute(type, KnownNames.FormAttribute);

            private bool IsDictionary(INamedTypeSymbol type) =>
                (type.TypeKind == TypeKind.Interface ? type.AllInterfaces.Add(type) : type.AllInterfaces)
                    .Any(candidate => _known.Which(candidate, KnownNames.IDictionaryOfT, KnownNames.IReadOnlyDictionaryOfT) is not null);

            /// <summary>What a template's <c>{% for %}</c> or lookup reaches inside a collection: a dictionary's values, a sequence's items.</summary>
            private ITypeSymbol? ElementOf(INamedTypeSymbol type)
            {
                if (type.SpecialType == SpecialType.System_String)
                {
                    return null;
                }

                var interfaces = type.TypeKind == TypeKind.Interface ? type.AllInterfaces.Add(type) : type.AllInterfaces;
                foreach (var candidate in interfaces)
                {
                    if (_known.Which(candidate, KnownNames.IDictionaryOfT, KnownNames.IReadOnlyDictionaryOfT) is not null)
                    {
                        return candidate.TypeArguments[1];
                    }
                }

                foreach (var candidate in interfaces)
                {
                    if (candidate.OriginalDefinition.SpecialType == SpecialType.System_Collections_Generic_IEnumerable_T)
                    {
                        return candidate.TypeArguments[0];
                    }
                }

                return null;
            }

            private static bool IsFramework(INamedTypeSymbol type)
            {
                var root = type.ContainingNamespace;
                while (root is { ContainingNamespace.IsGlobalNamespace: false })
                {
                    root = root.ContainingNamespace;
                }

                return root is { IsGlobalNamespace: false, Name: "System" or "Microsoft" };
            }

            /// <summary>
            /// An expression of <paramref name="type"/> that names no anonymous type: <c>new { year = default(int)! }</c>, which is the same
            /// type as the user's <c>new { year }</c> in this assembly. Null when the type can't be spelled that way.
            /// </summary>
            private string? Prototype(ITypeSymbol type)
            {
                if (!ContainsAnonymous(type))
                {
                    return IsNameable(type) ? $"default({Symbols.FullName(type)})!" : null;
                }

                switch (type)
                {
                    case INamedTypeSymbol { IsAnonymousType: true } anonymous:
                        var parts = new List<string>();
                        foreach (var property in anonymous.GetMembers().OfType<IPropertySymbol>())
                        {
                            var inner = Prototype(property.Type);
                            if (inner is null)
                            {
                                return null;
                            }

                            parts.Add(property.Name + " = " + inner);
                        }

                        return "new { " + string.Join(", ", parts) + " }";
                    case IArrayTypeSymbol { Rank: 1 } array when Prototype(array.ElementType) is { } element:
                        return $"global::Micro.Generated.TemplatePrototypes.ArrayOf({element})";
                    case INamedTypeSymbol { TypeArguments.Length: 1 } generic when Prototype(generic.TypeArguments[0]) is { } item:
                        return generic.OriginalDefinition.SpecialType == SpecialType.System_Collections_Generic_IEnumerable_T
                            ? $"global::Micro.Generated.TemplatePrototypes.EnumerableOf({item})"
                            : _known.Which(generic, KnownNames.ListOfT, KnownNames.IReadOnlyListOfT) switch
                            {
                                KnownNames.ListOfT => $"global::Micro.Generated.TemplatePrototypes.ListOf({item})",
                                KnownNames.IReadOnlyListOfT => $"global::Micro.Generated.TemplatePrototypes.ReadOnlyListOf({item})",
                                _ => null,
                            };
                    default:
                        return null;
                }
            }

            /// <summary>Whether generated code in the app's assembly can spell <paramref name="type"/>: no type parameters, nothing private or file-local.</summary>
            private bool IsNameable(ITypeSymbol type) => type switch
            {
                IArrayTypeSymbol array => IsNameable(array.ElementType),
                INamedTypeSymbol { IsAnonymousType: true } or INamedTypeSymbol { IsFileLocal: true } => false,
                INamedTypeSymbol named => named.TypeKind != TypeKind.Error
                    && compilation.IsSymbolAccessibleWithin(named, compilation.Assembly)
                    && named.TypeArguments.All(IsNameable),
                _ => false,
            };

            private static bool ContainsAnonymous(ITypeSymbol type) => type switch
            {
                INamedTypeSymbol { IsAnonymousType: true } => true,
                IArrayTypeSymbol array => ContainsAnonymous(array.ElementType),
                INamedTypeSymbol named => named.TypeArguments.Any(ContainsAnonymous),
                _ => false,
            };
        }
    }
}

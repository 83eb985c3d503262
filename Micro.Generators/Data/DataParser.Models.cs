using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Micro.Generators.Data.Model;
using Micro.Generators.Diagnostics;
using Micro.Generators.Shared;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Micro.Generators.Data
{
    internal static partial class DataParser
    {
        /// <summary>One <c>[Model]</c> class, read into a model: the only code of the data pipeline that touches symbols.</summary>
        public static Parsed<ModelClassModel> ParseModel(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken) =>
            new ModelClassReader(context, cancellationToken).Read();

        /// <summary>Reads one <c>[Model]</c> class, with the compilation's known types and the target's semantic model at hand.</summary>
        private sealed class ModelClassReader(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
        {
            private readonly KnownTypes _known = KnownTypes.For(context.SemanticModel.Compilation);

            public Parsed<ModelClassModel> Read()
            {
                var type = (INamedTypeSymbol)context.TargetSymbol;
                var attribute = context.Attributes[0];
                var location = LocationInfo.From(attribute.ApplicationSyntaxReference?.GetSyntax(cancellationToken).GetLocation()) ?? LocationInfo.From(context.TargetNode);
                var diagnostics = new List<DiagnosticInfo>();

                var problem = ClassProblem(type);
                if (problem is not null)
                {
                    diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidModel, location, type.Name, problem));
                    return new Parsed<ModelClassModel>(null, diagnostics.ToEquatableArray());
                }

                var properties = new List<PropertyModel>();
                var navigations = new List<NavigationModel>();
                var efIgnored = new List<string>();
                var seen = new HashSet<string>(StringComparer.Ordinal);

                // Base classes first, so that an inherited Id comes before the class's own columns, as in EF Core.
                var hierarchy = new List<INamedTypeSymbol>();
                for (var current = type; current is not null && current.SpecialType != SpecialType.System_Object; current = current.BaseType)
                {
                    hierarchy.Insert(0, current);
                }

                foreach (var declaring in hierarchy)
                {
                    foreach (var property in declaring.GetMembers().OfType<IPropertySymbol>())
                    {
                        cancellationToken.ThrowIfCancellationRequested();
                        if (property.IsStatic || property.IsIndexer || property.DeclaredAccessibility != Accessibility.Public
                            || property.GetMethod is null || !seen.Add(property.Name))
                        {
                            continue;
                        }

                        var propertyLocation = LocationInfo.From(property.Locations.FirstOrDefault()) ?? location;
                        var setterUsable = property.SetMethod is { DeclaredAccessibility: Accessibility.Public or Accessibility.Internal };
                        if (_known.HasAttribute(property, KnownNames.NotMappedAttribute))
                        {
                            if (property.SetMethod is not null)
                            {
                                efIgnored.Add(property.Name);
                            }

                            continue;
                        }

                        if (property.SetMethod is null)
                        {
                            // A computed, get-only property: not a column (EF Core doesn't map it either).
                            continue;
                        }

                        if (!setterUsable)
                        {
                            efIgnored.Add(property.Name);
                            continue;
                        }

                        if (Navigation(property, propertyLocation) is { } navigation)
                        {
                            navigations.Add(navigation);
                            continue;
                        }

                        var column = Column(property, propertyLocation);
                        if (column is null && !ContainsError(property.Type))
                        {
                            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.UnsupportedColumnType, propertyLocation,
                                type.Name, property.Name, property.Type.ToDisplayString()));
                            continue;
                        }

                        if (column is not null)
                        {
                            properties.Add(column);
                        }
                    }
                }

                var indexes = new List<ClassIndexModel>();
                foreach (var index in _known.Attributes(type, KnownNames.IndexAttribute))
                {
                    var names = index.ConstructorArguments.Length == 1 && index.ConstructorArguments[0].Kind == TypedConstantKind.Array
                        ? index.ConstructorArguments[0].Values.Select(static v => v.Value as string ?? "").ToEquatableArray()
                        : EquatableArray<string>.Empty;
                    indexes.Add(new ClassIndexModel(
                        names,
                        Symbols.NamedArgument<bool>(index, "IsUnique"),
                        Symbols.NamedArgument<string>(index, "Name"),
                        LocationInfo.From(index.ApplicationSyntaxReference?.GetSyntax(cancellationToken).GetLocation()) ?? location));
                }

                if (diagnostics.Count > 0)
                {
                    return new Parsed<ModelClassModel>(null, diagnostics.ToEquatableArray());
                }

                var model = new ModelClassModel(
                    type.Name,
                    Symbols.FullName(type),
                    Symbols.NamedArgument<string>(attribute, "Table"),
                    IsPublic(type),
                    properties.ToEquatableArray(),
                    navigations.ToEquatableArray(),
                    indexes.ToEquatableArray(),
                    efIgnored.ToEquatableArray(),
                    location)
                {
                    HasRequiredMembers = HasRequiredMembers(type),
                };
                return new Parsed<ModelClassModel>(model, EquatableArray<DiagnosticInfo>.Empty);
            }

            private string? ClassProblem(INamedTypeSymbol type)
            {
                if (type.TypeKind != TypeKind.Class)
                {
                    return "it must be a class";
                }

                if (type.IsStatic || type.IsAbstract)
                {
                    return "it must not be static or abstract: rows are read into new instances";
                }

                if (type.IsGenericType)
                {
                    return "it must not be generic";
                }

                for (ISymbol? current = type; current is INamedTypeSymbol named; current = current.ContainingType)
                {
                    if (named.DeclaredAccessibility is not (Accessibility.Public or Accessibility.Internal))
                    {
                        return ReferenceEquals(named, type)
                            ? "it is private or protected; make it public or internal"
                            : $"its containing type {named.Name} is private or protected; make it public or internal";
                    }

                    if (!ReferenceEquals(named, type) && named.IsGenericType)
                    {
                        return $"its containing type {named.Name} is generic";
                    }
                }

                if (!type.InstanceConstructors.Any(static c => c.Parameters.IsEmpty && c.DeclaredAccessibility is Accessibility.Public or Accessibility.Internal))
                {
                    return "it needs a public parameterless constructor: rows are read into new instances";
                }

                for (var baseType = type.BaseType; baseType is not null; baseType = baseType.BaseType)
                {
                    if (IsModel(baseType))
                    {
                        return $"it derives from the model {baseType.Name}; models can't inherit from models (a plain base class is fine)";
                    }
                }

                return null;
            }

            private NavigationModel? Navigation(IPropertySymbol property, LocationInfo location)
            {
                var type = property.Type;
                var isCollection = false;
                if (type is INamedTypeSymbol { IsGenericType: true } generic
                    && _known.Which(generic, KnownNames.ListOfT, KnownNames.ICollectionOfT, KnownNames.IListOfT) is not null)
                {
                    type = generic.TypeArguments[0];
                    isCollection = true;
                }

                if (type is not INamedTypeSymbol named || !IsModel(named))
                {
                    return null;
                }

                return new NavigationModel(
                    property.Name,
                    Symbols.FullName(named),
                    isCollection,
                    isCollection ? null : ConstructorString(property, KnownNames.ForeignKeyAttribute),
                    ConstructorString(property, KnownNames.InversePropertyAttribute),
                    location);
            }

            private PropertyModel? Column(IPropertySymbol property, LocationInfo location)
            {
                var type = property.Type;
                var isNullableValue = false;
                if (type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } nullable)
                {
                    type = nullable.TypeArguments[0];
                    isNullableValue = true;
                }

                var valueType = Symbols.FullName(type);
                var storage = Storage(type, valueType);
                if (storage is null)
                {
                    return null;
                }

                var required = _known.HasAttribute(property, KnownNames.RequiredAttribute);
                bool isNullable;
                if (type.IsValueType)
                {
                    isNullable = isNullableValue && !required;
                }
                else
                {
                    // As EF Core: a nullable reference type is a NULL-able column; outside a nullable context, any reference is.
                    isNullable = !required && property.NullableAnnotation != NullableAnnotation.NotAnnotated;
                }

                var declaredNullable = isNullableValue || (!type.IsValueType && property.NullableAnnotation == NullableAnnotation.Annotated);
                var index = _known.HasAttribute(property, KnownNames.UniqueAttribute) ? IndexKind.Unique : IndexKind.None;
                string? indexName = null;
                foreach (var attribute in _known.Attributes(property, KnownNames.IndexAttribute))
                {
                    index = index == IndexKind.Unique || Symbols.NamedArgument<bool>(attribute, "IsUnique") ? IndexKind.Unique : IndexKind.Index;
                    indexName = Symbols.NamedArgument<string>(attribute, "Name");
                }

                var maxLength = property.GetAttributes()
                    .Where(a => _known.Which(a.AttributeClass, KnownNames.MaxLengthAttribute, KnownNames.StringLengthAttribute) is not null)
                    .Select(static a => a.ConstructorArguments.Length > 0 && a.ConstructorArguments[0].Value is int length ? (int?)length : null)
                    .FirstOrDefault(static l => l is not null);

                return new PropertyModel(
                    property.Name,
                    valueType + (declaredNullable ? "?" : ""),
                    valueType,
                    storage,
                    isNullable,
                    ConstructorString(property, KnownNames.ColumnAttribute) ?? property.Name,
                    _known.HasAttribute(property, KnownNames.KeyAttribute),
                    property.SetMethod?.IsInitOnly == true,
                    maxLength,
                    DefaultValue(property, property.Type),
                    index,
                    indexName,
                    ConstructorString(property, KnownNames.ForeignKeyAttribute),
                    location);
            }

            /// <summary>How values of <paramref name="type"/> are stored, or null when they can't be.</summary>
            private StorageModel? Storage(ITypeSymbol type, string name)
            {
                if (type.TypeKind == TypeKind.Enum)
                {
                    // Read as the underlying type, which is the column's type in EF Core's model (PostgreSQL's reader converts no wider).
                    var getter = (type as INamedTypeSymbol)?.EnumUnderlyingType?.SpecialType switch
                    {
                        SpecialType.System_Byte => "GetByte",
                        SpecialType.System_SByte or SpecialType.System_Int16 => "GetInt16",
                        SpecialType.System_UInt16 or SpecialType.System_Int32 => "GetInt32",
                        _ => "GetInt64",
                    };
                    return new StorageModel(ColumnKind.Integer, $"({name})reader.{getter}({{0}})", IsEnum: true);
                }

                string? Read(string method) => $"reader.{method}({{0}})";
                switch (type.SpecialType)
                {
                    case SpecialType.System_String: return new StorageModel(ColumnKind.Text, Read("GetString")!, false);
                    case SpecialType.System_Boolean: return new StorageModel(ColumnKind.Boolean, Read("GetBoolean")!, false);
                    case SpecialType.System_Byte: return new StorageModel(ColumnKind.Integer, Read("GetByte")!, false);
                    case SpecialType.System_Int16: return new StorageModel(ColumnKind.Integer, Read("GetInt16")!, false);
                    case SpecialType.System_Int32: return new StorageModel(ColumnKind.Integer, Read("GetInt32")!, false);
                    case SpecialType.System_Int64: return new StorageModel(ColumnKind.Integer, Read("GetInt64")!, false);
                    case SpecialType.System_Single: return new StorageModel(ColumnKind.Real, Read("GetFloat")!, false);
                    case SpecialType.System_Double: return new StorageModel(ColumnKind.Real, Read("GetDouble")!, false);
                    case SpecialType.System_Decimal: return new StorageModel(ColumnKind.Decimal, Read("GetDecimal")!, false);
                    case SpecialType.System_DateTime: return new StorageModel(ColumnKind.Text, Read("GetDateTime")!, false);
                }

                if (_known.Is(type, KnownNames.Guid))
                {
                    return new StorageModel(ColumnKind.Text, Read("GetGuid")!, false);
                }

                switch (_known.Which(type, KnownNames.DateTimeOffset, KnownNames.DateOnly, KnownNames.TimeOnly, KnownNames.TimeSpan))
                {
                    case KnownNames.DateTimeOffset:
                        return new StorageModel(ColumnKind.DateTimeOffset, $"reader.GetFieldValue<{name}>({{0}})", false);
                    case KnownNames.TimeSpan:
                        return new StorageModel(ColumnKind.Duration, $"reader.GetFieldValue<{name}>({{0}})", false);
                    case not null:
                        return new StorageModel(ColumnKind.Text, $"reader.GetFieldValue<{name}>({{0}})", false);
                }

                return type is IArrayTypeSymbol { ElementType.SpecialType: SpecialType.System_Byte, Rank: 1 }
                    ? new StorageModel(ColumnKind.Other, "reader.GetFieldValue<byte[]>({0})", false)
                    : null;
            }

            /// <summary>A constant property initializer (<c>= 0</c>, <c>= true</c>, <c>= ""</c>) as a C# expression: the column's default.</summary>
            private string? DefaultValue(IPropertySymbol property, ITypeSymbol type)
            {
                foreach (var reference in property.DeclaringSyntaxReferences)
                {
                    if (reference.GetSyntax(cancellationToken) is not PropertyDeclarationSyntax { Initializer: { } initializer } syntax)
                    {
                        continue;
                    }

                    var semanticModel = context.SemanticModel;
                    var model = syntax.SyntaxTree == semanticModel.SyntaxTree ? semanticModel : semanticModel.Compilation.GetSemanticModel(syntax.SyntaxTree);
                    var constant = model.GetConstantValue(initializer.Value, cancellationToken);
                    if (constant.HasValue && constant.Value is not null)
                    {
                        return Symbols.DefaultValue(type, constant.Value);
                    }
                }

                return null;
            }


            private bool IsModel(INamedTypeSymbol type) => _known.HasAttribute(type, KnownNames.ModelAttribute);

            private string? ConstructorString(ISymbol symbol, string attributeName) =>
                _known.Attributes(symbol, attributeName).FirstOrDefault() is { ConstructorArguments.Length: > 0 } attribute
                    ? attribute.ConstructorArguments[0].Value as string
                    : null;

            /// <summary>Whether <paramref name="type"/> or a base type has a <c>required</c> property or field.</summary>
            private static bool HasRequiredMembers(INamedTypeSymbol type)
            {
                for (var current = type; current is not null; current = current.BaseType)
                {
                    if (current.GetMembers().Any(static m => m is IPropertySymbol { IsRequired: true } or IFieldSymbol { IsRequired: true }))
                    {
                        return true;
                    }
                }

                return false;
            }

            private static bool IsPublic(INamedTypeSymbol type)
            {
                for (ISymbol? current = type; current is INamedTypeSymbol named; current = current.ContainingType)
                {
                    if (named.DeclaredAccessibility != Accessibility.Public)
                    {
                        return false;
                    }
                }

                return true;
            }

            /// <summary>A type the compiler couldn't resolve: it reports that itself.</summary>
            private static bool ContainsError(ITypeSymbol type) =>
                type.TypeKind == TypeKind.Error
                || (type is INamedTypeSymbol named && named.TypeArguments.Any(ContainsError))
                || (type is IArrayTypeSymbol array && ContainsError(array.ElementType));
        }
    }
}

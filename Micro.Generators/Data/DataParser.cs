using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Micro.Generators.Data.Model;
using Micro.Generators.Diagnostics;
using Micro.Generators.Shared;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Micro.Generators.Data
{
    /// <summary>
    /// Turns <c>[Model]</c> classes into models (the only place that reads symbols), then resolves keys, relations,
    /// tables and indexes across all of them. The conventions are EF Core's, which a Django user also guesses:
    /// <c>Id</c> is the key, <c>AuthorId</c> is the foreign key of <c>Author</c>, tables are named after the plural.
    /// </summary>
    internal static class DataParser
    {
        public static Parsed<ModelClassModel> ParseModel(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
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
                    if (HasAttribute(property, KnownNames.NotMappedAttribute))
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

                    var column = Column(property, context.SemanticModel, propertyLocation, cancellationToken);
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
            foreach (var index in type.GetAttributes().Where(static a => a.AttributeClass?.ToDisplayString() == KnownNames.IndexAttribute))
            {
                var names = index.ConstructorArguments.Length == 1 && index.ConstructorArguments[0].Kind == TypedConstantKind.Array
                    ? index.ConstructorArguments[0].Values.Select(static v => v.Value as string ?? "").ToEquatableArray()
                    : EquatableArray<string>.Empty;
                indexes.Add(new ClassIndexModel(
                    names,
                    NamedArgument<bool>(index, "IsUnique"),
                    NamedArgument<string>(index, "Name"),
                    LocationInfo.From(index.ApplicationSyntaxReference?.GetSyntax(cancellationToken).GetLocation()) ?? location));
            }

            if (diagnostics.Count > 0)
            {
                return new Parsed<ModelClassModel>(null, diagnostics.ToEquatableArray());
            }

            var model = new ModelClassModel(
                type.Name,
                FullName(type),
                NamedArgument<string>(attribute, "Table"),
                IsPublic(type),
                properties.ToEquatableArray(),
                navigations.ToEquatableArray(),
                indexes.ToEquatableArray(),
                efIgnored.ToEquatableArray(),
                location);
            return new Parsed<ModelClassModel>(model, EquatableArray<DiagnosticInfo>.Empty);
        }

        private static string? ClassProblem(INamedTypeSymbol type)
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

        private static NavigationModel? Navigation(IPropertySymbol property, LocationInfo location)
        {
            var type = property.Type;
            var isCollection = false;
            if (type is INamedTypeSymbol { IsGenericType: true } generic
                && generic.OriginalDefinition.ToDisplayString() is "System.Collections.Generic.List<T>" or "System.Collections.Generic.ICollection<T>" or "System.Collections.Generic.IList<T>")
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
                FullName(named),
                isCollection,
                isCollection ? null : ConstructorString(property, KnownNames.ForeignKeyAttribute),
                ConstructorString(property, KnownNames.InversePropertyAttribute),
                location);
        }

        private static PropertyModel? Column(IPropertySymbol property, SemanticModel semanticModel, LocationInfo location, CancellationToken cancellationToken)
        {
            var type = property.Type;
            var isNullableValue = false;
            if (type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } nullable)
            {
                type = nullable.TypeArguments[0];
                isNullableValue = true;
            }

            var valueType = FullName(type);
            var storage = Storage(type, valueType);
            if (storage is null)
            {
                return null;
            }

            var required = HasAttribute(property, KnownNames.RequiredAttribute);
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
            var index = HasAttribute(property, KnownNames.UniqueAttribute) ? "unique" : null;
            string? indexName = null;
            foreach (var attribute in property.GetAttributes().Where(static a => a.AttributeClass?.ToDisplayString() == KnownNames.IndexAttribute))
            {
                index = index == "unique" || NamedArgument<bool>(attribute, "IsUnique") ? "unique" : "index";
                indexName = NamedArgument<string>(attribute, "Name");
            }

            var maxLength = property.GetAttributes()
                .Where(static a => a.AttributeClass?.ToDisplayString() is KnownNames.MaxLengthAttribute or KnownNames.StringLengthAttribute)
                .Select(static a => a.ConstructorArguments.Length > 0 && a.ConstructorArguments[0].Value is int length ? (int?)length : null)
                .FirstOrDefault(static l => l is not null);

            return new PropertyModel(
                property.Name,
                valueType + (declaredNullable ? "?" : ""),
                valueType,
                storage,
                isNullable,
                ConstructorString(property, KnownNames.ColumnAttribute) ?? property.Name,
                HasAttribute(property, KnownNames.KeyAttribute),
                property.SetMethod?.IsInitOnly == true,
                maxLength,
                DefaultValue(property, property.Type, semanticModel, cancellationToken),
                index,
                indexName,
                ConstructorString(property, KnownNames.ForeignKeyAttribute),
                location);
        }

        /// <summary>How values of <paramref name="type"/> are stored, or null when they can't be.</summary>
        private static StorageModel? Storage(ITypeSymbol type, string name)
        {
            if (type.TypeKind == TypeKind.Enum)
            {
                return new StorageModel("Integer", $"({name})reader.GetInt64({{0}})", IsEnum: true);
            }

            string? Read(string method) => $"reader.{method}({{0}})";
            switch (type.SpecialType)
            {
                case SpecialType.System_String: return new StorageModel("Text", Read("GetString")!, false);
                case SpecialType.System_Boolean: return new StorageModel("Boolean", Read("GetBoolean")!, false);
                case SpecialType.System_Byte: return new StorageModel("Integer", Read("GetByte")!, false);
                case SpecialType.System_Int16: return new StorageModel("Integer", Read("GetInt16")!, false);
                case SpecialType.System_Int32: return new StorageModel("Integer", Read("GetInt32")!, false);
                case SpecialType.System_Int64: return new StorageModel("Integer", Read("GetInt64")!, false);
                case SpecialType.System_Single: return new StorageModel("Real", Read("GetFloat")!, false);
                case SpecialType.System_Double: return new StorageModel("Real", Read("GetDouble")!, false);
                case SpecialType.System_Decimal: return new StorageModel("Decimal", Read("GetDecimal")!, false);
                case SpecialType.System_DateTime: return new StorageModel("Text", Read("GetDateTime")!, false);
            }

            switch (name)
            {
                case "global::System.Guid":
                    return new StorageModel("Text", Read("GetGuid")!, false);
                case "global::System.DateTimeOffset":
                case "global::System.DateOnly":
                case "global::System.TimeOnly":
                case "global::System.TimeSpan":
                    return new StorageModel("Text", $"reader.GetFieldValue<{name}>({{0}})", false);
                case "byte[]":
                    return new StorageModel("Other", "reader.GetFieldValue<byte[]>({0})", false);
            }

            return null;
        }

        /// <summary>A constant property initializer (<c>= 0</c>, <c>= true</c>, <c>= ""</c>) as a C# expression: the column's default.</summary>
        private static string? DefaultValue(IPropertySymbol property, ITypeSymbol type, SemanticModel semanticModel, CancellationToken cancellationToken)
        {
            foreach (var reference in property.DeclaringSyntaxReferences)
            {
                if (reference.GetSyntax(cancellationToken) is not PropertyDeclarationSyntax { Initializer: { } initializer } syntax)
                {
                    continue;
                }

                var model = syntax.SyntaxTree == semanticModel.SyntaxTree ? semanticModel : semanticModel.Compilation.GetSemanticModel(syntax.SyntaxTree);
                var constant = model.GetConstantValue(initializer.Value, cancellationToken);
                if (constant.HasValue && constant.Value is not null)
                {
                    return Symbols.DefaultValue(type, constant.Value);
                }
            }

            return null;
        }

        /// <summary>Resolves keys, relations, tables and indexes across every model.</summary>
        public static Parsed<DataModel> Build(ImmutableArray<Parsed<ModelClassModel>> parsed, CancellationToken cancellationToken)
        {
            var diagnostics = new List<DiagnosticInfo>();
            var classes = parsed.Select(static p => p.Model).OfType<ModelClassModel>()
                .OrderBy(static m => m.Type, StringComparer.Ordinal).ToList();
            if (classes.Count == 0)
            {
                return new Parsed<DataModel>(null, EquatableArray<DiagnosticInfo>.Empty);
            }

            var byType = classes.ToDictionary(static c => c.Type, StringComparer.Ordinal);
            var tables = new Dictionary<string, ModelClassModel>(StringComparer.OrdinalIgnoreCase);
            var sets = new Dictionary<string, ModelClassModel>(StringComparer.Ordinal);
            var infoNames = new Dictionary<string, int>(StringComparer.Ordinal);
            var valid = new List<(ModelClassModel Class, string Set, string Table, int KeyIndex, bool Auto, string InfoSuffix)>();

            foreach (var model in classes)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var keyIndex = FindKey(model, diagnostics, out var auto);
                if (keyIndex < 0)
                {
                    continue;
                }

                var set = Plural(model.Name);
                var table = model.Table ?? set;
                if (sets.TryGetValue(set, out var other))
                {
                    diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.DuplicateModelName, model.Location, model.Name, "query set name db.", set, other.Type));
                    continue;
                }

                if (tables.TryGetValue(table, out other))
                {
                    diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.DuplicateModelName, model.Location, model.Name, "table", table, other.Type));
                    continue;
                }

                sets[set] = model;
                tables[table] = model;
                infoNames.TryGetValue(model.Name, out var count);
                infoNames[model.Name] = count + 1;
                valid.Add((model, set, table, keyIndex, auto, count == 0 ? "" : (count + 1).ToString(System.Globalization.CultureInfo.InvariantCulture)));
            }

            var validByType = valid.ToDictionary(static v => v.Class.Type, StringComparer.Ordinal);
            var foreignKeys = new Dictionary<string, List<ForeignKeyModel>>(StringComparer.Ordinal);
            var broken = new HashSet<string>(StringComparer.Ordinal);

            // References first: each needs its foreign key property on the same model.
            foreach (var model in valid)
            {
                var list = foreignKeys[model.Class.Type] = new List<ForeignKeyModel>();
                foreach (var navigation in model.Class.Navigations.Where(static n => !n.IsCollection))
                {
                    if (!validByType.TryGetValue(navigation.TargetType, out var target))
                    {
                        broken.Add(model.Class.Type);
                        continue;
                    }

                    var targetKey = target.Class.Properties[target.KeyIndex];
                    var fkName = navigation.ForeignKey
                        ?? model.Class.Properties.FirstOrDefault(p => p.ForeignKeyFor == navigation.Name)?.Name
                        ?? navigation.Name + targetKey.Name;
                    var fk = model.Class.Properties.FirstOrDefault(p => p.Name == fkName);
                    if (fk is null)
                    {
                        diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidRelation, navigation.Location, model.Class.Name, navigation.Name,
                            $"it needs a foreign key property: add 'public {Short(targetKey.ValueType)} {fkName} {{ get; set; }}' (or '{Short(targetKey.ValueType)}?' for an optional relation), or name another one with [ForeignKey]"));
                        broken.Add(model.Class.Type);
                        continue;
                    }

                    if (fk.ValueType != targetKey.ValueType)
                    {
                        diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidRelation, navigation.Location, model.Class.Name, navigation.Name,
                            $"its foreign key {fk.Name} has type {Short(fk.Type)}, but the key of {target.Class.Name} is {Short(targetKey.ValueType)}"));
                        broken.Add(model.Class.Type);
                        continue;
                    }

                    list.Add(new ForeignKeyModel(
                        navigation.Name,
                        fk.Name,
                        fk.ColumnName,
                        !fk.IsNullable,
                        target.Class.Type,
                        target.Class.Name,
                        target.Table,
                        null,
                        $"FK_{model.Table}_{target.Table}_{fk.ColumnName}"));
                }
            }

            // Then collections: each is the other side of exactly one reference.
            var collections = new Dictionary<string, List<CollectionModel>>(StringComparer.Ordinal);
            foreach (var model in valid)
            {
                var list = collections[model.Class.Type] = new List<CollectionModel>();
                foreach (var navigation in model.Class.Navigations.Where(static n => n.IsCollection))
                {
                    if (!validByType.TryGetValue(navigation.TargetType, out var target) || !foreignKeys.TryGetValue(target.Class.Type, out var targetKeys))
                    {
                        broken.Add(model.Class.Type);
                        continue;
                    }

                    var candidates = targetKeys.Where(k => k.TargetType == model.Class.Type && (navigation.InverseProperty is null || k.Navigation == navigation.InverseProperty)).ToList();
                    if (candidates.Count != 1)
                    {
                        var why = candidates.Count == 0
                            ? $"{target.Class.Name} has no reference to {model.Class.Name}; add 'public {model.Class.Name}? {model.Class.Name} {{ get; set; }}' and its foreign key 'public {Short(model.Class.Properties[model.KeyIndex].ValueType)} {model.Class.Name}{model.Class.Properties[model.KeyIndex].Name} {{ get; set; }}' to {target.Class.Name}"
                            : $"{target.Class.Name} has several references to {model.Class.Name} ({string.Join(", ", candidates.Select(static c => c.Navigation))}); name the one it mirrors with [InverseProperty(nameof({target.Class.Name}.{candidates[0].Navigation}))]";
                        diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidRelation, navigation.Location, model.Class.Name, navigation.Name, why));
                        broken.Add(model.Class.Type);
                        continue;
                    }

                    var reference = candidates[0];
                    var fkProperty = target.Class.Properties.First(p => p.Name == reference.Property);
                    targetKeys[targetKeys.IndexOf(reference)] = reference with { InverseCollection = navigation.Name };
                    list.Add(new CollectionModel(navigation.Name, target.Class.Type, target.Class.Name, fkProperty.Name, fkProperty.IsNullable));
                }
            }

            var models = new List<ModelModel>();
            foreach (var model in valid)
            {
                if (broken.Contains(model.Class.Type))
                {
                    continue;
                }

                var indexes = Indexes(model.Class, model.Table, model.KeyIndex, foreignKeys[model.Class.Type], diagnostics);
                if (indexes is null)
                {
                    continue;
                }

                models.Add(new ModelModel(
                    model.Class,
                    model.Set,
                    model.Table,
                    model.KeyIndex,
                    model.Auto,
                    foreignKeys[model.Class.Type].ToEquatableArray(),
                    collections[model.Class.Type].ToEquatableArray(),
                    indexes.ToEquatableArray())
                {
                    InfoSuffix = model.InfoSuffix,
                });
            }

            // A model whose relations point to a dropped model can't be generated either.
            var kept = new HashSet<string>(models.Select(static m => m.Class.Type), StringComparer.Ordinal);
            models = models.Where(m => m.ForeignKeys.All(k => kept.Contains(k.TargetType)) && m.Collections.All(c => kept.Contains(c.TargetType))).ToList();
            if (diagnostics.Count > 0 || models.Count == 0)
            {
                return new Parsed<DataModel>(null, diagnostics.ToEquatableArray());
            }

            return new Parsed<DataModel>(
                new DataModel(models.ToEquatableArray(), models.All(static m => m.Class.IsPublic)),
                diagnostics.ToEquatableArray());
        }

        /// <summary>The key: <c>[Key]</c>, else <c>Id</c>, else <c>{Class}Id</c>. Integer keys are assigned by the database.</summary>
        private static int FindKey(ModelClassModel model, List<DiagnosticInfo> diagnostics, out bool autoIncrement)
        {
            autoIncrement = false;
            var marked = model.Properties.Select(static (p, i) => (p, i)).Where(static x => x.p.IsKeyAttribute).ToList();
            if (marked.Count > 1)
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidKey, marked[1].p.Location, model.Name,
                    $"has several [Key] properties ({string.Join(", ", marked.Select(static m => m.p.Name))}); composite keys aren't supported: keep one key and add [Index(..., IsUnique = true)] on the class"));
                return -1;
            }

            var index = marked.Count == 1 ? marked[0].i : -1;
            if (index < 0)
            {
                index = IndexOf(model.Properties, "Id");
            }

            if (index < 0)
            {
                index = IndexOf(model.Properties, model.Name + "Id");
            }

            if (index < 0)
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidKey, model.Location, model.Name,
                    "has no key; add 'public int Id { get; set; }' or mark a property [Key]"));
                return -1;
            }

            var key = model.Properties[index];
            if (key.Type.EndsWith("?", StringComparison.Ordinal) || key.IsNullable)
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidKey, key.Location, model.Name, $"key {key.Name} must not be nullable"));
                return -1;
            }

            autoIncrement = key.ValueType is "int" or "long";
            if (!autoIncrement && key.ValueType is not ("global::System.Guid" or "string"))
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidKey, key.Location, model.Name,
                    $"key {key.Name} has type {Short(key.Type)}; use int or long (assigned by the database), Guid (made on insert) or string"));
                return -1;
            }

            if (key.IsInitOnly)
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidKey, key.Location, model.Name,
                    $"key {key.Name} is init-only; give it a setter, so that inserting a row can set its new key"));
                return -1;
            }

            return index;
        }

        private static int IndexOf(EquatableArray<PropertyModel> properties, string name)
        {
            for (var i = 0; i < properties.Count; i++)
            {
                if (properties[i].Name == name)
                {
                    return i;
                }
            }

            return -1;
        }

        /// <summary>Property and class indexes, then an index for each foreign key no other index starts with (as EF Core and Django do).</summary>
        private static List<IndexModel>? Indexes(ModelClassModel model, string table, int keyIndex, List<ForeignKeyModel> foreignKeys, List<DiagnosticInfo> diagnostics)
        {
            var result = new List<IndexModel>();
            var ok = true;
            IndexModel Index(IReadOnlyList<PropertyModel> properties, bool unique, string? name)
            {
                var columns = properties.Select(static p => p.ColumnName).ToEquatableArray();
                return new IndexModel(name ?? $"IX_{table}_{string.Join("_", columns)}", properties.Select(static p => p.Name).ToEquatableArray(), columns, unique);
            }

            foreach (var property in model.Properties.Where(static p => p.Index is not null))
            {
                result.Add(Index(new[] { property }, property.Index == "unique", property.IndexName));
            }

            foreach (var index in model.Indexes)
            {
                var properties = new List<PropertyModel>();
                foreach (var name in index.Properties)
                {
                    var property = model.Properties.FirstOrDefault(p => p.Name == name);
                    if (property is null)
                    {
                        diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidIndex, index.Location, model.Name,
                            $"'{name}' is not a column property of {model.Name}; use nameof({model.Name}.Property)"));
                        ok = false;
                        break;
                    }

                    properties.Add(property);
                }

                if (properties.Count == 0 && ok)
                {
                    diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidIndex, index.Location, model.Name,
                        "a class-level [Index] names its properties: [Index(nameof(A), nameof(B))]"));
                    ok = false;
                }

                if (ok)
                {
                    result.Add(Index(properties, index.IsUnique, index.Name));
                }
            }

            foreach (var foreignKey in foreignKeys)
            {
                if (!result.Any(i => i.Columns[0] == foreignKey.Column) && model.Properties[keyIndex].ColumnName != foreignKey.Column)
                {
                    result.Add(Index(new[] { model.Properties.First(p => p.Name == foreignKey.Property) }, false, null));
                }
            }

            foreach (var duplicate in result.GroupBy(static i => i.Name, StringComparer.OrdinalIgnoreCase).Where(static g => g.Count() > 1))
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidIndex, model.Location, model.Name,
                    $"two indexes are named '{duplicate.Key}'; remove one or give it another Name"));
                ok = false;
            }

            return ok ? result.OrderBy(static i => i.Name, StringComparer.Ordinal).ToList() : null;
        }

        /// <summary>English plurals for set and table names: Post → Posts, Category → Categories, Box → Boxes.</summary>
        public static string Plural(string name)
        {
            if (name.Length > 1 && name.EndsWith("y", StringComparison.Ordinal) && "aeiou".IndexOf(char.ToLowerInvariant(name[name.Length - 2])) < 0)
            {
                return name.Substring(0, name.Length - 1) + "ies";
            }

            foreach (var ending in new[] { "s", "x", "z", "ch", "sh" })
            {
                if (name.EndsWith(ending, StringComparison.Ordinal))
                {
                    return name + "es";
                }
            }

            return name + "s";
        }

        /// <summary>A type the compiler couldn't resolve: it reports that itself.</summary>
        private static bool ContainsError(ITypeSymbol type) =>
            type.TypeKind == TypeKind.Error
            || (type is INamedTypeSymbol named && named.TypeArguments.Any(ContainsError))
            || (type is IArrayTypeSymbol array && ContainsError(array.ElementType));

        private static bool IsModel(INamedTypeSymbol type) =>
            type.GetAttributes().Any(static a => a.AttributeClass?.ToDisplayString() == KnownNames.ModelAttribute);

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

        private static bool HasAttribute(ISymbol symbol, string name) =>
            symbol.GetAttributes().Any(a => a.AttributeClass?.ToDisplayString() == name);

        private static string? ConstructorString(ISymbol symbol, string attributeName) =>
            symbol.GetAttributes().FirstOrDefault(a => a.AttributeClass?.ToDisplayString() == attributeName) is { } attribute
            && attribute.ConstructorArguments.Length > 0
                ? attribute.ConstructorArguments[0].Value as string
                : null;

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

        /// <summary>A type name as a user writes it, for messages.</summary>
        private static string Short(string type) => type.Replace("global::", "");

        private static string FullName(ITypeSymbol type) =>
            type.WithNullableAnnotation(NullableAnnotation.NotAnnotated).ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat);
    }
}

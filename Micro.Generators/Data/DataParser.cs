using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Micro.Generators.Data.Model;
using Micro.Generators.Diagnostics;
using Micro.Generators.Shared;
using Microsoft.CodeAnalysis;

namespace Micro.Generators.Data
{
    /// <summary>
    /// Turns <c>[Model]</c> classes into models (<see cref="ParseModel"/>, the only place that reads symbols), then resolves
    /// keys, relations, tables and indexes across all of them. The conventions are EF Core's, which a Django user also
    /// guesses: <c>Id</c> is the key, <c>AuthorId</c> is the foreign key of <c>Author</c>, tables are named after the plural.
    /// </summary>
    internal static partial class DataParser
    {
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

            var index = marked.Count == 1 ? marked[0].i : ConventionalKey(model.Properties.Select(static p => p.Name).ToList(), model.Name);

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

        /// <summary>Without <c>[Key]</c>, the key is the property named <c>Id</c>, else <c>{Class}Id</c>: its index, or -1. Templates' <c>pk</c> follows it.</summary>
        internal static int ConventionalKey(IReadOnlyList<string> propertyNames, string className)
        {
            var index = IndexOf(propertyNames, "Id");
            return index >= 0 ? index : IndexOf(propertyNames, className + "Id");

            static int IndexOf(IReadOnlyList<string> names, string name)
            {
                for (var i = 0; i < names.Count; i++)
                {
                    if (names[i] == name)
                    {
                        return i;
                    }
                }

                return -1;
            }
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

            foreach (var property in model.Properties.Where(static p => p.Index != IndexKind.None))
            {
                result.Add(Index(new[] { property }, property.Index == IndexKind.Unique, property.IndexName));
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


        /// <summary>A type name as a user writes it, for messages.</summary>
        private static string Short(string type) => type.Replace("global::", "");
    }
}

using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Micro.Generators.Data.Model;
using Micro.Generators.Shared;

namespace Micro.Generators.Data
{
    /// <summary>
    /// Writes the data layer of an app: per model, the row reader and writer with its field descriptors; the
    /// <c>Db</c> service with one query set per model and typed extensions; and the EF Core context with its
    /// <c>OnModelCreating</c> spelled out from the same metadata.
    /// </summary>
    internal static class DataEmitter
    {
        public const string ModelsHintName = "Micro.Data.Models.g.cs";
        public const string DbHintName = "Micro.Data.Db.g.cs";
        public const string DbContextHintName = "Micro.Data.AppDbContext.g.cs";

        private const string Data = "global::Micro.Data";
        private const string Ef = "global::Microsoft.EntityFrameworkCore";
        private const string Tasks = "global::System.Threading.Tasks";
        private const string CancellationToken = "global::System.Threading.CancellationToken";
        private const string EfGuard =
            "[global::System.Diagnostics.CodeAnalysis.RequiresUnreferencedCode(global::Micro.Data.EntityFrameworkFeature.Message)]\n" +
            "[global::System.Diagnostics.CodeAnalysis.RequiresDynamicCode(global::Micro.Data.EntityFrameworkFeature.Message)]";

        public static string EmitModels(DataModel data)
        {
            var writer = new SourceWriter().FileHeader();
            writer.Line("namespace Micro.Generated").OpenBrace();
            foreach (var model in data.Models)
            {
                EmitModelInfo(writer, model, data);
                writer.Line();
            }

            writer.Line("/// <summary>The app's models and the services that reach them, for its manifest.</summary>");
            writer.Line(GeneratedCode.Attribute);
            writer.Line("internal static class MicroData").OpenBrace();
            writer.Line($"public static {Data}.DataModel Create()").OpenBrace();
            writer.Line($"var data = new {Data}.DataModel(").Indentation++;
            writer.Line($"models: new {Data}.ModelInfo[] {{ {string.Join(", ", data.Models.Select(static m => m.InfoType + ".Instance"))} }},");
            writer.Line($"addDb: static services => global::Microsoft.Extensions.DependencyInjection.ServiceCollectionServiceExtensions.AddScoped(services, static provider => new global::Micro.Db(global::Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<{Data}.IDatabaseProvider>(provider))));");
            writer.Indentation--;
            writer.Line();
            writer.Line("// EF Core needs dynamic code: under the JIT only, so that the native compiler removes it.");
            writer.Line($"if ({Data}.EntityFrameworkFeature.IsSupported)").OpenBrace();
            writer.Line("AddEntityFramework(data);");
            writer.CloseBrace();
            writer.Line();
            writer.Line("return data;");
            writer.CloseBrace();
            writer.Line();
            writer.Lines(EfGuard);
            writer.Line($"private static void AddEntityFramework({Data}.DataModel data) =>");
            writer.Line($"    data.EntityFramework = new {Data}.EntityFrameworkModel<global::Micro.AppDbContext>(static options => new global::Micro.AppDbContext(options));");
            writer.CloseBrace();
            writer.CloseBrace();
            return writer.ToString();
        }

        private static void EmitModelInfo(SourceWriter writer, ModelModel model, DataModel data)
        {
            var type = model.Class.Type;
            var properties = model.Class.Properties;
            writer.Line($"/// <summary>Rows of <see cref=\"{type}\"/> in table <c>{Xml(model.Table)}</c>.</summary>");
            writer.Line(GeneratedCode.Attribute);
            writer.Line($"internal sealed class {model.InfoClass} : {Data}.ModelInfo<{type}>").OpenBrace();

            // Static fields initialize in order: columns, then fields and relations, then the instance that uses the columns.
            for (var i = 0; i < properties.Count; i++)
            {
                var property = properties[i];
                var isKey = i == model.KeyIndex;
                var initializers = new List<string>();
                if (property.MaxLength is { } maxLength)
                {
                    initializers.Add($"MaxLength = {maxLength.ToString(CultureInfo.InvariantCulture)}");
                }

                if (model.ForeignKeys.FirstOrDefault(f => f.Property == property.Name) is { } reference)
                {
                    initializers.Add($"References = {GeneratedCode.Literal(data.Models.First(m => m.Class.Type == reference.TargetType).Class.Name)}");
                }

                writer.Line($"public static readonly {Data}.ColumnInfo {property.Name}Column = new {Data}.ColumnInfo({GeneratedCode.Literal(property.Name)}, {GeneratedCode.Literal(property.ColumnName)}, {Data}.ColumnKind.{property.Storage.Kind}, {Bool(property.IsNullable)}, {Bool(isKey)}, {Bool(isKey && model.KeyIsAutoIncrement)}){(initializers.Count > 0 ? " { " + string.Join(", ", initializers) + " }" : "")};");
            }

            writer.Line();
            foreach (var property in properties)
            {
                var field = FieldType(type, property);
                writer.Line($"public static readonly {field} {property.Name}Field = new {field}({property.Name}Column);");
            }

            writer.Line();
            writer.Line($"public static readonly {model.InfoClass} Instance = new {model.InfoClass}();");

            if (model.ForeignKeys.Count + model.Collections.Count > 0)
            {
                writer.Line();
            }

            foreach (var foreignKey in model.ForeignKeys)
            {
                var target = data.Models.First(m => m.Class.Type == foreignKey.TargetType);
                var fk = properties.First(p => p.Name == foreignKey.Property);
                writer.Line($"public static readonly {Data}.Reference<{type}, {foreignKey.TargetType}> {foreignKey.Navigation}Relation = new {Data}.Reference<{type}, {foreignKey.TargetType}>(");
                writer.Line($"    {fk.Name}Column, static entity => entity.{fk.Name}, static (entity, value) => entity.{foreignKey.Navigation} = value, static () => {target.InfoType}.Instance);");
            }

            foreach (var collection in model.Collections)
            {
                var target = data.Models.First(m => m.Class.Type == collection.TargetType);
                writer.Line($"public static readonly {Data}.Collection<{type}, {collection.TargetType}> {collection.Navigation}Relation = new {Data}.Collection<{type}, {collection.TargetType}>(");
                writer.Line($"    static () => Instance, {target.InfoType}.{collection.ForeignKeyProperty}Column, static entity => entity.{collection.ForeignKeyProperty}, static (entity, rows) => entity.{collection.Navigation} = rows, static () => {target.InfoType}.Instance);");
            }

            writer.Line();
            writer.Line($"private {model.InfoClass}()");
            writer.Line($"    : base({GeneratedCode.Literal(model.Class.Name)}, {GeneratedCode.Literal(model.Table)}, new {Data}.ColumnInfo[] {{ {string.Join(", ", properties.Select(static p => p.Name + "Column"))} }})");
            writer.Line("{");
            writer.Line("}");
            writer.Line();

            writer.Line($"public override {type} Read(global::System.Data.Common.DbDataReader reader) => new {type}").OpenBrace();
            for (var i = 0; i < properties.Count; i++)
            {
                var property = properties[i];
                var read = string.Format(CultureInfo.InvariantCulture, property.Storage.ReadExpression, i.ToString(CultureInfo.InvariantCulture));
                writer.Line(property.IsNullable || property.Type.EndsWith("?")
                    ? $"{property.Name} = reader.IsDBNull({i.ToString(CultureInfo.InvariantCulture)}) ? {(property.Type.EndsWith("?") ? "null" : "default!")} : {read},"
                    : $"{property.Name} = {read},");
            }

            writer.CloseBrace(";");
            writer.Line();
            writer.Line("public override object? ReadValue(global::System.Data.Common.DbDataReader reader, int ordinal, int column) => column switch").OpenBrace();
            for (var i = 0; i < properties.Count; i++)
            {
                var property = properties[i];
                var read = string.Format(CultureInfo.InvariantCulture, property.Storage.ReadExpression, "ordinal");
                writer.Line(property.IsNullable || property.Type.EndsWith("?")
                    ? $"{i.ToString(CultureInfo.InvariantCulture)} => reader.IsDBNull(ordinal) ? null : {read},"
                    : $"{i.ToString(CultureInfo.InvariantCulture)} => {read},");
            }

            writer.Line("_ => throw new global::System.ArgumentOutOfRangeException(nameof(column)),");
            writer.CloseBrace(";");
            writer.Line();
            writer.Line($"public override void GetValues({type} entity, object?[] values)").OpenBrace();
            for (var i = 0; i < properties.Count; i++)
            {
                writer.Line($"values[{i.ToString(CultureInfo.InvariantCulture)}] = entity.{properties[i].Name};");
            }

            writer.CloseBrace();
            writer.Line();
            var key = model.Key;
            writer.Line($"public override object? GetKey({type} entity) => entity.{key.Name};");
            writer.Line();
            writer.Line(key.ValueType switch
            {
                "string" => $"public override bool HasKey({type} entity) => entity.{key.Name} is not null;",
                "global::System.Guid" => $"public override bool HasKey({type} entity) => entity.{key.Name} != global::System.Guid.Empty;",
                _ => $"public override bool HasKey({type} entity) => entity.{key.Name} != 0;",
            });
            writer.Line();
            writer.Line(key.ValueType switch
            {
                "int" => $"public override void SetKey({type} entity, object key) => entity.{key.Name} = global::System.Convert.ToInt32(key, global::System.Globalization.CultureInfo.InvariantCulture);",
                "long" => $"public override void SetKey({type} entity, object key) => entity.{key.Name} = global::System.Convert.ToInt64(key, global::System.Globalization.CultureInfo.InvariantCulture);",
                _ => $"public override void SetKey({type} entity, object key) => entity.{key.Name} = ({key.ValueType})key;",
            });
            writer.Line();
            if (model.KeyIsAutoIncrement)
            {
                writer.Line($"public override bool PrepareInsert({type} entity) => entity.{key.Name} == 0;");
            }
            else if (key.ValueType == "global::System.Guid")
            {
                writer.Line($"public override bool PrepareInsert({type} entity)").OpenBrace();
                writer.Line($"if (entity.{key.Name} == global::System.Guid.Empty)").OpenBrace();
                writer.Line($"entity.{key.Name} = global::System.Guid.NewGuid();");
                writer.CloseBrace();
                writer.Line();
                writer.Line("return false;");
                writer.CloseBrace();
            }
            else
            {
                writer.Line($"public override bool PrepareInsert({type} entity) => false;");
            }

            if (!model.Class.HasRequiredMembers)
            {
                writer.Line();
                writer.Line($"public override {type} CreateInstance() => new {type}();");
            }

            writer.CloseBrace();
        }

        public static string EmitDb(DataModel data)
        {
            var access = data.IsPublic ? "public" : "internal";
            var writer = new SourceWriter().FileHeader();
            writer.Line("namespace Micro").OpenBrace();
            writer.Line("/// <summary>");
            writer.Line("/// The app's database: one query set per model (<c>db.Posts.Filter(p =&gt; p.Year.Gte(2020))</c>). A scoped service:");
            writer.Line("/// take it as a parameter of a route or a command.");
            writer.Line("/// </summary>");
            writer.Line(GeneratedCode.Attribute);
            writer.Line($"{access} sealed partial class Db : {Data}.Database").OpenBrace();
            writer.Line($"public Db({Data}.IDatabaseProvider provider)");
            writer.Line("    : base(provider)");
            writer.Line("{");
            writer.Line("}");
            foreach (var model in data.Models)
            {
                writer.Line();
                writer.Line($"/// <summary>Every <see cref=\"{model.Class.Type}\"/> (table <c>{Xml(model.Table)}</c>).</summary>");
                writer.Line($"public {Data}.QuerySet<{model.Class.Type}> {model.SetName} => new {Data}.QuerySet<{model.Class.Type}>(this, {model.InfoType}.Instance);");
            }

            writer.CloseBrace();
            writer.Line();
            writer.Line("/// <summary>The typed fields of each model for queries (<c>p =&gt; p.Year</c>) and key lookups on its query set.</summary>");
            writer.Line(GeneratedCode.Attribute);
            writer.Line($"{access} static class MicroDataExtensions").OpenBrace();
            writer.Separated(data.Models, EmitExtensions);

            writer.CloseBrace();
            writer.CloseBrace();
            return writer.ToString();
        }

        private static void EmitExtensions(SourceWriter writer, ModelModel model)
        {
            var type = model.Class.Type;
            writer.Line($"extension({Data}.Fields<{type}> {Parameter(model.Class.Name)})").OpenBrace();
            var firstMember = true;
            foreach (var property in model.Class.Properties)
            {
                if (!firstMember)
                {
                    writer.Line();
                }

                firstMember = false;
                writer.Line($"/// <summary>The <c>{Xml(property.ColumnName)}</c> column.</summary>");
                writer.Line($"public {FieldType(type, property)} {property.Name} => {model.InfoType}.{property.Name}Field;");
            }

            foreach (var foreignKey in model.ForeignKeys)
            {
                writer.Line();
                writer.Line($"/// <summary>The {Xml(foreignKey.TargetModel)} this row points to through <c>{Xml(foreignKey.Property)}</c>.</summary>");
                writer.Line($"public {Data}.Reference<{type}, {foreignKey.TargetType}> {foreignKey.Navigation} => {model.InfoType}.{foreignKey.Navigation}Relation;");
            }

            foreach (var collection in model.Collections)
            {
                writer.Line();
                writer.Line($"/// <summary>The {Xml(collection.TargetModel)} rows whose <c>{Xml(collection.ForeignKeyProperty)}</c> points to this row.</summary>");
                writer.Line($"public {Data}.Collection<{type}, {collection.TargetType}> {collection.Navigation} => {model.InfoType}.{collection.Navigation}Relation;");
            }

            writer.CloseBrace();
            writer.Line();

            var key = model.Key;
            var keyName = Parameter(key.Name);
            var set = Parameter(model.SetName);
            writer.Line($"extension({Data}.QuerySet<{type}> {set})").OpenBrace();
            writer.Line($"/// <summary>The {Xml(model.Class.Name)} with this {Xml(key.Name)}; <see cref=\"global::Micro.NotFoundException\"/> (a 404 in a route) when there is none.</summary>");
            writer.Line($"public {type} Get({key.ValueType} {keyName}) => {set}.GetByKeyAsync({keyName}, false, default).GetAwaiter().GetResult();");
            writer.Line();
            writer.Line($"/// <summary>The {Xml(model.Class.Name)} with this {Xml(key.Name)}; <see cref=\"global::Micro.NotFoundException\"/> (a 404 in a route) when there is none.</summary>");
            writer.Line($"public {Tasks}.Task<{type}> GetAsync({key.ValueType} {keyName}, {CancellationToken} cancellationToken = default) => {set}.GetByKeyAsync({keyName}, true, cancellationToken).AsTask();");
            writer.Line();
            writer.Line($"/// <summary>The {Xml(model.Class.Name)} with this {Xml(key.Name)}, or null.</summary>");
            writer.Line($"public {type}? Find({key.ValueType} {keyName}) => {set}.FindByKeyAsync({keyName}, false, default).GetAwaiter().GetResult();");
            writer.Line();
            writer.Line($"/// <summary>The {Xml(model.Class.Name)} with this {Xml(key.Name)}, or null.</summary>");
            writer.Line($"public {Tasks}.Task<{type}?> FindAsync({key.ValueType} {keyName}, {CancellationToken} cancellationToken = default) => {set}.FindByKeyAsync({keyName}, true, cancellationToken).AsTask();");
            writer.CloseBrace();
        }

        public static string EmitDbContext(DataModel data)
        {
            var access = data.IsPublic ? "public" : "internal";
            var writer = new SourceWriter().FileHeader();
            writer.Line("// EF Core's relational configuration methods (ToTable, HasColumnName...) are extension methods.");
            writer.Line("using global::Microsoft.EntityFrameworkCore;");
            writer.Line();
            writer.Line("namespace Micro").OpenBrace();
            writer.Line("/// <summary>");
            writer.Line("/// EF Core over the same tables, for LINQ under the JIT (a scoped service: take it as a parameter) and for");
            writer.Line("/// <c>makemigrations</c>. A native binary has no EF Core: use <see cref=\"Db\"/> there.");
            writer.Line("/// </summary>");
            writer.Line(GeneratedCode.Attribute);
            writer.Line($"{access} partial class AppDbContext : {Ef}.DbContext").OpenBrace();
            writer.Lines(EfGuard);
            writer.Line($"public AppDbContext({Ef}.DbContextOptions<AppDbContext> options)");
            writer.Line("    : base(options)");
            writer.Line("{");
            writer.Line("}");
            foreach (var model in data.Models)
            {
                writer.Line();
                writer.Line($"public {Ef}.DbSet<{model.Class.Type}> {model.SetName} => Set<{model.Class.Type}>();");
            }

            writer.Line();
            writer.Line($"protected override void OnModelCreating({Ef}.ModelBuilder modelBuilder)").OpenBrace();
            writer.Separated(data.Models, (writer, model) => EmitEntity(writer, model, data));

            writer.CloseBrace();
            writer.CloseBrace();
            writer.CloseBrace();
            return writer.ToString();
        }

        private static void EmitEntity(SourceWriter writer, ModelModel model, DataModel data)
        {
            writer.Line($"modelBuilder.Entity<{model.Class.Type}>(entity =>").OpenBrace();
            writer.Line($"entity.ToTable({GeneratedCode.Literal(model.Table)});");
            writer.Line($"entity.HasKey({GeneratedCode.Literal(model.Key.Name)}).HasName({GeneratedCode.Literal("PK_" + model.Table)});");
            for (var i = 0; i < model.Class.Properties.Count; i++)
            {
                var property = model.Class.Properties[i];
                var line = $"entity.Property<{property.Type}>({GeneratedCode.Literal(property.Name)}).HasColumnName({GeneratedCode.Literal(property.ColumnName)})";
                if (!property.Type.EndsWith("?") || !property.IsNullable)
                {
                    line += property.IsNullable ? ".IsRequired(false)" : ".IsRequired()";
                }

                if (property.MaxLength is { } maxLength)
                {
                    line += $".HasMaxLength({maxLength.ToString(CultureInfo.InvariantCulture)})";
                }

                if (i == model.KeyIndex)
                {
                    line += model.KeyIsAutoIncrement ? ".ValueGeneratedOnAdd()" : ".ValueGeneratedNever()";
                }
                else if (property.DefaultValue is not null)
                {
                    // The default is the column's and the initializer's: Micro and EF always send the value.
                    line += $".HasDefaultValue({property.DefaultValue}).ValueGeneratedNever()";
                }

                writer.Line(line + ";");
            }

            foreach (var index in model.Indexes)
            {
                writer.Line($"entity.HasIndex({string.Join(", ", index.Properties.Select(static p => GeneratedCode.Literal(p)))}){(index.IsUnique ? ".IsUnique()" : "")}.HasDatabaseName({GeneratedCode.Literal(index.Name)});");
            }

            foreach (var foreignKey in model.ForeignKeys)
            {
                var inverse = foreignKey.InverseCollection is null ? "" : GeneratedCode.Literal(foreignKey.InverseCollection);
                writer.Line($"entity.HasOne<{foreignKey.TargetType}>({GeneratedCode.Literal(foreignKey.Navigation)}).WithMany({inverse})");
                writer.Line($"    .HasForeignKey({GeneratedCode.Literal(foreignKey.Property)}).IsRequired({Bool(foreignKey.IsRequired)})");
                writer.Line($"    .HasConstraintName({GeneratedCode.Literal(foreignKey.ConstraintName)})");
                writer.Line($"    .OnDelete({Ef}.DeleteBehavior.{(foreignKey.IsRequired ? "Cascade" : "SetNull")});");
            }

            foreach (var ignored in model.Class.EfIgnored)
            {
                writer.Line($"entity.Ignore({GeneratedCode.Literal(ignored)});");
            }

            writer.CloseBrace(");");
        }

        private static string FieldType(string model, PropertyModel property) => property.Storage switch
        {
            { Kind: ColumnKind.Text } when property.ValueType == "string" => $"{Data}.TextField<{model}, {property.Type}>",
            { Kind: ColumnKind.Integer or ColumnKind.Real or ColumnKind.Decimal, IsEnum: false } => $"{Data}.NumberField<{model}, {property.Type}>",
            _ when property.ValueType is "global::System.DateTime" or "global::System.DateOnly" or "global::System.DateTimeOffset" => $"{Data}.DateField<{model}, {property.Type}>",
            _ => $"{Data}.Field<{model}, {property.Type}>",
        };

        private static string Parameter(string name)
        {
            var identifier = GeneratedCode.Identifier(name);
            identifier = char.ToLowerInvariant(identifier[0]) + identifier.Substring(1);
            return Microsoft.CodeAnalysis.CSharp.SyntaxFacts.GetKeywordKind(identifier) != Microsoft.CodeAnalysis.CSharp.SyntaxKind.None ? "@" + identifier : identifier;
        }

        private static string Bool(bool value) => value ? "true" : "false";

        private static string Xml(string text) => text.Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;");
    }
}

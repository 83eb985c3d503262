using Micro.Generators.Shared;

namespace Micro.Generators.Data.Model
{
    /// <summary>One column-mapped property of a model class, as declared.</summary>
    /// <param name="Name">The C# property name.</param>
    /// <param name="Type">The property type, fully qualified, with <c>?</c> when nullable.</param>
    /// <param name="ValueType">The type without nullability (the <c>T</c> of <c>T?</c>), fully qualified.</param>
    /// <param name="Storage">How the value is stored and read.</param>
    /// <param name="IsNullable">The column accepts NULL.</param>
    /// <param name="ColumnName">The column name.</param>
    /// <param name="IsKeyAttribute">Marked <c>[Key]</c>.</param>
    /// <param name="IsInitOnly">Its setter is <c>init</c>.</param>
    /// <param name="MaxLength">From <c>[MaxLength]</c> or <c>[StringLength]</c>.</param>
    /// <param name="DefaultValue">A C# expression for the constant initializer, which is also the column default.</param>
    /// <param name="Index">From <c>[Index]</c> or <c>[Unique]</c> on the property.</param>
    /// <param name="IndexName">The name given in <c>[Index(Name = ...)]</c>.</param>
    /// <param name="ForeignKeyFor">From <c>[ForeignKey("Nav")]</c> on this property: the navigation it is the key of.</param>
    internal sealed record PropertyModel(
        string Name,
        string Type,
        string ValueType,
        StorageModel Storage,
        bool IsNullable,
        string ColumnName,
        bool IsKeyAttribute,
        bool IsInitOnly,
        int? MaxLength,
        string? DefaultValue,
        IndexKind Index,
        string? IndexName,
        string? ForeignKeyFor,
        LocationInfo? Location);

    /// <summary>Whether a property's column has an index of its own.</summary>
    internal enum IndexKind
    {
        None,
        Index,
        Unique,
    }

    /// <summary>How the runtime compares and binds a column's values: the members of <c>Micro.Data.ColumnKind</c>.</summary>
    internal enum ColumnKind
    {
        Integer,
        Real,
        Decimal,
        Text,
        Boolean,
        Other,
        Duration,
        DateTimeOffset,
    }

    /// <summary>How a CLR type is stored: the column kind the runtime compares with, and how a reader reads it.</summary>
    /// <param name="ReadExpression">A C# expression reading ordinal <c>{0}</c> of <c>reader</c> as the value type.</param>
    /// <param name="IsEnum">An enum, stored as its number.</param>
    internal sealed record StorageModel(ColumnKind Kind, string ReadExpression, bool IsEnum);

    /// <summary>A property whose type is another model (a reference) or a list of one (a collection).</summary>
    /// <param name="TargetType">The model it points to, fully qualified.</param>
    /// <param name="IsCollection">A list of rows that point back.</param>
    /// <param name="ForeignKey">The foreign key property named by <c>[ForeignKey]</c> on the navigation.</param>
    /// <param name="InverseProperty">The navigation on the other side named by <c>[InverseProperty]</c>.</param>
    internal sealed record NavigationModel(
        string Name,
        string TargetType,
        bool IsCollection,
        string? ForeignKey,
        string? InverseProperty,
        LocationInfo? Location);

    /// <summary>A class-level <c>[Index(nameof(A), nameof(B), IsUnique = true)]</c>.</summary>
    internal sealed record ClassIndexModel(EquatableArray<string> Properties, bool IsUnique, string? Name, LocationInfo? Location);

    /// <summary>A <c>[Model]</c> class as declared, before relations between models are resolved.</summary>
    /// <param name="Name">The class name.</param>
    /// <param name="Type">The class, fully qualified.</param>
    /// <param name="Table">The table from <c>[Model(Table = ...)]</c>.</param>
    /// <param name="IsPublic">Public, and so are its containing types.</param>
    /// <param name="EfIgnored">Read-write properties EF Core would map by convention but Micro doesn't (private setters, [NotMapped]).</param>
    internal sealed record ModelClassModel(
        string Name,
        string Type,
        string? Table,
        bool IsPublic,
        EquatableArray<PropertyModel> Properties,
        EquatableArray<NavigationModel> Navigations,
        EquatableArray<ClassIndexModel> Indexes,
        EquatableArray<string> EfIgnored,
        LocationInfo? Location)
    {
        /// <summary>It has <c>required</c> members, so <c>new T()</c> doesn't compile: no <c>CreateInstance</c> is generated.</summary>
        public bool HasRequiredMembers { get; init; }
    }

    /// <summary>A foreign key: the property on the dependent model, the navigation, the model it points to.</summary>
    internal sealed record ForeignKeyModel(
        string Navigation,
        string Property,
        string Column,
        bool IsRequired,
        string TargetType,
        string TargetModel,
        string TargetTable,
        string? InverseCollection,
        string ConstraintName);

    /// <summary>The rows of another model that point to this one (<c>author.Posts</c>).</summary>
    internal sealed record CollectionModel(
        string Navigation,
        string TargetType,
        string TargetModel,
        string ForeignKeyProperty,
        bool ForeignKeyIsNullable);

    internal sealed record IndexModel(string Name, EquatableArray<string> Properties, EquatableArray<string> Columns, bool IsUnique);

    /// <summary>A model with everything resolved: table, key, relations, indexes.</summary>
    /// <param name="SetName">The name of its query set on <c>Db</c> (<c>Posts</c>).</param>
    /// <param name="KeyIndex">The index of the key in <see cref="ModelClassModel.Properties"/>.</param>
    /// <param name="KeyIsAutoIncrement">An integer key the database assigns.</param>
    internal sealed record ModelModel(
        ModelClassModel Class,
        string SetName,
        string Table,
        int KeyIndex,
        bool KeyIsAutoIncrement,
        EquatableArray<ForeignKeyModel> ForeignKeys,
        EquatableArray<CollectionModel> Collections,
        EquatableArray<IndexModel> Indexes)
    {
        public PropertyModel Key => Class.Properties[KeyIndex];

        /// <summary>The generated metadata class, <c>global::Micro.Generated.PostModel</c>.</summary>
        public string InfoType => "global::Micro.Generated." + InfoClass;

        public string InfoClass => GeneratedCode.Identifier(Class.Name) + "Model" + (InfoSuffix.Length > 0 ? "_" + InfoSuffix : "");

        /// <summary>Set when two models share a class name (in different namespaces).</summary>
        public string InfoSuffix { get; init; } = "";
    }

    /// <summary>Everything the data emitter writes from.</summary>
    /// <param name="IsPublic">Every model is public, so <c>Db</c> can be.</param>
    internal sealed record DataModel(EquatableArray<ModelModel> Models, bool IsPublic);
}

using Micro.Generators.Shared;

namespace Micro.Generators.Json
{
    internal enum JsonTypeKind
    {
        /// <summary>A type with a converter in <c>JsonMetadataServices</c> (<see cref="JsonTypeModel.Converter"/>).</summary>
        Value,

        /// <summary>A type with <c>[JsonConverter]</c>: <see cref="JsonTypeModel.Converter"/> is the converter type.</summary>
        CustomConverter,

        /// <summary>A type System.Text.Json refuses (a delegate, <c>Type</c>, <c>IntPtr</c>, a multi-dimensional array): writing it throws.</summary>
        Unsupported,
        Enum,
        Nullable,

        /// <summary>An array or collection, created with <c>JsonMetadataServices.{Collection}</c>.</summary>
        Collection,
        Dictionary,
        Object,
    }

    /// <summary>How an object is created when JSON is read.</summary>
    internal enum JsonConstruction
    {
        /// <summary>It isn't: an interface, an abstract class, or a class without a constructor System.Text.Json would use.</summary>
        None,
        Parameterless,

        /// <summary>With constructor arguments, or with init-only and required members set in an object initializer.</summary>
        Parameterized,
    }

    /// <summary>A type System.Text.Json reads or writes, described so that its metadata can be emitted without reflection.</summary>
    /// <param name="Type">The type, fully qualified.</param>
    /// <param name="Kind">How it is serialized.</param>
    /// <param name="Converter">
    /// For <see cref="JsonTypeKind.Value"/>: the <c>JsonMetadataServices</c> converter property; for
    /// <see cref="JsonTypeKind.CustomConverter"/>: the converter type from <c>[JsonConverter]</c>.
    /// </param>
    /// <param name="ElementType">The underlying type of a nullable, the element of a collection, the value of a dictionary.</param>
    /// <param name="KeyType">The key of a dictionary.</param>
    /// <param name="Collection">
    /// For collections and dictionaries: the <c>JsonMetadataServices</c> factory and its type arguments
    /// (<c>CreateListInfo&lt;global::System.Collections.Generic.List&lt;int&gt;, int&gt;</c>).
    /// </param>
    /// <param name="CollectionArgument">An extra argument of the collection factory (<c>createRangeFunc: ...</c>), if it takes one.</param>
    /// <param name="Creator">An expression creating an empty collection or object (<c>new global::App.Post()</c>), or null.</param>
    /// <param name="IsValueType">Whether property setters must unbox.</param>
    /// <param name="NumberHandling">The type's <c>[JsonNumberHandling]</c>, as a C# expression.</param>
    /// <param name="UnmappedMemberHandling">The type's <c>[JsonUnmappedMemberHandling]</c>, as a C# expression.</param>
    /// <param name="ObjectCreationHandling">The type's <c>[JsonObjectCreationHandling]</c>, as a C# expression.</param>
    /// <param name="Construction">How an object is created when reading.</param>
    /// <param name="Properties">The properties and fields of an object, most derived type first, as System.Text.Json's generator lists them.</param>
    /// <param name="ConstructorParameters">The parameters of the constructor used to read an object, in order.</param>
    /// <param name="MemberInitializers">Init-only and required members set in the object initializer of the creating expression.</param>
    internal sealed record JsonTypeModel(
        string Type,
        JsonTypeKind Kind,
        string? Converter = null,
        string? ElementType = null,
        string? KeyType = null,
        string? Collection = null,
        string? CollectionArgument = null,
        string? Creator = null,
        bool IsValueType = false,
        string? NumberHandling = null,
        string? UnmappedMemberHandling = null,
        string? ObjectCreationHandling = null,
        JsonConstruction Construction = JsonConstruction.None,
        EquatableArray<JsonPropertyModel> Properties = default,
        EquatableArray<JsonParameterModel> ConstructorParameters = default,
        EquatableArray<JsonMemberInitializerModel> MemberInitializers = default)
    {
        /// <summary>An enum's members (not a <c>[Flags]</c> enum's), for the OpenAPI document: as a string converter writes them, and their values.</summary>
        public EquatableArray<JsonEnumMemberModel> EnumMembers { get; init; } = EquatableArray<JsonEnumMemberModel>.Empty;
    }

    /// <param name="Name">The member as <c>JsonStringEnumConverter</c> writes it (its <c>[JsonStringEnumMemberName]</c>, or its name).</param>
    /// <param name="Value">Its number, in the invariant culture.</param>
    internal sealed record JsonEnumMemberModel(string Name, string Value);

    /// <summary>A property or field of an object.</summary>
    /// <param name="Name">The C# member name; System.Text.Json applies the naming policy to it.</param>
    /// <param name="Access">The member as generated code writes it after a dot (<c>@class</c> for a keyword).</param>
    /// <param name="DeclaringType">The type that declares the member, fully qualified.</param>
    /// <param name="Type">The member type, fully qualified, with the app's nullable annotations (as lambdas over the member need it).</param>
    /// <param name="RuntimeType">The member type without annotations, as <c>typeof</c> takes it.</param>
    /// <param name="IsProperty">A property, not a field.</param>
    /// <param name="IsAccessible">Generated code can reach the member (System.Text.Json's <c>IsPublic</c>).</param>
    /// <param name="CanGet">Generated code reads the member.</param>
    /// <param name="CanSet">Generated code writes the member (through its setter, or in an object initializer when <paramref name="IsInitOnly"/>).</param>
    /// <param name="IsInitOnly">The setter is <c>init</c>: values are set when the object is created.</param>
    /// <param name="JsonName">The name from <c>[JsonPropertyName]</c>, if any.</param>
    /// <param name="IgnoreCondition">The member of <c>JsonIgnoreCondition</c> from <c>[JsonIgnore]</c>, as a C# expression.</param>
    /// <param name="NumberHandling">The member's <c>[JsonNumberHandling]</c>, as a C# expression.</param>
    /// <param name="ObjectCreationHandling">The member's <c>[JsonObjectCreationHandling]</c>, as a C# expression.</param>
    /// <param name="Converter">The converter type from the member's <c>[JsonConverter]</c>.</param>
    /// <param name="NullableUnderlyingType">For a converter on a <c>Nullable&lt;T&gt;</c> member: <c>T</c>, which the converter may convert instead.</param>
    /// <param name="IsRequired"><c>[JsonRequired]</c>, or a C# <c>required</c> member its constructor doesn't set.</param>
    /// <param name="IsGetterNonNullable">The getter's type is annotated non-nullable.</param>
    /// <param name="IsSetterNonNullable">The setter's type is annotated non-nullable.</param>
    internal sealed record JsonPropertyModel(
        string Name,
        string Access,
        string DeclaringType,
        string Type,
        string RuntimeType,
        bool IsProperty,
        bool IsAccessible,
        bool IsVirtual,
        bool CanGet,
        bool CanSet,
        bool IsInitOnly,
        bool HasJsonInclude,
        bool IsExtensionData,
        string? JsonName,
        string? IgnoreCondition,
        string? NumberHandling,
        string? ObjectCreationHandling,
        string? Converter,
        string? NullableUnderlyingType,
        int Order,
        bool IsRequired,
        bool IsGetterNonNullable,
        bool IsSetterNonNullable)
    {
        public bool IsAlwaysIgnored => IgnoreCondition == JsonNames.IgnoreAlways;
    }

    /// <param name="Name">The parameter name, which System.Text.Json matches to a property case-insensitively.</param>
    /// <param name="Type">The parameter type, fully qualified, with the app's nullable annotations.</param>
    /// <param name="RuntimeType">The parameter type without annotations, as <c>typeof</c> takes it.</param>
    /// <param name="DefaultValue">A C# expression for the parameter's default value, when it has one.</param>
    internal sealed record JsonParameterModel(string Name, string Type, string RuntimeType, int Position, bool HasDefaultValue, string? DefaultValue, bool IsNullable);

    /// <param name="Name">The member set in the object initializer.</param>
    /// <param name="Position">The index of its value among the constructor's arguments.</param>
    /// <param name="MatchesConstructorParameter">A constructor parameter of the same name supplies its value.</param>
    internal sealed record JsonMemberInitializerModel(string Name, string Access, string Type, string RuntimeType, int Position, bool MatchesConstructorParameter, bool IsNullable);
}

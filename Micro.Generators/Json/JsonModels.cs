using Micro.Generators.Shared;

namespace Micro.Generators.Json
{
    internal enum JsonTypeKind
    {
        /// <summary>A type with a converter in <c>JsonMetadataServices</c> (<see cref="JsonTypeModel.Converter"/>).</summary>
        Value,
        Enum,
        Nullable,
        Array,

        /// <summary>A collection created with <c>JsonMetadataServices.Create{Collection}Info</c> (<see cref="JsonTypeModel.Collection"/>).</summary>
        Collection,
        Dictionary,
        Object,
    }

    /// <summary>A type System.Text.Json reads or writes, described so that its metadata can be emitted without reflection.</summary>
    /// <param name="Type">The type, fully qualified.</param>
    /// <param name="Kind">How it is serialized.</param>
    /// <param name="Converter">For <see cref="JsonTypeKind.Value"/>: the <c>JsonMetadataServices</c> converter property.</param>
    /// <param name="ElementType">The element of a nullable, array or collection; the value of a dictionary.</param>
    /// <param name="KeyType">The key of a dictionary.</param>
    /// <param name="Collection">The <c>JsonMetadataServices</c> factory for a collection or dictionary: <c>List</c>, <c>IEnumerable</c>, ...</param>
    /// <param name="Creator">An expression creating an empty collection or object, or null when it can only be written.</param>
    /// <param name="IsValueType">Whether property setters must unbox.</param>
    /// <param name="Properties">The serialized properties of an object.</param>
    /// <param name="ConstructorParameters">The parameters of the constructor used to read an object, in order.</param>
    internal sealed record JsonTypeModel(
        string Type,
        JsonTypeKind Kind,
        string? Converter,
        string? ElementType,
        string? KeyType,
        string? Collection,
        string? Creator,
        bool IsValueType,
        EquatableArray<JsonPropertyModel> Properties,
        EquatableArray<JsonParameterModel> ConstructorParameters);

    /// <param name="Name">The C# property name; System.Text.Json applies the naming policy to it.</param>
    /// <param name="Type">The property type, fully qualified.</param>
    /// <param name="JsonName">The name from <c>[JsonPropertyName]</c>, if any.</param>
    /// <param name="CanSet">The property has a public setter (not init-only).</param>
    /// <param name="IsInitOnly">The property is set in an object initializer when reading.</param>
    internal sealed record JsonPropertyModel(string Name, string Type, string? JsonName, bool CanSet, bool IsInitOnly, bool IsVirtual);

    /// <param name="IsMemberInitializer">An init-only property set in the object initializer, not a constructor parameter.</param>
    internal sealed record JsonParameterModel(string Name, string Type, int Position, bool HasDefaultValue, string? DefaultValue, bool IsNullable, bool IsMemberInitializer);
}

namespace Micro.Generators.Json
{
    /// <summary>Names of the System.Text.Json types and attributes the JSON metadata builder looks for.</summary>
    internal static class JsonNames
    {
        private const string Serialization = "System.Text.Json.Serialization.";

        public const string JsonConverter = Serialization + "JsonConverter";
        public const string JsonConverterAttribute = Serialization + "JsonConverterAttribute";
        public const string JsonStringEnumConverter = Serialization + "JsonStringEnumConverter";
        public const string JsonConstructorAttribute = Serialization + "JsonConstructorAttribute";
        public const string JsonDerivedTypeAttribute = Serialization + "JsonDerivedTypeAttribute";
        public const string JsonExtensionDataAttribute = Serialization + "JsonExtensionDataAttribute";
        public const string JsonIgnoreAttribute = Serialization + "JsonIgnoreAttribute";
        public const string JsonIncludeAttribute = Serialization + "JsonIncludeAttribute";
        public const string JsonNumberHandlingAttribute = Serialization + "JsonNumberHandlingAttribute";
        public const string JsonObjectCreationHandlingAttribute = Serialization + "JsonObjectCreationHandlingAttribute";
        public const string JsonPropertyNameAttribute = Serialization + "JsonPropertyNameAttribute";
        public const string JsonStringEnumMemberNameAttribute = Serialization + "JsonStringEnumMemberNameAttribute";
        public const string JsonPropertyOrderAttribute = Serialization + "JsonPropertyOrderAttribute";
        public const string JsonRequiredAttribute = Serialization + "JsonRequiredAttribute";
        public const string JsonUnmappedMemberHandlingAttribute = Serialization + "JsonUnmappedMemberHandlingAttribute";
        public const string SetsRequiredMembersAttribute = "System.Diagnostics.CodeAnalysis.SetsRequiredMembersAttribute";

        public const string IgnoreAlways = "global::" + Serialization + "JsonIgnoreCondition.Always";
    }
}

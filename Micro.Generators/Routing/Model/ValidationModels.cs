using Micro.Generators.Forms.Model;
using Micro.Generators.Shared;

namespace Micro.Generators.Routing.Model
{
    /// <summary>A property of a JSON body type that its DataAnnotations check, or that holds objects which are checked.</summary>
    /// <param name="Name">The C# property name (what the JSON naming policy converts).</param>
    /// <param name="Access">The property as generated code writes it after a dot (<c>@class</c> for a keyword).</param>
    /// <param name="JsonName">Its <c>[JsonPropertyName]</c>, if any.</param>
    /// <param name="Label">What <c>{0}</c> is in an annotation's own <c>ErrorMessage</c>.</param>
    /// <param name="IsRequired">It has <c>[Required]</c> (a missing or null value is System.Text.Json's to refuse otherwise).</param>
    /// <param name="AllowEmptyStrings"><c>[Required(AllowEmptyStrings = true)]</c>.</param>
    /// <param name="RequiredMessage">The <c>ErrorMessage</c> of <c>[Required]</c>.</param>
    /// <param name="Checks">The checks of its annotations, as forms read them.</param>
    /// <param name="Nested">The body type whose checks its value (or, for a list, each item) goes through; null when none.</param>
    /// <param name="IsList">The property holds a list of <paramref name="Nested"/>.</param>
    internal sealed record ValidatedPropertyModel(
        string Name,
        string Access,
        string? JsonName,
        string Label,
        bool IsRequired,
        bool AllowEmptyStrings,
        string? RequiredMessage,
        EquatableArray<CheckModel> Checks,
        string? Nested,
        bool IsList)
    {
        /// <summary>For a list: <c>[MinLength]</c>, <c>[MaxLength]</c> and <c>[Length]</c> as counts of items (MinLength and MaxLength checks).</summary>
        public EquatableArray<CheckModel> CountChecks { get; init; } = EquatableArray<CheckModel>.Empty;
    }

    /// <summary>A type read from a JSON body whose properties (or nested objects' properties) have DataAnnotations to check.</summary>
    /// <param name="Type">The type, fully qualified.</param>
    internal sealed record ValidatedTypeModel(string Type, EquatableArray<ValidatedPropertyModel> Properties);
}

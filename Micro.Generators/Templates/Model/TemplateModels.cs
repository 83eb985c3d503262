using Micro.Generators.Shared;

namespace Micro.Generators.Templates.Model
{
    /// <summary>One readable member: the names templates use for it and how its value is read.</summary>
    /// <param name="Names">The names as written and, when different, in snake_case (<c>CreatedAt</c> and <c>created_at</c>).</param>
    /// <param name="Member">The C# member name.</param>
    /// <param name="Boxing"><c>bool</c> or <c>int</c> when the value is boxed through the runtime's caches; empty otherwise.</param>
    internal sealed record AccessorMemberModel(EquatableArray<string> Names, string Member, string Boxing);

    /// <summary>An accessor for one type that reaches a template.</summary>
    /// <param name="Key">What identifies the type (its display string); accessors are sorted and de-duplicated by it.</param>
    /// <param name="Type">The <c>global::</c>-qualified name; null for an anonymous type.</param>
    /// <param name="Prototype">For an anonymous type: an expression of the same type, such as <c>new { year = default(int) }</c>.</param>
    internal sealed record AccessorModel(string Key, string? Type, string? Prototype, EquatableArray<AccessorMemberModel> Members);

    /// <summary>A <c>[TemplateTag]</c> method's parameter.</summary>
    /// <param name="Conversion">How a template value becomes the parameter: Text, Bool, Int, Long, Double, Decimal, Object, or As.</param>
    internal sealed record TagParameterModel(string Name, string Type, string Conversion, bool HasDefault, string? DefaultValue);

    /// <summary>A <c>[TemplateTag]</c> method.</summary>
    /// <param name="Kind">Filter, SimpleTag or InclusionTag.</param>
    /// <param name="FilterArgument">For filters: None, Optional or Required.</param>
    internal sealed record TagModel(
        string Name,
        string Kind,
        string Method,
        EquatableArray<TagParameterModel> Parameters,
        string FilterArgument,
        bool IsSafe,
        bool NeedsAutoescape,
        string? Template)
    {
        public LocationInfo? Location { get; init; }

        /// <summary>For an inclusion tag: accessors for the type it returns, which its template reads.</summary>
        public EquatableArray<AccessorModel> ReturnAccessors { get; init; } = EquatableArray<AccessorModel>.Empty;
    }

    /// <summary>A template file from <c>templates/</c>.</summary>
    /// <param name="Name">Its name for loaders: <c>blog/list.html</c>.</param>
    internal sealed record TemplateFileModel(string Name, string Path, string Text);

    /// <summary>Everything the templates output writes.</summary>
    internal sealed record TemplatesModel(EquatableArray<AccessorModel> Accessors, EquatableArray<TagModel> Tags);
}

namespace Micro.Generators.Templates.Model
{
    /// <summary>A <c>Template.Render(name, model)</c> call site.</summary>
    /// <param name="TemplateName">The name when it is a constant.</param>
    /// <param name="UntypedMembers">Parts of the model whose type the generator can't see (they come from generated code), so templates can't read them.</param>
    internal sealed record RenderCallModel(
        string? TemplateName,
        LocationInfo? Location,
        EquatableArray<AccessorModel> Accessors,
        LocationInfo? ModelLocation,
        EquatableArray<string> UntypedMembers);
}

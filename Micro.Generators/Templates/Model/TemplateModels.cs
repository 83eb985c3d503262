using Micro.Generators.Shared;

namespace Micro.Generators.Templates.Model
{
    /// <summary>One readable member: the names templates use for it and how its value is read.</summary>
    /// <param name="Names">The names as written and, when different, in snake_case (<c>CreatedAt</c> and <c>created_at</c>).</param>
    /// <param name="Member">The C# member name.</param>
    /// <param name="Boxing">Whether the value is boxed through the runtime's caches of bools and small ints.</param>
    internal sealed record AccessorMemberModel(EquatableArray<string> Names, string Member, Boxing Boxing)
    {
        /// <summary>How the member's value is read from <paramref name="instance"/>: the member, or for a file column its <c>FieldFile</c>.</summary>
        public string Read(string instance) => File == FileColumn.None
            ? instance + "." + Member
            : $"new global::Micro.Files.FieldFile({instance}.{Member}{(File == FileColumn.Image ? ", isImage: true" : "")})";

        /// <summary>The member is a string, which compiled templates write without going through object.</summary>
        public bool IsString { get; init; }

        /// <summary>The member is an <c>int</c>, a <c>long</c> or a <c>decimal</c>, which <c>floatformat</c> formats without boxing.</summary>
        public bool IsNumber { get; init; }

        /// <summary>A <c>[FileField]</c> or <c>[ImageField]</c> column, which templates read as a <c>FieldFile</c> (<c>{{ doc.scan.url }}</c>).</summary>
        public FileColumn File { get; init; }

        /// <summary>The <see cref="AccessorModel.Key"/> of the member's type when templates read it through an accessor, for the build's member checks.</summary>
        public string? TypeKey { get; init; }

        /// <summary>For a list, an array or another sequence: the <see cref="AccessorModel.Key"/> of its items' type, which <c>{% for %}</c> reads.</summary>
        public string? ItemKey { get; init; }
    }

    /// <summary>How an accessor boxes a member's value: through <c>TemplateAccessors.Box</c> (no allocation) or as any object.</summary>
    internal enum Boxing
    {
        None,
        Bool,
        Int,
    }

    /// <summary>Whether a member is a model's file column, and of which kind.</summary>
    internal enum FileColumn
    {
        None,
        File,
        Image,
    }

    /// <summary>What a <c>[TemplateTag]</c> method is to templates.</summary>
    internal enum TemplateTagKind
    {
        Filter,
        SimpleTag,
        InclusionTag,
    }

    /// <summary>How a template value becomes a tag method's parameter: a <c>TemplateTagArguments</c> conversion, as is, or a cast.</summary>
    internal enum TagArgumentConversion
    {
        Text,
        Bool,
        Int,
        Long,
        Double,
        Decimal,
        Object,
        As,
    }

    /// <summary>An accessor for one type that reaches a template.</summary>
    /// <param name="Key">What identifies the type (its display string); accessors are sorted and de-duplicated by it.</param>
    /// <param name="Type">The <c>global::</c>-qualified name; null for an anonymous type.</param>
    /// <param name="Prototype">For an anonymous type: an expression of the same type, such as <c>new { year = default(int) }</c>.</param>
    internal sealed record AccessorModel(string Key, string? Type, string? Prototype, EquatableArray<AccessorMemberModel> Members)
    {
        /// <summary>The keys of the type's base classes (the app's own), whose accessors a value of a derived type may be read through.</summary>
        public EquatableArray<string> BaseKeys { get; init; } = EquatableArray<string>.Empty;
    }

    /// <summary>A <c>[TemplateTag]</c> method's parameter.</summary>
    internal sealed record TagParameterModel(string Name, string Type, TagArgumentConversion Conversion, bool HasDefault, string? DefaultValue);

    /// <summary>A <c>[TemplateTag]</c> method.</summary>
    /// <param name="FilterArgument">For filters: whether they take an argument.</param>
    internal sealed record TagModel(
        string Name,
        TemplateTagKind Kind,
        string Method,
        EquatableArray<TagParameterModel> Parameters,
        Micro.Templates.FilterArgument FilterArgument,
        bool IsSafe,
        bool NeedsAutoescape,
        string? Template)
    {
        public LocationInfo? Location { get; init; }

        /// <summary>For an inclusion tag: accessors for the type it returns, which its template reads.</summary>
        public EquatableArray<AccessorModel> ReturnAccessors { get; init; } = EquatableArray<AccessorModel>.Empty;

        /// <summary>For an inclusion tag: the <see cref="AccessorModel.Key"/> of the type it returns, when templates read it through an accessor.</summary>
        public string? ReturnKey { get; init; }
    }

    /// <summary>A template file from <c>templates/</c>.</summary>
    /// <param name="Name">Its name for loaders: <c>blog/list.html</c>.</param>
    internal sealed record TemplateFileModel(string Name, string Path, string Text);

    /// <summary>Everything the templates output writes.</summary>
    internal sealed record TemplatesModel(EquatableArray<AccessorModel> Accessors, EquatableArray<TagModel> Tags)
    {
        /// <summary>Whether <c>templates/</c> has files, which the generator compiles.</summary>
        public bool HasCompiledTemplates { get; init; }
    }

    /// <summary>What compiling <c>templates/</c> needs: the files, the app's tags (to parse them) and the types templates read.</summary>
    internal sealed record CompiledTemplatesModel(EquatableArray<TemplateFileModel> Files, EquatableArray<TagModel> Tags, EquatableArray<AccessorModel> Accessors);
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
        EquatableArray<string> UntypedMembers)
    {
        /// <summary>The <see cref="AccessorModel.Key"/> of the model's type when templates read it through an accessor.</summary>
        public string? ModelKey { get; init; }
    }
}

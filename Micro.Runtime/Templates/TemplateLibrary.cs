using System.Collections.Frozen;
using Micro.Templates;

namespace Micro
{
    /// <summary>
    /// A filter's implementation: the value it filters, its argument (null when none was given) and
    /// whether autoescaping is on where it is used. Return a <see cref="SafeString"/> for HTML that must not be escaped.
    /// </summary>
    public delegate object? TemplateFilterFunction(object? value, object? argument, bool autoescape);

    /// <summary>A custom tag's implementation; see <see cref="TemplateTagCall"/>.</summary>
    public delegate object? TemplateTagFunction(TemplateTagCall call);

    /// <summary>The evaluated arguments of one use of a custom tag.</summary>
    public sealed class TemplateTagCall
    {
        internal TemplateTagCall(object?[] arguments, IReadOnlyDictionary<string, object?> namedArguments, TemplateContext context)
        {
            Arguments = arguments;
            NamedArguments = namedArguments;
            Context = context;
        }

        /// <summary>Positional arguments in order.</summary>
        public IReadOnlyList<object?> Arguments { get; }

        /// <summary><c>name=value</c> arguments.</summary>
        public IReadOnlyDictionary<string, object?> NamedArguments { get; }

        /// <summary>The render's variables, as Django's <c>takes_context=True</c>.</summary>
        public TemplateContext Context { get; }

        /// <summary>The argument for parameter <paramref name="name"/> at <paramref name="position"/>, given by position or by name, else <paramref name="defaultValue"/>.</summary>
        public object? Get(int position, string name, object? defaultValue = null) =>
            position < Arguments.Count ? Arguments[position] : NamedArguments.TryGetValue(name, out var value) ? value : defaultValue;
    }

    /// <summary>
    /// The filters and custom tags templates can use: Django's built-ins plus those added here (the
    /// generator adds the app's <c>[TemplateTag]</c> methods). Every name is global: <c>{% load %}</c> is accepted and ignored.
    /// Add custom filters and tags before parsing templates that use them.
    /// </summary>
    public sealed class TemplateLibrary : ITemplateSymbols
    {
        private static readonly FrozenDictionary<string, TemplateFilter> s_builtinFilters = BuiltinFilters.Create();
        private static readonly FrozenSet<string> s_reservedTagNames = BuiltinSyntax.Tags.Concat(BuiltinSyntax.ClosingTags).ToFrozenSet(StringComparer.Ordinal);

        private readonly Dictionary<string, TemplateFilter> _filters = new(StringComparer.Ordinal);
        private readonly Dictionary<string, TemplateTag> _tags = new(StringComparer.Ordinal);

        /// <summary>Adds filter <c>|name</c>.</summary>
        /// <param name="name">The filter's name: letters, digits and underscores.</param>
        /// <param name="function">The implementation.</param>
        /// <param name="argument">Whether <c>|name:argument</c> takes an argument; checked when templates are parsed.</param>
        /// <param name="isSafe">As Django's <c>is_safe</c>: the filter keeps a safe input safe (it adds no HTML special characters).</param>
        /// <param name="needsAutoescape">As Django's <c>needs_autoescape</c>: the filter escapes its input itself when autoescaping is on.</param>
        /// <exception cref="ArgumentException">The name is a built-in filter's, already added, or not a word.</exception>
        public void AddFilter(string name, TemplateFilterFunction function, FilterArgument argument = FilterArgument.None, bool isSafe = false, bool needsAutoescape = false)
        {
            ArgumentNullException.ThrowIfNull(function);
            if (string.IsNullOrEmpty(name) || !name.All(Parser.IsWordChar))
            {
                throw new ArgumentException($"Filter name '{name}' must be letters, digits and underscores.", nameof(name));
            }

            if (s_builtinFilters.ContainsKey(name))
            {
                throw new ArgumentException($"'{name}' is a built-in filter; a custom filter needs another name.", nameof(name));
            }

            if (!_filters.TryAdd(name, new TemplateFilter(name, argument, function, isSafe, needsAutoescape)))
            {
                throw new ArgumentException($"A filter named '{name}' was already added.", nameof(name));
            }
        }

        /// <summary>Adds <c>{% name args... [as variable] %}</c>, which renders (or stores) what <paramref name="function"/> returns, as Django's <c>simple_tag</c>.</summary>
        /// <param name="name">The tag's name, one word.</param>
        /// <param name="function">Called with the evaluated arguments each time the tag renders.</param>
        /// <param name="parameters">When given, arguments are checked against them when a template is parsed.</param>
        public void AddSimpleTag(string name, TemplateTagFunction function, TagParameters? parameters = null) =>
            AddTag(new TemplateTag(name, TagKind.Simple, parameters, function, null));

        /// <summary>Adds <c>{% name args... %}</c>, which renders <paramref name="templateName"/> with the variables <paramref name="function"/> returns, as Django's <c>inclusion_tag</c>.</summary>
        public void AddInclusionTag(string name, string templateName, TemplateTagFunction function, TagParameters? parameters = null)
        {
            ArgumentException.ThrowIfNullOrEmpty(templateName);
            AddTag(new TemplateTag(name, TagKind.Inclusion, parameters, function, templateName));
        }

        private void AddTag(TemplateTag tag)
        {
            if (string.IsNullOrEmpty(tag.Name) || tag.Name.Any(char.IsWhiteSpace))
            {
                throw new ArgumentException($"Tag name '{tag.Name}' must be one word.", "name");
            }

            if (s_reservedTagNames.Contains(tag.Name))
            {
                throw new ArgumentException($"'{tag.Name}' is a built-in tag; a custom tag needs another name.", "name");
            }

            if (!_tags.TryAdd(tag.Name, tag))
            {
                throw new ArgumentException($"A tag named '{tag.Name}' was already added.", "name");
            }
        }

        public FilterSignature? FindFilter(string name) =>
            s_builtinFilters.TryGetValue(name, out var builtin) ? builtin : _filters.GetValueOrDefault(name);

        public TagSignature? FindTag(string name) => _tags.GetValueOrDefault(name);
    }
}

namespace Micro.Templates
{
    /// <summary>A filter with its implementation.</summary>
    public sealed class TemplateFilter(string name, FilterArgument argument, TemplateFilterFunction function, bool isSafe, bool needsAutoescape)
        : FilterSignature(name, argument)
    {
        public TemplateFilterFunction Function { get; } = function;

        public bool IsSafe { get; } = isSafe;

        public bool NeedsAutoescape { get; } = needsAutoescape;
    }

    /// <summary>A custom tag with its implementation.</summary>
    public sealed class TemplateTag(string name, TagKind kind, TagParameters? parameters, TemplateTagFunction function, string? templateName)
        : TagSignature(name, kind, parameters)
    {
        public TemplateTagFunction Function { get; } = function;

        /// <summary>The template an inclusion tag renders.</summary>
        public string? TemplateName { get; } = templateName;
    }
}

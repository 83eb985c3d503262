using System.ComponentModel;

namespace Micro
{
    /// <summary>What a <see cref="TemplateTagAttribute"/> method becomes in templates.</summary>
    public enum TemplateTagKind
    {
        /// <summary><c>{{ value|name }}</c> or <c>{{ value|name:argument }}</c>: the method takes the value and an optional argument (Django's <c>register.filter</c>).</summary>
        Filter,

        /// <summary><c>{% name arg key=value %}</c> or <c>{% name arg as variable %}</c>: renders what the method returns (Django's <c>simple_tag</c>).</summary>
        SimpleTag,

        /// <summary><c>{% name arg %}</c>: renders <see cref="TemplateTagAttribute.Template"/> with the dictionary or object the method returns (Django's <c>inclusion_tag</c>).</summary>
        InclusionTag,
    }

    /// <summary>
    /// Makes a static method a template filter (the default) or tag, for every template of the app:
    /// <code>
    /// [TemplateTag]                                   // {{ post.title|shout }}
    /// public static string Shout(string value) =&gt; value.ToUpperInvariant() + "!";
    ///
    /// [TemplateTag(Kind = TemplateTagKind.SimpleTag)]  // {% greet "Ada" punctuation="?" %}
    /// public static string Greet(string name, string punctuation = "!") =&gt; $"Hello, {name}{punctuation}";
    /// </code>
    /// The generator registers them without reflection and checks templates' uses of them at build time.
    /// </summary>
    [AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
    public sealed class TemplateTagAttribute : Attribute
    {
        /// <summary>The name in templates; by default the method's name in snake_case (<c>RemoveSpaces</c> is <c>remove_spaces</c>).</summary>
        public string? Name { get; set; }

        public TemplateTagKind Kind { get; set; }

        /// <summary>For an inclusion tag: the template it renders, such as <c>"tags/menu.html"</c>.</summary>
        public string? Template { get; set; }

        /// <summary>As Django's <c>is_safe</c>: the filter adds no HTML special characters, so a safe input stays safe.</summary>
        public bool IsSafe { get; set; }

        /// <summary>As Django's <c>needs_autoescape</c>: the filter's <c>bool autoescape</c> parameter says whether autoescaping is on, and it escapes itself.</summary>
        public bool NeedsAutoescape { get; set; }
    }
}

namespace Micro.Templates
{
    /// <summary>Conversions generated <see cref="TemplateTagAttribute"/> registrations apply to template values, as Django's filters do.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public static class TemplateTagArguments
    {
        /// <summary>The value as the template prints it (Python's <c>str()</c>).</summary>
        public static string Text(object? value) => value is string text ? text : TemplateValues.ToText(value);

        public static bool Bool(object? value) => TemplateValues.IsTrue(value);

        public static long Long(object? value, string tag) =>
            TemplateValues.TryToInteger(value, out var result) ? result : throw Invalid(value, "an integer", tag);

        public static int Int(object? value, string tag) => checked((int)Long(value, tag));

        public static double Double(object? value, string tag) =>
            TemplateValues.TryToDouble(value, out var result) ? result : throw Invalid(value, "a number", tag);

        public static decimal Decimal(object? value, string tag) => (decimal)Double(value, tag);

        public static T As<T>(object? value, string tag) =>
            value is T typed ? typed : value is null && default(T) is null ? default! : throw Invalid(value, typeof(T).Name, tag);

        // The node that called the tag wraps this with the template's name and line.
        private static InvalidOperationException Invalid(object? value, string expected, string tag) =>
            new($"'{tag}' needs {expected}, not {TemplateValues.Repr(value)}.");
    }
}

using System.Collections;
using System.ComponentModel;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Html;

namespace Micro.Forms;

/// <summary>
/// A form: what the generator adds to every <c>[Form]</c> class. Templates read it without reflection
/// (<c>{{ form.email }}</c>, <c>{{ form.non_field_errors }}</c>, <c>{% for field in form %}</c>), <c>{{ form }}</c>
/// renders it as Django's <c>as_div</c>, and C# enumerates its <see cref="BoundField"/>s.
/// </summary>
public interface IForm : ITemplateObject, IHtmlContent, IEnumerable<BoundField>
{
    /// <summary>The form's submitted values and errors, kept beside its properties.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    FormState State { get; }

    bool ITemplateObject.TryGetMember(string name, out object? value) => State.TryGetMember(this, name, out value);

    void IHtmlContent.WriteTo(TextWriter writer, HtmlEncoder encoder) => writer.Write(State.Render(this, FormLayout.Div));

    IEnumerator<BoundField> IEnumerable<BoundField>.GetEnumerator() => State.BoundFields(this).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => State.BoundFields(this).GetEnumerator();
}

/// <summary>A form type, with its generated metadata: what generated route code binds through.</summary>
/// <typeparam name="TSelf">The form type itself.</typeparam>
public interface IForm<TSelf> : IForm
    where TSelf : class, IForm<TSelf>
{
    /// <summary>The form type's fields, and how it is bound and validated.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    static abstract FormInfo<TSelf> Info { get; }
}

namespace Micro;

/// <summary>
/// An object that answers <c>{{ obj.name }}</c> lookups itself. Templates never use reflection, so a
/// type is readable in a template when it implements this, is a dictionary or list, or has an
/// accessor in the app's <see cref="Templates.TemplateAccessors"/> (which the generator emits for typed models).
/// </summary>
public interface ITemplateObject
{
    /// <summary>The value of member <paramref name="name"/>; false when there is no such member.</summary>
    bool TryGetMember(string name, out object? value);
}

namespace Micro;

/// <summary>
/// Keeps templates from calling a method, as Django's <c>alters_data</c>: templates call a type's public methods that need no
/// argument (<c>{{ question.was_published_recently }}</c>), so one that changes something (<c>Delete()</c>) is marked, and a
/// template reading its name renders nothing, with a build warning (MICRO0049).
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = true)]
public sealed class AltersDataAttribute : Attribute
{
}

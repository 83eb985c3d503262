using System.Globalization;

namespace Micro.Auth;

/// <summary>
/// A user of the app, as Django's <c>django.contrib.auth.models.User</c>, in table <c>auth_user</c> (made by <c>migrate</c>). The
/// password is a hash in Django's format; set it with <see cref="AuthDb.SetPasswordAsync"/> or <see cref="AuthDb.CreateUserAsync"/>.
/// Templates read it as Django's: <c>{{ user.username }}</c>, <c>{{ user.get_full_name }}</c>.
/// </summary>
public sealed class User : ITemplateObject
{
    public int Id { get; set; }

    /// <summary>Unique, case-sensitive: at most 150 letters, digits and <c>@ . + - _</c>.</summary>
    public string Username { get; set; } = "";

    public string Email { get; set; } = "";

    /// <summary>The password's hash, <c>pbkdf2_sha256$iterations$salt$hash</c>, or an unusable one starting with <c>!</c>.</summary>
    public string Password { get; set; } = "";

    public string FirstName { get; set; } = "";

    public string LastName { get; set; } = "";

    /// <summary>Inactive users can't log in, and a logged-in user who becomes inactive is logged out.</summary>
    public bool IsActive { get; set; } = true;

    /// <summary>May use the admin (and pages marked <see cref="StaffRequiredAttribute"/>).</summary>
    public bool IsStaff { get; set; }

    /// <summary>Has every permission without being given them.</summary>
    public bool IsSuperuser { get; set; }

    /// <summary>UTC; null until the first login.</summary>
    public DateTime? LastLogin { get; set; }

    /// <summary>UTC.</summary>
    public DateTime DateJoined { get; set; }

    /// <summary>First and last name, as Django's <c>get_full_name()</c>.</summary>
    public string FullName => $"{FirstName} {LastName}".Trim();

    /// <summary>Whether the password can ever match: false for an unusable one (<c>!</c>...).</summary>
    public bool HasUsablePassword => PasswordHasher.IsUsable(Password);

    public override string ToString() => Username;

    bool ITemplateObject.TryGetMember(string name, out object? value)
    {
        (var found, value) = name switch
        {
            "id" or "pk" or "Id" => (true, (object?)Id),
            "username" or "Username" or "get_username" => (true, Username),
            "email" or "Email" => (true, Email),
            "first_name" or "FirstName" => (true, FirstName),
            "last_name" or "LastName" => (true, LastName),
            "is_active" or "IsActive" => (true, IsActive),
            "is_staff" or "IsStaff" => (true, IsStaff),
            "is_superuser" or "IsSuperuser" => (true, IsSuperuser),
            "last_login" or "LastLogin" => (true, LastLogin),
            "date_joined" or "DateJoined" => (true, DateJoined),
            "get_full_name" or "FullName" => (true, FullName),
            "get_short_name" => (true, FirstName),
            "is_authenticated" => (true, true),
            "is_anonymous" => (true, false),
            _ => (false, null),
        };
        return found;
    }
}

/// <summary>A group of users, as Django's; its permissions are every member's. Table <c>auth_group</c>.</summary>
public sealed class Group : ITemplateObject
{
    public int Id { get; set; }

    /// <summary>Unique. Groups are the roles of <c>[Authorize(Roles = "editors")]</c>.</summary>
    public string Name { get; set; } = "";

    public override string ToString() => Name;

    bool ITemplateObject.TryGetMember(string name, out object? value)
    {
        (var found, value) = name switch
        {
            "id" or "pk" or "Id" => (true, (object?)Id),
            "name" or "Name" => (true, Name),
            _ => (false, null),
        };
        return found;
    }
}

/// <summary>
/// A permission, as Django's: <c>{app_label}.{codename}</c> such as <c>blog.change_post</c>. <c>migrate</c> makes view, add, change and
/// delete permissions for every model. Table <c>auth_permission</c> (an app label and model instead of Django's content type).
/// </summary>
public sealed class Permission : ITemplateObject
{
    public int Id { get; set; }

    /// <summary>What it allows, for people: <c>Can change blog post</c>.</summary>
    public string Name { get; set; } = "";

    /// <summary>The app it belongs to: <c>auth</c>, <c>sessions</c>, or the app's label (<see cref="MicroOptions.AppLabel"/>).</summary>
    public string AppLabel { get; set; } = "";

    /// <summary>The model, lower case: <c>blogpost</c>.</summary>
    public string Model { get; set; } = "";

    /// <summary><c>change_blogpost</c>.</summary>
    public string Codename { get; set; } = "";

    /// <summary>The name <c>[PermissionRequired]</c> and <c>perms</c> use: <c>blog.change_blogpost</c>.</summary>
    public string FullName => AppLabel + "." + Codename;

    public override string ToString() => FullName;

    bool ITemplateObject.TryGetMember(string name, out object? value)
    {
        (var found, value) = name switch
        {
            "id" or "pk" or "Id" => (true, (object?)Id),
            "name" or "Name" => (true, Name),
            "app_label" or "AppLabel" => (true, AppLabel),
            "model" or "Model" => (true, Model),
            "codename" or "Codename" => (true, Codename),
            _ => (false, null),
        };
        return found;
    }

    /// <summary>Django's name of a model from its class name: <c>BlogPost</c> is <c>blog post</c>.</summary>
    internal static string VerboseName(string className)
    {
        var text = new System.Text.StringBuilder(className.Length + 4);
        for (var i = 0; i < className.Length; i++)
        {
            var ch = className[i];
            if (i > 0 && char.IsUpper(ch) && (char.IsLower(className[i - 1]) || (i + 1 < className.Length && char.IsLower(className[i + 1]))))
            {
                text.Append(' ');
            }

            text.Append(char.ToLower(ch, CultureInfo.InvariantCulture));
        }

        return text.ToString();
    }
}

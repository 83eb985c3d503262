using System.Globalization;
using System.Text;
using Micro.Auth;
using Micro.Data;
using Micro.Forms;
using Micro.Routing;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Micro.Admin;

/// <summary>
/// Micro's own models in the admin, as Django's <c>django.contrib.auth.admin</c>: users (<see cref="UserAdmin"/>, with the add form
/// that takes a password and a page that sets one) and groups (<see cref="GroupAdmin"/>), under the app <c>auth</c>, with the
/// permissions <c>auth.view_user</c>, <c>auth.change_group</c>... that <c>migrate</c> makes. Written by hand the way the generator
/// writes an app's model admins.
/// </summary>
internal static class AuthAdmin
{
    public const string AppLabel = "auth";

    public static IReadOnlyList<ModelAdmin> Admins { get; } = [UserAdmin.Instance, GroupAdmin.Instance];

    /// <summary>
    /// Every permission, as Django's admin lists them: <c>Blog | blog post | Can add blog post</c> (the app's name, the model's verbose name,
    /// the permission's name), by app, model and codename.
    /// </summary>
    public static async Task<IReadOnlyList<FormChoice>> PermissionChoicesAsync(Database db, CancellationToken cancellationToken)
    {
        var permissions = await ((AuthDb)db).Permissions
            .OrderBy(static _ => PermissionModel.AppLabelField).ThenBy(static _ => PermissionModel.ModelField).ThenBy(static _ => PermissionModel.CodenameField)
            .ToListAsync(cancellationToken);
        return permissions.ConvertAll(static p => new FormChoice(p.Id.ToString(CultureInfo.InvariantCulture), $"{AdminSite.AppName(p.AppLabel)} | {ModelName(p)} | {p.Name}"));

        // The table keeps the model's name in lower case (blogpost); its verbose name is in the permission's own ("Can add blog post").
        static string ModelName(Permission permission)
        {
            var action = permission.Codename.Split('_')[0];
            var prefix = $"Can {action} ";
            return permission.Name.StartsWith(prefix, StringComparison.Ordinal) && permission.Name.Length > prefix.Length ? permission.Name[prefix.Length..] : permission.Model;
        }
    }

    /// <summary>A many-to-many field over one of the auth tables (<c>auth_user_groups</c>...), its keys the rows' integer ids.</summary>
    public static AdminManyToMany Links(
        string name, string label, string helpText, string table, string leftColumn, string rightColumn, Func<Database, CancellationToken, Task<IReadOnlyList<FormChoice>>> choices) =>
        new(name, label, helpText, choices,
            (db, key, cancellationToken) => ((AuthDb)db).LinkedAsync(table, leftColumn, Convert.ToInt32(key, CultureInfo.InvariantCulture), rightColumn, cancellationToken),
            (db, key, keys, cancellationToken) => ((AuthDb)db).SetLinksAsync(table, leftColumn, Convert.ToInt32(key, CultureInfo.InvariantCulture), rightColumn,
                keys.Select(static k => int.Parse(k, CultureInfo.InvariantCulture)), cancellationToken));
}

/// <summary>
/// Django's <c>UserAdmin</c>: the list (username, email, names, staff status; filters by staff, superuser, active and group; search by
/// username, names and email), an add page that asks for a username and a password twice (then the change page follows), a change
/// page for the rest with the groups and the user's own permissions, and a page that sets the password. The hash is never shown
/// whole: the change page names its algorithm and iterations, and the start of the salt and hash.
/// </summary>
internal sealed class UserAdmin : ModelAdmin<User>
{
    public const string PasswordChangeName = AdminSite.Namespace + "auth_user_password_change";

    public static readonly UserAdmin Instance = new();

    private UserAdmin()
        : base(UserModel.Instance, "user", "users")
    {
        AppLabel = AuthAdmin.AppLabel;
        ListDisplay =
        [
            new("Username", "Username", static row => row.Username) { Column = UserModel.UsernameColumn },
            new("Email", "Email address", static row => row.Email) { Column = UserModel.EmailColumn },
            new("FirstName", "First name", static row => row.FirstName) { Column = UserModel.FirstNameColumn },
            new("LastName", "Last name", static row => row.LastName) { Column = UserModel.LastNameColumn },
            new("IsStaff", "Staff status", static row => row.IsStaff) { Column = UserModel.IsStaffColumn, IsBoolean = true },
        ];
        SearchFields = [UserModel.UsernameColumn, UserModel.FirstNameColumn, UserModel.LastNameColumn, UserModel.EmailColumn];
        ListFilter =
        [
            new("is_staff", "Staff status", UserModel.IsStaffColumn, AdminFilterKind.Boolean),
            new("is_superuser", "Superuser status", UserModel.IsSuperuserColumn, AdminFilterKind.Boolean),
            new("is_active", "Active", UserModel.IsActiveColumn, AdminFilterKind.Boolean),
            new("groups", "Groups", UserModel.IdColumn, AdminFilterKind.Reference)
            {
                LoadChoices = GroupChoicesAsync,
                Lookup = static text => int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var group)
                    ? sql => sql.Column(UserModel.IdColumn).Append(" IN (SELECT ").Identifier("user_id").Append(" FROM ").Identifier("auth_user_groups")
                        .Append(" WHERE ").Identifier("group_id").Append(" = ").Parameter(group).Append(")")
                    : null,
            },
        ];
        Ordering = [(UserModel.UsernameColumn, false)];
        ReadonlyFields =
        [
            new("Password", "Password", static row => PasswordSummary(row.Password)),
            new("LastLogin", "Last login", static row => row.LastLogin) { Column = UserModel.LastLoginColumn },
            new("DateJoined", "Date joined", static row => row.DateJoined) { Column = UserModel.DateJoinedColumn },
        ];
        Fieldsets =
        [
            new(null, ["username", "Password"]),
            new("Personal info", ["first_name", "last_name", "email"]),
            new("Permissions", ["is_active", "is_staff", "is_superuser", "groups", "user_permissions"]),
            new("Important dates", ["LastLogin", "DateJoined"]),
        ];
        ManyToMany =
        [
            AuthAdmin.Links("groups", "Groups",
                "The groups this user belongs to. A user will get all permissions granted to each of their groups.",
                "auth_user_groups", "user_id", "group_id", GroupChoicesAsync),
            AuthAdmin.Links("user_permissions", "User permissions", "Specific permissions for this user.",
                "auth_user_user_permissions", "user_id", "permission_id", AuthAdmin.PermissionChoicesAsync),
        ];
    }

    internal override bool ContinuesAfterAdd => true;

    internal override bool ManyToManyOnAdd => false;

    private static async Task<IReadOnlyList<FormChoice>> GroupChoicesAsync(Database db, CancellationToken cancellationToken) =>
        (await ((AuthDb)db).Groups.OrderBy(static _ => GroupModel.NameField).ToListAsync(cancellationToken))
        .ConvertAll(static g => new FormChoice(g.Id.ToString(CultureInfo.InvariantCulture), g.Name));

    internal override string? AddIntro => "First, enter a username and password. Then, you’ll be able to edit more user options.";

    internal override IReadOnlyList<AdminFieldset> AddFieldsets { get; } = [new(null, ["username", "password1", "password2"]) { Wide = true }];

    public override Database Database(IServiceProvider services) => services.GetRequiredService<AuthDb>();

    public override string Display(User row) => row.Username;

    public override async ValueTask<IForm?> BindFormAsync(HttpContext context, User? instance)
    {
        if (instance is not null)
        {
            var change = await FormBinding.BindAsync<UserChangeForm>(context, "form");
            change?.Load(instance);
            return change;
        }

        var add = await FormBinding.BindAsync<UserCreationForm>(context, "form");
        if (add is { IsValid: true })
        {
            // Django's UserCreationForm runs the password validators against the new user's name and address.
            var validation = context.RequestServices.GetRequiredService<PasswordValidation>();
            foreach (var problem in validation.Validate(add.Password2, new User { Username = add.Username }))
            {
                add.State.Errors.Add("password2", problem);
            }
        }

        return add;
    }

    public override async Task<User?> SaveFormAsync(IForm form, Database db, CancellationToken cancellationToken)
    {
        var auth = (AuthDb)db;
        if (form is UserCreationForm add)
        {
            var user = new User { DateJoined = auth.Clock.GetUtcNow().UtcDateTime };
            var saved = await ModelForms.SaveAsync(add, auth.Users, user,
                (f, row) => (row.Username, row.Password) = (f.Username, auth.Hasher.Hash(f.Password1)), UserCreationForm.UniqueUsername, async: true, cancellationToken);
            return saved ? user : null;
        }

        var change = (UserChangeForm)form;
        var row = change.Instance!;
        return await ModelForms.SaveAsync(change, auth.Users, row, UserChangeForm.Fill, UserChangeForm.UniqueUsername, async: true, cancellationToken) ? row : null;
    }

    internal override IEnumerable<RouteDefinition> ExtraRoutes(AdminModelViews<User> views)
    {
        yield return AdminSite.Route("auth/user/<path:object_id>/password/", PasswordChangeName, ["GET", "HEAD", "POST"], "User.Password",
            context => PasswordChangeAsync(views, context));
    }

    internal override IEnumerable<(string Label, string Url)> ObjectTools(AdminModelViews<User> views, User row, AdminPermissions permissions) =>
        permissions.Change ? [("Change password", Url.Reverse(PasswordChangeName, views.Key(row)))] : [];

    /// <summary>
    /// Django's <c>ReadOnlyPasswordHashWidget</c>: the hash's algorithm and iterations, and six characters of its salt and of the
    /// hash itself, the rest masked; "No password set." for an unusable one.
    /// </summary>
    internal static string PasswordSummary(string encoded)
    {
        if (!PasswordHasher.IsUsable(encoded))
        {
            return "No password set.";
        }

        var parts = encoded.Split('$');
        if (parts.Length != 4)
        {
            return "Invalid password format or unknown hashing algorithm.";
        }

        static string Mask(string text) => text.Length <= 6 ? new string('*', text.Length) : text[..6] + new string('*', text.Length - 6);
        return $"algorithm: {parts[0]} iterations: {parts[1]} salt: {Mask(parts[2])} hash: {Mask(parts[3])}";
    }

    /// <summary>
    /// Django's <c>user_change_password</c>: a new password twice, checked by the password validators, for a user the staff member
    /// may change. Their own password keeps them logged in; the user's other sessions end.
    /// </summary>
    private static async Task PasswordChangeAsync(AdminModelViews<User> views, HttpContext context)
    {
        if (await views.AuthorizeAsync(context, static p => p.Change) is not var (staff, _))
        {
            return;
        }

        if (await views.FindAsync(context) is not { } user)
        {
            return;
        }

        var errors = new AuthViews.FormErrors();
        if (HttpMethods.IsPost(context.Request.Method))
        {
            if (await RequestBinding.ReadFormAsync(context, "password1") is not { } form)
            {
                return;
            }

            AuthViews.CheckNewPassword(context, errors, user, form["password1"].ToString(), form["password2"].ToString(), "password1", "password2");
            if (errors.IsEmpty)
            {
                var auth = context.RequestServices.GetRequiredService<AuthDb>();
                await auth.SetPasswordAsync(user, form["password2"].ToString(), context.RequestAborted);
                if (user.Id == staff.Id)
                {
                    await context.UpdateSessionAuthHashAsync(user);
                }

                await views.LogAsync(context, staff, user, LogAction.Change, "[{\"changed\": {\"fields\": [\"password\"]}}]");
                Messages.Success(context, "Password changed successfully.");
                context.Response.Redirect(Url.Reverse(views.ChangeName, views.Key(user)));
                return;
            }
        }

        var values = await views.Site.PageAsync(context, staff, $"Change password: {user.Username}");
        values["original"] = user.Username;
        values["changelist_url"] = Url.Reverse(views.ChangeListName);
        values["change_url"] = Url.Reverse(views.ChangeName, views.Key(user));
        values["errors"] = errors.NonField;
        values["field_errors"] = errors.ByField;
        values["password_help"] = context.RequestServices.GetRequiredService<PasswordValidation>().HelpTexts.Cast<object?>().ToList();
        await AdminSite.RenderAsync(context, "admin/auth/user/change_password.html", values);
    }
}

/// <summary>Django's <c>GroupAdmin</c>: the name and the group's permissions; search by name.</summary>
internal sealed class GroupAdmin : ModelAdmin<Group>
{
    public static readonly GroupAdmin Instance = new();

    private GroupAdmin()
        : base(GroupModel.Instance, "group", "groups")
    {
        AppLabel = AuthAdmin.AppLabel;
        ListDisplay = [new("Name", "Name", static row => row.Name) { Column = GroupModel.NameColumn }];
        SearchFields = [GroupModel.NameColumn];
        Ordering = [(GroupModel.NameColumn, false)];
        ManyToMany =
        [
            AuthAdmin.Links("permissions", "Permissions", "The permissions every member of this group has.",
                "auth_group_permissions", "group_id", "permission_id", AuthAdmin.PermissionChoicesAsync),
        ];
    }

    public override Database Database(IServiceProvider services) => services.GetRequiredService<AuthDb>();

    public override string Display(Group row) => row.Name;

    public override async ValueTask<IForm?> BindFormAsync(HttpContext context, Group? instance)
    {
        var form = await FormBinding.BindAsync<GroupForm>(context, "form");
        if (form is not null && instance is not null)
        {
            form.Load(instance);
        }

        return form;
    }

    public override async Task<Group?> SaveFormAsync(IForm form, Database db, CancellationToken cancellationToken)
    {
        var group = (GroupForm)form;
        var row = group.Instance ?? new Group();
        return await ModelForms.SaveAsync(group, ((AuthDb)db).Groups, row, static (f, r) => r.Name = f.Name, GroupForm.UniqueName, async: true, cancellationToken) ? row : null;
    }
}

/// <summary>What the user forms share: the username field, as Django's <c>UsernameField</c>, and its unique check.</summary>
internal static class UserForms
{
    public static FormField Username() => new("Username", "username", "Username", WidgetKind.Text)
    {
        IsRequired = true,
        MaxLength = AuthDb.MaxUsernameLength,
        HelpText = "Required. 150 characters or fewer. Letters, digits and @/./+/-/_ only.",
    };

    /// <summary>Django's "A user with that username already exists.", on the form's <paramref name="field"/>.</summary>
    public static UniqueCheck<User>[] UniqueUsername(FormField field) =>
        [new(["username"], field, AuthDb.UsernameTaken, static row => new ComparisonCondition<User>(UserModel.UsernameColumn, "=", row.Username))];

    /// <summary>A posted username, normalized as Django's (Unicode NFKC), with its format checked.</summary>
    public static string ReadUsername(FormReader reader, FormField field)
    {
        var username = AuthDb.NormalizeUsername(reader.Text(field));
        if (username.Length > 0 && AuthDb.CheckUsernameFormat(username) is { } problem)
        {
            reader.Errors.Add(field, problem);
        }

        return username;
    }
}

/// <summary>Django's <c>UserCreationForm</c>: a username and the password twice.</summary>
internal sealed class UserCreationForm : IForm<UserCreationForm>
{
    public static readonly UniqueCheck<User>[] UniqueUsername = UserForms.UniqueUsername(Fields.UsernameField);

    public FormState State { get; } = new(Fields.Instance);

    public static FormInfo<UserCreationForm> Info => Fields.Instance;

    public string Username { get; set; } = "";

    public string Password1 { get; set; } = "";

    public string Password2 { get; set; } = "";

    public bool IsValid => State.IsValid;

    private sealed class Fields : FormInfo<UserCreationForm>
    {
        public static readonly FormField UsernameField = UserForms.Username();

        public static readonly FormField Password1Field = new("Password1", "password1", "Password", WidgetKind.Password) { IsRequired = true, Strip = false };

        public static readonly FormField Password2Field = new("Password2", "password2", "Password confirmation", WidgetKind.Password)
        {
            IsRequired = true,
            Strip = false,
            HelpText = "Enter the same password as before, for verification.",
        };

        public static readonly Fields Instance = new();

        private Fields()
            : base(nameof(UserCreationForm), [UsernameField, Password1Field, Password2Field])
        {
        }

        public override UserCreationForm Create() => new();

        protected override UserCreationForm Read(FormReader reader) => new()
        {
            Username = UserForms.ReadUsername(reader, UsernameField),
            Password1 = reader.Text(Password1Field) ?? "",
            Password2 = reader.Text(Password2Field) ?? "",
        };

        protected override void Clean(UserCreationForm form, FormErrors errors)
        {
            if (form.Password1.Length > 0 && form.Password2.Length > 0 && form.Password1 != form.Password2)
            {
                errors.Add("password2", "The two password fields didn’t match.");
            }
        }

        public override object? GetValue(IForm form, FormField field) => field.Index == 0 ? ((UserCreationForm)form).Username : null;
    }
}

/// <summary>Django's <c>UserChangeForm</c> less the password (its own page) and the dates (shown, not edited).</summary>
internal sealed class UserChangeForm : IForm<UserChangeForm>
{
    public static readonly UniqueCheck<User>[] UniqueUsername = UserForms.UniqueUsername(Fields.UsernameField);

    public FormState State { get; } = new(Fields.Instance);

    public static FormInfo<UserChangeForm> Info => Fields.Instance;

    /// <summary>The user the form edits.</summary>
    public User? Instance { get; private set; }

    public string Username { get; set; } = "";

    public string FirstName { get; set; } = "";

    public string LastName { get; set; } = "";

    public string Email { get; set; } = "";

    public bool IsActive { get; set; } = true;

    public bool IsStaff { get; set; }

    public bool IsSuperuser { get; set; }

    /// <summary>Sets the user the form edits; an unbound form shows the user's values.</summary>
    public void Load(User user)
    {
        Instance = user;
        State.HasInstance = true;
        if (!State.IsBound)
        {
            (Username, FirstName, LastName, Email) = (user.Username, user.FirstName, user.LastName, user.Email);
            (IsActive, IsStaff, IsSuperuser) = (user.IsActive, user.IsStaff, user.IsSuperuser);
        }
    }

    public static void Fill(UserChangeForm form, User row)
    {
        (row.Username, row.FirstName, row.LastName, row.Email) = (form.Username, form.FirstName, form.LastName, form.Email);
        (row.IsActive, row.IsStaff, row.IsSuperuser) = (form.IsActive, form.IsStaff, form.IsSuperuser);
    }

    private sealed class Fields : FormInfo<UserChangeForm>
    {
        public static readonly FormField UsernameField = UserForms.Username();
        public static readonly FormField FirstNameField = new("FirstName", "first_name", "First name", WidgetKind.Text) { MaxLength = 150 };
        public static readonly FormField LastNameField = new("LastName", "last_name", "Last name", WidgetKind.Text) { MaxLength = 150 };
        public static readonly FormField EmailField = new("Email", "email", "Email address", WidgetKind.Email) { MaxLength = 254 };

        public static readonly FormField IsActiveField = new("IsActive", "is_active", "Active", WidgetKind.Checkbox)
        {
            HelpText = "Designates whether this user should be treated as active. Unselect this instead of deleting accounts.",
        };

        public static readonly FormField IsStaffField = new("IsStaff", "is_staff", "Staff status", WidgetKind.Checkbox)
        {
            HelpText = "Designates whether the user can log into this admin site.",
        };

        public static readonly FormField IsSuperuserField = new("IsSuperuser", "is_superuser", "Superuser status", WidgetKind.Checkbox)
        {
            HelpText = "Designates that this user has all permissions without explicitly assigning them.",
        };

        public static readonly Fields Instance = new();

        private Fields()
            : base(nameof(UserChangeForm), [UsernameField, FirstNameField, LastNameField, EmailField, IsActiveField, IsStaffField, IsSuperuserField])
        {
        }

        public override UserChangeForm Create() => new();

        protected override UserChangeForm Read(FormReader reader)
        {
            var username = UserForms.ReadUsername(reader, UsernameField);
            var firstName = reader.Text(FirstNameField);
            reader.MaxLength(FirstNameField, firstName, 150);
            var lastName = reader.Text(LastNameField);
            reader.MaxLength(LastNameField, lastName, 150);
            var email = reader.Text(EmailField);
            reader.MaxLength(EmailField, email, 254);
            reader.Email(EmailField, email);
            return new()
            {
                Username = username,
                FirstName = firstName ?? "",
                LastName = lastName ?? "",
                Email = AuthDb.NormalizeEmail(email),
                IsActive = reader.Checkbox(IsActiveField),
                IsStaff = reader.Checkbox(IsStaffField),
                IsSuperuser = reader.Checkbox(IsSuperuserField),
            };
        }

        public override object? GetValue(IForm form, FormField field)
        {
            var user = (UserChangeForm)form;
            return field.Index switch
            {
                0 => user.Username,
                1 => user.FirstName,
                2 => user.LastName,
                3 => user.Email,
                4 => user.IsActive,
                5 => user.IsStaff,
                6 => user.IsSuperuser,
                _ => null,
            };
        }
    }
}

/// <summary>The group's name; its permissions are the admin's many-to-many field.</summary>
internal sealed class GroupForm : IForm<GroupForm>
{
    public static readonly UniqueCheck<Group>[] UniqueName =
    [
        new(["name"], Fields.NameField, "Group with this Name already exists.", static row => new ComparisonCondition<Group>(GroupModel.NameColumn, "=", row.Name)),
    ];

    public FormState State { get; } = new(Fields.Instance);

    public static FormInfo<GroupForm> Info => Fields.Instance;

    public Group? Instance { get; private set; }

    public string Name { get; set; } = "";

    public void Load(Group group)
    {
        Instance = group;
        State.HasInstance = true;
        if (!State.IsBound)
        {
            Name = group.Name;
        }
    }

    private sealed class Fields : FormInfo<GroupForm>
    {
        public static readonly FormField NameField = new("Name", "name", "Name", WidgetKind.Text) { IsRequired = true, MaxLength = 150 };

        public static readonly Fields Instance = new();

        private Fields()
            : base(nameof(GroupForm), [NameField])
        {
        }

        public override GroupForm Create() => new();

        protected override GroupForm Read(FormReader reader)
        {
            var name = reader.Text(NameField);
            reader.MaxLength(NameField, name, 150);
            return new() { Name = name ?? "" };
        }

        public override object? GetValue(IForm form, FormField field) => field.Index == 0 ? ((GroupForm)form).Name : null;
    }
}

using System.Data.Common;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Micro.Data;

namespace Micro.Auth;

/// <summary>
/// Micro's users, groups and permissions in the app's database (tables <c>auth_*</c>, made by <c>migrate</c>), as Django's
/// <c>User.objects</c> and friends: a scoped service, taken as a parameter of a route or a command like the app's <c>Db</c>.
/// <code>
/// var ada = await auth.CreateUserAsync("ada", "ada@example.com", "a long passphrase");
/// await auth.GrantAsync(ada, "blog.change_post");
/// </code>
/// </summary>
public sealed partial class AuthDb(IDatabaseProvider provider, PasswordHasher hasher, TimeProvider clock) : Database(provider)
{
    /// <summary>Django's limit on a username's length.</summary>
    public const int MaxUsernameLength = 150;

    public QuerySet<User> Users => new(this, UserModel.Instance);

    public QuerySet<Group> Groups => new(this, GroupModel.Instance);

    public QuerySet<Permission> Permissions => new(this, PermissionModel.Instance);

    public PasswordHasher Hasher => hasher;

    internal TimeProvider Clock => clock;

    // ---- Users ----------------------------------------------------------------------------------------------

    /// <summary>
    /// Creates an active user, as Django's <c>create_user</c>: the username normalized (Unicode NFKC), the email's domain in lower case,
    /// the password hashed (an unusable one when null). Password validators don't run here: call <see cref="PasswordValidation"/> first.
    /// </summary>
    /// <exception cref="ArgumentException">The username is invalid or taken.</exception>
    public Task<User> CreateUserAsync(string username, string? email = null, string? password = null, CancellationToken cancellationToken = default) =>
        CreateAsync(username, email, password, superuser: false, cancellationToken);

    /// <summary>Creates an active staff superuser, as Django's <c>create_superuser</c>.</summary>
    /// <exception cref="ArgumentException">The username is invalid or taken.</exception>
    public Task<User> CreateSuperuserAsync(string username, string? email, string? password, CancellationToken cancellationToken = default) =>
        CreateAsync(username, email, password, superuser: true, cancellationToken);

    private async Task<User> CreateAsync(string username, string? email, string? password, bool superuser, CancellationToken cancellationToken)
    {
        username = NormalizeUsername(username);
        if (await CheckUsernameAsync(username, cancellationToken) is { } problem)
        {
            throw new ArgumentException(problem, nameof(username));
        }

        var user = new User
        {
            Username = username,
            Email = NormalizeEmail(email),
            Password = password is null ? PasswordHasher.Unusable() : hasher.Hash(password),
            DateJoined = clock.GetUtcNow().UtcDateTime,
            IsStaff = superuser,
            IsSuperuser = superuser,
        };
        return await Users.CreateAsync(user, cancellationToken);
    }

    /// <summary>Why <paramref name="username"/> can't be a new user's, as Django's username field says; null when it can.</summary>
    public async Task<string?> CheckUsernameAsync(string username, CancellationToken cancellationToken = default)
    {
        username = NormalizeUsername(username);
        return CheckUsernameFormat(username)
            ?? (await FindByUsernameAsync(username, cancellationToken) is null ? null : UsernameTaken);
    }

    /// <summary>Django's message for a username another user has.</summary>
    internal const string UsernameTaken = "A user with that username already exists.";

    /// <summary>What is wrong with a normalized username's form (empty, too long, characters), whoever has it; null when nothing is.</summary>
    internal static string? CheckUsernameFormat(string username)
    {
        if (username.Length == 0)
        {
            return "This field is required.";
        }

        if (username.Length > MaxUsernameLength)
        {
            return string.Create(CultureInfo.InvariantCulture, $"Ensure this value has at most {MaxUsernameLength} characters (it has {username.Length}).");
        }

        return UsernamePattern().IsMatch(username) ? null : "Enter a valid username. This value may contain only letters, numbers, and @/./+/-/_ characters.";
    }

    /// <summary>The user named <paramref name="username"/> (case-sensitive, after normalizing), or null.</summary>
    public Task<User?> FindByUsernameAsync(string username, CancellationToken cancellationToken = default)
    {
        var normalized = NormalizeUsername(username);
        return Users.Filter(_ => UserModel.UsernameField.Exact(normalized)).FirstOrDefaultAsync(cancellationToken);
    }

    /// <summary>
    /// The active user whose username and password these are, as Django's <c>authenticate()</c> with its model backend; null otherwise.
    /// An unknown username costs one hash too, so that timing doesn't tell which usernames exist. A hash with an old iteration count
    /// (or Django's older <c>pbkdf2_sha1</c>) is replaced with a current one.
    /// </summary>
    public async Task<User?> AuthenticateAsync(string username, string password, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(password);
        var user = username is null ? null : await FindByUsernameAsync(username, cancellationToken);
        if (user is null)
        {
            _ = hasher.Hash(password);
            return null;
        }

        if (!hasher.Verify(password, user.Password) || !user.IsActive)
        {
            return null;
        }

        if (hasher.NeedsRehash(user.Password))
        {
            await SetPasswordAsync(user, password, cancellationToken);
        }

        return user;
    }

    /// <summary>Whether <paramref name="password"/> is <paramref name="user"/>'s, as Django's <c>check_password()</c>.</summary>
    public bool CheckPassword(User user, string password) => hasher.Verify(password, user.Password);

    /// <summary>Hashes <paramref name="password"/> into <paramref name="user"/> and saves it (an unusable password when null).</summary>
    public async Task SetPasswordAsync(User user, string? password, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        user.Password = password is null ? PasswordHasher.Unusable() : hasher.Hash(password);
        var id = user.Id;
        var hash = user.Password;
        await Users.Filter(_ => UserModel.IdField.Exact(id)).UpdateAsync(cancellationToken, _ => UserModel.PasswordField.Set(hash));
    }

    /// <summary>Records a login now (<c>last_login</c>), as Django's <c>update_last_login</c>.</summary>
    internal async Task UpdateLastLoginAsync(User user, CancellationToken cancellationToken)
    {
        user.LastLogin = clock.GetUtcNow().UtcDateTime;
        var id = user.Id;
        var now = user.LastLogin;
        await Users.Filter(_ => UserModel.IdField.Exact(id)).UpdateAsync(cancellationToken, _ => UserModel.LastLoginField.Set(now));
    }

    // ---- Groups and permissions -----------------------------------------------------------------------------

    /// <summary>The group named <paramref name="name"/>, created when it doesn't exist (Django's <c>get_or_create</c>).</summary>
    public async Task<Group> GetOrCreateGroupAsync(string name, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        return await Groups.Filter(_ => GroupModel.NameField.Exact(name)).FirstOrDefaultAsync(cancellationToken)
            ?? await Groups.CreateAsync(new Group { Name = name }, cancellationToken);
    }

    /// <summary>Adds <paramref name="user"/> to <paramref name="group"/> (nothing when already a member).</summary>
    public Task AddToGroupAsync(User user, Group group, CancellationToken cancellationToken = default) =>
        LinkAsync("auth_user_groups", "user_id", user.Id, "group_id", group.Id, cancellationToken);

    public Task RemoveFromGroupAsync(User user, Group group, CancellationToken cancellationToken = default) =>
        UnlinkAsync("auth_user_groups", "user_id", user.Id, "group_id", group.Id, cancellationToken);

    /// <summary>The groups <paramref name="user"/> belongs to, by name.</summary>
    public async Task<IReadOnlyList<Group>> GetGroupsAsync(User user, CancellationToken cancellationToken = default)
    {
        var d = Provider.Dialect;
        var sql = $"SELECT g.{d.Quote("id")}, g.{d.Quote("name")} FROM {d.Quote("auth_group")} g " +
            $"JOIN {d.Quote("auth_user_groups")} ug ON ug.{d.Quote("group_id")} = g.{d.Quote("id")} " +
            $"WHERE ug.{d.Quote("user_id")} = {d.ParameterName(0)} ORDER BY g.{d.Quote("name")}";
        var groups = new List<Group>();
        await QueryAsync(sql, [user.Id], reader => groups.Add(new Group { Id = reader.GetInt32(0), Name = reader.GetString(1) }), cancellationToken);
        return groups;
    }

    /// <summary>The permission named <paramref name="permission"/> (<c>blog.change_post</c>), or null.</summary>
    public Task<Permission?> FindPermissionAsync(string permission, CancellationToken cancellationToken = default)
    {
        var (label, codename) = Split(permission);
        return Permissions.Filter(_ => PermissionModel.AppLabelField.Exact(label) & PermissionModel.CodenameField.Exact(codename)).FirstOrDefaultAsync(cancellationToken);
    }

    /// <summary>Gives <paramref name="user"/> the permissions named (<c>blog.change_post</c>), as <c>user.user_permissions.add()</c>.</summary>
    /// <exception cref="ArgumentException">A permission doesn't exist (run <c>migrate</c> to make the models' permissions).</exception>
    public async Task GrantAsync(User user, params string[] permissions)
    {
        foreach (var permission in permissions)
        {
            var found = await RequirePermissionAsync(permission);
            await LinkAsync("auth_user_user_permissions", "user_id", user.Id, "permission_id", found.Id, default);
        }
    }

    /// <summary>Gives every member of <paramref name="group"/> the permissions named.</summary>
    public async Task GrantAsync(Group group, params string[] permissions)
    {
        foreach (var permission in permissions)
        {
            var found = await RequirePermissionAsync(permission);
            await LinkAsync("auth_group_permissions", "group_id", group.Id, "permission_id", found.Id, default);
        }
    }

    /// <summary>Takes from <paramref name="user"/> the permissions named (those given to the user, not to its groups).</summary>
    public async Task RevokeAsync(User user, params string[] permissions)
    {
        foreach (var permission in permissions)
        {
            if (await FindPermissionAsync(permission) is { } found)
            {
                await UnlinkAsync("auth_user_user_permissions", "user_id", user.Id, "permission_id", found.Id, default);
            }
        }
    }

    /// <summary>
    /// Every permission <paramref name="user"/> has, as <c>app_label.codename</c>: its own and its groups', as Django's
    /// <c>get_all_permissions()</c>; all of them for an active superuser, none for an inactive user.
    /// </summary>
    public async Task<IReadOnlySet<string>> GetPermissionsAsync(User user, CancellationToken cancellationToken = default)
    {
        var result = new HashSet<string>(StringComparer.Ordinal);
        if (!user.IsActive)
        {
            return result;
        }

        var d = Provider.Dialect;
        string sql;
        object?[] parameters;
        if (user.IsSuperuser)
        {
            sql = $"SELECT {d.Quote("app_label")}, {d.Quote("codename")} FROM {d.Quote("auth_permission")}";
            parameters = [];
        }
        else
        {
            sql = $"SELECT p.{d.Quote("app_label")}, p.{d.Quote("codename")} FROM {d.Quote("auth_permission")} p " +
                $"JOIN {d.Quote("auth_user_user_permissions")} up ON up.{d.Quote("permission_id")} = p.{d.Quote("id")} " +
                $"WHERE up.{d.Quote("user_id")} = {d.ParameterName(0)} " +
                $"UNION SELECT p.{d.Quote("app_label")}, p.{d.Quote("codename")} FROM {d.Quote("auth_permission")} p " +
                $"JOIN {d.Quote("auth_group_permissions")} gp ON gp.{d.Quote("permission_id")} = p.{d.Quote("id")} " +
                $"JOIN {d.Quote("auth_user_groups")} ug ON ug.{d.Quote("group_id")} = gp.{d.Quote("group_id")} " +
                $"WHERE ug.{d.Quote("user_id")} = {d.ParameterName(1)}";
            parameters = [user.Id, user.Id];
        }

        await QueryAsync(sql, parameters, reader => result.Add(reader.GetString(0) + "." + reader.GetString(1)), cancellationToken);
        return result;
    }

    /// <summary>Whether <paramref name="user"/> has every permission named, as Django's <c>has_perms()</c>.</summary>
    public async Task<bool> HasPermsAsync(User user, IEnumerable<string> permissions, CancellationToken cancellationToken = default)
    {
        if (!user.IsActive)
        {
            return false;
        }

        if (user.IsSuperuser)
        {
            return true;
        }

        var granted = await GetPermissionsAsync(user, cancellationToken);
        return permissions.All(granted.Contains);
    }

    // ---- Helpers --------------------------------------------------------------------------------------------

    /// <summary>Django's <c>normalize_username</c>: Unicode NFKC, so that look-alike forms are one name.</summary>
    public static string NormalizeUsername(string? username) => (username ?? "").Normalize(NormalizationForm.FormKC);

    /// <summary>Django's <c>normalize_email</c>: the domain part in lower case.</summary>
    public static string NormalizeEmail(string? email)
    {
        email = (email ?? "").Trim();
        var at = email.LastIndexOf('@');
        return at < 0 ? email : email[..at] + "@" + email[(at + 1)..].ToLowerInvariant();
    }

    private async Task<Permission> RequirePermissionAsync(string permission) =>
        await FindPermissionAsync(permission)
            ?? throw new ArgumentException($"There is no permission '{permission}'. Permissions are app_label.codename (run `migrate` to make every model's view, add, change and delete permissions).", nameof(permission));

    private static (string Label, string Codename) Split(string permission)
    {
        var dot = permission.IndexOf('.', StringComparison.Ordinal);
        return dot <= 0 ? ("", permission) : (permission[..dot], permission[(dot + 1)..]);
    }

    /// <summary>The keys a many-to-many table links to <paramref name="left"/>: a user's groups (<c>auth_user_groups</c>), a group's permissions.</summary>
    internal async Task<IReadOnlySet<string>> LinkedAsync(string table, string leftColumn, int left, string rightColumn, CancellationToken cancellationToken)
    {
        var d = Provider.Dialect;
        var linked = new HashSet<string>(StringComparer.Ordinal);
        await QueryAsync($"SELECT {d.Quote(rightColumn)} FROM {d.Quote(table)} WHERE {d.Quote(leftColumn)} = {d.ParameterName(0)}", [left],
            reader => linked.Add(reader.GetInt32(0).ToString(CultureInfo.InvariantCulture)), cancellationToken);
        return linked;
    }

    /// <summary>Makes a many-to-many table link <paramref name="left"/> to exactly <paramref name="rights"/>, as Django's <c>user.groups.set()</c>.</summary>
    internal async Task SetLinksAsync(string table, string leftColumn, int left, string rightColumn, IEnumerable<int> rights, CancellationToken cancellationToken)
    {
        var wanted = rights.ToHashSet();
        var linked = (await LinkedAsync(table, leftColumn, left, rightColumn, cancellationToken)).Select(static key => int.Parse(key, CultureInfo.InvariantCulture)).ToHashSet();
        foreach (var right in linked.Except(wanted))
        {
            await UnlinkAsync(table, leftColumn, left, rightColumn, right, cancellationToken);
        }

        foreach (var right in wanted.Except(linked))
        {
            await LinkAsync(table, leftColumn, left, rightColumn, right, cancellationToken);
        }
    }

    private async Task LinkAsync(string table, string leftColumn, int left, string rightColumn, int right, CancellationToken cancellationToken)
    {
        var d = Provider.Dialect;
        var sql = $"INSERT INTO {d.Quote(table)} ({d.Quote(leftColumn)}, {d.Quote(rightColumn)}) SELECT {d.ParameterName(0)}, {d.ParameterName(1)} " +
            $"WHERE NOT EXISTS (SELECT 1 FROM {d.Quote(table)} WHERE {d.Quote(leftColumn)} = {d.ParameterName(2)} AND {d.Quote(rightColumn)} = {d.ParameterName(3)})";
        await ExecuteAsync(sql, [left, right, left, right], cancellationToken);
    }

    private async Task UnlinkAsync(string table, string leftColumn, int left, string rightColumn, int right, CancellationToken cancellationToken)
    {
        var d = Provider.Dialect;
        var sql = $"DELETE FROM {d.Quote(table)} WHERE {d.Quote(leftColumn)} = {d.ParameterName(0)} AND {d.Quote(rightColumn)} = {d.ParameterName(1)}";
        await ExecuteAsync(sql, [left, right], cancellationToken);
    }

    private async Task ExecuteAsync(string sql, object?[] parameters, CancellationToken cancellationToken)
    {
        var lease = await LeaseAsync(async: true, cancellationToken);
        try
        {
            await using var command = Command(lease, sql, parameters);
            await command.ExecuteNonQueryAsync(async: true, cancellationToken);
        }
        finally
        {
            await lease.ReleaseAsync(async: true);
        }
    }

    private async Task QueryAsync(string sql, object?[] parameters, Action<DbDataReader> read, CancellationToken cancellationToken)
    {
        var lease = await LeaseAsync(async: true, cancellationToken);
        try
        {
            await using var command = Command(lease, sql, parameters);
            await using var reader = await command.ExecuteReaderAsync(async: true, cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                read(reader);
            }
        }
        finally
        {
            await lease.ReleaseAsync(async: true);
        }
    }

    private LeasedCommand Command(ConnectionLease lease, string sql, object?[] parameters)
    {
        var command = lease.Connection.CreateCommand();
        command.Transaction = lease.Transaction;
        command.CommandText = sql;
        for (var i = 0; i < parameters.Length; i++)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = Provider.Dialect.ParameterName(i);
            parameter.Value = Provider.Dialect.ToParameterValue(parameters[i]) ?? DBNull.Value;
            command.Parameters.Add(parameter);
        }

        return new LeasedCommand(command, Provider.Dialect, kept: false);
    }

    // Django's UnicodeUsernameValidator: letters, digits and @ . + - _ (Unicode letters included).
    [GeneratedRegex(@"^[\w.@+-]+\z")]
    private static partial Regex UsernamePattern();
}

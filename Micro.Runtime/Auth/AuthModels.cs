using System.Data.Common;
using Micro.Data;

namespace Micro.Auth;

// How the data layer reads and writes Micro's own models: written by hand the way the generator writes an app's, over the tables of
// Micro's auth migration (Django's names: auth_user, auth_group, auth_permission).

internal sealed class UserModel : ModelInfo<User>
{
    public static readonly ColumnInfo IdColumn = new("Id", "id", ColumnKind.Integer, false, true, true);
    public static readonly ColumnInfo PasswordColumn = new("Password", "password", ColumnKind.Text, false, false, false);
    public static readonly ColumnInfo LastLoginColumn = new("LastLogin", "last_login", ColumnKind.Other, true, false, false);
    public static readonly ColumnInfo IsSuperuserColumn = new("IsSuperuser", "is_superuser", ColumnKind.Boolean, false, false, false);
    public static readonly ColumnInfo UsernameColumn = new("Username", "username", ColumnKind.Text, false, false, false);
    public static readonly ColumnInfo FirstNameColumn = new("FirstName", "first_name", ColumnKind.Text, false, false, false);
    public static readonly ColumnInfo LastNameColumn = new("LastName", "last_name", ColumnKind.Text, false, false, false);
    public static readonly ColumnInfo EmailColumn = new("Email", "email", ColumnKind.Text, false, false, false);
    public static readonly ColumnInfo IsStaffColumn = new("IsStaff", "is_staff", ColumnKind.Boolean, false, false, false);
    public static readonly ColumnInfo IsActiveColumn = new("IsActive", "is_active", ColumnKind.Boolean, false, false, false);
    public static readonly ColumnInfo DateJoinedColumn = new("DateJoined", "date_joined", ColumnKind.Other, false, false, false);

    public static readonly Field<User, int> IdField = new(IdColumn);
    public static readonly TextField<User, string> PasswordField = new(PasswordColumn);
    public static readonly Field<User, DateTime?> LastLoginField = new(LastLoginColumn);
    public static readonly Field<User, bool> IsSuperuserField = new(IsSuperuserColumn);
    public static readonly TextField<User, string> UsernameField = new(UsernameColumn);
    public static readonly TextField<User, string> FirstNameField = new(FirstNameColumn);
    public static readonly TextField<User, string> LastNameField = new(LastNameColumn);
    public static readonly TextField<User, string> EmailField = new(EmailColumn);
    public static readonly Field<User, bool> IsStaffField = new(IsStaffColumn);
    public static readonly Field<User, bool> IsActiveField = new(IsActiveColumn);
    public static readonly Field<User, DateTime> DateJoinedField = new(DateJoinedColumn);

    public static readonly UserModel Instance = new();

    private UserModel()
        : base("User", "auth_user", [IdColumn, PasswordColumn, LastLoginColumn, IsSuperuserColumn, UsernameColumn, FirstNameColumn, LastNameColumn, EmailColumn, IsStaffColumn, IsActiveColumn, DateJoinedColumn])
    {
    }

    public override User Read(DbDataReader reader) => new()
    {
        Id = reader.GetInt32(0),
        Password = reader.GetString(1),
        LastLogin = reader.IsDBNull(2) ? null : DateTime.SpecifyKind(reader.GetDateTime(2), DateTimeKind.Utc),
        IsSuperuser = reader.GetBoolean(3),
        Username = reader.GetString(4),
        FirstName = reader.GetString(5),
        LastName = reader.GetString(6),
        Email = reader.GetString(7),
        IsStaff = reader.GetBoolean(8),
        IsActive = reader.GetBoolean(9),
        DateJoined = DateTime.SpecifyKind(reader.GetDateTime(10), DateTimeKind.Utc),
    };

    public override object? ReadValue(DbDataReader reader, int ordinal, int column) => reader.IsDBNull(ordinal) ? null : column switch
    {
        0 => reader.GetInt32(ordinal),
        1 => reader.GetString(ordinal),
        2 => DateTime.SpecifyKind(reader.GetDateTime(ordinal), DateTimeKind.Utc),
        3 => reader.GetBoolean(ordinal),
        4 => reader.GetString(ordinal),
        5 => reader.GetString(ordinal),
        6 => reader.GetString(ordinal),
        7 => reader.GetString(ordinal),
        8 => reader.GetBoolean(ordinal),
        9 => reader.GetBoolean(ordinal),
        10 => DateTime.SpecifyKind(reader.GetDateTime(ordinal), DateTimeKind.Utc),
        _ => throw new ArgumentOutOfRangeException(nameof(column)),
    };

    public override void GetValues(User entity, object?[] values)
    {
        values[0] = entity.Id;
        values[1] = entity.Password;
        values[2] = entity.LastLogin;
        values[3] = entity.IsSuperuser;
        values[4] = entity.Username;
        values[5] = entity.FirstName;
        values[6] = entity.LastName;
        values[7] = entity.Email;
        values[8] = entity.IsStaff;
        values[9] = entity.IsActive;
        values[10] = entity.DateJoined;
    }

    public override object? GetKey(User entity) => entity.Id;

    public override bool HasKey(User entity) => entity.Id != 0;

    public override void SetKey(User entity, object key) => entity.Id = Convert.ToInt32(key, System.Globalization.CultureInfo.InvariantCulture);

    public override bool PrepareInsert(User entity) => entity.Id == 0;

    /// <summary>A new user as Django's: active, joined now.</summary>
    public override User CreateInstance() => new() { DateJoined = DateTime.UtcNow };
}

internal sealed class GroupModel : ModelInfo<Group>
{
    public static readonly ColumnInfo IdColumn = new("Id", "id", ColumnKind.Integer, false, true, true);
    public static readonly ColumnInfo NameColumn = new("Name", "name", ColumnKind.Text, false, false, false);

    public static readonly Field<Group, int> IdField = new(IdColumn);
    public static readonly TextField<Group, string> NameField = new(NameColumn);

    public static readonly GroupModel Instance = new();

    private GroupModel()
        : base("Group", "auth_group", [IdColumn, NameColumn])
    {
    }

    public override Group Read(DbDataReader reader) => new() { Id = reader.GetInt32(0), Name = reader.GetString(1) };

    public override object? ReadValue(DbDataReader reader, int ordinal, int column) => reader.IsDBNull(ordinal) ? null : column switch
    {
        0 => reader.GetInt32(ordinal),
        1 => reader.GetString(ordinal),
        _ => throw new ArgumentOutOfRangeException(nameof(column)),
    };

    public override void GetValues(Group entity, object?[] values)
    {
        values[0] = entity.Id;
        values[1] = entity.Name;
    }

    public override object? GetKey(Group entity) => entity.Id;

    public override bool HasKey(Group entity) => entity.Id != 0;

    public override void SetKey(Group entity, object key) => entity.Id = Convert.ToInt32(key, System.Globalization.CultureInfo.InvariantCulture);

    public override bool PrepareInsert(Group entity) => entity.Id == 0;

    public override Group CreateInstance() => new();
}

internal sealed class PermissionModel : ModelInfo<Permission>
{
    public static readonly ColumnInfo IdColumn = new("Id", "id", ColumnKind.Integer, false, true, true);
    public static readonly ColumnInfo NameColumn = new("Name", "name", ColumnKind.Text, false, false, false);
    public static readonly ColumnInfo AppLabelColumn = new("AppLabel", "app_label", ColumnKind.Text, false, false, false);
    public static readonly ColumnInfo ModelColumn = new("Model", "model", ColumnKind.Text, false, false, false);
    public static readonly ColumnInfo CodenameColumn = new("Codename", "codename", ColumnKind.Text, false, false, false);

    public static readonly Field<Permission, int> IdField = new(IdColumn);
    public static readonly TextField<Permission, string> NameField = new(NameColumn);
    public static readonly TextField<Permission, string> AppLabelField = new(AppLabelColumn);
    public static readonly TextField<Permission, string> ModelField = new(ModelColumn);
    public static readonly TextField<Permission, string> CodenameField = new(CodenameColumn);

    public static readonly PermissionModel Instance = new();

    private PermissionModel()
        : base("Permission", "auth_permission", [IdColumn, NameColumn, AppLabelColumn, ModelColumn, CodenameColumn])
    {
    }

    public override Permission Read(DbDataReader reader) => new()
    {
        Id = reader.GetInt32(0),
        Name = reader.GetString(1),
        AppLabel = reader.GetString(2),
        Model = reader.GetString(3),
        Codename = reader.GetString(4),
    };

    public override object? ReadValue(DbDataReader reader, int ordinal, int column) => reader.IsDBNull(ordinal) ? null : column switch
    {
        0 => reader.GetInt32(ordinal),
        1 => reader.GetString(ordinal),
        2 => reader.GetString(ordinal),
        3 => reader.GetString(ordinal),
        4 => reader.GetString(ordinal),
        _ => throw new ArgumentOutOfRangeException(nameof(column)),
    };

    public override void GetValues(Permission entity, object?[] values)
    {
        values[0] = entity.Id;
        values[1] = entity.Name;
        values[2] = entity.AppLabel;
        values[3] = entity.Model;
        values[4] = entity.Codename;
    }

    public override object? GetKey(Permission entity) => entity.Id;

    public override bool HasKey(Permission entity) => entity.Id != 0;

    public override void SetKey(Permission entity, object key) => entity.Id = Convert.ToInt32(key, System.Globalization.CultureInfo.InvariantCulture);

    public override bool PrepareInsert(Permission entity) => entity.Id == 0;

    public override Permission CreateInstance() => new();
}

/// <summary>The typed fields of Micro's models, for queries (<c>auth.Users.Filter(u =&gt; u.IsStaff.Exact(true))</c>), and lookups by key.</summary>
public static class AuthModelExtensions
{
    extension(Fields<User> user)
    {
        public Field<User, int> Id => UserModel.IdField;

        public TextField<User, string> Username => UserModel.UsernameField;

        public TextField<User, string> Email => UserModel.EmailField;

        public TextField<User, string> FirstName => UserModel.FirstNameField;

        public TextField<User, string> LastName => UserModel.LastNameField;

        public Field<User, bool> IsActive => UserModel.IsActiveField;

        public Field<User, bool> IsStaff => UserModel.IsStaffField;

        public Field<User, bool> IsSuperuser => UserModel.IsSuperuserField;

        public Field<User, DateTime?> LastLogin => UserModel.LastLoginField;

        public Field<User, DateTime> DateJoined => UserModel.DateJoinedField;
    }

    extension(Fields<Group> group)
    {
        public Field<Group, int> Id => GroupModel.IdField;

        public TextField<Group, string> Name => GroupModel.NameField;
    }

    extension(Fields<Permission> permission)
    {
        public Field<Permission, int> Id => PermissionModel.IdField;

        public TextField<Permission, string> Name => PermissionModel.NameField;

        public TextField<Permission, string> AppLabel => PermissionModel.AppLabelField;

        public TextField<Permission, string> Model => PermissionModel.ModelField;

        public TextField<Permission, string> Codename => PermissionModel.CodenameField;
    }
    extension(QuerySet<User> users)
    {
        /// <summary>The user with this id; <see cref="NotFoundException"/> (a 404 in a route) when there is none.</summary>
        public User Get(int id) => users.GetByKeyAsync(id, false, default).GetAwaiter().GetResult();

        /// <inheritdoc cref="Get(QuerySet{User}, int)"/>
        public Task<User> GetAsync(int id, CancellationToken cancellationToken = default) => users.GetByKeyAsync(id, true, cancellationToken).AsTask();

        /// <summary>The user with this id, or null.</summary>
        public User? Find(int id) => users.FindByKeyAsync(id, false, default).GetAwaiter().GetResult();

        /// <inheritdoc cref="Find(QuerySet{User}, int)"/>
        public Task<User?> FindAsync(int id, CancellationToken cancellationToken = default) => users.FindByKeyAsync(id, true, cancellationToken).AsTask();
    }

    extension(QuerySet<Group> groups)
    {
        /// <summary>The group with this id; <see cref="NotFoundException"/> when there is none.</summary>
        public Task<Group> GetAsync(int id, CancellationToken cancellationToken = default) => groups.GetByKeyAsync(id, true, cancellationToken).AsTask();

        /// <summary>The group with this id, or null.</summary>
        public Task<Group?> FindAsync(int id, CancellationToken cancellationToken = default) => groups.FindByKeyAsync(id, true, cancellationToken).AsTask();
    }
}

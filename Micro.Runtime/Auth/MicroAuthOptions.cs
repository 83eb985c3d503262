using Micro.Sessions;
using Microsoft.Extensions.Configuration;

namespace Micro.Auth;

/// <summary>
/// Users' and logins' settings, as Django's <c>LOGIN_URL</c>, <c>AUTH_PASSWORD_VALIDATORS</c> and friends: read from the
/// <c>Micro:Auth</c> section of configuration, then from code (<c>builder.Services.Configure&lt;MicroAuthOptions&gt;(o =&gt; ...)</c>).
/// </summary>
public sealed class MicroAuthOptions
{
    /// <summary>The configuration section the options are read from.</summary>
    public const string Section = "Micro:Auth";

    /// <summary>Django's current PBKDF2 iteration count (Django 6.1).</summary>
    public const int DefaultPasswordIterations = 1_500_000;

    /// <summary>
    /// Where anonymous visitors of a <see cref="LoginRequiredAttribute"/> page are sent (<c>LOGIN_URL</c>), with <c>?next=</c> the page.
    /// Null means the <c>login</c> view mounted by <c>MapAuth</c>, else <c>/accounts/login/</c>.
    /// </summary>
    public string? LoginUrl { get; set; }

    /// <summary>Where the login view sends a user who came without a safe <c>next</c> (<c>LOGIN_REDIRECT_URL</c>).</summary>
    public string LoginRedirectUrl { get; set; } = "/";

    /// <summary>Where the logout view sends a user (<c>LOGOUT_REDIRECT_URL</c>); null renders <c>registration/logged_out.html</c>.</summary>
    public string? LogoutRedirectUrl { get; set; }

    /// <summary>How long a password reset link works (<c>PASSWORD_RESET_TIMEOUT</c>, 3 days as Django's); in configuration, seconds or a time span.</summary>
    public TimeSpan PasswordResetTimeout { get; set; } = TimeSpan.FromDays(3);

    /// <summary>The site's name in the password reset email (Django's <c>site_name</c>); null for the request's host.</summary>
    public string? SiteName { get; set; }

    /// <summary>PBKDF2-SHA256 iterations for new hashes; a hash with another count is rehashed at the user's next login.</summary>
    public int PasswordIterations { get; set; } = DefaultPasswordIterations;

    /// <summary>
    /// The password validators (<c>AUTH_PASSWORD_VALIDATORS</c>): Django's four by default. In configuration, a list of names with their
    /// options: <c>[{ "Name": "MinimumLength", "MinLength": 10 }, { "Name": "CommonPassword" }]</c>; <c>"None"</c> turns them all off.
    /// </summary>
    public IList<IPasswordValidator> PasswordValidators { get; } =
    [
        new UserAttributeSimilarityValidator(),
        new MinimumLengthValidator(),
        new CommonPasswordValidator(),
        new NumericPasswordValidator(),
    ];

    /// <summary>Reads the <c>Micro:Auth</c> section; a value that can't be read is an error that names its key.</summary>
    internal static void Read(IConfiguration configuration, MicroAuthOptions options)
    {
        var section = configuration.GetSection(Section);
        options.LoginUrl = section["LoginUrl"] is { Length: > 0 } login ? login : options.LoginUrl;
        options.LoginRedirectUrl = section["LoginRedirectUrl"] is { Length: > 0 } redirect ? redirect : options.LoginRedirectUrl;
        options.LogoutRedirectUrl = section["LogoutRedirectUrl"] is { Length: > 0 } logout ? logout : options.LogoutRedirectUrl;
        options.PasswordResetTimeout = section["PasswordResetTimeout"] is { } reset ? Settings.Duration(section, "PasswordResetTimeout", reset) : options.PasswordResetTimeout;
        options.SiteName = section["SiteName"] is { Length: > 0 } site ? site : options.SiteName;
        if (section["PasswordIterations"] is { } iterations)
        {
            options.PasswordIterations = Settings.Integer(section, "PasswordIterations", iterations) is > 0 and var count
                ? count
                : throw new InvalidOperationException($"The setting {section.Path}:PasswordIterations must be at least 1.");
        }

        var validators = section.GetSection("PasswordValidators");
        if (validators.Value is { } single)
        {
            options.PasswordValidators.Clear();
            if (!string.Equals(single.Trim(), "None", StringComparison.OrdinalIgnoreCase))
            {
                options.PasswordValidators.Add(Validator(validators, single, validators));
            }
        }
        else if (validators.GetChildren().ToList() is { Count: > 0 } children)
        {
            options.PasswordValidators.Clear();
            foreach (var child in children)
            {
                var name = child.Value ?? child["Name"] ?? throw new InvalidOperationException($"The setting {child.Path} needs a Name: MinimumLength, CommonPassword, NumericPassword or UserAttributeSimilarity.");
                options.PasswordValidators.Add(Validator(child, name, child));
            }
        }
    }

    private static IPasswordValidator Validator(IConfigurationSection section, string name, IConfigurationSection options) => name.Trim() switch
    {
        "MinimumLength" or "MinimumLengthValidator" => new MinimumLengthValidator(
            options["MinLength"] is { } min ? Settings.Integer(options, "MinLength", min) : MinimumLengthValidator.DefaultMinLength),
        "CommonPassword" or "CommonPasswordValidator" => new CommonPasswordValidator(),
        "NumericPassword" or "NumericPasswordValidator" => new NumericPasswordValidator(),
        "UserAttributeSimilarity" or "UserAttributeSimilarityValidator" => new UserAttributeSimilarityValidator(
            options["MaxSimilarity"] is { } max ? Settings.Number(options, "MaxSimilarity", max) : UserAttributeSimilarityValidator.DefaultMaxSimilarity),
        _ => throw new InvalidOperationException(
            $"The setting {section.Path} names the password validator '{name}'; the validators are MinimumLength, CommonPassword, NumericPassword and UserAttributeSimilarity."),
    };
}

using System.Diagnostics;
using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace Micro.Auth.Tests;

/// <summary>
/// Passwords as Django hashes and validates them, checked against Fixtures/django.json, which Django itself made
/// (Fixtures/make_fixtures.py, with Debian's python3-django), and against a live Django when one is installed.
/// </summary>
public sealed class PasswordTests
{
    private static readonly JsonElement s_django = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "django.json"))).RootElement;

    private static PasswordHasher Hasher(int iterations = MicroAuthOptions.DefaultPasswordIterations) =>
        new(Options.Create(new MicroAuthOptions { PasswordIterations = iterations }));

    public static TheoryData<int> DjangoHashes => [.. Enumerable.Range(0, s_django.GetProperty("pbkdf2_sha256").GetArrayLength())];

    [Theory]
    [MemberData(nameof(DjangoHashes))]
    public void A_hash_made_by_Django_verifies_and_Micro_makes_the_same_one(int index)
    {
        var fixture = s_django.GetProperty("pbkdf2_sha256")[index];
        var password = fixture.GetProperty("password").GetString()!;
        var encoded = fixture.GetProperty("encoded").GetString()!;
        var hasher = Hasher();

        Assert.True(hasher.Verify(password, encoded));
        Assert.False(hasher.Verify(password + "x", encoded));
        Assert.False(hasher.Verify(password.ToUpperInvariant() + "!", encoded));
        if (fixture.GetProperty("salt").GetString() is { } salt)
        {
            // The same password, salt and count give Django's hash: Django verifies Micro's.
            Assert.Equal(encoded, PasswordHasher.Encode(password, salt, fixture.GetProperty("iterations").GetInt32()));
        }
    }

    [Fact]
    public void Djangos_older_sha1_hashes_verify_and_need_a_rehash()
    {
        var hasher = Hasher(1000);
        foreach (var fixture in s_django.GetProperty("pbkdf2_sha1").EnumerateArray())
        {
            var encoded = fixture.GetProperty("encoded").GetString()!;
            Assert.StartsWith("pbkdf2_sha1$1000$", encoded);
            Assert.True(hasher.Verify(fixture.GetProperty("password").GetString()!, encoded));
            Assert.False(hasher.Verify("wrong", encoded));
            Assert.True(hasher.NeedsRehash(encoded));
        }
    }

    [Fact]
    public void New_hashes_use_Djangos_current_format_and_iteration_count()
    {
        var hasher = Hasher();
        var encoded = hasher.Hash("a new password");
        var parts = encoded.Split('$');

        Assert.Equal(["pbkdf2_sha256", "1500000"], parts[..2]);
        Assert.Matches("^[a-zA-Z0-9]{22}$", parts[2]);
        Assert.Equal(32, Convert.FromBase64String(parts[3]).Length);
        Assert.True(hasher.Verify("a new password", encoded));
        Assert.False(hasher.NeedsRehash(encoded));
        Assert.True(Hasher(1000).NeedsRehash(encoded));
        Assert.NotEqual(encoded, hasher.Hash("a new password"));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("!unusable")]
    [InlineData("pbkdf2_sha256$1000$salt")]
    [InlineData("pbkdf2_sha256$x$salt$aGFzaA==")]
    [InlineData("pbkdf2_sha256$-5$salt$aGFzaA==")]
    [InlineData("pbkdf2_sha256$1000$$aGFzaA==")]
    [InlineData("pbkdf2_sha256$1000$salt$not base64!")]
    [InlineData("md5$salt$5f4dcc3b5aa765d61d8327deb882cf99")]
    [InlineData("argon2$argon2id$v=19$m=102400,t=2,p=8$c2FsdA$aGFzaA")]
    public void A_malformed_or_unusable_hash_never_matches(string? encoded)
    {
        var hasher = Hasher(1000);

        Assert.False(hasher.Verify("", encoded));
        Assert.False(hasher.Verify("password", encoded));
    }

    [Fact]
    public void An_unusable_password_is_Djangos()
    {
        var unusable = PasswordHasher.Unusable();

        Assert.Equal(41, unusable.Length);
        Assert.StartsWith("!", unusable);
        Assert.False(PasswordHasher.IsUsable(unusable));
        Assert.False(Hasher(1000).Verify(unusable, unusable));
    }

    /// <summary>A hash Micro makes now, with a random salt, checked by Django's own check_password.</summary>
    [Fact]
    public async Task Django_itself_verifies_a_hash_made_by_Micro()
    {
        var hash = Hasher(20_000).Hash("Zürich, 1 «café»");
        var script = """
            import sys
            from django.conf import settings
            settings.configure()
            from django.contrib.auth.hashers import check_password
            print(check_password(sys.argv[1], sys.argv[2]), check_password(sys.argv[1] + "x", sys.argv[2]))
            """;
        var start = new ProcessStartInfo("/usr/bin/python3", ["-c", script, "Zürich, 1 «café»", hash]) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var python = Process.Start(start)!;
        var output = await python.StandardOutput.ReadToEndAsync();
        var error = await python.StandardError.ReadToEndAsync();
        await python.WaitForExitAsync();

        Assert.True(python.ExitCode == 0, "Debian's python3-django is needed (.ci/run installs it): " + error);
        Assert.Equal("True False", output.Trim());
    }

    public static TheoryData<int> ValidationCases => [.. Enumerable.Range(0, s_django.GetProperty("validation").GetArrayLength())];

    [Theory]
    [MemberData(nameof(ValidationCases))]
    public void The_validators_say_what_Djangos_say(int index)
    {
        var fixture = s_django.GetProperty("validation")[index];
        var user = new User
        {
            Username = fixture.GetProperty("username").GetString()!,
            Email = fixture.GetProperty("email").GetString()!,
            FirstName = fixture.GetProperty("first_name").GetString()!,
            LastName = fixture.GetProperty("last_name").GetString()!,
        };
        var options = new MicroAuthOptions();
        options.PasswordValidators.Clear();
        options.PasswordValidators.Add(new UserAttributeSimilarityValidator());
        options.PasswordValidators.Add(new MinimumLengthValidator());
        options.PasswordValidators.Add(new NumericPasswordValidator());

        var errors = new PasswordValidation(Options.Create(options)).Validate(fixture.GetProperty("password").GetString()!, user);

        Assert.Equal(fixture.GetProperty("errors").EnumerateArray().Select(static e => e.GetString()!), errors);
    }

    [Theory]
    [InlineData("password")]
    [InlineData("123456")]
    [InlineData("qwerty")]
    [InlineData("  Password ")]
    [InlineData("LETMEIN")]
    public void Common_passwords_are_refused(string password)
    {
        Assert.Equal(["This password is too common."], new CommonPasswordValidator().Validate(password, null));
        Assert.True(CommonPasswordValidator.Count > 3000);
    }

    [Fact]
    public void The_default_validators_are_Djangos_four_and_configuration_replaces_them()
    {
        var defaults = new PasswordValidation(Options.Create(new MicroAuthOptions()));
        Assert.Equal(
            ["This password is too short. It must contain at least 8 characters.", "This password is too common.", "This password is entirely numeric."],
            defaults.Validate("1234"));
        Assert.Empty(defaults.Validate("a long and unrelated passphrase"));

        var configuration = new Microsoft.Extensions.Configuration.ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Micro:Auth:PasswordValidators:0:Name"] = "MinimumLength",
            ["Micro:Auth:PasswordValidators:0:MinLength"] = "12",
            ["Micro:Auth:PasswordIterations"] = "5000",
        }).Build();
        var configured = new MicroAuthOptions();
        MicroAuthOptions.Read(configuration, configured);
        Assert.Equal(5000, configured.PasswordIterations);
        Assert.Equal(
            ["This password is too short. It must contain at least 12 characters."],
            new PasswordValidation(Options.Create(configured)).Validate("password"));

        var none = new MicroAuthOptions();
        MicroAuthOptions.Read(new Microsoft.Extensions.Configuration.ConfigurationBuilder().AddInMemoryCollection(
            new Dictionary<string, string?> { ["Micro:Auth:PasswordValidators"] = "None" }).Build(), none);
        Assert.Empty(none.PasswordValidators);

        var wrong = new MicroAuthOptions();
        var exception = Assert.Throws<InvalidOperationException>(() => MicroAuthOptions.Read(new Microsoft.Extensions.Configuration.ConfigurationBuilder().AddInMemoryCollection(
            new Dictionary<string, string?> { ["Micro:Auth:PasswordValidators:0:Name"] = "Strong" }).Build(), wrong));
        Assert.Contains("'Strong'", exception.Message);
    }
}

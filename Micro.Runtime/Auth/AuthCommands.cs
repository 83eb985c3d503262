using System.Text;
using Microsoft.Extensions.DependencyInjection;

namespace Micro.Auth;

/// <summary>Create a superuser: asks for a username, email and password (or reads them from options and the environment with --noinput).</summary>
[Command("createsuperuser")]
internal static class CreateSuperuserCommand
{
    /// <summary>The environment variable <c>--noinput</c> reads the password from (Django's is DJANGO_SUPERUSER_PASSWORD).</summary>
    public const string PasswordVariable = "MICRO_SUPERUSER_PASSWORD";

    /// <summary>Creates an active staff superuser, as Django's createsuperuser. Password validators apply.</summary>
    /// <param name="context">The running command.</param>
    /// <param name="username">The username (asked for when not given).</param>
    /// <param name="email">The email address (asked for when not given).</param>
    /// <param name="noinput">Ask nothing: the username from --username, the password from the MICRO_SUPERUSER_PASSWORD environment variable (an unusable password without it).</param>
    public static async Task<int> RunAsync(CommandContext context, string? username = null, string? email = null, bool noinput = false)
    {
        var auth = context.Services.GetRequiredService<AuthDb>();
        var validation = context.Services.GetRequiredService<PasswordValidation>();
        var cancellationToken = context.CancellationToken;
        string? password;
        if (noinput)
        {
            if (string.IsNullOrWhiteSpace(username))
            {
                throw new CommandUsageException("--username is required with --noinput.");
            }

            if (await auth.CheckUsernameAsync(username, cancellationToken) is { } problem)
            {
                throw new CommandException(Username(problem));
            }

            password = Environment.GetEnvironmentVariable(PasswordVariable) is { Length: > 0 } fromEnvironment ? fromEnvironment : null;
            if (password is not null && validation.Validate(password, new User { Username = AuthDb.NormalizeUsername(username), Email = email ?? "" }) is { Count: > 0 } errors)
            {
                throw new CommandException($"The password in {PasswordVariable} was refused:\n" + string.Join("\n", errors.Select(static e => "  " + e)));
            }
        }
        else
        {
            var prompt = new Prompt(context);
            while (true)
            {
                var defaultName = Environment.UserName is { Length: > 0 } system && await auth.CheckUsernameAsync(system, cancellationToken) is null ? system : null;
                username ??= prompt.Line(defaultName is null ? "Username: " : $"Username (leave blank to use '{defaultName}'): ");
                if (username.Length == 0 && defaultName is not null)
                {
                    username = defaultName;
                }

                if (await auth.CheckUsernameAsync(username, cancellationToken) is { } problem)
                {
                    context.Error.WriteLine($"Error: {Username(problem)}");
                    username = null;
                    continue;
                }

                break;
            }

            email ??= prompt.Line("Email address: ");
            while (true)
            {
                var first = prompt.Secret("Password: ");
                var second = prompt.Secret("Password (again): ");
                if (first != second)
                {
                    context.Error.WriteLine("Error: Your passwords didn't match.");
                    continue;
                }

                if (first.Trim().Length == 0)
                {
                    context.Error.WriteLine("Error: Blank passwords aren't allowed.");
                    continue;
                }

                var errors = validation.Validate(first, new User { Username = AuthDb.NormalizeUsername(username), Email = email });
                if (errors.Count > 0)
                {
                    foreach (var error in errors)
                    {
                        context.Error.WriteLine(error);
                    }

                    if (!prompt.Line("Bypass password validation and create user anyway? [y/N]: ").Trim().Equals("y", StringComparison.OrdinalIgnoreCase))
                    {
                        continue;
                    }
                }

                password = first;
                break;
            }
        }

        var user = await auth.CreateSuperuserAsync(username!, email, password, cancellationToken);
        context.Out.WriteLine($"Superuser '{user.Username}' created successfully.");
        return 0;
    }

    // Django's messages for the username field, as the command prints them.
    private static string Username(string problem) => problem switch
    {
        "A user with that username already exists." => "That username is already taken.",
        "This field is required." => "A username is required.",
        _ => problem,
    };
}

/// <summary>Change a user's password (asks for the new one twice).</summary>
[Command("changepassword")]
internal static class ChangePasswordCommand
{
    private const int MaxTries = 3;

    /// <summary>Sets a new password for the user, as Django's changepassword; the user's sessions end. Password validators apply.</summary>
    /// <param name="context">The running command.</param>
    /// <param name="username">The user (the name of the account running the command when not given).</param>
    public static async Task<int> RunAsync(CommandContext context, [Argument] string? username = null)
    {
        username ??= Environment.UserName;
        var auth = context.Services.GetRequiredService<AuthDb>();
        var user = await auth.FindByUsernameAsync(username, context.CancellationToken)
            ?? throw new CommandException($"user '{username}' does not exist");
        context.Out.WriteLine($"Changing password for user '{user.Username}'");
        var prompt = new Prompt(context);
        var validation = context.Services.GetRequiredService<PasswordValidation>();
        for (var attempt = 1; attempt <= MaxTries; attempt++)
        {
            var first = prompt.Secret("Password: ");
            var second = prompt.Secret("Password (again): ");
            if (first != second)
            {
                context.Error.WriteLine("Passwords do not match. Please try again.");
                continue;
            }

            var errors = validation.Validate(second, user);
            if (errors.Count > 0)
            {
                context.Error.WriteLine(string.Join("\n", errors));
                continue;
            }

            await auth.SetPasswordAsync(user, second, context.CancellationToken);
            context.Out.WriteLine($"Password changed successfully for user '{user.Username}'");
            return 0;
        }

        throw new CommandException($"Aborting password change for user '{user.Username}' after {MaxTries} attempts");
    }
}

/// <summary>Questions on standard input: typed at a terminal (passwords without echo), or read line by line from a pipe or file.</summary>
internal sealed class Prompt(CommandContext context)
{
    public string Line(string question)
    {
        context.Out.Write(question);
        context.Out.Flush();
        return context.In.ReadLine()?.Trim()
            ?? throw new CommandException("Standard input ended before every question was answered; use --noinput to create a user without questions.");
    }

    public string Secret(string question)
    {
        if (!context.IsInteractive)
        {
            context.Out.Write(question);
            var line = context.In.ReadLine() ?? throw new CommandException("Standard input ended before the password was given.");
            context.Out.WriteLine();
            return line;
        }

        context.Out.Write(question);
        context.Out.Flush();
        var text = new StringBuilder();
        while (true)
        {
            var key = Console.ReadKey(intercept: true);
            if (key.Key == ConsoleKey.Enter)
            {
                context.Out.WriteLine();
                return text.ToString();
            }

            if (key.Key == ConsoleKey.Backspace)
            {
                if (text.Length > 0)
                {
                    text.Length--;
                }
            }
            else if (!char.IsControl(key.KeyChar))
            {
                text.Append(key.KeyChar);
            }
        }
    }
}

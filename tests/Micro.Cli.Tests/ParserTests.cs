namespace Micro.Cli.Tests;

/// <summary>The generated parsers, driven through this project's own commands (TestApp/TestCommands.cs).</summary>
[Collection(TestAppCollection.Name)]
public sealed class ParserTests(TestAppFixture app)
{
    [Fact]
    public async Task Defaults_apply_when_options_are_absent()
    {
        var result = await app.RunAsync("scalars");

        Assert.Equal(0, result.ExitCode);
        var values = result.Values;
        Assert.Equal("1", values["count"]);
        Assert.Equal("0", values["big"]);
        Assert.Equal("0.5", values["ratio"]);
        Assert.Equal("9.99", values["price"]);
        Assert.Equal("none", values["name"]);
        Assert.Equal(Guid.Empty.ToString(), values["id"]);
        Assert.Equal("null", values["day"]);
        Assert.Equal("null", values["wait"]);
        Assert.Equal("a", values["letter"]);
        Assert.Equal("7", values["small"]);
        Assert.Equal("Green", values["color"]);
        Assert.Equal("null", values["note"]);
        Assert.Equal("null", values["limit"]);
    }

    [Theory]
    [InlineData("--count", "42", "count", "42")]
    [InlineData("-n", "42", "count", "42")]
    [InlineData("--count", "-5", "count", "-5")]
    [InlineData("--big", "9000000000", "big", "9000000000")]
    [InlineData("--ratio", "1.25", "ratio", "1.25")]
    [InlineData("--price", "19.5", "price", "19.5")]
    [InlineData("--name", "Ada Lovelace", "name", "Ada Lovelace")]
    [InlineData("--name", "", "name", "")]
    [InlineData("--id", "6f9619ff-8b86-d011-b42d-00cf4fc964ff", "id", "6f9619ff-8b86-d011-b42d-00cf4fc964ff")]
    [InlineData("--day", "2024-02-29", "day", "02/29/2024")]
    [InlineData("--wait", "01:30:00", "wait", "01:30:00")]
    [InlineData("--letter", "z", "letter", "z")]
    [InlineData("--small", "255", "small", "255")]
    [InlineData("--color", "blue", "color", "Blue")]
    [InlineData("--color", "RED", "color", "Red")]
    [InlineData("--note", "hi", "note", "hi")]
    [InlineData("--limit", "10", "limit", "10")]
    public async Task Each_type_is_parsed(string option, string value, string name, string expected)
    {
        var separate = await app.RunAsync("scalars", option, value);
        var inline = await app.RunAsync("scalars", option + "=" + value);

        Assert.True(separate.ExitCode == 0, separate.ToString());
        Assert.Equal(expected, separate.Values[name]);
        Assert.True(inline.ExitCode == 0, inline.ToString());
        Assert.Equal(expected, inline.Values[name]);
    }

    [Theory]
    [InlineData("--count", "many", "--count must be an integer; 'many' is not.")]
    [InlineData("--count", "1.5", "--count must be an integer; '1.5' is not.")]
    [InlineData("--count", "99999999999", "--count must be an integer; '99999999999' is not.")]
    [InlineData("-n", "x", "-n must be an integer; 'x' is not.")]
    [InlineData("--small", "256", "--small must be a non-negative integer; '256' is not.")]
    [InlineData("--ratio", "half", "--ratio must be a number; 'half' is not.")]
    [InlineData("--id", "not-a-uuid", "--id must be a UUID; 'not-a-uuid' is not.")]
    [InlineData("--day", "2024-02-30", "--day must be a date (yyyy-mm-dd); '2024-02-30' is not.")]
    [InlineData("--letter", "ab", "--letter must be a single character; 'ab' is not.")]
    [InlineData("--color", "purple", "--color must be one of Red, Green, Blue; 'purple' is not.")]
    [InlineData("--color", "7", "--color must be one of Red, Green, Blue; '7' is not.")]
    [InlineData("--limit", "", "--limit must be an integer; '' is not.")]
    [InlineData("--ratio", "1,5", "--ratio must be a number; '1,5' is not.")]           // not 15: no thousands separators
    [InlineData("--price", "1,000", "--price must be a number; '1,000' is not.")]
    public async Task Invalid_values_are_usage_errors_that_name_the_option(string option, string value, string message)
    {
        var result = await app.RunAsync("scalars", option, value);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal("", result.Output);
        Assert.StartsWith("error: " + message + "\n", result.Error);
        Assert.Contains("Usage: Micro.Cli.Tests scalars [options]\n", result.Error);
        Assert.Contains("Run 'Micro.Cli.Tests help scalars' to see its options.", result.Error);
    }

    [Fact]
    public async Task An_option_without_its_value_is_a_usage_error()
    {
        var atEnd = await app.RunAsync("scalars", "--count");
        var beforeOption = await app.RunAsync("scalars", "--count", "--big", "1");

        Assert.Equal(2, atEnd.ExitCode);
        Assert.StartsWith("error: --count needs a value (an integer).", atEnd.Error);
        Assert.Equal(2, beforeOption.ExitCode);
        Assert.StartsWith("error: --count needs a value (an integer).", beforeOption.Error);
    }

    [Fact]
    public async Task The_last_of_repeated_scalar_options_wins()
    {
        var result = await app.RunAsync("scalars", "--count", "1", "--count", "2");

        Assert.Equal("2", result.Values["count"]);
    }

    [Fact]
    public async Task Unknown_options_suggest_the_nearest_one()
    {
        var typo = await app.RunAsync("scalars", "--cuont", "3");
        var unrelated = await app.RunAsync("scalars", "--zzzzzzzz");
        var negatedFlagTypo = await app.RunAsync("flags", "--no-forse");

        Assert.Equal(2, typo.ExitCode);
        Assert.StartsWith("error: unknown option --cuont; did you mean --count?", typo.Error);
        Assert.Equal(2, unrelated.ExitCode);
        Assert.StartsWith("error: unknown option --zzzzzzzz.", unrelated.Error);
        Assert.StartsWith("error: unknown option --no-forse; did you mean --no-force?", negatedFlagTypo.Error);
    }

    [Theory]
    [InlineData(new string[0], "false", "true", "null")]
    [InlineData(new[] { "--force" }, "true", "true", "null")]
    [InlineData(new[] { "--force=false" }, "false", "true", "null")]
    [InlineData(new[] { "--force=True" }, "true", "true", "null")]
    [InlineData(new[] { "--no-force" }, "false", "true", "null")]
    [InlineData(new[] { "--no-color" }, "false", "false", "null")]
    [InlineData(new[] { "--color" }, "false", "true", "null")]
    [InlineData(new[] { "--verbose" }, "false", "true", "true")]
    [InlineData(new[] { "--no-verbose" }, "false", "true", "false")]
    [InlineData(new[] { "--force", "--no-force", "--force" }, "true", "true", "null")]
    public async Task Flags_take_no_value(string[] args, string force, string color, string verbose)
    {
        var result = await app.RunAsync(["flags", .. args]);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(force, result.Values["force"]);
        Assert.Equal(color, result.Values["color"]);
        Assert.Equal(verbose, result.Values["verbose"]);
    }

    [Fact]
    public async Task A_flag_followed_by_a_value_leaves_the_value_positional()
    {
        var result = await app.RunAsync("flags", "--force", "true");

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith("error: unexpected argument 'true': flags takes no positional arguments.", result.Error);
    }

    [Theory]
    [InlineData("--force=maybe", "error: --force must be true or false; 'maybe' is not.")]
    [InlineData("--no-force=true", "error: --no-force takes no value.")]
    public async Task Flags_reject_bad_values(string arg, string message)
    {
        var result = await app.RunAsync("flags", arg);

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith(message, result.Error);
    }

    [Fact]
    public async Task Required_options_must_be_given()
    {
        var none = await app.RunAsync("required");
        var onlyTo = await app.RunAsync("required", "--to", "ops@example.com");
        var all = await app.RunAsync("required", "--port", "25", "--to", "ops@example.com");

        Assert.Equal(2, none.ExitCode);
        Assert.StartsWith("error: missing required option --to (text).", none.Error);
        Assert.Contains("Usage: Micro.Cli.Tests required --to <text> --port <int> [options]", none.Error);
        Assert.Equal(2, onlyTo.ExitCode);
        Assert.StartsWith("error: missing required option --port (an integer).", onlyTo.Error);
        Assert.Equal(0, all.ExitCode);
        Assert.Equal("ops@example.com", all.Values["to"]);
        Assert.Equal("25", all.Values["port"]);
        Assert.Equal("null", all.Values["cc"]);
    }

    [Theory]
    [InlineData(new string[0], "[]", "[]", "null")]
    [InlineData(new[] { "--tag", "a", "--tag", "b" }, "[a,b]", "[]", "null")]
    [InlineData(new[] { "--tag", "a", "b", "c" }, "[a,b,c]", "[]", "null")]
    [InlineData(new[] { "--tag=a", "--tag=b c" }, "[a,b c]", "[]", "null")]
    [InlineData(new[] { "--number", "1", "-2", "3", "--tag", "x" }, "[x]", "[1,-2,3]", "null")]
    [InlineData(new[] { "--colors", "red", "--colors", "BLUE" }, "[]", "[]", "[Red,Blue]")]
    public async Task Arrays_collect_repeated_and_multiple_values(string[] args, string tag, string number, string colors)
    {
        var result = await app.RunAsync(["arrays", .. args]);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(tag, result.Values["tag"]);
        Assert.Equal(number, result.Values["number"]);
        Assert.Equal(colors, result.Values["colors"]);
    }

    [Theory]
    [InlineData(new[] { "--number", "1", "two" }, "error: --number must be an integer; 'two' is not.")]
    [InlineData(new[] { "--tag" }, "error: --tag needs at least one value (text).")]
    [InlineData(new[] { "--tag", "--number", "1" }, "error: --tag needs at least one value (text).")]
    public async Task Array_values_are_checked(string[] args, string message)
    {
        var result = await app.RunAsync(["arrays", .. args]);

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith(message, result.Error);
    }

    [Theory]
    [InlineData(new[] { "a.txt" }, "a.txt", "1", "null", "false")]
    [InlineData(new[] { "a.txt", "3" }, "a.txt", "3", "null", "false")]
    [InlineData(new[] { "a.txt", "3", "x", "y" }, "a.txt", "3", "[x,y]", "false")]
    [InlineData(new[] { "--dry-run", "a.txt", "2", "x" }, "a.txt", "2", "[x]", "true")]
    [InlineData(new[] { "a.txt", "2", "x", "--dry-run", "y" }, "a.txt", "2", "[x,y]", "true")]
    [InlineData(new[] { "--", "-rf", "2", "--dry-run" }, "-rf", "2", "[--dry-run]", "false")]
    [InlineData(new[] { "-", "-1" }, "-", "-1", "null", "false")]
    public async Task Positional_arguments_are_read_in_order(string[] args, string source, string copies, string rest, string dryRun)
    {
        var result = await app.RunAsync(["positional", .. args]);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(source, result.Values["source"]);
        Assert.Equal(copies, result.Values["copies"]);
        Assert.Equal(rest, result.Values["rest"]);
        Assert.Equal(dryRun, result.Values["dry-run"]);
    }

    [Theory]
    [InlineData(new string[0], "error: missing required argument <source>.")]
    [InlineData(new[] { "a.txt", "many" }, "error: <copies> must be an integer; 'many' is not.")]
    [InlineData(new[] { "--dry-run" }, "error: missing required argument <source>.")]
    public async Task Positional_arguments_are_checked(string[] args, string message)
    {
        var result = await app.RunAsync(["positional", .. args]);

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith(message, result.Error);
        Assert.Contains("Usage: Micro.Cli.Tests positional <source> [<copies>] [<rest>...] [options]", result.Error);
    }

    [Fact]
    public async Task Extra_positional_values_are_refused()
    {
        var result = await app.RunAsync("echo", "one", "two");

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith("error: unexpected extra argument 'two'.", result.Error);
    }

    [Fact]
    public async Task Services_the_context_and_the_token_are_injected()
    {
        var first = await app.RunAsync("injected");
        var second = await app.RunAsync("injected");

        Assert.True(first.ExitCode == 0, first.ToString());
        Assert.Equal("injected", first.Values["command"]);
        Assert.Equal("null", first.Values["missing"]);
        Assert.Equal("true", first.Values["cancellable"]);
        Assert.Equal(int.Parse(first.Values["counter"]) + 1, int.Parse(second.Values["counter"]));
    }

    [Fact]
    public async Task An_unregistered_service_fails_the_command()
    {
        var result = await app.RunAsync("needs-unregistered");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("error: InvalidOperationException: No service for type 'Micro.Cli.Tests.TestApp.Unregistered' has been registered.", result.Error);
    }

    [Fact]
    public async Task Cancellation_ends_the_command_with_exit_code_130()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        using var cancellation = new CancellationTokenSource();
        var run = app.App.CallCommandAsync(["wait-for-cancel"], output, error, cancellation.Token);
        await cancellation.CancelAsync();

        Assert.Equal(130, await run.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Equal("waiting\n", output.ToString());
        Assert.Equal("Interrupted.\n", error.ToString());
    }

    [Theory]
    [InlineData("exit-with", "0", 0)]
    [InlineData("exit-with", "3", 3)]
    [InlineData("exit-with-async", "0", 0)]
    [InlineData("exit-with-async", "42", 42)]
    public async Task Returned_ints_are_exit_codes(string command, string code, int expected)
    {
        var result = await app.RunAsync(command, "--code", code);

        Assert.Equal(expected, result.ExitCode);
        Assert.Equal("", result.Error);
    }

    [Theory]
    [InlineData("256")]
    [InlineData("512")]
    [InlineData("-1")]
    public async Task An_exit_code_the_system_cannot_report_is_a_failure_not_wrapped(string code)
    {
        var result = await app.RunAsync("exit-with", "--code", code);

        // 256 would reach the shell as 0 (success) and -1 as 255.
        Assert.Equal(1, result.ExitCode);
        Assert.Equal($"error: the command 'exit-with' returned exit code {code}, outside 0-255; it is reported as 1 (failure).\n", result.Error);
    }

    [Fact]
    public async Task Returned_text_is_printed()
    {
        var sync = await app.RunAsync("echo", "hello world");
        var async = await app.RunAsync("echo-async", "bye");
        var none = await app.RunAsync("echo-async");

        Assert.Equal((0, "hello world\n"), (sync.ExitCode, sync.Output));
        Assert.Equal((0, "bye\n"), (async.ExitCode, async.Output));
        Assert.Equal((0, ""), (none.ExitCode, none.Output));
    }

    [Fact]
    public async Task Exceptions_are_exit_code_1_with_the_message_and_no_stack_trace()
    {
        var result = await app.RunAsync("throw", "plain");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("error: InvalidOperationException: Something went wrong.\n(run the command with --traceback to see where it failed)\n", result.Error);
    }

    [Fact]
    public async Task Traceback_shows_the_stack_trace()
    {
        var result = await app.RunAsync("throw", "plain", "--traceback");

        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith("System.InvalidOperationException: Something went wrong.\n", result.Error);
        Assert.Contains("   at Micro.Cli.Tests.TestApp.TestCommands.Throw(String kind)", result.Error);
    }

    [Fact]
    public async Task A_command_exception_sets_the_exit_code_and_message()
    {
        var result = await app.RunAsync("throw", "command");

        Assert.Equal(4, result.ExitCode);
        Assert.Equal("error: The thing is broken.\n", result.Error);
    }

    [Fact]
    public async Task A_usage_exception_from_the_command_prints_the_usage()
    {
        var result = await app.RunAsync("throw", "usage");

        Assert.Equal(2, result.ExitCode);
        Assert.Equal("error: --from must come before --to.\nUsage: Micro.Cli.Tests throw <kind>\nRun 'Micro.Cli.Tests help throw' to see its options.\n", result.Error);
    }

    [Fact]
    public async Task Names_derive_from_methods_and_classes()
    {
        var method = await app.RunAsync("send-http-emails");
        var named = await app.RunAsync("explicit-name");
        var classBased = await app.RunAsync("import-data", "rows.csv", "--batch", "50");

        Assert.Equal("sent\n", method.Output);
        Assert.Equal("named\n", named.Output);
        Assert.Equal((0, "import rows.csv in batches of 50\n"), (classBased.ExitCode, classBased.Output));
    }
}

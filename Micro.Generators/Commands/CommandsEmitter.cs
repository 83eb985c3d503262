using System.Globalization;
using System.Linq;
using Micro.Generators.Commands.Model;
using Micro.Generators.Shared;
using Microsoft.CodeAnalysis.CSharp;

namespace Micro.Generators.Commands
{
    /// <summary>
    /// Writes the command registry: one <c>CommandDefinition</c> per command and, for each, a function that
    /// parses its arguments, resolves its services, calls it and returns its exit code.
    /// </summary>
    internal static class CommandsEmitter
    {
        public const string AppHintName = "Micro.Commands.MicroCommands.g.cs";
        public const string BuiltInHintName = "Micro.Commands.BuiltInCommands.g.cs";

        private const string Commands = "global::Micro.Commands";
        private const string Task = "global::System.Threading.Tasks.Task";
        private const string Services = "global::Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions";
        private const string KeyedServices = "global::Microsoft.Extensions.DependencyInjection.ServiceProviderKeyedServiceExtensions";

        public static string HintName(CommandTableModel table) => table.IsBuiltInAssembly ? BuiltInHintName : AppHintName;

        public static string Emit(CommandTableModel table)
        {
            var writer = new SourceWriter().FileHeader();
            if (table.IsBuiltInAssembly)
            {
                // Micro.Runtime's own commands are the built-ins; apps' generators read these names to refuse clashes.
                foreach (var command in table.Commands)
                {
                    writer.Line($"[assembly: {Commands}.BuiltInCommand({GeneratedCode.Literal(command.Name)})]");
                }

                writer.Line();
                writer.Line("namespace Micro.Commands").OpenBrace();
                writer.Line("/// <summary>Micro's built-in commands, for <see cref=\"CommandRegistry\"/>.</summary>");
                writer.Line(GeneratedCode.Attribute);
                writer.Line("internal static class BuiltInCommands").OpenBrace();
            }
            else
            {
                writer.Line("namespace Micro.Generated").OpenBrace();
                writer.Line("/// <summary>The app's management commands, for its manifest.</summary>");
                writer.Line(GeneratedCode.Attribute);
                writer.Line("internal static class MicroCommands").OpenBrace();
            }

            writer.Line($"internal static {Commands}.CommandDefinition[] Create() => new {Commands}.CommandDefinition[]").OpenBrace();
            for (var i = 0; i < table.Commands.Count; i++)
            {
                EmitDefinition(writer, table.Commands[i], i);
            }

            writer.CloseBrace(";");
            for (var i = 0; i < table.Commands.Count; i++)
            {
                writer.Line();
                EmitRun(writer, table.Commands[i], i);
            }

            writer.CloseBrace();
            writer.CloseBrace();
            return writer.ToString();
        }

        private static void EmitDefinition(SourceWriter writer, CommandModel command, int index)
        {
            writer.Line($"new {Commands}.CommandDefinition(").Indentation++;
            writer.Line($"name: {GeneratedCode.Literal(command.Name)},");
            writer.Line($"help: {GeneratedCode.Literal(command.Help)},");
            writer.Line($"description: {GeneratedCode.Literal(command.Description)},");
            var parameters = command.Parameters.Where(static p => p.IsCommandLine).ToList();
            if (parameters.Count == 0)
            {
                writer.Line($"parameters: global::System.Array.Empty<{Commands}.CommandParameter>(),");
            }
            else
            {
                writer.Line($"parameters: new {Commands}.CommandParameter[]").OpenBrace();
                foreach (var parameter in parameters)
                {
                    var kind = parameter.Source switch
                    {
                        CommandParameterSource.Argument => "Argument",
                        CommandParameterSource.Flag => "Flag",
                        _ => "Option",
                    };
                    var defaultDisplay = parameter.Source == CommandParameterSource.Flag ? parameter.DefaultDisplay ?? "false" : parameter.DefaultDisplay;
                    var shortName = parameter.ShortName is { } letter ? SymbolDisplay.FormatLiteral(letter, quote: true) : "null";
                    writer.Line($"new {Commands}.CommandParameter(").Indentation++;
                    writer.Line($"{Commands}.CommandParameterKind.{kind},");
                    writer.Line($"name: {GeneratedCode.Literal(parameter.Key)},");
                    writer.Line($"shortName: {shortName},");
                    writer.Line($"valueName: {GeneratedCode.Literal(parameter.Placeholder)},");
                    writer.Line($"help: {GeneratedCode.Literal(parameter.Help)},");
                    writer.Line($"defaultValue: {GeneratedCode.Literal(defaultDisplay)},");
                    writer.Line($"isRequired: {Bool(parameter.IsRequired)},");
                    writer.Line($"isRepeated: {Bool(parameter.IsArray)}),");
                    writer.Indentation--;
                }

                writer.CloseBrace(",");
            }

            var services = command.Parameters
                .Where(static p => p.Source == CommandParameterSource.Service && p.IsRequired)
                .Select(static p => $"typeof({NonNullable(p.Type)})")
                .ToList();
            writer.Line(services.Count == 0
                ? "services: global::System.Type.EmptyTypes,"
                : $"services: new global::System.Type[] {{ {string.Join(", ", services)} }},");
            writer.Line($"handler: {GeneratedCode.Literal(command.Handler)},");
            writer.Line($"source: {GeneratedCode.Literal(command.Source)},");
            writer.Line($"run: Run{index.ToString(CultureInfo.InvariantCulture)},");
            writer.Line($"runsWithoutHost: {Bool(RunsWithoutHost(command))}),");
            writer.Indentation--;
        }

        /// <summary>
        /// A command that takes nothing from the app (no service, no <c>CommandContext</c>) runs before the host is built, so
        /// that it doesn't pay for configuration, logging and the container.
        /// </summary>
        private static bool RunsWithoutHost(CommandModel command) =>
            command.Parameters.All(static p => p.Source is CommandParameterSource.Argument or CommandParameterSource.Option
                or CommandParameterSource.Flag or CommandParameterSource.Output or CommandParameterSource.CancellationToken);

        private static void EmitRun(SourceWriter writer, CommandModel command, int index)
        {
            var isAsync = command.Return.IsAwaitable;
            writer.Line($"// {command.Source}: {command.Name} => {command.Handler}");
            writer.Line($"private static {(isAsync ? "async " : "")}{Task}<int> Run{index.ToString(CultureInfo.InvariantCulture)}(global::Micro.CommandContext context, {Commands}.CommandArguments args)").OpenBrace();

            var parameters = command.Parameters;
            var arguments = parameters.Where(static p => p.Source == CommandParameterSource.Argument).ToList();
            var options = parameters.Where(static p => p.Source is CommandParameterSource.Option or CommandParameterSource.Flag).ToList();

            // The values, at their defaults until the command line sets them.
            foreach (var parameter in arguments.Concat(options))
            {
                if (parameter.IsArray)
                {
                    writer.Line($"global::System.Collections.Generic.List<{parameter.Parse!.ValueType}>? list_{parameter.Name} = null;");
                    continue;
                }

                writer.Line($"{parameter.Type} p_{parameter.Name} = {parameter.DefaultValue ?? (parameter.IsRequired ? "default!" : "default")};");
                if (parameter.IsRequired)
                {
                    writer.Line($"var has_{parameter.Name} = false;");
                }
            }

            if (arguments.Count > 0)
            {
                writer.Line("var position = 0;");
            }

            writer.Line("while (args.MoveNext())").OpenBrace();
            writer.Line("switch (args.Option)").OpenBrace();
            EmitPositional(writer, arguments);
            foreach (var option in options)
            {
                EmitOption(writer, option);
            }

            writer.Line("default:");
            writer.Line("    throw args.UnknownOption();");
            writer.CloseBrace();
            writer.CloseBrace();
            writer.Line();

            // What the command line must have given, then arrays from their collected values.
            foreach (var parameter in arguments.Concat(options).Where(static p => p.IsRequired))
            {
                var missing = parameter.IsArray ? $"list_{parameter.Name} is null" : $"!has_{parameter.Name}";
                writer.Line(parameter.Source == CommandParameterSource.Argument
                    ? $"if ({missing}) throw args.MissingArgument({GeneratedCode.Literal("<" + parameter.Key + ">")});"
                    : $"if ({missing}) throw args.MissingOption({GeneratedCode.Literal("--" + parameter.Key)}, {GeneratedCode.Literal(parameter.Parse!.Expected)});");
            }

            foreach (var parameter in arguments.Concat(options).Where(static p => p.IsArray))
            {
                var fallback = parameter.DefaultValue ?? (parameter.Type.EndsWith("?", System.StringComparison.Ordinal)
                    ? "null"
                    : $"global::System.Array.Empty<{parameter.Parse!.ValueType}>()");
                writer.Line($"{parameter.Type} p_{parameter.Name} = list_{parameter.Name} is null ? {fallback} : list_{parameter.Name}.ToArray();");
            }

            // What is injected rather than parsed.
            foreach (var parameter in parameters)
            {
                var local = "p_" + parameter.Name;
                var type = NonNullable(parameter.Type);
                var key = GeneratedCode.Literal(parameter.Key);
                switch (parameter.Source)
                {
                    case CommandParameterSource.Service:
                        writer.Line(parameter.IsRequired
                            ? $"var {local} = {Services}.GetRequiredService<{type}>(context.Services);"
                            : $"var {local} = {Services}.GetService<{type}>(context.Services);");
                        break;
                    case CommandParameterSource.KeyedService:
                        writer.Line(parameter.IsRequired
                            ? $"var {local} = {KeyedServices}.GetRequiredKeyedService<{type}>(context.Services, {key});"
                            : $"var {local} = {KeyedServices}.GetKeyedService<{type}>(context.Services, {key});");
                        break;
                    case CommandParameterSource.Context:
                        writer.Line($"var {local} = context;");
                        break;
                    case CommandParameterSource.Output:
                        writer.Line($"var {local} = context.Out;");
                        break;
                    case CommandParameterSource.CancellationToken:
                        writer.Line($"var {local} = context.CancellationToken;");
                        break;
                }
            }

            var call = $"{command.ContainingType}.{command.MethodName}({string.Join(", ", parameters.Select(static p => "p_" + p.Name))})";
            if (isAsync)
            {
                call = "await " + call;
            }

            switch (command.Return.Kind)
            {
                case CommandReturnKind.ExitCode:
                    writer.Line(isAsync ? $"return {call};" : $"return {Task}.FromResult({call});");
                    break;
                case CommandReturnKind.Text:
                    writer.Line($"var result = {call};");
                    writer.Line("if (result is not null) context.Out.WriteLine(result);");
                    writer.Line(isAsync ? "return 0;" : $"return {Task}.FromResult(0);");
                    break;
                default:
                    writer.Line(call + ";");
                    writer.Line(isAsync ? "return 0;" : $"return {Task}.FromResult(0);");
                    break;
            }

            writer.CloseBrace();
        }

        /// <summary>Positional values, in order; an array argument (always the last) takes the rest.</summary>
        private static void EmitPositional(SourceWriter writer, System.Collections.Generic.List<CommandParameterModel> arguments)
        {
            writer.Line("case null:");
            if (arguments.Count == 0)
            {
                writer.Line("    throw args.UnexpectedArgument();");
                return;
            }

            writer.Indentation++;
            writer.Line("switch (position++)").OpenBrace();
            for (var i = 0; i < arguments.Count; i++)
            {
                var argument = arguments[i];
                var display = GeneratedCode.Literal("<" + argument.Key + ">");
                writer.Line(argument.IsArray ? "default:" : $"case {i.ToString(CultureInfo.InvariantCulture)}:").OpenBrace();
                EmitAssign(writer, argument, "args.Current", display);
                writer.Line("break;");
                writer.CloseBrace();
            }

            if (!arguments[arguments.Count - 1].IsArray)
            {
                writer.Line("default:");
                writer.Line("    throw args.UnexpectedArgument();");
            }

            writer.CloseBrace();
            writer.Line("break;");
            writer.Indentation--;
        }

        private static void EmitOption(SourceWriter writer, CommandParameterModel option)
        {
            writer.Line($"case {GeneratedCode.Literal("--" + option.Key)}:");
            if (option.ShortName is { } shortName)
            {
                writer.Line($"case {GeneratedCode.Literal("-" + shortName)}:");
            }

            if (option.Source == CommandParameterSource.Flag)
            {
                writer.Line($"    p_{option.Name} = args.Flag();");
                writer.Line("    break;");
                writer.Line($"case {GeneratedCode.Literal("--no-" + option.Key)}:");
                writer.Line($"    p_{option.Name} = args.NegatedFlag();");
                writer.Line("    break;");
                return;
            }

            var expected = GeneratedCode.Literal(option.Parse!.Expected);
            writer.OpenBrace();
            if (option.IsArray)
            {
                writer.Line($"foreach (var value in args.Values({expected}))").OpenBrace();
                EmitAssign(writer, option, "value", null);
                writer.CloseBrace();
            }
            else
            {
                writer.Line($"var value = args.Value({expected});");
                EmitAssign(writer, option, "value", null);
            }

            writer.Line("break;");
            writer.CloseBrace();
        }

        /// <summary>Parses <paramref name="text"/> into the parameter (or adds it to an array's list), or throws a usage error.</summary>
        private static void EmitAssign(SourceWriter writer, CommandParameterModel parameter, string text, string? argumentDisplay)
        {
            var parse = parameter.Parse!;
            string target;
            if (parse.Kind == ParseKind.String)
            {
                target = text;
            }
            else
            {
                var invalid = argumentDisplay is null
                    ? $"args.Invalid({text}, {GeneratedCode.Literal(parse.Expected)})"
                    : $"args.Invalid({text}, {GeneratedCode.Literal(parse.Expected)}, {argumentDisplay})";
                writer.Line($"if (!{parse.TryParseExpression(text, "parsed", declare: true)}) throw {invalid};");
                target = "parsed";
            }

            if (parameter.IsArray)
            {
                writer.Line($"(list_{parameter.Name} ??= new global::System.Collections.Generic.List<{parse.ValueType}>()).Add({target});");
                return;
            }

            writer.Line($"p_{parameter.Name} = {target};");
            if (parameter.IsRequired)
            {
                writer.Line($"has_{parameter.Name} = true;");
            }
        }

        private static string Bool(bool value) => value ? "true" : "false";

        private static string NonNullable(string type) => type.EndsWith("?", System.StringComparison.Ordinal) ? type.Substring(0, type.Length - 1) : type;
    }
}

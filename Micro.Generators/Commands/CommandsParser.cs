using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using System.Threading;
using System.Xml.Linq;
using Micro.Generators.Commands.Model;
using Micro.Generators.Diagnostics;
using Micro.Generators.Shared;
using Microsoft.CodeAnalysis;
using static Micro.Generators.Commands.CommandNames;
using static Micro.Generators.Shared.Symbols;

namespace Micro.Generators.Commands
{
    /// <summary>Turns <c>[Command]</c> targets into models. The only place that reads symbols.</summary>
    internal static class CommandsParser
    {
        private static readonly string[] s_handlerNames = { "Run", "RunAsync" };

        /// <summary>Options every command has (<c>--help</c>, <c>--traceback</c>) or the host reads; compared ignoring case, as the host does.</summary>
        private static readonly string[] s_reservedOptions = { "help", "traceback", "environment", "urls", "contentroot", "applicationname" };

        private const string TextTypes = "use a string, a number, a bool, an enum, a type with a static TryParse method, or an array of them";

        public static Parsed<CommandModel> ParseCommand(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
        {
            var attribute = context.Attributes[0];
            var location = AttributeLocation(attribute, context.TargetNode, cancellationToken);
            var diagnostics = new List<DiagnosticInfo>();

            // The handler: the method itself, or the one Run/RunAsync method of a class-based command.
            IMethodSymbol? method;
            string derivedName;
            string? summary;
            if (context.TargetSymbol is INamedTypeSymbol type)
            {
                derivedName = WithoutCommandSuffix(type.Name);
                var candidates = type.GetMembers().OfType<IMethodSymbol>()
                    .Where(static m => m.MethodKind == MethodKind.Ordinary && Array.IndexOf(s_handlerNames, m.Name) >= 0)
                    .ToList();
                method = candidates.Count == 1 ? candidates[0] : null;
                if (method is null)
                {
                    diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.CommandClassWithoutRun, location, type.Name,
                        candidates.Count == 0 ? "has no Run or RunAsync method" : "has several Run and RunAsync methods"));
                }

                summary = Documentation.Read(type, cancellationToken).Summary;
            }
            else
            {
                method = (IMethodSymbol)context.TargetSymbol;
                derivedName = method.Name;
                summary = null;
            }

            var name = attribute.ConstructorArguments.Length > 0 && attribute.ConstructorArguments[0].Value is string explicitName
                ? explicitName
                : KebabCase(derivedName);
            if (!IsValidName(name))
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidCommandName, location, name, "command"));
            }

            if (method is null)
            {
                return new Parsed<CommandModel>(null, diagnostics.ToEquatableArray());
            }

            var handler = method.ContainingType is null ? method.Name : method.ContainingType.Name + "." + method.Name;
            var problem = CallProblem(method, "commands", "class-based commands", "static class Commands { [Command] public static ... }");
            if (problem is not null)
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.CommandNotCallable, location, handler, problem));
                return new Parsed<CommandModel>(null, diagnostics.ToEquatableArray());
            }

            var known = KnownTypes.For(context.SemanticModel.Compilation);
            var docs = Documentation.Read(method, cancellationToken);
            var reader = new ParameterReader(known, handler, docs, location, diagnostics);
            var parameters = new List<CommandParameterModel>();
            foreach (var parameter in method.Parameters)
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (reader.Read(parameter) is { } model)
                {
                    parameters.Add(model);
                }
            }

            reader.CheckOptionNames(parameters);
            reader.CheckArgumentOrder(parameters);

            var returns = ParseReturn(method, known);
            if (returns is null)
            {
                var returnText = method.IsAsync && method.ReturnsVoid ? "async void" : method.ReturnType.ToDisplayString();
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.UnsupportedCommandReturn, location, handler, returnText));
            }

            if (diagnostics.Count > 0)
            {
                return new Parsed<CommandModel>(null, diagnostics.ToEquatableArray());
            }

            var helpText = NamedArgument<string>(attribute, "Help");
            var description = helpText ?? summary ?? docs.Summary;
            var syntax = context.TargetNode;
            var command = new CommandModel(
                name,
                helpText ?? FirstSentence(description),
                description,
                FullName(method.ContainingType!),
                method.Name,
                handler,
                parameters.ToEquatableArray(),
                returns!,
                location);
            return new Parsed<CommandModel>(command, EquatableArray<DiagnosticInfo>.Empty);
        }

        /// <summary>What the compilation is: Micro.Runtime itself, or an app with the built-in command names it can't reuse.</summary>
        public static CommandHostModel ParseHost(Compilation compilation, CancellationToken cancellationToken)
        {
            var known = KnownTypes.For(compilation);
            var attributeType = known.Get(KnownNames.CommandAttribute);
            if (attributeType is null)
            {
                return new CommandHostModel(false, EquatableArray<string>.Empty);
            }

            var runtime = attributeType.ContainingAssembly;
            if (SymbolEqualityComparer.Default.Equals(runtime, compilation.Assembly))
            {
                return new CommandHostModel(true, EquatableArray<string>.Empty);
            }

            var names = new List<string>();
            foreach (var attribute in runtime.GetAttributes())
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (known.Is(attribute.AttributeClass, KnownNames.BuiltInCommandAttribute)
                    && attribute.ConstructorArguments.Length == 1
                    && attribute.ConstructorArguments[0].Value is string builtIn)
                {
                    names.Add(builtIn);
                }
            }

            return new CommandHostModel(false, names.OrderBy(static n => n, StringComparer.Ordinal).ToEquatableArray());
        }

        /// <summary>Drops invalid commands and finds name clashes, with each other and with the built-ins.</summary>
        public static Parsed<CommandTableModel> BuildTable((ImmutableArray<Parsed<CommandModel>> Commands, CommandHostModel Host) input, CancellationToken cancellationToken)
        {
            var diagnostics = new List<DiagnosticInfo>();
            var byName = new Dictionary<string, CommandModel>(StringComparer.Ordinal);
            foreach (var command in input.Commands.Select(static c => c.Model).OfType<CommandModel>()
                         .OrderBy(static c => c.Location, LocationInfo.SourceOrder))
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (input.Host.BuiltInNames.Contains(command.Name))
                {
                    diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.CommandShadowsBuiltIn, command.Location, command.Name));
                    continue;
                }

                if (byName.TryGetValue(command.Name, out var other))
                {
                    diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.DuplicateCommandName, command.Location, command.Name, other.Source));
                    continue;
                }

                byName[command.Name] = command;
            }

            var commands = byName.Values.OrderBy(static c => c.Name, StringComparer.Ordinal).ToEquatableArray();
            return new Parsed<CommandTableModel>(new CommandTableModel(commands, input.Host.IsBuiltInAssembly), diagnostics.ToEquatableArray());
        }

        /// <summary>Reads a command's parameters, with the compilation's known types, the handler's doc comment and its diagnostics at hand.</summary>
        private sealed class ParameterReader(KnownTypes known, string handler, Documentation docs, LocationInfo commandLocation, List<DiagnosticInfo> diagnostics)
        {
            public CommandParameterModel? Read(IParameterSymbol parameter)
            {
                var location = LocationInfo.From(parameter.Locations.FirstOrDefault()) ?? commandLocation;
                var type = parameter.Type;
                var typeName = FullName(type) + (type.IsReferenceType && parameter.NullableAnnotation == NullableAnnotation.Annotated ? "?" : "");
                var isNullable = parameter.NullableAnnotation == NullableAnnotation.Annotated
                    || type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T };
                var hasDefault = parameter.HasExplicitDefaultValue;
                var defaultValue = hasDefault ? DefaultValue(type, parameter.ExplicitDefaultValue) : null;
                docs.Parameters.TryGetValue(parameter.Name, out var docHelp);

                CommandParameterModel Model(CommandParameterSource source, string key = "", ParseModel? parse = null, bool isArray = false, bool isRequired = false, char? shortName = null, string? help = null) =>
                    new(parameter.Name, typeName, source, key, shortName, parse, isArray, isRequired, defaultValue,
                        hasDefault ? DefaultDisplay(type, parameter.ExplicitDefaultValue) : null,
                        Placeholder(type, isArray), help ?? docHelp);

                CommandParameterModel? Unsupported(string why)
                {
                    diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.UnsupportedCommandParameter, location, parameter.Name, handler, why));
                    return null;
                }

                if (UnbindableReason(parameter, TextTypes) is { } unbindable)
                {
                    return Unsupported(unbindable);
                }

                AttributeData? argument = null;
                AttributeData? option = null;
                foreach (var attribute in parameter.GetAttributes())
                {
                    var attributeClass = attribute.AttributeClass;
                    if (attributeClass is null)
                    {
                        continue;
                    }

                    switch (known.Which(attributeClass, KnownNames.ArgumentAttribute, KnownNames.OptionAttribute, KnownNames.FromKeyedServicesAttribute))
                    {
                        case KnownNames.ArgumentAttribute:
                            argument = attribute;
                            continue;
                        case KnownNames.OptionAttribute:
                            option = attribute;
                            continue;
                        case KnownNames.FromKeyedServicesAttribute:
                            return attribute.ConstructorArguments.Length == 1 && attribute.ConstructorArguments[0].Value is string serviceKey
                                ? Model(CommandParameterSource.KeyedService, serviceKey, isRequired: !isNullable && !hasDefault)
                                : Unsupported("only string service keys are supported");
                    }

                    if (known.Implements(attributeClass, KnownNames.FromServiceMetadata))
                    {
                        return Model(CommandParameterSource.Service, isRequired: !isNullable && !hasDefault);
                    }
                }

                switch (known.Which(type, KnownNames.CancellationToken, KnownNames.TextWriter, KnownNames.CommandContext))
                {
                    case KnownNames.CancellationToken:
                        return Model(CommandParameterSource.CancellationToken);
                    case KnownNames.TextWriter:
                        return Model(CommandParameterSource.Output);
                    case KnownNames.CommandContext:
                        return Model(CommandParameterSource.Context);
                }

                if (argument is not null && option is not null)
                {
                    return Unsupported("it can't be both an [Argument] and an [Option]");
                }

                var parse = known.Parsing.Classify(type);
                var element = parse is null ? known.Parsing.ArrayElement(type) : null;
                if (argument is not null)
                {
                    if (parse is null && element is null)
                    {
                        return Unsupported($"{type.ToDisplayString()} can't be read from text; {TextTypes}");
                    }

                    var key = NamedArgument<string>(argument, "Name") ?? KebabCase(parameter.Name);
                    if (!IsValidName(key))
                    {
                        diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidCommandName, location, key, "argument"));
                        return null;
                    }

                    return Model(CommandParameterSource.Argument, key, parse ?? element, element is not null,
                        isRequired: !isNullable && !hasDefault, help: NamedArgument<string>(argument, "Help"));
                }

                if (parse is not null || element is not null || option is not null)
                {
                    if (parse is null && element is null)
                    {
                        return Unsupported($"{type.ToDisplayString()} can't be read from text; {TextTypes}");
                    }

                    var key = (option is null ? null : NamedArgument<string>(option, "Name")) ?? KebabCase(parameter.Name);
                    var shortName = option is null ? null : NamedArgument<char?>(option, "Short");
                    if (!IsValidName(key))
                    {
                        diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidCommandName, location, key, "option"));
                        return null;
                    }

                    if (shortName is { } letter && !(letter is >= 'a' and <= 'z' or >= 'A' and <= 'Z'))
                    {
                        return Unsupported($"the short name '{shortName}' is not a letter");
                    }

                    var isFlag = element is null && (type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } nullableFlag
                        ? nullableFlag.TypeArguments[0]
                        : type).SpecialType == SpecialType.System_Boolean;
                    return Model(isFlag ? CommandParameterSource.Flag : CommandParameterSource.Option, key, parse ?? element, element is not null,
                        isRequired: !isFlag && element is null && !isNullable && !hasDefault, shortName,
                        option is null ? null : NamedArgument<string>(option, "Help"));
                }

                // Anything else is a service, unless it is plainly a value the command line should give.
                if (type.SpecialType == SpecialType.System_Object || type.TypeKind == TypeKind.Dynamic)
                {
                    return Unsupported("object can't be read from the command line or resolved as a service; use a specific type");
                }

                if (type.IsValueType)
                {
                    return Unsupported($"{type.ToDisplayString()} can't be read from text; {TextTypes}");
                }

                if (CollectionOfValues(type))
                {
                    return Unsupported($"{type.ToDisplayString()} is a collection; take several values as an array ({ElementName(type)}[])");
                }

                return Model(CommandParameterSource.Service, isRequired: !isNullable && !hasDefault);
            }

            /// <summary>Option names are unique within the command and leave the global ones alone.</summary>
            public void CheckOptionNames(List<CommandParameterModel> parameters)
            {
                var taken = new Dictionary<string, string>(StringComparer.Ordinal);
                void Claim(string option, CommandParameterModel parameter)
                {
                    var name = option.TrimStart('-');
                    string? problem = null;
                    if (Array.IndexOf(s_reservedOptions, name.ToLowerInvariant()) >= 0 || option == "-h")
                    {
                        problem = $"is reserved for the global option {(option == "-h" ? "-h, --help" : "--" + name)}";
                    }
                    else if (taken.TryGetValue(option, out var other))
                    {
                        problem = $"is also the option of parameter '{other}'";
                    }

                    if (problem is not null)
                    {
                        diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.DuplicateCommandOption, commandLocation, option, handler, problem));
                        return;
                    }

                    taken[option] = parameter.Name;
                }

                foreach (var parameter in parameters)
                {
                    if (parameter.Source is not (CommandParameterSource.Option or CommandParameterSource.Flag))
                    {
                        continue;
                    }

                    Claim("--" + parameter.Key, parameter);
                    if (parameter.Source == CommandParameterSource.Flag)
                    {
                        Claim("--no-" + parameter.Key, parameter);
                    }

                    if (parameter.ShortName is not null)
                    {
                        Claim("-" + parameter.ShortName, parameter);
                    }
                }
            }

            /// <summary>Positional arguments are read in order: required ones first, an array last.</summary>
            public void CheckArgumentOrder(List<CommandParameterModel> parameters)
            {
                var arguments = parameters.Where(static p => p.Source == CommandParameterSource.Argument).ToList();
                CommandParameterModel? optional = null;
                for (var i = 0; i < arguments.Count; i++)
                {
                    var argument = arguments[i];
                    if (argument.IsArray && i < arguments.Count - 1)
                    {
                        diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidArgumentOrder, commandLocation, argument.Key, handler,
                            "takes all the remaining values, so it must be the last argument"));
                    }

                    if (argument.IsRequired && optional is not null)
                    {
                        diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidArgumentOrder, commandLocation, argument.Key, handler,
                            $"is required but follows the optional argument '{optional.Key}'; put required arguments first"));
                    }

                    if (!argument.IsRequired)
                    {
                        optional ??= argument;
                    }
                }
            }

            /// <summary>A collection whose elements could be read from text (<c>List&lt;string&gt;</c>): almost surely meant as values, not a service.</summary>
            private bool CollectionOfValues(ITypeSymbol type) => CollectionElement(type) is { } element && known.Parsing.Classify(element) is not null;

            private string Placeholder(ITypeSymbol type, bool isArray) =>
                known.Parsing.Placeholder(isArray && type is IArrayTypeSymbol array ? array.ElementType : type);
        }

        private static CommandReturnModel? ParseReturn(IMethodSymbol method, KnownTypes known)
        {
            if (method.IsAsync && method.ReturnsVoid)
            {
                return null;
            }

            var type = known.Awaited(method.ReturnType, out var awaitable);
            if (type is null)
            {
                return new CommandReturnModel(CommandReturnKind.Void, awaitable);
            }
            return type.SpecialType switch
            {
                SpecialType.System_Void => new CommandReturnModel(CommandReturnKind.Void, awaitable),
                SpecialType.System_Int32 => new CommandReturnModel(CommandReturnKind.ExitCode, awaitable),
                SpecialType.System_String => new CommandReturnModel(CommandReturnKind.Text, awaitable),
                _ => null,
            };
        }

        private static ITypeSymbol? CollectionElement(ITypeSymbol type)
        {
            if (type.SpecialType == SpecialType.System_String)
            {
                return null;
            }

            foreach (var candidate in new[] { type }.Concat(type.AllInterfaces))
            {
                if (candidate is INamedTypeSymbol { IsGenericType: true } named
                    && named.OriginalDefinition.SpecialType == SpecialType.System_Collections_Generic_IEnumerable_T)
                {
                    return named.TypeArguments[0];
                }
            }

            return null;
        }

        private static string ElementName(ITypeSymbol type) => CollectionElement(type)?.ToDisplayString() ?? "string";

        /// <summary>The default value as help shows it: <c>1</c>, <c>World</c>, an enum member's name.</summary>
        private static string? DefaultDisplay(ITypeSymbol type, object? value)
        {
            if (value is null)
            {
                return null;
            }

            if (type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } nullable)
            {
                type = nullable.TypeArguments[0];
            }

            if (type.TypeKind == TypeKind.Enum)
            {
                var member = type.GetMembers().OfType<IFieldSymbol>().FirstOrDefault(f => f.IsConst && Equals(f.ConstantValue, value));
                if (member is not null)
                {
                    return member.Name;
                }
            }

            return value switch
            {
                bool flag => flag ? "true" : "false",
                string { Length: 0 } => "\"\"",
                IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
                _ => value.ToString(),
            };
        }

        /// <summary>The first sentence of the help text, for the list of commands.</summary>
        private static string? FirstSentence(string? text)
        {
            if (text is null)
            {
                return null;
            }

            var paragraph = text.Split('\n')[0];
            var end = paragraph.IndexOf(". ", StringComparison.Ordinal);
            return end < 0 ? paragraph : paragraph.Substring(0, end + 1);
        }
    }
}

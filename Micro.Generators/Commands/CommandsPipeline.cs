using System.Linq;
using Micro.Generators.Commands.Model;
using Micro.Generators.Shared;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Micro.Generators.Commands
{
    /// <summary>Wires <c>[Command]</c> into the command registry: the app's commands, or Micro.Runtime's built-ins.</summary>
    internal static class CommandsPipeline
    {
        public static IncrementalValueProvider<CommandTableModel?> Register(IncrementalGeneratorInitializationContext context)
        {
            var commands = context.SyntaxProvider.ForAttributeWithMetadataName(
                    KnownNames.CommandAttribute,
                    static (node, _) => node is MethodDeclarationSyntax or LocalFunctionStatementSyntax or ClassDeclarationSyntax,
                    CommandsParser.ParseCommand)
                .WithTrackingName(TrackingNames.CommandTargets);

            context.ReportDiagnostics(commands.Select(static (parsed, _) => parsed.Diagnostics));

            // Only the built-in names survive this step, so edits elsewhere in the compilation stop here.
            var host = context.CompilationProvider
                .Select(static (compilation, cancellationToken) => CommandsParser.ParseHost(compilation, cancellationToken))
                .WithTrackingName(TrackingNames.CommandHost);

            var table = commands.Collect()
                .Combine(host)
                .Select(CommandsParser.BuildTable)
                .WithTrackingName(TrackingNames.CommandTable);

            context.ReportDiagnostics(table.Select(static (parsed, _) => parsed.Diagnostics));

            var model = table.Select(static (parsed, _) => parsed.Model);
            context.RegisterSourceOutput(model, static (spc, table) =>
            {
                if (table is null || table.Commands.Count == 0)
                {
                    return;
                }

                spc.AddSource(CommandsEmitter.HintName(table), CommandsEmitter.Emit(table));
            });

            return model;
        }
    }
}

using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Micro.Generators.Data;
using Micro.Generators.Data.Model;
using Micro.Generators.Shared;
using Micro.Generators.Templates.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Micro.Generators.Templates
{
    /// <summary>
    /// Render calls whose models are typed from generated code. A generator never sees generated code, its own included,
    /// so <c>var post = await db.Posts.GetAsync(id)</c> has no type while it runs. The data pipeline's model says what the
    /// generated <c>Db</c> and the models' query extensions are: this phase binds such models again in the compilation with
    /// those declarations added, so that they get accessors like any typed model.
    /// </summary>
    internal static partial class TemplatesParser
    {
        public static EquatableArray<RenderCallModel> TypeGeneratedParts(
            ((ImmutableArray<RenderCallModel> Calls, DataModel? Data) Input, Compilation Compilation) input,
            CancellationToken cancellationToken)
        {
            var ((calls, data), compilation) = input;
            if (calls.IsEmpty || data is null || data.Models.Count == 0 || compilation.SyntaxTrees.FirstOrDefault()?.Options is not CSharpParseOptions options)
            {
                return calls.ToEquatableArray();
            }

            var withGenerated = compilation.AddSyntaxTrees(
                CSharpSyntaxTree.ParseText(DataEmitter.EmitModels(data), options, DataEmitter.ModelsHintName, cancellationToken: cancellationToken),
                CSharpSyntaxTree.ParseText(DataEmitter.EmitDb(data), options, DataEmitter.DbHintName, cancellationToken: cancellationToken));
            var typed = new List<RenderCallModel>(calls.Length);
            foreach (var call in calls)
            {
                cancellationToken.ThrowIfCancellationRequested();
                typed.Add(ModelExpression(compilation, call.ModelLocation, cancellationToken) is { } expression
                    && withGenerated.GetSemanticModel(expression.SyntaxTree).GetTypeInfo(expression, cancellationToken).Type is { } type
                        ? call with
                        {
                            Accessors = Accessors(type, withGenerated, cancellationToken),
                            UntypedMembers = UntypedMembers(type, "").ToEquatableArray(),
                        }
                        : call);
            }

            return typed.ToEquatableArray();
        }

        /// <summary>The model argument of a render call, found again by its line and column in the current compilation.</summary>
        private static ExpressionSyntax? ModelExpression(Compilation compilation, LocationInfo? location, CancellationToken cancellationToken)
        {
            var tree = location is null ? null : compilation.SyntaxTrees.FirstOrDefault(t => t.FilePath == location.FilePath);
            if (tree is null || location!.LineSpan.End.Line >= tree.GetText(cancellationToken).Lines.Count)
            {
                return null;
            }

            var span = tree.GetText(cancellationToken).Lines.GetTextSpan(location.LineSpan);
            return tree.GetRoot(cancellationToken).FindNode(span, getInnermostNodeForTie: true) switch
            {
                ArgumentSyntax argument => argument.Expression,
                ExpressionSyntax expression => expression,
                _ => null,
            };
        }
    }
}

using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Micro.Generators.Data;
using Micro.Generators.Data.Model;
using Micro.Generators.Forms;
using Micro.Generators.Forms.Model;
using Micro.Generators.Shared;
using Micro.Generators.Templates.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Micro.Generators.Templates
{
    /// <summary>
    /// Render calls whose models are typed from generated code. A generator never sees generated code, its own included,
    /// so <c>var post = await db.Posts.GetAsync(id)</c> has no type while it runs, nor does a model form's generated
    /// <c>form.Instance</c>. The data and forms pipelines' models say what the generated <c>Db</c>, the models' query
    /// extensions and the forms' generated parts are: this phase binds such models again in the compilation with those
    /// declarations added, so that they get accessors like any typed model.
    /// </summary>
    internal static partial class TemplatesParser
    {
        public static EquatableArray<RenderCallModel> TypeGeneratedParts(
            (((ImmutableArray<RenderCallModel> Calls, DataModel? Data) Input, EquatableArray<FormModel> Forms) Generated, Compilation Compilation) input,
            CancellationToken cancellationToken)
        {
            var (((calls, data), forms), compilation) = input;
            var hasData = data is not null && data.Models.Count > 0;
            if (calls.IsEmpty || (!hasData && forms.IsEmpty) || compilation.SyntaxTrees.FirstOrDefault()?.Options is not CSharpParseOptions options)
            {
                return calls.ToEquatableArray();
            }

            var generated = new List<SyntaxTree>();
            if (hasData)
            {
                generated.Add(CSharpSyntaxTree.ParseText(DataEmitter.EmitModels(data!), options, DataEmitter.ModelsHintName, cancellationToken: cancellationToken));
                generated.Add(CSharpSyntaxTree.ParseText(DataEmitter.EmitDb(data!), options, DataEmitter.DbHintName, cancellationToken: cancellationToken));
            }

            foreach (var form in forms)
            {
                generated.Add(CSharpSyntaxTree.ParseText(FormsEmitter.Emit(form), options, FormsEmitter.HintName(form), cancellationToken: cancellationToken));
            }

            var withGenerated = compilation.AddSyntaxTrees(generated);
            var typed = new List<RenderCallModel>(calls.Length);
            foreach (var call in calls)
            {
                cancellationToken.ThrowIfCancellationRequested();
                typed.Add(ModelExpression(compilation, call.ModelLocation, cancellationToken) is { } expression
                    && withGenerated.GetSemanticModel(expression.SyntaxTree).GetTypeInfo(expression, cancellationToken).Type is { } type
                        ? WithModel(call, type, withGenerated, cancellationToken)
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

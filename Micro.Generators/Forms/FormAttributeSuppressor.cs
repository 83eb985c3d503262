using System.Collections.Immutable;
using Micro.Generators.Shared;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Micro.Generators.Forms
{
    /// <summary>
    /// The constructors of <c>[MaxLength]</c>, <c>[MinLength]</c>, <c>[Length]</c>, <c>[Range]</c> and <c>[Compare]</c>
    /// are marked as needing unreferenced code (their own validation reflects over the value or the object), so the trim
    /// analyzer flags every use. On a form's field (a property, or a positional record's parameter), on a model's
    /// property (which a model form reads) and on a property of a type routes read from a JSON body, that can't apply:
    /// the generator reads the annotation at compile time and its generated code does the check; the attribute's
    /// reflection never runs. So the warning is suppressed there, and only there.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class FormAttributeSuppressor : DiagnosticSuppressor
    {
        private static readonly SuppressionDescriptor s_annotationOnForm = new(
            "MICROSPR0002",
            "IL2026",
            "Micro reads this annotation of a form field, model property or JSON body property at compile time and its generated code does the check, without the attribute's reflection.");

        private static readonly string[] s_annotations =
        {
            KnownNames.MaxLengthAttribute, KnownNames.MinLengthAttribute, KnownNames.LengthAttribute, KnownNames.RangeAttribute, KnownNames.CompareAttribute,
        };

        public override ImmutableArray<SuppressionDescriptor> SupportedSuppressions => ImmutableArray.Create(s_annotationOnForm);

        public override void ReportSuppressions(SuppressionAnalysisContext context)
        {
            System.Collections.Generic.HashSet<ITypeSymbol>? bodyTypes = null;
            foreach (var diagnostic in context.ReportedDiagnostics)
            {
                var tree = diagnostic.Location.SourceTree;
                if (tree is null)
                {
                    continue;
                }

                var node = tree.GetRoot(context.CancellationToken).FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true);
                var attribute = node.FirstAncestorOrSelf<AttributeSyntax>();
                if (attribute?.Parent?.Parent is not { } target)
                {
                    continue;
                }

                var semanticModel = context.GetSemanticModel(tree);
                var known = KnownTypes.For(semanticModel.Compilation);
                if (semanticModel.GetSymbolInfo(attribute, context.CancellationToken).Symbol is not IMethodSymbol constructor
                    || known.Which(constructor.ContainingType, s_annotations) is null)
                {
                    continue;
                }

                var owner = target switch
                {
                    PropertyDeclarationSyntax property => semanticModel.GetDeclaredSymbol(property, context.CancellationToken)?.ContainingType,
                    ParameterSyntax { Parent.Parent: TypeDeclarationSyntax } parameter => semanticModel.GetDeclaredSymbol(parameter, context.CancellationToken)?.ContainingType,
                    _ => null,
                };
                if (owner is not null && (known.HasAttribute(owner, KnownNames.FormAttribute) || known.HasAttribute(owner, KnownNames.ModelAttribute)
                    || (bodyTypes ??= Routing.RoutesParser.BodyTypes(semanticModel.Compilation, known, context.CancellationToken)).Contains(owner)))
                {
                    context.ReportSuppression(Suppression.Create(s_annotationOnForm, diagnostic));
                }
            }
        }
    }
}

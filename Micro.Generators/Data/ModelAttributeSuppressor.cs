using System.Collections.Immutable;
using Micro.Generators.Shared;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Micro.Generators.Data
{
    /// <summary>
    /// <c>[MaxLength]</c>'s constructor is marked as needing unreferenced code (its validation reflects over
    /// collections that have no <c>ICollection.Count</c>), so the trim analyzer flags every use. On a model's string
    /// or byte[] property that can't apply: Micro reads the attribute at compile time, and validating a string or an
    /// array needs no reflection. So the warning is suppressed there, and only there.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class ModelAttributeSuppressor : DiagnosticSuppressor
    {
        private static readonly SuppressionDescriptor s_maxLengthOnModel = new(
            "MICROSPR0001",
            "IL2026",
            "Micro reads [MaxLength] on a model's string or byte[] property at compile time, and validating a string or an array needs no reflection.");

        public override ImmutableArray<SuppressionDescriptor> SupportedSuppressions => ImmutableArray.Create(s_maxLengthOnModel);

        public override void ReportSuppressions(SuppressionAnalysisContext context)
        {
            foreach (var diagnostic in context.ReportedDiagnostics)
            {
                var tree = diagnostic.Location.SourceTree;
                if (tree is null)
                {
                    continue;
                }

                var node = tree.GetRoot(context.CancellationToken).FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true);
                var attribute = node.FirstAncestorOrSelf<AttributeSyntax>();
                if (attribute?.Parent?.Parent is not PropertyDeclarationSyntax declaration)
                {
                    continue;
                }

                var semanticModel = context.GetSemanticModel(tree);
                var known = KnownTypes.For(semanticModel.Compilation);
                if (semanticModel.GetSymbolInfo(attribute, context.CancellationToken).Symbol is IMethodSymbol constructor
                    && known.Is(constructor.ContainingType, KnownNames.MaxLengthAttribute)
                    && semanticModel.GetDeclaredSymbol(declaration, context.CancellationToken) is IPropertySymbol property
                    && (property.Type.SpecialType == SpecialType.System_String
                        || property.Type is IArrayTypeSymbol { ElementType.SpecialType: SpecialType.System_Byte })
                    && known.HasAttribute(property.ContainingType, KnownNames.ModelAttribute))
                {
                    context.ReportSuppression(Suppression.Create(s_maxLengthOnModel, diagnostic));
                }
            }
        }
    }
}

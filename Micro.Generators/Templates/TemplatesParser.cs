using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Micro.Generators.Diagnostics;
using Micro.Generators.Shared;
using Micro.Generators.Templates.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

namespace Micro.Generators.Templates
{
    /// <summary>
    /// Turns what reaches templates into models: the types passed to <c>Template.Render</c> (and the types reachable
    /// from their members), the <c>[TemplateTag]</c> methods, and the files in <c>templates/</c>, which it checks.
    /// </summary>
    internal static partial class TemplatesParser
    {
        private const string TemplatesFolder = "templates/";

        /// <summary>The folder of the app's static files, beside Program.cs.</summary>
        public const string StaticFolder = "static/";

        public static TemplatesModel Build(
            ((ImmutableArray<RenderCallModel> Typed, EquatableArray<RenderCallModel> TypedFromGenerated) Calls, ImmutableArray<Parsed<TagModel>> Tags) input,
            CancellationToken cancellationToken)
        {
            var accessors = new Dictionary<string, AccessorModel>(StringComparer.Ordinal);
            var tags = input.Tags.Select(static t => t.Model).Where(static t => t is not null).Select(static t => t!).ToList();
            var calls = input.Calls.Typed.Concat(input.Calls.TypedFromGenerated);
            foreach (var accessor in calls.SelectMany(static c => c.Accessors).Concat(tags.SelectMany(static t => t.ReturnAccessors)))
            {
                if (!accessors.ContainsKey(accessor.Key))
                {
                    accessors.Add(accessor.Key, accessor);
                }
            }

            // Two methods with one name: the clash is reported beside each model; keep the first so the rest still works.
            var uniqueTags = tags.GroupBy(static t => (t.Kind == TemplateTagKind.Filter, t.Name)).Select(static g => g.First()).OrderBy(static t => t.Name, StringComparer.Ordinal);
            return new TemplatesModel(
                accessors.Values.OrderBy(static a => a.Key, StringComparer.Ordinal).ToEquatableArray(),
                uniqueTags.ToEquatableArray());
        }

        /// <summary>Duplicate names among the app's tags and filters.</summary>
        public static EquatableArray<DiagnosticInfo> CheckDuplicateTags(ImmutableArray<Parsed<TagModel>> tags, CancellationToken cancellationToken) =>
            tags.Select(static t => t.Model).Where(static t => t is not null)
                .GroupBy(static t => (t!.Kind == TemplateTagKind.Filter, t.Name))
                .Where(static g => g.Count() > 1)
                .SelectMany(static g => g.Skip(1).Select(t => DiagnosticInfo.Create(DiagnosticDescriptors.DuplicateTemplateTag, t!.Location, t.Name, g.First()!.Method)))
                .ToEquatableArray();
    }
}

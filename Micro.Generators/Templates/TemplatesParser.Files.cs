using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Micro.Generators.Diagnostics;
using Micro.Generators.Routing.Model;
using Micro.Generators.Shared;
using Micro.Generators.Templates.Model;
using Micro.Templates;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

namespace Micro.Generators.Templates
{
    /// <summary>The files of <c>templates/</c>: their names, and their checks against the tags and routes the app has.</summary>
    internal static partial class TemplatesParser
    {
        /// <summary>A file of <c>templates/</c> as the generator sees it, or null for other additional files.</summary>
        public static TemplateFileModel? ReadTemplateFile(AdditionalText file, string? projectDirectory, CancellationToken cancellationToken)
        {
            var text = file.GetText(cancellationToken);
            if (text is null)
            {
                return null;
            }

            return new TemplateFileModel(FolderRelativeName(file.Path, projectDirectory, TemplatesFolder), file.Path, text.ToString());
        }

        /// <summary>The name of a file under the project's <paramref name="folder"/> (<c>templates/</c>, <c>static/</c>), with <c>/</c> between folders.</summary>
        public static string FolderRelativeName(string filePath, string? projectDirectory, string folder)
        {
            var path = filePath.Replace('\\', '/');
            if (projectDirectory is not null)
            {
                var root = projectDirectory.Replace('\\', '/').TrimEnd('/') + "/" + folder;
                if (path.StartsWith(root, StringComparison.Ordinal))
                {
                    return path.Substring(root.Length);
                }
            }

            var index = path.LastIndexOf("/" + folder, StringComparison.Ordinal);
            return index < 0 ? System.IO.Path.GetFileName(path) : path.Substring(index + folder.Length + 1);
        }

        /// <summary>Checks every template against the built-ins, the app's tags and the app's route names.</summary>
        public static EquatableArray<DiagnosticInfo> Validate(
            (((ImmutableArray<TemplateFileModel> Files, ImmutableArray<Parsed<TagModel>> Tags) Input, RouteTableModel? Routes) Templates, EquatableArray<string> StaticNames) all,
            CancellationToken cancellationToken)
        {
            var input = all.Templates;
            var staticNames = new HashSet<string>(all.StaticNames, StringComparer.Ordinal);
            var files = input.Input.Files;
            var symbols = new AppSymbols(input.Input.Tags.Select(static t => t.Model).Where(static t => t is not null)!);
            var names = new HashSet<string>(files.Select(static f => f.Name), StringComparer.Ordinal);
            var routeNames = input.Routes is null
                ? null
                : new HashSet<string>(input.Routes.Routes.SelectMany(static r => r.ReverseNames()).Concat(KnownNames.BuiltInRouteNames), StringComparer.Ordinal);
            var diagnostics = new List<DiagnosticInfo>();
            foreach (var file in files.OrderBy(static f => f.Name, StringComparer.Ordinal))
            {
                cancellationToken.ThrowIfCancellationRequested();
                var source = SourceText.From(file.Text);
                NodeList nodes;
                try
                {
                    nodes = Parser.Parse(file.Text, file.Name, symbols);
                }
                catch (TemplateSyntaxException exception)
                {
                    diagnostics.Add(DiagnosticInfo.Create(
                        DiagnosticDescriptors.TemplateSyntaxError,
                        At(file, source, exception.Line, exception.Column, length: -1),
                        file.Name,
                        exception.Description));
                    continue;
                }

                foreach (var node in nodes.Walk())
                {
                    var (target, what) = node switch
                    {
                        ExtendsNode extends => (extends.Parent, "extends"),
                        IncludeNode include => (include.Template, "includes"),
                        _ => (null, ""),
                    };
                    if (target?.ConstantString is { } referenced && !referenced.StartsWith(".", StringComparison.Ordinal) && !names.Contains(referenced)
                        && Array.IndexOf(KnownNames.BuiltInTemplates, referenced) < 0)
                    {
                        diagnostics.Add(DiagnosticInfo.Create(
                            DiagnosticDescriptors.TemplateNotFound,
                            At(file, source, target.Location.Line, target.Location.Column, target.Text.Length),
                            file.Name,
                            what,
                            referenced));
                    }

                    // A literal path under static/ must be a file there (a path from the root or a URL is left alone, as {% static %} does).
                    if (node is StaticNode { Path.ConstantString: { } staticPath } staticNode
                        && !staticPath.StartsWith("/", StringComparison.Ordinal)
                        && staticPath.IndexOf("://", StringComparison.Ordinal) < 0
                        && !staticNames.Contains(staticPath))
                    {
                        diagnostics.Add(DiagnosticInfo.Create(
                            DiagnosticDescriptors.UnknownStaticFile,
                            At(file, source, staticNode.Path.Location.Line, staticNode.Path.Location.Column, staticNode.Path.Text.Length),
                            file.Name,
                            staticPath));
                    }

                    if (node is UrlNode url && routeNames is not null && url.RouteName.ConstantString is { } routeName && !routeNames.Contains(routeName) && !KnownNames.IsBuiltInRouteName(routeName))
                    {
                        diagnostics.Add(DiagnosticInfo.Create(
                            DiagnosticDescriptors.UnknownTemplateUrlName,
                            At(file, source, url.RouteName.Location.Line, url.RouteName.Location.Column, url.RouteName.Text.Length),
                            file.Name,
                            routeName));
                    }
                }
            }

            return diagnostics.ToEquatableArray();
        }


        private static LocationInfo At(TemplateFileModel file, SourceText source, int line, int column, int length)
        {
            var lineIndex = Math.Max(0, Math.Min(line - 1, source.Lines.Count - 1));
            var textLine = source.Lines[lineIndex];
            var start = Math.Min(textLine.Start + Math.Max(0, column - 1), textLine.End);
            var end = Math.Min(start + (length < 0 ? TokenLength(source, start, textLine.End) : length), source.Length);
            var span = TextSpan.FromBounds(start, end);
            return new LocationInfo(file.Path, span, source.Lines.GetLinePositionSpan(span));
        }

        /// <summary>The length of what starts at <paramref name="start"/>: a whole <c>{% tag %}</c> or <c>{{ variable }}</c>, else a word; at least one character.</summary>
        private static int TokenLength(SourceText source, int start, int lineEnd)
        {
            var text = source.ToString(TextSpan.FromBounds(start, lineEnd));
            if (text.StartsWith("{%", StringComparison.Ordinal) || text.StartsWith("{{", StringComparison.Ordinal))
            {
                var close = text.IndexOf(text[1] == '%' ? "%}" : "}}", 2, StringComparison.Ordinal);
                return close < 0 ? text.Length : close + 2;
            }

            var length = 0;
            while (length < text.Length && (char.IsLetterOrDigit(text[length]) || text[length] == '_'))
            {
                length++;
            }

            return Math.Max(1, Math.Min(length, text.Length));
        }


        /// <summary>The names templates may use: Django's built-ins and the app's <c>[TemplateTag]</c>s.</summary>
        internal sealed class AppSymbols : ITemplateSymbols
        {
            private readonly Dictionary<string, FilterSignature> _filters = new(StringComparer.Ordinal);
            private readonly Dictionary<string, TagSignature> _tags = new(StringComparer.Ordinal);

            public AppSymbols(IEnumerable<TagModel> tags)
            {
                foreach (var filter in BuiltinSyntax.Filters)
                {
                    _filters[filter.Name] = filter;
                }

                foreach (var tag in tags)
                {
                    if (tag.Kind == TemplateTagKind.Filter)
                    {
                        if (!_filters.ContainsKey(tag.Name))
                        {
                            _filters[tag.Name] = new FilterSignature(tag.Name, tag.FilterArgument);
                        }
                    }
                    else if (!_tags.ContainsKey(tag.Name))
                    {
                        _tags[tag.Name] = new TagSignature(tag.Name, tag.Kind == TemplateTagKind.SimpleTag ? TagKind.Simple : TagKind.Inclusion, Parameters(tag));
                    }
                }
            }

            public FilterSignature? FindFilter(string name) => _filters.TryGetValue(name, out var filter) ? filter : null;

            public TagSignature? FindTag(string name) => _tags.TryGetValue(name, out var tag) ? tag : null;
        }
    }
}

using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Threading;
using System.Xml;
using System.Xml.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Micro.Generators.Shared
{
    /// <summary>The summary and parameter descriptions of a doc comment, as plain text.</summary>
    internal sealed class Documentation
    {
        private static readonly Documentation s_none = new(null, new Dictionary<string, string>());

        private Documentation(string? summary, Dictionary<string, string> parameters)
        {
            Summary = summary;
            Parameters = parameters;
        }

        public string? Summary { get; }

        public Dictionary<string, string> Parameters { get; }

        /// <summary>
        /// Reads the doc comment through the compiler when it parses them (GenerateDocumentationFile), or
        /// else from the <c>///</c> lines above the declaration, so that help works in either case.
        /// </summary>
        public static Documentation Read(ISymbol symbol, CancellationToken cancellationToken)
        {
            var xml = symbol.GetDocumentationCommentXml(cancellationToken: cancellationToken);
            if (string.IsNullOrWhiteSpace(xml))
            {
                xml = FromTrivia(symbol, cancellationToken);
            }

            if (string.IsNullOrWhiteSpace(xml))
            {
                return s_none;
            }

            XElement root;
            try
            {
                root = XElement.Parse(xml, LoadOptions.None);
            }
            catch (XmlException)
            {
                return s_none;
            }

            var parameters = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var param in root.Elements("param"))
            {
                if (param.Attribute("name")?.Value is { } name && Text(param) is { } text)
                {
                    parameters[name] = text;
                }
            }

            return new Documentation(Text(root.Element("summary")), parameters);
        }

        private static string? FromTrivia(ISymbol symbol, CancellationToken cancellationToken)
        {
            var syntax = symbol.DeclaringSyntaxReferences.FirstOrDefault()?.GetSyntax(cancellationToken);
            if (syntax is null)
            {
                return null;
            }

            var lines = new List<string>();
            foreach (var trivia in syntax.GetLeadingTrivia())
            {
                if (trivia.IsKind(SyntaxKind.SingleLineDocumentationCommentTrivia))
                {
                    lines.AddRange(trivia.ToFullString().Split('\n').Select(static l => l.Trim()).Where(static l => l.StartsWith("///", StringComparison.Ordinal)).Select(static l => l.Substring(3)));
                }
                else if (trivia.IsKind(SyntaxKind.SingleLineCommentTrivia))
                {
                    var text = trivia.ToString();
                    if (text.StartsWith("///", StringComparison.Ordinal))
                    {
                        lines.Add(text.Substring(3));
                    }
                }
            }

            return lines.Count == 0 ? null : "<member>" + string.Join("\n", lines) + "</member>";
        }

        /// <summary>The text of a doc element: whitespace collapsed, <c>&lt;para&gt;</c> as a new line, references by name.</summary>
        private static string? Text(XElement? element)
        {
            if (element is null)
            {
                return null;
            }

            var paragraphs = new List<string>();
            var current = new StringBuilder();

            void Flush()
            {
                var text = string.Join(" ", current.ToString().Split(new[] { ' ', '\t', '\r', '\n' }, StringSplitOptions.RemoveEmptyEntries));
                if (text.Length > 0)
                {
                    paragraphs.Add(text);
                }

                current.Clear();
            }

            void Walk(XNode node)
            {
                switch (node)
                {
                    case XText text:
                        current.Append(text.Value);
                        break;
                    case XElement { Name.LocalName: "para" or "br" } block:
                        Flush();
                        foreach (var child in block.Nodes())
                        {
                            Walk(child);
                        }

                        Flush();
                        break;
                    case XElement { Name.LocalName: "see" or "seealso" } reference when !reference.Nodes().Any():
                        current.Append(Reference(reference));
                        break;
                    case XElement { Name.LocalName: "paramref" or "typeparamref" } reference:
                        current.Append(reference.Attribute("name")?.Value);
                        break;
                    case XElement other:
                        foreach (var child in other.Nodes())
                        {
                            Walk(child);
                        }

                        break;
                }
            }

            foreach (var node in element.Nodes())
            {
                Walk(node);
            }

            Flush();
            return paragraphs.Count == 0 ? null : string.Join("\n", paragraphs);
        }

        /// <summary><c>&lt;see cref="T:Ns.Type"/&gt;</c> as <c>Type</c>, <c>&lt;see langword="null"/&gt;</c> as <c>null</c>.</summary>
        private static string Reference(XElement reference)
        {
            if (reference.Attribute("langword")?.Value is { } keyword)
            {
                return keyword;
            }

            if (reference.Attribute("href")?.Value is { } address)
            {
                return address;
            }

            var target = reference.Attribute("cref")?.Value ?? "";
            var parenthesis = target.IndexOf('(');
            if (parenthesis >= 0)
            {
                target = target.Substring(0, parenthesis);
            }

            var colon = target.IndexOf(':');
            if (colon >= 0 && colon < 2)
            {
                target = target.Substring(colon + 1);
            }

            return target.Substring(target.LastIndexOf('.') + 1);
        }
    }
}

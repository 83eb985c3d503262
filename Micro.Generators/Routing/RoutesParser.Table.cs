using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Micro.Generators.Diagnostics;
using Micro.Generators.Json;
using Micro.Generators.Routing.Model;
using Micro.Generators.Shared;
using Microsoft.CodeAnalysis;
using static Micro.Generators.Shared.Symbols;


namespace Micro.Generators.Routing
{
    internal static partial class RoutesParser
    {
        /// <summary>Resolves converter names, drops invalid routes and finds clashes between routes.</summary>
        public static Parsed<RouteTableModel> BuildTable(
            ((ImmutableArray<EquatableArray<Parsed<RouteModel>>> Routes, ImmutableArray<Parsed<ConverterModel>> Converters) Left,
                ImmutableArray<EquatableArray<Parsed<ErrorHandlerModel>>> ErrorHandlers) input,
            CancellationToken cancellationToken)
        {
            // Problems of JSON types are found with every handler that reads or writes them: report each once.
            var diagnostics = input.Left.Routes.SelectMany(static r => r).SelectMany(static r => r.Diagnostics)
                .Concat(input.ErrorHandlers.SelectMany(static h => h).SelectMany(static h => h.Diagnostics))
                .Where(JsonModelBuilder.Reports)
                .Distinct()
                .OrderBy(static d => d.Location, LocationInfo.SourceOrder)
                .ToList();

            // Of two converters with one name the first declared is kept, whatever the order of the files.
            var converterByName = new Dictionary<string, ConverterModel>(StringComparer.Ordinal);
            foreach (var converter in input.Left.Converters.Select(static c => c.Model).OfType<ConverterModel>()
                         .OrderBy(static c => c.Location, LocationInfo.SourceOrder))
            {
                if (converterByName.TryGetValue(converter.Name, out var other))
                {
                    diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidRouteConverter, converter.Location, TypeName(converter.Type),
                        $"the name '{converter.Name}' is also used by {TypeName(other.Type)} at {other.Location?.Display}"));
                    continue;
                }

                converterByName[converter.Name] = converter;
            }

            var converters = converterByName.Values.OrderBy(static c => c.Name, StringComparer.Ordinal).ToList();

            var routes = new List<RouteModel>();
            // Several routes may share a name, as in Django (reversing tries them in turn); two names that make the same Urls member
            // (places? and places+ are both Urls.Places; a route "blog" and the namespace "blog" both Urls.Blog) get no method, and
            // are reversed by name.
            var untyped = new SortedSet<string>(StringComparer.Ordinal);
            var typedMembers = new Dictionary<string, (string Text, bool IsClass, string Name, RouteModel Route)>(StringComparer.Ordinal);
            foreach (var route in input.Left.Routes.SelectMany(static r => r).Select(static r => r.Model).OfType<RouteModel>()
                         .OrderBy(static r => r.Location, LocationInfo.SourceOrder))
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (!ConvertersFit(route, converterByName, diagnostics))
                {
                    continue;
                }

                foreach (var name in route.ReverseNames())
                {
                    var member = UrlsMember(name);
                    var segments = member.Split('.');

                    // A method can't be named as the class it is in (Urls.News.News): the namespace's class takes the name.
                    if (segments[segments.Length - 1] == (segments.Length == 1 ? "Urls" : segments[segments.Length - 2]))
                    {
                        diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.DuplicateRouteName, route.Location, name,
                            segments.Length == 1 ? "Urls" : name.Substring(0, name.LastIndexOf(':')), route.Source, member));
                        untyped.Add(name);
                        continue;
                    }

                    // The method, and the namespace classes it is in (Urls.Blog for blog:post_detail).
                    var claims = new List<(string Member, string Text, bool IsClass)> { (member, name, false) };
                    var colon = name.LastIndexOf(':');
                    for (var i = 1; i < segments.Length; i++)
                    {
                        var namespaceText = string.Join(":", name.Substring(0, colon).Split(':').Take(i));
                        claims.Add((string.Join(".", segments.Take(i)), namespaceText, true));
                    }

                    foreach (var claim in claims)
                    {
                        if (!typedMembers.TryGetValue(claim.Member, out var other))
                        {
                            typedMembers[claim.Member] = (claim.Text, claim.IsClass, name, route);
                            continue;
                        }

                        // The same name again (routes sharing a name), or two namespaces whose classes merge (my-blog, my_blog).
                        if (other.Text == claim.Text && other.IsClass == claim.IsClass || other.IsClass && claim.IsClass)
                        {
                            continue;
                        }

                        if (claim.IsClass)
                        {
                            // The namespace's class keeps the name: the method that had it is reversed by name, and reported there.
                            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.DuplicateRouteName, other.Route.Location, other.Name, name, route.Source, claim.Member));
                            untyped.Add(other.Text);
                            typedMembers[claim.Member] = (claim.Text, true, name, route);
                            continue;
                        }

                        diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.DuplicateRouteName, route.Location, name, other.Name, other.Route.Source, claim.Member));
                        untyped.Add(name);
                        if (!other.IsClass)
                        {
                            untyped.Add(other.Text);
                        }
                    }
                }

                routes.Add(route);
            }

            var errorHandlers = new List<ErrorHandlerModel>();
            foreach (var handler in input.ErrorHandlers.SelectMany(static h => h).Select(static h => h.Model).OfType<ErrorHandlerModel>()
                         .OrderBy(static h => h.StatusCode)
                         .ThenBy(static h => h.Location, LocationInfo.SourceOrder))
            {
                var other = errorHandlers.FirstOrDefault(h => h.StatusCode == handler.StatusCode);
                if (other is not null)
                {
                    diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.DuplicateErrorHandler, handler.Location,
                        handler.StatusCode.ToString(System.Globalization.CultureInfo.InvariantCulture), other.Source));
                    continue;
                }

                errorHandlers.Add(handler);
            }

            var jsonTypes = routes.SelectMany(static r => r.Handlers).Concat(errorHandlers.Select(static h => h.Handler))
                .SelectMany(static h => h.JsonTypes)
                .GroupBy(static t => t.Type, StringComparer.Ordinal).Select(static g => g.First())
                .OrderBy(static t => t.Type, StringComparer.Ordinal);
            var validation = routes.SelectMany(static r => r.Handlers).SelectMany(static h => h.Validation)
                .GroupBy(static t => t.Type, StringComparer.Ordinal).Select(static g => g.First())
                .OrderBy(static t => t.Type, StringComparer.Ordinal);
            return new Parsed<RouteTableModel>(
                new RouteTableModel(routes.ToEquatableArray(), converters.ToEquatableArray(), errorHandlers.ToEquatableArray(), jsonTypes.ToEquatableArray())
                {
                    UntypedNames = untyped.ToEquatableArray(),
                    Validation = validation.ToEquatableArray(),
                },
                diagnostics.ToEquatableArray());
        }

        /// <summary>The <c>Urls</c> member of a route name: <c>Blog.PostDetail</c> for <c>blog:post_detail</c>.</summary>
        internal static string UrlsMember(string name) => string.Join(".", name.Split(':').Select(GeneratedCode.PascalCase));

        /// <summary>Checks that every converter exists and that custom converters' values fit their parameters.</summary>
        private static bool ConvertersFit(RouteModel route, Dictionary<string, ConverterModel> converters, List<DiagnosticInfo> diagnostics)
        {
            var fits = true;
            foreach (var part in route.Parts.Where(static p => p.Converter is not null))
            {
                if (Array.IndexOf(RoutePatternSyntax.BuiltInConverters, part.Converter) >= 0)
                {
                    continue;
                }

                if (!converters.TryGetValue(part.Converter!, out var converter))
                {
                    diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.UnknownRouteConverter, route.Location, route.Pattern, part.Converter!));
                    fits = false;
                    continue;
                }

                foreach (var parameter in route.Handlers.SelectMany(static h => h.Parameters).Where(p => p.Source == BindingSource.Route && p.Key == part.Name))
                {
                    if (parameter.Type.TrimEnd('?') != converter.ValueType)
                    {
                        diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.RouteValueTypeMismatch, route.Location,
                            parameter.Name, Readable(parameter.Type), part.Converter!, Readable(converter.ValueType)));
                        fits = false;
                    }
                }
            }

            return fits;
        }
    }
}

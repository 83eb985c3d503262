using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Micro.Generators.Diagnostics;
using Micro.Generators.Forms.Model;
using Micro.Generators.Shared;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Micro.Generators.Forms
{
    /// <summary>
    /// Turns <c>[Form]</c> classes into models (<see cref="ParseForm"/>, the only place that reads symbols; the model
    /// class of a model form is read there too), then resolves model forms against the data layer's model: which
    /// columns and references their fields are, and which unique indexes they check (<see cref="Resolve"/>).
    /// </summary>
    internal static partial class FormsParser
    {
        /// <summary>What the generated part of every form adds, which the form may not declare itself.</summary>
        private static readonly string[] s_generatedMembers = { "IsBound", "IsValid", "Errors" };

        /// <summary>What the generated part of a model form adds besides.</summary>
        private static readonly string[] s_generatedModelFormMembers = { "Instance", "Save", "SaveAsync" };

        public static Parsed<FormClassModel> ParseForm(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken) =>
            new FormClassReader(context, cancellationToken).Read();

        /// <summary>Reads one <c>[Form]</c> class, with the compilation's known types at hand.</summary>
        internal sealed class FormClassReader(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
        {
            private readonly KnownTypes _known = KnownTypes.For(context.SemanticModel.Compilation);
            private readonly List<DiagnosticInfo> _diagnostics = new();

            public Parsed<FormClassModel> Read()
            {
                var type = (INamedTypeSymbol)context.TargetSymbol;
                var attribute = context.Attributes[0];
                var location = Symbols.AttributeLocation(attribute, context.TargetNode, cancellationToken);

                var problem = ClassProblem(type, out var containers);
                if (problem is not null)
                {
                    _diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidForm, location, type.Name, problem));
                    return Failed();
                }

                var constructor = BindingConstructor(type);
                if (constructor is null)
                {
                    _diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidForm, location, type.Name,
                        "it needs a parameterless constructor, or a primary constructor whose parameters are its properties"));
                    return Failed();
                }

                var modelType = Symbols.NamedArgument<INamedTypeSymbol>(attribute, "Model");
                var generated = modelType is null ? s_generatedMembers : s_generatedMembers.Concat(s_generatedModelFormMembers).ToArray();
                foreach (var member in type.GetMembers().Where(m => Array.IndexOf(generated, m.Name) >= 0 && !m.IsImplicitlyDeclared))
                {
                    _diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidForm, LocationInfo.From(member.Locations.FirstOrDefault()) ?? location, type.Name,
                        $"it declares {member.Name}, which the generated part of a{(modelType is null ? "" : " model")} form adds; rename it"));
                }

                var reader = new FieldReader(_known, _diagnostics);
                var fields = new List<FieldModel>();
                foreach (var (property, parameter) in FieldProperties(type, constructor))
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    var field = reader.Read(property, parameter, type.Name);
                    if (field is not null)
                    {
                        fields.Add(field);
                    }
                    else if (reader.FieldProblem is { Length: > 0 } problemType)
                    {
                        _diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.UnsupportedFormField,
                            LocationInfo.From(property.Locations.FirstOrDefault()) ?? location, type.Name, property.Name, problemType));
                    }
                }

                var hasClean = CheckClean(type, location);
                var model = modelType is null ? null : ModelSource(attribute, modelType, location);
                if (model is not null && constructor.Parameters.Length > 0)
                {
                    _diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidModelForm, location, type.Name,
                        "it needs a parameterless constructor, so that it can be made before its fields are filled from a row"));
                }

                if (_diagnostics.Any(static d => d.Descriptor.DefaultSeverity == DiagnosticSeverity.Error))
                {
                    return Failed();
                }

                var parameters = constructor.Parameters;
                var result = new FormClassModel(
                    type.Name,
                    Symbols.FullName(type),
                    type.ContainingNamespace is { IsGlobalNamespace: false } ns ? ns.ToDisplayString() : null,
                    Declaration(type),
                    containers.ToEquatableArray(),
                    fields.ToEquatableArray(),
                    parameters.Select(static p => PropertyFor(p)!.Name).ToEquatableArray(),
                    parameters.Select(ConstructorDefault).ToEquatableArray(),
                    hasClean,
                    model,
                    location);
                return new Parsed<FormClassModel>(result, EquatableArray<DiagnosticInfo>.Empty);
            }

            private Parsed<FormClassModel> Failed() => new(null, _diagnostics.ToEquatableArray());

            /// <summary>Why the class can't be a form (generated code completes it, so it must be a partial class), or null.</summary>
            private string? ClassProblem(INamedTypeSymbol type, out List<string> containers)
            {
                containers = new List<string>();
                if (type.TypeKind != TypeKind.Class)
                {
                    return "it must be a class or a record class";
                }

                if (type.IsStatic || type.IsAbstract)
                {
                    return "it must not be static or abstract: each request gets a new form";
                }

                if (type.IsGenericType)
                {
                    return "it must not be generic";
                }

                if (type.IsFileLocal)
                {
                    return "it is file-local, and its generated part is in another file; remove 'file'";
                }

                if (!IsPartial(type))
                {
                    return "it must be partial: the generator writes its binding, validation and rendering into the other part; add 'partial'";
                }

                for (ISymbol? current = type; current is INamedTypeSymbol named; current = current.ContainingType)
                {
                    if (named.DeclaredAccessibility is not (Accessibility.Public or Accessibility.Internal))
                    {
                        return ReferenceEquals(named, type)
                            ? "it is private or protected, and its generated metadata is outside it; make it public or internal"
                            : $"its containing type {named.Name} is private or protected; make it public or internal";
                    }
                }

                for (var container = type.ContainingType; container is not null; container = container.ContainingType)
                {
                    if (container.IsGenericType)
                    {
                        return $"its containing type {container.Name} is generic";
                    }

                    if (!IsPartial(container))
                    {
                        return $"its containing type {container.Name} must be partial too, so that the generated part can be declared inside it";
                    }

                    containers.Insert(0, Declaration(container) + " " + container.Name);
                }

                return null;
            }

            private bool IsPartial(INamedTypeSymbol type) =>
                type.DeclaringSyntaxReferences.All(reference =>
                    reference.GetSyntax(cancellationToken) is TypeDeclarationSyntax declaration
                    && declaration.Modifiers.Any(static m => m.IsKind(SyntaxKind.PartialKeyword)));

            private static string Declaration(INamedTypeSymbol type) => "partial " + (type.IsRecord
                ? type.TypeKind == TypeKind.Struct ? "record struct" : "record"
                : type.TypeKind switch
                {
                    TypeKind.Struct => "struct",
                    TypeKind.Interface => "interface",
                    _ => "class",
                });

            /// <summary>
            /// How a bound form is made: a parameterless constructor, else the constructor whose parameters are all
            /// properties (a positional record's), the one with the most of them.
            /// </summary>
            private static IMethodSymbol? BindingConstructor(INamedTypeSymbol type)
            {
                var usable = type.InstanceConstructors.Where(static c => c.DeclaredAccessibility is Accessibility.Public or Accessibility.Internal).ToList();
                return usable.FirstOrDefault(static c => c.Parameters.IsEmpty)
                    ?? usable.Where(static c => c.Parameters.All(static p => PropertyFor(p) is not null && p.RefKind == RefKind.None))
                        .OrderByDescending(static c => c.Parameters.Length)
                        .FirstOrDefault();
            }

            /// <summary>The property a constructor parameter sets: the one of the same name (a positional record's).</summary>
            internal static IPropertySymbol? PropertyFor(IParameterSymbol parameter) =>
                AllProperties(parameter.ContainingType).FirstOrDefault(p => string.Equals(p.Name, parameter.Name, StringComparison.Ordinal))
                ?? AllProperties(parameter.ContainingType).FirstOrDefault(p => string.Equals(p.Name, parameter.Name, StringComparison.OrdinalIgnoreCase));

            /// <summary>What an unbound form passes for a constructor parameter: its default, <c>""</c> for text, else the type's default.</summary>
            private static string ConstructorDefault(IParameterSymbol parameter) =>
                parameter.HasExplicitDefaultValue ? Symbols.DefaultValue(parameter.Type, parameter.ExplicitDefaultValue)
                : parameter.Type.SpecialType == SpecialType.System_String ? "\"\""
                : "default!";

            /// <summary>The public properties that are fields: settable (or set by the constructor), base classes' first.</summary>
            internal static IEnumerable<(IPropertySymbol Property, IParameterSymbol? Parameter)> FieldProperties(INamedTypeSymbol type, IMethodSymbol constructor)
            {
                foreach (var property in AllProperties(type))
                {
                    var parameter = constructor.Parameters.FirstOrDefault(p => SymbolEqualityComparer.Default.Equals(PropertyFor(p), property));
                    var settable = property.SetMethod is { DeclaredAccessibility: Accessibility.Public or Accessibility.Internal };
                    if (settable || parameter is not null)
                    {
                        yield return (property, parameter);
                    }
                }
            }

            internal static IEnumerable<IPropertySymbol> AllProperties(INamedTypeSymbol type)
            {
                var hierarchy = new List<INamedTypeSymbol>();
                for (var current = type; current is not null && current.SpecialType != SpecialType.System_Object; current = current.BaseType)
                {
                    hierarchy.Insert(0, current);
                }

                var seen = new HashSet<string>(StringComparer.Ordinal);
                foreach (var declaring in hierarchy)
                {
                    foreach (var property in declaring.GetMembers().OfType<IPropertySymbol>())
                    {
                        if (!property.IsStatic && !property.IsIndexer && property.DeclaredAccessibility == Accessibility.Public
                            && property.GetMethod is not null && seen.Add(property.Name))
                        {
                            yield return property;
                        }
                    }
                }
            }

            /// <summary>Whether the form has a usable <c>void Clean(FormErrors errors)</c>; reports the methods named Clean that aren't.</summary>
            private bool CheckClean(INamedTypeSymbol type, LocationInfo location)
            {
                var found = false;
                for (var current = type; current is not null && current.SpecialType != SpecialType.System_Object; current = current.BaseType)
                {
                    foreach (var method in current.GetMembers("Clean").OfType<IMethodSymbol>())
                    {
                        var why = method.IsStatic ? "is static"
                            : method.IsGenericMethod ? "is generic"
                            : method.DeclaredAccessibility is not (Accessibility.Public or Accessibility.Internal or Accessibility.ProtectedOrInternal) ? "generated code can't call, being private or protected"
                            : method.Parameters.Length != 1 || method.Parameters[0].RefKind != RefKind.None || !_known.Is(method.Parameters[0].Type, KnownNames.FormErrors)
                                ? "doesn't take one FormErrors parameter"
                            : !method.ReturnsVoid ? $"returns {method.ReturnType.ToDisplayString()}"
                            : null;
                        if (why is null)
                        {
                            found = true;
                            continue;
                        }

                        _diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidCleanMethod,
                            LocationInfo.From(method.Locations.FirstOrDefault()) ?? location, type.Name, why));
                    }

                    if (found)
                    {
                        break;
                    }
                }

                return found;
            }

            /// <summary>The model of a model form and what <c>Fields</c> lists, with every property of the model as a form would read it.</summary>
            private ModelFormSourceModel ModelSource(AttributeData attribute, INamedTypeSymbol model, LocationInfo location)
            {
                var isModel = _known.HasAttribute(model, KnownNames.ModelAttribute);
                if (!isModel)
                {
                    _diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidModelForm, location, ((INamedTypeSymbol)context.TargetSymbol).Name,
                        $"{model.ToDisplayString()} is not a [Model] class; a model form edits rows of a model"));
                }

                var fieldsArgument = attribute.NamedArguments.FirstOrDefault(static a => a.Key == "Fields");
                var listsAll = fieldsArgument.Key is null || fieldsArgument.Value.IsNull;
                var listed = new List<ListedFieldModel>();
                if (!listsAll)
                {
                    var locations = ListedLocations(attribute);
                    var values = fieldsArgument.Value.Values;
                    for (var i = 0; i < values.Length; i++)
                    {
                        listed.Add(new ListedFieldModel(values[i].Value as string ?? "", i < locations.Count ? locations[i] : location));
                    }
                }

                return ReadModelSource(model, _known, isModel, listed.ToEquatableArray(), listsAll, location, _diagnostics, cancellationToken);
            }

            /// <summary>Where each name of <c>Fields = new[] { ... }</c> (or <c>[...]</c>) is written.</summary>
            private List<LocationInfo> ListedLocations(AttributeData attribute)
            {
                var result = new List<LocationInfo>();
                if (attribute.ApplicationSyntaxReference?.GetSyntax(cancellationToken) is not AttributeSyntax { ArgumentList: { } arguments })
                {
                    return result;
                }

                var fields = arguments.Arguments.FirstOrDefault(static a => a.NameEquals?.Name.Identifier.ValueText == "Fields")?.Expression;
                IEnumerable<ExpressionSyntax> elements = fields switch
                {
                    ArrayCreationExpressionSyntax { Initializer: { } initializer } => initializer.Expressions,
                    ImplicitArrayCreationExpressionSyntax implicitArray => implicitArray.Initializer.Expressions,
                    CollectionExpressionSyntax collection => collection.Elements.OfType<ExpressionElementSyntax>().Select(static e => e.Expression),
                    _ => Enumerable.Empty<ExpressionSyntax>(),
                };
                result.AddRange(elements.Select(static e => LocationInfo.From(e)));
                return result;
            }
        }

        /// <summary>
        /// Every property of a model class as a model form reads it (the admin's forms too): <paramref name="listed"/> names the
        /// fields, or every column when <paramref name="listsAll"/>; only those report their annotations' problems.
        /// </summary>
        internal static ModelFormSourceModel ReadModelSource(
            INamedTypeSymbol model, KnownTypes known, bool isModel, EquatableArray<ListedFieldModel> listed, bool listsAll, LocationInfo? location,
            List<DiagnosticInfo> diagnostics, CancellationToken cancellationToken)
        {
            // A model property's annotations matter to the form only if it lists the property (or, for a listed reference,
            // its conventional foreign key): only then are their problems reported.
            var listedNames = new HashSet<string>(listed.SelectMany(static l => new[] { l.Name, l.Name + "Id" }), StringComparer.Ordinal);
            var properties = new List<ModelPropertyModel>();
            foreach (var property in FormClassReader.AllProperties(model))
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (property.SetMethod is null)
                {
                    continue;
                }

                if (property.Type is INamedTypeSymbol target && known.HasAttribute(target, KnownNames.ModelAttribute))
                {
                    properties.Add(new ModelPropertyModel(property.Name, null, null, Symbols.FullName(target), OverridesToString(target)));
                    continue;
                }

                var problems = new List<DiagnosticInfo>();
                var reader = new FieldReader(known, problems);
                var field = reader.Read(property, null, model.Name, modelColumn: true);
                if (listsAll || listedNames.Contains(property.Name))
                {
                    diagnostics.AddRange(problems);
                }

                properties.Add(new ModelPropertyModel(property.Name, field, field is null ? reader.FieldProblem : null, null, false));
            }

            return new ModelFormSourceModel(Symbols.FullName(model), model.Name, isModel, listed, listsAll, properties.ToEquatableArray(), location);
        }

        /// <summary>The class (or a base class other than object) overrides <c>ToString()</c>, which names its rows.</summary>
        internal static bool OverridesToString(INamedTypeSymbol type)
        {
            for (var current = type; current is not null && current.SpecialType != SpecialType.System_Object; current = current.BaseType)
            {
                if (current.GetMembers("ToString").OfType<IMethodSymbol>().Any(static m => m.IsOverride && m.Parameters.IsEmpty))
                {
                    return true;
                }
            }

            return false;
        }
    }
}

using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.RegularExpressions;
using Micro.Generators.Diagnostics;
using Micro.Generators.Forms.Model;
using Micro.Generators.Shared;
using Microsoft.CodeAnalysis;

namespace Micro.Generators.Forms
{
    internal static partial class FormsParser
    {
        /// <summary>
        /// Reads a property (a form's, or a model's for a model form) into a field: how its type is read and shown, and
        /// what its DataAnnotations check and add to its widget. Problems with annotations are reported; a type that
        /// can't be a field is returned as <see cref="FieldProblem"/> for the caller to report (a model form reports it
        /// only for the columns it lists).
        /// </summary>
        internal sealed class FieldReader(KnownTypes known, List<DiagnosticInfo> diagnostics)
        {
            private static readonly string[] s_dateFormats = { "yyyy-MM-dd" };
            private static readonly string[] s_dateTimeFormats = { "yyyy-MM-dd", "yyyy-MM-ddTHH:mm", "yyyy-MM-ddTHH:mm:ss", "yyyy-MM-dd HH:mm", "yyyy-MM-dd HH:mm:ss" };
            private static readonly string[] s_timeFormats = { "HH:mm", "HH:mm:ss" };

            /// <summary>Why the last property read couldn't be a field, when <see cref="Read"/> returned null.</summary>
            public string? FieldProblem { get; private set; }

            /// <param name="property">The property.</param>
            /// <param name="parameter">For a positional record: the constructor parameter, whose attributes count too.</param>
            /// <param name="owner">The class the property is reported on.</param>
            /// <param name="modelColumn">The property is a model's (a model form's column), where <c>[FileField]</c> may be.</param>
            public FieldModel? Read(IPropertySymbol property, IParameterSymbol? parameter, string owner, bool modelColumn = false)
            {
                FieldProblem = null;
                var location = LocationInfo.From(property.Locations.FirstOrDefault());
                var type = property.Type;
                var isNullableValue = false;
                if (type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } nullable)
                {
                    type = nullable.TypeArguments[0];
                    isNullableValue = true;
                }

                var isReference = !type.IsValueType;
                var declaredNullable = isNullableValue || (isReference && property.NullableAnnotation != NullableAnnotation.NotAnnotated);
                var valueType = Symbols.FullName(type.WithNullableAnnotation(NullableAnnotation.NotAnnotated));
                var declaredType = valueType + (isNullableValue || (isReference && property.NullableAnnotation == NullableAnnotation.Annotated) ? "?" : "");

                var kind = Classify(type, isNullableValue, out var widget, out var parse);
                if (kind is null)
                {
                    FieldProblem = type.TypeKind == TypeKind.Error ? "" : property.Type.ToDisplayString();
                    return null;
                }

                var attributes = property.GetAttributes().Concat(parameter?.GetAttributes() ?? Enumerable.Empty<AttributeData>()).ToList();
                var name = GeneratedCode.SnakeCase(property.Name);
                var label = Pretty(name);
                var hasLabel = false;
                string? helpText = null;
                string? placeholder = null;
                var required = kind switch
                {
                    ValueKind.Checkbox or ValueKind.NullBoolean => false,
                    _ => !declaredNullable,
                };
                string? requiredMessage = null;
                int? maxLength = null;
                int? minLength = null;
                string? min = null;
                string? max = null;
                var step = kind == ValueKind.Number ? "any" : null;
                var checks = new List<CheckModel>();
                var choices = kind == ValueKind.Enum ? EnumChoices(type) : new List<ChoiceModel>();

                void Problem(AttributeData attribute, string why) =>
                    diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidFieldAnnotation,
                        LocationInfo.From(attribute.ApplicationSyntaxReference?.GetSyntax().GetLocation()) ?? location,
                        AttributeName(attribute), owner, property.Name, why));

                string? uploadTo = null;
                var isImage = false;
                ImageSizeColumnsModel? sizeColumns = null;
                var imageField = attributes.FirstOrDefault(a => known.Is(a.AttributeClass, KnownNames.ImageFieldAttribute));
                if (imageField is not null && kind == ValueKind.File)
                {
                    // A form's upload that must be an image (Django's forms.ImageField).
                    if (Symbols.NamedArgument<string>(imageField, "UploadTo") is { Length: > 0 })
                    {
                        Problem(imageField, "an upload of a form isn't stored; UploadTo is for a model's column");
                    }
                    else
                    {
                        isImage = true;
                    }
                }
                else if ((imageField ?? attributes.FirstOrDefault(a => known.Is(a.AttributeClass, KnownNames.FileFieldAttribute))) is { } fileField)
                {
                    var folder = Symbols.NamedArgument<string>(fileField, "UploadTo") ?? "";
                    if (!modelColumn)
                    {
                        Problem(fileField, "it makes a model's column hold a stored file; a form takes an upload as an IFormFile property");
                    }
                    else if (kind != ValueKind.Text || type.SpecialType != SpecialType.System_String)
                    {
                        Problem(fileField, "the column holds the stored file's name; the property must be a string");
                    }
                    else if (UploadToProblem(folder) is { } folderProblem)
                    {
                        Problem(fileField, folderProblem);
                    }
                    else
                    {
                        kind = ValueKind.StoredFile;
                        widget = Widget.File;
                        uploadTo = folder;
                        isImage = imageField is not null;
                        if (imageField is not null)
                        {
                            sizeColumns = SizeColumns(property, imageField, Problem);
                        }
                    }
                }

                if (isImage)
                {
                    checks.Add(new CheckModel(CheckKind.Image, EquatableArray<string>.Empty, null));
                }

                var lengthProblem = kind switch
                {
                    ValueKind.File => "it limits the length of text; a file's size is limited by the server's limit on a request body",
                    ValueKind.StoredFile => "it limits the length of text; a stored file's name is limited by [MaxLength] alone",
                    _ => "it limits the length of text; use [Range] for numbers",
                };
                foreach (var attribute in attributes)
                {
                    var attributeClass = attribute.AttributeClass;
                    if (attributeClass is null)
                    {
                        continue;
                    }

                    var message = Symbols.NamedArgument<string>(attribute, "ErrorMessage");
                    var which = known.Which(attributeClass,
                        KnownNames.RequiredAttribute, KnownNames.MaxLengthAttribute, KnownNames.MinLengthAttribute, KnownNames.StringLengthAttribute,
                        KnownNames.RangeAttribute, KnownNames.EmailAddressAttribute, KnownNames.UrlAttribute, KnownNames.RegularExpressionAttribute,
                        KnownNames.CompareAttribute, KnownNames.AllowedValuesAttribute, KnownNames.DataTypeAttribute, KnownNames.DisplayAttribute,
                        KnownNames.DisplayNameAttribute, KnownNames.LengthAttribute, KnownNames.FileExtensionsAttribute);
                    var isText = kind == ValueKind.Text && type.SpecialType == SpecialType.System_String;
                    switch (which)
                    {
                        case KnownNames.RequiredAttribute:
                            required = true;
                            requiredMessage = message;
                            break;
                        case KnownNames.MaxLengthAttribute when Int(attribute, 0) is { } length && kind == ValueKind.StoredFile:
                            // The longest stored name, as Django's FileField(max_length): checked against the upload's name.
                            if (StoredNameRoom(uploadTo!, length) is { } roomProblem)
                            {
                                Problem(attribute, roomProblem);
                                break;
                            }

                            maxLength = length;
                            break;
                        case KnownNames.MaxLengthAttribute when Int(attribute, 0) is { } length:
                            if (!isText)
                            {
                                Problem(attribute, lengthProblem);
                                break;
                            }

                            maxLength = length;
                            checks.Add(new CheckModel(CheckKind.MaxLength, Arguments(length), message));
                            break;
                        case KnownNames.MinLengthAttribute when Int(attribute, 0) is { } length:
                            if (!isText)
                            {
                                Problem(attribute, lengthProblem);
                                break;
                            }

                            minLength = length;
                            checks.Add(new CheckModel(CheckKind.MinLength, Arguments(length), message));
                            break;
                        case KnownNames.LengthAttribute when Int(attribute, 0) is { } low && Int(attribute, 1) is { } high:
                            if (!isText)
                            {
                                Problem(attribute, lengthProblem);
                                break;
                            }

                            minLength = low;
                            maxLength = high;
                            checks.Add(new CheckModel(CheckKind.StringLength, Arguments(high, low), message));
                            break;
                        case KnownNames.StringLengthAttribute when Int(attribute, 0) is { } length:
                            if (!isText)
                            {
                                Problem(attribute, lengthProblem);
                                break;
                            }

                            var shortest = Symbols.NamedArgument<int>(attribute, "MinimumLength");
                            maxLength = length;
                            minLength = shortest > 0 ? shortest : null;
                            checks.Add(message is not null
                                ? new CheckModel(CheckKind.StringLength, Arguments(length, shortest), message)
                                : new CheckModel(CheckKind.MaxLength, Arguments(length), null));
                            if (message is null && shortest > 0)
                            {
                                checks.Add(new CheckModel(CheckKind.MinLength, Arguments(shortest), null));
                            }

                            break;
                        case KnownNames.RangeAttribute:
                            if (RangeBounds(attribute, type, kind.Value, out var minimum, out var maximum, out var minimumText, out var maximumText) is { } rangeProblem)
                            {
                                Problem(attribute, rangeProblem);
                                break;
                            }

                            min = minimumText;
                            max = maximumText;
                            checks.Add(new CheckModel(CheckKind.Range, new[] { minimum!, maximum! }.ToEquatableArray(), message));
                            break;
                        case KnownNames.EmailAddressAttribute:
                            if (!isText)
                            {
                                Problem(attribute, "it checks text; the property must be a string");
                                break;
                            }

                            widget = Widget.Email;
                            checks.Add(new CheckModel(CheckKind.Email, EquatableArray<string>.Empty, message));
                            break;
                        case KnownNames.UrlAttribute:
                            if (!isText)
                            {
                                Problem(attribute, "it checks text; the property must be a string");
                                break;
                            }

                            widget = Widget.Url;
                            checks.Add(new CheckModel(CheckKind.Url, EquatableArray<string>.Empty, message));
                            break;
                        case KnownNames.RegularExpressionAttribute:
                            var pattern = attribute.ConstructorArguments.Length == 1 ? attribute.ConstructorArguments[0].Value as string : null;
                            if (!isText || pattern is null)
                            {
                                Problem(attribute, "it checks text; the property must be a string");
                                break;
                            }

                            if (PatternProblem(pattern) is { } patternProblem)
                            {
                                Problem(attribute, $"the pattern is not a valid regular expression ({patternProblem})");
                                break;
                            }

                            var timeout = Symbols.NamedArgument<int>(attribute, "MatchTimeoutInMilliseconds");
                            checks.Add(new CheckModel(CheckKind.Pattern,
                                new[] { GeneratedCode.Literal(pattern), (timeout > 0 ? timeout : 2000).ToString(CultureInfo.InvariantCulture) }.ToEquatableArray(), message));
                            break;
                        case KnownNames.CompareAttribute:
                            var other = attribute.ConstructorArguments.Length == 1 ? attribute.ConstructorArguments[0].Value as string : null;
                            if (other is null)
                            {
                                break;
                            }

                            // Checked against the form's fields once they are all read (FormsParser.CheckCompares).
                            checks.Add(new CheckModel(CheckKind.Compare, new[] { other }.ToEquatableArray(), message));
                            break;
                        case KnownNames.AllowedValuesAttribute:
                            var allowed = AllowedChoices(attribute, type, kind.Value);
                            if (allowed is null)
                            {
                                Problem(attribute, $"its values must be {(kind == ValueKind.Enum ? "members of " + type.Name : "text or whole numbers")} of the property's type");
                                break;
                            }

                            choices = kind == ValueKind.Enum ? choices.Where(c => allowed.Any(a => a.Value == c.Value)).ToList() : allowed;
                            widget = Widget.Select;
                            break;
                        case KnownNames.DataTypeAttribute:
                            var dataType = attribute.ConstructorArguments.Length == 1 && attribute.ConstructorArguments[0].Value is int value ? value : -1;
                            if (isText)
                            {
                                // System.ComponentModel.DataAnnotations.DataType: EmailAddress 10, Password 11, Url 12, MultilineText 9.
                                widget = dataType switch
                                {
                                    9 => Widget.Textarea,
                                    10 => Widget.Email,
                                    11 => Widget.Password,
                                    12 => Widget.Url,
                                    _ => widget,
                                };
                            }

                            break;
                        case KnownNames.DisplayAttribute:
                            if (Symbols.NamedArgument<string>(attribute, "Name") is { } displayName)
                            {
                                label = displayName;
                                hasLabel = true;
                            }

                            helpText = Symbols.NamedArgument<string>(attribute, "Description") ?? helpText;
                            placeholder = Symbols.NamedArgument<string>(attribute, "Prompt") ?? placeholder;
                            break;
                        case KnownNames.FileExtensionsAttribute:
                            if (kind is not (ValueKind.File or ValueKind.StoredFile))
                            {
                                Problem(attribute, "it checks an uploaded file's name; the property must be an IFormFile");
                                break;
                            }

                            checks.Add(new CheckModel(CheckKind.FileExtensions,
                                new[] { GeneratedCode.Literal(Symbols.NamedArgument<string>(attribute, "Extensions") ?? "png,jpg,jpeg,gif") }.ToEquatableArray(), message));
                            break;
                        case KnownNames.DisplayNameAttribute:
                            if (attribute.ConstructorArguments.Length == 1 && attribute.ConstructorArguments[0].Value is string shown)
                            {
                                label = shown;
                                hasLabel = true;
                            }

                            break;
                        case null when IsValidationAttribute(attributeClass):
                            if (Construction(attribute) is { } construction)
                            {
                                checks.Add(new CheckModel(CheckKind.Attribute, new[] { construction }.ToEquatableArray(), null));
                            }
                            else
                            {
                                Problem(attribute, "generated code can't create it; give it a public constructor whose arguments are constants");
                            }

                            break;
                    }
                }

                // Django's EmailField is at most 320 characters long, as RFC 3696 says an address can be.
                if (widget == Widget.Email && maxLength is null && checks.Any(static c => c.Kind == CheckKind.Email))
                {
                    maxLength = 320;
                    checks.Add(new CheckModel(CheckKind.MaxLength, Arguments(320), null));
                }

                var hasEmptyChoice = widget == Widget.Select && (kind == ValueKind.Enum ? isNullableValue : !required);
                return new FieldModel(
                    property.Name,
                    name,
                    label,
                    hasLabel,
                    declaredType,
                    valueType,
                    declaredNullable,
                    !isReference,
                    kind.Value,
                    widget,
                    required,
                    requiredMessage,
                    maxLength,
                    minLength,
                    min,
                    max,
                    step,
                    helpText,
                    placeholder,
                    widget == Widget.Select ? choices.ToEquatableArray() : EquatableArray<ChoiceModel>.Empty,
                    hasEmptyChoice,
                    checks.OrderBy(static c => (int)c.Kind).ToEquatableArray(),
                    kind == ValueKind.Parsed ? parse : null,
                    property.SetMethod?.IsInitOnly == true,
                    location)
                {
                    UploadTo = uploadTo,
                    IsImage = isImage,
                    SizeColumns = sizeColumns,
                };
            }

            /// <summary>
            /// <c>WidthField</c> and <c>HeightField</c> of an image column: each must name another settable <c>int</c> or <c>int?</c>
            /// property of the model, which a save sets; null when neither is given (or one is wrong, which is reported).
            /// </summary>
            private static ImageSizeColumnsModel? SizeColumns(IPropertySymbol column, AttributeData imageField, Action<AttributeData, string> problem)
            {
                (string? Name, bool Nullable)? Column(string argument)
                {
                    if (Symbols.NamedArgument<string>(imageField, argument) is not { } name)
                    {
                        return (null, false);
                    }

                    IPropertySymbol? found = null;
                    for (var type = column.ContainingType; type is not null && found is null; type = type.BaseType)
                    {
                        found = type.GetMembers(name).OfType<IPropertySymbol>().FirstOrDefault(static p => !p.IsStatic && !p.IsIndexer);
                    }

                    var target = found?.Type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } nullable ? nullable.TypeArguments[0] : found?.Type;
                    if (found is null || SymbolEqualityComparer.Default.Equals(found, column) || target?.SpecialType != SpecialType.System_Int32
                        || found.SetMethod is not { DeclaredAccessibility: Accessibility.Public, IsInitOnly: false } || found.DeclaredAccessibility != Accessibility.Public)
                    {
                        problem(imageField, $"{argument} \"{name}\" must name another public int or int? property of {column.ContainingType.Name} with a setter, which a save sets to the image's {(argument == "WidthField" ? "width" : "height")}");
                        return null;
                    }

                    return (found.Name, !SymbolEqualityComparer.Default.Equals(target, found.Type));
                }

                var width = Column("WidthField");
                var height = Column("HeightField");
                return width is { } w && height is { } h && (w.Name ?? h.Name) is not null ? new ImageSizeColumnsModel(w.Name, w.Nullable, h.Name, h.Nullable) : null;
            }

            /// <summary>
            /// Why a file column of <paramref name="maxLength"/> characters can't hold names stored under <paramref name="folder"/>, or null:
            /// the folder (its date parts written out) and a free name's 8 more characters must leave at least 10 for the file's own name.
            /// </summary>
            private static string? StoredNameRoom(string folder, int maxLength)
            {
                var length = 0;
                for (var i = 0; i < folder.Length; i++)
                {
                    if (folder[i] == '%' && i + 1 < folder.Length && "YmdHMS%".IndexOf(folder[i + 1]) >= 0)
                    {
                        length += folder[i + 1] switch { 'Y' => 4, '%' => 1, _ => 2 };
                        i++;
                        continue;
                    }

                    length++;
                }

                var needed = length + (length > 0 && !folder.EndsWith("/", StringComparison.Ordinal) ? 1 : 0) + 8 + 10;
                return maxLength < needed
                    ? $"a stored name is the folder and the file's name together; UploadTo \"{folder}\" leaves too little room in {maxLength.ToString(CultureInfo.InvariantCulture)} characters (at least {needed.ToString(CultureInfo.InvariantCulture)})"
                    : null;
            }

            /// <summary>Why <c>UploadTo</c> isn't a folder under the media root, or null when it is.</summary>
            private static string? UploadToProblem(string folder)
            {
                if (folder.StartsWith("/", StringComparison.Ordinal) || folder.IndexOfAny(new[] { '\\', ':' }) >= 0
                    || folder.Split('/').Any(static part => part is "." or ".."))
                {
                    return $"UploadTo \"{folder}\" must be a folder under the media root: a relative path with '/' between folders, without '..'";
                }

                return null;
            }

            /// <summary>How values of <paramref name="type"/> are read and shown, or null when a field can't hold them.</summary>
            private ValueKind? Classify(ITypeSymbol type, bool isNullableValue, out Widget widget, out ParseModel? parse)
            {
                parse = null;
                widget = Widget.Text;
                switch (type.SpecialType)
                {
                    case SpecialType.System_String:
                        return ValueKind.Text;
                    case SpecialType.System_Boolean:
                        widget = isNullableValue ? Widget.NullBooleanSelect : Widget.Checkbox;
                        return isNullableValue ? ValueKind.NullBoolean : ValueKind.Checkbox;
                    case SpecialType.System_SByte or SpecialType.System_Byte or SpecialType.System_Int16 or SpecialType.System_UInt16
                        or SpecialType.System_Int32 or SpecialType.System_UInt32 or SpecialType.System_Int64 or SpecialType.System_UInt64:
                        widget = Widget.Number;
                        return ValueKind.Integer;
                    case SpecialType.System_Single or SpecialType.System_Double or SpecialType.System_Decimal:
                        widget = Widget.Number;
                        return ValueKind.Number;
                    case SpecialType.System_DateTime:
                        widget = Widget.DateTimeLocal;
                        return ValueKind.DateTime;
                }

                if (type.TypeKind == TypeKind.Enum)
                {
                    widget = Widget.Select;
                    return ValueKind.Enum;
                }

                switch (known.Which(type, KnownNames.DateOnly, KnownNames.TimeOnly, KnownNames.Guid, KnownNames.TimeSpan, KnownNames.IFormFile))
                {
                    case KnownNames.IFormFile:
                        widget = Widget.File;
                        return ValueKind.File;
                    case KnownNames.DateOnly:
                        widget = Widget.Date;
                        return ValueKind.Date;
                    case KnownNames.TimeOnly:
                        widget = Widget.Time;
                        return ValueKind.Time;
                    case KnownNames.Guid:
                        return ValueKind.Uuid;
                    case KnownNames.TimeSpan:
                        return ValueKind.Duration;
                }

                if (type.TypeKind != TypeKind.Error && !Symbols.IsRefLikeOrPointer(type) && known.Parsing.Classify(type) is { Kind: not ParseKind.String } parsed)
                {
                    parse = parsed;
                    return ValueKind.Parsed;
                }

                return null;
            }

            /// <summary>An enum's members as options: the name is the value, <c>[Display(Name = ...)]</c> or the name made readable the label.</summary>
            private List<ChoiceModel> EnumChoices(ITypeSymbol type) =>
                type.GetMembers().OfType<IFieldSymbol>().Where(static f => f.IsConst)
                    .Select(f => new ChoiceModel(f.Name, DisplayName(f) ?? Pretty(GeneratedCode.SnakeCase(f.Name))))
                    .ToList();

            /// <summary>The <c>[Display(Name = ...)]</c> of an enum member.</summary>
            private string? DisplayName(IFieldSymbol member) =>
                known.Attributes(member, KnownNames.DisplayAttribute)
                    .Select(static a => Symbols.NamedArgument<string>(a, "Name"))
                    .FirstOrDefault(static n => n is not null);

            /// <summary>The options of <c>[AllowedValues(...)]</c>: text or whole numbers, or members of the enum; null when a value is neither.</summary>
            private static List<ChoiceModel>? AllowedChoices(AttributeData attribute, ITypeSymbol type, ValueKind kind)
            {
                if (attribute.ConstructorArguments.Length != 1 || attribute.ConstructorArguments[0].Kind != TypedConstantKind.Array)
                {
                    return null;
                }

                var choices = new List<ChoiceModel>();
                foreach (var value in attribute.ConstructorArguments[0].Values)
                {
                    var text = value.Kind switch
                    {
                        TypedConstantKind.Enum when kind == ValueKind.Enum && SymbolEqualityComparer.Default.Equals(value.Type, type) =>
                            type.GetMembers().OfType<IFieldSymbol>().FirstOrDefault(f => f.IsConst && Equals(f.ConstantValue, value.Value))?.Name,
                        TypedConstantKind.Primitive when kind == ValueKind.Text && value.Value is string s => s,
                        TypedConstantKind.Primitive when kind == ValueKind.Integer && value.Value is int or long or short or byte =>
                            Convert.ToInt64(value.Value, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture),
                        _ => null,
                    };
                    if (text is null)
                    {
                        return null;
                    }

                    choices.Add(new ChoiceModel(text, kind == ValueKind.Enum ? Pretty(GeneratedCode.SnakeCase(text)) : text));
                }

                return choices;
            }

            /// <summary>
            /// The bounds of <c>[Range]</c> as C# expressions of the field's type and as the widget's <c>min</c> and
            /// <c>max</c> attributes; returns why not when they don't fit the field.
            /// </summary>
            private string? RangeBounds(AttributeData attribute, ITypeSymbol type, ValueKind kind, out string? low, out string? high, out string? lowText, out string? highText)
            {
                low = high = lowText = highText = null;
                if (Symbols.NamedArgument<bool>(attribute, "MinimumIsExclusive") || Symbols.NamedArgument<bool>(attribute, "MaximumIsExclusive"))
                {
                    return "exclusive bounds aren't supported; make the bounds inclusive";
                }

                var arguments = attribute.ConstructorArguments;
                if (arguments.Length == 3 && arguments[0].Value is ITypeSymbol operand)
                {
                    if (!SymbolEqualityComparer.Default.Equals(operand, type))
                    {
                        return $"its bounds are {operand.ToDisplayString()}, but the property is {type.ToDisplayString()}";
                    }

                    var lowString = arguments[1].Value as string;
                    var highString = arguments[2].Value as string;
                    return kind switch
                    {
                        ValueKind.Integer or ValueKind.Number => NumberBound(lowString, type, out low, out lowText) ?? NumberBound(highString, type, out high, out highText),
                        ValueKind.Date or ValueKind.DateTime or ValueKind.Time =>
                            DateBound(lowString, kind, out low, out lowText) ?? DateBound(highString, kind, out high, out highText),
                        _ => $"a range needs a number, a date or a time, not {type.ToDisplayString()}",
                    };
                }

                if (kind is not (ValueKind.Integer or ValueKind.Number))
                {
                    return $"[Range(min, max)] needs a number, not {type.ToDisplayString()}; for dates use [Range(typeof(DateOnly), \"2020-01-01\", \"2030-12-31\")]";
                }

                if (arguments.Length != 2)
                {
                    return "give it a minimum and a maximum";
                }

                var lowValue = Convert.ToDecimal(arguments[0].Value, CultureInfo.InvariantCulture);
                var highValue = Convert.ToDecimal(arguments[1].Value, CultureInfo.InvariantCulture);
                return NumberBound(lowValue.ToString(CultureInfo.InvariantCulture), type, out low, out lowText)
                    ?? NumberBound(highValue.ToString(CultureInfo.InvariantCulture), type, out high, out highText);
            }

            private static string? NumberBound(string? text, ITypeSymbol type, out string? expression, out string? attribute)
            {
                expression = attribute = null;
                if (text is null || !decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
                {
                    return $"'{text}' is not a number";
                }

                object? typed;
                try
                {
                    typed = type.SpecialType switch
                    {
                        SpecialType.System_SByte => (object)checked((sbyte)Whole(value)),
                        SpecialType.System_Byte => checked((byte)Whole(value)),
                        SpecialType.System_Int16 => checked((short)Whole(value)),
                        SpecialType.System_UInt16 => checked((ushort)Whole(value)),
                        SpecialType.System_Int32 => checked((int)Whole(value)),
                        SpecialType.System_UInt32 => checked((uint)Whole(value)),
                        SpecialType.System_Int64 => checked((long)Whole(value)),
                        SpecialType.System_UInt64 => checked((ulong)Whole(value)),
                        SpecialType.System_Single => (float)value,
                        SpecialType.System_Double => (double)value,
                        _ => value,
                    };
                }
                catch (OverflowException)
                {
                    return $"{text} doesn't fit {type.ToDisplayString()}";
                }
                catch (FormatException)
                {
                    return $"{text} is not a whole number, but the property is {type.ToDisplayString()}";
                }

                expression = Symbols.DefaultValue(type, typed);
                attribute = value.ToString(CultureInfo.InvariantCulture);
                return null;
            }

            private static decimal Whole(decimal value) => value == decimal.Truncate(value) ? value : throw new FormatException();

            private static string? DateBound(string? text, ValueKind kind, out string? expression, out string? attribute)
            {
                expression = attribute = null;
                var formats = kind switch
                {
                    ValueKind.Date => s_dateFormats,
                    ValueKind.DateTime => s_dateTimeFormats,
                    _ => s_timeFormats,
                };
                if (text is null || !DateTime.TryParseExact(text, formats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var value))
                {
                    return $"'{text}' is not a {(kind == ValueKind.Time ? "time (hh:mm)" : "date (yyyy-mm-dd)")}";
                }

                var invariant = CultureInfo.InvariantCulture;
                switch (kind)
                {
                    case ValueKind.Date:
                        expression = string.Format(invariant, "new global::System.DateOnly({0}, {1}, {2})", value.Year, value.Month, value.Day);
                        attribute = value.ToString("yyyy-MM-dd", invariant);
                        break;
                    case ValueKind.DateTime:
                        expression = string.Format(invariant, "new global::System.DateTime({0}, {1}, {2}, {3}, {4}, {5})", value.Year, value.Month, value.Day, value.Hour, value.Minute, value.Second);
                        attribute = value.ToString(value.Second == 0 ? "yyyy-MM-dd'T'HH:mm" : "yyyy-MM-dd'T'HH:mm:ss", invariant);
                        break;
                    default:
                        expression = string.Format(invariant, "new global::System.TimeOnly({0}, {1}, {2})", value.Hour, value.Minute, value.Second);
                        attribute = value.ToString(value.Second == 0 ? "HH:mm" : "HH:mm:ss", invariant);
                        break;
                }

                return null;
            }

            private static string? PatternProblem(string pattern)
            {
                try
                {
                    _ = new Regex(pattern);
                    return null;
                }
                catch (ArgumentException exception)
                {
                    return exception.Message;
                }
            }

            /// <summary>A subclass of <c>ValidationAttribute</c> when the known type can't be resolved as such (never in practice).</summary>
            private bool IsValidationAttribute(INamedTypeSymbol type)
            {
                for (var current = type.BaseType; current is not null; current = current.BaseType)
                {
                    if (known.Is(current, KnownNames.ValidationAttribute))
                    {
                        return true;
                    }
                }

                return false;
            }

            /// <summary>
            /// A C# expression that makes the same attribute (<c>new global::App.EvenAttribute(2) { ErrorMessage = "..." }</c>), so that
            /// generated code can ask it <c>IsValid</c> without reflection; null when it can't be written.
            /// </summary>
            private static string? Construction(AttributeData attribute)
            {
                if (attribute.AttributeClass is not { } type || attribute.AttributeConstructor is not { DeclaredAccessibility: Accessibility.Public or Accessibility.Internal }
                    || type.IsAbstract || type.IsGenericType || !Visible(type))
                {
                    return null;
                }

                var arguments = new List<string>();
                foreach (var argument in attribute.ConstructorArguments)
                {
                    if (Constant(argument) is not { } expression)
                    {
                        return null;
                    }

                    arguments.Add(expression);
                }

                var named = new List<string>();
                foreach (var argument in attribute.NamedArguments)
                {
                    if (Constant(argument.Value) is not { } expression)
                    {
                        return null;
                    }

                    named.Add(argument.Key + " = " + expression);
                }

                var construction = $"new {Symbols.FullName(type)}({string.Join(", ", arguments)})";
                return named.Count == 0 ? construction : construction + " { " + string.Join(", ", named) + " }";
            }

            private static string? Constant(TypedConstant constant)
            {
                if (constant.IsNull)
                {
                    return constant.Type is null ? "null" : $"({Symbols.FullName(constant.Type)})null";
                }

                switch (constant.Kind)
                {
                    case TypedConstantKind.Primitive:
                    case TypedConstantKind.Enum:
                        return constant.Type is null ? null : Symbols.DefaultValue(constant.Type, constant.Value);
                    case TypedConstantKind.Type:
                        return constant.Value is ITypeSymbol type ? $"typeof({Symbols.FullName(type)})" : null;
                    case TypedConstantKind.Array when constant.Type is IArrayTypeSymbol array:
                        var items = constant.Values.Select(Constant).ToList();
                        return items.Any(static i => i is null) ? null : $"new {Symbols.FullName(array.ElementType)}[] {{ {string.Join(", ", items)} }}";
                    default:
                        return null;
                }
            }

            private static bool Visible(INamedTypeSymbol type)
            {
                for (var current = type; current is not null; current = current.ContainingType)
                {
                    if (current.IsFileLocal || current.DeclaredAccessibility is not (Accessibility.Public or Accessibility.Internal or Accessibility.ProtectedOrInternal))
                    {
                        return false;
                    }
                }

                return true;
            }

            private static int? Int(AttributeData attribute, int index) =>
                attribute.ConstructorArguments.Length > index && attribute.ConstructorArguments[index].Value is int value ? value : null;

            private static EquatableArray<string> Arguments(params int[] values) =>
                values.Select(static v => v.ToString(CultureInfo.InvariantCulture)).ToEquatableArray();

            private static string AttributeName(AttributeData attribute)
            {
                var name = attribute.AttributeClass?.Name ?? "attribute";
                return name.EndsWith("Attribute", StringComparison.Ordinal) ? name.Substring(0, name.Length - "Attribute".Length) : name;
            }
        }

        /// <summary>Django's <c>pretty_name</c>: <c>cc_myself</c> becomes "Cc myself".</summary>
        public static string Pretty(string snakeName)
        {
            var words = snakeName.Replace('_', ' ').Trim();
            return words.Length == 0 ? words : char.ToUpperInvariant(words[0]) + words.Substring(1).ToLowerInvariant();
        }
    }
}

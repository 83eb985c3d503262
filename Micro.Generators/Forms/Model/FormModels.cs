using Micro.Generators.Shared;

namespace Micro.Generators.Forms.Model
{
    /// <summary>How a field's posted text is read: which <c>Micro.Forms.FormReader</c> method generated code calls.</summary>
    internal enum ValueKind
    {
        Text,
        Checkbox,
        NullBoolean,
        Integer,
        Number,
        Date,
        DateTime,
        Time,
        Uuid,
        Duration,
        Enum,

        /// <summary>Any other type with a static <c>TryParse</c> method (<see cref="FieldModel.Parse"/>), called inline.</summary>
        Parsed,

        /// <summary>An uploaded file, <c>IFormFile</c>, read from the form's files.</summary>
        File,

        /// <summary>A model's <c>[FileField]</c> column: a <c>string</c> holding a stored file's name, edited as an upload.</summary>
        StoredFile,
    }

    /// <summary>The members of <c>Micro.Forms.WidgetKind</c>: how a field is shown.</summary>
    internal enum Widget
    {
        Text,
        Email,
        Url,
        Password,
        Number,
        Date,
        DateTimeLocal,
        Time,
        Textarea,
        Checkbox,
        Select,
        NullBooleanSelect,
        File,
    }

    /// <summary>A check an annotation asks for, in the order Django runs its validators.</summary>
    internal enum CheckKind
    {
        Email,
        Url,
        MinLength,
        MaxLength,

        /// <summary><c>[StringLength]</c> with its own message, which names both lengths.</summary>
        StringLength,
        Range,
        Pattern,

        /// <summary><c>[ImageField]</c>: the file is an image, by its content and its extension (Django's <c>ImageField</c>).</summary>
        Image,

        /// <summary><c>[FileExtensions]</c> on a file: its name's extension is one of the list.</summary>
        FileExtensions,

        /// <summary>Any other <c>ValidationAttribute</c>, made by generated code and asked <c>IsValid</c>.</summary>
        Attribute,

        /// <summary><c>[Compare]</c>: run after every field is read.</summary>
        Compare,
    }

    /// <summary>One check of a field.</summary>
    /// <param name="Arguments">
    /// Its values as C# expressions: the length for the length checks (maximum, then minimum for StringLength), the bounds
    /// for Range (in the field's type), the pattern's literal and timeout for Pattern, the other property for Compare,
    /// the attribute's construction for Attribute.
    /// </param>
    /// <param name="Message">The annotation's own <c>ErrorMessage</c>, or null for Django's.</param>
    internal sealed record CheckModel(CheckKind Kind, EquatableArray<string> Arguments, string? Message);

    /// <summary>An option of a select known when the app is built.</summary>
    internal sealed record ChoiceModel(string Value, string Label);

    /// <summary>What a reference field of a model form selects from: the rows of another model.</summary>
    /// <param name="TargetSet">The target's query set on <c>Db</c>: <c>Authors</c>.</param>
    /// <param name="TargetInfoType">The target's generated metadata class, for its key field.</param>
    /// <param name="LabelFromToString">The target overrides <c>ToString</c>, which labels its options (else "Author object (1)", as Django).</param>
    internal sealed record RelationModel(string TargetName, string TargetType, string TargetSet, string TargetInfoType, string TargetKey, bool LabelFromToString)
    {
        /// <summary>How an option is labelled from <c>row</c>, when something else than the form says so (the admin's <c>Display</c> of the target).</summary>
        public string? LabelExpression { get; init; }

        /// <summary>The options are loaded with the form; not for the admin's <c>AutocompleteFields</c>, whose script searches for them.</summary>
        public bool LoadsChoices { get; init; } = true;
    }

    /// <summary>One field of a form: a property, how it is read and shown, and what checks it.</summary>
    /// <param name="Property">The C# property.</param>
    /// <param name="Name">The name in the posted form and in templates (snake_case).</param>
    /// <param name="Type">The property type as declared, fully qualified, with <c>?</c> when nullable.</param>
    /// <param name="ValueType">The type a reader returns (without <c>?</c>), fully qualified.</param>
    /// <param name="IsNullable">The property can hold null: an empty field leaves it null.</param>
    /// <param name="IsValueType">A value type (a reader returns <c>T?</c>; a non-nullable property takes its value or default).</param>
    /// <param name="HasLabel">The label comes from <c>[Display]</c> or <c>[DisplayName]</c>.</param>
    /// <param name="RequiredMessage">The <c>ErrorMessage</c> of <c>[Required]</c>.</param>
    /// <param name="Parse">How a <see cref="ValueKind.Parsed"/> value is parsed.</param>
    internal sealed record FieldModel(
        string Property,
        string Name,
        string Label,
        bool HasLabel,
        string Type,
        string ValueType,
        bool IsNullable,
        bool IsValueType,
        ValueKind Value,
        Widget Widget,
        bool IsRequired,
        string? RequiredMessage,
        int? MaxLength,
        int? MinLength,
        string? Min,
        string? Max,
        string? Step,
        string? HelpText,
        string? Placeholder,
        EquatableArray<ChoiceModel> Choices,
        bool HasEmptyChoice,
        EquatableArray<CheckModel> Checks,
        ParseModel? Parse,
        bool IsInitOnly,
        LocationInfo? Location)
    {
        /// <summary>A model form's field whose property the generator declares (the user didn't).</summary>
        public bool IsGenerated { get; init; }

        /// <summary>A model form's field that edits a column of its model (generated, or declared over the column).</summary>
        public bool IsColumn { get; init; }

        /// <summary>For a generated property: its initializer (the model's column default, or <c>""</c> for text).</summary>
        public string? Initializer { get; init; }

        /// <summary>For a <see cref="ValueKind.StoredFile"/> column: <c>[FileField(UploadTo = ...)]</c>, the folder its uploads go to.</summary>
        public string? UploadTo { get; init; }

        /// <summary><c>[ImageField]</c>: the upload must be an image, and the input asks for one.</summary>
        public bool IsImage { get; init; }

        /// <summary>For an image column: <c>WidthField</c> and <c>HeightField</c>, the row's properties a save sets to the image's size.</summary>
        public ImageSizeColumnsModel? SizeColumns { get; init; }

        /// <summary>For a model form's reference: the model whose rows the select offers.</summary>
        public RelationModel? Relation { get; init; }

        /// <summary>The field's static descriptor in the generated metadata class: <c>TitleField</c>.</summary>
        public string Descriptor => Property + "Field";
    }

    /// <summary>The properties <c>[ImageField(WidthField = ..., HeightField = ...)]</c> names; null for one not named.</summary>
    /// <param name="WidthIsNullable">The width's property takes null (<c>int?</c>); an <c>int</c> is set to 0 when the file is cleared.</param>
    internal sealed record ImageSizeColumnsModel(string? Width, bool WidthIsNullable, string? Height, bool HeightIsNullable);

    /// <summary>A model property a model form can list, as read from the model class.</summary>
    /// <param name="Property">The property.</param>
    /// <param name="Field">The field it makes (null when its type can't be a field; <see cref="Problem"/> says why).</param>
    /// <param name="ReferenceTarget">For a reference (<c>Author</c>): the model it points to, fully qualified.</param>
    internal sealed record ModelPropertyModel(string Property, FieldModel? Field, string? Problem, string? ReferenceTarget, bool TargetOverridesToString);

    /// <summary>A name in <c>[Form(Fields = ...)]</c> and where it is written.</summary>
    internal sealed record ListedFieldModel(string Name, LocationInfo? Location);

    /// <summary>What <c>[Form(Model = typeof(Post), Fields = ...)]</c> says, with the model's properties as read.</summary>
    /// <param name="Listed">The names in <c>Fields</c>; empty when <see cref="ListsAll"/>.</param>
    /// <param name="ListsAll"><c>Fields</c> is left out: every column but the key.</param>
    internal sealed record ModelFormSourceModel(
        string ModelType,
        string ModelName,
        bool IsModel,
        EquatableArray<ListedFieldModel> Listed,
        bool ListsAll,
        EquatableArray<ModelPropertyModel> Properties,
        LocationInfo? Location);

    /// <summary>A <c>[Form]</c> class as declared.</summary>
    /// <param name="Name">The class name.</param>
    /// <param name="Type">The class, fully qualified.</param>
    /// <param name="Namespace">Its namespace, or null for the global one.</param>
    /// <param name="Declaration">How the generated part declares it: <c>partial class</c>, <c>partial record</c>.</param>
    /// <param name="Containers">The declarations of its containing types, outermost first.</param>
    /// <param name="Fields">Its own properties that are fields, in declaration order (base classes first).</param>
    /// <param name="ConstructorParameters">The properties a bound form passes to its constructor, in order (a positional record); empty when it has a parameterless one.</param>
    /// <param name="ConstructorDefaults">For each constructor parameter: what an unbound form passes.</param>
    /// <param name="HasClean">It declares <c>void Clean(FormErrors errors)</c>.</param>
    internal sealed record FormClassModel(
        string Name,
        string Type,
        string? Namespace,
        string Declaration,
        EquatableArray<string> Containers,
        EquatableArray<FieldModel> Fields,
        EquatableArray<string> ConstructorParameters,
        EquatableArray<string> ConstructorDefaults,
        bool HasClean,
        ModelFormSourceModel? Model,
        LocationInfo? Location);

    /// <summary>A unique index a model form checks before saving.</summary>
    /// <param name="Properties">The model properties, in the index's order.</param>
    /// <param name="Columns">Their columns, as the database names them in a violation.</param>
    /// <param name="NullableProperties">Those of <see cref="Properties"/> that can be null: a null value never clashes.</param>
    /// <param name="Field">The form field the error belongs to: the single column's, when it is a field.</param>
    /// <param name="Message">Django's message: "Post with this Slug already exists."</param>
    internal sealed record UniqueModel(
        EquatableArray<string> Properties,
        EquatableArray<string> Columns,
        EquatableArray<string> NullableProperties,
        string? Field,
        string Message);

    /// <summary>What a model form saves to: the model, its query set and metadata, and its unique indexes.</summary>
    internal sealed record ModelFormModel(
        string ModelType,
        string ModelName,
        string SetName,
        string InfoType,
        EquatableArray<UniqueModel> Uniques);

    /// <summary>A form ready to emit: its class, every field in order, and for a model form what it saves to.</summary>
    internal sealed record FormModel(FormClassModel Class, EquatableArray<FieldModel> Fields, ModelFormModel? ModelForm)
    {
        /// <summary>The generated metadata class, file-local to the form's generated file: <c>ContactFormInfo</c>.</summary>
        public string InfoClass => GeneratedCode.Identifier(Class.Name) + "Info";

        public string InfoType => "global::Micro.Generated." + InfoClass;
    }
}

using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Numerics;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;

namespace Micro.Forms;

/// <summary>
/// Reads a posted form into typed values, one field at a time, for the generated binding code: each method parses
/// the field's text by the field's type, records Django's message for an empty required field or for text that
/// doesn't parse, and returns null then; the checks after it (<see cref="MaxLength"/>, <see cref="Range{T}(FormField, T?, T, T, string?)"/>...)
/// record theirs. Nothing a client sends makes it throw.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class FormReader
{
    private static readonly CultureInfo s_invariant = CultureInfo.InvariantCulture;
    private static readonly string[] s_dateTimeFormats = ["yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF", "yyyy-MM-dd HH:mm", "yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd HH:mm:ss.FFFFFFF"];
    private static readonly string[] s_timeFormats = ["HH:mm", "HH:mm:ss", "HH:mm:ss.FFFFFFF"];

    private readonly FormInfo _form;
    private readonly FormChoices? _choices;
    private readonly IFormCollection _data;
    private readonly string? _prefix;
    private List<PendingFile>? _uploads;

    internal FormReader(FormInfo form, IFormCollection data, FormChoices? choices, string? prefix = null)
    {
        _form = form;
        _choices = choices;
        _data = data;
        _prefix = prefix;
        Errors = new FormErrors(form, prefix);
        Raw = new string?[form.Fields.Count];
        foreach (var field in form.Fields)
        {
            // As Django's QueryDict: a name sent more than once gives its last value.
            Raw[field.Index] = FormValues.Last(data, FormValues.Prefixed(prefix, field.Name));
        }
    }

    public FormErrors Errors { get; }

    /// <summary>The text posted for each field, by field index (null when absent): what the form shows again.</summary>
    internal string?[] Raw { get; }

    // ---- Reading ---------------------------------------------------------------------------------------------------

    /// <summary>
    /// The field's text, stripped of surrounding whitespace unless the field keeps it; null when it is absent or empty
    /// (and then "This field is required." for a required field). A select's text must be one of its options.
    /// </summary>
    public string? Text(FormField field)
    {
        var raw = Raw[field.Index];
        var text = raw is null ? null : field.Strip ? raw.Trim() : raw;
        if (string.IsNullOrEmpty(text))
        {
            if (field.IsRequired)
            {
                Errors.Add(field, Required(field));
            }

            return null;
        }

        if (field.Widget == WidgetKind.Select && !IsChoice(field, text))
        {
            Errors.Add(field, field.HasDatabaseChoices ? Messages.InvalidModelChoice : Messages.InvalidChoice(text));
            return null;
        }

        return text;
    }

    /// <summary>
    /// An uploaded file, as Django's <c>FileField</c>: null when none was sent ("This field is required." for a required field), or
    /// when the field came as text, which a form posted without <c>enctype="multipart/form-data"</c> sends ("No file was submitted.
    /// Check the encoding type on the form."); a file of no bytes is "The submitted file is empty.". Its <c>FileName</c> is what the
    /// client said: never a path to write to as it is.
    /// </summary>
    public IFormFile? File(FormField field) => PostedFile(field, field.IsRequired);

    private IFormFile? PostedFile(FormField field, bool required)
    {
        var name = FormValues.Prefixed(_prefix, field.Name);
        IFormFile? file = null;
        foreach (var posted in _data.Files)
        {
            // As Django's MultiValueDict: a name sent more than once gives its last file.
            if (string.Equals(posted.Name, name, StringComparison.Ordinal))
            {
                file = posted;
            }
        }

        if (file is null)
        {
            if (!string.IsNullOrEmpty(Raw[field.Index]))
            {
                Errors.Add(field, Messages.NoFile);
            }
            else if (required)
            {
                Errors.Add(field, Required(field));
            }

            return null;
        }

        if (file.Length == 0)
        {
            Errors.Add(field, Messages.EmptyFile);
            return null;
        }

        return file;
    }

    /// <summary>
    /// A model's <c>[FileField]</c> column, as Django's <c>FileField</c> with its <c>ClearableFileInput</c>: the file uploaded (checked as
    /// <see cref="File"/> is, and its name against the column's <c>MaxLength</c>), or null when none was; "Clear" ticked (the box
    /// <c>{name}-clear</c>, shown only for an optional field) empties the column, and ticked with a file is an error. A required field
    /// left without a file is "This field is required." until the form's <c>Instance</c> turns out to hold a file, which it then keeps.
    /// </summary>
    public IFormFile? StoredFile(FormField field)
    {
        var cleared = !field.IsRequired && FormValues.IsChecked(FormValues.Last(_data, FormValues.Prefixed(_prefix, field.Name) + "-clear"));
        var file = PostedFile(field, required: false);
        if (Errors.Has(field))
        {
            return null;
        }

        if (file is not null && cleared)
        {
            Errors.Add(field, Messages.FileContradiction);
            return null;
        }

        if (file is not null && field.MaxLength is { } maximum && file.FileName.Length > maximum)
        {
            Errors.Add(field, Messages.FileNameLength(maximum, file.FileName.Length));
            return null;
        }

        if (file is not null && Files.UploadNames.TryValidName(file.FileName) is null)
        {
            // A name no file can be stored under (nothing but punctuation, say): the client's to change, never a server error.
            Errors.Add(field, Messages.UnnamedFile);
            return null;
        }

        var pending = new PendingFile(field, file, cleared);
        (_uploads ??= []).Add(pending);
        if (pending.RequiredUntilKept)
        {
            Errors.Add(field, Required(field));
        }

        return file;
    }

    /// <summary>What <see cref="StoredFile"/> found for each file column, which the form keeps until it is saved; null for a form without any.</summary>
    internal List<PendingFile>? Uploads => _uploads;

    /// <summary>
    /// <c>[ImageField]</c>, as Django's <c>ImageField</c>: the file's content is a PNG, JPEG, GIF, WebP, BMP or ICO image ("Upload a valid
    /// image. The file you uploaded was either not an image or a corrupted image."), then its name has one of those formats' extensions.
    /// </summary>
    public void Image(FormField field, IFormFile? file)
    {
        if (file is null || Errors.Has(field))
        {
            return;
        }

        if (Files.ImageFormats.SizeOf(file) is null)
        {
            Errors.Add(field, Messages.InvalidImage);
            return;
        }

        FileExtensions(field, file, Files.ImageFormats.Extensions);
    }

    /// <summary>
    /// <c>[FileExtensions(Extensions = "png,jpg")]</c> on a file, as Django's <c>FileExtensionValidator</c>: the name's extension, in any
    /// case, must be one of them (.NET's list, "png,jpg,jpeg,gif" by default, with dots and spaces ignored).
    /// </summary>
    public void FileExtensions(FormField field, IFormFile? file, string extensions, string? message = null)
    {
        if (file is null || Errors.Has(field))
        {
            return;
        }

        var allowed = extensions.Replace(" ", "", StringComparison.Ordinal).Replace(".", "", StringComparison.Ordinal).ToLowerInvariant()
            .Split(',', StringSplitOptions.RemoveEmptyEntries);
        var extension = Path.GetExtension(file.FileName).TrimStart('.').ToLowerInvariant();
        if (!allowed.Contains(extension, StringComparer.Ordinal))
        {
            Errors.Add(field, message is not null ? Messages.Format(message, field.Label) : Messages.FileExtension(extension, string.Join(", ", allowed)));
        }
    }

    /// <summary>A checkbox: false when unchecked (then "This field is required." when it must be checked).</summary>
    public bool Checkbox(FormField field)
    {
        var checkedBox = FormValues.IsChecked(Raw[field.Index]);
        if (!checkedBox && field.IsRequired)
        {
            Errors.Add(field, Required(field));
        }

        return checkedBox;
    }

    /// <summary>A <c>bool?</c> from Unknown, Yes or No.</summary>
    public bool? NullBoolean(FormField field)
    {
        var value = FormValues.NullBoolean(Raw[field.Index]);
        if (value is null && field.IsRequired)
        {
            Errors.Add(field, Required(field));
        }

        return value;
    }

    /// <summary>A whole number of type <typeparamref name="T"/>: "Enter a whole number.", or the limit of the type when it doesn't fit.</summary>
    public T? Integer<T>(FormField field)
        where T : struct, IBinaryInteger<T>, IMinMaxValue<T>
    {
        if (Text(field) is not { } text)
        {
            return null;
        }

        // As Django's IntegerField: "3.0" is 3, "3.5" is not a whole number.
        if (!decimal.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, s_invariant, out var number))
        {
            if (BigInteger.TryParse(text, NumberStyles.AllowLeadingSign, s_invariant, out var big))
            {
                Errors.Add(field, NotAKey(field) ?? (big.Sign < 0 ? Messages.MinValue(T.MinValue.ToString(null, s_invariant)) : Messages.MaxValue(T.MaxValue.ToString(null, s_invariant))));
                return null;
            }

            Errors.Add(field, NotAKey(field) ?? Messages.InvalidInteger);
            return null;
        }

        if (number != decimal.Truncate(number))
        {
            Errors.Add(field, NotAKey(field) ?? Messages.InvalidInteger);
            return null;
        }

        if (number < decimal.CreateTruncating(T.MinValue))
        {
            Errors.Add(field, NotAKey(field) ?? Messages.MinValue(T.MinValue.ToString(null, s_invariant)));
            return null;
        }

        if (number > decimal.CreateTruncating(T.MaxValue))
        {
            Errors.Add(field, NotAKey(field) ?? Messages.MaxValue(T.MaxValue.ToString(null, s_invariant)));
            return null;
        }

        return T.CreateChecked(number);
    }

    /// <summary>A decimal or floating-point number: "Enter a number." (infinities and NaN are not numbers, as in Django).</summary>
    public T? Number<T>(FormField field)
        where T : struct, INumber<T>
    {
        if (Text(field) is not { } text)
        {
            return null;
        }

        if (T.TryParse(text, NumberStyles.Float, s_invariant, out var number) && T.IsFinite(number))
        {
            return number;
        }

        Errors.Add(field, Messages.InvalidNumber);
        return null;
    }

    /// <summary>A date as <c>&lt;input type="date"&gt;</c> sends it: <c>2024-01-31</c>.</summary>
    public DateOnly? Date(FormField field) =>
        Text(field) is { } text
            ? DateOnly.TryParseExact(text, "yyyy-MM-dd", s_invariant, DateTimeStyles.None, out var date) ? date : Invalid<DateOnly>(field, Messages.InvalidDate)
            : null;

    /// <summary>A date and time as <c>&lt;input type="datetime-local"&gt;</c> sends it: <c>2024-01-31T09:30</c> (seconds and a space separator are accepted too).</summary>
    public DateTime? DateTime(FormField field) =>
        Text(field) is { } text
            ? System.DateTime.TryParseExact(text, s_dateTimeFormats, s_invariant, DateTimeStyles.None, out var value) ? value : Invalid<DateTime>(field, Messages.InvalidDateTime)
            : null;

    /// <summary>A time of day as <c>&lt;input type="time"&gt;</c> sends it: <c>09:30</c> or <c>09:30:15</c>.</summary>
    public TimeOnly? Time(FormField field) =>
        Text(field) is { } text
            ? TimeOnly.TryParseExact(text, s_timeFormats, s_invariant, DateTimeStyles.None, out var time) ? time : Invalid<TimeOnly>(field, Messages.InvalidTime)
            : null;

    public Guid? Uuid(FormField field) =>
        Text(field) is { } text ? Guid.TryParse(text, out var value) ? value : Invalid<Guid>(field, NotAKey(field) ?? Messages.InvalidUuid) : null;

    /// <summary>A duration: <c>1.02:03:04</c> or <c>02:03:04</c>, as <see cref="TimeSpan"/> reads it.</summary>
    public TimeSpan? Duration(FormField field) =>
        Text(field) is { } text ? TimeSpan.TryParse(text, s_invariant, out var value) ? value : Invalid<TimeSpan>(field, Messages.InvalidDuration) : null;

    /// <summary>An enum member, from a select whose options are the members' names.</summary>
    public T? Enum<T>(FormField field)
        where T : struct, Enum =>
        Text(field) is { } text ? System.Enum.TryParse<T>(text, ignoreCase: false, out var value) && System.Enum.IsDefined(value) ? value : Invalid<T>(field, Messages.InvalidChoice(text)) : null;

    /// <summary>
    /// For a reference whose options weren't loaded (the admin's autocomplete), text that can't be a key is Django's
    /// <c>ModelChoiceField</c> message, "Select a valid choice...", as it is when the options are there to compare with.
    /// </summary>
    private static string? NotAKey(FormField field) => field.HasDatabaseChoices ? Messages.InvalidModelChoice : null;

    internal static string Required(FormField field) =>
        field.RequiredMessage is { } message ? Messages.Format(message, field.Label) : Messages.Required;

    /// <summary>Records "Enter a valid value." for text a type's <c>TryParse</c> method refused.</summary>
    public void Invalid(FormField field) => Errors.Add(field, Messages.InvalidValue);

    private T? Invalid<T>(FormField field, string message)
        where T : struct
    {
        Errors.Add(field, message);
        return null;
    }

    private bool IsChoice(FormField field, string text)
    {
        var choices = field.Choices ?? _choices?.Get(field);
        if (choices is null)
        {
            // Nothing loaded to check against (a form bound without its database choices): the database checks the reference.
            return true;
        }

        foreach (var choice in choices)
        {
            if (choice.Value == text)
            {
                return true;
            }
        }

        return false;
    }

    // ---- Checking ------------------------------------------------------------------------------------------------
    // Each check runs only on a value the field could read (no error yet) and that isn't empty, as Django runs validators.

    /// <summary><c>[MaxLength]</c>, <c>[StringLength]</c>: "Ensure this value has at most 100 characters (it has 104)."</summary>
    public void MaxLength(FormField field, string? value, int maximum, string? message = null)
    {
        if (Checks(field, value) && AnnotationChecks.MaxLength(value!, maximum, message, field.Label) is { } error)
        {
            Errors.Add(field, error);
        }
    }

    /// <summary><c>[MinLength]</c>, <c>[StringLength(MinimumLength = ...)]</c>: "Ensure this value has at least 3 characters (it has 2)."</summary>
    public void MinLength(FormField field, string? value, int minimum, string? message = null)
    {
        if (Checks(field, value) && AnnotationChecks.MinLength(value!, minimum, message, field.Label) is { } error)
        {
            Errors.Add(field, error);
        }
    }

    /// <summary><c>[StringLength(max, MinimumLength = min)]</c> with its own message, which names both.</summary>
    public void StringLength(FormField field, string? value, int maximum, int minimum, string? message = null)
    {
        if (Checks(field, value) && AnnotationChecks.StringLength(value!, maximum, minimum, message, field.Label) is { } error)
        {
            Errors.Add(field, error);
        }
    }

    /// <summary><c>[EmailAddress]</c>: "Enter a valid email address.", by Django's rules.</summary>
    public void Email(FormField field, string? value, string? message = null)
    {
        if (Checks(field, value) && AnnotationChecks.Email(value!, message, field.Label) is { } error)
        {
            Errors.Add(field, error);
        }
    }

    /// <summary><c>[Url]</c>: "Enter a valid URL.", by Django's rules (http, https, ftp and ftps URLs with a host).</summary>
    public void Url(FormField field, string? value, string? message = null)
    {
        if (Checks(field, value) && AnnotationChecks.Url(value!, message, field.Label) is { } error)
        {
            Errors.Add(field, error);
        }
    }

    /// <summary>
    /// <c>[RegularExpression]</c>: the whole text must match, as .NET's attribute checks it ("Enter a valid value.").
    /// A match that takes too long is a failed match, not an exception.
    /// </summary>
    public void Pattern(FormField field, string? value, Regex regex, string? message = null)
    {
        if (Checks(field, value) && AnnotationChecks.Pattern(value!, regex, message, field.Label) is { } error)
        {
            Errors.Add(field, error);
        }
    }

    /// <summary><c>[Range]</c>: "Ensure this value is less than or equal to 10." (or greater than or equal to the minimum).</summary>
    public void Range<T>(FormField field, T? value, T minimum, T maximum, string? message = null)
        where T : struct, IComparable<T>
    {
        if (value is { } present)
        {
            Range(field, present, minimum, maximum, message);
        }
    }

    /// <inheritdoc cref="Range{T}(FormField, T?, T, T, string?)"/>
    public void Range<T>(FormField field, T value, T minimum, T maximum, string? message = null)
        where T : struct, IComparable<T>
    {
        if (!Errors.Has(field) && AnnotationChecks.Range(value, minimum, maximum, message, field.Label) is { } error)
        {
            Errors.Add(field, error);
        }
    }

    /// <summary><c>[Compare(nameof(Password))]</c>: "'Confirm password' and 'Password' do not match.", as .NET's attribute says it.</summary>
    public void Compare(FormField field, object? value, FormField other, object? otherValue, string? message = null)
    {
        if (!Errors.Has(field) && !Errors.Has(other) && AnnotationChecks.Compare(value, otherValue, message, field.Label, other.Label) is { } error)
        {
            Errors.Add(field, error);
        }
    }

    /// <summary>Any other <see cref="ValidationAttribute"/>, made by generated code from the annotation: its own check and message.</summary>
    public void Check(FormField field, object? value, ValidationAttribute attribute)
    {
        if (!Errors.Has(field) && AnnotationChecks.Attribute(value, attribute, field.Label) is { } error)
        {
            Errors.Add(field, error);
        }
    }

    private bool Checks(FormField field, string? value) => !string.IsNullOrEmpty(value) && !Errors.Has(field);
}

/// <summary>What a posted form said about one file column: the file sent, or "Clear" ticked, or neither.</summary>
internal sealed record PendingFile(FormField Field, IFormFile? File, bool Cleared)
{
    /// <summary>A required column left without a file: missing, until the form's row turns out to hold one.</summary>
    public bool RequiredUntilKept => File is null && !Cleared && Field.IsRequired;
}

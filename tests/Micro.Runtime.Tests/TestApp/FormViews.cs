using System.ComponentModel.DataAnnotations;
using System.Globalization;

namespace Micro.Runtime.Tests.TestApp;

// Forms the test app binds over real HTTP: every field type, Django's contact form, a record, a class-based view.

/// <summary>One field of every type a form binds, with the annotations that change how they read.</summary>
[Form]
public partial class FieldsForm
{
    [MaxLength(20)]
    public string Name { get; set; } = "";

    public string? Nickname { get; set; }

    [EmailAddress]
    public string? Email { get; set; }

    [Url]
    public string? Website { get; set; }

    public int Count { get; set; }

    [Range(1, 10)]
    public int? Rating { get; set; }

    public long? Big { get; set; }

    public byte? Small { get; set; }

    public decimal? Price { get; set; }

    public double? Ratio { get; set; }

    public bool Agree { get; set; }

    public bool? Maybe { get; set; }

    public Color Color { get; set; } = Color.Green;

    public Color? Accent { get; set; }

    [Range(typeof(DateOnly), "2020-01-01", "2030-12-31")]
    public DateOnly? Day { get; set; }

    public DateTime? At { get; set; }

    public TimeOnly? Time { get; set; }

    public Guid? Token { get; set; }

    public TimeSpan? Span { get; set; }

    public DateTimeOffset? Seen { get; set; }

    [AllowedValues("s", "m", "l")]
    public string? Size { get; set; }

    /// <summary>The values as read, one per line, for the tests to compare.</summary>
    public string Describe() => string.Join("\n", [
        $"Name={Name}", $"Nickname={Show(Nickname)}", $"Email={Show(Email)}", $"Website={Show(Website)}", $"Count={Count}",
        $"Rating={Show(Rating)}", $"Big={Show(Big)}", $"Small={Show(Small)}", $"Price={Show(Price)}", $"Ratio={Show(Ratio)}",
        $"Agree={Agree}", $"Maybe={Show(Maybe)}", $"Color={Color}", $"Accent={Show(Accent)}", $"Day={Show(Day)}", $"At={Show(At)}",
        $"Time={Show(Time)}", $"Token={Show(Token)}", $"Span={Show(Span)}", $"Seen={Show(Seen)}", $"Size={Show(Size)}"]);

    private static string Show(object? value) => value switch
    {
        null => "null",
        DateOnly day => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        DateTime at => at.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture),
        DateTimeOffset seen => seen.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture),
        TimeOnly time => time.ToString("HH:mm:ss", CultureInfo.InvariantCulture),
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString()!,
    };
}

/// <summary>The topics of <see cref="ContactForm"/>: Django's choices <c>[("a", "Alpha"), ("b", "Beta")]</c>.</summary>
public enum ContactTopic
{
    [Display(Name = "Alpha")]
    a,

    [Display(Name = "Beta")]
    b,
}

/// <summary>The contact form of DjangoForms/generate.py, field for field, to compare their HTML.</summary>
[Form]
public partial class ContactForm
{
    [MaxLength(100)]
    public string Subject { get; set; } = "";

    [EmailAddress, Display(Description = "We never share it.")]
    public string Email { get; set; } = "";

    [Range(1, 120)]
    public int? Age { get; set; }

    public bool CcMyself { get; set; }

    public ContactTopic Topic { get; set; }

    public DateOnly When { get; set; } = new(2024, 2, 29);

    public decimal Price { get; set; }

    public double Ratio { get; set; }

    [DataType(DataType.MultilineText)]
    public string Body { get; set; } = "";

    [DataType(DataType.Password)]
    public string Password { get; set; } = "";

    public void Clean(FormErrors errors)
    {
        if (Subject.StartsWith('<'))
        {
            errors.Add("Whole <form> problem.");
        }
    }
}

/// <summary>A positional record: a pattern, a password typed twice, an optional field after the constructor's.</summary>
[Form]
public partial record SignUpForm(
    [property: StringLength(20, MinimumLength = 3), RegularExpression("^[a-z0-9_]+$", ErrorMessage = "Use lower-case letters, digits and underscores.")] string Username,
    [property: DataType(DataType.Password), MinLength(8)] string Password,
    [property: DataType(DataType.Password), Compare("Password"), Display(Name = "Password again")] string Confirm)
{
    [Required(ErrorMessage = "Tell us where you heard of us.")]
    public string? Referrer { get; init; }
}

/// <summary>Feedback for the class-based view.</summary>
[Form]
public partial class FeedbackForm
{
    [MinLength(5)]
    public string Comment { get; set; } = "";
}

public static class FormViews
{
    /// <summary>Every field type: the values as text when the form is valid, else the form with its errors.</summary>
    [Route("forms/fields/", Methods = "GET, POST", Name = "form_fields")]
    public static IResult Fields(FieldsForm form) =>
        form.IsValid ? Results.Text(form.Describe()) : Template.Render("forms/page.html", new { form });

    /// <summary>The contact form rendered every way Django renders a form, for the comparison with Django.</summary>
    [Route("forms/contact/", Methods = "GET, POST", Name = "form_contact")]
    public static TemplateResult Contact(ContactForm form) => Template.Render("forms/parts.html", new { form });

    /// <summary>A sign-up: 201 and the user name when valid; the form again, with a 200, when not.</summary>
    [Route("forms/signup/", Methods = "GET, POST", Name = "form_signup")]
    public static IResult SignUp(SignUpForm form) =>
        form.IsValid
            ? Results.Text($"Welcome, {form.Username} (from {form.Referrer}).", statusCode: StatusCodes.Status201Created)
            : Template.Render("forms/manual.html", new { form });

    /// <summary>A GET-only page that shows an empty form (it posts elsewhere).</summary>
    [Route("forms/empty/", Name = "form_empty")]
    public static TemplateResult Empty(ContactForm form) => Template.Render("forms/page.html", new { form });
}

/// <summary>Django's <c>FileField</c>s: a required photo (PNG or JPEG only) and an optional attachment beside a title.</summary>
[Form]
public partial class UploadForm
{
    [MaxLength(50)]
    public string Title { get; set; } = "";

    [FileExtensions(Extensions = "png, .JPG")]
    public IFormFile Photo { get; set; } = null!;

    public IFormFile? Attachment { get; set; }
}

public static class UploadViews
{
    /// <summary>What was uploaded, read back, when valid; the form again (multipart) when not.</summary>
    [Route("forms/upload/", Methods = "GET, POST", Name = "form_upload")]
    public static async Task<IResult> Upload(UploadForm form)
    {
        if (!form.IsValid)
        {
            return Template.Render("forms/upload.html", new { form });
        }

        using var photo = new StreamReader(form.Photo.OpenReadStream());
        var attachment = form.Attachment is { } file ? $"{file.FileName} ({file.Length} bytes)" : "none";
        return Results.Text($"{form.Title}: {form.Photo.FileName} ({form.Photo.Length} bytes: {await photo.ReadToEndAsync()}), attachment {attachment}");
    }
}

/// <summary>Django's <c>forms.ImageField</c>: an avatar that must be a picture, by its content and its name.</summary>
[Form]
public partial class AvatarForm
{
    [ImageField]
    public IFormFile Avatar { get; set; } = null!;
}

public static class AvatarViews
{
    [Route("forms/avatar/", Methods = "GET, POST", Name = "form_avatar")]
    public static IResult Avatar(AvatarForm form) =>
        form.IsValid ? Results.Text($"{form.Avatar.FileName}: {form.Avatar.Length} bytes") : Template.Render("forms/upload.html", new { form });
}

/// <summary>A class-based view: GET shows the form, POST validates it.</summary>
[Route("forms/feedback/", Name = "form_feedback")]
public static class FeedbackView
{
    public static TemplateResult Get(FeedbackForm form) => Template.Render("forms/page.html", new { form });

    public static IResult Post(FeedbackForm form) =>
        form.IsValid ? Results.Text("Thanks: " + form.Comment) : Template.Render("forms/page.html", new { form });
}

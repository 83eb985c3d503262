using Micro.Generators.Tests.Infrastructure;

namespace Micro.Generators.Tests.Forms;

/// <summary>
/// The generated form code compiled with an app, loaded into a collectible context and run through the app's generated
/// request delegates: unbound on GET, bound and validated on POST, with Django's messages and markup.
/// </summary>
public sealed class FormsCompileAndRunTests
{
    private const string Routes = """
        using Micro.Forms;
        using Shop;

        return MicroApp.Run(args);

        public static class Site
        {
            [Route("contact/", Methods = "GET, POST", Name = "contact")]
            public static string Contact(ContactForm form) =>
                !form.IsBound ? "unbound"
                : form.IsValid ? $"valid: {form.Subject} <{form.Email}> {form.Age} {form.CcMyself} {form.Topic} {form.When:yyyy-MM-dd} {form.Budget}"
                : string.Join("\n", form.Errors.SelectMany(field => form.Errors[field].Select(message => $"{field}: {message}")));

            [Route("contact/html/", Methods = "GET, POST", Name = "contact_html")]
            public static string Html(ContactForm form) =>
                ((ITemplateObject)form).TryGetMember("as_p", out var html) ? html!.ToString()! : "";

            [Route("signup/", Methods = "POST", Name = "signup")]
            public static string SignUp(SignUp form) =>
                form.IsValid ? $"welcome {form.Username}" : string.Join("\n", form.Errors.SelectMany(field => form.Errors[field].Select(message => $"{field}: {message}")));
        }
        """;

    [Fact]
    public async Task A_get_gives_the_handler_an_unbound_form()
    {
        using var app = Load();

        var response = await TestRequest.SendAsync(Route(app, "contact"), TestRequest.Services());

        Assert.Equal(200, response.StatusCode);
        Assert.Equal("unbound", response.Body);
    }

    [Fact]
    public async Task A_valid_post_fills_the_properties()
    {
        using var app = Load();

        var response = await TestRequest.SendAsync(Route(app, "contact"), TestRequest.Services(), method: "POST",
            configure: TestRequest.Form("subject=+Hello+&email=ada%40example.com&age=36&cc_myself=on&topic=Other&when=2024-02-29&budget=12.50&message=Ten+letters+at+least"));

        Assert.Equal("valid: Hello <ada@example.com> 36 True Other 2024-02-29 12.50", response.Body);
    }

    [Fact]
    public async Task An_invalid_post_has_an_error_per_field_and_the_forms_own()
    {
        using var app = Load();

        var response = await TestRequest.SendAsync(Route(app, "contact"), TestRequest.Services(), method: "POST",
            configure: TestRequest.Form("email=nope&age=200&topic=Sales&when=someday&budget=5&message=short"));

        Assert.Equal(
            """
            subject: This field is required.
            email: Enter a valid email address.
            age: Ensure this value is less than or equal to 120.
            when: Enter a valid date.
            message: Ensure this value has at least 10 characters (it has 5).
            budget: Sales talks start at 10.
            """.ReplaceLineEndings("\n"),
            response.Body);
    }

    [Fact]
    public async Task A_bound_form_renders_with_its_errors_and_what_was_typed()
    {
        using var app = Load();

        var response = await TestRequest.SendAsync(Route(app, "contact_html"), TestRequest.Services(), method: "POST",
            configure: TestRequest.Form("subject=%3Cb%3E&email=you%40example.com&topic=Other&when=2024-02-29&budget=abc&message=Long+enough+now"));

        Assert.Contains("<p><label for=\"id_subject\">Subject:</label> <input type=\"text\" name=\"subject\" value=\"&lt;b&gt;\" maxlength=\"100\" required id=\"id_subject\"></p>", response.Body);
        Assert.Contains("<p><label for=\"id_email\">Your email:</label> <input type=\"email\" name=\"email\" value=\"you@example.com\" placeholder=\"you@example.com\" maxlength=\"320\" required aria-describedby=\"id_email_helptext\" id=\"id_email\"> <span class=\"helptext\" id=\"id_email_helptext\">We never share it.</span></p>", response.Body);
        Assert.Contains("<ul class=\"errorlist\" id=\"id_budget_error\"><li>Enter a number.</li></ul>", response.Body);
        Assert.Contains("<option value=\"Other\" selected>Something else</option>", response.Body);
        Assert.Contains("<textarea name=\"message\" cols=\"40\" rows=\"10\" minlength=\"10\" required id=\"id_message\">\nLong enough now</textarea>", response.Body);
    }

    [Fact]
    public async Task A_positional_record_checks_its_pattern_confirmation_and_choices()
    {
        using var app = Load();

        var invalid = await TestRequest.SendAsync(Route(app, "signup"), TestRequest.Services(), method: "POST",
            configure: TestRequest.Form("username=Ada!&password=longenough&confirm=different&invitation=x&language=de"));
        var valid = await TestRequest.SendAsync(Route(app, "signup"), TestRequest.Services(), method: "POST",
            configure: TestRequest.Form("username=ada&password=longenough&confirm=longenough&language=fr"));

        Assert.Equal(
            """
            username: Letters, digits and underscores only.
            invitation: Enter a valid UUID.
            language: Select a valid choice. de is not one of the available choices.
            confirm: 'Confirm' and 'Password' do not match.
            """.ReplaceLineEndings("\n"),
            invalid.Body);
        Assert.Equal("welcome ada", valid.Body);
    }

    [Fact]
    public async Task A_body_that_is_not_a_form_is_refused_before_the_handler()
    {
        using var app = Load();

        var response = await TestRequest.SendAsync(Route(app, "signup"), TestRequest.Services(), method: "POST", configure: TestRequest.Json("{}"));

        Assert.Equal(415, response.StatusCode);
    }

    private const string Validators = """
        using System.ComponentModel.DataAnnotations;

        namespace Club.Forms;

        /// <summary>An app's own check: generated code makes it with its arguments and asks it.</summary>
        public sealed class MultipleOfAttribute(int factor) : ValidationAttribute("The {0} field must be a multiple of " + factor + ".")
        {
            public override bool IsValid(object? value) => value is not int number || number % factor == 0;
        }

        public static partial class Members
        {
            [Form]
            public partial class JoinForm
            {
                [DeniedValues("root", "admin"), Display(Name = "User name")]
                public string Name { get; set; } = "";

                [MultipleOf(5)]
                public int Seats { get; set; }

                [MultipleOf(2, ErrorMessage = "Bring an even number of {0}.")]
                public int? Guests { get; set; }
            }
        }

        public static class Views
        {
            [Route("join/", Methods = "POST", Name = "join")]
            public static string Join(Members.JoinForm form) =>
                form.IsValid ? "joined" : string.Join("\n", form.Errors.SelectMany(field => form.Errors[field].Select(message => $"{field}: {message}")));
        }
        """;

    [Fact]
    public async Task Other_validation_attributes_are_made_and_asked_by_generated_code()
    {
        var run = TestCompilation.Run(("Program.cs", "return MicroApp.Run(args);"), ("Club.cs", Validators)).AssertCompilesCleanly();
        Assert.Contains("Micro.Forms.Club.Forms.Members.JoinForm.g.cs", run.HintNames);
        using var app = LoadedApp.Load(run.Output);

        var refused = await TestRequest.SendAsync(Route(app, "join"), TestRequest.Services(), method: "POST", configure: TestRequest.Form("name=admin&seats=7&guests=3"));
        var joined = await TestRequest.SendAsync(Route(app, "join"), TestRequest.Services(), method: "POST", configure: TestRequest.Form("name=ada&seats=10&guests=2"));

        Assert.Equal(
            """
            name: The User name field equals one of the values specified in DeniedValuesAttribute.
            seats: The Seats field must be a multiple of 5.
            guests: Bring an even number of Guests.
            """.ReplaceLineEndings("\n"),
            refused.Body);
        Assert.Equal("joined", joined.Body);
    }

    private static LoadedApp Load()
    {
        var run = TestCompilation.Run(("Program.cs", Routes), ("Contact.cs", FormApps.ContactForm), ("SignUp.cs", FormApps.SignUpRecord)).AssertCompilesCleanly();
        return LoadedApp.Load(run.Output);
    }

    private static Func<IServiceProvider, Microsoft.AspNetCore.Http.RequestDelegate> Route(LoadedApp app, string name) =>
        app.Manifest.Routes.FindByName(name)!.CreateRequestDelegate;
}

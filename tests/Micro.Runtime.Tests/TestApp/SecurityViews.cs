namespace Micro.Runtime.Tests.TestApp;

/// <summary>Pages and forms for the CSRF, host, header and messages tests.</summary>
public static class SecurityViews
{
    [Route("sec/form/", Name = "sec_form")]
    public static TemplateResult FormPage() => Template.Render("sec/form.html", new { title = "Form" });

    [Route("sec/plain/")]
    public static TemplateResult PlainPage() => Template.Render("sec/plain.html", new { title = "Plain" });

    [Route("sec/submit/", Methods = "POST,PUT,DELETE,PATCH")]
    public static string Submit(HttpContext context) => "accepted " + context.Request.Method;

    [Route("sec/submit-form/", Methods = "POST")]
    public static string SubmitForm([FromForm] string title) => "saved " + title;

    [CsrfExempt]
    [Route("sec/exempt/", Methods = "POST")]
    public static string Exempt() => "exempt";

    [Route("sec/framed/")]
    public static string Framed(HttpContext context)
    {
        context.Response.Headers["X-Frame-Options"] = "SAMEORIGIN";
        return "framed";
    }

    [Route("sec/flash/", Methods = "POST")]
    public static IResult Flash(HttpContext context, [FromForm] string text, [FromForm] int count = 1)
    {
        for (var i = 1; i <= count; i++)
        {
            Messages.Success(context, count == 1 ? text : $"{text} {i}");
        }

        Messages.Debug(context, "debug messages are dropped");
        Messages.Add(context, MessageLevel.Warning, "Check your input.", extraTags: "sticky");
        return Results.Redirect(Urls.SecMessages());
    }

    [Route("sec/messages/", Name = "sec_messages")]
    public static TemplateResult MessagesPage() => Template.Render("sec/messages.html", new { title = "Messages" });

    [Route("sec/messages/count/")]
    public static TemplateResult MessageCount() => Template.Render("sec/count.html", new { title = "Count" });

    [Route("sec/messages/then-add/")]
    public static TemplateResult ReadThenAdd(HttpContext context)
    {
        // Shown now: the loop reads the old ones; the one added here waits for the next page.
        var shown = string.Join(",", Messages.Get(context).Select(static m => m.Text));
        Messages.Info(context, "added after reading");
        return Template.Render("sec/plain.html", new { title = shown });
    }

    [Route("sec/request/")]
    public static TemplateResult RequestPage() => Template.Render("sec/request.html", new { title = "Request" });
}

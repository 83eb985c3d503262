using System.Net;
using System.Text.RegularExpressions;
using Xunit;

namespace Micro.Native.Tests;

/// <summary>The admin served by the native sample app: its login, adding an author and a post, the change list with a search, users and groups, and its stylesheet and script.</summary>
[Collection(NativeCollection.Name)]
[Trait("Category", "Slow")]
public sealed partial class NativeAdminTests(NativeSampleApp app)
{
    [Fact]
    public async Task The_superuser_logs_in_adds_an_author_and_a_post_and_finds_it_in_the_list()
    {
        using var browser = new NativeBrowser(app.Client.BaseAddress!);
        var anonymous = await browser.GetAsync("/admin/");
        Assert.Equal(HttpStatusCode.Found, anonymous.StatusCode);
        Assert.Equal("/admin/login/?next=/admin/", anonymous.Headers.Location?.OriginalString);

        var loginPage = await browser.GetStringAsync("/admin/login/?next=/admin/");
        var login = await browser.PostFormAsync("/admin/login/", loginPage, ("username", "admin"), ("password", NativeSampleApp.AdminPassword));
        Assert.Equal(HttpStatusCode.Found, login.StatusCode);
        Assert.Equal("/admin/", login.Headers.Location?.OriginalString);

        var index = await browser.GetStringAsync("/admin/");
        Assert.Contains("<a href=\"/admin/blog/blogpost/\">Blog posts</a>", index);
        Assert.Contains("<a href=\"/admin/blog/author/\">Authors</a>", index);

        var authorPage = await browser.GetStringAsync("/admin/blog/author/add/");
        Assert.Contains("<input type=\"text\" name=\"blogpost_set-0-title\" maxlength=\"200\" id=\"id_blogpost_set-0-title\">", authorPage);
        var author = await browser.PostFormAsync("/admin/blog/author/add/", authorPage, ("name", "Native Nell"), ("_save", "Save"),
            ("blogpost_set-TOTAL_FORMS", "1"), ("blogpost_set-INITIAL_FORMS", "0"), ("blogpost_set-0-title", "Written inline"),
            ("blogpost_set-0-slug", "written-inline"), ("blogpost_set-0-year", "2026"), ("blogpost_set-0-published", "on"));
        Assert.Equal(HttpStatusCode.Found, author.StatusCode);
        Assert.Contains("<td>Native Nell</td>", await browser.GetStringAsync("/admin/blog/blogpost/?q=written-inline"));

        var postPage = await browser.GetStringAsync("/admin/blog/blogpost/add/");
        // The post's author is an autocomplete field: the page lists no author, the search finds her (Django's JSON).
        Assert.DoesNotContain("Native Nell", postPage);
        Assert.Contains("<details><summary><h2 id=\"fieldset-2-heading\" class=\"fieldset-heading\">Publishing</h2></summary>", postPage);
        Assert.Contains("data-fields=\"[{&quot;id&quot;:&quot;id_slug&quot;,&quot;from&quot;:[&quot;id_title&quot;],&quot;maxLength&quot;:200}]\"", postPage);
        Assert.Contains("data-url=\"/admin/autocomplete/?app_label=blog&amp;model_name=blogpost&amp;field_name=author\"", postPage);
        var search = await browser.GetStringAsync("/admin/autocomplete/?app_label=blog&model_name=blogpost&field_name=author&term=native+nell");
        var nell = AuthorFound().Match(search);
        Assert.True(nell.Success, search);
        Assert.EndsWith("\"pagination\":{\"more\":false}}", search);
        var invalid = await browser.PostFormAsync("/admin/blog/blogpost/add/", postPage,
            ("title", ""), ("slug", "compiled-ahead-of-time"), ("year", "twenty"), ("body", "Served natively."), ("author", nell.Groups[1].Value), ("published", "on"));
        Assert.Equal(HttpStatusCode.OK, invalid.StatusCode);
        var errors = await invalid.Content.ReadAsStringAsync();
        Assert.Contains("<ul class=\"errorlist\" id=\"id_title_error\"><li>This field is required.</li></ul>", errors);
        Assert.Contains("<ul class=\"errorlist\" id=\"id_year_error\"><li>Enter a whole number.</li></ul>", errors);

        var added = await browser.PostFormAsync("/admin/blog/blogpost/add/", postPage,
            ("title", "Compiled ahead of time"), ("slug", "compiled-ahead-of-time"), ("year", "2026"), ("body", "Served natively."), ("author", nell.Groups[1].Value), ("published", "on"));
        Assert.Equal(HttpStatusCode.Found, added.StatusCode);
        Assert.Equal("/admin/blog/blogpost/", added.Headers.Location?.OriginalString);

        var list = await browser.GetStringAsync("/admin/blog/blogpost/?q=ahead");
        Assert.Contains("The blog post “Compiled ahead of time” was added successfully.", list);
        Assert.Contains(">Compiled ahead of time</a>", list);
        Assert.Contains("<td>Native Nell</td>", list);
        Assert.Contains("1 result", list);
        Assert.Contains("<input type=\"checkbox\" name=\"form-0-published\" id=\"id_form-0-published\" checked>", list);

        // The sample's own action, generated: unpublish the post just added, and only it.
        var postId = PostCheckbox().Match(list);
        Assert.True(postId.Success, list);
        var unpublished = await browser.PostFormAsync("/admin/blog/blogpost/?q=ahead", list, ("action", "unpublish"), ("_selected_action", postId.Groups[1].Value), ("index", "0"));
        Assert.Equal(HttpStatusCode.Found, unpublished.StatusCode);
        var afterAction = await browser.GetStringAsync("/admin/blog/blogpost/?published__exact=0");
        Assert.Contains("1 post was unpublished.", afterAction);
        Assert.Contains(">Compiled ahead of time</a>", afterAction);
        Assert.Contains("1 blog post", afterAction);

        // Users and groups: Micro's own admin pages, written by hand, in the same binary.
        Assert.Contains("<a href=\"/admin/auth/user/\">Users</a>", index);
        var groupPage = await browser.GetStringAsync("/admin/auth/group/add/");
        var viewPosts = PermissionOption().Match(groupPage);
        Assert.True(viewPosts.Success, groupPage);
        var group = await browser.PostFormAsync("/admin/auth/group/add/", groupPage, ("name", "native readers"), ("permissions", viewPosts.Groups[1].Value));
        Assert.Equal(HttpStatusCode.Found, group.StatusCode);
        var userPage = await browser.GetStringAsync("/admin/auth/user/add/");
        var user = await browser.PostFormAsync("/admin/auth/user/add/", userPage, ("username", "native-reader"), ("password1", "plum tree evening 42"), ("password2", "plum tree evening 42"));
        Assert.Equal(HttpStatusCode.Found, user.StatusCode);
        var changeUrl = user.Headers.Location!.OriginalString;
        Assert.Matches("^/admin/auth/user/[0-9]+/change/$", changeUrl);
        var changePage = await browser.GetStringAsync(changeUrl);
        Assert.Contains("algorithm: pbkdf2_sha256", changePage);
        var readers = GroupOption().Match(changePage);
        Assert.True(readers.Success, changePage);
        var changed = await browser.PostFormAsync(changeUrl, changePage,
            ("username", "native-reader"), ("email", "reader@example.com"), ("is_active", "on"), ("is_staff", "on"), ("groups", readers.Groups[1].Value));
        Assert.Equal(HttpStatusCode.Found, changed.StatusCode);
        Assert.Contains("name=\"groups\" value=\"" + readers.Groups[1].Value + "\" checked", await browser.GetStringAsync(changeUrl));

        using var reader = new NativeBrowser(app.Client.BaseAddress!);
        var readerLogin = await reader.PostFormAsync("/admin/login/", await reader.GetStringAsync("/admin/login/"), ("username", "native-reader"), ("password", "plum tree evening 42"));
        Assert.Equal(HttpStatusCode.Found, readerLogin.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync("/admin/blog/blogpost/")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await reader.GetAsync("/admin/auth/user/")).StatusCode);

        var css = await browser.GetAsync("/admin/static/admin.css");
        Assert.Equal(HttpStatusCode.OK, css.StatusCode);
        Assert.Equal("text/css; charset=utf-8", css.Content.Headers.ContentType?.ToString());
        var script = await browser.GetAsync("/admin/static/inlines.js");
        Assert.Equal("text/javascript; charset=utf-8", script.Content.Headers.ContentType?.ToString());
        Assert.Contains("__prefix__", await script.Content.ReadAsStringAsync());
        var autocomplete = await browser.GetAsync("/admin/static/autocomplete.js");
        Assert.Equal("text/javascript; charset=utf-8", autocomplete.Content.Headers.ContentType?.ToString());
        Assert.Contains("autocomplete-search", await autocomplete.Content.ReadAsStringAsync());
        Assert.Contains("data-popup-opener", await browser.GetStringAsync("/admin/static/related.js"));
        Assert.Contains("const urlify = (text, maxLength) =>", await browser.GetStringAsync("/admin/static/prepopulate.js"));
    }

    [GeneratedRegex("<input type=\"checkbox\" name=\"_selected_action\" value=\"(\\d+)\" aria-label=\"Select Compiled ahead of time\">")]
    private static partial Regex PostCheckbox();

    [GeneratedRegex("^\\{\"results\":\\[\\{\"id\":\"(\\d+)\",\"text\":\"Native Nell\"\\}\\]")]
    private static partial Regex AuthorFound();

    [GeneratedRegex("<input type=\"checkbox\" name=\"permissions\" value=\"(\\d+)\"> Blog \\| blog post \\| Can view blog post</label>")]
    private static partial Regex PermissionOption();

    [GeneratedRegex("<input type=\"checkbox\" name=\"groups\" value=\"(\\d+)\"> native readers</label>")]
    private static partial Regex GroupOption();
}

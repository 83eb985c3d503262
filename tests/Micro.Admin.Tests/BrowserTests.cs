using System.Text.RegularExpressions;
using Micro.Admin.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Micro.Admin.Tests;

/// <summary>
/// The admin in a real browser: headless Chromium (Debian's <c>chromium</c> package, which <c>.ci/run</c> installs; Playwright's own
/// browsers can't be downloaded here) logs in, adds an article with an error and fixes it, searches, filters, edits and deletes,
/// with a screenshot of each page in <c>screenshots/</c> under the test output.
/// </summary>
public sealed class BrowserTests(AdminServer server) : IClassFixture<AdminServer>, IAsyncLifetime
{
    private const string Chromium = "/usr/bin/chromium";

    private readonly string _screenshots = Path.Combine(AppContext.BaseDirectory, "screenshots");
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public async Task InitializeAsync()
    {
        Assert.True(File.Exists(Chromium), $"The browser tests drive Debian's Chromium at {Chromium}: install it with 'apt-get install chromium' (bash .ci/run does).");
        Directory.CreateDirectory(_screenshots);

        // Playwright's own waits default to 30 s; its assertions' to 5 s, short for a loaded CI machine.
        SetDefaultExpectTimeout(30_000);
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new() { ExecutablePath = Chromium, Headless = true, Args = ["--no-sandbox"] });
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }

        _playwright?.Dispose();
    }

    private async Task<IPage> NewPageAsync(int width = 1280)
    {
        var context = await _browser!.NewContextAsync(new() { BaseURL = server.BaseAddress.ToString(), ViewportSize = new() { Width = width, Height = 900 } });
        return await context.NewPageAsync();
    }

    /// <summary>Logs in through the admin's login page as <paramref name="username"/>, landing on the index.</summary>
    private async Task LogInAsync(IPage page, string username)
    {
        await page.GotoAsync("/admin/login/");
        await page.FillAsync("#id_username", username);
        await page.FillAsync("#id_password", AdminServer.Password);
        await page.ClickAsync("input[type=submit]");
        await ExpectAtAsync(page, "/admin/");
    }

    private Task ShotAsync(IPage page, string name) => page.ScreenshotAsync(new() { Path = Path.Combine(_screenshots, name + ".png"), FullPage = true });

    /// <summary>
    /// Runs a test's steps on <paramref name="page"/>; when one fails, the page it failed on is kept (a screenshot named after the
    /// test) and its address and text go into the failure, so a failure seen once in CI can be read from the log.
    /// </summary>
    private async Task WithEvidenceAsync(IPage page, string test, Func<Task> steps)
    {
        try
        {
            await steps();
        }
        catch (Exception failure) when (failure is not BrowserFailure)
        {
            string text;
            try
            {
                await ShotAsync(page, "failed-" + test);
                text = await page.InnerTextAsync("body", new() { Timeout = 5_000 });
            }
            catch (PlaywrightException unreadable)
            {
                text = "(the page could not be read: " + unreadable.Message + ")";
            }

            throw new BrowserFailure($"{failure.Message}\nThe page was {page.Url}, reading:\n{text[..Math.Min(text.Length, 2_000)]}", failure);
        }
    }

    private sealed class BrowserFailure(string message, Exception inner) : Exception(message, inner);

    /// <summary>
    /// Waits until the page is at exactly <paramref name="pathAndQuery"/> on the test server. Each step waits this way, or on a
    /// locator assertion that retries, rather than on load events: a pattern such as <c>**/admin/newsroom/article/</c> also
    /// matches the login page's <c>?next=/admin/newsroom/article/</c>, so the wait could end before the login's redirect did.
    /// </summary>
    private Task ExpectAtAsync(IPage page, string pathAndQuery) => Expect(page).ToHaveURLAsync(new Uri(server.BaseAddress, pathAndQuery).ToString());

    [Fact]
    public async Task An_editor_manages_articles_from_login_to_delete()
    {
        var page = await NewPageAsync();
        await WithEvidenceAsync(page, nameof(An_editor_manages_articles_from_login_to_delete), async () =>
        {
            await page.GotoAsync("/admin/newsroom/article/");
            await ExpectAtAsync(page, "/admin/login/?next=/admin/newsroom/article/");
            await ShotAsync(page, "01-login");
            await page.FillAsync("#id_username", "editor");
            await page.FillAsync("#id_password", AdminServer.Password);
            await page.ClickAsync("input[type=submit]");
            await ExpectAtAsync(page, "/admin/newsroom/article/");
            await Expect(page.Locator("h1")).ToHaveTextAsync("Select article to change");
            await ShotAsync(page, "02-change-list");

            // Add, with a slug that isn't one, then fix it.
            await page.ClickAsync("text=Add article");
            await ExpectAtAsync(page, "/admin/newsroom/article/add/");
            await page.FillAsync("#id_title", "Written in a browser");
            await page.FillAsync("#id_slug", "Not a slug");
            await page.FillAsync("#id_body", "Typed into a textarea.");

            // "Publishing" is a folded fieldset: its fields can't be used until it is opened.
            await Expect(page.Locator("#id_status")).ToBeHiddenAsync();
            await page.ClickAsync("summary:has-text('Publishing')");
            await page.SelectOptionAsync("#id_status", "Published");
            await page.CheckAsync("#id_featured");
            await page.FillAsync("#id_published", "2024-06-15T09:30");
            // The writer is an autocomplete field: its select holds no writer until a search finds some.
            await Expect(page.Locator("#id_writer option")).ToHaveTextAsync(["---------"]);
            await page.FillAsync(".field-writer input.autocomplete-search", "gra");
            await Expect(page.Locator("#id_writer option")).ToHaveTextAsync(["---------", "Grace"]);
            await page.SelectOptionAsync("#id_writer", new SelectOptionValue { Label = "Grace" });
            await page.ClickAsync("input[name=_save]");
            await Expect(page.Locator(".field-slug")).ToContainTextAsync("Enter a valid slug.");
            await Expect(page.Locator("#id_title")).ToHaveValueAsync("Written in a browser");
            await ShotAsync(page, "03-add-with-error");
            await page.FillAsync("#id_slug", "written-in-a-browser");
            await page.ClickAsync("input[name=_save]");
            await ExpectAtAsync(page, "/admin/newsroom/article/");
            await Expect(page.Locator(".messagelist")).ToContainTextAsync("The article “Written in a browser” was added successfully.");
            await ShotAsync(page, "04-added");

            // Search, then filter.
            await page.FillAsync("#searchbar", "browser");
            await page.PressAsync("#searchbar", "Enter");
            await ExpectAtAsync(page, "/admin/newsroom/article/?q=browser");
            await Expect(page.Locator("#result_list tbody th a")).ToHaveTextAsync(["Written in a browser"]);
            await ShotAsync(page, "05-search");
            await page.GotoAsync("/admin/newsroom/article/");
            await page.ClickAsync("#changelist-filter >> text=Grace");
            await Expect(page).ToHaveURLAsync(new Regex(@"[?&]writer__id__exact=2(&|$)"));
            await Expect(page.Locator("#result_list tbody tr")).ToHaveCountAsync(5);
            await ShotAsync(page, "06-filter");

            // Edit.
            await page.ClickAsync("text=Written in a browser");
            await page.FillAsync("#id_title", "Edited in a browser");
            await page.ClickAsync("input[name=_continue]");
            await Expect(page.Locator(".messagelist")).ToContainTextAsync("You may edit it again below.");
            await Expect(page.Locator("#id_title")).ToHaveValueAsync("Edited in a browser");
            await ShotAsync(page, "07-edited");
            await page.ClickAsync("text=History");
            await Expect(page.Locator("#change-history")).ToContainTextAsync("Changed Title.");
            await ShotAsync(page, "08-history");

            // Delete, through the confirmation page.
            await page.GoBackAsync();
            await page.ClickAsync("a.deletelink");
            await Expect(page.Locator("#content")).ToContainTextAsync("Are you sure you want to delete the article “Edited in a browser”?");
            await ShotAsync(page, "09-delete");
            await page.ClickAsync("input[value='Yes, I’m sure']");

            // Back to the list as it was left, filtered by writer (Django's preserve_filters).
            await ExpectAtAsync(page, "/admin/newsroom/article/?writer__id__exact=2");
            await Expect(page.Locator(".messagelist")).ToContainTextAsync("was deleted successfully.");
            Assert.Equal("0", server.Scalar("SELECT COUNT(*) FROM Articles WHERE Slug = 'written-in-a-browser'"));
            await ShotAsync(page, "10-deleted");
        });
    }

    [Fact]
    public async Task Add_another_copies_the_inlines_empty_form_and_the_new_lines_save()
    {
        var page = await NewPageAsync();
        await WithEvidenceAsync(page, nameof(Add_another_copies_the_inlines_empty_form_and_the_new_lines_save), async () =>
        {
            await LogInAsync(page, "editor");
            var article = server.ArticleId("story-05");
            await page.GotoAsync($"/admin/newsroom/article/{article}/change/");

            // Two empty lines (Extra = 2); "Add another" makes a third, numbered after them.
            await Expect(page.Locator("#comment_set-group tr.form-row")).ToHaveCountAsync(2);
            await page.ClickAsync("text=Add another Comment");
            await Expect(page.Locator("#comment_set-group tr.form-row")).ToHaveCountAsync(3);
            await Expect(page.Locator("#id_comment_set-TOTAL_FORMS")).ToHaveValueAsync("3");
            await page.FillAsync("#id_comment_set-0-text", "Typed in the first line");
            await page.FillAsync("#id_comment_set-2-text", "Typed in an added line");
            await ShotAsync(page, "12-inline-add-another");
            await page.ClickAsync("input[name=_continue]");
            await Expect(page.Locator(".messagelist")).ToContainTextAsync("You may edit it again below.");
            Assert.Equal(
                ["Typed in an added line", "Typed in the first line"],
                server.Query($"SELECT \"Text\" FROM \"Comments\" WHERE \"ArticleId\" = {article} ORDER BY \"Text\""));
        });
    }

    [Fact]
    public async Task A_comment_added_with_add_another_searches_its_replier_and_looks_up_its_approver()
    {
        var page = await NewPageAsync();
        await WithEvidenceAsync(page, nameof(A_comment_added_with_add_another_searches_its_replier_and_looks_up_its_approver), async () =>
        {
            await LogInAsync(page, "super");
            var article = server.ArticleId("story-07");
            var grace = server.Scalar("SELECT \"Id\" FROM \"Writers\" WHERE \"Name\" = 'Grace'");
            await page.GotoAsync($"/admin/newsroom/article/{article}/change/");

            // A line "Add another" makes (after the two empty ones) gets its own search box, which fills its select.
            await page.ClickAsync("text=Add another Comment");
            var search = page.Locator("#comment_set-2 input.autocomplete-search");
            await Expect(search).ToBeVisibleAsync();
            await search.FillAsync("gra");
            await Expect(page.Locator("#id_comment_set-2-replier option", new() { HasText = "Grace" })).ToHaveCountAsync(1);
            await page.SelectOptionAsync("#id_comment_set-2-replier", grace);
            await page.FillAsync("#id_comment_set-2-text", "Answered by Grace");

            // Its lookup opens the writers in a popup, where choosing Grace puts her key in the box.
            var popup = await page.RunAndWaitForPopupAsync(() => page.ClickAsync("#lookup_id_comment_set-2-approver"));
            await popup.ClickAsync("text=Grace");
            await Expect(page.Locator("#id_comment_set-2-approver")).ToHaveValueAsync(grace);
            await ShotAsync(page, "17-inline-references");
            await page.ClickAsync("input[name=_continue]");
            await Expect(page.Locator(".messagelist")).ToContainTextAsync("You may edit it again below.");
            Assert.Equal([$"{grace}|{grace}"], server.Query($"SELECT \"ReplierId\", \"ApproverId\" FROM \"Comments\" WHERE \"Text\" = 'Answered by Grace'"));
        });
    }

    [Fact]
    public async Task An_inline_rows_slug_fills_from_its_title_in_rows_shown_and_rows_added()
    {
        var page = await NewPageAsync();
        await WithEvidenceAsync(page, nameof(An_inline_rows_slug_fills_from_its_title_in_rows_shown_and_rows_added), async () =>
        {
            await LogInAsync(page, "super");
            await page.GotoAsync("/admin/newsroom/writer/add/");

            await page.FillAsync("#id_article_set-0-title", "First Draft!");
            await Expect(page.Locator("#id_article_set-0-slug")).ToHaveValueAsync("first-draft");
            await page.ClickAsync("text=Add another Article");
            await page.FillAsync("#id_article_set-1-title", "Déjà Vu");
            await Expect(page.Locator("#id_article_set-1-slug")).ToHaveValueAsync("deja-vu");
            // The first line's slug still follows its own title only.
            await Expect(page.Locator("#id_article_set-0-slug")).ToHaveValueAsync("first-draft");
        });
    }

    [Fact]
    public async Task The_slug_fills_from_the_title_until_it_is_edited_and_a_saved_one_stays()
    {
        var page = await NewPageAsync();
        await WithEvidenceAsync(page, nameof(The_slug_fills_from_the_title_until_it_is_edited_and_a_saved_one_stays), async () =>
        {
            await LogInAsync(page, "editor");
            await page.GotoAsync("/admin/newsroom/article/add/");

            // Django's URLify: accents dropped, letters of their own spelled out, punctuation gone, spaces to hyphens, lower case.
            await page.FillAsync("#id_title", "Ça va? Straße & Œuvre -- déjà vu!");
            await Expect(page.Locator("#id_slug")).ToHaveValueAsync("ca-va-strasse-oeuvre-deja-vu");

            // Cut to the slug's MaxLength (100), with no hyphen left at the end.
            await page.FillAsync("#id_title", string.Concat(Enumerable.Repeat("word ", 30)));
            var slug = await page.InputValueAsync("#id_slug");
            Assert.True(slug.Length <= 100 && !slug.EndsWith('-') && slug.StartsWith("word-word-", StringComparison.Ordinal), slug);

            // Once the slug is edited by hand, the title no longer changes it.
            await page.FillAsync("#id_slug", "chosen-by-hand");
            await page.Locator("#id_slug").DispatchEventAsync("change");
            await page.FillAsync("#id_title", "Another title");
            await Expect(page.Locator("#id_slug")).ToHaveValueAsync("chosen-by-hand");

            // A saved article's slug (its address) stays as it is when its title changes.
            await page.GotoAsync($"/admin/newsroom/article/{server.ArticleId("story-06")}/change/");
            await page.FillAsync("#id_title", "A new title for story six");
            await Expect(page.Locator("#id_slug")).ToHaveValueAsync("story-06");
        });
    }

    [Fact]
    public async Task Lookup_opens_the_articles_in_a_popup_and_a_row_chosen_there_fills_the_key_box()
    {
        var page = await NewPageAsync();
        await WithEvidenceAsync(page, nameof(Lookup_opens_the_articles_in_a_popup_and_a_row_chosen_there_fills_the_key_box), async () =>
        {
            await LogInAsync(page, "editor");
            // A comment of its own: the other tests here delete comments.
            await using (var scope = server.App.Services.CreateAsyncScope())
            {
                await scope.ServiceProvider.GetRequiredService<Db>().Comments.CreateAsync(new AdminApp.Comment { ArticleId = int.Parse(server.ArticleId("story-01")), Text = "Looked up" });
            }

            var comment = server.Scalar("SELECT \"Id\" FROM \"Comments\" WHERE \"Text\" = 'Looked up'");
            await page.GotoAsync($"/admin/newsroom/comment/{comment}/change/");

            // The list in a popup, without the site's header, actions or checkboxes; its search keeps it a popup.
            var popup = await page.RunAndWaitForPopupAsync(() => page.ClickAsync("#lookup_id_article"));
            await popup.WaitForURLAsync(new Regex(@"/admin/newsroom/article/\?_popup=1$"));
            await Expect(popup.Locator("#header")).ToHaveCountAsync(0);
            await Expect(popup.Locator("input[name=_selected_action]")).ToHaveCountAsync(0);
            await popup.FillAsync("#searchbar", "Story 07");
            await popup.PressAsync("#searchbar", "Enter");
            await Expect(popup.Locator("#result_list tbody th a")).ToHaveTextAsync(["Story 07"]);
            Assert.Contains("_popup=1", popup.Url);
            await ShotAsync(popup, "13-lookup-popup");

            var closed = new TaskCompletionSource();
            popup.Close += (_, _) => closed.TrySetResult();
            await popup.ClickAsync("#result_list tbody th a");
            await closed.Task.WaitAsync(TimeSpan.FromSeconds(30));
            var article = server.ArticleId("story-07");
            await Expect(page.Locator("#id_article")).ToHaveValueAsync(article);
            await page.ClickAsync("input[name=_save]");
            await Expect(page.Locator(".messagelist")).ToContainTextAsync("was changed successfully.");
            Assert.Equal(article, server.Scalar($"SELECT \"ArticleId\" FROM \"Comments\" WHERE \"Id\" = {comment}"));
        });
    }

    [Fact]
    public async Task The_plus_beside_a_select_adds_a_writer_in_a_popup_and_the_pencil_renames_her()
    {
        var page = await NewPageAsync();
        await WithEvidenceAsync(page, nameof(The_plus_beside_a_select_adds_a_writer_in_a_popup_and_the_pencil_renames_her), async () =>
        {
            await LogInAsync(page, "super");
            await page.GotoAsync("/admin/newsroom/article/add/");

            var popup = await page.RunAndWaitForPopupAsync(() => page.ClickAsync("#add_id_writer"));
            await popup.WaitForURLAsync(new Regex(@"/admin/newsroom/writer/add/\?_popup=1$"));
            await Expect(popup.Locator("#header")).ToHaveCountAsync(0);
            await popup.FillAsync("#id_name", "Hedy");
            await popup.FillAsync("#id_email", "hedy@example.com");
            await ShotAsync(popup, "14-add-related-popup");
            var closed = new TaskCompletionSource();
            popup.Close += (_, _) => closed.TrySetResult();
            await popup.ClickAsync("input[name=_save]");
            await closed.Task.WaitAsync(TimeSpan.FromSeconds(30));

            // The new writer is chosen in the article's select; the pencil, which follows the select, renames her in a popup.
            await Expect(page.Locator("#id_writer option:checked")).ToHaveTextAsync("Hedy");
            var change = await page.RunAndWaitForPopupAsync(() => page.ClickAsync("#change_id_writer"));
            await change.WaitForURLAsync(new Regex(@"/admin/newsroom/writer/[0-9]+/change/\?_popup=1$"));
            await change.FillAsync("#id_name", "Hedy Lamarr");
            var changeClosed = new TaskCompletionSource();
            change.Close += (_, _) => changeClosed.TrySetResult();
            await change.ClickAsync("input[name=_save]");
            await changeClosed.Task.WaitAsync(TimeSpan.FromSeconds(30));
            await Expect(page.Locator("#id_writer option:checked")).ToHaveTextAsync("Hedy Lamarr");

            // The article saves with her.
            await page.FillAsync("#id_title", "Added with a new writer");
            await page.FillAsync("#id_slug", "added-with-a-new-writer");
            await page.FillAsync("#id_body", "Typed after the popup closed.");
            await page.ClickAsync("summary:has-text('Publishing')");
            await page.SelectOptionAsync("#id_status", "Published");
            await page.FillAsync("#id_published", "2024-07-01T10:00");
            await page.ClickAsync("input[name=_save]");
            await Expect(page.Locator(".messagelist")).ToContainTextAsync("was added successfully.");
            Assert.Equal("Hedy Lamarr", server.Scalar("SELECT w.\"Name\" FROM \"Articles\" a JOIN \"Writers\" w ON w.\"Id\" = a.\"WriterId\" WHERE a.\"Slug\" = 'added-with-a-new-writer'"));
        });
    }

    [Fact]
    public async Task The_bulk_delete_works_without_javascript_on_a_narrow_screen()
    {
        var context = await _browser!.NewContextAsync(new() { BaseURL = server.BaseAddress.ToString(), JavaScriptEnabled = false, ViewportSize = new() { Width = 390, Height = 844 } });
        var page = await context.NewPageAsync();
        await WithEvidenceAsync(page, nameof(The_bulk_delete_works_without_javascript_on_a_narrow_screen), async () =>
        {
            await LogInAsync(page, "super");
            // Other tests of this class add comments: one fewer than there are.
            var left = (int.Parse(server.Scalar("SELECT COUNT(*) FROM Comments"), System.Globalization.CultureInfo.InvariantCulture) - 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
            await page.GotoAsync("/admin/newsroom/comment/");
            await page.CheckAsync("input[name=_selected_action] >> nth=0");
            await page.SelectOptionAsync("select[name=action]", "delete_selected");
            await page.ClickAsync("button[name=index]");
            await Expect(page.Locator("#content")).ToContainTextAsync("Are you sure you want to delete the selected comments?");
            await ShotAsync(page, "11-bulk-delete-phone");
            await page.ClickAsync("input[value='Yes, I’m sure']");
            await Expect(page.Locator(".messagelist")).ToContainTextAsync("Successfully deleted 1 comment.");
            Assert.Equal(left, server.Scalar("SELECT COUNT(*) FROM Comments"));
        });
    }
}

// Each page rendered by every renderer; one BenchmarkDotNet class, the page a parameter, so every page has its ratios to
// the hand-written StringBuilder. A new renderer is one more [Benchmark] method (and one more case in Program.cs's check).
using System.Globalization;
using System.Text;
using BenchmarkDotNet.Attributes;
using Fluid;
using HandlebarsDotNet;
using Micro;
using Micro.Hosting;
using Micro.Templates;
using RazorSlices;
using FluidContext = Fluid.TemplateContext;
using FluidOptions = Fluid.TemplateOptions;
using MicroOptions = Micro.TemplateOptions;

namespace TemplateBench;

[MemoryDiagnoser]
public class TemplateBenchmarks
{
    [Params(Page.List, Page.Fortunes)]
    public Page Page { get; set; }

    private ListPage _list = null!;
    private List<Fortune> _fortunes = null!;

    private Template _micro = null!;
    private Template _microCompiled = null!;
    private object? _microModel;
    private HandlebarsTemplate<object, object> _handlebars = null!;
    private object _handlebarsContext = null!;
    private IFluidTemplate _fluid = null!;
    private FluidOptions _fluidOptions = null!;

    /// <summary>The template texts: templates/ (Micro's), handlebars/, liquid/ next to the assembly; Slices/ is compiled in.</summary>
    public static string ReadTemplate(string path) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, path));

    [GlobalSetup]
    public void Setup()
    {
        _list = PageData.List();
        _fortunes = PageData.Fortunes();
        var name = Page == Page.List ? "list" : "fortunes";

        // Micro: the app's engine as a Micro app has it (the generated accessors, the embedded templates/), the model an anonymous
        // object as a route passes it. The two rows differ only in whether the generator's compiled code is used.
        var manifest = AppManifest.Create(typeof(TemplateBenchmarks).Assembly);
        var result = Page == Page.List ? MicroPages.List(_list) : MicroPages.Fortunes(_fortunes);
        _microModel = result.Model;
        _micro = MicroEngine(manifest, compiled: false).GetTemplate(result.TemplateName);
        _microCompiled = MicroEngine(manifest, compiled: true).GetTemplate(result.TemplateName);
        if (_micro.IsCompiled || !_microCompiled.IsCompiled)
        {
            throw new InvalidOperationException($"{result.TemplateName}: expected one interpreted and one compiled template.");
        }

        // Handlebars.Net: compiled once; helpers for the filters it doesn't have; its own HTML escaping.
        var handlebars = HandlebarsDotNet.Handlebars.Create();
        handlebars.RegisterHelper("upper", (context, arguments) => ((string)arguments[0]!).ToUpperInvariant());
        handlebars.RegisterHelper("floatformat", (context, arguments) => ((decimal)arguments[0]!).ToString("0.00", CultureInfo.InvariantCulture));
        handlebars.RegisterHelper("default", (context, arguments) => arguments[0] as string ?? "-");
        _handlebars = handlebars.Compile(ReadTemplate($"handlebars/{name}.hbs"));
        _handlebarsContext = Page == Page.List ? new { title = _list.Title, items = _list.Items } : new { fortunes = _fortunes };

        // Fluid: parsed once; its own filters (upcase, size, format_number, default); members read by reflection, in camelCase.
        _fluidOptions = new TemplateOptionsBuilder().WithModelNamesComparer(StringComparers.CamelCase).Build();
        _fluid = new FluidParser().Parse(ReadTemplate($"liquid/{name}.liquid"));
    }

    [Benchmark(Description = "Micro (compiled)")]
    public string MicroCompiled() => _microCompiled.Render(_microModel);

    [Benchmark(Description = "Micro (interpreted)")]
    public string MicroInterpreted() => _micro.Render(_microModel);

    private static TemplateEngine MicroEngine(AppManifest manifest, bool compiled) => new(new MicroOptions
    {
        Loader = new EmbeddedTemplateLoader(manifest.Assembly),
        Accessors = manifest.TemplateAccessors,
        Library = manifest.TemplateLibrary,
        CompiledTemplates = compiled ? manifest.CompiledTemplates : null,
    });

    [Benchmark(Description = "Handlebars.Net")]
    public string Handlebars() => _handlebars(_handlebarsContext);

    /// <summary>A context per render, as Fluid's documentation builds one; the values set by name.</summary>
    [Benchmark(Description = "Fluid")]
    public string Fluid()
    {
        var context = new FluidContext(_fluidOptions);
        if (Page == Page.List)
        {
            context.SetValue("title", _list.Title).SetValue("items", _list.Items);
        }
        else
        {
            context.SetValue("fortunes", _fortunes);
        }

        return _fluid.Render(context, HtmlEscaping.Encoder);
    }

    /// <summary>A slice instance per render (slices are single-use), rendered to a string.</summary>
    [Benchmark(Description = "RazorSlices")]
    public string RazorSlices()
    {
        RazorSlice slice = Page == Page.List ? Slices.ListSlice.Create(_list) : Slices.FortunesSlice.Create(_fortunes);
        return slice.RenderAsync(HtmlEscaping.Encoder).GetAwaiter().GetResult();
    }

    [Benchmark(Baseline = true, Description = "StringBuilder (hand-written)")]
    public string StringBuilder() => Page == Page.List ? HandWritten.List(_list) : HandWritten.Fortunes(_fortunes);
}

/// <summary>The pages as a Micro app's routes render them: from these calls the generator knows the models' types.</summary>
public static class MicroPages
{
    public static TemplateResult List(ListPage page) => Template.Render("list.html", new { title = page.Title, items = page.Items });

    public static TemplateResult Fortunes(List<Fortune> fortunes) => Template.Render("fortunes.html", new { fortunes });
}

/// <summary>The pages as a minimal API user would write them (bench/apps/minimal's Fortunes).</summary>
public static class HandWritten
{
    public static string List(ListPage page)
    {
        var html = new StringBuilder(8192);
        HtmlEscaping.Append(html.Append("<h1>"), page.Title.ToUpperInvariant()).Append("</h1><p>").Append(page.Items.Count).Append(" items</p><ul>");
        foreach (var item in page.Items)
        {
            HtmlEscaping.Append(html.Append("<li id=\"item-").Append(item.Id).Append("\">"), item.Name).Append(": ")
                .Append(item.Price.ToString("0.00", CultureInfo.InvariantCulture));
            if (item.OnSale)
            {
                html.Append(" <b>sale</b>");
            }

            HtmlEscaping.Append(html.Append(" <i>"), item.Note ?? "-").Append("</i></li>");
        }

        return html.Append("</ul>").ToString();
    }

    public static string Fortunes(List<Fortune> fortunes)
    {
        var html = new StringBuilder(2048);
        html.Append("<!DOCTYPE html><html><head><title>Fortunes</title></head><body><table><tr><th>id</th><th>message</th></tr>");
        foreach (var fortune in fortunes)
        {
            HtmlEscaping.Append(html.Append("<tr><td>").Append(fortune.Id).Append("</td><td>"), fortune.Message).Append("</td></tr>");
        }

        return html.Append("</table></body></html>").ToString();
    }
}

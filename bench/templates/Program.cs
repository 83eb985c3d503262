// A list page of 100 items with a few filters, rendered three ways. Program.cs checks the three agree before timing.
using System.Globalization;
using System.Net;
using System.Text;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Running;
using HandlebarsDotNet;
using Micro;
using Micro.Templates;

var check = new TemplateBenchmarks();
check.Setup();
if (check.Micro() != check.StringBuilder() || check.Handlebars() != check.StringBuilder())
{
    Console.Error.WriteLine($"The renderers disagree (Micro, Handlebars.Net, StringBuilder):\n{check.Micro()[..200]}\n{check.Handlebars()[..200]}\n{check.StringBuilder()[..200]}");
    return 1;
}

BenchmarkSwitcher.FromAssembly(typeof(TemplateBenchmarks).Assembly).Run(args);
return 0;

public sealed class Item
{
    public required int Id { get; init; }
    public required string Name { get; init; }
    public required decimal Price { get; init; }
    public string? Note { get; init; }
    public required bool OnSale { get; init; }
}

internal sealed class ItemAccessor : ITemplateAccessor
{
    public bool TryGetMember(object instance, string name, out object? value)
    {
        var item = (Item)instance;
        (value, var found) = name switch
        {
            "Id" => (TemplateAccessors.Box(item.Id), true),
            "Name" => (item.Name, true),
            "Price" => (item.Price, true),
            "Note" => (item.Note, true),
            "OnSale" => (TemplateAccessors.Box(item.OnSale), true),
            _ => ((object?)null, false),
        };
        return found;
    }
}

[MemoryDiagnoser]
public class TemplateBenchmarks
{
    private const string MicroSource =
        "<h1>{{ title|upper }}</h1><p>{{ items|length }} items</p><ul>" +
        "{% for item in items %}<li id=\"item-{{ item.Id }}\">{{ item.Name }}: {{ item.Price|floatformat:2 }}" +
        "{% if item.OnSale %} <b>sale</b>{% endif %} <i>{{ item.Note|default:\"-\" }}</i></li>{% endfor %}</ul>";

    private const string HandlebarsSource =
        "<h1>{{upper title}}</h1><p>{{items.Count}} items</p><ul>" +
        "{{#each items}}<li id=\"item-{{Id}}\">{{Name}}: {{floatformat Price}}" +
        "{{#if OnSale}} <b>sale</b>{{/if}} <i>{{default Note}}</i></li>{{/each}}</ul>";

    private Template _micro = null!;
    private HandlebarsTemplate<object, object> _handlebars = null!;
    private Dictionary<string, object?> _microContext = null!;
    private object _handlebarsContext = null!;
    private List<Item> _items = null!;
    private const string Title = "Things & stuff";

    [GlobalSetup]
    public void Setup()
    {
        _items = Enumerable.Range(1, 100).Select(i => new Item
        {
            Id = i,
            Name = $"Item <{i}> & co",
            Price = i * 1.25m,
            Note = i % 3 == 0 ? null : $"note \"{i}\"",
            OnSale = i % 4 == 0,
        }).ToList();

        var accessors = new TemplateAccessors();
        accessors.Register<Item>(new ItemAccessor());
        _micro = new TemplateEngine(new TemplateOptions { Accessors = accessors }).Parse(MicroSource);
        _microContext = new Dictionary<string, object?> { ["title"] = Title, ["items"] = _items };

        var handlebars = HandlebarsDotNet.Handlebars.Create();
        handlebars.RegisterHelper("upper", (context, arguments) => ((string)arguments[0]!).ToUpperInvariant());
        handlebars.RegisterHelper("floatformat", (context, arguments) => ((decimal)arguments[0]!).ToString("0.00", CultureInfo.InvariantCulture));
        handlebars.RegisterHelper("default", (context, arguments) => arguments[0] as string ?? "-");
        _handlebars = handlebars.Compile(HandlebarsSource);
        _handlebarsContext = new { title = Title, items = _items };
    }

    [Benchmark(Description = "Micro templates")]
    public string Micro() => _micro.Render(_microContext);

    [Benchmark(Description = "Handlebars.Net")]
    public string Handlebars() => _handlebars(_handlebarsContext);

    [Benchmark(Baseline = true, Description = "StringBuilder")]
    public string StringBuilder()
    {
        var html = new StringBuilder(8192);
        html.Append("<h1>").Append(WebUtility.HtmlEncode(Title.ToUpperInvariant())).Append("</h1><p>").Append(_items.Count).Append(" items</p><ul>");
        foreach (var item in _items)
        {
            html.Append("<li id=\"item-").Append(item.Id).Append("\">").Append(WebUtility.HtmlEncode(item.Name)).Append(": ")
                .Append(item.Price.ToString("0.00", CultureInfo.InvariantCulture));
            if (item.OnSale)
            {
                html.Append(" <b>sale</b>");
            }

            html.Append(" <i>").Append(WebUtility.HtmlEncode(item.Note ?? "-")).Append("</i></li>");
        }

        return html.Append("</ul>").ToString();
    }
}

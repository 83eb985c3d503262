// Two pages (a 100-item list, TechEmpower's Fortunes) rendered by Micro's template runtime, Handlebars.Net, Fluid,
// RazorSlices and a hand-written StringBuilder. The outputs are checked to be identical before anything is timed;
// `--print list|fortunes` writes the expected page.
using BenchmarkDotNet.Running;
using TemplateBench;

if (args is ["--print", var name])
{
    // The page every renderer must produce, as the hand-written StringBuilder writes it.
    var page = new TemplateBenchmarks { Page = Enum.Parse<Page>(name, ignoreCase: true) };
    page.Setup();
    Console.WriteLine(page.StringBuilder());
    return 0;
}

foreach (var page in Enum.GetValues<Page>())
{
    var bench = new TemplateBenchmarks { Page = page };
    bench.Setup();
    var expected = bench.StringBuilder();
    var outputs = new (string Renderer, string Html)[]
    {
        ("Micro (compiled)", bench.MicroCompiled()),
        ("Micro (interpreted)", bench.MicroInterpreted()),
        ("Handlebars.Net", bench.Handlebars()),
        ("Fluid", bench.Fluid()),
        ("RazorSlices", bench.RazorSlices()),
    };
    foreach (var (renderer, html) in outputs.Where(output => output.Html != expected))
    {
        var at = html.AsSpan().CommonPrefixLength(expected);
        Console.Error.WriteLine($"{page}: {renderer} differs from the hand-written page at character {at}:\n" +
            $"  {renderer}: {html[Math.Max(0, at - 40)..Math.Min(html.Length, at + 80)]}\n" +
            $"  hand-written: {expected[Math.Max(0, at - 40)..Math.Min(expected.Length, at + 80)]}");
    }

    if (outputs.Any(output => output.Html != expected))
    {
        return 1;
    }
}

BenchmarkSwitcher.FromAssembly(typeof(TemplateBenchmarks).Assembly).Run(args);
return 0;

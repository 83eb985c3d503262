using System.Collections.Immutable;
using Micro.Generators.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Text;

namespace Micro.Analyzers.Tests.Infrastructure;

/// <summary>
/// Applies Micro's code fixes as an editor does: the app is a project of an <see cref="AdhocWorkspace"/>;
/// its diagnostics come from the generator and the analyzers (<see cref="MicroAnalysis"/>); the fix
/// registered for one of them is applied through its operations, and the new text is read back.
/// </summary>
internal sealed class CodeFixRun : IDisposable
{
    private const string Path = "Program.cs";

    private readonly AdhocWorkspace _workspace = new();

    private CodeFixRun(string source)
    {
        var template = TestCompilation.Create(source);
        var project = _workspace.AddProject(ProjectInfo.Create(
            ProjectId.CreateNewId(),
            VersionStamp.Create(),
            "TestApp",
            "TestApp",
            LanguageNames.CSharp,
            compilationOptions: template.Options,
            parseOptions: TestCompilation.ParseOptions,
            metadataReferences: TestCompilation.References));
        foreach (var tree in template.SyntaxTrees)
        {
            project = project.AddDocument(tree.FilePath, tree.GetText(), filePath: tree.FilePath).Project;
        }

        Assert.True(_workspace.TryApplyChanges(project.Solution));
    }

    private Document Document => _workspace.CurrentSolution.Projects.Single().Documents.Single(static d => d.FilePath == Path);

    /// <summary>
    /// Applies the fix for the diagnostic <paramref name="id"/> (the <paramref name="occurrence"/>th in
    /// source order) whose title is <paramref name="title"/>, and returns the new text of Program.cs.
    /// </summary>
    public static async Task<string> ApplyAsync(string source, string id, string title, int occurrence = 0)
    {
        using var run = new CodeFixRun(source);
        var diagnostic = (await run.DiagnosticsAsync(id)).ElementAtOrDefault(occurrence)
            ?? throw new InvalidOperationException($"{id} was not reported (occurrence {occurrence}).");
        var actions = await run.ActionsAsync(diagnostic);
        var action = actions.SingleOrDefault(a => a.Title == title)
            ?? throw new InvalidOperationException($"No fix titled \"{title}\" for {id}; fixes: {string.Join(", ", actions.Select(static a => $"\"{a.Title}\""))}.");
        await run.ApplyAsync(action);
        return (await run.Document.GetTextAsync()).ToString();
    }

    /// <summary>The titles of the fixes offered for the first diagnostic <paramref name="id"/>.</summary>
    public static async Task<IReadOnlyList<string>> TitlesAsync(string source, string id)
    {
        using var run = new CodeFixRun(source);
        var diagnostic = (await run.DiagnosticsAsync(id)).FirstOrDefault()
            ?? throw new InvalidOperationException($"{id} was not reported.");
        return [.. (await run.ActionsAsync(diagnostic)).Select(static a => a.Title)];
    }

    /// <summary>
    /// Fixes every diagnostic <paramref name="id"/> of the document at once (Fix All in document) with the
    /// fix of <typeparamref name="TProvider"/> that has the given equivalence key.
    /// </summary>
    public static async Task<string> FixAllAsync<TProvider>(string source, string id, string equivalenceKey)
        where TProvider : CodeFixProvider
    {
        using var run = new CodeFixRun(source);
        var diagnostics = await run.DiagnosticsAsync(id);
        Assert.NotEmpty(diagnostics);
        var provider = MicroAnalysis.CodeFixes.OfType<TProvider>().Single();
        var fixAll = provider.GetFixAllProvider() ?? throw new InvalidOperationException($"{provider.GetType().Name} has no Fix All.");
        var context = new FixAllContext(run.Document, provider, FixAllScope.Document, equivalenceKey, [id], new FixedDiagnostics(diagnostics), CancellationToken.None);
        var action = await fixAll.GetFixAsync(context) ?? throw new InvalidOperationException("Fix All produced nothing.");
        await run.ApplyAsync(action);
        return (await run.Document.GetTextAsync()).ToString();
    }

    public void Dispose() => _workspace.Dispose();

    /// <summary>
    /// The diagnostics <paramref name="id"/> of Program.cs. The generator reports by file path and span;
    /// an editor hands code fixes its diagnostics located in the document's tree, and so does this.
    /// </summary>
    private async Task<ImmutableArray<Diagnostic>> DiagnosticsAsync(string id)
    {
        var compilation = await Document.Project.GetCompilationAsync() ?? throw new InvalidOperationException("No compilation.");
        var tree = await Document.GetSyntaxTreeAsync() ?? throw new InvalidOperationException("No syntax tree.");
        var analysis = MicroAnalysis.Run(compilation);
        return [.. analysis.Diagnostics.Where(d => d.Id == id && d.Location.GetLineSpan().Path == Path).Select(d => InTree(d, tree))];
    }

    private static Diagnostic InTree(Diagnostic diagnostic, SyntaxTree tree) =>
        diagnostic.Location.SourceTree == tree
            ? diagnostic
            : Diagnostic.Create(
                diagnostic.Id,
                diagnostic.Descriptor.Category,
                diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture),
                diagnostic.Severity,
                diagnostic.DefaultSeverity,
                diagnostic.Descriptor.IsEnabledByDefault,
                diagnostic.WarningLevel,
                diagnostic.Descriptor.Title,
                diagnostic.Descriptor.Description,
                diagnostic.Descriptor.HelpLinkUri,
                Location.Create(tree, diagnostic.Location.SourceSpan),
                diagnostic.AdditionalLocations,
                diagnostic.Descriptor.CustomTags,
                diagnostic.Properties);

    private async Task<List<CodeAction>> ActionsAsync(Diagnostic diagnostic)
    {
        var actions = new List<CodeAction>();
        var context = new CodeFixContext(Document, diagnostic, (action, _) => actions.Add(action), CancellationToken.None);
        foreach (var provider in MicroAnalysis.CodeFixes.Where(p => p.FixableDiagnosticIds.Contains(diagnostic.Id)))
        {
            await provider.RegisterCodeFixesAsync(context);
        }

        return actions;
    }

    private async Task ApplyAsync(CodeAction action)
    {
        foreach (var operation in await action.GetOperationsAsync(CancellationToken.None))
        {
            operation.Apply(_workspace, CancellationToken.None);
        }
    }

    /// <summary>Hands Fix All the diagnostics already computed.</summary>
    private sealed class FixedDiagnostics(ImmutableArray<Diagnostic> diagnostics) : FixAllContext.DiagnosticProvider
    {
        public override Task<IEnumerable<Diagnostic>> GetDocumentDiagnosticsAsync(Document document, CancellationToken cancellationToken) =>
            Task.FromResult<IEnumerable<Diagnostic>>(diagnostics);

        public override Task<IEnumerable<Diagnostic>> GetProjectDiagnosticsAsync(Project project, CancellationToken cancellationToken) =>
            Task.FromResult<IEnumerable<Diagnostic>>([]);

        public override Task<IEnumerable<Diagnostic>> GetAllDiagnosticsAsync(Project project, CancellationToken cancellationToken) =>
            Task.FromResult<IEnumerable<Diagnostic>>(diagnostics);
    }
}

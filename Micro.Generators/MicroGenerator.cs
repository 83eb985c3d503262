using Micro.Generators.Admin;
using Micro.Generators.Commands;
using Micro.Generators.Data;
using Micro.Generators.Forms;
using Micro.Generators.Hosting;
using Micro.Generators.Routing;
using Micro.Generators.Shared;
using Micro.Generators.Templates;
using Micro.Generators.Testing;
using Microsoft.CodeAnalysis;

namespace Micro.Generators
{
    /// <summary>
    /// Reads Micro's attributes at compile time and writes the app's URL table, command registry,
    /// template library, data layer, forms, admin and test registry. One pipeline per attribute.
    /// </summary>
    [Generator(LanguageNames.CSharp)]
    public sealed class MicroGenerator : IIncrementalGenerator
    {
        public void Initialize(IncrementalGeneratorInitializationContext context)
        {
            var project = ProjectOptions.Create(context);
            var routes = RoutesPipeline.Register(context);
            var commands = CommandsPipeline.Register(context);
            var data = DataPipeline.Register(context);
            var forms = FormsPipeline.Register(context, data);
            var admin = AdminPipeline.Register(context, data);
            var templates = TemplatesPipeline.Register(context, routes, data, forms, project);
            var tests = TestsPipeline.Register(context, project);
            ManifestPipeline.Register(context, routes, commands, data, templates, tests, admin, project);
        }
    }
}

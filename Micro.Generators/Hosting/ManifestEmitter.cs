using System.Collections.Generic;
using Micro.Generators.Shared;

namespace Micro.Generators.Hosting
{
    /// <summary>
    /// Writes the app's entry point into the runtime: <c>MicroManifest.Create()</c>, which gives each host its own
    /// manifest of the parts the other pipelines generated, and the module initializer that lets
    /// <c>MicroApp.Run(args)</c> find it.
    /// </summary>
    internal static class ManifestEmitter
    {
        public const string HintName = "Micro.Hosting.MicroManifest.g.cs";

        public static string Emit(ManifestModel model)
        {
            var arguments = new List<string> { "typeof(MicroManifest).Assembly" };
            if (model.HasRoutes)
            {
                arguments.Add("routes: global::Micro.Generated.MicroRoutes.Table");
            }

            if (model.HasJson)
            {
                arguments.Add("jsonTypeInfoResolver: global::Micro.Generated.MicroJsonResolver.Instance");
            }

            if (model.HasCommands)
            {
                arguments.Add("commands: global::Micro.Generated.MicroCommands.Create()");
            }

            if (model.HasData)
            {
                arguments.Add("data: global::Micro.Generated.MicroData.Create()");
            }

            if (model.HasTemplateLibrary)
            {
                arguments.Add("templateLibrary: global::Micro.Generated.MicroTemplates.CreateLibrary()");
            }

            if (model.HasTemplateAccessors)
            {
                arguments.Add("templateAccessors: global::Micro.Generated.MicroTemplates.CreateAccessors()");
            }

            if (model.ProjectDirectory is not null)
            {
                arguments.Add($"projectDirectory: {GeneratedCode.Literal(model.ProjectDirectory)}");
            }

            if (model.HasTests)
            {
                arguments.Add("tests: global::Micro.Generated.MicroTests.Create()");
            }

            var writer = new SourceWriter().FileHeader();
            writer.Line("namespace Micro.Generated").OpenBrace();
            writer.Line("/// <summary>The app as the generator found it. Each host makes its own manifest with <see cref=\"Create\"/>.</summary>");
            writer.Line(GeneratedCode.Attribute);
            writer.Line("internal static class MicroManifest").OpenBrace();
            writer.Line("/// <summary>A new manifest of this app: its routes, commands, models, template tags and accessors, and JSON metadata.</summary>");
            writer.Line("public static global::Micro.Hosting.AppManifest Create() => new global::Micro.Hosting.AppManifest(").Indentation++;
            for (var i = 0; i < arguments.Count; i++)
            {
                writer.Line(arguments[i] + (i == arguments.Count - 1 ? (model.HasAdmin || model.HasCompiledTemplates ? ")" : ");") : ","));
            }

            if (model.HasAdmin || model.HasCompiledTemplates)
            {
                writer.Indentation--;
                writer.Line("{").Indentation++;
                if (model.HasAdmin)
                {
                    writer.Line("Admin = global::Micro.Generated.MicroAdmin.Create(),");
                    writer.Line("AdminMountsItself = global::Micro.Generated.MicroAdmin.MountsItself,");
                }

                if (model.HasCompiledTemplates)
                {
                    writer.Line("CompiledTemplates = global::Micro.Generated.MicroCompiledTemplates.Create(),");
                }

                writer.Indentation--;
                writer.Line("};").Indentation++;
            }

            writer.Indentation--;
            writer.Line();
            writer.Line("/// <summary>Lets <c>MicroApp.Run(args)</c> find this app when its assembly is the entry assembly.</summary>");
            writer.Line("[global::System.Runtime.CompilerServices.ModuleInitializer]");
            writer.Line("internal static void Register() =>");
            writer.Line("    global::Micro.Hosting.AppManifest.Register(typeof(MicroManifest).Assembly, Create);");
            writer.CloseBrace();
            writer.CloseBrace();
            return writer.ToString();
        }
    }
}

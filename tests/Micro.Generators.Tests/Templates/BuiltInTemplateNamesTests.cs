using Micro.Generators.Shared;

namespace Micro.Generators.Tests.Templates;

/// <summary>The generator's list of the templates Micro.Runtime embeds is the runtime's: an app may extend each, and only those.</summary>
public sealed class BuiltInTemplateNamesTests
{
    [Fact]
    public void The_generator_knows_every_template_the_runtime_embeds()
    {
        const string prefix = "Micro.Templates/";
        var embedded = typeof(Micro.Forms.IForm).Assembly.GetManifestResourceNames()
            .Where(static name => name.StartsWith(prefix, StringComparison.Ordinal))
            .Select(static name => name[prefix.Length..])
            .Order(StringComparer.Ordinal)
            .ToArray();

        Assert.Contains("admin/auth/user/change_password.html", embedded);
        Assert.Equal(embedded, KnownNames.BuiltInTemplates.Order(StringComparer.Ordinal).ToArray());
    }
}

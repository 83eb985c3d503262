namespace Micro.Templates.Tests;

public class SmokeTests
{
    [Fact]
    public void Renders_a_variable()
    {
        Assert.Equal("Hello Ada &lt;3!", T.Render("Hello {{ name }}!", T.Vars(("name", "Ada <3"))));
    }
}

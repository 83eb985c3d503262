using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;

namespace Micro.Runtime.Tests.TestApp;

/// <summary>A JSON API whose bodies carry DataAnnotations: generated code checks them before the handler runs.</summary>
public static class ApiViews
{
    [Route("api/posts/", Methods = "POST")]
    public static NewPost CreatePost(NewPost post) => post;

    [Route("api/orders/", Methods = "POST")]
    public static string CreateOrder([FromBody] NewOrder? order) => order is null ? "no order" : $"{order.Lines.Count} lines";

    [Route("api/signup/", Methods = "POST")]
    public static string Signup(Signup signup) => "welcome " + signup.Name;
}

public sealed record NewPost(
    [property: Required, MaxLength(20)] string Title,
    [property: MinLength(3)] string Body,
    [property: Range(1, 5)] int Stars,
    [property: EmailAddress] string? Contact = null,
    [property: RegularExpression("[a-z-]+"), JsonPropertyName("url_slug")] string? Slug = null);

public sealed class NewOrder
{
    [Required, StringLength(10, MinimumLength = 2)]
    public string Customer { get; set; } = "";

    public Address? ShipTo { get; set; }

    [MinLength(1), MaxLength(3)]
    public List<OrderLine> Lines { get; set; } = [];
}

public sealed class Address
{
    [Required(ErrorMessage = "{0} is needed for shipping.")]
    [Display(Name = "Street address")]
    public string? Street { get; set; }
}

public sealed class OrderLine
{
    [Required, MaxLength(8)]
    public string Sku { get; set; } = "";

    [Range(1, 100)]
    public int Quantity { get; set; }

    [Even]
    public int Pack { get; set; }
}

/// <summary>A custom annotation: generated code makes it and asks it <c>IsValid</c>.</summary>
public sealed class EvenAttribute : ValidationAttribute
{
    public EvenAttribute()
        : base("{0} must be even.")
    {
    }

    public override bool IsValid(object? value) => value is not int number || number % 2 == 0;
}

public sealed class Signup
{
    [Required, Url]
    public string Homepage { get; set; } = "";

    public string Name { get; set; } = "";

    [Required]
    public string Password { get; set; } = "";

    [Compare(nameof(Password))]
    public string Confirm { get; set; } = "";
}

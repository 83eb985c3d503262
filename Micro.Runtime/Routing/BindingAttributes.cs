using Microsoft.AspNetCore.Http.Metadata;

namespace Micro;

// Where a handler parameter comes from, when the default isn't it. They implement ASP.NET Core's
// metadata interfaces, so ASP.NET Core's own [FromQuery] and friends work too; these spare a
// `using Microsoft.AspNetCore.Mvc;`, whose [Route] would clash with Micro's.

/// <summary>Binds a parameter from a route value, optionally under another name.</summary>
[AttributeUsage(AttributeTargets.Parameter)]
public sealed class FromRouteAttribute : Attribute, IFromRouteMetadata
{
    public string? Name { get; set; }
}

/// <summary>Binds a parameter from the query string, optionally under another key.</summary>
[AttributeUsage(AttributeTargets.Parameter)]
public sealed class FromQueryAttribute : Attribute, IFromQueryMetadata
{
    public string? Name { get; set; }
}

/// <summary>Binds a parameter from a request header; the parameter name is the header name unless <see cref="Name"/> is set.</summary>
[AttributeUsage(AttributeTargets.Parameter)]
public sealed class FromHeaderAttribute : Attribute, IFromHeaderMetadata
{
    public string? Name { get; set; }
}

/// <summary>Binds a parameter from a form field or an uploaded file.</summary>
[AttributeUsage(AttributeTargets.Parameter)]
public sealed class FromFormAttribute : Attribute, IFromFormMetadata
{
    public string? Name { get; set; }
}

/// <summary>Reads a parameter from the JSON request body.</summary>
[AttributeUsage(AttributeTargets.Parameter)]
public sealed class FromBodyAttribute : Attribute, IFromBodyMetadata
{
    public bool AllowEmpty { get; set; }
}

/// <summary>Resolves a parameter from the app's services.</summary>
[AttributeUsage(AttributeTargets.Parameter)]
public sealed class FromServicesAttribute : Attribute, IFromServiceMetadata;

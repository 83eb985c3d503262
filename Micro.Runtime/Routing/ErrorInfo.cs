namespace Micro;

/// <summary>What an <see cref="ErrorHandlerAttribute"/> method is handling.</summary>
public sealed class ErrorInfo
{
    internal ErrorInfo(int statusCode, string? message, Exception? exception)
    {
        StatusCode = statusCode;
        Message = message;
        Exception = exception;
    }

    public int StatusCode { get; }

    /// <summary>Why the request failed, when that is safe to show (a bad parameter, a malformed body); null otherwise.</summary>
    public string? Message { get; }

    /// <summary>The unhandled exception behind a 500.</summary>
    public Exception? Exception { get; }
}

namespace Micro;

/// <summary>
/// What was asked for doesn't exist. Thrown by <c>Get</c> on a query that matches no row, and by app code;
/// the error pages answer it with a 404, as Django's <c>Http404</c> and <c>get_object_or_404</c>.
/// </summary>
public class NotFoundException : Exception
{
    public NotFoundException()
        : base("Not found.")
    {
    }

    public NotFoundException(string message)
        : base(message)
    {
    }

    public NotFoundException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

/// <summary><c>Get</c> found more than one row where one was expected, as Django's <c>MultipleObjectsReturned</c>.</summary>
public class MultipleObjectsReturnedException : InvalidOperationException
{
    public MultipleObjectsReturnedException(string message)
        : base(message)
    {
    }
}

/// <summary>
/// A write with a value longer than its column's <c>[MaxLength]</c>. The error pages answer it with a 400 that says which, as
/// the input that reached the database is the client's.
/// </summary>
public sealed class ValueTooLongException(string message) : Exception(message);

/// <summary>
/// A write with a value the database can't store, such as text with a NUL character on PostgreSQL. The error pages answer it
/// with a 400 that says which, as the input that reached the database is the client's.
/// </summary>
public sealed class UnstorableValueException(string message) : Exception(message);

using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace SocialPrescribing.Http;

/// <summary>
/// A value PostgreSQL refuses to store (class 22, e.g. a NUL character) is a 400 problem, not a 500.
/// A request that fails because the database is restarting or unreachable gets a 503 problem with
/// Retry-After (its transaction rolled back: nothing was saved), not a 500. The connection pools are
/// emptied, so the connections the restart broke are not handed to the next requests.
/// </summary>
public sealed partial class DatabaseErrorHandler(IProblemDetailsService problems, ILogger<DatabaseErrorHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        var error = NpgsqlErrorOf(exception);
        if (IsValueRefused(error))
        {
            // Defence in depth: a value every check missed (a NUL character, say) that PostgreSQL will not store.
            // The failed statement can leave its connection unfit for the next one: start the pools afresh.
            NpgsqlConnection.ClearAllPools();
            return await WriteAsync(httpContext, StatusCodes.Status400BadRequest, "A value in the request cannot be stored",
                "Remove control characters (such as NUL) and check each value's length and form. Nothing was saved.");
        }

        if (!IsDatabaseUnavailable(error))
        {
            return false;
        }

        NpgsqlConnection.ClearAllPools();
        LogUnavailable(logger, exception.GetType().Name);
        httpContext.Response.Headers.RetryAfter = "5";
        return await WriteAsync(httpContext, StatusCodes.Status503ServiceUnavailable, "The service cannot reach its database just now.",
            "Nothing was saved. Please try again in a moment.");
    }

    /// <summary>PostgreSQL's data exceptions (class 22): a character it cannot store, a value out of range or too long.</summary>
    public static bool IsValueRefused(NpgsqlException? error) =>
        error is PostgresException postgres && postgres.SqlState.StartsWith("22", StringComparison.Ordinal);

    /// <summary>Connection lost, server shutting down or starting, too many connections: worth trying again.</summary>
    public static bool IsDatabaseUnavailable(NpgsqlException? error) => error switch
    {
        PostgresException postgres => postgres.IsTransient
                                      || postgres.SqlState.StartsWith("57P", StringComparison.Ordinal)
                                      || postgres.SqlState.StartsWith("08", StringComparison.Ordinal),
        not null => error.IsTransient,
        null => false,
    };

    /// <summary>The first Npgsql error in the exception's chain (EF Core wraps them), if any.</summary>
    private static NpgsqlException? NpgsqlErrorOf(Exception? exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is NpgsqlException npgsql)
            {
                return npgsql;
            }
        }

        return null;
    }

    private ValueTask<bool> WriteAsync(HttpContext httpContext, int status, string title, string detail)
    {
        httpContext.Response.StatusCode = status;
        return problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            ProblemDetails = new ProblemDetails { Status = status, Title = title, Detail = detail },
        });
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Database unavailable ({ErrorType}); answered 503 and emptied the connection pools")]
    private static partial void LogUnavailable(ILogger logger, string errorType);
}

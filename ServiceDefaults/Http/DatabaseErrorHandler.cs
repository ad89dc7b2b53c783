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
        if (IsValueRefused(exception))
        {
            // Defence in depth: a value every check missed (a NUL character, say) that PostgreSQL will not store.
            // The failed statement can leave its connection unfit for the next one: start the pools afresh.
            NpgsqlConnection.ClearAllPools();
            httpContext.Response.StatusCode = StatusCodes.Status400BadRequest;
            return await problems.TryWriteAsync(new ProblemDetailsContext
            {
                HttpContext = httpContext,
                ProblemDetails = new ProblemDetails
                {
                    Status = StatusCodes.Status400BadRequest,
                    Title = "A value in the request cannot be stored",
                    Detail = "Remove control characters (such as NUL) and check each value's length and form. Nothing was saved.",
                },
            });
        }

        if (!IsDatabaseUnavailable(exception))
        {
            return false;
        }

        NpgsqlConnection.ClearAllPools();
        LogUnavailable(logger, exception.GetType().Name);
        httpContext.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        httpContext.Response.Headers.RetryAfter = "5";
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails = new ProblemDetails
            {
                Status = StatusCodes.Status503ServiceUnavailable,
                Title = "The service cannot reach its database just now.",
                Detail = "Nothing was saved. Please try again in a moment.",
            },
        });
    }

    /// <summary>PostgreSQL's data exceptions (class 22): a character it cannot store, a value out of range or too long.</summary>
    public static bool IsValueRefused(Exception? exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is PostgresException postgres)
            {
                return postgres.SqlState.StartsWith("22", StringComparison.Ordinal);
            }
        }

        return false;
    }

    /// <summary>Connection lost, server shutting down or starting, too many connections: worth trying again.</summary>
    public static bool IsDatabaseUnavailable(Exception? exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is PostgresException postgres)
            {
                return postgres.IsTransient
                       || postgres.SqlState.StartsWith("57P", StringComparison.Ordinal)
                       || postgres.SqlState.StartsWith("08", StringComparison.Ordinal);
            }

            if (e is NpgsqlException npgsql)
            {
                return npgsql.IsTransient;
            }
        }

        return false;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Database unavailable ({ErrorType}); answered 503 and emptied the connection pools")]
    private static partial void LogUnavailable(ILogger logger, string errorType);
}

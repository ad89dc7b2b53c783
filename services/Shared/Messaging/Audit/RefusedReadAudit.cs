using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SocialPrescribing.Authorization;

namespace SocialPrescribing.Messaging.Audit;

public static class RefusedReadAuditExtensions
{
    /// <summary>
    /// Every refused read of a route that returns a person's records (a GET declaring a
    /// <see cref="RecordScope"/> other than none, answered 403 or 404) is written to the service's audit
    /// table too: who asked for which record, through which route, and that it was refused.
    /// </summary>
    public static IServiceCollection AddRefusedReadAudit<TDbContext>(this IServiceCollection services) where TDbContext : DbContext =>
        services.AddTransient<IStartupFilter, RefusedReadAudit<TDbContext>>();

    /// <summary>
    /// The service's audit trail: refused reads audited (<see cref="AddRefusedReadAudit{TDbContext}"/>) and
    /// every entry sealed into the hash chain (<see cref="AuditSealer{TDbContext}"/>).
    /// </summary>
    public static IServiceCollection AddAuditTrail<TDbContext>(this IServiceCollection services) where TDbContext : DbContext
    {
        services.AddRefusedReadAudit<TDbContext>();
        services.AddAuthorizationBuilder().AddPolicy(AccessLogApi.ReaderPolicy, policy => policy.RequireRole(SocialPrescribing.Authentication.SuiteRoles.Manager));
        services.AddSingleton<AuditSealer<TDbContext>>();
        services.AddHostedService(provider => provider.GetRequiredService<AuditSealer<TDbContext>>());
        return services;
    }
}

/// <summary>See <see cref="RefusedReadAuditExtensions.AddRefusedReadAudit{TDbContext}"/>.</summary>
internal sealed partial class RefusedReadAudit<TDbContext>(ILogger<RefusedReadAudit<TDbContext>> logger) : IStartupFilter where TDbContext : DbContext
{
    /// <summary>The audit entry's resource type for a refused read: the route template says which record it asked for.</summary>
    public const string ResourceType = "refused-read";

    private static readonly string[] IdRouteValues = ["id", "caseId"];

    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use((context, nextMiddleware) =>
        {
            // Only reads are watched (writes such as a referral's submission carry no callback); written as the
            // answer starts, before the caller sees it.
            if (HttpMethods.IsGet(context.Request.Method))
            {
                context.Response.OnStarting(() =>
                    context.Response.StatusCode is StatusCodes.Status403Forbidden or StatusCodes.Status404NotFound
                    && context.GetEndpoint()?.Metadata.GetMetadata<RecordScope>() is { } scope && scope != RecordScope.None
                        ? WriteAsync(context)
                        : Task.CompletedTask);
            }

            return nextMiddleware(context);
        });
        next(app);
    };

    private async Task WriteAsync(HttpContext context)
    {
        var id = IdRouteValues.Select(name => context.Request.RouteValues[name]?.ToString())
            .Select(value => Guid.TryParse(value, out var parsed) ? parsed : Guid.Empty)
            .FirstOrDefault(parsed => parsed != Guid.Empty);
        try
        {
            // A scope of its own: nothing the refused request staged is saved with it.
            await using var scope = context.RequestServices.GetRequiredService<IServiceScopeFactory>().CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<TDbContext>();
            db.Audit(context, $"refused {context.Response.StatusCode}", ResourceType, [id], scope.ServiceProvider.GetService<TimeProvider>() ?? TimeProvider.System);
            await db.SaveChangesAsync(CancellationToken.None);
        }
        catch (Exception ex) when (ex is DbUpdateException or InvalidOperationException or Npgsql.NpgsqlException or TimeoutException)
        {
            // The answer has gone; a database that cannot take the entry is already failing the service's own health check.
            LogNotWritten(logger, ex.GetType().Name);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "A refused read could not be written to the audit trail ({ErrorType})")]
    private static partial void LogNotWritten(ILogger logger, string errorType);
}

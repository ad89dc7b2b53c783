using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using SocialPrescribing.Authentication;
using SocialPrescribing.Authorization;
using SocialPrescribing.Persistence.Retention;

namespace SocialPrescribing.Messaging.Retention;

/// <summary>A rule of the schedule as this service applies it.</summary>
public sealed record RetentionRuleView(string Rule, string Setting, string Period, string Covers, string Removes);

/// <summary>One run: as of when, when it finished, how many records each rule removed, and which rules failed.</summary>
public sealed record RetentionRunView(DateTimeOffset AsOf, DateTimeOffset FinishedAt, IReadOnlyDictionary<string, int> Removed, IReadOnlyList<string> Problems);

/// <summary>What a service keeps and how long, and what its last runs removed.</summary>
public sealed record RetentionReport(string Service, IReadOnlyList<RetentionRuleView> Schedule, IReadOnlyList<RetentionRunView> Runs);

public static class RetentionExtensions
{
    /// <summary>Managers and admins: the counts hold no personal data.</summary>
    public const string ReaderPolicy = "retention-reader";

    /// <summary>How many runs the report lists, newest first.</summary>
    public const int RunsListed = 14;

    /// <summary>
    /// The retention schedule (every <c>Retention:*</c> line read and checked now: a wrong one stops the service, naming
    /// it), this service's <paramref name="rules"/> and the daily job that applies them.
    /// </summary>
    public static IHostApplicationBuilder AddRetention<TDbContext>(this IHostApplicationBuilder builder, Action<RetentionRules<TDbContext>> rules)
        where TDbContext : DbContext
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(rules);
        builder.Services.AddSingleton(RetentionSchedule.ReadAll(builder.Configuration));
        var serviceRules = new RetentionRules<TDbContext>();
        rules(serviceRules);
        builder.Services.AddSingleton(serviceRules);
        builder.Services.AddSingleton<RetentionJob<TDbContext>>();
        builder.Services.AddHostedService(services => services.GetRequiredService<RetentionJob<TDbContext>>());
        builder.Services.AddAuthorizationBuilder().AddPolicy(ReaderPolicy, policy => policy.RequireRole(SuiteRoles.Manager, SuiteRoles.Admin));
        return builder;
    }

    /// <summary><c>GET {prefix}/retention</c>: the schedule this service applies and its last runs.</summary>
    public static IEndpointRouteBuilder MapRetentionApi<TDbContext>(this IEndpointRouteBuilder app, string prefix, string service)
        where TDbContext : DbContext
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapGet($"{prefix}/retention", (TDbContext db, RetentionJob<TDbContext> job, CancellationToken cancellationToken) =>
                ReportAsync(db, job, service, cancellationToken))
            .RequireAuthorization(ReaderPolicy)
            .WithTags("Operations")
            .WithSummary("The retention schedule this service applies and what its last runs removed")
            .WithMetadata(RecordScope.None);
        return app;
    }

    public static async Task<Ok<RetentionReport>> ReportAsync<TDbContext>(
        TDbContext db, RetentionJob<TDbContext> job, string service, CancellationToken cancellationToken)
        where TDbContext : DbContext
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(job);
        var runs = await db.Set<RetentionRun>().AsNoTracking().OrderByDescending(r => r.AsOf).ThenByDescending(r => r.Id)
            .Take(RunsListed).ToListAsync(cancellationToken);
        return TypedResults.Ok(new RetentionReport(
            service,
            [.. job.Schedule.Select(r => new RetentionRuleView(r.Rule, r.Entry.Setting, r.Period.ToString(), r.Entry.Covers, r.Removes))],
            [.. runs.Select(r => new RetentionRunView(r.AsOf, r.FinishedAt, r.Removed, r.Problems))]));
    }
}

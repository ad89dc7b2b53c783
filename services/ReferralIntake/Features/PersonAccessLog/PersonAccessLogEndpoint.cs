using System.Net.Http.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using SocialPrescribing.Authorization;
using SocialPrescribing.Http;
using SocialPrescribing.Messaging.Audit;
using SocialPrescribing.ReferralIntake.Infrastructure;

namespace SocialPrescribing.ReferralIntake.Features.PersonAccessLog;

/// <summary>"Who looked at my record": every read (and write, and refused read) of a person's records, in every service.</summary>
public sealed record PersonAccessLog(Guid PersonId, IReadOnlyList<AccessLogEntry> Entries, IReadOnlyList<AccessLogSource> Services);

/// <summary>Whether a service's part is in the log: <c>included</c>, or <c>unavailable</c> (the log is then incomplete, and says so).</summary>
public sealed record AccessLogSource(string Service, string Status);

public static class PersonAccessLogEndpoint
{
    public const string AuditResource = "person-access-log";

    /// <summary>The services after Intake, each keyed on the records of the one before (referral → case → the rest).</summary>
    private static readonly (string Service, string Path, string Key)[] Downstream =
    [
        (ResourceNames.WellbeingMetrics, "/api/wellbeing/access-log", "caseId"),
        (ResourceNames.ServiceDirectory, "/api/directory/access-log", "caseId"),
    ];

    public static IEndpointRouteBuilder MapPersonAccessLog(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/people/{id:guid}/access-log", GetAccessLog)
            .WithTags("People")
            .WithName("GetPersonAccessLog")
            .WithSummary("Who looked at this person's record: every read, write and refused read in every service that holds it, newest first (managers; audited)")
            .RequireAuthorization(AccessLogApi.ReaderPolicy)
            .ReturnsRecords(RecordScope.None)
            .ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }

    public static async Task<Results<Ok<PersonAccessLog>, NotFound>> GetAccessLog(
        Guid id, HttpContext http, ReferralDbContext db, IHttpClientFactory clients, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(clients);
        if (!await db.People.AnyAsync(p => p.Id == id, cancellationToken))
        {
            return TypedResults.NotFound();
        }

        var referrals = await db.Referrals.AsNoTracking().Where(r => r.PersonId == id).Select(r => r.Id).ToListAsync(cancellationToken);
        // The person's record itself (searches that found them, reads, merges), and records merged into it.
        var people = await db.People.AsNoTracking().Where(p => p.Id == id || p.MergedIntoId == id).Select(p => p.Id).ToListAsync(cancellationToken);
        var entries = await db.ForRecordsAsync(ResourceNames.ReferralIntake, [.. referrals, .. people], cancellationToken);
        var sources = new List<AccessLogSource> { new(ResourceNames.ReferralIntake, "included") };

        var cases = await AskAsync(clients, ResourceNames.CaseManagement, "/api/cases/access-log", "referralId", referrals, cancellationToken);
        sources.Add(new(ResourceNames.CaseManagement, cases is null ? "unavailable" : "included"));
        entries.AddRange(cases?.Entries ?? []);
        foreach (var (service, path, key) in Downstream)
        {
            // Without the cases these services cannot be asked; with no case they hold nothing of the person.
            var part = cases is { RecordIds.Count: > 0 }
                ? await AskAsync(clients, service, path, key, cases.RecordIds, cancellationToken)
                : cases is null ? null : new AccessLogPart([], []);
            sources.Add(new(service, part is null ? "unavailable" : "included"));
            entries.AddRange(part?.Entries ?? []);
        }

        db.Audit(http, "read", AuditResource, [id], time);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(new PersonAccessLog(id, [.. entries.OrderByDescending(e => e.At)], sources));
    }

    /// <summary>A service's part, or null when it cannot be had now (down, slow, or answering an error).</summary>
    private static async Task<AccessLogPart?> AskAsync(
        IHttpClientFactory clients, string service, string path, string key, IReadOnlyList<Guid> ids, CancellationToken cancellationToken)
    {
        try
        {
            // The caller's own token goes with it (ForwardUserToken): the service checks for itself that a manager is asking.
            using var response = await clients.CreateClient(service).GetAsync($"{path}?{string.Join('&', ids.Select(i => $"{key}={i}"))}", cancellationToken);
            return response.IsSuccessStatusCode ? await response.Content.ReadFromJsonAsync<AccessLogPart>(cancellationToken) : null;
        }
        catch (Exception e) when (e is HttpRequestException or System.Text.Json.JsonException or Polly.ExecutionRejectedException
                                      or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return null;
        }
    }

    /// <summary>Clients for the services the log and the retention page ask, found by service discovery (the AppHost's references).</summary>
    public static IServiceCollection AddAccessLogClients(this IServiceCollection services)
    {
        foreach (var service in new[] { ResourceNames.CaseManagement, ResourceNames.WellbeingMetrics, ResourceNames.ServiceDirectory, ResourceNames.Notifications })
        {
            services.AddHttpClient(service, client => client.BaseAddress = new Uri($"https+http://{service}")).ForAPersonWaiting();
        }

        return services;
    }
}

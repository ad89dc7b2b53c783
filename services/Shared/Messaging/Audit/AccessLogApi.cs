using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using SocialPrescribing.Authorization;

namespace SocialPrescribing.Messaging.Audit;

public static class AccessLogApi
{
    /// <summary>Managers: who looked at a person's records.</summary>
    public const string ReaderPolicy = "access-log-reader";

    /// <summary>
    /// <c>GET {prefix}/access-log?{key}=…</c>: this service's part of a person's access log (every audit entry
    /// about the records <paramref name="recordsOf"/> finds for the given ids of another service's records),
    /// with those records' ids. Intake's <c>GET /api/people/{id}/access-log</c> puts the parts together.
    /// </summary>
    public static IEndpointRouteBuilder MapAccessLogApi<TDbContext>(
        this IEndpointRouteBuilder app, string prefix, string service, string key,
        Func<TDbContext, List<Guid>, CancellationToken, Task<List<Guid>>> recordsOf) where TDbContext : DbContext
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapGet($"{prefix}/access-log", async Task<Results<Ok<AccessLogPart>, ValidationProblem>> (
                HttpContext http, TDbContext db, CancellationToken cancellationToken) =>
            {
                var given = http.Request.Query[key];
                var ids = given.Select(v => Guid.TryParse(v, out var id) ? id : Guid.Empty).ToList();
                if (ids.Count is 0 or > AccessLog.MaxIds || ids.Contains(Guid.Empty))
                {
                    return TypedResults.ValidationProblem(new Dictionary<string, string[]>
                    {
                        [key] = [$"Give 1 to {AccessLog.MaxIds} {key} values, each a GUID."],
                    }, title: "The access log needs record ids");
                }

                var records = await recordsOf(db, ids, cancellationToken);
                return TypedResults.Ok(new AccessLogPart(records, await db.ForRecordsAsync(service, records, cancellationToken)));
            })
            .RequireAuthorization(ReaderPolicy)
            .WithTags("Audit")
            .WithSummary($"Who looked at a person's records here, found by {key} (managers; part of GET /api/people/{{id}}/access-log)")
            .WithMetadata(RecordScope.None);
        return app;
    }
}

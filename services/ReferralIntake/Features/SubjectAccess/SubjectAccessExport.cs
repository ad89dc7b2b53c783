using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using SocialPrescribing.Messaging.Audit;
using SocialPrescribing.Messaging.Rights;
using SocialPrescribing.ReferralIntake.Infrastructure;
using SocialPrescribing.ReferralIntake.Model;

namespace SocialPrescribing.ReferralIntake.Features.SubjectAccess;

/// <summary>
/// Puts a subject access export together: Intake's own part (the person, their history and merges,
/// every referral as sent, the searches that found them, the audit of their records) and each other
/// service's part, as one JSON document and one printable page.
/// </summary>
public static class SubjectAccessExport
{
    public static async Task<(string Json, string Html)> BuildAsync(ReferralDbContext db, AccessRequest request, string controller, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(request);
        var document = new JsonObject
        {
            ["title"] = "Everything the social prescribing service holds about you",
            ["controller"] = controller,
            ["requestId"] = request.Id,
            ["personId"] = request.PersonId,
            ["requestedAt"] = request.RequestedAt,
            ["generatedAt"] = now,
            ["services"] = new JsonObject
            {
                [ResourceNames.ReferralIntake] = await IntakePartAsync(db, request.PersonId, cancellationToken),
            },
        };
        foreach (var part in request.Parts.OrderBy(p => AccessRequest.Contributors.ToList().IndexOf(p.Service)))
        {
            document["services"]![part.Service] = JsonNode.Parse(part.Data ?? "{}");
        }

        var json = document.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
        // The page from the document as written: every value in its JSON form.
        return (json, SubjectAccessPage.Render(JsonNode.Parse(json)!.AsObject()));
    }

    /// <summary>What Intake holds of the person.</summary>
    public static async Task<JsonNode> IntakePartAsync(ReferralDbContext db, Guid personId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var people = await db.People.AsNoTracking().Where(p => p.Id == personId || p.MergedIntoId == personId).ToListAsync(cancellationToken);
        var ids = people.Select(p => p.Id).ToList();
        var referrals = await db.Referrals.AsNoTracking().Where(r => ids.Contains(r.PersonId)).OrderBy(r => r.SubmittedAt).ToListAsync(cancellationToken);
        var history = await db.PersonChanges.AsNoTracking().Where(c => ids.Contains(c.PersonId)).OrderBy(c => c.At).ToListAsync(cancellationToken);
        var merges = await db.PersonMerges.AsNoTracking().Where(m => ids.Contains(m.SurvivorId) || ids.Contains(m.MergedId)).OrderBy(m => m.MergedAt).ToListAsync(cancellationToken);
        var searches = await db.PersonSearches.AsNoTracking().Where(s => s.FoundPersonIds.Any(f => ids.Contains(f))).OrderBy(s => s.At)
            .Select(s => new { s.At, s.By, s.Terms }).ToListAsync(cancellationToken);
        var audit = await db.ForRecordsAsync(ResourceNames.ReferralIntake, [.. ids, .. referrals.Select(r => r.Id)], cancellationToken);
        var part = new Dictionary<string, object>
        {
            ["people"] = people,
            ["history"] = history,
            ["merges"] = merges,
            ["referrals"] = referrals,
            ["searchesThatFoundThem"] = searches,
            ["auditEntries"] = audit,
        };
        return JsonSerializer.SerializeToNode(part, SubjectAccessContributor<ReferralDbContext>.Json)!;
    }
}

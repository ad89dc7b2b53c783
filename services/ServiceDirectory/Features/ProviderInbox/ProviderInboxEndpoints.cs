using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using SocialPrescribing.Authentication;
using SocialPrescribing.Authorization;
using SocialPrescribing.Contracts;
using SocialPrescribing.Messaging.Audit;
using SocialPrescribing.Messaging.Outbox;
using SocialPrescribing.ServiceDirectory.Features;
using SocialPrescribing.ServiceDirectory.Infrastructure;
using SocialPrescribing.ServiceDirectory.Model;
using SocialPrescribing.Validation;

namespace SocialPrescribing.ServiceDirectory.Features.ProviderInbox;

/// <summary>
/// A provider's inbox: referrals to their organisation's services, to accept or decline (with a
/// reason), and to mark finished. A provider sees only their own organisation's referrals; reading
/// them is audited, as they name a person.
/// </summary>
public static class ProviderInboxEndpoints
{

    public static IEndpointRouteBuilder MapProviderInbox(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/directory/referrals").WithTags("Provider inbox").RequireAuthorization(AccessPolicies.ProviderInbox);

        api.MapGet("/", ListReferrals).WithName("ListProviderReferrals")
            .WithSummary("Referrals to your organisation's services (status: requested by default, or accepted, declined, expired, completed, waiting (the waiting lists, in order, with positions), withdrawn, all)")
            .ReturnsRecords(RecordScope.ProviderOrganisation);
        api.MapGet("/{id:guid}", GetReferral).WithName("GetProviderReferral").WithSummary("One referral")
            .ReturnsRecords(RecordScope.ProviderOrganisation);
        api.MapPost("/{id:guid}/accept", Accept).WithName("AcceptProviderReferral")
            .WithSummary("Take the person on: a place becomes theirs").ProducesProblem(StatusCodes.Status409Conflict);
        api.MapPost("/{id:guid}/decline", Decline).WithName("DeclineProviderReferral")
            .WithSummary("Say you cannot take the person on, and why").Accepts<DeclineRequest>("application/json")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict);
        api.MapPost("/{id:guid}/complete", Complete).WithName("CompleteProviderReferral")
            .WithSummary("The person has finished with the service: their place is free again").ProducesProblem(StatusCodes.Status409Conflict);
        return app;
    }

    public static async Task<Results<Ok<ProviderInbox>, ValidationProblem>> ListReferrals(
        string? status, [AsParameters] InboxServices services, CancellationToken cancellationToken)
    {
        var wanted = string.IsNullOrWhiteSpace(status) ? ProviderReferralStatus.Requested : status.Trim().ToLowerInvariant();
        if (wanted != "all" && !ProviderReferralStatus.All.Contains(wanted))
        {
            return TypedResults.ValidationProblem(
                new Dictionary<string, string[]> { ["status"] = [$"status must be one of {string.Join(", ", ProviderReferralStatus.All)}, or all."] },
                title: "The query has mistakes");
        }

        return TypedResults.Ok(new ProviderInbox(await ProviderInboxHandler.ListAsync(services, wanted, cancellationToken)));
    }

    public static async Task<Results<Ok<ProviderReferralView>, NotFound>> GetReferral(
        Guid id, [AsParameters] InboxServices services, CancellationToken cancellationToken)
    {
        var found = await services.Db.ProviderReferrals.AsNoTracking().VisibleTo(services.Http.User)
            .Where(r => r.Id == id)
            .Join(services.Db.Services, r => r.ServiceId, s => s.Id, (r, s) => new { Referral = r, s.Name })
            .SingleOrDefaultAsync(cancellationToken);
        if (found is null)
        {
            return TypedResults.NotFound();
        }

        services.Db.Audit(services.Http, "read", ProviderInboxHandler.AuditResource, [id], services.Time);
        await services.Db.SaveChangesAsync(cancellationToken);
        var positions = found.Referral.Status == ProviderReferralStatus.Waiting
            ? await ProviderInboxHandler.PositionsAsync(services.Db, [found.Referral.ServiceId], cancellationToken)
            : [];
        return TypedResults.Ok(ProviderReferralView.From(found.Referral, found.Name, services.Time.GetUtcNow(), positions.TryGetValue(id, out var at) ? at : null));
    }

    public static Task<Results<Ok<ProviderReferralView>, NotFound, ValidationProblem, ProblemHttpResult>> Accept(
        Guid id, [AsParameters] InboxServices services, CancellationToken cancellationToken) =>
        AnswerAsync(id, services, (referral, service, now) => referral.Accept(service, services.Http.Actor(), now), cancellationToken);

    public static async Task<Results<Ok<ProviderReferralView>, NotFound, ValidationProblem, ProblemHttpResult>> Decline(
        Guid id, [AsParameters] InboxServices services, CancellationToken cancellationToken)
    {
        string? reason = null;
        var (errors, problem) = await JsonBody.ReadObjectAsync(services.Http.Request, (body, _) => reason = body?.String("reason")?.Trim(), cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        if (!errors.Has("reason") && string.IsNullOrEmpty(reason))
        {
            errors.Add("reason", "Say why you cannot take the person on, so their link worker can find something else.");
        }
        else if (reason?.Length > ProviderInboxHandler.MaxReasonLength)
        {
            errors.Add("reason", $"The reason must be {ProviderInboxHandler.MaxReasonLength} characters or fewer.");
        }

        if (!errors.IsEmpty)
        {
            return TypedResults.ValidationProblem(errors.ToDictionary(), title: "The answer has mistakes");
        }

        return await AnswerAsync(id, services, (referral, _, now) => referral.Decline(reason!, services.Http.Actor(), now), cancellationToken);
    }

    public static Task<Results<Ok<ProviderReferralView>, NotFound, ValidationProblem, ProblemHttpResult>> Complete(
        Guid id, [AsParameters] InboxServices services, CancellationToken cancellationToken) =>
        AnswerAsync(id, services, (referral, service, now) => referral.Complete(service, now), cancellationToken);

    private static async Task<Results<Ok<ProviderReferralView>, NotFound, ValidationProblem, ProblemHttpResult>> AnswerAsync(
        Guid id, InboxServices services, Func<ProviderReferral, Service, DateTimeOffset, IIntegrationEvent> answer, CancellationToken cancellationToken)
    {
        var result = await ProviderInboxHandler.AnswerAsync(services, id, answer, cancellationToken);
        return result.Outcome switch
        {
            AnswerOutcome.Done => TypedResults.Ok(result.Referral!),
            AnswerOutcome.NotFound => TypedResults.NotFound(),
            AnswerOutcome.NotWaiting => TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "This referral is not waiting for that",
                detail: result.Detail, extensions: new Dictionary<string, object?> { ["status"] = result.Status }),
            _ => TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "The referral changed meanwhile", detail: result.Detail),
        };
    }
}

public sealed record InboxServices(DirectoryDbContext Db, TimeProvider Time, HttpContext Http);

public sealed record DeclineRequest(string Reason);

public sealed record ProviderInbox(IReadOnlyList<ProviderReferralView> Referrals);

/// <summary>A referral as its provider sees it.</summary>
public sealed record ProviderReferralView(
    Guid Id,
    Guid ServiceId,
    string ServiceName,
    string CaseReference,
    IReadOnlyList<string> Needs,
    SharedWithProvider Person,
    string? Note,
    string Status,
    string? DeclineReason,
    DateTimeOffset ReceivedAt,
    DateTimeOffset? AnsweredAt,
    DateTimeOffset? RemindedAt,
    DateTimeOffset? CompletedAt,
    int DaysWaiting,
    int? Position = null,
    DateTimeOffset? OfferedAt = null)
{
    public static ProviderReferralView From(ProviderReferral r, string serviceName, DateTimeOffset now, int? position = null) => new(
        r.Id, r.ServiceId, serviceName, r.CaseReference, r.Needs, new SharedWithProvider(r.PersonGivenName, r.PersonPhone, r.PersonEmail),
        r.Note, r.Status, r.DeclineReason, r.ReceivedAt, r.AnsweredAt, r.RemindedAt, r.CompletedAt,
        (int)((r.AnsweredAt ?? now) - r.ReceivedAt).TotalDays, position, r.OfferedAt);
}

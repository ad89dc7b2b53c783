using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using SocialPrescribing.Authentication;
using SocialPrescribing.Authorization;
using SocialPrescribing.Messaging.Audit;
using SocialPrescribing.ReferralIntake.Extensions;
using SocialPrescribing.ReferralIntake.Infrastructure;
using SocialPrescribing.ReferralIntake.Model;
using SocialPrescribing.Validation;

namespace SocialPrescribing.ReferralIntake.Apis;

public static class ReferralsApi
{
    public static IEndpointRouteBuilder MapReferralsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/referrals").WithTags("Referrals");

        api.MapPost("/", SubmitReferral)
            .WithName("SubmitReferral")
            .WithSummary("Submit a referral")
            .WithDescription("Anyone may refer themselves (channel self). Any risk answer true flags the referral urgent and returns crisis support.")
            .Accepts<ReferralSubmission>("application/json")
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);

        api.MapGet("/{reference}/status", GetReferralStatus)
            .WithName("GetReferralStatus")
            .WithSummary("Check a referral's status with its reference and the person's date of birth (5 wrong dates of birth a reference in 24 hours, then 429)")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);

        api.MapGet("/{id:guid}", GetReferral)
            .WithName("GetReferral")
            .WithSummary("A referral's summary, for the link workers of its case's team, managers and the call handler who took it (audited)")
            .RequireAuthorization(AccessPolicies.ReferralReader)
            .ReturnsRecords(RecordScope.CaseTeam);

        api.MapGet("/{id:guid}/person", GetPerson)
            .WithName("GetReferralPerson")
            .WithSummary("The person's details and what they or their referrer told us, for the link workers of their case's team, managers and the call handler who took it (audited)")
            .RequireAuthorization(AccessPolicies.ReferralReader)
            .ReturnsRecords(RecordScope.CaseTeam);

        return app;
    }

    public static async Task<Results<Ok<ReferralPerson>, NotFound>> GetPerson(
        Guid id,
        HttpContext context,
        [AsParameters] ReferralServices services,
        CancellationToken cancellationToken)
    {
        return await ReadAuditedAsync(
            services.Db.Referrals.AsNoTracking()
                .ReadableBy(context.User)
                .Where(r => r.Id == id)
                .Select(r => new ReferralPerson(r.Id, r.Reference, r.GivenName, r.FamilyName, r.DateOfBirth, r.Postcode, r.Phone, r.Email, r.NhsNumber,
                    r.PreferredContact, r.Needs, r.Reason, r.HarmToSelf, r.HarmToOthers, r.InCrisis, r.ShareWithGp,
                    r.ReferrerName == null ? null : new ReferrerView(r.ReferrerName, r.ReferrerRole, r.ReferrerOrganisation, r.ReferrerEmail), r.SubmittedAt, r.PersonReference)),
            person => person.Id, context, services, cancellationToken);
    }

    /// <summary>The one referral <paramref name="found"/> selects, its read recorded in the audit trail first; or 404.</summary>
    private static async Task<Results<Ok<T>, NotFound>> ReadAuditedAsync<T>(
        IQueryable<T> found, Func<T, Guid> idOf, HttpContext context, ReferralServices services, CancellationToken cancellationToken)
    {
        var item = await found.SingleOrDefaultAsync(cancellationToken);
        if (item is null)
        {
            return TypedResults.NotFound();
        }

        services.Db.Audit(context, "read", ReferralSubmitter.AuditResource, [idOf(item)], services.Time);
        await services.Db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(item);
    }

    public static async Task<Results<Created<ReferralCreated>, ValidationProblem, ProblemHttpResult>> SubmitReferral(
        HttpContext context,
        [AsParameters] ReferralServices services,
        CancellationToken cancellationToken)
    {
        var (document, problem) = await JsonBody.ReadAsync(context.Request, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        using (document)
        {
            var errors = new ValidationErrors();
            var submission = ReferralRequestReader.Read(document!.RootElement, errors);
            ValidReferral? valid = null;
            if (submission is not null)
            {
                var ruleErrors = new ValidationErrors();
                valid = ReferralRules.Validate(submission, DateOnly.FromDateTime(services.Time.GetUtcNow().UtcDateTime), ruleErrors);
                errors.AddMissing(ruleErrors);
            }

            if (!errors.IsEmpty || valid is null)
            {
                return TypedResults.ValidationProblem(errors.ToDictionary(), title: "The referral has mistakes");
            }

            if (!AccessPolicies.MaySubmit(context.User, valid.Channel))
            {
                var signedIn = context.User.Identity?.IsAuthenticated == true;
                return TypedResults.Problem(
                    statusCode: signedIn ? StatusCodes.Status403Forbidden : StatusCodes.Status401Unauthorized,
                    title: signedIn ? "Not allowed" : "Sign-in needed",
                    detail: $"'{valid.Channel}' referrals need a call handler (phone), or a professional or an integration client with referrals:write (professional). Anyone may submit 'self'.");
            }

            IdempotentRequest? idempotent = null;
            if (context.Request.Headers.TryGetValue(IdempotentRequest.Header, out var keys))
            {
                var key = keys.ToString();
                if (keys.Count != 1 || !IdempotentRequest.IsValidKey(key))
                {
                    return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "The Idempotency-Key header is not valid",
                        detail: $"Send one key of 1 to {IdempotentRequest.MaxKeyLength} printable characters, such as a UUID.");
                }

                var caller = context.User.FindFirst(SuiteAuthentication.SubjectClaim)?.Value ?? "anonymous";
                idempotent = new IdempotentRequest(caller, key, IdempotentRequest.Hash(document.RootElement.GetRawText()));
            }

            var outcome = await services.Submitter.SubmitAsync(valid, context, idempotent, cancellationToken);
            switch (outcome.Outcome)
            {
                case SubmissionOutcome.KeyReused:
                    return TypedResults.Problem(statusCode: StatusCodes.Status422UnprocessableEntity, title: "This Idempotency-Key was used for a different referral",
                        detail: "A key stands for one referral. Send a new key for a new referral, or the same body to get the first answer again.");
                case SubmissionOutcome.Replayed:
                    context.Response.Headers["Idempotent-Replayed"] = "true";
                    break;
            }

            var created = JsonSerializer.Deserialize<ReferralCreated>(outcome.Response!, JsonSerializerOptions.Web)!;
            return TypedResults.Created($"/api/referrals/{created.Id}", created);
        }
    }

    public static async Task<Results<Ok<ReferralStatusView>, ProblemHttpResult>> GetReferralStatus(
        string reference,
        DateOnly? dateOfBirth,
        HttpContext context,
        [AsParameters] ReferralServices services,
        CancellationToken cancellationToken)
    {
        var lookup = await StatusLookups.LookUpAsync(services.Db, reference, dateOfBirth, services.Time.GetUtcNow(), cancellationToken);
        switch (lookup.Outcome)
        {
            case StatusLookupOutcome.Found:
                return TypedResults.Ok(lookup.Status!);
            case StatusLookupOutcome.Locked:
                context.Response.Headers.RetryAfter = ((int)Math.Ceiling(lookup.RetryAfter.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
                return TypedResults.Problem(statusCode: StatusCodes.Status429TooManyRequests, title: "Too many tries",
                    detail: $"This reference has been tried with a wrong date of birth {StatusLookupFailure.MaxWrongDatesOfBirth} times. To keep it safe it cannot be checked online for a while: please call us.");
            default:
                // Never say which of the two was wrong.
                return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "No referral found",
                    detail: "We could not find a referral with that reference and date of birth.");
        }
    }

    public static async Task<Results<Ok<ReferralSummary>, NotFound>> GetReferral(
        Guid id,
        HttpContext context,
        [AsParameters] ReferralServices services,
        CancellationToken cancellationToken)
    {
        return await ReadAuditedAsync(
            services.Db.Referrals.AsNoTracking()
                .ReadableBy(context.User)
                .Where(r => r.Id == id)
                .Select(r => new ReferralSummary(r.Id, r.Reference, r.Channel, r.Source, r.Status, r.Urgent, r.Needs, r.SubmittedAt, r.UpdatedAt)),
            summary => summary.Id, context, services, cancellationToken);
    }
}

/// <summary>Who the person is and how to reach them, what they (or their referrer) told us, and their answers to the red-flag questions.</summary>
public sealed record ReferralPerson(
    Guid Id, string Reference, string GivenName, string FamilyName, DateOnly DateOfBirth, string Postcode, string? Phone, string? Email, string? NhsNumber,
    string? PreferredContact, IReadOnlyList<string> Needs, string? Reason, bool HarmToSelf, bool HarmToOthers, bool InCrisis, string ShareWithGp,
    ReferrerView? Referrer, DateTimeOffset SubmittedAt, Guid PersonId);

/// <summary>The professional who referred the person.</summary>
public sealed record ReferrerView(string Name, string? Role, string? Organisation, string? Email);

public sealed record ReferralStatusView(string Reference, string Status, DateTimeOffset UpdatedAt)
{
    /// <summary>The status in words for the page.</summary>
    public string Label() => Status switch
    {
        ReferralStatus.Received => "received",
        ReferralStatus.Assigned => "with a link worker",
        ReferralStatus.InProgress => "in progress",
        ReferralStatus.Closed => "closed",
        ReferralStatus.Withdrawn => "withdrawn",
        _ => Status,
    };

    /// <summary>What the status means, in words for the person.</summary>
    public string Explain() => Status switch
    {
        ReferralStatus.Received => "We have your referral. A link worker will contact you within 5 working days to arrange a time to talk.",
        ReferralStatus.Assigned => "A link worker has your referral. They will contact you to arrange a time to talk.",
        ReferralStatus.InProgress => "You are working with a link worker. If you need to change an appointment, contact them.",
        ReferralStatus.Withdrawn => "This referral was withdrawn by the person who made it. If you still want support, you can refer yourself again.",
        ReferralStatus.Closed => "Your time with the link worker has finished. If you need support again, you can refer yourself again.",
        _ => "Your referral is with a link worker.",
    };
}

public sealed record ReferralServices(ReferralDbContext Db, ReferralSubmitter Submitter, TimeProvider Time);

public sealed record ReferralCreated(Guid Id, string Reference, string Status, bool Urgent, CrisisSupport? CrisisSupport)
{
    public static ReferralCreated From(Referral referral)
    {
        ArgumentNullException.ThrowIfNull(referral);
        return new(referral.Id, referral.Reference, referral.Status, referral.Urgent, referral.Urgent ? CrisisSupport.Routes : null);
    }
}

/// <summary>Where to get help now: shown whenever a risk answer is yes.</summary>
public sealed record CrisisSupport(string Message, IReadOnlyList<CrisisContact> Contacts)
{
    public static readonly CrisisSupport Routes = new(
        "You told us you may be at risk. Please do not wait for us to contact you. Your referral is marked urgent and will be reviewed today.",
        [
            new("Emergency services", "999", "If you or someone else is in danger now."),
            new("NHS 111", "111", "For urgent help with your mental health, any time."),
            new("Samaritans", "116 123", "Free, any time, to talk to someone."),
        ]);
}

public sealed record CrisisContact(string Name, string Number, string When);


public sealed record ReferralSummary(
    Guid Id, string Reference, string Channel, string Source, string Status, bool Urgent,
    IReadOnlyList<string> Needs, DateTimeOffset SubmittedAt, DateTimeOffset UpdatedAt);

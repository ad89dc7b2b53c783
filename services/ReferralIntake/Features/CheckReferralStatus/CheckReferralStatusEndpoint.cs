using Microsoft.AspNetCore.Http.HttpResults;
using SocialPrescribing.ReferralIntake.Model;

namespace SocialPrescribing.ReferralIntake.Features.CheckReferralStatus;

/// <summary><c>GET /api/referrals/{reference}/status</c>: the person checks their referral (the page does the same through <see cref="CheckReferralStatusHandler"/>).</summary>
public static class CheckReferralStatusEndpoint
{
    public static RouteGroupBuilder MapCheckReferralStatus(this RouteGroupBuilder api)
    {
        api.MapGet("/{reference}/status", GetReferralStatus)
            .WithName("GetReferralStatus")
            .WithSummary("Check a referral's status with its reference and the person's date of birth (5 wrong dates of birth a reference in 24 hours, then 429)")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
        return api;
    }

    public static async Task<Results<Ok<ReferralStatusView>, ProblemHttpResult>> GetReferralStatus(
        string reference,
        DateOnly? dateOfBirth,
        HttpContext context,
        CheckReferralStatusHandler handler,
        TimeProvider time,
        CancellationToken cancellationToken)
    {
        var lookup = await handler.LookUpAsync(reference, dateOfBirth, time.GetUtcNow(), cancellationToken);
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
}

using Microsoft.AspNetCore.Http.HttpResults;
using SocialPrescribing.Authentication;
using SocialPrescribing.ReferralIntake.Infrastructure;
using SocialPrescribing.ReferralIntake.Model;
using SocialPrescribing.Validation;

namespace SocialPrescribing.ReferralIntake.Features.SubmitReferral;

/// <summary><c>POST /api/referrals</c>: the JSON form of a referral (API.md), read strictly, then stored by <see cref="SubmitReferralHandler"/>.</summary>
public static class SubmitReferralEndpoint
{
    public static RouteGroupBuilder MapSubmitReferral(this RouteGroupBuilder api)
    {
        api.MapPost("/", SubmitReferral)
            .WithName("SubmitReferral")
            .WithSummary("Submit a referral")
            .WithDescription("Anyone may refer themselves (channel self). Any risk answer true flags the referral urgent and returns crisis support.")
            .Accepts<ReferralSubmission>("application/json")
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);
        return api;
    }

    public static async Task<Results<Created<ReferralCreated>, ValidationProblem, ProblemHttpResult>> SubmitReferral(
        HttpContext context,
        SubmitReferralHandler handler,
        TimeProvider time,
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
                valid = ReferralRules.Validate(submission, DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime), ruleErrors);
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

            var outcome = await handler.SubmitAsync(valid, context, idempotent, cancellationToken);
            switch (outcome.Outcome)
            {
                case SubmissionOutcome.KeyReused:
                    return TypedResults.Problem(statusCode: StatusCodes.Status422UnprocessableEntity, title: "This Idempotency-Key was used for a different referral",
                        detail: "A key stands for one referral. Send a new key for a new referral, or the same body to get the first answer again.");
                case SubmissionOutcome.Replayed:
                    context.Response.Headers["Idempotent-Replayed"] = "true";
                    break;
            }

            var created = outcome.Created!;
            return TypedResults.Created($"/api/referrals/{created.Id}", created);
        }
    }
}

using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using SocialPrescribing.Authorization;
using SocialPrescribing.CaseManagement.Model;
using SocialPrescribing.Validation;

namespace SocialPrescribing.CaseManagement.Features.Safeguarding;

/// <summary>Raising a concern on a case; the safeguarding queue; one concern; the lead's decision.</summary>
public static class SafeguardingEndpoints
{
    public const int MaxQueueItems = 500;

    /// <summary>On a case's group (link workers of its team, managers).</summary>
    public static RouteGroupBuilder MapRaiseConcern(this RouteGroupBuilder api)
    {
        api.MapPost("/concerns", RaiseAsync)
            .WithName("RaiseSafeguardingConcern")
            .WithSummary("Raise a safeguarding concern about the case's person (or a child): the lead's queue gets it, due within the hour when someone is in immediate danger")
            .WithDescription("Body: { \"subject\": \"adult|child\", \"category\" (adult: " + string.Join(", ", SafeguardingConcern.AdultCategories.Keys) +
                             "; child: " + string.Join(", ", SafeguardingConcern.ChildCategories.Keys) + "), \"description\", \"personAware\": bool, \"consent\": bool, " +
                             "\"immediateDanger\": bool }. 201 with the concern (id, urgent, dueBy). immediateDanger: true → call 999 now; the concern is urgent (due within the hour). " +
                             "Others are due by the end of the next working day.")
            .Accepts<ConcernRequest>("application/json")
            .ProducesValidationProblem();
        return api;
    }

    public static WebApplication MapSafeguarding(this WebApplication app)
    {
        var api = app.MapGroup("/api/safeguarding").WithTags("Safeguarding").RequireAuthorization();
        api.MapGet("/concerns", QueueAsync)
            .WithName("SafeguardingQueue")
            .WithSummary("The safeguarding concerns the caller may read: the lead's queue (role safeguarding), urgent first then by due time")
            .WithDescription("?open=true: only concerns without a decision; open=false: only closed ones. The lead sees every team's (or their teams'), managers all, " +
                             "link workers their team's; anyone else none. Every concern listed is audited as read.")
            .ReturnsRecords(RecordScope.Safeguarding);
        api.MapGet("/concerns/{id:guid}", FindAsync)
            .WithName("GetSafeguardingConcern")
            .WithSummary("One safeguarding concern (the lead, managers, link workers of the case's team; anyone else 404)")
            .ReturnsRecords(RecordScope.Safeguarding);
        api.MapPost("/concerns/{id:guid}/decision", DecideAsync)
            .WithName("DecideSafeguardingConcern")
            .WithSummary("The safeguarding lead's decision, which closes the concern: a second decision is 409")
            .WithDescription("Body: { \"decision\": \"localAuthorityReferral|advice|noFurtherAction\", \"reference\"? (the local authority's, required for " +
                             "localAuthorityReferral), \"reason\" }. Only the safeguarding lead; anyone else 404.")
            .Accepts<DecisionRequest>("application/json")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict);
        return app;
    }

    public static async Task<Results<Created<ConcernView>, NotFound, ValidationProblem, ProblemHttpResult>> RaiseAsync(
        Guid id, [AsParameters] CaseServices services, IOptions<ContactTargets> targets, CancellationToken cancellationToken)
    {
        ConcernInput? input = null;
        var (errors, problem) = await JsonBody.ReadObjectAsync(services.Http.Request, (body, _) =>
        {
            if (body is null)
            {
                return;
            }

            var subject = body.String("subject");
            var category = body.String("category");
            var description = body.String("description");
            var aware = Answered(body, "personAware", "Say whether the person knows about the concern (true or false).");
            var consent = Answered(body, "consent", "Say whether the person consents to it being shared (true or false).");
            var danger = Answered(body, "immediateDanger", "Say whether anyone is in immediate danger (true or false). If they are, call 999 now.");
            body.RejectUnknownFields();
            input = new ConcernInput(subject, category, description, aware ?? false, consent ?? false, danger ?? false);
        }, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        if (input is not null && errors.IsEmpty)
        {
            var result = await SafeguardingHandler.RaiseAsync(services, targets.Value, id, input, cancellationToken);
            switch (result.Status)
            {
                case ConcernStatus.Done:
                    return TypedResults.Created($"/api/safeguarding/concerns/{result.Concern!.Id}", result.Concern);
                case ConcernStatus.NotFound:
                    return TypedResults.NotFound();
                default:
                    foreach (var (field, message) in result.Errors!)
                    {
                        errors.Add(field, message);
                    }

                    break;
            }
        }
        else if (input is not null)
        {
            foreach (var (field, message) in SafeguardingConcern.Check(input.Subject, input.Category, input.Description).Where(e => !errors.Has(e.Key)))
            {
                errors.Add(field, message);
            }
        }

        return TypedResults.ValidationProblem(errors.ToDictionary(), title: "The safeguarding concern has mistakes");
    }

    public static async Task<Results<Ok<IReadOnlyList<ConcernView>>, ValidationProblem>> QueueAsync(
        [AsParameters] CaseServices services, string? open, CancellationToken cancellationToken)
    {
        bool? onlyOpen = null;
        if (!string.IsNullOrEmpty(open))
        {
            if (!bool.TryParse(open, out var parsed))
            {
                return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["open"] = ["'open' must be true or false."] }, title: "The query has mistakes");
            }

            onlyOpen = parsed;
        }

        return TypedResults.Ok(await SafeguardingHandler.QueueAsync(services, onlyOpen, MaxQueueItems, cancellationToken));
    }

    public static async Task<Results<Ok<ConcernView>, NotFound>> FindAsync(Guid id, [AsParameters] CaseServices services, CancellationToken cancellationToken) =>
        await SafeguardingHandler.FindAsync(services, id, cancellationToken) is { } found ? TypedResults.Ok(found) : TypedResults.NotFound();

    public static async Task<Results<Ok<ConcernView>, NotFound, ValidationProblem, ProblemHttpResult>> DecideAsync(
        Guid id, [AsParameters] CaseServices services, CancellationToken cancellationToken)
    {
        DecisionInput? input = null;
        var (errors, problem) = await JsonBody.ReadObjectAsync(services.Http.Request, (body, _) =>
        {
            if (body is not null)
            {
                input = new DecisionInput(body.String("decision"), body.String("reference"), body.String("reason"));
                body.RejectUnknownFields();
            }
        }, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        // Who may decide, and whether the concern is still open, come before the body's mistakes: 404, then 409, then 400.
        // A body with mistakes of its own (wrong types, unknown fields) is only checked for those, and nothing is stored.
        var result = await SafeguardingHandler.DecideAsync(services, id, errors.IsEmpty ? input ?? new DecisionInput(null, null, null) : null, cancellationToken);
        switch (result.Status)
        {
            case ConcernStatus.NotFound:
                return TypedResults.NotFound();
            case ConcernStatus.Refused:
                return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "The concern is closed", detail: result.Detail);
            case ConcernStatus.Done:
                return TypedResults.Ok(result.Concern!);
            default:
                foreach (var (field, message) in result.Errors ?? new Dictionary<string, string>())
                {
                    if (!errors.Has(field))
                    {
                        errors.Add(field, message);
                    }
                }

                return TypedResults.ValidationProblem(errors.ToDictionary(), title: "The decision has mistakes");
        }
    }

    private static bool? Answered(JsonObjectReader body, string name, string message)
    {
        var value = body.Boolean(name);
        if (value is null && !body.Has(name))
        {
            body.Require(name, message);
        }

        return value;
    }
}

public sealed record ConcernRequest(string Subject, string Category, string Description, bool PersonAware, bool Consent, bool ImmediateDanger);

public sealed record DecisionRequest(string Decision, string? Reference, string Reason);

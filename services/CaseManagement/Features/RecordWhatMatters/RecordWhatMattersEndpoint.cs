using Microsoft.AspNetCore.Http.HttpResults;

namespace SocialPrescribing.CaseManagement.Features.RecordWhatMatters;

/// <summary>What matters to the person, in their words.</summary>
public static class RecordWhatMattersEndpoint
{
    public static RouteGroupBuilder MapRecordWhatMatters(this RouteGroupBuilder api)
    {
        api.MapPut("/what-matters", RecordWhatMatters)
            .WithName("RecordWhatMatters")
            .WithSummary("Record what matters to the person, in their words")
            .WithDescription("Body: { \"whatMatters\" } (up to 4,000 characters; empty clears it).")
            .Accepts<WhatMattersRequest>("application/json")
            .ProducesValidationProblem();
        return api;
    }

public static Task<Results<Ok<CaseView>, NotFound, ValidationProblem, ProblemHttpResult>> RecordWhatMatters(
        Guid id, [AsParameters] CaseServices services, CancellationToken cancellationToken) =>
        CaseRequests.WithBodyAsync(id, services, "What matters has mistakes", body =>
        {
            var text = body.String("whatMatters");
            return () => RecordWhatMattersHandler.RecordAsync(services, id, text, cancellationToken);
        }, cancellationToken);
}

public sealed record WhatMattersRequest(string? WhatMatters);

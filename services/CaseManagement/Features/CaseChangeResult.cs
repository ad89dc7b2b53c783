using Microsoft.AspNetCore.Http.HttpResults;

namespace SocialPrescribing.CaseManagement.Features;

/// <summary>How a change to a case went: done, or why not (in words a person can act on).</summary>
public sealed record CaseChangeResult(CaseChangeStatus Status, string? Title = null, string? Detail = null, string? Field = null,
    IReadOnlyDictionary<string, object?>? Extensions = null)
{
    public static readonly CaseChangeResult Done = new(CaseChangeStatus.Done);
    public static readonly CaseChangeResult NotFound = new(CaseChangeStatus.NotFound);

    /// <summary>The API's answer: the case after the change, 404, 400 naming the field, or a 409 problem.</summary>
    public async Task<Results<Ok<CaseView>, NotFound, ValidationProblem, ProblemHttpResult>> ToHttpAsync(CaseServices services, Guid id, CancellationToken cancellationToken) =>
        Status switch
        {
            CaseChangeStatus.Done => TypedResults.Ok((await CaseView.FindAsync(services.Db, services.Db.Cases.Where(c => c.Id == id), services.Time.GetUtcNow(), cancellationToken))!),
            CaseChangeStatus.NotFound => TypedResults.NotFound(),
            CaseChangeStatus.Invalid => TypedResults.ValidationProblem(new Dictionary<string, string[]> { [Field!] = [Detail!] }, title: Title),
            _ => TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: Title, detail: Detail, extensions: Extensions),
        };
}

public enum CaseChangeStatus
{
    Done,
    NotFound,

    /// <summary>Something given is wrong (400, naming the field).</summary>
    Invalid,

    /// <summary>The case cannot take the change as it stands (409).</summary>
    Refused,
}

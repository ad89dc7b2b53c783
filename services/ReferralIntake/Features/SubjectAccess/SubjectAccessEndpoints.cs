using Microsoft.AspNetCore.Http.HttpResults;
using SocialPrescribing.Authorization;

namespace SocialPrescribing.ReferralIntake.Features.SubjectAccess;

public static class SubjectAccessEndpoints
{
    public static RouteGroupBuilder MapSubjectAccess(this RouteGroupBuilder people)
    {
        people.MapPost("/{id:guid}/access-requests", Start)
            .WithName("StartSubjectAccessExport")
            .WithSummary("Start a subject access export of everything the suite holds about the person: every service contributes; ready within a minute (managers; audited)")
            .RequireAuthorization(AccessPolicies.PersonManager)
            .ReturnsRecords(RecordScope.None)
            .Produces<AccessRequestView>(StatusCodes.Status202Accepted)
            .ProducesProblem(StatusCodes.Status404NotFound);
        people.MapGet("/{id:guid}/access-requests/{requestId:guid}", Get)
            .WithName("GetSubjectAccessExport")
            .WithSummary("Where a subject access export stands: pending, ready or expired, and each service's part (managers)")
            .RequireAuthorization(AccessPolicies.PersonManager)
            .ReturnsRecords(RecordScope.None)
            .ProducesProblem(StatusCodes.Status404NotFound);
        foreach (var (format, html, what) in new[] { ("json", false, "one JSON document"), ("html", true, "one printable page") })
        {
            people.MapGet($"/{{id:guid}}/access-requests/{{requestId:guid}}/export.{format}", (Guid id, Guid requestId, HttpContext http, SubjectAccessHandler handler, CancellationToken ct) =>
                    DownloadAsync(id, requestId, html, http, handler, ct))
                .WithName(html ? "DownloadSubjectAccessPage" : "DownloadSubjectAccessJson")
                .WithSummary($"The export as {what}: once, by the manager who asked, within 30 days (audited)")
                .RequireAuthorization(AccessPolicies.PersonManager)
                .ReturnsRecords(RecordScope.None)
                .ProducesProblem(StatusCodes.Status404NotFound)
                .ProducesProblem(StatusCodes.Status409Conflict)
                .ProducesProblem(StatusCodes.Status410Gone);
        }

        return people;
    }

    public static async Task<IResult> Start(Guid id, HttpContext http, SubjectAccessHandler handler, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(handler);
        return await handler.StartAsync(id, http, cancellationToken) is { } started
            ? TypedResults.Accepted($"/api/people/{id}/access-requests/{started.Id}", started)
            : TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such person");
    }

    public static async Task<Results<Ok<AccessRequestView>, ProblemHttpResult>> Get(Guid id, Guid requestId, SubjectAccessHandler handler, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(handler);
        return await handler.ReadAsync(id, requestId, cancellationToken) is { } request
            ? TypedResults.Ok(request)
            : TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such export");
    }

    private static async Task<IResult> DownloadAsync(Guid id, Guid requestId, bool html, HttpContext http, SubjectAccessHandler handler, CancellationToken cancellationToken)
    {
        var (outcome, content) = await handler.DownloadAsync(id, requestId, html, http, cancellationToken);
        return outcome switch
        {
            DownloadOutcome.Ready => TypedResults.File(System.Text.Encoding.UTF8.GetBytes(content!), html ? "text/html; charset=utf-8" : "application/json",
                $"subject-access-{requestId}.{(html ? "html" : "json")}"),
            DownloadOutcome.NotFound => TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such export"),
            DownloadOutcome.NotYours => TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Only the manager who asked may download it",
                detail: "Start a new export if you need one."),
            DownloadOutcome.NotReady => TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Not ready yet",
                detail: "Some services have not sent their part yet: try again in a minute."),
            _ => TypedResults.Problem(statusCode: StatusCodes.Status410Gone, title: "No longer available",
                detail: "An export can be downloaded once in each format, within 30 days. Start a new export if you need another copy."),
        };
    }
}

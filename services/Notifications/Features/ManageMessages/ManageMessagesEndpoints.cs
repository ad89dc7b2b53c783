using Microsoft.AspNetCore.Http.HttpResults;
using SocialPrescribing.Authorization;

namespace SocialPrescribing.Notifications.Features.ManageMessages;

/// <summary>The managers' list of messages that did not arrive, and sending one again (<see cref="ManageMessagesHandler"/>).</summary>
public static class ManageMessagesEndpoints
{
    public static WebApplication MapManageMessages(this WebApplication app)
    {
        var group = app.MapGroup("/api/notifications/notices").WithTags("Messages");
        group.MapGet("/", ListAsync).WithName("ListUnarrivedNotices")
            .WithSummary("Messages that failed or were undelivered, newest first (status=failed or undelivered for one of them)")
            .RequireAuthorization(AccessPolicies.MessageManager)
            .ReturnsRecords(RecordScope.None);
        group.MapPost("/{id:guid}/resend", ResendAsync).WithName("ResendNotice")
            .WithSummary("Sends a failed or undelivered message again, to the person's contact as it is now")
            .RequireAuthorization(AccessPolicies.MessageManager);
        return app;
    }

    public static async Task<Results<Ok<UnarrivedNotices>, ProblemHttpResult>> ListAsync(
        string? status, ManageMessagesHandler handler, CancellationToken cancellationToken)
    {
        if (status is not null && !ManageMessagesHandler.Unarrived.Contains(status))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Unknown status",
                detail: "status must be failed or undelivered (or left out for both).",
                extensions: new Dictionary<string, object?> { ["errors"] = new Dictionary<string, string[]> { ["status"] = ["It is not failed or undelivered."] } });
        }

        return TypedResults.Ok(new UnarrivedNotices(await handler.ListAsync(status, cancellationToken)));
    }

    public static async Task<Results<Ok<NoticeView>, ProblemHttpResult>> ResendAsync(Guid id, ManageMessagesHandler handler, CancellationToken cancellationToken)
    {
        var (notice, status, problem) = await handler.ResendAsync(id, cancellationToken);
        return notice is not null
            ? TypedResults.Ok(notice)
            : TypedResults.Problem(statusCode: status, title: status == StatusCodes.Status404NotFound ? "No such message" : "It cannot be sent again", detail: problem);
    }
}

public sealed record UnarrivedNotices(IReadOnlyList<NoticeView> Notices);

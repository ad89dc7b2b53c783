using Microsoft.AspNetCore.Http.HttpResults;

namespace SocialPrescribing.CaseManagement.Features.WriteNote;

/// <summary>A note on the case.</summary>
public static class WriteNoteEndpoint
{
    public static RouteGroupBuilder MapWriteNote(this RouteGroupBuilder api)
    {
        api.MapPost("/notes", WriteNote)
            .WithName("WriteNote")
            .WithSummary("Add a note to the case (up to 10,000 characters)")
            .Accepts<NoteRequest>("application/json")
            .ProducesValidationProblem();
        return api;
    }

public static Task<Results<Ok<CaseView>, NotFound, ValidationProblem, ProblemHttpResult>> WriteNote(
        Guid id, [AsParameters] CaseServices services, CancellationToken cancellationToken) =>
        CaseRequests.WithBodyAsync(id, services, "The note has mistakes", body =>
        {
            var text = body.String("text");
            return () => WriteNoteHandler.WriteAsync(services, id, text, cancellationToken);
        }, cancellationToken, maxBytes: 128 * 1024);
}

public sealed record NoteRequest(string Text);

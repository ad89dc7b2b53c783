using SocialPrescribing.Authentication;

namespace SocialPrescribing.CaseManagement.Features.WriteNote;

/// <summary>Writing a note, for the API and the case page alike.</summary>
public static class WriteNoteHandler
{
    public static Task<CaseChangeResult> WriteAsync(CaseServices services, Guid id, string? text, CancellationToken cancellationToken) =>
        services.ChangeAsync(id, found => found.WriteNote(text, services.Http.Actor(), services.Time.GetUtcNow()), cancellationToken);
}

using SocialPrescribing.CaseManagement.Model;
using SocialPrescribing.Authentication;

namespace SocialPrescribing.CaseManagement.Features.RecordContact;

/// <summary>Recording a contact attempt, for the API and the case page alike.</summary>
public static class RecordContactHandler
{
    public static Task<CaseChangeResult> RecordAsync(
        CaseServices services, Guid id, DateTimeOffset? at, string? mode, string? outcome, Guid? appointmentId, string? note, CancellationToken cancellationToken) =>
        services.ChangeAsync(id, found =>
        {
            var now = services.Time.GetUtcNow();
            found.RecordContact(new ContactRecord(at, mode, outcome, appointmentId, note, now), services.Http.Actor(), now);
        }, cancellationToken);
}

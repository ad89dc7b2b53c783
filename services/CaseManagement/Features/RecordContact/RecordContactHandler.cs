using SocialPrescribing.CaseManagement.Model;
using SocialPrescribing.Authentication;

namespace SocialPrescribing.CaseManagement.Features.RecordContact;

/// <summary>Recording a contact attempt, for the API and the case page alike.</summary>
public static class RecordContactHandler
{
    /// <summary>Records the contact; <paramref name="risk"/> (the person disclosed a risk) makes the case urgent again with a same-day review.</summary>
    public static Task<CaseChangeResult> RecordAsync(
        CaseServices services, ContactTargets targets, Guid id, DateTimeOffset? at, string? mode, string? outcome, Guid? appointmentId, string? note, bool risk,
        CancellationToken cancellationToken) =>
        services.ChangeAsync(id, found =>
        {
            var now = services.Time.GetUtcNow();
            found.RecordContact(new ContactRecord(at, mode, outcome, appointmentId, note, now, risk), services.Http.Actor(), now, targets);
        }, cancellationToken);
}

namespace SocialPrescribing.CaseManagement.Features.RecordWhatMatters;

/// <summary>Recording what matters to the person, for the API and the case page alike.</summary>
public static class RecordWhatMattersHandler
{
    public static Task<CaseChangeResult> RecordAsync(CaseServices services, Guid id, string? text, CancellationToken cancellationToken) =>
        services.ChangeAsync(id, found => found.RecordWhatMatters(text, services.Time.GetUtcNow()), cancellationToken);
}

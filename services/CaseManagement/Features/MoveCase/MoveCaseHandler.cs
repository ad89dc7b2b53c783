using SocialPrescribing.CaseManagement.Model;
using SocialPrescribing.Authentication;

namespace SocialPrescribing.CaseManagement.Features.MoveCase;

/// <summary>Moving a case along the journey (or to an exit), for the API and the case page alike.</summary>
public static class MoveCaseHandler
{
    public static Task<CaseChangeResult> MoveAsync(CaseServices services, Guid id, CaseStep to, string? reason, CancellationToken cancellationToken) =>
        services.ChangeAsync(id, found => Task.FromResult(found.MoveTo(to, services.Http.Actor(), reason, services.Time.GetUtcNow())), cancellationToken);
}

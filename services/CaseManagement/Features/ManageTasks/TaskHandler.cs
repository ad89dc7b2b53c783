using SocialPrescribing.Authentication;

namespace SocialPrescribing.CaseManagement.Features.ManageTasks;

/// <summary>Setting and completing tasks, for the API and the case page alike.</summary>
public static class TaskHandler
{
    public static Task<CaseChangeResult> SetAsync(CaseServices services, Guid id, string? description, DateTimeOffset dueBy, CancellationToken cancellationToken) =>
        services.ChangeAsync(id, found => found.SetTask(description, dueBy, services.Http.Actor(), services.Time.GetUtcNow()), cancellationToken);

    public static Task<CaseChangeResult> CompleteAsync(CaseServices services, Guid id, Guid taskId, CancellationToken cancellationToken) =>
        services.ChangeAsync(id, found => found.CompleteTask(taskId, services.Http.Actor(), services.Time.GetUtcNow()), cancellationToken);
}
